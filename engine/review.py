"""Game review of a playthrough: every decision judged against what was possible then.

As a chess engine reviews a game: a choice's value is its own weights plus the best
continuation it still allows, Q(c) = w(c) + V(next), with V the best achievable
overall total from a state (``analysis``). Its *regret* is how much of the spread
between the best and the worst option at that moment it gave away:

    regret = (max Q - Q(c)) / (max Q - min Q)

Thresholds (a design decision, tested in ``tests/test_review.py``):
``best`` regret 0; ``good`` ≤ 0.25; ``inaccuracy`` ≤ 0.5; ``mistake`` above.
A trainer's explicit ``label`` on a choice wins. At a node marked ``opportunity`` a
reply without a positive weight on an inlevingsvermogen indicator is a *missed
opportunity*, whatever else it scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from .analysis import OBJECTIVES, StateGraph, explore, snapshots_along
from .dimensions import DIMENSION_KEYS
from .model import Ending, Scenario
from .rules import Snapshot
from .scoring import decision_weights, totals
from .state import Decision
from .text import EMPTY, Text

GOOD_MAX_REGRET = 0.25
INACCURACY_MAX_REGRET = 0.5
EMPATHY_KEYS = ("e1", "e2", "e3", "e4")
VERDICTS = ("best", "good", "inaccuracy", "mistake")


def classify(regret: float) -> str:
    if regret <= 1e-9:
        return "best"
    if regret <= GOOD_MAX_REGRET:
        return "good"
    if regret <= INACCURACY_MAX_REGRET:
        return "inaccuracy"
    return "mistake"


@dataclass(frozen=True)
class DecisionReview:
    index: int
    decision: Decision
    prompt: Text  # what was said (or asked) at that moment
    speaker: Optional[str]
    chosen_text: Text
    weights: Mapping[str, int]
    feedback: Text
    verdict: Optional[str]  # one of VERDICTS, None when the state space was too large to judge
    regret: Optional[float]
    better_id: Optional[str]  # the best option when the choice wasn't best
    better_text: Optional[Text]
    better_feedback: Optional[Text]
    better_weights: Optional[Mapping[str, int]]
    missed_opportunity: bool
    opportunity: Optional[Text]
    thought: Optional[Text]

    @property
    def is_prep(self) -> bool:
        return self.decision.kind == "prep"


@dataclass(frozen=True)
class Review:
    scenario: Scenario
    totals: Mapping[str, int]
    best: Mapping[str, int]  # best achievable per dimension in the whole scenario
    worst: Mapping[str, int]
    decisions: tuple[DecisionReview, ...]
    ending: Optional[Ending]
    exact: bool  # False when the scenario was too large to explore fully

    @property
    def overall(self) -> int:
        return sum(self.totals.values())

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS + ("missed_opportunity",), 0)
        for d in self.decisions:
            if d.verdict:
                out[d.verdict] += 1
            if d.missed_opportunity:
                out["missed_opportunity"] += 1
        return out

    def percent(self, dim: str) -> Optional[float]:
        """Score as 0..100 % of the range between worst and best achievable; None if untrained."""
        lo, hi = self.worst[dim], self.best[dim]
        if hi - lo <= 0:
            return None
        return max(0.0, min(100.0, 100.0 * (self.totals[dim] - lo) / (hi - lo)))


def review(scenario: Scenario, history: list[Decision], ending_id: Optional[str],
           graph: Optional[StateGraph] = None) -> Review:
    graph = graph or explore(scenario)
    snaps = snapshots_along(graph, history)
    out = []
    for i, (decision, snap) in enumerate(zip(history, snaps)):
        out.append(_review_one(scenario, graph, i, decision, snap))
    best = {k: v for k, v in graph.best_totals().items() if k in DIMENSION_KEYS}
    worst = {k: v for k, v in graph.worst_totals().items() if k in DIMENSION_KEYS}
    ending = scenario.endings.get(ending_id) if ending_id else None
    return Review(scenario, totals(scenario, history), best, worst, tuple(out), ending, graph.complete)


def _review_one(scenario: Scenario, graph: StateGraph, i: int, d: Decision,
                snap: Optional[Snapshot]) -> DecisionReview:
    overall = OBJECTIVES.index("overall")
    weights = decision_weights(scenario, d)
    if d.kind == "prep":
        assert scenario.preparation is not None
        q = next(q for q in scenario.preparation.questions if q.id == d.node_id)
        prompt, speaker, thought, opportunity = q.prompt, None, None, None
        chosen = q.option(d.choice_id)
        chosen_text, feedback, label = chosen.text, chosen.feedback, None
        lookup = {o.id: (o.text, o.feedback, o.score) for o in q.options}
    else:
        node = scenario.nodes[d.node_id]
        prompt, speaker, thought, opportunity = node.text, node.speaker, node.thought, node.opportunity
        choice = scenario.choice(f"{d.node_id}.{d.choice_id}")
        chosen_text, feedback, label = choice.text, choice.feedback, choice.label
        lookup = {c.id: (c.text, c.feedback, c.score) for c in node.choices}

    verdict: Optional[str] = None
    regret: Optional[float] = None
    better: Optional[str] = None
    if snap is not None and snap in graph.edges and graph.complete:
        q_values = {move: best[overall] for move, _, best, _ in graph.q_values(snap)}
        if d.choice_id in q_values:
            top, bottom = max(q_values.values()), min(q_values.values())
            mine = q_values[d.choice_id]
            regret = 0.0 if top == bottom else (top - mine) / (top - bottom)
            verdict = classify(regret)
            if mine < top:
                better = max(q_values, key=lambda m: (q_values[m], -list(q_values).index(m)))
    if label is not None:
        verdict = label
    missed = opportunity is not None and not any(weights.get(k, 0) > 0 for k in EMPATHY_KEYS)
    b_text = b_feedback = None
    b_weights: Optional[Mapping[str, int]] = None
    if better is not None:
        b_text, b_feedback, b_weights = lookup[better]
    return DecisionReview(i, d, prompt, speaker, chosen_text, weights, feedback or EMPTY, verdict, regret,
                          better, b_text, b_feedback, b_weights, missed, opportunity, thought)
