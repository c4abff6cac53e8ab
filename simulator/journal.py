"""The session journal: every playthrough saved to SQLite after every step.

Each answer, choice and advance is written in its own transaction (the file's
guarantees, busy retries and writes kept for later are ``simulator.journal_file``'s). The
row keeps the engine's versioned ``Session.to_data()`` JSON plus a few columns for
listings (ending, overall score), so ``sessions`` and trainer reports don't have to load
every scenario. Besides the playthrough, a row holds the trainee's self-rating and, for a
replay from a decision, which decision of which session it started at.

While a Learning Record Store is configured (``simulator.xapi.config``), every step also
writes its xAPI statements to the ``outbox`` table in the step's own transaction
(``simulator.xapi.outbox``); the background sender delivers them. Writing statements never
stops a step from being saved: a statement that can't be made is logged and left out.
"""

from __future__ import annotations

import json
import logging
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
from simulator.journal_file import (  # noqa: F401  (re-exported: callers import them from here)
    APPLICATION_ID,
    JournalError,
    JournalFile,
    SaveBehind,
    Statement,
    WriteFailed,
)
from simulator.journal_waiting import adopt_waiting
from simulator.retention import purge_own_words
from simulator.xapi.config import load_quietly
from simulator.xapi.outbox import Drafter, deletion_sql

log = logging.getLogger(__name__)

_COLUMNS = ("id, scenario_id, scenario_path, language, started_at, updated_at, finished, ending, "
            "overall, parent_id, trainee, steps, totals, branch_index, scenario_digest")


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


def _number(value: Any) -> Optional[float]:
    """A listing column as a number; None for one a damaged row holds as text or a blob (the
    session's own data is checked where it is read: a bad listing column never stops a list)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _whole(value: Any) -> Optional[int]:
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


def _text(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


class Journal(JournalFile):
    """The sessions in the journal file: start, save, rate, list, resume, delete."""

    def __init__(self, path: Optional[Path] = None):
        self.drafter: Any = None  # writes the xAPI statements of each step, while an LRS is configured
        self.config_notice: Optional[str] = None  # one line when the LRS settings can't be read
        self.outbox_listeners: list[Any] = []  # called (no arguments) after statements were written
        super().__init__(path)
        self._start_outbox()
        self.adopted = adopt_waiting(self)  # sessions played while another program held the journal


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

    def keep_values(self, session_id: int, values: str) -> None:
        """Keep the values the session's debrief rests on (JSON; ``simulator.kept_values``)."""
        self._write_later(("values", session_id), "UPDATE sessions SET valued = ? WHERE id = ?",
                          (values, session_id))

    def kept_values(self, session_id: int) -> Optional[str]:
        """The values kept with the session (None: none kept, or a journal from before there were any)."""
        try:
            rows = self._query("SELECT valued FROM sessions WHERE id = ?", (session_id,))
        except JournalError:
            return None
        return rows[0]["valued"] if rows else None

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
    def _record(self, row: sqlite3.Row) -> SessionRecord:
        raw_totals = row["totals"]
        dims: Optional[dict[str, int]] = None
        if raw_totals:
            try:
                dims = {str(k): int(v) for k, v in json.loads(raw_totals).items()}
            except (ValueError, TypeError, AttributeError, RecursionError, OverflowError):
                dims = None  # (damaged totals, infinity included: the session is listed without them)
        return SessionRecord(
            id=int(row["id"]), scenario_id=_text(row["scenario_id"]), scenario_path=_text(row["scenario_path"]),
            language=_text(row["language"], "nl"), started_at=_number(row["started_at"]) or 0.0,
            updated_at=_number(row["updated_at"]) or 0.0, finished=bool(_number(row["finished"])),
            ending=None if row["ending"] is None else _text(row["ending"]),
            overall=_whole(row["overall"]), parent_id=_whole(row["parent_id"]),
            trainee=_text(row["trainee"]), steps=_whole(row["steps"]) or 0, totals=dims,
            branch_index=_whole(row["branch_index"]), scenario_digest=_text(row["scenario_digest"]))

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
        except RecursionError:
            raise self._error(f"session {session_id} is damaged (nested far too deep)") from None
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
