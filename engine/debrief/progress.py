"""Progress over time: how a trainee's scores per dimension move across attempts.

A single debrief says how one meeting went; a trainee who plays a scenario again wants
to see whether they are getting better at the thing they were told to work on. This
module turns the finished attempts at one scenario (oldest first, from the journal)
into a trend per dimension and overall. Pure data in, data out: the journal finds the
attempts, the front ends draw them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from ..scenario.dimensions import DIMENSION_KEYS

TREND_KEYS = DIMENSION_KEYS + ("overall",)


@dataclass(frozen=True)
class Attempt:
    at: float  # when it was started (seconds since the epoch)
    totals: Mapping[str, int]
    session_id: Optional[int] = None

    @property
    def overall(self) -> int:
        return sum(self.totals.get(k, 0) for k in DIMENSION_KEYS)

    def value(self, key: str) -> int:
        return self.overall if key == "overall" else int(self.totals.get(key, 0))


@dataclass(frozen=True)
class Trend:
    key: str  # a dimension key or "overall"
    values: tuple[int, ...]  # oldest first; the last is the attempt being reviewed

    @property
    def change(self) -> int:
        """Since the previous attempt."""
        return self.values[-1] - self.values[-2] if len(self.values) > 1 else 0

    @property
    def since_first(self) -> int:
        return self.values[-1] - self.values[0]

    @property
    def direction(self) -> str:
        """Since the first attempt: what a trainee asks is "am I getting better at this?"."""
        return "up" if self.since_first > 0 else "down" if self.since_first < 0 else "same"


@dataclass(frozen=True)
class Progress:
    attempts: tuple[Attempt, ...]
    trends: tuple[Trend, ...]

    def trend(self, key: str) -> Trend:
        return next(t for t in self.trends if t.key == key)


def progress(attempts: Sequence[Attempt]) -> Optional[Progress]:
    """The trend over ``attempts`` (oldest first); None for fewer than two attempts."""
    ordered = tuple(sorted(attempts, key=lambda a: (a.at, a.session_id or 0)))
    if len(ordered) < 2:
        return None
    trends = tuple(Trend(k, tuple(a.value(k) for a in ordered)) for k in TREND_KEYS)
    return Progress(ordered, trends)
