"""What the analysis proves stays true where a meeting can surprise it.

The search prunes a branch when its relaxed bound can't beat what it already found, so a
bound that is ever too low gives a wrong "exact" best; validate calls a line unreachable
when the interval proof says no mood gets there, so a box that misses a real situation
gives a wrong warning. The scenarios here put the points and the lines exactly where a
too-simple analysis would not look.
"""

from __future__ import annotations

import random

import pytest

from engine import load_scenario_text
from engine.analysis.graph import explore
from engine.analysis.intervals import Intervals
from engine.analysis.relaxed import relaxed_of
from engine.analysis.search import Solver
from engine.play.rules import OBJECTIVES, rules_of
from tests.fixtures.realistic import realistic_text

# A time-out at the second decision makes Ineke angry enough for the trigger; its
# interruption scores 4, more than the quick route. The first choice calms her, so a
# time-out at the start doesn't reach the trigger: only the time-out at "tweede" does.
TIMEOUT_THEN_TRIGGER = """\
format: 1
id: timeout-trigger
title: {nl: Time-out, en: Time-out}
summary: {nl: Een time-out zet iets in gang., en: A time-out sets something off.}
setting:
  meeting: {nl: Overleg, en: Meeting}
residents:
  - id: ineke
    name: Ineke Bakker
    mood: {trust: 5, anger: 0}
timeout:
  limit: 1
  cost: {ineke: {anger: 1}}
start: opening
triggers:
  - when: "ineke.anger >= 1 and flag.bij_tweede"
    goto: uitbarsting
    interrupts: true
nodes:
  opening:
    speaker: ineke
    text: {nl: "Begin", en: "Start"}
    order: fixed
    choices:
      - id: rustig
        text: {nl: Rustig., en: Calm.}
        next: tweede
        set: [bij_tweede]
        effects: {ineke: {anger: -1}}
        score: {step1: 1}
      - id: snel
        text: {nl: Snel., en: Quick.}
        next: einde
        score: {step1: 2, step4: 1}
  tweede:
    speaker: ineke
    text: {nl: "Nou?", en: "Well?"}
    choices:
      - id: klaar
        text: {nl: Klaar., en: Done.}
        next: einde
        score: {step3: 1}
  uitbarsting:
    speaker: ineke
    text: {nl: "Ik ben boos!", en: "I am angry!"}
    choices:
      - id: erkennen
        text: {nl: U bent boos., en: You are angry.}
        next: return
        score: {e3: 2, step3: 2}
endings:
  einde:
    kind: partial
    title: {nl: Einde, en: End}
    text: {nl: Einde., en: End.}
"""


def _agree(scenario) -> None:
    graph = explore(scenario, max_states=200_000)
    assert graph.complete
    best, worst = graph.values(), graph.values(worst=True)
    solver = Solver(rules_of(scenario))
    start = graph.states[graph.initial]
    for k, objective in enumerate(OBJECTIVES):
        assert solver.value(start, k).total == best[graph.initial][k], objective
        assert solver.value(start, k, worst=True).total == worst[graph.initial][k], objective


def test_a_trigger_set_off_by_a_time_out_counts_in_the_bound():
    scenario = load_scenario_text(TIMEOUT_THEN_TRIGGER, "timeout-trigger.yaml")
    _agree(scenario)
    rules = rules_of(scenario)
    assert Solver(rules).value(rules.initial()).total == 6  # calm, time-out, acknowledge, done


@pytest.mark.parametrize("start_anger", range(0, 11, 2))
def test_the_anger_ceiling_never_bounds_below_a_real_playthrough(start_anger):
    """From any mood, every random playthrough scores within the bounds of where it starts."""
    scenario = load_scenario_text(TIMEOUT_THEN_TRIGGER.replace("anger: 0}", f"anger: {start_anger}}}"), "t.yaml")
    _agree(scenario)
    rules = rules_of(scenario)
    relaxed = relaxed_of(rules)
    rnd = random.Random(start_anger)
    for _ in range(50):
        s, states, totals = rules.initial(), [], []
        total = [0] * len(OBJECTIVES)
        while True:
            moves = rules.moves(s)
            if not moves:
                break
            states.append(s)
            totals.append(list(total))
            m = moves[rnd.randrange(len(moves))]
            total = [a + b for a, b in zip(total, m.vector)]
            s = rules.step(s, m)
        for st, before in zip(states, totals):
            best, worst = relaxed.bounds(st)
            for k in range(len(OBJECTIVES)):
                assert worst[k] <= total[k] - before[k] <= best[k]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_every_listed_situation_lies_inside_the_interval_proof(seed):
    """After an interruption the trigger that started it still holds but has fired: the lines
    it returns to are reachable (they were once proved unreachable)."""
    scenario = load_scenario_text(realistic_text(seed, residents=3, nodes=40), f"r{seed}.yaml")
    rules = rules_of(scenario)
    boxes = Intervals(rules).boxes
    graph = explore(scenario, max_states=3_000)
    for state in graph.states.values():
        if state[0] in scenario.endings:
            continue
        box = boxes.get(state[0])
        assert box is not None, f"{state[0]} is reached but the proof says never"
        assert all(lo <= v <= hi for v, (lo, hi) in zip(state[1], box)), (state[0], state[1], box)
