"""Writing a file the user named, without ever destroying something they didn't mean to.

Every file the command line writes (debrief exports, the trainer CSV, graphs, plans, a
starter scenario, the regenerated schema) goes through ``write_output``:

- An existing file is only replaced with ``--force``, or after a "yes" on a terminal.
- Some files are never a target, ``--force`` or not: the session journal with its SQLite
  companions (``-wal``, ``-shm``, ``-journal``) and the copies moved aside as damaged, any
  SQLite database, the settings file, and scenarios (``.yaml``/``.yml``, anything in a
  scenario folder). They are recognised by what the path *is* — the resolved path and the
  file's device and inode — so a symlink, a hard link or ``..`` can't dress one up.
- The bytes go to a temporary file created in the target's own folder with an
  unpredictable name (``O_EXCL|O_NOFOLLOW``, so nothing planted there is followed), get the
  replaced file's permissions, are flushed to disk, and only then renamed over the
  target: a crash, a full disk or a kill leaves the old file whole. A full disk is called
  "disk full" in the message.

``atomic_write`` is the last step alone, for files the program owns (the settings file).
Every refusal or failure is a ``WriteRefused`` whose ``str()`` is one line naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from simulator import places

Data = Union[str, bytes]
SCENARIO_SUFFIXES = (".yaml", ".yml")
SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite's companions of a database file, and the journal's name for a damaged file moved aside.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
ASIDE_MARK = ".corrupt-"
FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class WriteRefused(Exception):
    """The file was not written; ``str()`` is one line naming it and saying why."""


# -- what is never a target ---------------------------------------------------------------
def _real(path: Path) -> Path:
    """The path with every symlink and ``..`` resolved (as far as it exists)."""
    return Path(os.path.realpath(path))


def _identity(path: Path) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _journal_family(journal: Path) -> Iterable[Path]:
    """The journal, its SQLite companions and its moved-aside copies (with theirs)."""
    yield journal
    for suffix in SIDE_SUFFIXES:
        yield Path(str(journal) + suffix)
    try:
        yield from journal.parent.glob(journal.name + ASIDE_MARK + "*")
    except OSError:
        return


def _is_journal_name(real: Path, journal: Path) -> bool:
    if real.parent != journal.parent:
        return False
    name, base = real.name, journal.name
    return name == base or name in (base + s for s in SIDE_SUFFIXES) or name.startswith(base + ASIDE_MARK)


def _looks_like_sqlite(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
    finally:
        os.close(fd)


def protected_reason(path: Union[str, Path], allow_scenario: bool = False) -> Optional[str]:
    """Why ``path`` may never be written by an export (None: it may).

    ``allow_scenario``: the target is meant to be a scenario (``new``): scenario files are
    allowed then, the journal and the settings still never are.
    """
    given = Path(path)
    real = _real(given)
    target_id = _identity(real)

    journal = _real(places.journal_path())
    if _is_journal_name(real, journal):
        return "that is the session journal (or one of its files); choose another name"
    family = [_real(p) for p in _journal_family(journal)]
    if target_id is not None and target_id in {_identity(p) for p in family}:
        return "that is the session journal (or one of its files); choose another name"
    if target_id is not None and _looks_like_sqlite(real):
        return "that file is a database (a session journal?); choose another name"

    settings = _real(places.settings_path())
    if real == settings or (target_id is not None and target_id == _identity(settings)):
        return "that is Tussenwerker's settings file; choose another name"

    if allow_scenario:
        return None
    if given.suffix.lower() in SCENARIO_SUFFIXES or real.suffix.lower() in SCENARIO_SUFFIXES:
        return "that is a scenario file (.yaml/.yml); exports never replace a scenario"
    for folder in [places.scenario_dir()]:
        folder_real = _real(folder)
        if folder_real == real.parent or folder_real in real.parents:
            return f"that is inside the scenario folder {folder}; write it somewhere else"
        if target_id is not None and folder_real.is_dir():
            try:
                members = list(folder_real.iterdir())
            except OSError:
                members = []
            if target_id in {_identity(p) for p in members}:
                return "that file is a scenario (a link to one); exports never replace a scenario"
    return None


# -- writing -----------------------------------------------------------------------------
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _why(exc: OSError) -> str:
    if exc.errno in FULL_ERRNOS:
        return "disk full"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return exc.strerror or str(exc)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Union[str, Path], data: Data, shown: Optional[str] = None) -> Path:
    """Replace (or create) ``path`` with ``data`` all at once; the old file survives any failure.

    A symlink is written through: the file it points to is replaced, in that file's folder.
    Raises ``WriteRefused`` (one line, naming ``shown`` or the path).
    """
    label = shown if shown is not None else str(path)
    target = _real(Path(path))
    folder = target.parent
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise WriteRefused(f"{label}: can't write: {_why(exc)}") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise WriteRefused(f"{label}: can't write: it is not a regular file")
    if not folder.is_dir():
        raise WriteRefused(f"{label}: can't write: folder {folder} not found")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteRefused(f"{label}: can't write: {_why(exc)}") from None
    tmp = Path(tmp_name)
    try:
        try:
            mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
            os.fchmod(fd, mode) if hasattr(os, "fchmod") else os.chmod(tmp, mode)
            view = memoryview(raw)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        kept = " (the existing file is unchanged)" if existing is not None else ""
        raise WriteRefused(f"{label}: can't write: {_why(exc)}{kept}") from None
    _fsync_dir(folder)
    return target


def ask_on_terminal(prompt: str) -> bool:
    """Ask yes/no when a person is at a terminal; anything else (a script, a pipe) is "no"."""
    try:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            return False
        sys.stderr.write(prompt)
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except (OSError, ValueError, AttributeError):
        return False
    return answer.strip().lower() in ("y", "yes", "j", "ja")


def write_output(path: Union[str, Path], data: Data, force: bool = False, allow_scenario: bool = False,
                 ask: Optional[Callable[[str], bool]] = None) -> Path:
    """Write a file the user named on the command line, by the rules in this module's docstring.

    ``ask`` (default: ``ask_on_terminal``) decides about an existing file without ``force``.
    """
    label = str(path)
    if "\x00" in label:
        raise WriteRefused(f"{label!r}:1:1: won't write: a file name can't contain a NUL character")
    reason = protected_reason(path, allow_scenario)
    if reason is not None:
        raise WriteRefused(f"{label}:1:1: won't write: {reason}")
    if os.path.isdir(path):  # (no question and no --force can make a folder a file)
        raise WriteRefused(f"{label}:1:1: won't write: it is a folder; name a file in it")
    if os.path.lexists(path) and not force:
        decide = ask or ask_on_terminal
        if not decide(f"{label} already exists. Replace it? [y/N] "):
            raise WriteRefused(f"{label}:1:1: already exists; choose another name or add --force")
    return atomic_write(path, data, label)
