"""A loop of choices with no way out: found by validate however large the scenario, and no bot,
plan or strategy plays it for ever.

A trainer redirected one option to a decision whose choices all lead back to itself. On a small
file validate named the loop; on a full-size one (too many situations to list) it passed
``--strict``, and ``play --auto random``, ``plan --auto random`` and the content-blind strategies
went round until killed.
"""

from __future__ import annotations

import subprocess
import sys

import yaml

from engine import load_scenario_text
from engine.analysis.playability import check_playability
from engine.analysis.playstats import analyze
from engine.analysis.tells import _play
from engine.play.rules import rules_of
from tests.conftest import ROOT
from tests.fixtures.realistic import realistic_text

TRAP = {"speaker": "narrator", "text": {"nl": "Nog iets?", "en": "Anything else?"},
        "choices": [{"id": "ja", "text": {"nl": "Ja.", "en": "Yes."}, "next": "lus", "score": {}},
                    {"id": "nee", "text": {"nl": "Nee.", "en": "No."}, "next": "lus", "score": {}}]}


SMALL = """
format: 1
id: lus-val
title: {nl: "Lus", en: "Loop"}
summary: {nl: "Een keuze die altijd terugkomt.", en: "A choice that always comes back."}
setting:
  meeting: {nl: "Gesprek", en: "Talk"}
residents:
  - id: joke
    name: Joke de Wit
start: opening
nodes:
  opening:
    speaker: joke
    text: {nl: "Waar hebben we het over?", en: "What are we talking about?"}
    choices:
      - id: bankje
        text: {nl: "Over het bankje.", en: "About the bench."}
        next: einde
        score: {step3: 1}
        feedback: {nl: "Goed.", en: "Good."}
      - id: mail
        text: {nl: "Ik lees eerst mijn mail.", en: "I read my email first."}
        next: lus
        score: {e1: -1}
        feedback: {nl: "Niet goed.", en: "Not good."}
  lus:
    speaker: joke
    text: {nl: "Nog iets?", en: "Anything else?"}
    choices:
      - id: ja
        text: {nl: "Ja.", en: "Yes."}
        next: lus
      - id: nee
        text: {nl: "Nee.", en: "No."}
        next: lus
endings:
  einde:
    kind: agreement
    title: {nl: "Einde", en: "End"}
    text: {nl: "Klaar.", en: "Done."}
    debrief: {nl: "Klaar.", en: "Done."}
"""


def _with_a_trap() -> tuple[str, str]:
    """A generated three-resident evening of 40 nodes where one early option leads into the loop."""
    data = yaml.safe_load(realistic_text(3, residents=3, nodes=40))
    data["nodes"]["lus"] = TRAP
    first = data["nodes"][data["start"]]
    while "choices" not in first:
        first = data["nodes"][first["next"]]
    first["choices"][-1]["next"] = "lus"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), first["choices"][-1]["id"]


def test_validate_names_the_loop_with_a_witness_when_the_situations_are_too_many_to_list():
    text, into = _with_a_trap()
    scenario = load_scenario_text(text, "avond.yaml")
    problems = check_playability(scenario, max_states=300)  # too few to list them all: witnesses and playouts
    trapped = [p for p in problems if "can never reach an ending" in p.message]
    assert len(trapped) == 1 and trapped[0].severity == "error"
    assert trapped[0].message.startswith("node 'lus'") and into in trapped[0].message
    assert text.splitlines()[trapped[0].line - 2].strip() == "lus:"  # at the node (its first key)


def test_the_bots_and_plan_stop_going_round_in_one_line(write_scenario):
    text, _ = _with_a_trap()
    path = write_scenario(text, "avond.yaml")
    for seed in range(12):  # a seed whose random path walks into the loop
        plan = subprocess.run([sys.executable, "-m", "simulator", "plan", path, "--auto", "random", "--seed",
                               str(seed)], capture_output=True, text=True, cwd=ROOT, timeout=120)
        if plan.returncode:
            break
    assert plan.returncode == 1 and plan.stderr.count("\n") == 1, plan.stderr
    assert "goes round without end at 'lus'" in plan.stderr and "Traceback" not in plan.stderr
    bot = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", "--no-save", "--auto", "random",
                          "--seed", str(seed), path], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bot.returncode == 1 and "gaat rond zonder einde bij 'lus'" in " ".join(bot.stdout.split())


def test_a_strategy_that_goes_round_scores_nothing_and_the_random_player_stops_counting_at_the_loop():
    text, _ = _with_a_trap()
    scenario = load_scenario_text(text, "avond.yaml")
    rules = rules_of(scenario)
    import random
    last = lambda state, shown, rnd: shown[-1] if state[0] != "lus" else shown[0]  # noqa: E731
    assert _play(rules, last, False, random.Random(0)) is None
    stats = analyze(scenario, max_states=300, samples=200)  # sampled
    assert not stats.exact and 0 < stats.never_ends < 1
    assert stats.decisions[2] < 100  # the playthroughs that end; not the rounds of the loop counted up
    small = load_scenario_text(SMALL, "lus.yaml")
    listed = analyze(small)  # every situation listed: it said a random player makes 50,000.5 decisions
    assert listed.exact and listed.never_ends == 0.5 and listed.decisions[1] == 1.5
