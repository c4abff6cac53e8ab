"""The debrief's values kept with a session: the same debrief again, without searching again."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from engine import Session, load_scenario, load_scenario_text
from engine.analysis.outlook import Outlook
from simulator import kept_values
from simulator.debriefing import journaled_review, session_review
from simulator.journal import Journal
from simulator.privacy import export_data
from tests.conftest import ROOT
from tests.fixtures.playthrough import play_at_random

SCENARIOS = ["scenarios/speeltuin.yaml", "scenarios/verslavingsopvang.yaml",
             "tests/scenarios/realistic/windmolens.yaml"]


def played(scenario, seed: int) -> Session:
    session = Session.start(scenario, seed=seed)
    for _ in play_at_random(session, seed):
        pass
    return session


def round_trip(view: Outlook, session: Session):
    return Outlook.from_data(json.loads(json.dumps(view.to_data(session.scenario, session.history))),
                             session.scenario, session.history)


@pytest.mark.parametrize("path", SCENARIOS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_values_give_the_very_same_debrief(path, seed, monkeypatch):
    session = played(load_scenario(str(ROOT / path)), seed)
    fresh = session_review(session)
    kept = round_trip(fresh.outlook, session)
    assert kept is not None
    monkeypatch.setattr("engine.debrief.review.outlook", lambda *a, **k: pytest.fail("searched again"))
    again = session_review(session, kept)
    assert again == fresh  # every verdict, better move, best achievable and percentage
    assert again.decisions == fresh.decisions and again.best_overall == fresh.best_overall


def test_values_that_no_longer_hold_are_never_used():
    path = ROOT / "scenarios/speeltuin.yaml"
    scenario = load_scenario(str(path))
    session = played(scenario, 1)
    data = session_review(session).outlook.to_data(scenario, session.history)
    assert Outlook.from_data(data, scenario, session.history) is not None

    other = played(scenario, 2)  # another playthrough of the same scenario
    assert [d.choice_id for d in other.history] != [d.choice_id for d in session.history]
    assert Outlook.from_data(data, scenario, other.history) is None
    assert Outlook.from_data(data, scenario, session.history[:-1]) is None

    text = path.read_text(encoding="utf-8")
    edited = load_scenario_text(text + "\n# edited\n", str(path))
    assert edited.digest != scenario.digest  # the trainer edited the file since
    assert Outlook.from_data(data, edited, session.history) is None

    assert Outlook.from_data({**data, "version": data["version"] + 1}, scenario, session.history) is None


@pytest.mark.parametrize("damage", [
    lambda d: None, lambda d: [1, 2], lambda d: {**d, "moves": "x"}, lambda d: {**d, "best": "21"},
    lambda d: {**d, "exact": 1}, lambda d: {**d, "best_path": d["best_path"][:-1]},
    lambda d: {**d, "moves": [[["a", "choose", [0], None, None, True]]] + d["moves"][1:]},
    lambda d: {**d, "moves": [[[*m[:3], 1.5, *m[4:]] for m in row] for row in d["moves"]]},
    lambda d: {**d, "moves": [[["elders", *m[1:]] for m in row] for row in d["moves"]]},
    lambda d: {k: v for k, v in d.items() if k != "worst"},
])
def test_damaged_values_are_worked_out_again(damage):
    scenario = load_scenario(str(ROOT / "scenarios/speeltuin-kort.yaml"))
    session = played(scenario, 4)
    data = session_review(session).outlook.to_data(scenario, session.history)
    assert Outlook.from_data(damage(data), scenario, session.history) is None


def test_a_shown_debrief_keeps_its_values_and_a_debrief_that_only_reads_writes_nothing(tmp_path, monkeypatch):
    scenario = load_scenario(str(ROOT / "scenarios/verslavingsopvang.yaml"))
    with Journal(tmp_path / "journal.sqlite3") as journal:
        session = Session.start(scenario, seed=5)
        sid = journal.start(session, str(scenario.path), "nl")
        for _ in play_at_random(session, 5):
            journal.save(sid, session)
            if not session.finished:  # an unfinished session's debrief keeps nothing
                journaled_review(journal, sid, session, keep=True)
                assert journal.kept_values(sid) is None
        fresh = journaled_review(journal, sid, session)
        assert journal.kept_values(sid) is None  # only read
        assert journaled_review(journal, sid, session, keep=True) == fresh
        assert journal.kept_values(sid) is not None
        exported = export_data(journal)["sessions"][0]["debrief_values"]
        assert exported["best"] == fresh.best_overall  # the privacy export shows what is kept

        monkeypatch.setattr("engine.debrief.review.outlook", lambda *a, **k: pytest.fail("searched again"))
        again = journaled_review(journal, sid, journal.resume(sid, scenario))
        assert again == fresh

        journal.keep_values(sid, "{not json")  # a damaged row: worked out again, the same debrief
        monkeypatch.undo()
        assert kept_values.read(journal, sid, session) is None
        assert journaled_review(journal, sid, session) == fresh


def test_the_terminal_keeps_the_values_and_debrief_reads_them(tmp_path):
    env = {"TUSSENWERKER_DATA": str(tmp_path / "data"), "TUSSENWERKER_CONFIG": str(tmp_path / "config"),
           "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True,
                              text=True, cwd=ROOT, env=env, timeout=120)
    played_out = run("play", "--text", "--no-rating", "--lang", "en", "--seed", "3", "scenarios/speeltuin-kort.yaml",
                     stdin="2\n" * 200)
    assert played_out.returncode == 0, played_out.stderr
    journal = tmp_path / "data" / "journal.sqlite3"
    kept = sqlite3.connect(journal).execute("SELECT valued FROM sessions WHERE id = 1").fetchone()[0]
    assert kept and json.loads(kept)["best"] == 21

    first = run("debrief", "1", "--json", str(tmp_path / "kept.json"))
    assert first.returncode == 0, first.stderr
    db = sqlite3.connect(journal)
    db.execute("UPDATE sessions SET valued = NULL")
    db.commit()
    db.close()
    second = run("debrief", "1", "--json", str(tmp_path / "fresh.json"))
    assert second.returncode == 0, second.stderr
    assert sqlite3.connect(journal).execute("SELECT valued FROM sessions").fetchone()[0] is None  # only read

    def without_time(name: str) -> dict:
        data = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        data.pop("generated_at", None)
        return data
    assert without_time("kept.json") == without_time("fresh.json")


def test_the_window_shows_a_saved_debrief_at_once_from_its_kept_values(tmp_path, monkeypatch):
    from simulator.window.play import Play
    scenario = load_scenario(str(ROOT / "scenarios/speeltuin.yaml"))
    with Journal(tmp_path / "journal.sqlite3") as journal:
        play = Play(scenario, str(scenario.path), "nl", journal)
        for _ in play_at_random(play.session, 6):
            play.save()
        shown = play.review()  # the debrief at the end of the meeting keeps its values
        assert journal.kept_values(play.session_id) is not None

        monkeypatch.setattr("engine.debrief.review.outlook", lambda *a, **k: pytest.fail("searched again"))
        again = Play(scenario, str(scenario.path), "nl", journal,
                     session=journal.resume(play.session_id, scenario), session_id=play.session_id)
        monkeypatch.setattr(again.review_job, "ready_for", lambda history: False)  # no values followed
        assert again.review_ready  # opened from the sessions list: no wait for a search
        assert again.review() == shown


def test_a_report_over_a_journal_handed_in_reads_its_kept_values(tmp_path, monkeypatch):
    from simulator.cohort import read_journal_file
    scenario = load_scenario(str(ROOT / "scenarios/speeltuin.yaml"))
    path = tmp_path / "anna.sqlite3"
    with Journal(path) as journal:
        session = Session.start(scenario, seed=7)
        sid = journal.start(session, str(scenario.path), "nl")
        for _ in play_at_random(session, 7):
            journal.save(sid, session)
    problems: list[str] = []
    fresh = read_journal_file(path, problems)  # nothing kept yet: worked out
    with Journal(path) as journal:
        journaled_review(journal, sid, session, keep=True)
    monkeypatch.setattr("engine.debrief.review.outlook", lambda *a, **k: pytest.fail("searched again"))
    assert read_journal_file(path, problems) == fresh and not problems and len(fresh) == 1
