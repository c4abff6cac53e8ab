"""The journal's file: a SQLite database that keeps every write, whatever happens to the laptop.

A trainee's work must survive a crash, a closed laptop or a pulled plug, so each write is
its own transaction with ``synchronous=FULL`` (the rollback journal makes a half-written
step vanish, never corrupt the rest).

A file that is not our journal (corrupt, or some other program's database) is moved
aside as ``journal.sqlite3.corrupt-<timestamp>`` and a fresh journal started; the
caller shows ``notice`` (one line) to the user. A journal from a *newer* Tussenwerker is
never touched: opening it raises ``JournalError``. A file from an older Tussenwerker is
migrated in place the first time it is opened (``journal_schema``).

Saving never gives up. The connection waits ``BUSY_TIMEOUT`` for a lock another program
holds (a backup or sync client), then retries with backoff (``RETRY_DELAYS``). A write
that still can't be made — busy, disk full, read-only — is kept in memory and raised as
``SaveBehind`` (which names the cause); the next write sends it along in the same
transaction, so one step later nothing is missing. Only the caller decides what to tell
the trainee (once), and nothing here ever turns saving off.

What the rows mean (sessions, ratings, the xAPI outbox) is ``simulator.journal``'s.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Optional, Sequence, TypeVar

from simulator.journal_schema import MIGRATIONS, OUTBOX_SINCE, SCHEMA, SCHEMA_VERSION, mend_outbox, migrate
from simulator.places import journal_path

Statement = tuple[str, tuple[Any, ...]]
_Self = TypeVar("_Self", bound="JournalFile")

APPLICATION_ID = 0x54575752  # "TWWR": marks the file as a Tussenwerker journal
SIDE_FILES = ("-journal", "-wal", "-shm")  # SQLite's companions, moved along with the file

BUSY_TIMEOUT = 1.0  # seconds SQLite itself waits for a lock before saying "busy"
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)  # then a few more tries, further and further apart
OPEN_RETRY_DELAYS = (0.1, 0.3, 0.6, 1.2)  # opening a file another program has locked
MAX_SQLITE_INT = 2**63 - 1



@functools.lru_cache(maxsize=1)
def _SESSION_COLUMNS() -> frozenset:  # noqa: N802 (a constant, worked out once)
    """The columns a journal of this version has in its sessions table."""
    db = sqlite3.connect(":memory:")
    try:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        return frozenset(r[1] for r in db.execute("PRAGMA table_info(sessions)"))
    finally:
        db.close()

class JournalError(Exception):
    """The journal can't be used; ``str()`` is one line that names the file."""


class _Busy(Exception):
    """Opening found the file locked by another program (retried by ``JournalFile.__init__``)."""


class WriteFailed(JournalError):
    """A write the journal didn't take; ``cause`` is ``busy``, ``disk full``, ``read-only`` or ``error``."""

    def __init__(self, message: str, cause: str):
        super().__init__(message)
        self.cause = cause


class SaveBehind(WriteFailed):
    """A write that couldn't be made now; it is kept and sent with the next write."""


