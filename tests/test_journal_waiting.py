"""A terminal session played while another program holds the journal the whole time is parked
beside it and taken in the next time the journal opens: no meeting is lost.

A backup or sync client holding ``journal.sqlite3`` for longer than the meeting used to end it
with "Deze sessie is niet opgeslagen", every choice gone.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from simulator.journal import Journal
from simulator.journal_waiting import waiting_folder
from tests.conftest import ROOT


def _env(tmp_path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), TUSSENWERKER_DATA=str(tmp_path / "d"),
                TUSSENWERKER_CONFIG=str(tmp_path / "c"))


def test_a_session_played_while_the_journal_is_held_waits_and_is_taken_in_later(tmp_path, monkeypatch):
    env = _env(tmp_path)
    subprocess.run([sys.executable, "-m", "simulator", "sessions"], env=env, cwd=ROOT, check=True,
                   capture_output=True, timeout=120)  # lays out the journal
    path = tmp_path / "d" / "journal.sqlite3"
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        played = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", "speeltuin-kort", "--no-rating",
                                 "--seed", "5"], input="1\n" * 60, text=True, env=env, cwd=ROOT,
                                capture_output=True, timeout=300)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert played.returncode == 0 and "Traceback" not in played.stderr, played.stderr
    assert "staat klaar in" in played.stderr and "niet opgeslagen" not in played.stderr
    parked = list(waiting_folder(path).glob("*.json"))
    assert len(parked) == 1
    monkeypatch.setenv("TUSSENWERKER_DATA", str(tmp_path / "d"))
    monkeypatch.setenv("TUSSENWERKER_CONFIG", str(tmp_path / "c"))
    journal = Journal()
    try:
        assert journal.adopted == 1 and not parked[0].exists()
        record = journal.sessions()[0]
        assert record.scenario_id == "speeltuin-kort" and record.finished and record.steps > 3
    finally:
        journal.close()


def test_a_pipe_a_device_or_a_file_that_cant_be_moved_in_waiting_never_hangs_nor_doubles(tmp_path, monkeypatch):
    """A pipe named ``*.json`` in ``waiting/`` blocked every command that opens the journal, a link
    to ``/dev/zero`` read without end; a parked session whose file could not be removed was taken
    in again at every start."""
    from engine import Session, load_scenario
    from simulator.journal_waiting import park
    from tests.conftest import SCENARIOS
    monkeypatch.setenv("TUSSENWERKER_DATA", str(tmp_path / "d"))
    monkeypatch.setenv("TUSSENWERKER_CONFIG", str(tmp_path / "c"))
    with Journal() as journal:
        path = journal.path
    folder = waiting_folder(path)
    folder.mkdir()
    os.mkfifo(folder / "1-pipe.json")
    os.symlink("/dev/zero", folder / "2-zero.json")
    scenario = load_scenario(str(SCENARIOS / "speeltuin-kort.yaml"))
    session = Session.start(scenario, seed=1)
    parked = park(path, session, {"scenario_path": scenario.path, "language": "nl", "trainee": ""})
    assert parked is not None
    real_rename = os.rename

    def stuck(src, dst, *args, **kwargs):  # a sync client holding the file: it can't be moved
        if str(src) == str(parked):
            raise PermissionError("held by another program")
        return real_rename(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "rename", stuck)
    for _ in range(3):
        with Journal() as journal:
            assert journal.adopted == 0 and journal.sessions() == []
    monkeypatch.setattr(os, "rename", real_rename)
    with Journal() as journal:
        assert journal.adopted == 1 and len(journal.sessions()) == 1
    with Journal() as journal:
        assert journal.adopted == 0 and len(journal.sessions()) == 1


def test_a_journal_missing_a_column_is_moved_aside_not_played_into(tmp_path):
    """A journal with our format markers but a column dropped (a tool or a hand did it) failed every
    save: a meeting played into it was lost. It is set aside like any unusable journal."""
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    db = sqlite3.connect(str(path))
    db.execute("ALTER TABLE sessions DROP COLUMN registration")
    db.commit()
    db.close()
    journal = Journal(path)
    try:
        assert "lacks registration" in (journal.notice or "")
        assert list(tmp_path.glob("journal.sqlite3.corrupt-*"))
    finally:
        journal.close()
