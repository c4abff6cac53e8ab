"""Plus-Delta: the trainee's own rating, stored with the session, shown beside the measurement;
and the journal's schema migration that made room for it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from engine import Session, load_scenario_text
from engine.debrief.review import review
from engine.debrief.selfrating import RATING_KEYS, SelfRating, level, make_rating, rated_keys, rating_rows
from simulator.journal import APPLICATION_ID, Journal, JournalError
from simulator.journal_schema import SCHEMA_VERSION, migrate
from tests.conftest import ROOT
from tests.crafted import MINIMAL

# The layout of schema version 1, as the first Tussenwerker wrote it.
V1_SCHEMA = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, scenario_id TEXT NOT NULL, scenario_path TEXT NOT NULL,
    scenario_digest TEXT NOT NULL DEFAULT '', language TEXT NOT NULL, trainee TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES sessions(id), started_at REAL NOT NULL, updated_at REAL NOT NULL,
    steps INTEGER NOT NULL DEFAULT 0, finished INTEGER NOT NULL DEFAULT 0, ending TEXT, overall INTEGER,
    totals TEXT, data TEXT NOT NULL
);
CREATE INDEX sessions_by_scenario ON sessions(scenario_id, started_at);
"""


@pytest.fixture
def scenario():
    return load_scenario_text(MINIMAL, "mini.yaml")


def finished(scenario) -> Session:
    s = Session.start(scenario)
    s.answer("veilig")
    s.choose("luisteren")
    s.choose("pauze")
    s.advance()
    s.choose("later")
    assert s.finished
    return s


def test_a_rating_keeps_only_answers_on_the_scale():
    r = make_rating({"overall": 4, "step3": 2, "step9": 3, "e1": 7, "e2": None, "e3": True}, "  goed  geluisterd ", "")
    assert r.scores == {"overall": 4, "step3": 2} and r.plus == "goed geluisterd" and r.at > 0
    assert SelfRating.from_data(r.to_data()) == r
    assert SelfRating.from_data({"scores": {"step1": "5", "e4": 0, "overall": 3}, "plus": 7}).scores == {"overall": 3}
    assert SelfRating.from_data("rubbish").empty and make_rating({}).empty


def test_only_what_the_scenario_scores_is_asked(scenario):
    assert rated_keys(scenario) == ("overall", "step1", "step2", "step3", "step4", "step5", "e1", "e2", "e3")
    assert set(rated_keys(scenario)) < set(RATING_KEYS)  # e4: no choice in MINIMAL touches it


def test_the_measurement_is_put_on_the_same_scale_in_five_equal_bands():
    assert [level(p) for p in (0, 12.4, 12.5, 37.4, 50, 62.5, 87.4, 87.5, 100)] == [1, 1, 2, 2, 3, 4, 4, 5, 5]
    assert level(None) is None


def test_own_rating_beside_the_measured_score_with_the_gaps_called_out(scenario):
    s = finished(scenario)
    r = review(scenario, s.history, s.state.ending, transcript=s.state.transcript)
    rows = {row.key: row for row in rating_rows(r, make_rating({"overall": 5, "step3": 5, "step5": 1}))}
    assert set(rows) == set(rated_keys(scenario))
    step3 = r.dimension("step3")
    assert rows["step3"].percent == step3.route_percent == 100.0 and rows["step3"].measured == 5
    assert rows["step3"].gap == 0 and not rows["step3"].notable
    # Step 5 scored 0 on a route range of -2 ('dreigen' was on offer) to +2 ('samen'): the middle.
    assert rows["step5"].percent == 50.0 and rows["step5"].measured == 3
    assert rows["step5"].gap == -2 and rows["step5"].notable
    assert rows["step1"].own is None and rows["step1"].gap is None
    assert rows["overall"].score == r.overall and rows["overall"].percent == r.route_overall_percent


def test_the_rating_is_stored_with_the_session_in_the_journal(tmp_path, scenario):
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as j:
        sid = j.start(finished(scenario), "mini.yaml", "nl")
        assert j.rating(sid) is None
        j.set_rating(sid, make_rating({"overall": 3, "e3": 2}, "rustig gebleven", "eerder samenvatten"))
    with Journal(path) as j:
        stored = j.rating(sid)
        assert stored.scores == {"overall": 3, "e3": 2} and stored.delta == "eerder samenvatten"
        j.set_rating(sid, make_rating({"overall": 4}))
        assert j.rating(sid).scores == {"overall": 4} and j.rating(sid).plus == ""
        raw = j.db.execute("SELECT rating FROM sessions WHERE id = ?", (sid,)).fetchone()[0]
        assert json.loads(raw)["scores"] == {"overall": 4}
        j.db.execute("UPDATE sessions SET rating = '{half' WHERE id = ?", (sid,))
        assert j.rating(sid) is None  # a damaged rating never stops a debrief
        with pytest.raises(JournalError) as err:
            j.set_rating(99, make_rating({"overall": 1}))
        assert str(err.value).startswith(str(path)) and "no session 99" in str(err.value)


