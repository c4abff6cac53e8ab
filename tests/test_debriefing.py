"""Looking a session's scenario up again: never a stale copy of an edited file."""

from __future__ import annotations

import os

import pytest

from engine import Session, load_scenario
from simulator.debriefing import scenario_for
from simulator.journal import Journal
from tests.crafted import MINIMAL


@pytest.mark.slow
def test_an_edited_scenario_file_is_read_again_and_an_unchanged_one_is_not(write_scenario):
    path = write_scenario(MINIMAL, "mini.yaml")
    with Journal() as journal:
        session = Session.start(load_scenario(path))
        sid = journal.start(session, path, "nl")
        record = journal.get(sid)
    first = scenario_for(record)
    assert scenario_for(record) is first  # unchanged: the same object, no second parse
    edited = MINIMAL.replace("Samen verder.", "Samen verder dan.")
    with open(path, "w", encoding="utf-8") as f:
        f.write(edited)
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # coarse clocks: a visible change
    again = scenario_for(record)
    assert again is not first
    texts = [c.text.get("nl") for n in again.nodes.values() for c in n.choices]
    assert "Samen verder dan." in texts


def test_the_journal_keeps_the_digest_of_the_version_last_saved(write_scenario):
    path = write_scenario(MINIMAL, "mini.yaml")
    with Journal() as journal:
        session = Session.start(load_scenario(path))
        sid = journal.start(session, path, "nl")
        old = journal._query("SELECT scenario_digest FROM sessions WHERE id = ?", (sid,))[0][0]
        with open(path, "w", encoding="utf-8") as f:
            f.write(MINIMAL.replace("Samen verder.", "Samen verder dan."))
        newer = Session.start(load_scenario(path))
        journal.save(sid, newer)
        now = journal._query("SELECT scenario_digest FROM sessions WHERE id = ?", (sid,))[0][0]
    assert old and now == newer.state.scenario_digest and now != old
