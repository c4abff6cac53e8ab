"""What the solver remembers of the states it valued.

Each answer of the search holds on a *region* of moods around the state it was asked for
(``regions``) and is one of three kinds: the exact value, a value the best is at most (the
search failed low: everything there was at or below its floor), or a value the best is at
least (it failed high: a playthrough reached its ceiling, and the search stopped there).
A later question at the same place asks with its own floor and ceiling; a remembered
bound answers it only when it already decides the question.

The memory is kept per place and per (held openers, time-outs used, paused): the parts of
a state that only add playthroughs (``liveness.split``). Within one such key, exact values
apart and each kind of bound ordered by its value, so a question reads only the bounds
that could answer it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Optional

from .regions import Boxes

EXACT, AT_MOST, AT_LEAST = 0, 1, 2  # the kinds of an answer


class Remembered:
    """The answers for one place and key: entries (lo, hi, value, kind, packed lo, packed
    hi; see ``Boxes``). Exact values latest first; bounds in order of their value."""

    __slots__ = ("exact", "most_values", "most", "least_values", "least", "lowest", "highest")

    def __init__(self) -> None:
        self.lowest = math.inf  # the least value of an exact or "at most" entry
        self.highest = -math.inf  # the greatest value of an exact or "at least" entry
        self.exact: list[tuple] = []
        self.most_values: list = []  # "at most" bounds' values, ascending
        self.most: list[tuple] = []  # in the same order
        self.least_values: list = []  # "at least" bounds' values, ascending
        self.least: list[tuple] = []

    def add(self, entry: tuple) -> None:
        kind, value = entry[3], entry[2]
        if kind != AT_LEAST and value < self.lowest:
            self.lowest = value
        if kind != AT_MOST and value > self.highest:
            self.highest = value
        if kind == EXACT:
            self.exact.append(entry)
        elif kind == AT_MOST:
            at = bisect_right(self.most_values, entry[2])
            self.most_values.insert(at, entry[2])
            self.most.insert(at, entry)
        else:
            at = bisect_left(self.least_values, entry[2])
            self.least_values.insert(at, entry[2])
            self.least.insert(at, entry)

    def recall(self, packed: int, guarded: int, guard: int, floor: float, ceil: float,
               exact_too: bool = True, most_too: bool = True, least_too: bool = True) -> Optional[tuple]:
        """An entry whose region holds the mood (``packed``, and with ``guard`` set) and that
        decides a question asked with ``floor`` and ``ceil``: exact, at most the floor, or at
        least the ceiling."""
        if exact_too:
            for entry in reversed(self.exact):
                if (guarded - entry[4]) & guard == guard and (entry[5] - packed) & guard == guard:
                    return entry
        if most_too:
            most = self.most
            for i in reversed(range(bisect_right(self.most_values, floor))):  # the tightest first
                entry = most[i]
                if (guarded - entry[4]) & guard == guard and (entry[5] - packed) & guard == guard:
                    return entry
        if least_too:
            least = self.least
            for i in range(bisect_left(self.least_values, ceil), len(least)):  # the tightest first
                entry = least[i]
                if (guarded - entry[4]) & guard == guard and (entry[5] - packed) & guard == guard:
                    return entry
        return None

    def exact_beyond(self, packed: int, guarded: int, guard: int, floor: float, ceil: float) -> Optional[tuple]:
        """An exact entry holding the mood whose value is at most ``floor`` or at least ``ceil``."""
        for e in self.exact:
            if (e[2] <= floor or e[2] >= ceil) and (guarded - e[4]) & guard == guard \
                    and (e[5] - packed) & guard == guard:
                return e
        return None


def recall(table: dict, key: tuple, boxes: Boxes, mood: tuple, floor: float, ceil: float,
           dominance: bool) -> Optional[tuple]:
    """A remembered (lo, hi, value, kind) that decides the question for ``mood`` at this place,
    or None.

    ``table`` holds a place's ``Remembered`` per (held, used, paused). With ``dominance``, a
    key with every playthrough this one has (its held openers a superset, no more time-outs
    used, not more paused) scores no less, so its value at or below the floor answers as "at
    most"; a key with only playthroughs this one has scores no more, so its value at or above
    the ceiling answers as "at least"."""
    packed = boxes.pack(mood)
    guard = boxes.guard
    guarded = packed | guard
    own = table.get(key)
    if own is not None:
        entry = own.recall(packed, guarded, guard, floor, ceil)
        if entry is not None:
            return entry[:4]
    if dominance and len(table) > 1:
        held, used, paused = key
        for other, remembered in table.items():
            if other == key:
                continue
            eheld, eused, epaused = other
            if remembered.lowest <= floor and eheld & held == held and eused <= used and epaused <= paused:
                # it has every playthrough of ours
                entry = remembered.recall(packed, guarded, guard, floor, ceil, False, True, False)
                if entry is None:
                    entry = remembered.exact_beyond(packed, guarded, guard, floor, math.inf)
                if entry is not None:
                    return entry[0], entry[1], entry[2], AT_MOST
            if remembered.highest >= ceil and eheld & held == eheld and eused >= used and epaused >= paused:
                # it has only playthroughs of ours
                entry = remembered.recall(packed, guarded, guard, floor, ceil, False, False, True)
                if entry is None:
                    entry = remembered.exact_beyond(packed, guarded, guard, -math.inf, ceil)
                if entry is not None:
                    return entry[0], entry[1], entry[2], AT_LEAST
    return None

