"""The analyser's merged states are exact: every real state's best and worst totals, and the
moves it offers, equal those of the graph state it is merged into.

Checked against a brute-force walk over unmerged snapshots (``Rules.successors`` only), on
a shipped scenario and on a synthetic one whose chair's round overwrites every mood and
whose endings are reached from many moods (the merges that matter on long scenarios).
"""

from __future__ import annotations

import pytest

from engine.analysis.graph import ZERO, explore
from engine.scenario.loader import load_scenario, load_scenario_text
from tests.conftest import ROOT
from tests.crafted import MINIMAL
from tests.fixtures.synth import scenario_text


def raw_values(rules, start):
    """Best and worst totals of every reachable unmerged snapshot (a DAG here)."""
    best, worst, succ = {}, {}, {}
    stack = [(start, False)]
    while stack:
        snap, done = stack.pop()
        if done:
            ups = [tuple(map(int.__add__, w, best[n])) for _, _, w, n in succ[snap]]
            downs = [tuple(map(int.__add__, w, worst[n])) for _, _, w, n in succ[snap]]
            best[snap] = tuple(map(max, *ups)) if len(ups) > 1 else ups[0] if ups else ZERO
            worst[snap] = tuple(map(min, *downs)) if len(downs) > 1 else downs[0] if downs else ZERO
            continue
        if snap in best:
            continue
        succ.setdefault(snap, rules.successors(snap))
        stack.append((snap, True))
        stack.extend((n, False) for _, _, _, n in succ[snap] if n not in best)
    return best, worst


def shipped_or_synthetic(source: str):
    if source == "synthetic":
        return load_scenario_text(scenario_text(60), "synthetic.yaml")
    return load_scenario(str(ROOT / "scenarios" / f"{source}.yaml"))


@pytest.mark.parametrize("source", ["speeltuin-kort", "synthetic"])
def test_merged_states_keep_every_value_and_move(source):
    scenario = shipped_or_synthetic(source)
    graph = explore(scenario)
    assert graph.exact and graph.complete
    best, worst = raw_values(graph.rules, graph.rules.initial())
    assert len(graph.edges) * 5 < len(best)  # the merging does merge
    for snap in best:
        # A line without choices is passed through: its values are those of where it leads.
        landing = graph.landing(snap)
        key = graph.key(landing)
        assert (graph.best[key], graph.worst[key]) == (best[snap], worst[snap]), snap
        assert [m for m, *_ in graph.edges[key]] == [m for m, *_ in graph.rules.successors(landing)], snap


@pytest.mark.parametrize("source", ["speeltuin-kort", "synthetic"])
def test_lines_without_choices_are_passed_through_and_still_count_as_shown(source):
    graph = explore(shipped_or_synthetic(source))
    plain = graph.rules.plain_lines
    assert plain and graph.passed  # both scenarios have reaction lines
    # No state stands at such a line, except the start if the meeting opens with one.
    assert {s.position for s in graph.edges if s is not graph.initial} & plain == set()
    # Every line a playthrough can show is shown: the unmerged walk agrees with the graph.
    best, _ = raw_values(graph.rules, graph.rules.initial())
    assert graph.shown() == {snap.position for snap in best}


def test_one_state_per_ending():
    scenario = load_scenario_text(scenario_text(60), "synthetic.yaml")
    graph = explore(scenario)
    at_endings = [s for s in graph.edges if s.position in scenario.endings]
    assert len(at_endings) == len({(s.position, s.fired) for s in at_endings})


_LATER = "      - id: later\n        text: {nl: Later verder., en: Later.}\n        next: uitgesteld\n"
LOOPING = MINIMAL.replace(_LATER, _LATER + "      - id: nog_eens\n        text: {nl: Nog eens., en: Again.}\n"
                                            "        next: slot\n")


@pytest.mark.parametrize("text", [MINIMAL, LOOPING, scenario_text(60)], ids=["minimal", "looping", "synthetic"])
def test_every_real_move_is_the_graph_move_from_its_merged_state(text):
    """A bisimulation check that also holds on a meeting that can loop."""
    graph = explore(load_scenario_text(text, "s.yaml"))
    assert LOOPING != MINIMAL and graph.exact
    rules, seen, stack = graph.rules, set(), [graph.rules.initial()]
    while stack:
        snap = stack.pop()
        if snap in seen:
            continue
        seen.add(snap)
        moves = rules.successors(snap)
        stack.extend(n for *_, n in moves)
        if snap[0] in rules.plain_lines and graph.key(snap) != graph.initial:
            continue  # passed through: its one move is part of the edges into it
        landed = [(m, w, graph.key(graph.landing(n))) for m, _, w, n in moves]
        assert landed == graph.edges[graph.key(snap)], snap
