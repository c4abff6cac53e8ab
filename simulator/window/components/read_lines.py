"""Which lines the trainee has read before: what "skip to the next decision" may pass over.

A line counts as read when it was shown in an earlier session of the same scenario (the
journal keeps every transcript), in the first attempt a replay started from, or earlier
in this session. A line is known by its node, its variant and its text, so an edited
line is new again. The journal is only read, once per playthrough, and at most the
``RECENT`` latest sessions of the scenario.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any, Hashable, Iterable, Optional

from engine import Session
from engine.scenario.errors import SaveError
from simulator.journal import JournalError

log = logging.getLogger(__name__)

RECENT = 40


def line_key(line: Any) -> Hashable:
    """A line as ``Session.line`` / ``Session.line_of`` give it."""
    return (line.node_id, line.variant, tuple(sorted(line.text.variants.items())))


class ReadLines:
    def __init__(self, keys: Iterable[Hashable] = ()):
        self.keys: set[Hashable] = set(keys)

    def add(self, line: Any) -> None:
        if line is not None:
            self.keys.add(line_key(line))

    def __contains__(self, line: Any) -> bool:
        return line is not None and line_key(line) in self.keys

    def add_session(self, session: Any) -> None:
        for entry in session.state.transcript:
            if entry.kind == "line":
                try:
                    self.add(session.line_of(entry))
                except (KeyError, IndexError):  # a line the scenario no longer has
                    continue


def _from_journal(play: Any, into: ReadLines) -> None:
    journal, scenario = play.journal, play.scenario
    try:
        records = [r for r in journal.sessions(scenario.id) if r.id != play.session_id][:RECENT]
    except JournalError as exc:
        log.warning("can't read earlier sessions: %s", exc)
        return
    for record in records:
        try:
            session = Session.from_data(scenario, journal.load_data(record.id))
        except (JournalError, SaveError, ValueError, KeyError, TypeError) as exc:
            log.info("session %s not read for skipping: %s", record.id, exc)
            continue
        try:
            into.add_session(session)
        finally:
            session.close()


_memory: "weakref.WeakKeyDictionary[Any, ReadLines]" = weakref.WeakKeyDictionary()


def read_lines_for(play: Any) -> ReadLines:
    """The lines this playthrough's trainee has read before (looked up once per playthrough)."""
    found: Optional[ReadLines] = _memory.get(play)
    if found is None:
        found = ReadLines()
        if play.journal is not None:
            _from_journal(play, found)
        parent = getattr(play, "parent", None)
        if parent is not None:
            found.add_session(parent.session)
        _memory[play] = found
    return found