def _cause(exc: sqlite3.Error) -> str:
    """What kind of trouble a failed write is, in the words the trainee gets to read."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return "busy"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "disk full"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "read-only"
    return "error"


_CAUSE_WORDS = {
    "busy": "busy: another program is using the journal",
    "disk full": "disk full",
    "read-only": "read-only: the journal can't be written",
    "error": "error",
}


def _is_corruption(exc: sqlite3.Error) -> bool:
    """Damage (not a database, malformed) as opposed to a busy or read-only file."""
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


class JournalFile:
    """One journal file, open; every write goes through ``_write`` or ``_write_later``."""

    def __init__(self, path: Optional[Path] = None):
        self.path = Path(path) if path is not None else journal_path()
        self.notice: Optional[str] = None  # one line for the user when the old file was moved aside
        self._db: Optional[sqlite3.Connection] = None
        # Writes that failed, oldest first, by what they write: a later write of the same
        # thing (the next step's state) replaces the earlier one.
        self._pending: dict[tuple[str, int], list[Statement]] = {}
        self.retry_delays: tuple[float, ...] = RETRY_DELAYS
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._error(f"can't create the folder ({exc.strerror or exc})") from None
        delays = iter(OPEN_RETRY_DELAYS)
        while self._db is None:
            try:
                self._db = self._open()
            except _Busy as busy:  # another program has the file locked right now: wait a little
                delay = next(delays, None)
                if delay is None:
                    raise WriteFailed(str(self._error(f"can't open the session journal: {_CAUSE_WORDS['busy']} "
                                                      f"({busy})")), "busy") from None
                time.sleep(delay)

    # -- opening -----------------------------------------------------------
    def _error(self, message: str) -> JournalError:
        return JournalError(f"{self.path}: {' '.join(message.split())}")

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(f"can't open the session journal ({exc})") from None
        db.row_factory = sqlite3.Row
        return db

    def _open(self) -> sqlite3.Connection:
        db = self._connect()
        try:
            problem = self._inspect(db)
        except sqlite3.Error as exc:
            db.close()
            if _cause(exc) == "busy":
                raise _Busy(str(exc)) from None
            if not _is_corruption(exc):
                raise self._error(f"can't read the session journal ({exc})") from None
            problem = f"damaged ({exc})"
        if problem is None:
            return db
        db.close()
        aside = self._move_aside()
        self.notice = str(self._error(
            f"not a usable session journal ({problem}); moved aside to {aside.name}, started a new one"))
        db = self._connect()
        try:
            if self._inspect(db) is not None:
                raise self._error("can't start a new session journal")
        except sqlite3.Error as exc:
            db.close()
            raise self._error(f"can't start a new session journal ({exc})") from None
        return db

    def _inspect(self, db: sqlite3.Connection) -> Optional[str]:
        """Set up a new file or check an existing one; returns why it's unusable, else None."""
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == 0 and not tables:
            if self._create(db):
                return None
            return self._inspect(db)  # another process created it meanwhile: check theirs
        if app_id != APPLICATION_ID:
            return "another program's database"
        if version < min(MIGRATIONS, default=SCHEMA_VERSION):  # (no Tussenwerker wrote these: a hand or a tool did)
            return f"an unknown schema version ({version})"
        if version > SCHEMA_VERSION:
            db.close()
            raise self._error(f"the session journal is from a newer Tussenwerker (schema {version}); "
                              f"update Tussenwerker to use it")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            return f"damaged: {check}"
        if "sessions" not in tables:
            return "the sessions table is missing"
        self._migrate(db, version)
        missing = _SESSION_COLUMNS() - {r[1] for r in db.execute("PRAGMA table_info(sessions)")}
        if missing:  # (a tool or a hand dropped one: every save would fail, and the sessions with it)
            return f"the sessions table lacks {', '.join(sorted(missing))}"
        if "outbox" not in tables and version >= OUTBOX_SINCE:  # (an older file gets it by migrating)
            try:
                mend_outbox(db)
            except sqlite3.Error as exc:
                raise self._error(f"can't lay out the session journal's outbox again ({exc})") from None
        db.execute("PRAGMA synchronous = FULL")
        return None

    def _create(self, db: sqlite3.Connection) -> bool:
        """Lay out a new, empty file; False if someone else got there first."""
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("BEGIN IMMEDIATE")
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            db.execute("ROLLBACK")
            return False
        try:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except sqlite3.Error:
            db.execute("ROLLBACK")
            raise
        return True

    def _migrate(self, db: sqlite3.Connection, version: int) -> None:
        try:
            migrate(db, version)
        except sqlite3.Error as exc:
            raise self._error(f"can't update the session journal from schema {version} ({exc})") from None

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(self.path, aside)
            # A leftover rollback journal must never be replayed into the new file.
            for suffix in SIDE_FILES:
                side = Path(str(self.path) + suffix)
                if side.exists():
                    os.replace(side, Path(str(aside) + suffix))
        except OSError as exc:
            raise self._error(f"is damaged and can't be moved aside ({exc.strerror or exc})") from None
        return aside

    # -- writing -----------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise self._error("the session journal is closed")
        return self._db

    def _check(self, params: tuple[Any, ...]) -> None:
        """Numbers SQLite can't hold are ids no session has (``debrief 99999999999999999999``)."""
        for value in params:
            if type(value) is int and not -MAX_SQLITE_INT <= value <= MAX_SQLITE_INT:
                raise self._error(f"there is no session {value}")

    def _transaction(self, statements: list[tuple[str, tuple[Any, ...]]]) -> list[sqlite3.Cursor]:
        """Run ``statements`` in one write transaction, retrying a busy journal with backoff."""
        db = self.db
        delays = iter(self.retry_delays)
        while True:
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    cursors = [db.execute(sql, params) for sql, params in statements]
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
                return cursors
            except sqlite3.Error as exc:
                delay = next(delays, None) if _cause(exc) == "busy" else None
                if delay is None:
                    raise
                time.sleep(delay)

    def _write(self, sql: str, params: tuple[Any, ...], extra: Sequence[Statement] = ()) -> sqlite3.Cursor:
        """One write now (and ``extra`` after it), with whatever is pending; a failure raises (nothing is kept).
        Returns the cursor of ``sql``."""
        self._check(params)
        pending = [s for group in self._pending.values() for s in group]
        try:
            cursors = self._transaction(pending + [(sql, params)] + list(extra))
        except sqlite3.Error as exc:
            cause = _cause(exc)
            raise WriteFailed(str(self._error(f"can't save the session: {_CAUSE_WORDS[cause]} ({exc})")),
                              cause) from None
        except UnicodeEncodeError:
            raise self._error("can't save the session: text that isn't valid UTF-8") from None
        self._pending.clear()
        self._written(pending + list(extra))
        return cursors[len(pending)]

    def _write_later(self, key: tuple[str, int], sql: str, params: tuple[Any, ...],
                     extra: Sequence[Statement] = ()) -> Optional[sqlite3.Cursor]:
        """Write now with everything pending; if the journal won't take it, keep it for the next
        write and raise ``SaveBehind``. Returns this write's cursor when it went through.
        ``extra`` (the step's statements) goes in the same transaction, and is kept with it."""
        self._check(params)
        self._pending.pop(key, None)
        self._pending[key] = [(sql, params), *extra]
        return self.flush(key)

    def flush(self, key: Optional[tuple[str, int]] = None) -> Optional[sqlite3.Cursor]:
        """Send every pending write (one transaction); ``SaveBehind`` if they are still behind.
        Returns the cursor of the first statement of ``key``'s write (else of the last write)."""
        if not self._pending:
            return None
        statements: list[Statement] = []
        at = 0
        for k, group in self._pending.items():
            if k == key or key is None:
                at = len(statements)
            statements.extend(group)
        try:
            cursors = self._transaction(statements)
        except sqlite3.Error as exc:
            cause = _cause(exc)
            raise SaveBehind(str(self._error(f"can't save the session now: {_CAUSE_WORDS[cause]} ({exc})")),
                             cause) from None
        self._pending.clear()
        self._written(statements)
        return cursors[at]
    def _written(self, statements: list[Statement]) -> None:
        """Called with the statements of every transaction that went through (see ``Journal``)."""

    @property
    def behind(self) -> int:
        """How many writes are waiting for the journal to take them."""
        return len(self._pending)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        self._check(params)
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(f"can't read the session journal ({exc})") from None

    def close(self) -> None:
        """Close, after one last try at anything still pending (callers report what stays behind)."""
        if self._db is not None:
            try:
                self.flush()
            except JournalError:
                pass
            self._db.close()
            self._db = None

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
