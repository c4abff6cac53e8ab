"""The journal's outbox: statements written with the step that made them, until the LRS has them.

Two sides share the ``outbox`` table (``journal_schema``, version 3):

- ``Drafter`` is the journal's: after each answer, choice, time-out and advance it adds the
  statements the step made, as SQL that runs in the *same transaction* as the step (a step
  that isn't saved has no statements; a saved one can't lose them). Each statement's key
  (``launched``, ``decision:3``, ``completed``, ...) is unique per session, so a step saved
  twice, or a save that fell behind and is sent along with the next, never adds one twice.
- ``OutboxStore`` is the sender's (its own connection, short transactions, never one held
  while talking to the LRS): it finishes drafts with the game review, hands out batches in
  the order they were written, and records what the LRS said.

A statement's ``id`` is made once, when drafted, and stored; a retry sends the same bytes.
Deleting a session (``privacy delete``) drops what was never sent and queues a voiding
statement for what was (``void_rows``).
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from engine import ScenarioError
from engine.play.scoring import totals
from simulator import catalog
from simulator.xapi import profile as p
from simulator.xapi import statements as st
from simulator.xapi.config import LrsConfig, with_pseudonym
from simulator.xapi.statements import NEEDS_REVIEW, SessionContext, iso, verb, verb_name

Statement = tuple[str, tuple[Any, ...]]
INSERT = ("INSERT OR IGNORE INTO outbox (session_id, key, statement_id, statement, ready, created_at)"
          " VALUES (?, ?, ?, ?, ?, ?)")


def _row(session_id: Optional[int], key: str, statement: dict[str, Any]) -> Statement:
    ready = 0 if verb_name(statement) in NEEDS_REVIEW else 1
    return INSERT, (session_id, key, statement["id"], json.dumps(statement, ensure_ascii=False, separators=(",", ":")),
                    ready, time.time())


@dataclass
class _Info:
    registration: str
    made_here: bool  # the registration was made now (an older session): stored with the next write
    language: str
    started_at: float
    replay_of: Optional[str]
    branch_index: Optional[int]


class Drafter:
    """The statements each journaled step adds (only while an LRS is configured)."""

    def __init__(self, config: LrsConfig):
        self.config = with_pseudonym(config)
        self._info: dict[int, _Info] = {}

    def _session_info(self, db: sqlite3.Connection, session_id: int) -> Optional[_Info]:
        info = self._info.get(session_id)
        if info is not None:
            return info
        row = db.execute("SELECT registration, language, started_at, parent_id, branch_index FROM sessions"
                         " WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        registration, made = row[0], False
        if not registration:
            registration, made = str(uuid.uuid4()), True
        replay_of = None
        if row[3] is not None and row[4] is not None:
            parent = db.execute("SELECT registration FROM sessions WHERE id = ?", (row[3],)).fetchone()
            replay_of = parent[0] if parent and parent[0] else None
        info = _Info(registration, made, row[1] or "nl", float(row[2]), replay_of, row[4])
        self._info[session_id] = info
        return info

    def context(self, db: sqlite3.Connection, session_id: int, scenario: Any) -> Optional[SessionContext]:
        info = self._session_info(db, session_id)
        if info is None:
            return None
        c = self.config
        return SessionContext(scenario, info.registration, info.language, c.actor(), c.group, info.replay_of,
                              info.branch_index if info.replay_of is not None else None, c.send_own_words)

    def _registration_sql(self, session_id: int) -> list[Statement]:
        info = self._info.get(session_id)
        if info is None or not info.made_here:
            return []
        return [("UPDATE sessions SET registration = COALESCE(registration, ?) WHERE id = ?",
                 (info.registration, session_id))]

    def for_save(self, db: sqlite3.Connection, session_id: int, session: Any) -> list[Statement]:
        """The statements the session's state has that the outbox doesn't yet."""
        ctx = self.context(db, session_id, session.scenario)
        if ctx is None:
            return []
        info = self._info[session_id]
        have = {r[0] for r in db.execute("SELECT key FROM outbox WHERE session_id = ?", (session_id,))}
        out: list[tuple[str, dict[str, Any]]] = []
        if "launched" not in have:
            out.append(("launched", st.launched(ctx, info.started_at)))
        if "initialized" not in have:
            out.append(("initialized", st.initialized(ctx, info.started_at)))
        first = info.branch_index if info.replay_of is not None and info.branch_index is not None else 0
        for i, d in enumerate(session.history):
            key = f"decision:{i}"
            if i >= first and key not in have:
                out.append((key, st.decision(ctx, i, d)))
        if session.finished:
            now = max([time.time()] + [d.at for d in session.history])
            if "completed" not in have:
                out.append(("completed", st.completed(ctx, totals(session.scenario, session.history),
                                                      session.state.ending, info.started_at, now)))
            if "terminated" not in have:
                out.append(("terminated", st.terminated(ctx, info.started_at, now)))
        if not out:
            return []
        return self._registration_sql(session_id) + [_row(session_id, key, s) for key, s in out]

    def for_rating(self, db: sqlite3.Connection, session_id: int, rating: Any) -> list[Statement]:
        """The self-rating's statement (each rating given is one; a later one doesn't replace it)."""
        scenario = _scenario_of(db, session_id)
        ctx = self.context(db, session_id, scenario) if scenario is not None else None
        if ctx is None:
            return []
        count = db.execute("SELECT count(*) FROM outbox WHERE session_id = ? AND key LIKE 'rating:%'",
                           (session_id,)).fetchone()[0]
        return self._registration_sql(session_id) + [_row(session_id, f"rating:{count + 1}", st.rated(ctx, rating))]

    def forget(self, session_id: int) -> None:
        self._info.pop(session_id, None)


def _scenario_of(db: sqlite3.Connection, session_id: int) -> Any:
    """The scenario a journaled session was played in, or None when it can't be found here."""
    row = db.execute("SELECT scenario_id, scenario_digest, scenario_path FROM sessions WHERE id = ?",
                     (session_id,)).fetchone()
    if row is None:
        return None
    try:
        return catalog.find(row[0], row[1] or "", row[2] or "", catalog.load_cached)
    except ScenarioError:
        return None


