"""The journal never gives up: a locked, full or read-only journal delays saving, never ends it.

Before, one transient lock (a backup or sync client holding the file for seconds) turned
saving off for the rest of the meeting. Now a write the journal won't take is kept and
sent with the next one, the cause is named, and the trainee hears about it once.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from engine import Session, load_scenario_text
from simulator.journal import Journal, JournalError, SaveBehind
from simulator.places import journal_path
from tests.conftest import ROOT
from tests.crafted import MINIMAL


@pytest.fixture
def scenario():
    return load_scenario_text(MINIMAL, "mini.yaml")


@pytest.fixture
def journal(tmp_path):
    j = Journal(tmp_path / "journal.sqlite3")
    j.retry_delays = (0.01, 0.02)
    yield j
    j.close()


def _other_writer(path):
    """Another program that holds the journal's write lock (until it commits or rolls back)."""
    db = sqlite3.connect(path, isolation_level=None, timeout=0, check_same_thread=False)
    db.execute("BEGIN IMMEDIATE")
    return db


def _history(journal, sid, scenario):
    session = journal.resume(sid, scenario)
    try:
        return [d.choice_id for d in session.history]
    finally:
        session.close()


def test_a_locked_journal_keeps_the_step_and_writes_it_with_the_next(journal, scenario, monkeypatch):
    monkeypatch.setattr(sqlite3, "connect", sqlite3.connect)  # (the journal is already open)
    journal.db.execute("PRAGMA busy_timeout = 50")
    s = Session.start(scenario)
    sid = journal.start(s, "mini.yaml", "nl")
    locker = _other_writer(journal.path)
    s.answer("veilig")
    with pytest.raises(SaveBehind) as behind:
        journal.save(sid, s)
    assert behind.value.cause == "busy" and "busy" in str(behind.value) and "\n" not in str(behind.value)
    assert journal.behind == 1
    s.choose("luisteren")
    with pytest.raises(SaveBehind):
        journal.save(sid, s)  # still locked: the newer state replaces the kept one
    assert journal.behind == 1
    locker.execute("ROLLBACK")
    locker.close()
    s.choose("herkaderen")
    journal.save(sid, s)  # goes through, with everything before it
    assert journal.behind == 0
    assert _history(journal, sid, scenario) == ["veilig", "luisteren", "herkaderen"]


def test_a_lock_released_during_the_backoff_is_waited_for(journal, scenario):
    journal.db.execute("PRAGMA busy_timeout = 20")
    journal.retry_delays = (0.05, 0.1, 0.2, 0.4, 0.8)
    s = Session.start(scenario)
    sid = journal.start(s, "mini.yaml", "nl")
    locker = _other_writer(journal.path)
    releaser = threading.Timer(0.3, lambda: (locker.execute("ROLLBACK"), locker.close()))
    releaser.start()
    s.answer("veilig")
    journal.save(sid, s)  # no SaveBehind: the retries outlasted the lock
    releaser.join()
    assert journal.behind == 0 and _history(journal, sid, scenario) == ["veilig"]


def test_a_rating_and_a_language_waiting_behind_a_lock_are_kept_too(journal, scenario):
    from engine.debrief.selfrating import SelfRating
    journal.db.execute("PRAGMA busy_timeout = 20")
    s = Session.start(scenario)
    sid = journal.start(s, "mini.yaml", "nl")
    locker = _other_writer(journal.path)
    with pytest.raises(SaveBehind):
        journal.set_language(sid, "en")
    with pytest.raises(SaveBehind):
        journal.set_rating(sid, SelfRating(scores={"step1": 4}, plus="goed geluisterd", delta="", at=1.0))
    locker.execute("ROLLBACK")
    locker.close()
    journal.flush()
    assert journal.get(sid).language == "en" and journal.rating(sid).plus == "goed geluisterd"


@pytest.mark.parametrize("cause,make,undo", [
    ("disk full", "PRAGMA max_page_count = {pages}", "PRAGMA max_page_count = 1073741823"),
    ("read-only", "PRAGMA query_only = 1", "PRAGMA query_only = 0"),
])
def test_disk_full_and_read_only_are_named_and_the_step_is_kept(journal, scenario, cause, make, undo):
    s = Session.start(scenario)
    sid = journal.start(s, "mini.yaml", "nl")
    pages = journal.db.execute("PRAGMA page_count").fetchone()[0]
    journal.db.execute(make.format(pages=pages))
    s.answer("veilig")
    now = s.state.current  # a step that needs more room
    s.state.current = now._replace(flags=now.flags | {f"vlag_{i}_{'x' * 40}" for i in range(400)})
    with pytest.raises(SaveBehind) as behind:
        journal.save(sid, s)
    assert behind.value.cause == cause and cause in str(behind.value)
    journal.db.execute(undo)
    journal.flush()
    assert journal.behind == 0 and _history(journal, sid, scenario) == ["veilig"]


