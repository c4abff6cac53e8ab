"""The numbers of a rating report: per decision and per dimension, how far the raters agree
with each other and with the author's key, and which decisions to look at again.

Orders (rankings or best/acceptable/poor) are compared with Kendall's tau-b: each rater
against the key's order of total weights, and every pair of raters. Dimension ratings
(-2..+2) are compared with Krippendorff's alpha, interval metric: the engine adds weights
up, so it already treats them as an interval scale, and alpha takes any number of raters
and their gaps. The key joins as one more coder only where it is compared with one rater.

The units of a decision's alpha are (option, dimension) for the dimensions somebody -
the key or a rater - touched there: a dimension nobody thinks is at stake is no
judgement, and counting its zeros would let a decision's alpha depend on how many
dimensions exist. The units of a dimension's alpha are all options of the decisions rated.

A decision is flagged
- ``key``: the raters' median tau-b with the key is below ``TAU_MIN``, or their median
  alpha with the key below ``ALPHA_MIN``, or most raters put another option first;
- ``raters``: the mean tau-b between pairs of raters is below ``TAU_MIN``, or their alpha
  below ``ALPHA_MIN``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Mapping, Optional, Sequence

from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.model import Scenario
from ..scenario.signoff import decision_ids
from .agreement import kendall_tau_b, krippendorff_alpha, mean_or_none, median_or_none
from .items import KeyOption, key
from .ratings import RatingSheet

# tau-b has no conventional bar; below 0.5 means, with three options, any swap with the key,
# and with four, more than one swap of neighbours.
TAU_MIN = 0.5
# Krippendorff (2004, p. 241): 0.667 is the lowest alpha from which to draw tentative conclusions.
ALPHA_MIN = 0.667


@dataclass(frozen=True)
class Flag:
    kind: str  # "key": experts disagree with the author; "raters": with each other
    reason: str  # "tau", "alpha" or "top"
    value: Optional[float] = None


@dataclass(frozen=True)
class DecisionAgreement:
    id: str
    options: Mapping[str, KeyOption]  # the key, in the file's order
    raters: tuple[str, ...]  # who answered this decision
    orders: Mapping[str, Mapping[str, int]]  # rater -> option -> rank (1 strongest)
    ratings: Mapping[str, Mapping[str, Mapping[str, int]]]  # rater -> option -> dimension -> -2..2
    comments: Mapping[str, str]
    dimensions: tuple[str, ...]  # the alpha's dimensions: touched by the key or a rater here
    tau_key: Mapping[str, Optional[float]]  # rater -> tau-b with the key
    tau_raters: Optional[float]  # mean over pairs of raters
    tau_pairs: Mapping[tuple[str, str], Optional[float]]
    alpha_key: Mapping[str, Optional[float]]  # rater -> alpha of (key, rater)
    alpha_raters: Optional[float]
    top_key: tuple[str, ...]  # option(s) with the highest total weight
    top_raters: Mapping[str, tuple[str, ...]]  # rater -> option(s) ranked first
    flags: tuple[Flag, ...] = ()

    @property
    def tau_key_median(self) -> Optional[float]:
        return median_or_none(self.tau_key.values())

    @property
    def alpha_key_median(self) -> Optional[float]:
        return median_or_none(self.alpha_key.values())

    def flagged(self, kind: str) -> bool:
        return any(f.kind == kind for f in self.flags)


@dataclass(frozen=True)
class DimensionAgreement:
    key: str
    units: int  # options rated on dimensions, over all decisions
    alpha_raters: Optional[float]
    alpha_key: Mapping[str, Optional[float]]
    bias: Optional[float]  # mean (rater - key) over rated units: > 0, the raters weigh it higher
    flags: tuple[Flag, ...] = ()

    @property
    def alpha_key_median(self) -> Optional[float]:
        return median_or_none(self.alpha_key.values())

    def flagged(self, kind: str) -> bool:
        return any(f.kind == kind for f in self.flags)


@dataclass(frozen=True)
class Report:
    scenario_id: str
    sheets: tuple[RatingSheet, ...]
    raters: tuple[str, ...]  # one name per sheet, made unique
    decisions: tuple[DecisionAgreement, ...]
    dimensions: tuple[DimensionAgreement, ...]
    alpha_raters: Optional[float]  # over every decision's units
    alpha_key: Mapping[str, Optional[float]]
    tau_key: Mapping[str, Optional[float]]  # rater -> median over decisions
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def flagged(self) -> tuple[DecisionAgreement, ...]:
        return tuple(d for d in self.decisions if d.flags)


def unique_names(sheets: Sequence[RatingSheet]) -> tuple[str, ...]:
    """Each sheet's rater, with a number added where two sheets carry the same name."""
    seen: dict[str, int] = {}
    out = []
    for s in sheets:
        seen[s.rater] = seen.get(s.rater, 0) + 1
        out.append(s.rater if seen[s.rater] == 1 else f"{s.rater} ({seen[s.rater]})")
    return tuple(out)


def _tau_with_key(order: Mapping[str, int], options: Mapping[str, KeyOption]) -> Optional[float]:
    ids = [o for o in options if o in order]
    # Rank 1 is strongest, a higher total is stronger: compare -rank with total.
    return kendall_tau_b([-order[o] for o in ids], [options[o].total for o in ids])


def _tau_between(a: Mapping[str, int], b: Mapping[str, int]) -> Optional[float]:
    ids = [o for o in a if o in b]
    return kendall_tau_b([a[o] for o in ids], [b[o] for o in ids])


def _top(values: Mapping[str, float]) -> tuple[str, ...]:
    if not values:
        return ()
    best = max(values.values())
    return tuple(o for o, v in values.items() if v == best)