def voiding(config: LrsConfig, target_id: str) -> dict[str, Any]:
    """A statement that voids ``target_id`` (the trainee deleted the session it belongs to)."""
    return {"id": str(uuid.uuid4()), "actor": config.actor(), "verb": verb("voided"),
            "object": {"objectType": "StatementRef", "id": target_id},
            "context": {"contextActivities": {"category": [{"objectType": "Activity", "id": p.PROFILE,
                                                            "definition": {"type": p.PROFILE_TYPE}}]}},
            "timestamp": iso(time.time())}


def void_rows(config: LrsConfig, statement_ids: Iterable[str]) -> list[Statement]:
    out = []
    for target in statement_ids:
        out.append(_row(None, f"void:{target}", voiding(config, target)))
    return out


def deletion_sql(db: sqlite3.Connection, config: LrsConfig, session_id: int) -> list[Statement]:
    """What deleting a session does to the outbox: unsent statements go, sent ones are voided."""
    sent = [r[0] for r in db.execute("SELECT statement_id FROM outbox WHERE session_id = ? AND sent_at IS NOT NULL"
                                     " AND key NOT LIKE 'void:%'", (session_id,))]
    out: list[Statement] = [("DELETE FROM outbox WHERE session_id = ?", (session_id,))]
    if sent and config.enabled:
        out += void_rows(with_pseudonym(config), sent)
    return out


# -- the sender's side -------------------------------------------------------------------------
@dataclass(frozen=True)
class Counts:
    waiting: int  # not yet delivered (drafts included)
    drafts: int  # waiting for the review
    rejected: int  # the LRS refused them as invalid: kept, not retried
    sent: int


