"""Best or worst totals over a graph that is worked out only as far as a question needs it.

The relaxed meeting (``relaxed``) and each of its ceilings are such graphs: their nodes
and edges come from a function, and a bound is wanted for a few nodes at a time. Values
come out of one pass of Tarjan's strongly connected components from the node asked
about: a node on no loop is valued with one look at its successors; a loop is relaxed
until nothing moves, and a loop that still gains after as many rounds as it has nodes
could gain forever, so its nodes are unbounded (no pruning there, never a wrong bound).
"""

from __future__ import annotations

import math
from operator import add
from typing import Any, Callable, Hashable, Iterator, Optional

from ..play.rules import ZERO, Vector

ALL = None  # every objective but the single one, valued together
INF = math.inf
TICK_EVERY = 256  # nodes opened between two calls of a graph's ``tick``


class LazyGraph:
    """Best or worst totals over one relaxed meeting (nodes and their edges), found lazily:
    Tarjan's strongly connected components from the node asked about, each component valued
    when all it leads to is, so values come out in one pass. The ``single`` objective (the
    overall total, what nearly every question is about) is valued on its own; the others all
    together, as whoever asks for one (``analyze``'s extremes per dimension) asks for all; a
    node valued that way answers for the single objective too (everything it leads to was
    valued with it, the same way).
    A node's edges are worked out once and kept for every later pass. ``plain``: a node for
    which it gives a value is valued as that place of the plain relaxed meeting (a ceiling
    that holds nothing back any more)."""

    def __init__(self, edges: Callable[[Hashable], list[tuple[Vector, Hashable]]],
                 plain: Optional[Callable[[Hashable, Optional[int], bool], Any]] = None,
                 tick: Optional[Callable[[], None]] = None, single: int = -1):
        self._edges = edges
        self._plain = plain
        self._tick = tick  # called every TICK_EVERY places (a caller that no longer needs the answer stops here)
        self._single = single
        self._succ: dict[Hashable, list[tuple[Vector, Hashable]]] = {}
        self._tables: dict[tuple[Optional[int], bool], dict[Hashable, Any]] = {}

    def places(self) -> list[Hashable]:
        """The places worked out so far."""
        return list(self._succ)

    def __len__(self) -> int:
        """Nodes whose edges have been worked out so far: what building this graph has cost."""
        return len(self._succ)

    def value(self, node: Hashable, k: int, worst: bool) -> float:
        """The best (``worst``: the worst) total on objective ``k`` from ``node``."""
        found = self.values(node, k if k == self._single else ALL, worst)
        return found if k == self._single else found[k]

    def values(self, node: Hashable, k: Optional[int], worst: bool) -> Any:
        """As ``value`` for objective ``k``; for ``ALL``, the tuple of every objective's."""
        table = self._tables.get((k, worst))
        if table is None:
            table = self._tables[(k, worst)] = {}
        found = table.get(node)
        if found is None:
            together = self._tables.get((ALL, worst)) if k is not ALL else None
            if together is not None and node in together:  # valued with every objective already (``analyze``)
                return together[node][k]
            self._solve_from(node, k, worst, table)
            found = table[node]
        return found

    def _successors(self, node: Hashable, k: Optional[int], worst: bool, table: dict) -> list[tuple[Vector, Hashable]]:
        out = self._succ.get(node)
        if out is None:
            out = self._succ[node] = self._edges(node)
        if self._plain is not None:
            for _, q in out:
                if q not in table:
                    known = self._plain(q, k, worst)
                    if known is not None:
                        table[q] = known
        return out

    def _solve_from(self, root: Hashable, k: Optional[int], worst: bool, table: dict[Hashable, Any]) -> None:
        if root in table:
            return
        succ: dict[Hashable, list[tuple[Vector, Hashable]]] = {}

        def successors(p: Hashable) -> list[tuple[Vector, Hashable]]:
            out = succ[p] = self._successors(p, k, worst, table)
            return out
        for component in components(root, successors, table.__contains__, self._tick):
            if k is ALL:
                _value_all(component, succ, table, worst)
            else:
                _value(component, succ, table, k, worst)