def _decision(d: str, options: Mapping[str, KeyOption], names: Sequence[str],
              sheets: Sequence[RatingSheet]) -> DecisionAgreement:
    answered = [(n, s.responses[d]) for n, s in zip(names, sheets) if d in s.responses]
    orders = {n: dict(r.order) for n, r in answered if r.order}
    rated = {n: r for n, r in answered if r.ratings is not None}
    touched = {k for o in options.values() for k, v in o.weights.items() if v}
    for r in rated.values():
        touched |= {k for dims in (r.ratings or {}).values() for k, v in dims.items() if v}
    dims = tuple(k for k in DIMENSION_KEYS if k in touched)
    units = [(o, k) for o in options for k in dims]
    key_row = [options[o].weights.get(k, 0) for o, k in units]
    rows = {n: [r.rating(o, k) for o, k in units] for n, r in rated.items()}
    tau_key = {n: _tau_with_key(order, options) for n, order in orders.items()}
    pairs = {(a, b): _tau_between(orders[a], orders[b]) for a, b in combinations(orders, 2)}
    alpha_key = {n: krippendorff_alpha([key_row, row]) for n, row in rows.items()}
    alpha_raters = krippendorff_alpha(list(rows.values())) if len(rows) >= 2 else None
    top_key = _top({o: k.total for o, k in options.items()})
    top_raters = {n: _top({o: -v for o, v in order.items()}) for n, order in orders.items()}
    agreement = DecisionAgreement(
        d, options, tuple(n for n, _ in answered), orders,
        {n: {o: dict(r.ratings.get(o, {})) for o in options} for n, r in rated.items() if r.ratings is not None},
        {n: r.comment for n, r in answered if r.comment}, dims, tau_key, mean_or_none(pairs.values()), pairs,
        alpha_key, alpha_raters, top_key, top_raters)
    return _with_flags(agreement)


def _with_flags(a: DecisionAgreement) -> DecisionAgreement:
    flags = []
    tau = a.tau_key_median
    if tau is not None and tau < TAU_MIN:
        flags.append(Flag("key", "tau", tau))
    alpha = a.alpha_key_median
    if alpha is not None and alpha < ALPHA_MIN:
        flags.append(Flag("key", "alpha", alpha))
    if a.top_raters and len(a.top_key) < len(a.options):
        elsewhere = sum(1 for top in a.top_raters.values() if not set(top) & set(a.top_key))
        if elsewhere * 2 > len(a.top_raters):
            flags.append(Flag("key", "top", elsewhere / len(a.top_raters)))
    if a.tau_raters is not None and a.tau_raters < TAU_MIN:
        flags.append(Flag("raters", "tau", a.tau_raters))
    if a.alpha_raters is not None and a.alpha_raters < ALPHA_MIN:
        flags.append(Flag("raters", "alpha", a.alpha_raters))
    return replace(a, flags=tuple(flags))


def _dimension(k: str, decisions: Sequence[DecisionAgreement], names: Sequence[str]) -> DimensionAgreement:
    units = [(d, o) for d in decisions for o in d.options if d.ratings]
    key_row = [d.options[o].weights.get(k, 0) for d, o in units]
    rows = {n: [d.ratings[n][o].get(k, 0) if n in d.ratings else None for d, o in units] for n in names}
    rows = {n: row for n, row in rows.items() if any(v is not None for v in row)}
    alpha_key = {n: krippendorff_alpha([key_row, row]) for n, row in rows.items()}
    alpha_raters = krippendorff_alpha(list(rows.values())) if len(rows) >= 2 else None
    diffs = [v - key_row[i] for row in rows.values() for i, v in enumerate(row) if v is not None]
    bias = sum(diffs) / len(diffs) if diffs else None
    flags = []
    median = median_or_none(alpha_key.values())
    if median is not None and median < ALPHA_MIN:
        flags.append(Flag("key", "alpha", median))
    if alpha_raters is not None and alpha_raters < ALPHA_MIN:
        flags.append(Flag("raters", "alpha", alpha_raters))
    return DimensionAgreement(k, len(units), alpha_raters, alpha_key, bias, tuple(flags))


def compare(scenario: Scenario, sheets: Sequence[RatingSheet]) -> Report:
    """Everything a rating report shows; the sheets come from ``sheet_from_data``."""
    names = unique_names(sheets)
    the_key = key(scenario)
    decisions = tuple(_decision(d, the_key[d], names, sheets) for d in decision_ids(scenario))
    dimensions = tuple(_dimension(k, decisions, names) for k in DIMENSION_KEYS)
    # Overall: every decision's units side by side.
    key_row: list[Optional[float]] = []
    rows: dict[str, list[Optional[float]]] = {n: [] for n in names}
    for d in decisions:
        for o in d.options:
            for k in d.dimensions:
                key_row.append(d.options[o].weights.get(k, 0))
                for n in names:
                    rows[n].append(d.ratings[n][o].get(k, 0) if n in d.ratings else None)
    rated = {n: row for n, row in rows.items() if any(v is not None for v in row)}
    alpha_key = {n: krippendorff_alpha([key_row, row]) for n, row in rated.items()}
    alpha_raters = krippendorff_alpha(list(rated.values())) if len(rated) >= 2 else None
    tau_key = {n: median_or_none(d.tau_key.get(n) for d in decisions) for n in names}
    warnings = tuple(w for s in sheets for w in s.warnings)
    return Report(scenario.id, tuple(sheets), names, decisions, dimensions, alpha_raters, alpha_key, tau_key,
                  warnings)
