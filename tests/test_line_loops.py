"""Lines that go round, and meetings that can't go on: named by validate, never a hang.

A trainer wrote two narrator lines (e-mails coming in) whose ``next`` point at each other.
``validate``, ``analyze``, ``plan`` and the bots hung for ever, and ``play --text`` printed the
two lines until the disk filled; a dead end (every option's condition false) asked the trainee
to "choose 1 to 0". Now the loader names such a loop where it closes, the analysis and a live
session notice a line coming round unchanged, and the players say the meeting is stuck.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from engine import ScenarioError, Session, load_scenario_text
from engine.scenario.loader import parse_scenario

HEAD = """format: 1
id: lus
language: nl
title: "Lus"
summary: "Twee regels die naar elkaar verwijzen."
setting:
  meeting: "Gesprek"
residents:
  - id: joke
    name: Joke de Wit
    mood: {anger: 1}
start: opening
nodes:
  opening:
    speaker: joke
    text: "Hallo."
    choices:
      - id: a
        text: "Verder."
        next: mail1
        score: {step3: 1}
        feedback: "Goed."
      - id: b
        text: "Stoppen."
        next: einde
        score: {step3: -1}
        feedback: "Jammer."
"""
TAIL = """endings:
  einde:
    kind: postponed
    title: "Einde"
    text: "Klaar."
    debrief: "Klaar."
"""
TWO_LINES = """  mail1:
    speaker: narrator
    text: "Een mail."
    next: mail2
  mail2:
    speaker: narrator
    text: "Nog een mail."
{auto}    next: mail1
"""
NEVER = """    auto:
      - when: joke.anger >= 5
        goto: einde
"""


def text(auto: str = "", lines: str = TWO_LINES) -> str:
    return HEAD + lines.replace("{auto}", auto) + TAIL


def test_lines_that_go_round_for_ever_are_an_error_where_the_loop_closes():
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text(), "lus.yaml")
    problems = [p for p in err.value.problems if p.severity == "error"]
    assert len(problems) == 1
    p = problems[0]
    source = text().splitlines()
    assert source[p.line - 1].strip() == "next: mail1" and "'mail1' -> 'mail2' -> 'mail1'" in p.message
    assert "go round for ever" in p.message


def test_a_line_that_leads_to_itself_is_named_too():
    self_loop = """  mail1:
    speaker: narrator
    text: "Een mail."
    next: mail1
"""
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text(lines=self_loop), "lus.yaml")
    assert any("'mail1' -> 'mail1'" in p.message for p in err.value.problems)


def test_lines_that_lead_on_to_a_decision_are_no_loop():
    chain = """  mail1:
    speaker: narrator
    text: "Een mail."
    next: mail2
  mail2:
    speaker: narrator
    text: "Nog een mail."
    next: opening
"""
    scenario, problems = parse_scenario(text(lines=chain), "keten.yaml")
    assert scenario is not None and not [p for p in problems if "round" in p.message]

def test_lines_only_an_auto_could_leave_are_a_warning_and_a_live_session_sees_them_go_round():
    scenario, problems = parse_scenario(text(NEVER), "lus.yaml")  # loads: the auto might hold
    assert scenario is not None
    assert [p.severity for p in problems if "go round until" in p.message] == ["warning"]
    session = Session.start(scenario)
    session.choose("a")
    for _ in range(10):
        if not session.can_continue:
            break
        session.advance()
    assert session.going_round and session.stuck and not session.finished
    assert session.state.position in ("mail1", "mail2")


def test_a_dead_end_is_stuck_and_a_decision_is_not():
    dead = """  mail1:
    speaker: joke
    text: "En nu?"
    choices:
      - id: x
        when: joke.anger >= 5
        text: "Iets."
        next: einde
        score: {step3: 1}
        feedback: "Ja."
"""
    scenario = load_scenario_text(text(lines=dead), "dood.yaml")
    session = Session.start(scenario)
    assert not session.stuck  # the first decision
    session.choose("a")
    assert session.stuck and not session.choices and not session.can_continue


def run(path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args, str(path)], input=stdin, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.slow
def test_no_command_hangs_on_lines_that_go_round(tmp_path):
    path = tmp_path / "lus.yaml"
    path.write_text(text(NEVER), encoding="utf-8")
    checked = run(path, "validate")
    assert checked.returncode == 1
    assert "go round until one of their 'auto' conditions holds" in checked.stdout + checked.stderr
    assert "never reach an ending" in checked.stdout + checked.stderr
    assert run(path, "analyze").returncode == 0
    planned = run(path, "plan", "--auto", "best")  # a best path that can't end: no plan, in one line
    assert planned.returncode == 1 and "reaches no ending" in planned.stderr and "Traceback" not in planned.stderr
    played = run(path, "play", "--text", "--no-save", "--no-rating", "--lang", "en", stdin="a\n")
    assert played.returncode == 1 and "The meeting is stuck at 'mail" in played.stdout
    assert played.stdout.count("Een mail.") <= 3 and "Traceback" not in played.stderr
