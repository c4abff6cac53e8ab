"""The session journal: nothing a trainee did is lost, and a bad file is never overwritten."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from engine import Session, load_scenario_text
from engine.play.scoring import totals
from simulator.journal import APPLICATION_ID, Journal, JournalError
from simulator.places import journal_path
from tests.conftest import ROOT
from tests.crafted import MINIMAL


@pytest.fixture
def scenario():
    return load_scenario_text(MINIMAL, "mini.yaml")


@pytest.fixture
def journal(tmp_path):
    j = Journal(tmp_path / "j" / "journal.sqlite3")
    yield j
    j.close()


def test_the_journal_path_honours_the_data_directory_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("TUSSENWERKER_DATA", str(tmp_path / "elsewhere"))
    assert journal_path() == tmp_path / "elsewhere" / "journal.sqlite3"
    j = Journal()
    try:
        assert j.path.exists() and j.path.parent == tmp_path / "elsewhere"
    finally:
        j.close()


def test_every_step_is_saved_and_resumes_exactly_where_it_was(journal, scenario):
    s = Session.start(scenario)
    sid = journal.start(s, "mini.yaml", "nl", trainee="anna")
    s.answer("veilig")
    journal.save(sid, s)
    s.choose("luisteren")
    journal.save(sid, s)
    record = journal.get(sid)
    assert (record.scenario_id, record.language, record.trainee, record.steps) == ("mini", "nl", "anna", 2)
    assert not record.finished and record.overall is None and record.ending is None
    again = journal.resume(sid, scenario)
    assert again.to_data() == s.to_data()
    assert again.node is not None and again.node.id == "midden"
    assert [c.id for c in again.choices] == [c.id for c in s.choices]
    again.choose("herkaderen")
    journal.save(sid, again)
    again.advance()
    again.choose("samen")
    journal.save(sid, again)
    done = journal.get(sid)
    assert done.finished and done.ending == "afspraak"
    assert done.totals == totals(scenario, again.history)
    assert done.overall == sum(totals(scenario, again.history).values()) == 1 + 2 + 1 + 2 + 2


def test_listing_is_newest_first_filtered_by_scenario_and_finds_the_last_unfinished(journal, scenario):
    other = load_scenario_text(MINIMAL.replace("id: mini", "id: other"), "other.yaml")
    ids = []
    for sc in (scenario, other, scenario):
        s = Session.start(sc)
        ids.append(journal.start(s, "x.yaml", "en"))
        s.answer("groot")
        journal.save(ids[-1], s)
    assert [r.id for r in journal.sessions()] == list(reversed(ids))
    assert [r.id for r in journal.sessions("mini")] == [ids[2], ids[0]]
    assert journal.last_unfinished().id == ids[2]
    finished = journal.resume(ids[2], scenario)
    finished.choose("kaders")
    while not finished.finished:
        if finished.can_continue:
            finished.advance()
        else:
            finished.choose(finished.choices[-1].id)
    journal.save(ids[2], finished)
    assert journal.last_unfinished().id == ids[1]


def test_unknown_session_and_wrong_scenario_are_one_line_errors_naming_the_file(journal, scenario):
    with pytest.raises(JournalError) as missing:
        journal.get(99)
    assert str(missing.value) == f"{journal.path}: there is no session 99"
    s = Session.start(scenario)
    sid = journal.start(s, "mini.yaml", "nl")
    other = load_scenario_text(MINIMAL.replace("id: mini", "id: other"), "other.yaml")
    with pytest.raises(JournalError) as wrong:
        journal.resume(sid, other)
    message = str(wrong.value)
    assert message.startswith(str(journal.path)) and "other" in message and "\n" not in message


def test_corrupt_file_is_moved_aside_not_overwritten_and_reported_in_one_line(tmp_path):
    path = tmp_path / "journal.sqlite3"
    garbage = b"this is not a database " * 200
    path.write_bytes(garbage)
    j = Journal(path)
    try:
        assert j.notice is not None and "\n" not in j.notice
        assert j.notice.startswith(str(path)) and "moved aside" in j.notice
        asides = sorted(tmp_path.glob("journal.sqlite3.corrupt-*"))
        main = [p for p in asides if not p.name.endswith("-journal")]
        assert len(main) == 1 and main[0].read_bytes() == garbage
        assert main[0].name in j.notice
        assert j.sessions() == []
    finally:
        j.close()
    # The fresh file is ours now: reopening it reports nothing.
    j2 = Journal(path)
    assert j2.notice is None
    j2.close()


@pytest.mark.slow
def test_damaged_pages_inside_a_real_journal_are_detected(tmp_path, scenario):
    path = tmp_path / "journal.sqlite3"
    j = Journal(path)
    s = Session.start(scenario)
    for _ in range(40):
        j.start(s, "mini.yaml", "nl")
    j.close()
    raw = bytearray(path.read_bytes())
    assert len(raw) > 4096 * 4
    raw[4096 * 2:4096 * 4] = b"\xab" * (4096 * 2)
    path.write_bytes(bytes(raw))
    j = Journal(path)
    try:
        assert j.notice is not None and "moved aside" in j.notice
        assert j.sessions() == []
    finally:
        j.close()


def test_another_programs_database_is_moved_aside(tmp_path):
    path = tmp_path / "journal.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.execute("INSERT INTO contacts VALUES ('Ineke')")
    db.commit()
    db.close()
    j = Journal(path)
    try:
        assert j.notice is not None and "another program" in j.notice
        aside = next(tmp_path.glob("journal.sqlite3.corrupt-*"))
        check = sqlite3.connect(aside)
        assert check.execute("SELECT name FROM contacts").fetchall() == [("Ineke",)]
        check.close()
    finally:
        j.close()


def test_journal_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(JournalError) as err:
        Journal(path)
    assert "newer Tussenwerker" in str(err.value) and str(err.value).startswith(str(path))
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_folder_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(JournalError) as err:
        Journal(blocker / "journal.sqlite3")
    assert str(err.value).startswith(str(blocker / "journal.sqlite3")) and "folder" in str(err.value)


def test_fresh_file_is_marked_as_ours_with_a_schema_version(journal):
    db = sqlite3.connect(journal.path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] >= 1
    db.close()
    assert journal.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


CRASH_MID_WRITE = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from engine import Session, load_scenario_text
    from simulator.journal import Journal
    from tests.crafted import MINIMAL
    scenario = load_scenario_text(MINIMAL, "mini.yaml")
    j = Journal()
    s = Session.start(scenario)
    sid = j.start(s, "mini.yaml", "nl")
    s.answer("veilig"); j.save(sid, s)
    s.choose("luisteren"); j.save(sid, s)
    # The process dies in the middle of writing the next step: the transaction is open
    # and the row already overwritten with half a state.
    j.db.execute("BEGIN IMMEDIATE")
    j.db.execute("UPDATE sessions SET data = '{{half', steps = 3 WHERE id = ?", (sid,))
    print(sid, flush=True)
    os._exit(9)
""")


