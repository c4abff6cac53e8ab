"""The solver's best and worst totals are exact: equal to a plain walk over every situation.

The solver prunes with condition-free bounds and remembers whole regions of mood at once;
the listed graph (``graph``) values every reachable situation one by one. On every scenario
small enough to list, both must give the same numbers for every objective, from the start
and from states along random playthroughs.
"""

from __future__ import annotations

import random

import pytest

from engine import load_scenario, load_scenario_text
from engine.analysis.graph import explore
from engine.analysis.search import Solver
from engine.play.rules import OBJECTIVES, rules_of
from tests.conftest import SHIPPED
from tests.crafted import GROUP, MINIMAL
from tests.fixtures.realistic import realistic_text


def small():
    """The crafted ones in the quick suite; every shipped and generated one listed whole in the slow step."""
    yield load_scenario_text(MINIMAL, "mini.yaml")
    yield load_scenario_text(GROUP, "group.yaml")
    for path in SHIPPED:
        yield pytest.param(load_scenario(str(path)), marks=pytest.mark.slow)
    for seed in range(4):
        yield pytest.param(load_scenario_text(realistic_text(seed, residents=3, nodes=20), f"generated{seed}.yaml"),
                           marks=pytest.mark.slow)


@pytest.mark.parametrize("scenario", list(small()), ids=lambda s: getattr(s, "path", "?"))
def test_solver_agrees_with_the_listed_graph(scenario):
    graph = explore(scenario, max_states=200_000)
    assert graph.complete
    best, worst = graph.values(), graph.values(worst=True)
    solver = Solver(rules_of(scenario))
    start = graph.states[graph.initial]
    for k in range(len(OBJECTIVES)):
        assert solver.value(start, k).total == best[graph.initial][k], OBJECTIVES[k]
        assert solver.value(start, k, worst=True).total == worst[graph.initial][k], OBJECTIVES[k]
    rnd = random.Random(1)
    keys = list(graph.edges)
    for key in rnd.sample(keys, min(60, len(keys))):
        assert solver.value(graph.states[key]).total == best[key][-1]


@pytest.mark.slow
def test_a_question_beyond_its_budget_gives_a_reachable_lower_bound():
    scenario = load_scenario_text(realistic_text(2, residents=4, nodes=60), "big.yaml")
    rules = rules_of(scenario)
    exact = Solver(rules).value(rules.initial())
    cut = Solver(rules, budget=5).value(rules.initial())
    assert exact.exact and not cut.exact
    assert cut.total <= exact.total  # "minstens": never a number nobody can reach
