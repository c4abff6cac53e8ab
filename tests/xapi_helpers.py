"""Shared by the xAPI tests: an LRS configured in the environment, bot-played sessions, statements."""

from __future__ import annotations

import json

from engine import load_scenario
from simulator.botplay import play_bot
from simulator.journal import Journal
from tests.conftest import SCENARIOS

SHORT = SCENARIOS / "speeltuin-kort.yaml"


def configure(monkeypatch, endpoint: str = "http://127.0.0.1:9/xAPI/", key: str = "tw-key",
              secret: str = "s3cr3t-VALUE-never-shown") -> None:
    monkeypatch.setenv("TUSSENWERKER_LRS_ENDPOINT", endpoint)
    monkeypatch.setenv("TUSSENWERKER_LRS_KEY", key)
    monkeypatch.setenv("TUSSENWERKER_LRS_SECRET", secret)


def play(seeds, path=SHORT, **kwargs) -> list[int]:
    scenario = load_scenario(str(path))
    with Journal() as journal:
        return [play_bot(scenario, seed, journal, **kwargs)[1] for seed in seeds]


def finished_statements() -> list[dict]:
    """Every statement in the outbox, drafts finished with the review (as the sender would)."""
    from simulator.xapi.outbox import OutboxStore
    from simulator.xapi.sender import finish_drafts
    with Journal() as journal:
        path = str(journal.path)
    store = OutboxStore(path)
    try:
        finish_drafts(store)
        return [json.loads(r[0]) for r in store.db.execute("SELECT statement FROM outbox ORDER BY id")]
    finally:
        store.close()


def outbox_rows() -> list[tuple]:
    with Journal() as journal:
        return [tuple(r) for r in journal.db.execute(
            "SELECT session_id, key, statement_id, ready, sent_at FROM outbox ORDER BY id")]
