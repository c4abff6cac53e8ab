"""The session journal: every playthrough saved to SQLite after every step.

A trainee's work must survive a crash, a closed laptop or a pulled plug, so each
answer, choice and advance is written in its own transaction with
``synchronous=FULL`` (the rollback journal makes a half-written step vanish, never
corrupt the rest). The row keeps the engine's versioned ``Session.to_data()`` JSON
plus a few columns for listings (ending, overall score), so ``sessions`` and trainer
reports don't have to load every scenario.

A file that is not our journal (corrupt, or some other program's database) is moved
aside as ``journal.sqlite3.corrupt-<timestamp>`` and a fresh journal started; the
caller shows ``Journal.notice`` (one line) to the user. A journal from a *newer*
Tussenwerker is never touched: opening it raises ``JournalError``.

Saving never gives up. The connection waits ``BUSY_TIMEOUT`` for a lock another program
holds (a backup or sync client), then retries with backoff (``RETRY_DELAYS``). A write
that still can't be made — busy, disk full, read-only — is kept in memory and raised as
``SaveBehind`` (which names the cause); the next write sends it along in the same
transaction, so one step later nothing is missing. Only the caller decides what to tell
the trainee (once), and nothing here ever turns saving off.

A file from an older Tussenwerker is migrated in place the first time it is opened,
keeping every session (the layout and its history: ``journal_schema``). Besides the
playthrough, a row holds the trainee's self-rating and, for a replay from a decision,
which decision of which session it started at.

While a Learning Record Store is configured (``simulator.xapi.config``), every step also
writes its xAPI statements to the ``outbox`` table in the step's own transaction
(``simulator.xapi.outbox``); the background sender delivers them. Writing statements never
stops a step from being saved: a statement that can't be made is logged and left out.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from engine import Scenario, Session
from engine.debrief.progress import Attempt
from engine.debrief.selfrating import SelfRating
from engine.play.scoring import totals as score_totals
from engine.scenario.errors import SaveError
from simulator.journal_schema import SCHEMA, SCHEMA_VERSION, migrate
from simulator.places import journal_path
from simulator.retention import purge_own_words
from simulator.xapi.config import load_quietly
from simulator.xapi.outbox import Drafter, deletion_sql

log = logging.getLogger(__name__)
Statement = tuple[str, tuple[Any, ...]]

APPLICATION_ID = 0x54575752  # "TWWR": marks the file as a Tussenwerker journal
SIDE_FILES = ("-journal", "-wal", "-shm")  # SQLite's companions, moved along with the file

_COLUMNS = ("id, scenario_id, scenario_path, language, started_at, updated_at, finished, ending, "
            "overall, parent_id, trainee, steps, totals, branch_index, scenario_digest")


BUSY_TIMEOUT = 1.0  # seconds SQLite itself waits for a lock before saying "busy"
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)  # then a few more tries, further and further apart
OPEN_RETRY_DELAYS = (0.1, 0.3, 0.6, 1.2)  # opening a file another program has locked
MAX_SQLITE_INT = 2**63 - 1


class JournalError(Exception):
    """The journal can't be used; ``str()`` is one line that names the file."""


class _Busy(Exception):
    """Opening found the file locked by another program (retried by ``Journal.__init__``)."""


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


@dataclass(frozen=True)
class SessionRecord:
    id: int
    scenario_id: str
    scenario_path: str
    language: str
    started_at: float
    updated_at: float
    finished: bool
    ending: Optional[str]
    overall: Optional[int]  # sum over the nine dimensions; None until finished
    parent_id: Optional[int]  # the session this one plays again, or branches from, if any
    trainee: str
    steps: int = 0  # decisions taken so far (preparation answers and choices)
    totals: Optional[dict[str, int]] = None  # per-dimension scores once finished
    branch_index: Optional[int] = None  # replay from here: the parent's decision (0-based) it started at
    scenario_digest: str = ""  # with scenario_id, finds the scenario again wherever it lives (catalog.find)

    @property
    def is_branch(self) -> bool:
        return self.parent_id is not None and self.branch_index is not None


def _is_corruption(exc: sqlite3.Error) -> bool:
    """Damage (not a database, malformed) as opposed to a busy or read-only file."""
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


