"""Packed score vectors: the per-field arithmetic the analyser's values rely on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.analysis import OBJECTIVES, explore
from engine.loader import load_scenario
from engine.packed import LIMIT, Packing
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
