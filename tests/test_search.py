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



def test_a_question_that_ran_out_is_not_searched_again_for_its_playthrough():
    """``analyze`` asks each extreme's value, then its playthrough: when the first ran out of
    budget, the second follows the same answer instead of running out a second time."""
    scenario = load_scenario_text(realistic_text(2, residents=3, nodes=40), "cut.yaml")
    rules = rules_of(scenario)
    solver = Solver(rules, budget=20)
    start = rules.initial()
    cut = solver.value(start)
    spent = solver.valued
    assert not cut.exact and spent > 20
    path = solver.path(start)
    assert solver.valued == spent  # nothing valued again
    assert sum(m.vector[-1] for _, m in path) == cut.total  # the playthrough that scores the "minstens"
    solver.budget = 100_000
    assert solver.value(start).exact  # a larger budget is a new question

@pytest.mark.parametrize("scenario", list(small()), ids=lambda s: getattr(s, "path", "?"))
def test_a_question_with_a_floor_and_a_ceiling_gets_a_true_answer(scenario):
    """The solver says "at most" only at or below the floor, "at least" only at or above the
    ceiling, and an exact value (which it may know already outside the window) only when it
    is the true one; one solver answers them all in turn, so every kind it remembers is read
    back by later questions."""
    from engine.analysis.memory import AT_LEAST, AT_MOST, EXACT
    graph = explore(scenario, max_states=200_000)
    best = graph.values()
    solver = Solver(rules_of(scenario))
    rnd = random.Random(7)
    keys = list(graph.edges)
    kinds = set()
    for key in rnd.choices(keys, k=200):
        true = best[key][-1]
        floor = true + rnd.randint(-4, 3)
        ceil = floor + rnd.randint(1, 6)
        value, kind = solver.bounded(graph.states[key], floor, ceil)
        kinds.add(kind)
        if kind == EXACT:
            assert value == true
        elif kind == AT_MOST:
            assert true <= value <= floor
        else:
            assert kind == AT_LEAST and ceil <= value <= true
    assert kinds == {EXACT, AT_MOST, AT_LEAST}


@pytest.mark.parametrize("scenario", list(small()), ids=lambda s: getattr(s, "path", "?"))
def test_the_debrief_gets_exactly_the_values_it_shows(scenario):
    """At each decision: the best option's total (and the first option as written that
    reaches it), the total through the move made and, when that move was not the best, the
    weakest option's total, all equal to the listed graph's; an option left unvalued lies
    between the weakest and the best."""
    from engine.analysis.outlook import decision_values
    graph = explore(scenario, max_states=200_000)
    best = graph.values()
    solver = Solver(rules_of(scenario))
    rnd = random.Random(3)
    for _ in range(40):
        key = rnd.choice([k for k, out in graph.edges.items() if len(out) > 1])
        out = graph.edges[key]
        chosen = rnd.choice(out)[0].id
        q = {m.id: m.vector[-1] + best[nxt][-1] for m, nxt in out}
        rows = {mv.move: mv for mv in decision_values(solver, graph.states[key], chosen)}
        assert set(rows) == set(q)
        choices = [m.id for m, _ in out if m.kind != "timeout"]
        top = max(q[c] for c in choices)
        first = next(c for c in choices if q[c] == top)
        assert rows[first].best == top and rows[first].path is not None and rows[first].path[-1] == top
        assert rows[chosen].best == q[chosen] and rows[chosen].path[-1] == q[chosen]
        assert all(rows[c].best is None or rows[c].best == q[c] for c in q)
        assert all(rows[c].best != top for c in choices[:choices.index(first)])
        if chosen in choices and q[chosen] < top:
            weakest = min(q[c] for c in choices)
            assert min(rows[c].best for c in choices if rows[c].best is not None) == weakest


def test_a_decision_beyond_its_budget_shows_a_reachable_total_marked_approximate(monkeypatch):
    """When valuing a decision would take more than its budget, the debrief gets the total of
    a real playthrough (never more than the true best through that move, so "minstens"), with
    that playthrough's own weights, and marked inexact."""
    import engine.analysis.outlook as outlook_module
    scenario = load_scenario_text(realistic_text(1, residents=3, nodes=20), "krap.yaml")
    graph = explore(scenario, max_states=200_000)
    best = graph.values()
    monkeypatch.setattr(outlook_module, "DECISION_BUDGET", 1)
    solver = Solver(rules_of(scenario))
    rnd = random.Random(5)
    rough = 0
    for _ in range(20):
        key = rnd.choice([k for k, out in graph.edges.items() if len(out) > 1])
        out = graph.edges[key]
        q = {m.id: m.vector[-1] + best[nxt][-1] for m, nxt in out}
        for mv in outlook_module.decision_values(solver, graph.states[key], rnd.choice(out)[0].id):
            if mv.best is None:
                continue
            assert mv.best <= q[mv.move]
            if not mv.exact:
                rough += 1
                assert mv.path is None or mv.path[-1] == mv.best
    assert rough


def _playthrough_states(rules, seed: int, steps: int):
    rnd, s, out = random.Random(seed), rules.initial(), []
    for _ in range(steps):
        moves = rules.moves(s)
        if not moves:
            break
        out.append(s)
        s = rules.step(s, rnd.choice(moves))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_the_debriefs_best_continuation_reaches_the_best_and_does_not_depend_on_what_was_asked_before(seed):
    """The breakdown of a best continuation (``path(..., promising_first=True)``) scores the best
    total, and takes the same moves from a fresh solver as from one that has answered other
    questions (and turned to other bounds) first: the debrief shows the same numbers either way."""
    scenario = load_scenario_text(realistic_text(seed, residents=3, nodes=40), "breakdown.yaml")
    rules = rules_of(scenario)
    overall = OBJECTIVES.index("overall")
    busy = Solver(rules)
    for s in _playthrough_states(rules, seed + 100, 12):  # other questions first
        busy.value(s, worst=True)
        busy.path(s)
    for s in _playthrough_states(rules, seed, 12):
        fresh = Solver(rules)
        path = fresh.path(s, promising_first=True)
        assert sum(m.vector[overall] for _, m in path) == fresh.value(s).total
        assert [m for _, m in busy.path(s, promising_first=True)] == [m for _, m in path]
        assert sum(m.vector[overall] for _, m in fresh.path(s)) == fresh.value(s).total  # first as written
