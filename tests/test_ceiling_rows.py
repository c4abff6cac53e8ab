"""A ceiling's rows say what a graph of (place, height) nodes would.

``CeilingGraph`` values a place for every height of a ceiling at once, adding an edge's
weight to a slice of where it leads; the bound it gives must be the one the plain
definition gives: a node per (place, height), an edge on offer from its least height up,
leading to the height it raises the ceiling to (at the cap: the plain relaxed meeting's
value). Here that definition is built with the node-by-node ``LazyGraph`` from the same
edges, and every height of every place the search came across is compared, per objective
and side.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import load_scenario, load_scenario_text
from engine.analysis.lazygraph import LazyGraph
from engine.analysis.relaxed import OVERALL, Relaxed, relaxed_of
from engine.analysis.search import Solver
from engine.play.rules import OBJECTIVES, rules_of
from tests.fixtures.realistic import realistic_text

REPO = Path(__file__).resolve().parent.parent
TRAINER_WRITTEN = sorted((REPO / "tests" / "scenarios" / "realistic").glob("*.yaml"))
SHIPPED = [REPO / "scenarios" / f"{name}.yaml" for name in (
    "verslavingsopvang", "speeltuin", "aan-een-tafel")]  # aan-een-tafel: a trigger on a low mood (trust <= 0)


def _node_level(relaxed, index: int) -> LazyGraph:
    """Ceiling ``index`` as a graph of (place, height) nodes, the way the rows summarise it."""
    c = relaxed.ceilings[index]
    edges_of = relaxed._ceiling_edges(c)

    def edges(node):
        p, top = node
        return list(dict.fromkeys((w, (q, min(c.cap, top + rise))) for w, q, least, rise in edges_of(p)
                                  if least <= top))

    def freed(node, k, worst):
        p, top = node
        return None if c.holds_back(top, p[2]) else relaxed._plain.values(p, k, worst)
    return LazyGraph(edges, freed, None, OVERALL)


def _compare(scenario) -> int:
    rules = rules_of(scenario)
    solver = Solver(rules)
    start = rules.initial()
    solver.value(start)
    solver.value(start, worst=True)
    relaxed = relaxed_of(rules)
    compared = 0
    for index, (graph, c) in enumerate(zip(relaxed._graphs, relaxed.ceilings)):
        reference = _node_level(relaxed, index)
        base = graph._base
        for p in list(graph._succ):
            if not c.holds_back(base, p[2]):
                continue
            for top in range(base, c.cap):
                for k in (OVERALL, 0):  # the overall total alone; a dimension with all the others
                    for worst in (False, True):
                        assert graph.value((p, top), k, worst) == reference.value((p, top), k, worst), \
                            (p, top, OBJECTIVES[k], worst)
                        compared += 1
    return compared


@pytest.mark.parametrize("seed,residents,nodes", [(0, 3, 30), (1, 4, 40), (2, 5, 30)])
def test_rows_equal_the_node_by_node_graph_on_generated_scenarios(seed, residents, nodes):
    scenario = load_scenario_text(realistic_text(seed, residents=residents, nodes=nodes), f"r{seed}.yaml")
    assert _compare(scenario) > 0


@pytest.mark.parametrize("path", TRAINER_WRITTEN + SHIPPED, ids=lambda p: p.stem)
def test_rows_equal_the_node_by_node_graph_on_written_scenarios(path):
    _compare(load_scenario(str(path)))


@pytest.mark.parametrize("seed,residents", [(3, 3), (4, 5)])
def test_the_overall_total_read_from_every_objective_equals_its_own(seed, residents):
    """``analyze`` values every dimension first (all objectives together); the overall total is
    then read from those tables instead of being valued again. It must be what valuing the
    overall total on its own gives, on every state of random playthroughs."""
    import random

    text = realistic_text(seed, residents=residents, nodes=40)
    together, alone = (rules_of(load_scenario_text(text, f"r{seed}.yaml")) for _ in range(2))
    first, second = Relaxed(together), Relaxed(alone)
    rnd = random.Random(seed)
    states = []
    for _ in range(20):
        s = together.initial()
        while moves := together.moves(s):
            states.append(s)
            s = together.step(s, moves[rnd.randrange(len(moves))])
    for s in states:
        first.bound(s, 0), first.bound(s, 0, True)  # every objective, both sides, valued first
    for s in states:
        for worst in (False, True):
            assert first.bound(s, OVERALL, worst) == second.bound(s, OVERALL, worst)