def test_closing_tries_once_more(tmp_path, scenario):
    path = tmp_path / "journal.sqlite3"
    j = Journal(path)
    j.db.execute("PRAGMA busy_timeout = 20")
    j.retry_delays = ()
    s = Session.start(scenario)
    sid = j.start(s, "mini.yaml", "nl")
    locker = _other_writer(path)
    s.answer("veilig")
    with pytest.raises(SaveBehind):
        j.save(sid, s)
    locker.execute("ROLLBACK")
    locker.close()
    j.close()
    with Journal(path) as again:
        assert again.get(sid).steps == 1


@pytest.mark.parametrize("bad", [2**63, -(2**63) - 5, 10**30])
def test_session_numbers_beyond_sqlite_are_no_such_session(journal, bad):
    with pytest.raises(JournalError) as err:
        journal.get(bad)
    assert str(err.value) == f"{journal.path}: there is no session {bad}"


def test_debrief_of_an_impossible_session_number_is_one_line():
    result = subprocess.run([sys.executable, "-m", "simulator", "debrief", "99999999999999999999999"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("there is no session 99999999999999999999999")
    assert len(result.stderr.strip().splitlines()) == 1


# -- the terminal player, while another program holds the journal -------------------------------
@pytest.mark.slow
def test_terminal_play_behind_a_lock_says_so_once_and_saves_every_step_in_the_end(write_scenario):
    path = write_scenario(MINIMAL)
    Journal().close()
    locker = _other_writer(journal_path())
    player = subprocess.Popen([sys.executable, "-m", "simulator", "play", "--text", path, "--no-rating"],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    told = ""
    try:
        # The lock is held until the player has said saving is behind, and a moment longer,
        # while the trainee plays on (two more steps).
        assert player.stdin is not None and player.stderr is not None
        player.stdin.write("veilig\nluisteren\n")
        player.stdin.flush()
        deadline = time.monotonic() + 60
        while "Opslaan loopt achter" not in told and time.monotonic() < deadline:
            told += player.stderr.readline()
        time.sleep(1.0)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    out, rest = player.communicate("pauze\nlater\n", timeout=120)
    err = told + rest
    assert player.returncode == 0 and "Traceback" not in err, err
    assert err.count("Opslaan loopt achter") == 1 and "bezet door een ander programma" in err
    assert err.count("Opslaan is bijgewerkt") == 1 and "Deze sessie wordt niet opgeslagen" not in err
    assert "Opgeslagen als sessie 1." in out
    with Journal() as j:
        record = j.get(1)
    assert record.finished and record.steps == 4 and record.ending == "uitgesteld"


def test_the_window_keeps_saving_behind_a_lock_and_says_so_once(tmp_path, scenario):
    from simulator.window.play import Play
    j = Journal(tmp_path / "journal.sqlite3")
    j.retry_delays = ()
    j.db.execute("PRAGMA busy_timeout = 20")
    play = Play(scenario, "mini.yaml", "en", j)
    sid = play.session_id
    locker = _other_writer(j.path)
    play.answer("veilig")
    assert play.saved and play.save_behind == "busy"
    assert play.take_save_note() == "Saving is behind (another program is using the session journal); " \
                                    "your choices are kept and saved with the next step."
    play.choose("luisteren")
    assert play.take_save_note() is None  # told once
    locker.execute("ROLLBACK")
    locker.close()
    play.choose("herkaderen")
    assert play.save_behind is None and play.take_save_note().startswith("Saving has caught up")
    assert _history(j, sid, scenario) == ["veilig", "luisteren", "herkaderen"]
    play.session.close()
    j.close()


def test_a_journal_busy_as_the_session_begins_gets_the_whole_session_at_its_end(tmp_path, scenario, capsys):
    """Another program (a backup client) held the journal locked as ``play --text`` began: the whole
    meeting was played unsaved. Now it is journaled whole at the end, if the journal is free then."""
    from simulator.terminal.session import Saver
    path = tmp_path / "journal.sqlite3"
    opened: list[Journal] = []

    def reopen():
        opened.append(Journal(path))
        return opened[-1]
    s = Session.start(scenario)
    saver = Saver(None, None, "en", {"scenario_path": "mini.yaml", "language": "en", "trainee": ""}, reopen)
    saver(s)
    s.answer("veilig")
    saver(s)
    while not s.finished:
        if s.can_continue:
            s.advance()
        else:
            s.choose(s.choices[0].id)
        saver(s)
    assert not opened  # nothing tried while the meeting went on: each try waits on the lock
    saver.finish(s)
    [record] = opened[0].sessions()
    assert record.finished and record.steps == len(s.history) and saver.session_id == record.id
    assert "saved" in capsys.readouterr().err.lower()
    opened[0].close()

    waits = Saver(None, None, "en", {"scenario_path": "mini.yaml", "language": "en", "trainee": ""}, lambda: None)
    waits.finish(s)  # still busy at the end: the session waits beside the journal (``journal_waiting``), said once
    said = capsys.readouterr().err
    assert "This session waits in" in said and "not saved" not in said and len(said.strip().splitlines()) == 1