def components(root: Hashable, successors: Callable[[Hashable], list], done: Callable[[Hashable], bool],
               tick: Optional[Callable[[], None]] = None) -> Iterator[list[Hashable]]:
    """Tarjan's strongly connected components of the nodes reachable from ``root``, each yielded
    as soon as it is complete, so in reverse topological order: whatever a component leads to
    was yielded (and valued by the caller) before it. ``successors(p)``: p's edges, each with
    the node it leads to at index 1; ``done(q)``: q needs no visit (valued already). ``tick`` is
    called every TICK_EVERY nodes opened and may raise: the components yielded so far stay valued."""
    index: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    on_stack: set[Hashable] = set()
    stack: list[Hashable] = []
    work: list[tuple[Hashable, Iterator]] = []

    def open_(p: Hashable) -> None:
        index[p] = low[p] = len(index)
        if tick is not None and not len(index) % TICK_EVERY:
            tick()
        stack.append(p)
        on_stack.add(p)
        work.append((p, iter(successors(p))))

    open_(root)
    while work:
        p, it = work[-1]
        advanced = False
        for edge in it:
            q = edge[1]
            if done(q):
                continue
            if q not in index:
                open_(q)
                advanced = True
                break
            if q in on_stack:
                low[p] = min(low[p], index[q])
        if advanced:
            continue
        work.pop()
        if work:
            parent = work[-1][0]
            low[parent] = min(low[parent], low[p])
        if low[p] == index[p]:
            component = []
            while True:
                q = stack.pop()
                on_stack.discard(q)
                component.append(q)
                if q == p:
                    break
            yield component


def _value(component: list[Hashable], succ: dict[Hashable, list[tuple[Vector, Hashable]]],
           table: dict[Hashable, float], k: int, worst: bool) -> None:
    better = min if worst else max
    if len(component) == 1 and all(q != component[0] for _, q in succ[component[0]]):
        p = component[0]  # on no loop (most places): one look at what it leads to
        table[p] = _combine(p, succ[p], table, _NOBODY, _NOBODY, k, better)
        return
    members = set(component)
    values: dict[Hashable, float] = {}
    for p in component:
        values[p] = _combine(p, succ[p], table, members, values, k, better)
    for _ in range(len(component) + 1):  # inside a loop: relax until nothing moves
        changing = False
        for p in component:
            new = _combine(p, succ[p], table, members, values, k, better)
            changing = changing or new != values[p]
            values[p] = new
        if not changing:
            break
    else:  # still moving after as many rounds as places: a loop that gains forever
        unbounded = -INF if worst else INF
        values = dict.fromkeys(component, unbounded)
    table.update(values)


_NOBODY: dict = {}


def _combine(p, edges, table, members, values, k: int, better) -> float:
    found = [w[k] + v for w, q in edges
             if (v := (values.get(q) if q in members else table.get(q))) is not None]
    if found:
        return better(found)
    # An ending, a dead end, or only ways back into the loop so far.
    place = p[0] if isinstance(p[0], tuple) else p  # a (place, ceiling) node, or a place
    return 0.0 if place[0] in ("rest", "calm", "paused") or not edges else (-INF if better is max else INF)


def _value_all(component: list[Hashable], succ: dict[Hashable, list[tuple[Vector, Hashable]]],
               table: dict[Hashable, tuple[float, ...]], worst: bool) -> None:
    """``_value`` for every objective at once (a loop that gains forever on one objective is
    unbounded on that one only)."""
    better = min if worst else max
    if len(component) == 1 and all(q != component[0] for _, q in succ[component[0]]):
        p = component[0]
        table[p] = tuple(_combine_all(p, succ[p], table, _NOBODY, _NOBODY, better))
        return
    members = set(component)
    values: dict[Hashable, list[float]] = {}
    for p in component:
        values[p] = _combine_all(p, succ[p], table, members, values, better)
    changing: set[int] = set()
    for _ in range(len(component) + 1):
        changing = set()
        for p in component:
            new = _combine_all(p, succ[p], table, members, values, better)
            changing.update(k for k, (a, b) in enumerate(zip(new, values[p])) if a != b)
            values[p] = new
        if not changing:
            break
    unbounded = -INF if worst else INF
    for p in component:
        table[p] = tuple(unbounded if k in changing else v for k, v in enumerate(values[p]))


def _combine_all(p, edges, table, members, values, better) -> list[float]:
    out: Optional[list[float]] = None
    for w, q in edges:
        v = values.get(q) if q in members else table.get(q)
        if v is None:
            continue
        cand = list(map(add, w, v))
        out = cand if out is None else list(map(better, out, cand))
    if out is None:
        place = p[0] if isinstance(p[0], tuple) else p
        dead = 0.0 if place[0] in ("rest", "calm", "paused") or not edges else (-INF if better is max else INF)
        return [dead] * len(ZERO)
    return out


__all__ = ["LazyGraph", "components", "ALL", "INF", "TICK_EVERY"]