class Journal:
    def __init__(self, path: Optional[Path] = None):
        self.path = Path(path) if path is not None else journal_path()
        self.notice: Optional[str] = None  # one line for the user when the old file was moved aside
        self._db: Optional[sqlite3.Connection] = None
        # Writes that failed, oldest first, by what they write: a later write of the same
        # thing (the next step's state) replaces the earlier one.
        self._pending: dict[tuple[str, int], list[Statement]] = {}
        self.retry_delays: tuple[float, ...] = RETRY_DELAYS
        self.drafter: Any = None  # writes the xAPI statements of each step, while an LRS is configured
        self.config_notice: Optional[str] = None  # one line when the LRS settings can't be read
        self.outbox_listeners: list[Any] = []  # called (no arguments) after statements were written
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
        self._start_outbox()

    def _start_outbox(self) -> None:
        """Write statements from now on if an LRS is configured; apply the own-words retention."""
        config, self.config_notice = load_quietly()
        if config.enabled:
            self.drafter = Drafter(config)
        if config.own_words_days is not None:
            try:
                purge_own_words(self, config.own_words_days)
            except JournalError as exc:
                log.warning("own words not cleared: %s", exc)

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
        """Tell the sender when statements went into the outbox."""
        if not self.outbox_listeners or not any(sql.startswith("INSERT OR IGNORE INTO outbox")
                                                for sql, _ in statements):
            return
        for listener in list(self.outbox_listeners):
            try:
                listener()
            except Exception as exc:  # a listener's trouble never undoes a saved step
                log.warning("outbox listener failed: %s", exc)

    def _statements(self, make: Any, *args: Any) -> list[Statement]:
        """The xAPI statements a write adds (none without an LRS); never lets a step go unsaved."""
        if self.drafter is None:
            return []
        try:
            return make(self.db, *args)
        except Exception as exc:
            log.warning("no xAPI statements for this step: %s", exc)
            return []

    @property
    def behind(self) -> int:
        """How many writes are waiting for the journal to take them."""
        return len(self._pending)

    def start(self, session: Session, scenario_path: str, language: str,
              parent_id: Optional[int] = None, trainee: str = "", branch_index: Optional[int] = None) -> int:
        """Journal a new session (already started); returns its id.

        ``parent_id`` with ``branch_index``: a replay from that decision of the parent.
        """
        now = time.time()
        state = session.state
        started = state.started_at or now
        cur = self._write(
            "INSERT INTO sessions (scenario_id, scenario_path, scenario_digest, language, trainee, parent_id,"
            " branch_index, started_at, updated_at, data, registration) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (state.scenario_id, str(scenario_path), state.scenario_digest, language, trainee, parent_id,
             branch_index, started, now, json.dumps(session.to_data(), ensure_ascii=False), str(uuid.uuid4())))
        session_id = int(cur.lastrowid or 0)
        try:
            self.save(session_id, session)
        except SaveBehind:
            pass  # the row holds the state already; the listing columns follow with the next write
        return session_id

    def save(self, session_id: int, session: Session) -> None:
        """Store the whole session state (call after every answer, choice and advance)."""
        finished = session.finished
        dims = score_totals(session.scenario, session.history) if finished else None
        cur = self._write_later(
            ("save", session_id),
            "UPDATE sessions SET updated_at = ?, steps = ?, finished = ?, ending = ?, overall = ?, totals = ?,"
            " data = ?, scenario_digest = ? WHERE id = ?",
            (time.time(), len(session.history), int(finished), session.state.ending,
             sum(dims.values()) if dims is not None else None,
             json.dumps(dims) if dims is not None else None,
             json.dumps(session.to_data(), ensure_ascii=False), session.state.scenario_digest, session_id),
            self._statements(self.drafter.for_save, session_id, session) if self.drafter else [])
        if cur is not None and cur.rowcount != 1:
            raise self._error(f"there is no session {session_id} to save")

    def set_language(self, session_id: int, language: str) -> None:
        self._write_later(("language", session_id), "UPDATE sessions SET language = ? WHERE id = ?",
                          (language, session_id))

    def set_rating(self, session_id: int, rating: SelfRating) -> None:
        """Store the trainee's self-rating with the session (replacing an earlier one)."""
        cur = self._write_later(("rating", session_id), "UPDATE sessions SET rating = ? WHERE id = ?",
                                (json.dumps(rating.to_data(), ensure_ascii=False), session_id),
                                self._statements(self.drafter.for_rating, session_id, rating) if self.drafter else [])
        if cur is not None and cur.rowcount != 1:
            raise self._error(f"there is no session {session_id} to rate")

    def rating(self, session_id: int) -> Optional[SelfRating]:
        """The stored self-rating, or None (never rated; a damaged one reads as None too)."""
        rows = self._query("SELECT rating FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise self._error(f"there is no session {session_id}")
        raw = rows[0]["rating"]
        if not raw:
            return None
        try:
            rating = SelfRating.from_data(json.loads(raw))
        except (ValueError, TypeError):
            return None
        return None if rating.empty else rating

    def branches(self, session_id: int) -> list[SessionRecord]:
        """The replays started from decisions of this session, oldest first."""
        rows = self._query(f"SELECT {_COLUMNS} FROM sessions WHERE parent_id = ? AND branch_index IS NOT NULL"
                           " ORDER BY started_at, id", (session_id,))
        return [self._record(r) for r in rows]

    def delete(self, session_id: int) -> None:
        """Delete a session: its row, and its statements in the outbox (those already sent are voided
        while an LRS is configured: ``xapi.outbox.deletion_sql``)."""
        self._check((session_id,))
        config = self.drafter.config if self.drafter is not None else load_quietly()[0]
        extra = deletion_sql(self.db, config, session_id)
        self._write("DELETE FROM sessions WHERE id = ?", (session_id,), extra)
        if self.drafter is not None:
            self.drafter.forget(session_id)

    def write_all(self, statements: Sequence[Statement]) -> None:
        """Several writes in one transaction (privacy: clearing own words, deleting everything)."""
        if statements:
            self._write(*statements[0], extra=statements[1:])

    def registration(self, session_id: int) -> Optional[str]:
        """The session's xAPI registration (None for a session from before there were any)."""
        rows = self._query("SELECT registration FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise self._error(f"there is no session {session_id}")
        return rows[0]["registration"] or None

    # -- reading -----------------------------------------------------------
    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        self._check(params)
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(f"can't read the session journal ({exc})") from None

    def _record(self, row: sqlite3.Row) -> SessionRecord:
        raw_totals = row["totals"]
        dims: Optional[dict[str, int]] = None
        if raw_totals:
            try:
                dims = {str(k): int(v) for k, v in json.loads(raw_totals).items()}
            except (ValueError, TypeError, AttributeError):
                dims = None
        return SessionRecord(
            id=int(row["id"]), scenario_id=row["scenario_id"], scenario_path=row["scenario_path"],
            language=row["language"], started_at=float(row["started_at"]), updated_at=float(row["updated_at"]),
            finished=bool(row["finished"]), ending=row["ending"],
            overall=None if row["overall"] is None else int(row["overall"]),
            parent_id=None if row["parent_id"] is None else int(row["parent_id"]),
            trainee=row["trainee"] or "", steps=int(row["steps"] or 0), totals=dims,
            branch_index=None if row["branch_index"] is None else int(row["branch_index"]),
            scenario_digest=row["scenario_digest"] or "")

    def get(self, session_id: int) -> SessionRecord:
        rows = self._query(f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise self._error(f"there is no session {session_id}")
        return self._record(rows[0])

    def load_data(self, session_id: int) -> dict:
        rows = self._query("SELECT data FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise self._error(f"there is no session {session_id}")
        try:
            data = json.loads(rows[0]["data"])
        except (ValueError, TypeError) as exc:
            raise self._error(f"session {session_id} is damaged ({exc})") from None
        if not isinstance(data, dict):
            raise self._error(f"session {session_id} is damaged (not a mapping)")
        return data

    def resume(self, session_id: int, scenario: Scenario) -> Session:
        """The saved session, ready to continue (or to review, when finished)."""
        data = self.load_data(session_id)
        try:
            return Session.from_data(scenario, data)
        except SaveError as exc:
            raise self._error(f"session {session_id} can't be continued: {exc}") from None

    def sessions(self, scenario_id: Optional[str] = None, trainee: Optional[str] = None) -> list[SessionRecord]:
        """Newest first; optionally only one scenario's (and one trainee's) sessions."""
        where, params = [], []
        if scenario_id is not None:
            where.append("scenario_id = ?")
            params.append(scenario_id)
        if trainee is not None:
            where.append("trainee = ?")
            params.append(trainee)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._query(f"SELECT {_COLUMNS} FROM sessions{clause} ORDER BY started_at DESC, id DESC",
                           tuple(params))
        return [self._record(r) for r in rows]

    def attempts(self, scenario_id: str, trainee: str = "", until: Optional[int] = None) -> list[Attempt]:
        """Finished sessions of one trainee at one scenario, oldest first, for progress over time.

        With ``until`` (a session id) only that session and the ones started before it count,
        so an old debrief shows the progress as it was then. A replay from a decision is not
        a new attempt (it shares the parent's start) and is left out.
        """
        records = [r for r in self.sessions(scenario_id, trainee)
                   if r.finished and r.totals is not None and not r.is_branch]
        if until is not None:
            limit = next((r for r in records if r.id == until), None)
            if limit is not None:
                records = [r for r in records if (r.started_at, r.id) <= (limit.started_at, limit.id)]
        return [Attempt(r.started_at, dict(r.totals or {}), r.id) for r in reversed(records)]

    def last_unfinished(self) -> Optional[SessionRecord]:
        """The most recently saved unfinished session with at least one decision taken."""
        rows = self._query(f"SELECT {_COLUMNS} FROM sessions WHERE finished = 0 AND steps > 0"
                           " ORDER BY updated_at DESC, id DESC LIMIT 1")
        return self._record(rows[0]) if rows else None

    def close(self) -> None:
        """Close, after one last try at anything still pending (callers report what stays behind)."""
        if self._db is not None:
            try:
                self.flush()
            except JournalError:
                pass
            self._db.close()
            self._db = None

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