class OutboxStore:
    """The outbox as the sender sees it, over its own connection to the journal file."""

    def __init__(self, path: str, timeout: float = 5.0):
        self.path = path
        self.db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)

    def close(self) -> None:
        self.db.close()

    def _write(self, statements: list[Statement]) -> None:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for sql, params in statements:
                db.execute(sql, params)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def has_outbox(self) -> bool:
        return bool(self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'")
                    .fetchone())

    def counts(self) -> Counts:
        if not self.has_outbox():
            return Counts(0, 0, 0, 0)
        row = self.db.execute(
            "SELECT sum(sent_at IS NULL AND rejected = 0), sum(ready = 0 AND sent_at IS NULL AND rejected = 0),"
            " sum(rejected = 1), sum(sent_at IS NOT NULL) FROM outbox").fetchone()
        return Counts(*(int(v or 0) for v in row))

    def drafts(self, limit: int = 200) -> dict[Optional[int], list[tuple[int, str]]]:
        """Drafts waiting for the review, per session: (row id, statement JSON), oldest first."""
        out: dict[Optional[int], list[tuple[int, str]]] = {}
        for rowid, session_id, text in self.db.execute(
                "SELECT id, session_id, statement FROM outbox WHERE ready = 0 AND sent_at IS NULL ORDER BY id"
                " LIMIT ?", (limit,)):
            out.setdefault(session_id, []).append((rowid, text))
        return out

    def session_row(self, session_id: int) -> Optional[sqlite3.Row]:
        self.db.row_factory = sqlite3.Row
        try:
            return self.db.execute("SELECT scenario_id, scenario_digest, scenario_path, data FROM sessions"
                                   " WHERE id = ?", (session_id,)).fetchone()
        finally:
            self.db.row_factory = None

    def finish(self, done: list[tuple[int, str]]) -> None:
        """Store finished drafts: from now on their JSON is fixed."""
        self._write([("UPDATE outbox SET statement = ?, ready = 1 WHERE id = ? AND ready = 0", (text, rowid))
                     for rowid, text in done])

    def set_aside(self, rowids: list[int], problem: str) -> None:
        """Drafts that can't be finished (damaged in the journal): kept, marked refused with
        ``problem``, so they no longer hold up every statement after them."""
        self._write([("UPDATE outbox SET ready = 1, rejected = 1, problem = ? WHERE id = ? AND ready = 0",
                      (problem, rowid)) for rowid in rowids])

    def batch(self, size: int) -> list[tuple[int, str, str]]:
        """The next statements to send, in the order they were written: (row id, statement id, JSON)."""
        return list(self.db.execute(
            "SELECT id, statement_id, statement FROM outbox WHERE ready = 1 AND sent_at IS NULL AND rejected = 0"
            " ORDER BY id LIMIT ?", (size,)))

    def first_draft(self) -> Optional[int]:
        row = self.db.execute("SELECT min(id) FROM outbox WHERE ready = 0 AND sent_at IS NULL").fetchone()
        return row[0] if row else None

    def mark_sent(self, rows: list[tuple[int, str]], config: Optional[LrsConfig] = None,
                  note: Optional[str] = None) -> None:
        """The LRS has these. A row deleted meanwhile (the trainee deleted the session while it was
        on its way) gets its voiding statement now, so the deletion still reaches the LRS."""
        now = time.time()
        ids = [r[0] for r in rows]
        present = set()
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            present.update(r[0] for r in self.db.execute(f"SELECT id FROM outbox WHERE id IN ({marks})", part))
        gone = [sid for rowid, sid in rows if rowid not in present]
        statements: list[Statement] = [("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, problem = ?"
                                        " WHERE id = ?", (now, note, rowid)) for rowid in ids if rowid in present]
        if gone and config is not None and config.enabled:
            statements += void_rows(with_pseudonym(config), gone)
        self._write(statements)

    def mark_rejected(self, rowid: int, problem: str) -> None:
        self._write([("UPDATE outbox SET rejected = 1, attempts = attempts + 1, problem = ? WHERE id = ?",
                      (problem, rowid))])

    def note_failure(self, rowids: list[int], problem: str) -> None:
        self._write([("UPDATE outbox SET attempts = attempts + 1, problem = ? WHERE id = ?", (problem, rowid))
                     for rowid in rowids])

    def rejected(self) -> list[tuple[int, str, str]]:
        """(row id, key, problem) of every statement the LRS refused."""
        return list(self.db.execute("SELECT id, key, problem FROM outbox WHERE rejected = 1 ORDER BY id"))

    def retry_rejected(self) -> int:
        cur = self.db.execute("UPDATE outbox SET rejected = 0 WHERE rejected = 1 AND sent_at IS NULL")
        return cur.rowcount
