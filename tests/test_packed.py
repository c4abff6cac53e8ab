"""Packed score vectors: the per-field arithmetic the analyser's values rely on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.analysis.graph import OBJECTIVES, ZERO, explore
from engine.analysis.packed import LIMIT, Packing
from engine.scenario.loader import load_scenario
from tests.conftest import ROOT

N = len(OBJECTIVES)
totals = st.lists(st.integers(-LIMIT // 2, LIMIT // 2), min_size=N, max_size=N)
steps = st.lists(st.integers(-18, 18), min_size=N, max_size=N)
P = Packing(N)


def packed(v):
    return P.zero + P.weights(v)


@given(totals, steps)
def test_adding_weights_adds_every_field(v, w):
    assert P.unpack(packed(v) + P.weights(w)) == tuple(a + b for a, b in zip(v, w))


@given(totals, totals)
def test_max_and_min_work_field_by_field(a, b):
    assert P.unpack(P.max(packed(a), packed(b))) == tuple(map(max, a, b))
    assert P.unpack(P.min(packed(a), packed(b))) == tuple(map(min, a, b))


def test_the_extremes_of_the_range_survive():
    lo, hi = [-LIMIT] * N, [LIMIT] * N
    assert P.unpack(P.max(packed(lo), packed(hi))) == tuple(hi)
    assert P.unpack(P.min(packed(lo), packed(hi))) == tuple(lo)
    assert P.unpack(P.zero) == (0,) * N


def test_packed_and_plain_values_agree_on_a_shipped_scenario():
    scenario = load_scenario(str(ROOT / "scenarios" / "speeltuin.yaml"))
    fast = explore(scenario)
    plain = explore(scenario, max_states=10**9)  # so many states that totals could outgrow a field
    assert fast.packed is not None and plain.packed is None
    assert fast.best == plain.best and fast.worst == plain.worst


# -- the statistics on packed values -------------------------------------------------------
def _dag(draw_edges, n):
    """A Numbered DAG (state i moves only to higher states; the last ones end) and its
    best and worst totals, worked out on tuples."""
    from engine.analysis.playwalk import Numbered

    edges = [[(f"m{k}", w, None) for k, (w, _) in enumerate(out)] for out in draw_edges]
    succ = [[j for _, j in out] for out in draw_edges]
    best, worst = [ZERO] * n, [ZERO] * n
    for i in reversed(range(n)):
        if succ[i]:
            qs = [tuple(a + b for a, b in zip(w, best[j])) for (_, w, _), j in zip(edges[i], succ[i])]
            ls = [tuple(a + b for a, b in zip(w, worst[j])) for (_, w, _), j in zip(edges[i], succ[i])]
            best[i], worst[i] = tuple(map(max, *qs)) if len(qs) > 1 else qs[0], \
                tuple(map(min, *ls)) if len(ls) > 1 else ls[0]
    states = [(f"s{i}",) for i in range(n)]
    post = list(reversed(range(n)))  # successors first
    num = Numbered(states, edges, succ, post, 0, False, {id(s): i for i, s in enumerate(states)}, True)
    return num, best, worst


@st.composite
def dags(draw):
    n = draw(st.integers(2, 14))
    # few distinct small weights, so that ties (on an objective, and on overall) are common
    weight = st.sampled_from([ZERO, (1,) + (0,) * (N - 2) + (1,), (0, 1) + (0,) * (N - 3) + (1,),
                              (1, -1) + (0,) * (N - 3) + (0,), (-1,) + (0,) * (N - 2) + (-1,)])
    out = []
    for i in range(n):
        later = list(range(i + 1, n))
        k = draw(st.integers(0 if i else 1, min(3, len(later)))) if later else 0
        targets = draw(st.lists(st.sampled_from(later), min_size=k, max_size=k)) if k else []
        out.append([(draw(weight), j) for j in targets])
    return n, out


@given(dags())
def test_packed_walks_take_the_same_paths_as_the_tuple_walks(dag):
    """Best and worst paths per objective, ties included: the first move with the best
    (objective, overall) pair, whether compared as tuples or as packed fields."""
    from engine.analysis.playwalk import walk_all, walk_all_packed

    n, out = dag
    num, best, worst = _dag(out, n)
    pack = Packing(N)  # its weights are remembered by identity: one per graph, as in explore
    for e in num.edges:
        for _, w, _ in e:
            pack.weights_of(w)
    for worst_side, table in ((False, best), (True, worst)):
        packed_table = [pack.zero + pack.weights(v) for v in table]
        assert walk_all_packed(num, packed_table, pack, worst_side) == walk_all(num, table, worst_side)


def test_statistics_on_packed_values_equal_those_on_tuples():
    """The packed path numbers states in the values pass; the tuple path searches the
    graph again. Every statistic must come out the same (odds up to rounding)."""
    import pytest

    from engine.analysis.playstats import analyze
    from engine.scenario.loader import load_scenario_text
    from tests.fixtures.synth import scenario_text

    for scenario in (load_scenario(str(ROOT / "scenarios" / "verslavingsopvang.yaml")),
                     load_scenario_text(scenario_text(300), "synthetisch.yaml")):
        fast = analyze(scenario)
        plain = analyze(scenario, max_states=10**9)  # too many for packed fields: tuples
        assert fast.exact and plain.exact
        assert (fast.playthroughs, fast.decisions[0], fast.decisions[2], fast.states) == \
            (plain.playthroughs, plain.decisions[0], plain.decisions[2], plain.states)
        assert fast.best == plain.best and fast.worst == plain.worst
        assert fast.flat_decisions == plain.flat_decisions and fast.coverage == plain.coverage
        assert list(fast.ending_odds) == list(plain.ending_odds)
        assert fast.ending_odds == pytest.approx(plain.ending_odds, abs=1e-12)
        assert fast.decisions[1] == pytest.approx(plain.decisions[1], rel=1e-12)
