"""Continuing a session after the author changed the scenario never crashes (simulator/resume.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from engine import Session, load_scenario_text
from simulator.journal import Journal
from simulator.resume import continue_saved
from tests.conftest import ROOT
from tests.crafted import MINIMAL

# edit -> (changed scenario text, the steps of [veilig, luisteren] that still apply, a note expected)
EDITS = {
    "text reworded": (MINIMAL.replace('"Wanneer begint het?"', '"Wanneer start het?"'), 2, False),
    "scores changed": (MINIMAL.replace("score: {step3: 2, e3: 1}", "score: {step3: 1}"), 2, False),
    "resident added": (MINIMAL.replace("preparation:", "  - id: joke\n    name: Joke\n    mood: {trust: 5, "
                                                       "anger: 3}\npreparation:", 1), 2, False),
    "choice renamed": (MINIMAL.replace("id: luisteren", "id: luister"), 1, True),
    "choice now conditional": (MINIMAL.replace("        next: midden\n        effects: {ineke: {trust: 2}",
                                               "        next: midden\n        when: \"ineke.trust >= 9\"\n"
                                               "        effects: {ineke: {trust: 2}", 1), 1, True),
    "preparation answer renamed": (MINIMAL.replace("id: veilig", "id: zeker"), 0, True),
    "line inserted before the choice": (
        MINIMAL.replace("start: opening", "start: welkom").replace(
            "nodes:\n", "nodes:\n  welkom:\n    speaker: narrator\n    text: {nl: Welkom., en: Welcome.}\n"
                        "    next: opening\n", 1), 2, False),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_session_of_an_edited_scenario_goes_on_and_says_what_no_longer_applies(tmp_path, edit):
    old = load_scenario_text(MINIMAL, "mini.yaml")
    text, kept, noted = EDITS[edit]
    new = load_scenario_text(text, "mini.yaml")
    with Journal(tmp_path / "journal.sqlite3") as journal:
        s = Session.start(old)
        sid = journal.start(s, "mini.yaml", "nl")
        s.answer("veilig")
        s.choose("luisteren")
        journal.save(sid, s)
        started = s.state.started_at
        session, notes = continue_saved(journal, sid, new)
        assert [d.choice_id for d in session.history] == ["veilig", "luisteren"][:kept]
        assert bool(notes) == noted and all("\n" not in n for n in notes)
        assert session.state.started_at == started
        while not session.finished:  # and play goes on to an ending, saved at every step
            if session.question is not None:
                session.answer(session.question.options[0].id)
            elif session.can_continue:
                session.advance()
            else:
                session.choose(session.choices[-1].id)
            journal.save(sid, session)
        assert journal.get(sid).finished
        session.close()


@pytest.mark.slow
def test_resume_in_the_terminal_after_a_choice_was_renamed(write_scenario):
    path = write_scenario(MINIMAL)
    first = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", path, "--no-rating"],
                           input="veilig\nluisteren\nq\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert first.returncode == 0, first.stderr
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(MINIMAL.replace("id: luisteren", "id: luister"))
    again = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", "--resume", "--no-rating"],
                           input="luister\npauze\nlater\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert "Het scenario is veranderd" in again.stdout and "choice 'luisteren' no longer exists" in again.stdout
    assert "Einde:" in again.stdout
    with Journal() as j:
        assert j.get(1).finished


def test_a_saved_history_naming_a_choice_the_scenario_lacks_is_replayed_not_trusted(tmp_path):
    """The same scenario digest, but the saved history names a choice that isn't there (a journal
    edited by hand, or written by a faulty tool): it was resumed as saved, played to its ending and
    then crashed scoring the unknown choice, at every later resume too. Now it is replayed like a
    session of an edited scenario, and goes on to an ending."""
    import json
    import sqlite3
    scenario = load_scenario_text(MINIMAL, "mini.yaml")
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        s = Session.start(scenario)
        sid = journal.start(s, "mini.yaml", "nl")
        s.answer("veilig")
        s.choose("luisteren")
        journal.save(sid, s)
    db = sqlite3.connect(path)
    data = json.loads(db.execute("SELECT data FROM sessions").fetchone()[0])
    assert data["digest"] == scenario.digest
    raw = json.dumps(data).replace('"luisteren"', '"bestaat_niet"')
    db.execute("UPDATE sessions SET data = ?", (raw,))
    db.commit()
    db.close()
    with Journal(path) as journal:
        session, notes = continue_saved(journal, sid, scenario)
        assert [d.choice_id for d in session.history] == ["veilig"] and notes
        while not session.finished:
            if session.can_continue:
                session.advance()
            else:
                session.choose(session.choices[0].id)
            journal.save(sid, session)
        assert journal.get(sid).finished


def test_a_damaged_saved_session_is_said_in_words_not_pythons_names(tmp_path):
    import sqlite3

    from simulator.journal import JournalError
    scenario = load_scenario_text(MINIMAL, "mini.yaml")
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        sid = journal.start(Session.start(scenario), "mini.yaml", "nl")
    import json
    db = sqlite3.connect(path)
    data = json.loads(db.execute("SELECT data FROM sessions").fetchone()[0])
    del data["mood"]  # what a faulty tool or a hand edit leaves
    db.execute("UPDATE sessions SET data = ?", (json.dumps(data),))
    db.commit()
    db.close()
    with Journal(path) as journal, pytest.raises(JournalError) as err:
        continue_saved(journal, sid, scenario)
    assert "is missing" in str(err.value) and "KeyError" not in str(err.value) and "\n" not in str(err.value)
