"""The summary parts of a game review: per dimension, the preparation, what to work on.

Kept out of ``review`` (which judges decisions) so each stays small. Everything here
is a pure function of the scenario, the decision history and the achievable totals,
and everything a debrief says about strengths, weaknesses and tips is decided here,
once, for every front end.

Rules (tested in ``tests/test_review.py``):
- Every reference is *on your route*: per decision the trainee faced, what the best move
  there (by the best overall total still achievable, Q) scored on the dimension, summed —
  the dimension's value on the best-total path from where the trainee stood — and the
  least any option on offer scored. Per-dimension maxima of the whole scenario can't all
  be reached on one path, so they never appear here (``analyze`` shows them, labelled).
  A flawless run meets every reference; a dimension that could only be earned by
  repairing one's own earlier mistake is no weakness of a run that made none.
- A dimension is *not trained* on the route when its reference and its least are equal
  (nothing on the route was about it): never called strong or weak.
- Strength and weakness rank trained dimensions by their share of the route range. The
  strongest must have a positive score; the weakest are the ``WEAKEST_SHOWN`` lowest
  below 100 %. A run with nothing below 100 % has nothing to work on, and gets no tips.
- Tips: the seed's tips mapped to the weakest dimensions first, then the next weakest,
  ``TIPS_SHOWN`` in all.
- One scale for a dimension on every page: ``scale`` puts the score on the self-rating's
  1..5 (1 + 4 * share of the route range).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

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
    route_most: int = 0  # per decision faced the most any option scored on it, summed

    @property
    def trained(self) -> bool:
        """Something on the route was about this dimension (its options scored differently)."""
        return max(self.route_most, self.best) - self.worst > NOT_TRAINED_SPREAD

    @property
    def percent(self) -> Optional[float]:
        """Share of the scenario's range (worst..best achievable), 0..100."""
        return _share(self.score, self.worst, self.best)

    @property
    def route_percent(self) -> Optional[float]:
        """Share of the route's range (least .. the best moves' value), 0..100; a dimension the
        best moves didn't score on counts as met when the score is at least their value."""
        if not self.trained:
            return None
        if self.route_best > self.route_worst:
            return _share(self.score, self.route_worst, self.route_best)
        return 100.0 if self.score >= self.route_best else 0.0

    @property
    def scale(self) -> Optional[float]:
        """The score on the self-rating's scale, 1..5 (None when the route didn't train it)."""
        share = self.route_percent
        return None if share is None else 1 + 4 * share / 100.0

    @property
    def rank(self) -> Optional[float]:
        """What strength and weakness are judged on: the route share (None: no chance on the route)."""
        return self.route_percent


def dimension_reviews(scenario: Scenario, history: Sequence[Decision], scores: Mapping[str, int],
                      decisions: Sequence[Any]) -> tuple[DimensionReview, ...]:
    """Per dimension: the score, and the route's reference: what the best-overall move at each
    decision faced scored on it (so a flawless run meets every reference), and the least any
    option on offer scored."""
    route_hi = dict.fromkeys(DIMENSION_KEYS, 0)
    route_lo = dict.fromkeys(DIMENSION_KEYS, 0)
    route_most = dict.fromkeys(DIMENSION_KEYS, 0)
    gained: dict[str, tuple[int, Optional[int]]] = dict.fromkeys(DIMENSION_KEYS, (0, None))
    lost: dict[str, tuple[int, Optional[int]]] = dict.fromkeys(DIMENSION_KEYS, (0, None))
    for i, (d, dr) in enumerate(zip(history, decisions)):
        mine = decision_weights(scenario, d)
        best = dr.route_best
        options = list(dr.route_options) or [mine]
        for k in DIMENSION_KEYS:
            route_hi[k] += best.get(k, 0)
            route_lo[k] += min(w.get(k, 0) for w in options)
            route_most[k] += max([w.get(k, 0) for w in options] + [best.get(k, 0)])
            w = mine.get(k, 0)
            if w > gained[k][0]:
                gained[k] = (w, i)
            if w < lost[k][0]:
                lost[k] = (w, i)
    return tuple(
        DimensionReview(k, scores[k], route_hi[k], min(route_lo[k], route_hi[k]), route_hi[k],
                        min(route_lo[k], route_hi[k]), gained[k][1], lost[k][1], route_most[k])
        for k in DIMENSION_KEYS)


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
    """Indices into the seed's tips: for the weakest dimensions first, then the next weakest;
    none for a run with nothing to work on."""
    if not weakest:
        return ()
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