def test_a_crash_in_the_middle_of_a_write_keeps_the_previous_step(tmp_path, scenario):
    script = CRASH_MID_WRITE.format(root=str(ROOT))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 9, result.stderr
    sid = int(result.stdout.strip())
    j = Journal()
    try:
        assert j.notice is None
        record = j.get(sid)
        assert record.steps == 2 and not record.finished
        assert j.last_unfinished().id == sid
        session = j.resume(sid, scenario)
        assert [d.choice_id for d in session.history] == ["veilig", "luisteren"]
        session.choose("herkaderen")
        j.save(sid, session)
        assert j.get(sid).steps == 3
    finally:
        j.close()


# -- the terminal player with the journal ------------------------------------
def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_terminal_play_is_journaled_and_a_killed_session_continues_with_resume(write_scenario):
    path = write_scenario(MINIMAL)
    proc = subprocess.Popen([sys.executable, "-m", "simulator", "play", "--text", path], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stdin is not None
    proc.stdin.write("veilig\nluisteren\n")  # preparation answer, first choice; the input stays open
    proc.stdin.flush()
    deadline = time.time() + 60
    steps = 0
    while time.time() < deadline and steps < 2:
        time.sleep(0.1)
        try:
            with Journal() as j:
                steps = max((r.steps for r in j.sessions()), default=0)
        except JournalError:
            pass
    proc.send_signal(signal.SIGKILL)  # a crash (or a closed laptop) between two choices
    proc.wait(timeout=30)
    assert steps == 2
    result = run_cli("play", "--text", "--resume", stdin="herkaderen\nlater\n")
    assert result.returncode == 0, result.stderr
    assert "Verder met sessie 1" in result.stdout and "Einde: Uitgesteld" in result.stdout
    assert "python -m simulator debrief 1" in result.stdout
    with Journal() as j:
        record = j.get(1)
        data = j.load_data(1)
    assert record.finished and record.ending == "uitgesteld" and record.steps == 4
    assert [d["choice"] for d in data["history"]] == ["veilig", "luisteren", "herkaderen", "later"]


@pytest.mark.slow
def test_resume_without_unfinished_session_or_for_a_finished_one_says_so(write_scenario):
    nothing = run_cli("play", "--text", "--resume")
    assert nothing.returncode == 1 and "geen onafgemaakte sessie" in nothing.stderr
    path = write_scenario(MINIMAL)
    done = run_cli("play", "--text", path, stdin="veilig\nluisteren\npauze\nlater\n")
    assert done.returncode == 0 and "Opgeslagen als sessie 1." in done.stdout
    again = run_cli("play", "--text", "--resume", "1")
    assert again.returncode == 1 and "al afgerond" in again.stderr and "Traceback" not in again.stderr
    ghost = run_cli("play", "--text", "--resume", "7")
    assert ghost.returncode == 1 and "there is no session 7" in ghost.stderr


@pytest.mark.slow
def test_no_save_and_bots_leave_the_journal_untouched(write_scenario):
    path = write_scenario(MINIMAL)
    result = run_cli("play", "--text", path, "--no-save", stdin="veilig\nluisteren\n")
    assert result.returncode == 0 and "Opgeslagen" not in result.stdout
    bot = run_cli("play", "--text", path, "--auto", "random", "--seed", "3")
    assert bot.returncode == 0 and "Nabespreking" in bot.stdout and "Opgeslagen" not in bot.stdout
    with Journal() as j:
        assert j.sessions() == []


@pytest.mark.slow
def test_a_corrupt_journal_is_reported_and_play_goes_on(write_scenario, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "journal.sqlite3").write_bytes(b"\x00garbage" * 500)
    path = write_scenario(MINIMAL)
    result = run_cli("play", "--text", path, stdin="veilig\nluisteren\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "moved aside" in line]
    assert len(lines) == 1 and lines[0].startswith(str(data / "journal.sqlite3"))
    assert "Opgeslagen als sessie 1." in result.stdout


def test_a_row_with_damaged_listing_columns_never_stops_a_list_an_export_or_a_delete(journal, scenario):
    """Text where a time or a score belongs (a journal repaired by hand, another tool's write):
    it crashed the list of sessions, every debrief, the trainer report and the window's start,
    and the trainee could not even delete their data."""
    from simulator.privacy import delete_sessions, export_data
    s = Session.start(scenario)
    sid = journal.start(s, "mini.yaml", "nl")
    other = journal.start(Session.start(scenario), "mini.yaml", "nl")
    journal.db.execute("UPDATE sessions SET started_at = 'gisteren', overall = 'veel', steps = x'00' WHERE id = ?",
                       (sid,))
    records = {r.id: r for r in journal.sessions()}
    assert set(records) == {sid, other} and records[sid].overall is None and records[sid].steps == 0
    exported = export_data(journal)
    assert [item["started_at"] for item in exported["sessions"] if item["id"] == sid] == ["gisteren"]
    delete_sessions(journal, [sid])
    assert [r.id for r in journal.sessions()] == [other]


def test_a_journal_whose_outbox_went_missing_gets_one_again_and_deleting_a_session_works(tmp_path, scenario):
    """A tool (or a hand) deleted the outbox table: deleting a session then ended in a traceback."""
    from simulator.privacy import delete_sessions
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        kept, gone = (journal.start(Session.start(scenario), "mini.yaml", "nl") for _ in range(2))
    db = sqlite3.connect(path)
    db.execute("DROP TABLE outbox")
    db.commit()
    db.close()
    with Journal(path) as journal:
        done = delete_sessions(journal, [gone])
        assert done.deleted == [gone] and [r.id for r in journal.sessions()] == [kept]
        assert journal._query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0
