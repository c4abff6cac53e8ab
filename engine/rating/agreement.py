"""Agreement statistics: Kendall's tau-b for orders, Krippendorff's alpha for ratings.

Why these two. A rater orders a decision's three or four options (a ranking, or the
coarse best/acceptable/poor, which is a ranking with ties): tau-b compares two orders
pair by pair and corrects for ties on either side, so a coarse verdict and a full ranking
can both be set beside the key's order of total weights. Ratings on -2..+2 per dimension
come from any number of raters who each leave out what they don't rate: Krippendorff's
alpha takes any number of coders, missing values and a distance fitted to the scale;
Cohen's weighted kappa takes exactly two coders and no gaps. The distances are
Krippendorff's (2011): nominal, ordinal and interval.

Both return ``None`` where the statistic is undefined (fewer than two comparable values,
or no variation at all), never a made-up 0 or 1: "no information" is not "agreement".

References: M. G. Kendall (1945), "The treatment of ties in ranking problems",
Biometrika 33(3); K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
Departmental Papers (ASC) 43, University of Pennsylvania.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations
from statistics import median
from typing import Iterable, Optional, Sequence

METRICS = ("nominal", "ordinal", "interval")


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> Optional[float]:
    """Kendall's tau-b of two paired sequences; ``None`` if either has no two distinct values.

    tau-b = (C - D) / sqrt((n0 - n1) (n0 - n2)): C and D count concordant and discordant
    pairs, n0 all pairs, n1 and n2 the pairs tied in x and in y. Direct pair counting: the
    sequences here are a decision's options, a handful long.
    """
    if len(x) != len(y):
        raise ValueError("kendall_tau_b: x and y differ in length")
    concordant = discordant = tied_x = tied_y = 0
    for i, j in combinations(range(len(x)), 2):
        dx, dy = x[i] - x[j], y[i] - y[j]
        if dx == 0:
            tied_x += 1
        if dy == 0:
            tied_y += 1
        if dx and dy:
            if (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    pairs = len(x) * (len(x) - 1) // 2
    denominator = (pairs - tied_x) * (pairs - tied_y)
    if denominator == 0:
        return None
    return (concordant - discordant) / math.sqrt(denominator)


def krippendorff_alpha(data: Sequence[Sequence[Optional[float]]], metric: str = "interval") -> Optional[float]:
    """Krippendorff's alpha of a reliability matrix: one row per coder, one column per unit.

    ``None`` marks a missing value. Only units with at least two values count (they are
    "pairable"). alpha = 1 - D_o / D_e, from the coincidence matrix as in Krippendorff
    (2011), section C. ``None`` when there is nothing pairable or no variation (D_e = 0).
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    width = max((len(row) for row in data), default=0)
    units = []
    for u in range(width):
        values = [row[u] for row in data if u < len(row) and row[u] is not None]
        if len(values) >= 2:
            units.append(values)
    if not units:
        return None
    # Coincidences o_ck: each ordered pair of values within a unit, weighted 1 / (m_u - 1).
    coincidence: Counter = Counter()
    for values in units:
        weight = 1.0 / (len(values) - 1)
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidence[(c, k)] += weight
    marginal: Counter = Counter()
    for (c, _), o in coincidence.items():
        marginal[c] += o
    n = sum(marginal.values())
    delta = _distance(metric, marginal)
    observed = sum(o * delta(c, k) for (c, k), o in coincidence.items()) / n
    values = sorted(marginal)
    expected = sum(marginal[c] * marginal[k] * delta(c, k) for c in values for k in values) / (n * (n - 1))
    if expected == 0:
        return None
    return 1.0 - observed / expected


def _distance(metric: str, marginal: Counter):
    """delta^2(c, k) for the metric; the ordinal one depends on how often each value occurs."""
    if metric == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if metric == "interval":
        return lambda c, k: float(c - k) ** 2
    ordered = sorted(marginal)
    position = {v: i for i, v in enumerate(ordered)}

    def ordinal(c, k):
        lo, hi = sorted((position[c], position[k]))
        between = sum(marginal[ordered[g]] for g in range(lo, hi + 1))
        return (between - (marginal[c] + marginal[k]) / 2.0) ** 2
    return ordinal


def median_or_none(values: Iterable[Optional[float]]) -> Optional[float]:
    """The median of the defined values; ``None`` if there are none."""
    defined = [v for v in values if v is not None]
    return median(defined) if defined else None


def mean_or_none(values: Iterable[Optional[float]]) -> Optional[float]:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
