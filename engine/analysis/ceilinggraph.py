"""One ceiling's relaxed meeting, valued for every height of the ceiling at once.

A ceiling (``ceilings``) follows a mood a trigger needs as the most it can still reach;
the relaxed meeting under it has a node per (place, height). Those nodes share nearly
everything: the same edges leave a place at every height, each on offer from some height
up (what its condition needs) and raising the height by the same amount. So a place is
valued as a whole row, one value per height below the cap (at or above it the ceiling
holds nothing back: the plain relaxed meeting's value), and an edge adds its weight to a
slice of where it leads instead of being looked at once per height. Rows come out of
Tarjan's strongly connected components over places, like ``lazygraph``: a place on no
loop is valued with one look at what it leads to; a loop is relaxed until nothing moves,
and a loop that still gains after as many rounds as it has (place, height) nodes could
gain forever, so its rows are unbounded (no pruning there, never a wrong bound).
"""

from __future__ import annotations

from operator import add
from typing import Callable, Hashable, Iterator, Optional

from ..play.rules import ZERO, Vector
from .lazygraph import ALL, INF, LazyGraph, components

# An edge of a place under one ceiling: its weights, the place it leads to, the least height
# (as an index into a row) at which it is on offer, and how much it raises the height.
CeilingEdge = tuple[Vector, Hashable, int, int]


