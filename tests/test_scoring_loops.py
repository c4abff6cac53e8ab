"""A scoring choice a loop leads back to: validate names it however large the scenario, and the
best bot and ``plan --auto best`` play a playthrough that ends.

A trainer added "mag ik het nog eens horen?" (step 3 +1) leading back to the line before it. In
the live meeting every round scores again. On a full-size evening validate said nothing (the loop
check only ran when every situation could be listed), the best bot went round until it stopped
after 1,041 moves, and ``plan --auto best`` wrote a plan that never reached an ending.
"""

from __future__ import annotations

import subprocess
import sys

import yaml

from engine import load_scenario_text
from engine.analysis.playability import check_playability
from engine.analysis.search import Solver
from engine.play.plans import play_moves
from engine.play.rules import rules_of
from simulator.cli.plan_writer import plan_moves
from tests.conftest import ROOT
from tests.fixtures.realistic import realistic_text

SMALL = """
format: 1
id: nog-eens
title: {nl: "Nog eens", en: "Again"}
summary: {nl: "Een vraag die je steeds opnieuw kunt stellen.", en: "A question you can ask again and again."}
setting: {meeting: {nl: "Gesprek", en: "Talk"}}
residents:
  - {id: joke, name: Joke de Wit}
start: vraag
nodes:
  vraag:
    speaker: joke
    text: {nl: "Waarom hier?", en: "Why here?"}
    choices:
      - id: nog_eens
        text: {nl: "Mag ik uw vraag nog eens horen?", en: "Could I hear it again?"}
        next: vraag
        effects: {joke: {trust: 1}}
        score: {step3: 1}
        feedback: {nl: "Doorvragen.", en: "Asking again."}
      - id: antwoord
        text: {nl: "Omdat het pand leeg staat.", en: "Because the building is empty."}
        next: klaar
        score: {step1: 1}
        feedback: {nl: "Eerlijk.", en: "Honest."}
endings:
  klaar: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: "Klaar.", en: "Done."}, debrief: {nl: "x", en: "x"}}
"""


def _with_a_scoring_loop() -> tuple[str, str, str]:
    """A generated three-resident evening of 40 nodes where a scoring option of a decision leads
    back to the decision before it: (text, that decision, the option)."""
    data = yaml.safe_load(realistic_text(3, residents=3, nodes=40))
    nodes = data["nodes"]
    before = nodes[data["start"]]
    while "choices" not in before:
        before = nodes[before["next"]]
    first_choice = before["choices"][0]
    target = first_choice["next"]
    node = nodes[target]
    while "choices" not in node:
        target = node["next"]
        node = nodes[target]
    start = next(nid for nid, n in nodes.items() if n is before)
    node["choices"].append({"id": "nog_eens", "text": {"nl": "Mag ik dat nog eens horen?", "en": "Once more?"},
                            "next": start, "score": {"step3": 1},
                            "feedback": {"nl": "Doorvragen.", "en": "Asking again."}})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), target, "nog_eens"


def test_validate_names_a_scoring_loop_when_the_situations_are_too_many_to_list():
    text, node, choice = _with_a_scoring_loop()
    scenario = load_scenario_text(text, "avond.yaml")
    problems = check_playability(scenario, max_states=300)  # too few to list them all: playthroughs show it
    farmed = [p for p in problems if "collects its points again" in p.message]
    assert farmed and all(p.severity == "warning" for p in farmed)
    assert any(f"choice {choice!r}" in p.message and f"node {node!r}" in p.message for p in farmed)
    before = load_scenario_text(realistic_text(3, residents=3, nodes=40), "avond.yaml")
    assert not [p for p in check_playability(before, max_states=300) if "collects its points again" in p.message]


def test_the_suggested_guard_takes_the_warning_away():
    guard = '        when: "not chose.vraag.nog_eens"\n'
    guarded = SMALL.replace("        next: vraag\n", "        next: vraag\n" + guard)
    warned = [p for p in check_playability(load_scenario_text(SMALL, "a.yaml")) if "points again" in p.message]
    assert len(warned) == 1 and "not chose.vraag.nog_eens" in warned[0].message
    assert not [p for p in check_playability(load_scenario_text(guarded, "b.yaml")) if "points again" in p.message]


def test_the_best_path_never_comes_back_into_a_situation_and_ends_on_the_small_file():
    scenario = load_scenario_text(SMALL, "nog-eens.yaml")
    prep, choices = plan_moves(scenario, "best")
    session, failures = play_moves(scenario, prep, choices)
    assert not failures and session.finished and session.state.ending == "klaar"
    text, _, _ = _with_a_scoring_loop()
    for scenario in (load_scenario_text(SMALL, "a.yaml"), load_scenario_text(text, "avond.yaml")):
        rules = rules_of(scenario)
        solver = Solver(rules)
        s, seen = rules.initial(), set()
        for _, move in solver.path(s):
            assert solver.liveness.key(s) not in seen
            seen.add(solver.liveness.key(s))
            s = rules.step(s, move)


def test_the_best_bot_ends_a_full_size_evening_with_a_scoring_loop(write_scenario):
    """It went round until it gave up after hundreds of moves; now it never comes back into a
    situation its playthrough was in, and plan says in one line when the best path can't end."""
    text, _, _ = _with_a_scoring_loop()
    path = write_scenario(text, "avond.yaml")
    bot = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", "--no-save", "--auto", "best", path],
                         capture_output=True, text=True, cwd=ROOT, timeout=300, stdin=subprocess.DEVNULL)
    assert bot.returncode == 0 and "== Einde" in bot.stdout and "zonder einde" not in bot.stdout
    plan = subprocess.run([sys.executable, "-m", "simulator", "plan", path, "--auto", "best"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    if plan.returncode:
        assert plan.stderr.count("\n") == 1 and "reaches no ending" in plan.stderr and "Traceback" not in plan.stderr
    else:
        assert "ending: null" not in plan.stdout


def test_plan_best_writes_a_plan_that_ends_and_passes(write_scenario, tmp_path):
    path = write_scenario(SMALL, "nog-eens.yaml")
    out = tmp_path / "best.plan"
    made = subprocess.run([sys.executable, "-m", "simulator", "plan", path, "--auto", "best", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert made.returncode == 0, made.stderr
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert plan["expect"]["ending"] == "klaar"
    ran = subprocess.run([sys.executable, "-m", "simulator", "test", str(out)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    bot = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", "--no-save", "--auto", "best", path],
                         capture_output=True, text=True, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert bot.returncode == 0 and "Klaar" in bot.stdout
