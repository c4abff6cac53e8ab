"""Scores as pure functions over a session's decision history.

A dimension's session score is the sum of the weights of the choices made (and of
the preparation answers, which score on step 1). Nothing is stored that can be
recomputed, so a fixed typo in a scenario's feedback never invalidates a save.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.model import Scenario
from .state import Decision


def decision_weights(scenario: Scenario, decision: Decision) -> Mapping[str, int]:
    if decision.kind == "timeout":  # Ury's step 2 where the line provoked; elsewhere only a delay
        node = scenario.nodes.get(decision.node_id)
        return scenario.timeout.score if node is not None and node.provocation else {}
    if decision.kind == "prep":
        assert scenario.preparation is not None
        q = next(q for q in scenario.preparation.questions if q.id == decision.node_id)
        return q.option(decision.choice_id).score
    return scenario.choice(f"{decision.node_id}.{decision.choice_id}").score


def totals(scenario: Scenario, history: Iterable[Decision]) -> dict[str, int]:
    """Sum of weights per dimension (every dimension present, zero when untouched)."""
    out = dict.fromkeys(DIMENSION_KEYS, 0)
    for decision in history:
        for dim, weight in decision_weights(scenario, decision).items():
            out[dim] += weight
    return out


def overall(weights: Mapping[str, int]) -> int:
    return sum(weights.values())
