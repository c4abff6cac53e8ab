"""Sessions waiting to go into the journal: played while another program held it the whole time.

The terminal keeps a session in memory while the journal is busy and tries again at the end.
When a backup or sync client still holds the file then, the meeting used to be lost ("deze
sessie is niet opgeslagen"). Now it is *parked*: written as one JSON file in ``waiting/`` beside
the journal, and taken into the journal the next time any command or the window opens it; the
file is removed only once the journal holds the session.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from engine.scenario.errors import SaveError, ScenarioError
from simulator.safewrite import atomic_write

if TYPE_CHECKING:
    from engine import Session

log = logging.getLogger(__name__)

FOLDER = "waiting"
MAX_FILE_BYTES = 32 * 1024 * 1024  # a session's data is far smaller; anything bigger is not ours


def waiting_folder(journal_path: Path) -> Path:
    return journal_path.parent / FOLDER


def park(journal_path: Path, session: Session, start: dict[str, Any]) -> Optional[Path]:
    """Write ``session`` (with ``Journal.start``'s arguments) to wait for the journal; the file,
    or None when even that could not be written."""
    folder = waiting_folder(journal_path)
    target = folder / f"{int(time.time())}-{uuid.uuid4().hex[:8]}.json"
    record = {"start": start, "data": session.to_data()}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return atomic_write(target, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        log.warning("session could not be parked in %s: %s", folder, exc)
        return None


def adopt_waiting(journal: Any) -> int:
    """Take every parked session into ``journal`` (oldest first); how many. A file that can't be
    read stays where it is (said once in the log): nothing parked is ever thrown away."""
    folder = waiting_folder(journal.path)
    if not folder.is_dir():
        return 0
    # Only now the loader and the rules: a window's warm start opens the journal before any
    # scenario is read, and must not pay for them (``test_startup``).
    from engine import Session, load_scenario
    taken = 0
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(_read_regular(path).decode("utf-8"))
            start = dict(record["start"])
            scenario = load_scenario(str(start["scenario_path"]))
            session = Session.from_data(scenario, record["data"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError, SaveError, ScenarioError) as exc:
            log.warning("waiting session %s can't be taken into the journal: %s", path, exc)
            continue
        # Claimed first (renamed), so a file that can't be removed afterwards is never taken twice.
        claimed = path.with_suffix(".taking")
        try:
            path.rename(claimed)
        except OSError as exc:
            log.warning("waiting session %s can't be taken into the journal (it can't be moved: %s)", path, exc)
            session.close()
            continue
        try:
            journal.start(session, **start)
        except Exception as exc:  # (busy again, or anything else: it waits for the next time)
            log.warning("waiting session %s not taken into the journal yet: %s", path, exc)
            session.close()
            try:
                claimed.rename(path)
            except OSError:
                pass
            return taken
        session.close()
        try:
            claimed.unlink()
        except OSError as exc:  # (its ".taking" name is never read again: taken once)
            log.warning("taken into the journal, but %s can't be removed: %s", claimed, exc)
        taken += 1
    return taken


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``; a pipe, a device or a link to
    one is refused without waiting on it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError("too large")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError("too large")
    return data
