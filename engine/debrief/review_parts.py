"""The summary parts of a game review: per dimension, the preparation, what to work on.

Kept out of ``review`` (which judges decisions) so each stays small. Everything here
is a pure function of the scenario, the decision history and the achievable totals,
and everything a debrief says about strengths, weaknesses and tips is decided here,
once, for every front end.

Rules (tested in ``tests/test_review.py``):
- A dimension is *not trained* in a scenario when no playable path moves it by more than
  ``NOT_TRAINED_SPREAD`` (best minus worst achievable): no choice is about it, so a zero
  there says nothing. It is never called strong or weak. A dimension that can only be
  lost (anti-patterns, best 0) is trained: avoiding them is the lesson.
- *On your route*: the best and worst a trainee could have scored on the decisions they
  actually faced (per decision the best / worst option on offer, summed), so a branch
  they never reached doesn't count against them.
- Strength and weakness rank trained dimensions by their share of the route range; a
  dimension the route offered no choice on is neither. The strongest must have a
  positive score; the weakest are the ``WEAKEST_SHOWN`` lowest below 100 %.
- Tips: the seed's tips mapped to the weakest dimensions first, then the rest in the
  seed's order, ``TIPS_SHOWN`` in all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from ..play.scoring import decision_weights
from ..play.state import Decision
from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.model import Scenario
from ..scenario.text import EMPTY, Text
from .seedtext import TIPS, TIPS_FOR_DIMENSION

NOT_TRAINED_SPREAD = 0
WEAKEST_SHOWN = 2
TIPS_SHOWN = 3


def _share(value: int, lo: int, hi: int) -> Optional[float]:
    if hi - lo <= 0:
        return None
    return max(0.0, min(100.0, 100.0 * (value - lo) / (hi - lo)))


@dataclass(frozen=True)
class DimensionReview:
    key: str
    score: int
    best: int  # best achievable in the scenario
    worst: int
    route_best: int  # best achievable on the decisions the trainee faced
    route_worst: int
    strongest_step: Optional[int]  # index of the decision that gained most on this dimension
    weakest_step: Optional[int]  # index of the decision that lost most on it

    @property
    def trained(self) -> bool:
        return self.best - self.worst > NOT_TRAINED_SPREAD

    @property
    def percent(self) -> Optional[float]:
        """Share of the scenario's range (worst..best achievable), 0..100."""
        return _share(self.score, self.worst, self.best)

    @property
    def route_percent(self) -> Optional[float]:
        """Share of the range on the decisions actually faced, 0..100."""
        return _share(self.score, self.route_worst, self.route_best)

    @property
    def rank(self) -> Optional[float]:
        """What strength and weakness are judged on: the route share (None: no chance on the route)."""
        return self.route_percent


def _offered_weights(scenario: Scenario, d: Decision) -> list[Mapping[str, int]]:
    if d.kind == "prep":
        assert scenario.preparation is not None
        q = next(q for q in scenario.preparation.questions if q.id == d.node_id)
        return [o.score for o in q.options]
    node = scenario.nodes[d.node_id]
    offered = set(d.offered)
    return [c.score for c in node.choices if c.id in offered] or [decision_weights(scenario, d)]


def dimension_reviews(scenario: Scenario, history: Sequence[Decision], scores: Mapping[str, int],
                      best: Mapping[str, int], worst: Mapping[str, int]) -> tuple[DimensionReview, ...]:
    route_hi = dict.fromkeys(DIMENSION_KEYS, 0)
    route_lo = dict.fromkeys(DIMENSION_KEYS, 0)
    gained: dict[str, tuple[int, Optional[int]]] = dict.fromkeys(DIMENSION_KEYS, (0, None))
    lost: dict[str, tuple[int, Optional[int]]] = dict.fromkeys(DIMENSION_KEYS, (0, None))
    for i, d in enumerate(history):
        options = _offered_weights(scenario, d)
        mine = decision_weights(scenario, d)
        for k in DIMENSION_KEYS:
            values = [w.get(k, 0) for w in options]
            route_hi[k] += max(values)
            route_lo[k] += min(values)
            w = mine.get(k, 0)
            if w > gained[k][0]:
                gained[k] = (w, i)
            if w < lost[k][0]:
                lost[k] = (w, i)
    return tuple(
        DimensionReview(k, scores[k], best[k], worst[k], route_hi[k], route_lo[k], gained[k][1], lost[k][1])
        for k in DIMENSION_KEYS)


def route_overall(scenario: Scenario, history: Sequence[Decision]) -> tuple[int, int]:
    """(worst, best) overall total on the decisions faced: per decision the lowest and highest
    total weight among the options on offer, summed (the overall counterpart of ``route_best``)."""
    lo = hi = 0
    for d in history:
        sums = [sum(w.values()) for w in _offered_weights(scenario, d)]
        lo += min(sums)
        hi += max(sums)
    return lo, hi


def strongest_and_weakest(dims: Sequence[DimensionReview]) -> tuple[Optional[str], tuple[str, ...]]:
    ranked = [(d.rank, d) for d in dims if d.trained and d.rank is not None]
    strongest = None
    positive = [(r, d) for r, d in ranked if d.score > 0]
    if positive:
        strongest = max(positive, key=lambda rd: (rd[0], rd[1].score, -DIMENSION_KEYS.index(rd[1].key)))[1].key
    weak = sorted((rd for rd in ranked if rd[0] < 100.0 and rd[1].key != strongest),
                  key=lambda rd: (rd[0], rd[1].score, DIMENSION_KEYS.index(rd[1].key)))
    return strongest, tuple(d.key for _, d in weak[:WEAKEST_SHOWN])


def tips_for(dims: Sequence[DimensionReview], weakest: Sequence[str]) -> tuple[int, ...]:
    """Indices into the seed's tips: for the weakest dimensions first, then the next weakest."""
    order = list(weakest)
    ranked = sorted((d for d in dims if d.trained and d.rank is not None and d.key not in order),
                    key=lambda d: (d.rank, DIMENSION_KEYS.index(d.key)))
    order += [d.key for d in ranked]
    chosen: list[int] = []
    for key in order:
        for index in TIPS_FOR_DIMENSION.get(key, ()):
            if index not in chosen:
                chosen.append(index)
    chosen += [i for i in range(len(TIPS)) if i not in chosen]
    return tuple(chosen[:TIPS_SHOWN])


@dataclass(frozen=True)
class PrepAnswer:
    question_id: str
    prompt: Text
    chosen_text: Text
    correct: bool
    feedback: Text
    right_text: Optional[Text]  # a correct option, when the answer wasn't
    right_feedback: Optional[Text]


@dataclass(frozen=True)
class PrepReview:
    answers: tuple[PrepAnswer, ...]
    asked: int  # questions in the scenario's preparation

    @property
    def correct(self) -> int:
        return sum(1 for a in self.answers if a.correct)


def prep_review(scenario: Scenario, history: Sequence[Decision]) -> Optional[PrepReview]:
    prep = scenario.preparation
    if prep is None or not prep.questions:
        return None
    by_id = {q.id: q for q in prep.questions}
    answers = []
    for d in history:
        if d.kind != "prep" or d.node_id not in by_id:
            continue
        q = by_id[d.node_id]
        chosen = q.option(d.choice_id)
        right = None if chosen.correct else next((o for o in q.options if o.correct), None)
        answers.append(PrepAnswer(
            q.id, q.prompt, chosen.text, chosen.correct, chosen.feedback or EMPTY,
            right.text if right else None, right.feedback if right else None))
    return PrepReview(tuple(answers), len(prep.questions))
