"""Best and worst totals from every state of the graph: the dynamic programme behind
every review, every score range and the analyser's best and worst paths.

Each state's totals are the per-objective best (worst) over its moves of the move's
weights plus the next state's totals, so states are settled after their successors
(depth-first post-order). On packed vectors (``engine.packed``) whenever no total can
outgrow them, which is every real scenario: then each state also gets a number, in the
order it was settled, and its successors' numbers, so the statistics
(``engine.playwalk``) index lists instead of searching the graph a second time.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from .dimensions import DIMENSION_KEYS
from .packed import Packing, fits
from .rules import OBJECTIVES, ZERO, Snapshot, Vector
from .shapes import MAX_WEIGHT, MIN_WEIGHT

if TYPE_CHECKING:
    from .analysis import Edge, StateGraph

N_DIMS = len(DIMENSION_KEYS)


@dataclass
class PackedValues:
    """The graph's states numbered as they were settled, with packed best and worst totals."""

    pack: Packing
    at: dict[Snapshot, int] = field(default_factory=dict)  # state -> number
    states: list[Snapshot] = field(default_factory=list)  # number -> state
    best: list[int] = field(default_factory=list)
    worst: list[int] = field(default_factory=list)
    succ: list[list[int]] = field(default_factory=list)  # number -> its moves' next states, in edge order
    reachable: int = 0  # states[:reachable] are those below the initial state (the first pass)


class Unpacked(Mapping[Snapshot, Vector]):
    """``StateGraph.best`` (or ``worst``) on packed values: tuples made when asked for.

    Most readers (the statistics) read the packed lists; unpacking every state's totals
    up front was wasted work. One tuple per distinct total. A live view: states the graph
    adds later (``StateGraph.ensure``) show up in it.
    """

    def __init__(self, values: PackedValues, worst: bool):
        self._at = values.at
        self._table = values.worst if worst else values.best
        self._pack = values.pack
        self._tuples: dict[int, Vector] = {}

    def __getitem__(self, key: Snapshot) -> Vector:
        v = self._table[self._at[key]]
        t = self._tuples.get(v)
        if t is None:
            t = self._tuples[v] = self._pack.unpack(v)
        return t

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[Snapshot]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def compute_values(graph: "StateGraph", root: Snapshot) -> None:
    """Settle every state below ``root`` not settled yet; an edge back into the current
    path (a loop) is left out and counted in ``graph.back_edges``."""
    if graph.packed is None and not graph.best and fits(graph.max_states, N_DIMS * max(-MIN_WEIGHT, MAX_WEIGHT)):
        values = graph.packed = PackedValues(Packing(len(OBJECTIVES)))
        graph.best, graph.worst = Unpacked(values, False), Unpacked(values, True)
    if graph.packed is None:
        _values_unpacked(graph, root)
    else:
        _values_packed(graph, graph.packed, root)


def _post_order(graph: "StateGraph", root: Snapshot, done: Mapping[Snapshot, Any]) -> Iterator[
        tuple[Snapshot, list["Edge"]]]:
    """The states below ``root`` not yet in ``done``, each after its successors, with their
    edges; the caller puts each into ``done`` before asking for the next. An edge into
    the current path (a loop) can't wait for its target: it is counted in ``back_edges``."""
    edges_of = graph.edges
    on_path: set[Snapshot] = set()
    stack: list[tuple[Snapshot, bool]] = [(root, False)]
    back_edges = 0
    while stack:
        snap, expanded = stack.pop()
        if expanded:
            on_path.discard(snap)
            yield snap, edges_of.get(snap, [])
            continue
        if snap in done:
            continue
        on_path.add(snap)
        stack.append((snap, True))
        for _, _, nxt in edges_of.get(snap, ()):
            if nxt in on_path:
                back_edges += 1
            elif nxt not in done:
                stack.append((nxt, False))
    graph.back_edges += back_edges


def _values_packed(graph: "StateGraph", values: PackedValues, root: Snapshot) -> None:
    pack, at, states, best, worst, succ = values.pack, values.at, values.states, values.best, values.worst, values.succ
    pmax, pmin, zero, weights_of = pack.max, pack.min, pack.zero, pack.weights_of
    first = not states
    for snap, edges in _post_order(graph, root, at):
        hi = lo = None
        out = []
        for _, w, nxt in edges:
            j = at.get(nxt)
            if j is None:  # an edge back into the path
                continue
            out.append(j)
            pw = weights_of(w)
            if hi is None:
                hi, lo = best[j] + pw, worst[j] + pw
            else:
                hi, lo = pmax(hi, best[j] + pw), pmin(lo, worst[j] + pw)
        if hi is None:
            hi = lo = zero
        at[snap] = len(states)
        states.append(snap)
        best.append(hi)
        worst.append(lo)
        succ.append(out)
    if first:
        values.reachable = len(states)


def _values_unpacked(graph: "StateGraph", root: Snapshot) -> None:
    best, worst = cast(dict, graph.best), cast(dict, graph.worst)  # plain dicts without packing
    add = operator.add
    for snap, edges in _post_order(graph, root, best):
        ups: list[Vector] = []
        downs: list[Vector] = []
        for _, w, nxt in edges:
            b = best.get(nxt)
            if b is None:  # an edge back into the path
                continue
            if w is ZERO:
                ups.append(b)
                downs.append(worst[nxt])
            else:
                ups.append(tuple(map(add, w, b)))
                downs.append(tuple(map(add, w, worst[nxt])))
        if not ups:
            best[snap] = worst[snap] = ZERO
        elif len(ups) == 1:
            best[snap], worst[snap] = ups[0], downs[0]
        else:
            best[snap] = tuple(map(max, *ups))
            worst[snap] = tuple(map(min, *downs))
