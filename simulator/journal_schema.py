"""The session journal's file layout and how an older file is brought up to date.

Kept apart from ``journal`` (which reads and writes sessions) so the history of the
layout is in one short place. Schema versions (``PRAGMA user_version``):

1. the first: one ``sessions`` row per playthrough.
2. adds ``branch_index`` (a replay from a decision: which decision of ``parent_id`` it
   started at) and ``rating`` (the trainee's self-rating, JSON of ``SelfRating``).
3. adds ``registration`` (the session's xAPI registration, a UUID) and the ``outbox``: the
   xAPI statements each step made, kept until the Learning Record Store has them
   (``simulator.xapi.outbox``; ``docs/xapi.md``).
4. adds ``valued``: the values the session's debrief rests on, worked out while it was
   played (JSON of ``Outlook.to_data``; ``simulator.kept_values``), so opening the debrief
   again, a trainer's report or the record store's statements need not search again.

To change the layout: edit ``SCHEMA`` (what a new file gets), add the statements that
bring the previous version there to ``MIGRATIONS``, bump ``SCHEMA_VERSION``, and extend
the migration test in ``tests/test_selfrating.py``.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4
OUTBOX_SINCE = 3  # the schema version that added the outbox (``MIGRATIONS[2]`` lays it out)

OUTBOX = """
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER,
    key TEXT NOT NULL,
    statement_id TEXT NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    ready INTEGER NOT NULL DEFAULT 1,
    created_at REAL NOT NULL,
    sent_at REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    problem TEXT,
    rejected INTEGER NOT NULL DEFAULT 0,
    UNIQUE (session_id, key)
);
CREATE INDEX outbox_waiting ON outbox(sent_at, rejected, id)
"""

SCHEMA = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    scenario_path TEXT NOT NULL,
    scenario_digest TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    trainee TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES sessions(id),
    started_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    steps INTEGER NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0,
    ending TEXT,
    overall INTEGER,
    totals TEXT,
    data TEXT NOT NULL,
    branch_index INTEGER,
    rating TEXT,
    registration TEXT,
    valued TEXT
);
CREATE INDEX sessions_by_scenario ON sessions(scenario_id, started_at);
""" + OUTBOX

# From version N to N+1: the statements that bring a file of version N up to date.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE sessions ADD COLUMN branch_index INTEGER",
        "ALTER TABLE sessions ADD COLUMN rating TEXT"),
    2: ("ALTER TABLE sessions ADD COLUMN registration TEXT",
        *(statement for statement in OUTBOX.split(";") if statement.strip())),
    3: ("ALTER TABLE sessions ADD COLUMN valued TEXT",),
}


def mend_outbox(db: sqlite3.Connection) -> None:
    """Lay out the outbox again in a file of this version whose outbox went missing (a tool or a
    hand deleted the table): every step and every deletion writes to it, and a journal without
    one failed there. The statements it held are gone with the table; the sessions are not."""
    for statement in OUTBOX.split(";"):
        if statement.strip():
            db.execute(statement.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
                       .replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))


def migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring a file of schema ``version`` up to date, in place, one transaction per step.

    Another process may be migrating the same file: the version is read again under the
    write lock, so each step runs once. A failed step rolls back and leaves the file as
    it was (at the older version, every session intact); the ``sqlite3.Error`` is raised.
    ``db`` must be in autocommit mode (``isolation_level=None``).
    """
    while version < SCHEMA_VERSION:
        try:
            db.execute("BEGIN IMMEDIATE")
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current == version:
                for statement in MIGRATIONS[version]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        version = db.execute("PRAGMA user_version").fetchone()[0]
