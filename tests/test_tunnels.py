"""The plain relaxed meeting steps over interruptions (``tunnels``): each is valued once per way
in and way out instead of once per place it can return to. The bounds must be exactly those of
the relaxed meeting with the interruptions in it, for every objective, best and worst, from
every situation a meeting can reach: random meetings full of interruptions (some that end the
meeting, some nested, group reactions, residents who leave) and the trainer-written ones."""

from __future__ import annotations

from collections import deque

import pytest

from engine import load_scenario
from engine.analysis.relaxed import Relaxed
from engine.play.rules import OBJECTIVES, rules_of
from engine.scenario.loader import load_scenario_text
from tests.conftest import ROOT
from tests.test_reaction_regions import meeting_with_reactions

WITNESSES = ROOT / "tests" / "scenarios" / "witness"


def _reachable(rules, cap: int):
    start = rules.initial()
    seen, todo, out = {start}, deque([start]), []
    while todo and len(out) < cap:
        s = todo.popleft()
        out.append(s)
        for m in rules.moves(s):
            nxt = rules.step(s, m)
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return out


def _same_bounds(scenario, cap: int) -> int:
    rules = rules_of(scenario)
    stepping, through = Relaxed(rules), Relaxed(rules, tunnels=False)
    checked = 0
    for s in _reachable(rules, cap):
        for k in range(len(OBJECTIVES)):
            for worst in (False, True):
                place = stepping.place(s)
                assert stepping._plain.value(place, k, worst) == through._plain.value(place, k, worst), \
                    (s, OBJECTIVES[k], worst)
                assert stepping.bound(s, k, worst) == through.bound(s, k, worst)
        checked += 1
    return checked


@pytest.mark.parametrize("seed", range(12))
def test_random_meetings_with_interruptions_keep_their_exact_bounds(seed):
    scenario = load_scenario_text(meeting_with_reactions(seed), f"tunnels-{seed}.yaml")
    assert _same_bounds(scenario, 400) > 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12, 60))
def test_many_more_random_meetings_keep_their_exact_bounds(seed):
    scenario = load_scenario_text(meeting_with_reactions(seed), f"tunnels-{seed}.yaml")
    assert _same_bounds(scenario, 400) > 0


@pytest.mark.slow
@pytest.mark.parametrize("name", ["jop-lindenhof", "marktplein-agenda"])
def test_trainer_written_interruptions_keep_their_exact_bounds(name):
    assert _same_bounds(load_scenario(str(WITNESSES / f"{name}.yaml")), 300) == 300


def test_an_interruption_is_valued_once_whatever_place_it_returns_to():
    """The trainer's agenda evening: two interruptions that can begin after almost any choice, and
    a hub whose visits every way back reads. Stepping over them, the plain relaxed meeting holds
    a fraction of the places it held with a copy of each interruption per way back."""
    rules = rules_of(load_scenario(str(WITNESSES / "marktplein-agenda.yaml")))
    stepping = Relaxed(rules)
    stepping.bound(rules.initial(), OBJECTIVES.index("overall"))
    inside = [p for p in stepping._plain._succ if isinstance(p[0], str) and p[1] in ("riet_breekt_in", "henk_staat_op")]
    assert len(stepping._plain._succ) < 50_000 and len(inside) < 3_000
