"""The agreement statistics against published worked examples, hand counts and their definitions."""

from __future__ import annotations

import math
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.rating.agreement import kendall_tau_b, krippendorff_alpha, median_or_none

N = None

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Departmental Papers (ASC) 43,
# University of Pennsylvania. Section C: four observers, twelve units, values 1-5, missing data.
# Published: nominal .743, ordinal .815, interval .849.
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


@pytest.mark.parametrize("metric, published", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_matches_krippendorffs_worked_example(metric, published):
    assert round(krippendorff_alpha(KRIPPENDORFF_2011_C, metric), 3) == published


def test_alpha_matches_krippendorffs_binary_example():
    # Krippendorff (2011), section A: two observers, ten units, binary values; published alpha = 0.095.
    data = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
            [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    assert round(krippendorff_alpha(data, "nominal"), 3) == 0.095


def test_kendall_tau_b_matches_scipys_documented_example_with_ties():
    # SciPy reference, scipy.stats.kendalltau, Examples: x1 = [12, 2, 1, 12, 2], x2 = [1, 4, 7, 1, 0]
    # gives tau (tau-b) = -0.47140452079103173.
    assert kendall_tau_b([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) == pytest.approx(-0.47140452079103173, abs=1e-15)


def test_kendall_tau_matches_hollander_and_wolfe_example():
    # Hollander & Wolfe (1973), Nonparametric Statistical Methods, p. 187 (the example of R's
    # ?cor.test): T = 26, tau = 0.4444444.
    x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1]
    y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8]
    assert kendall_tau_b(x, y) == pytest.approx(4 / 9)


def test_kendall_tau_b_by_hand_with_ties_on_both_sides():
    # x = [1, 1, 2, 3], y = [1, 2, 2, 3]. Pairs: (0,1) tied in x; (0,2) C; (0,3) C; (1,2) tied in y;
    # (1,3) C; (2,3) C. C = 4, D = 0, n0 = 6, n1 = 1, n2 = 1: tau-b = 4 / sqrt(5 * 5) = 0.8.
    assert kendall_tau_b([1, 1, 2, 3], [1, 2, 2, 3]) == pytest.approx(0.8)
    # A rater's coarse verdict (best, acceptable, acceptable) against a key that ties the last two:
    assert kendall_tau_b([-1, -2, -2], [2, -2, -2]) == pytest.approx(1.0)


def test_undefined_is_none_not_a_number():
    assert kendall_tau_b([1, 1, 1], [1, 2, 3]) is None  # one side has no order at all
    assert kendall_tau_b([1], [1]) is None
    assert krippendorff_alpha([[1, 1, 1], [1, 1, 1]]) is None  # no variation: no information
    assert krippendorff_alpha([[1, N], [N, 2]]) is None  # no unit with two values
    assert median_or_none([None, None]) is None


def alpha_by_pairs(data, delta):
    """Krippendorff's alpha from its pairwise definition (not the coincidence matrix): D_o over the
    pairs within each pairable unit, weighted 1/(m_u - 1), D_e over all pairs of pairable values."""
    units = [[row[u] for row in data if row[u] is not None] for u in range(len(data[0]))]
    units = [u for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    if n == 0:
        return None
    observed = sum(2 * delta(a, b) / (len(u) - 1) for u in units for a, b in combinations(u, 2)) / n
    expected = sum(2 * delta(a, b) for a, b in combinations(values, 2)) / (n * (n - 1))
    return None if expected == 0 else 1 - observed / expected


ratings = st.one_of(st.none(), st.integers(-2, 2))


@pytest.mark.slow
@given(st.integers(2, 5).flatmap(lambda coders: st.integers(1, 12).flatmap(
    lambda units: st.lists(st.lists(ratings, min_size=units, max_size=units), min_size=coders, max_size=coders))))
def test_alpha_interval_equals_its_pairwise_definition(data):
    expected = alpha_by_pairs(data, lambda a, b: (a - b) ** 2)
    got = krippendorff_alpha(data, "interval")
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, abs=1e-9)


@given(st.lists(st.integers(-2, 2), min_size=2, max_size=8))
def test_alpha_of_identical_coders_is_one_and_of_mirrored_pairs_is_fixed(values):
    if len(set(values)) < 2:
        assert krippendorff_alpha([values, values]) is None
        return
    assert krippendorff_alpha([values, values]) == pytest.approx(1.0)
    # Values mirrored around 0 (a key and its inverse): alpha = -(n - 1) / n for n units, whatever
    # the values; the inverted rater of the round trip relies on this.
    mirrored = [-v for v in values]
    if any(values):
        assert krippendorff_alpha([values, mirrored]) == pytest.approx(-(len(values) - 1) / len(values))


@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=2, max_size=9))
def test_tau_b_is_symmetric_bounded_and_flips_sign(pairs):
    x, y = [p[0] for p in pairs], [p[1] for p in pairs]
    tau = kendall_tau_b(x, y)
    if tau is None:
        assert len(set(x)) < 2 or len(set(y)) < 2
        return
    assert -1 - 1e-12 <= tau <= 1 + 1e-12
    assert kendall_tau_b(y, x) == pytest.approx(tau)
    assert kendall_tau_b([-v for v in x], y) == pytest.approx(-tau)
    assert kendall_tau_b(x, x) == pytest.approx(1.0)
    assert not math.isnan(tau)


def test_unknown_metric_is_refused():
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2]], "ratio")