class CeilingGraph:
    """Best or worst totals from (place, height) nodes under one ceiling, a row per place.

    ``edges(place)`` gives a place's edges as (weights, next place, least height, rise) with
    heights as absolute values (a least height at or above ``cap``: never held back, so never
    on offer below it); ``freed(place)`` says
    whether the ceiling holds nothing back at that place whatever its height (every trigger
    that needs the mood has fired); ``plain`` values a place where it holds nothing back.
    Like ``LazyGraph``, the ``single`` objective is valued on its own, the others together."""

    def __init__(self, base: int, cap: int, edges: Callable[[Hashable], list[tuple[Vector, Hashable, int, int]]],
                 freed: Callable[[Hashable], bool], plain: LazyGraph,
                 tick: Optional[Callable[[], None]] = None, single: int = -1):
        self._base = base  # the lowest height a state can give this ceiling
        self._width = max(0, cap - base)  # heights base..cap-1 hold something back; a row's last entry is cap's
        self._edges = edges
        self._freed = freed
        self._plain = plain
        self._tick = tick
        self._single = single
        self._succ: dict[Hashable, list[CeilingEdge]] = {}
        self._tables: dict[tuple[Optional[int], bool], dict[Hashable, list]] = {}

    def __len__(self) -> int:
        """(place, height) nodes worked out so far, as many as a graph of them would have: what
        building this graph is worth to the search (``Solver._bound_better``)."""
        return len(self._succ) * self._width

    def value(self, node: tuple[Hashable, int], k: int, worst: bool) -> float:
        """The best (``worst``: the worst) total on objective ``k`` from ``node`` = (place, height)."""
        p, top = node
        row = self.values(p, k if k == self._single else ALL, worst)
        # A height below the lowest can't occur; were it asked, the lowest row's value still bounds it
        # (a higher ceiling only offers more).
        found = row[max(0, min(self._width, top - self._base))]
        return found if k == self._single else found[k]

    def values(self, p: Hashable, k: Optional[int], worst: bool) -> list:
        """The row of place ``p``: per height from the lowest up, then the value at the cap."""
        table = self._tables.get((k, worst))
        if table is None:
            table = self._tables[(k, worst)] = {}
        found = table.get(p)
        if found is None:
            together = self._tables.get((ALL, worst)) if k is not ALL else None
            if together is not None and p in together:  # valued with every objective already (``analyze``)
                found = table[p] = [entry[k] for entry in together[p]]
                return found
            self._solve_from(p, k, worst, table)
            found = table[p]
        return found

    # -- building rows ------------------------------------------------------------------
    def _successors(self, p: Hashable) -> list[CeilingEdge]:
        out = self._succ.get(p)
        if out is None:
            base, width = self._base, self._width
            out = self._succ[p] = list(dict.fromkeys(
                (w, q, max(0, least - base), rise) for w, q, least, rise in self._edges(p) if least - base < width))
        return out

    def _held(self, p: Hashable, k: Optional[int], worst: bool, table: dict) -> bool:
        """Whether ``p`` needs a row of its own; a place the ceiling no longer holds anything
        back at gets the plain value at every height, at once."""
        if p in table:
            return False
        if self._freed(p):
            table[p] = [self._plain.values(p, k, worst)] * (self._width + 1)
            return False
        return True

    def _solve_from(self, root: Hashable, k: Optional[int], worst: bool, table: dict[Hashable, list]) -> None:
        if not self._held(root, k, worst, table):
            return
        for component in components(root, self._successors, lambda q: not self._held(q, k, worst, table),
                                    self._tick):
            self._value(component, k, worst, table)

    def _value(self, component: list[Hashable], k: Optional[int], worst: bool, table: dict[Hashable, list]) -> None:
        row = self._row if k is not ALL else self._row_all
        if len(component) == 1 and all(q != component[0] for _, q, _, _ in self._succ[component[0]]):
            p = component[0]  # on no loop (most places): one look at what it leads to
            table[p] = row(p, table, _NOBODY, k, worst)
            return
        members: dict[Hashable, list] = {}
        for p in component:
            members[p] = row(p, table, members, k, worst)
        for _ in range(len(component) * (self._width + 1) + 1):  # inside a loop: relax until nothing moves
            changing: set[int] = set()
            for p in component:
                new = row(p, table, members, k, worst)
                if new != members[p]:
                    changing.update(_changed(new, members[p]) if k is ALL else (0,))
                members[p] = new
            if not changing:
                break
        else:  # still moving after as many rounds as nodes: a loop that gains forever
            unbounded = -INF if worst else INF
            for p in component:
                members[p] = [unbounded] * (self._width + 1) if k is not ALL else [
                    tuple(unbounded if j in changing else v for j, v in enumerate(entry)) for entry in members[p]]
        table.update(members)

    def _row(self, p: Hashable, table: dict, members: dict, k: int, worst: bool) -> list[float]:
        """Place ``p``'s row on objective ``k``: per height, the best (or worst) over the edges
        on offer there of weight plus the value where it leads, at the height it leads to."""
        width = self._width
        better = min if worst else max
        none = INF if worst else -INF  # no edge on offer yet (a legitimate bound is never this side's limit)
        out = [none] * width
        for w, q, start, rise in self._succ[p]:
            to = members.get(q) if q in members else table.get(q)
            if to is None:
                continue  # inside the loop and not valued yet
            wk = w[k]
            split = max(start, width - rise)  # from here on the edge lifts the height to the cap
            ahead = [wk + v for v in to[start + rise:width]] if split > start else []
            ahead += [wk + to[width]] * (width - split)
            out[start:] = map(better, out[start:], ahead)
        # An ending, a dead end, or only ways back into the loop so far: nothing more to score.
        return [0.0 if v == none else v for v in out] + [self._plain.values(p, k, worst)]

    def _row_all(self, p: Hashable, table: dict, members: dict, k: None, worst: bool) -> list[tuple[float, ...]]:
        """``_row`` for every objective at once."""
        width = self._width
        better = min if worst else max
        out: list[Optional[tuple[float, ...]]] = [None] * width
        for w, q, start, rise in self._succ[p]:
            to = members.get(q) if q in members else table.get(q)
            if to is None:
                continue
            split = max(start, width - rise)
            ahead = [tuple(map(add, w, v)) for v in to[start + rise:width]] if split > start else []
            ahead += [tuple(map(add, w, to[width]))] * (width - split)
            out[start:] = [cand if here is None else tuple(map(better, here, cand))
                           for here, cand in zip(out[start:], ahead)]
        dead = (0.0,) * len(ZERO)
        return [dead if v is None else v for v in out] + [self._plain.values(p, k, worst)]


_NOBODY: dict = {}


def _changed(new: list[tuple[float, ...]], old: list[tuple[float, ...]]) -> Iterator[int]:
    """The objectives that moved anywhere in a row."""
    for a, b in zip(new, old):
        if a != b:
            yield from (j for j, (x, y) in enumerate(zip(a, b)) if x != y)


__all__ = ["CeilingGraph", "CeilingEdge"]
