"""Plus-Delta: the trainee's own rating, given before the figures, beside the measured score.

A debrief that opens with the numbers tells the trainee what to think. Asking first
("how did step 3 go, 1 to 5?") and then showing the measurement makes the gap between
the two the thing to talk about (PEARLS: the learner's reaction first). This module
holds the rating and lines it up with a ``Review``; it asks nothing and shows nothing —
the terminal, the window and the exports do that.

The scale is 1 (went badly) to 5 (went very well), per dimension and for the meeting as
a whole (``overall``), plus two optional sentences: what went well (plus) and what the
trainee would do differently (delta). Only dimensions the scenario scores at all are
asked about: rating a step no choice touches would compare with nothing.

The measured side is put on the same 1-5 scale from the share of what was achievable
*on the decisions actually faced* (``route_percent``), in five equal bands: below
12.5 % is 1, from 87.5 % it is 5. A gap of two or more points is called out.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.model import Scenario
from .review import Review

OVERALL = "overall"
RATING_KEYS: tuple[str, ...] = (OVERALL,) + DIMENSION_KEYS
SCALE = (1, 2, 3, 4, 5)
NOTABLE_GAP = 2  # points on the 1-5 scale between own and measured worth talking about
MAX_NOTE = 1000  # characters kept of the plus and delta sentences


@dataclass(frozen=True)
class SelfRating:
    scores: Mapping[str, int] = field(default_factory=dict)  # key in RATING_KEYS -> 1..5
    plus: str = ""  # what went well, in the trainee's words
    delta: str = ""  # what they would do differently
    at: float = 0.0  # when it was given

    @property
    def empty(self) -> bool:
        return not self.scores and not self.plus and not self.delta

    def to_data(self) -> dict[str, Any]:
        return {"scores": {k: self.scores[k] for k in RATING_KEYS if k in self.scores},
                "plus": self.plus, "delta": self.delta, "at": self.at}

    @classmethod
    def from_data(cls, data: Any) -> "SelfRating":
        """Read a stored rating; unknown keys and values off the scale are dropped, never raised."""
        if not isinstance(data, Mapping):
            return cls()
        raw = data.get("scores")
        scores: dict[str, int] = {}
        if isinstance(raw, Mapping):
            for key, value in raw.items():
                if key in RATING_KEYS and isinstance(value, int) and not isinstance(value, bool) and value in SCALE:
                    scores[key] = value
        at = data.get("at")
        return cls(scores, _note(data.get("plus")), _note(data.get("delta")),
                   float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else 0.0)


def _note(value: Any) -> str:
    return " ".join(value.split())[:MAX_NOTE] if isinstance(value, str) else ""


def make_rating(scores: Mapping[str, Optional[int]], plus: str = "", delta: str = "",
                at: Optional[float] = None) -> SelfRating:
    """A rating from a front end's answers: ``None`` (skipped) and anything off the scale are left out."""
    kept = {k: v for k, v in scores.items()
            if k in RATING_KEYS and isinstance(v, int) and not isinstance(v, bool) and v in SCALE}
    return SelfRating(kept, _note(plus), _note(delta), time.time() if at is None else at)


def rated_keys(scenario: Scenario) -> tuple[str, ...]:
    """What to ask about: ``overall``, then every dimension some choice or answer scores on."""
    scored: set[str] = set()
    for node in scenario.nodes.values():
        for c in node.choices:
            scored.update(k for k, w in c.score.items() if w)
    if scenario.preparation:
        for q in scenario.preparation.questions:
            for o in q.options:
                scored.update(k for k, w in o.score.items() if w)
    return (OVERALL,) + tuple(k for k in DIMENSION_KEYS if k in scored)


def level(percent: Optional[float]) -> Optional[int]:
    """A 0-100 share on the 1-5 scale, in five equal bands (None stays None)."""
    if percent is None:
        return None
    return min(5, max(1, 1 + math.floor((percent + 12.5) / 25)))


@dataclass(frozen=True)
class RatingRow:
    key: str  # "overall" or a dimension key
    own: Optional[int]  # the trainee's rating, None when skipped
    measured: Optional[int]  # the measurement on the same scale, None when untrained
    percent: Optional[float]  # the measurement as a share of the route range, 0..100
    score: int
    route_best: int

    @property
    def gap(self) -> Optional[int]:
        """Own minus measured: positive when the trainee saw it rosier than the figures."""
        if self.own is None or self.measured is None:
            return None
        return self.own - self.measured

    @property
    def notable(self) -> bool:
        return self.gap is not None and abs(self.gap) >= NOTABLE_GAP


def rating_rows(review: Review, rating: SelfRating) -> tuple[RatingRow, ...]:
    """The trainee's rating beside the measurement, for every key they were asked about."""
    rows = []
    for key in rated_keys(review.scenario):
        if key == OVERALL:
            pct = review.route_overall_percent
            rows.append(RatingRow(key, rating.scores.get(key), level(pct), pct, review.overall,
                                  review.route_best_overall))
            continue
        dim = review.dimension(key)
        pct = dim.route_percent if dim.trained else None
        rows.append(RatingRow(key, rating.scores.get(key), level(pct), pct, dim.score, dim.route_best))
    return tuple(rows)