def write_v1(path, rows: int = 2) -> None:
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    for n in range(rows):
        db.execute("INSERT INTO sessions (scenario_id, scenario_path, language, started_at, updated_at, data)"
                   " VALUES ('mini', 'mini.yaml', 'nl', ?, ?, '{}')", (1000.0 + n, 1000.0 + n))
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_a_version_1_journal_is_migrated_in_place_keeping_every_session(tmp_path):
    path = tmp_path / "journal.sqlite3"
    write_v1(path)
    with Journal(path) as j:
        assert j.notice is None
        assert j.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        records = j.sessions()
        assert [r.id for r in records] == [2, 1] and all(r.branch_index is None for r in records)
        assert j.rating(1) is None
        j.set_rating(1, make_rating({"overall": 2}))
    assert not list(tmp_path.glob("*.corrupt-*"))
    with Journal(path) as j:  # opening again changes nothing
        assert j.rating(1).scores == {"overall": 2} and len(j.sessions()) == 2


def test_a_failed_migration_leaves_the_old_file_as_it_was(tmp_path):
    path = tmp_path / "journal.sqlite3"
    write_v1(path)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE sessions ADD COLUMN rating TEXT")  # half a migration someone did by hand
    db.commit()
    db.close()
    with pytest.raises(JournalError) as err:
        Journal(path)
    assert str(err.value).startswith(str(path)) and "schema 1" in str(err.value) and "\n" not in str(err.value)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in db.execute("PRAGMA table_info(sessions)")]
    assert "branch_index" not in columns and db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    db.close()


def test_a_migration_another_process_already_did_runs_once(tmp_path):
    path = tmp_path / "journal.sqlite3"
    write_v1(path, rows=1)
    Journal(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 1)  # a second process that read version 1 before the first one migrated
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


# -- the terminal asks before the debrief ---------------------------------------------
def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_terminal_play_asks_the_rating_first_and_stores_it(write_scenario):
    path = write_scenario(MINIMAL)
    # meeting: prep 1, choices 1, 3, 2; rating: overall 4, step1 skipped, step2 'x' (asked again) 2, step3 5, q
    result = run("play", "--text", path, stdin="veilig\nluisteren\npauze\nlater\n4\n\nx\n2\n5\nq\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("Eerst jouw eigen inschatting") < out.index("Nabespreking")
    assert "Typ een cijfer van 1 tot 5" in out
    assert "Per dimensie, op een schaal van 1 tot 5" in out and "Stap 3  Ga naast de ander staan" in out
    with Journal() as j:
        assert j.rating(1).scores == {"overall": 4, "step2": 2, "step3": 5}
    again = run("debrief", "1", "--lang", "en")
    step3 = next(line for line in again.stdout.splitlines() if "Step 3  Step to their side" in line)
    assert "you 5 · 5.0" in step3  # the estimate and the measurement on one 1-5 scale


@pytest.mark.slow
def test_no_rating_and_end_of_input_go_straight_to_the_debrief(write_scenario):
    path = write_scenario(MINIMAL)
    piped = run("play", "--text", path, stdin="veilig\nluisteren\npauze\nlater\n")  # the input ends with the meeting
    assert piped.returncode == 0 and "Nabespreking" in piped.stdout and "naast de meting" not in piped.stdout
    scripted = run("play", "--text", path, "--no-rating", stdin="veilig\nluisteren\npauze\nlater\n4\n")
    assert "eigen inschatting" not in scripted.stdout and "Nabespreking" in scripted.stdout
    bot = run("play", "--text", path, "--auto", "best")
    assert "eigen inschatting" not in bot.stdout
    with Journal() as j:
        assert [j.rating(r.id) for r in j.sessions()] == [None, None]


@pytest.mark.slow
def test_a_session_rated_later_with_debrief_rate(write_scenario):
    path = write_scenario(MINIMAL)
    run("play", "--text", path, "--no-rating", stdin="veilig\nluisteren\npauze\nlater\n")
    rated = run("debrief", "1", "--rate", "--lang", "en", stdin="3\n\n\n\n\n\n\n\n\nlistened\nsummarise sooner\n")
    assert rated.returncode == 0, rated.stderr
    assert "First, your own estimate" in rated.stdout and "Plus (went well): listened" in rated.stdout
    with Journal() as j:
        assert j.rating(1).scores == {"overall": 3} and j.rating(1).delta == "summarise sooner"
    asked_again = run("debrief", "1", "--rate", stdin="1\n")
    assert "eigen inschatting" not in asked_again.stdout  # already rated: not asked twice
