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


SPLIT_AT = 32  # entries kept in one list before they are shelved by one mood slot


class Remembered:
    """The answers for one place and key. Up to ``SPLIT_AT`` of them on one shelf; beyond
    that, on one shelf per value of the mood slot in which their regions are narrowest, each
    entry on every shelf its region spans: a question reads the shelf of its own mood only.
    (A busy place of a 120-node scenario holds thousands of regions; without shelves every
    search there read all of them.)"""

    __slots__ = ("shelf", "slot", "shelves", "lowest", "highest")

    def __init__(self) -> None:
        self.shelf: Optional[Shelf] = Shelf()
        self.slot = -1
        self.shelves: dict[int, Shelf] = {}
        self.lowest = math.inf  # the least value of an exact or "at most" entry
        self.highest = -math.inf  # the greatest value of an exact or "at least" entry

    def add(self, entry: tuple) -> None:
        kind, value = entry[3], entry[2]
        if kind != AT_LEAST and value < self.lowest:
            self.lowest = value
        if kind != AT_MOST and value > self.highest:
            self.highest = value
        shelf = self.shelf
        if shelf is not None:
            shelf.add(entry)
            if len(shelf) >= SPLIT_AT:
                self._split(shelf)
            return
        j, shelves = self.slot, self.shelves
        for v in range(entry[0][j], entry[1][j] + 1):
            found = shelves.get(v)
            if found is None:
                found = shelves[v] = Shelf()
            found.add(entry)

    def _split(self, shelf: "Shelf") -> None:
        entries = shelf.entries()
        width = [sum(e[1][j] - e[0][j] for e in entries) for j in range(len(entries[0][0]))]
        self.slot = width.index(min(width))
        self.shelf = None
        for e in entries:
            self.add(e)

    def recall(self, mood: tuple, packed: int, guarded: int, guard: int, floor: float, ceil: float,
               exact_too: bool = True, most_too: bool = True, least_too: bool = True) -> Optional[tuple]:
        shelf = self.shelf if self.shelf is not None else self.shelves.get(mood[self.slot])
        if shelf is None:
            return None
        return shelf.recall(packed, guarded, guard, floor, ceil, exact_too, most_too, least_too)

    def exact_beyond(self, mood: tuple, packed: int, guarded: int, guard: int, floor: float,
                     ceil: float) -> Optional[tuple]:
        shelf = self.shelf if self.shelf is not None else self.shelves.get(mood[self.slot])
        return None if shelf is None else shelf.exact_beyond(packed, guarded, guard, floor, ceil)


class Shelf:
    """Entries (lo, hi, value, kind, packed lo, packed hi; see ``Boxes``): exact values
    latest first, bounds in order of their value."""

    __slots__ = ("exact", "most_values", "most", "least_values", "least")

    def __init__(self) -> None:
        self.exact: list[tuple] = []
        self.most_values: list = []  # "at most" bounds' values, ascending
        self.most: list[tuple] = []  # in the same order
        self.least_values: list = []  # "at least" bounds' values, ascending
        self.least: list[tuple] = []

    def __len__(self) -> int:
        return len(self.exact) + len(self.most) + len(self.least)

    def entries(self) -> list[tuple]:
        return self.exact + self.most + self.least

    def add(self, entry: tuple) -> None:
        kind = entry[3]
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
        entry = own.recall(mood, packed, guarded, guard, floor, ceil)
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
                entry = remembered.recall(mood, packed, guarded, guard, floor, ceil, False, True, False)
                if entry is None:
                    entry = remembered.exact_beyond(mood, packed, guarded, guard, floor, math.inf)
                if entry is not None:
                    return entry[0], entry[1], entry[2], AT_MOST
            if remembered.highest >= ceil and eheld & held == eheld and eused >= used and epaused >= paused:
                # it has only playthroughs of ours
                entry = remembered.recall(mood, packed, guarded, guard, floor, ceil, False, False, True)
                if entry is None:
                    entry = remembered.exact_beyond(mood, packed, guarded, guard, -math.inf, ceil)
                if entry is not None:
                    return entry[0], entry[1], entry[2], AT_LEAST
    return None

