"""Best and worst totals from every state of the graph: the dynamic programme behind
every review, every score range and the analyser's best and worst paths.

Each state's totals are the per-objective best (worst) over its moves of the move's
weights plus the next state's totals, so states are settled after their successors
(depth-first post-order). On packed vectors (``engine.analysis.packed``) whenever no total can
outgrow them, which is every real scenario: then each state also gets a number, in the
order it was settled, and its successors' numbers, so the statistics
(``engine.analysis.playwalk``) index lists instead of searching the graph a second time.
"""

from __future__ import annotations

import operator
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional, cast

from ..play.rules import OBJECTIVES, ZERO, Snapshot, Vector
from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.shapes import MAX_WEIGHT, MIN_WEIGHT
from .packed import FIELD, WIDTH, Packing, fits

if TYPE_CHECKING:
    from .graph import Edge, StateGraph

N_DIMS = len(DIMENSION_KEYS)


@dataclass
class PackedValues:
    """The graph's states numbered as they were settled, with packed best and worst totals.

    States are found by identity (``at`` is keyed by ``id``): every state and edge target
    of a graph is the one object ``graph.interned`` keeps for its key, and hashing a
    snapshot (its mood tuple and five sets) on every lookup was a third of this pass.
    """

    pack: Packing
    interned: dict[Snapshot, Snapshot]  # the graph's: any equal key -> the object numbered here
    at: dict[int, int] = field(default_factory=dict)  # id(state) -> number
    states: list[Snapshot] = field(default_factory=list)  # number -> state
    best: list[int] = field(default_factory=list)
    worst: list[int] = field(default_factory=list)
    succ: list[list[int]] = field(default_factory=list)  # number -> its moves' next states, in edge order
    reachable: int = 0  # states[:reachable] are those below the initial state (the first pass)

    def number_of(self, key: object) -> Optional[int]:
        return self.at.get(id(self.interned.get(key, key)))  # type: ignore[call-overload]


class Unpacked(Mapping[Snapshot, Vector]):
    """``StateGraph.best`` (or ``worst``) on packed values: tuples made when asked for.

    Most readers (the statistics) read the packed lists; unpacking every state's totals
    up front was wasted work. One tuple per distinct total. A live view: states the graph
    adds later (``StateGraph.ensure``) show up in it.
    """

    def __init__(self, values: PackedValues, worst: bool):
        self._values = values
        self._table = values.worst if worst else values.best
        self._tuples: dict[int, Vector] = {}

    def __getitem__(self, key: Snapshot) -> Vector:
        i = self._values.number_of(key)
        if i is None:
            raise KeyError(key)
        v = self._table[i]
        t = self._tuples.get(v)
        if t is None:
            t = self._tuples[v] = self._values.pack.unpack(v)
        return t

    def __contains__(self, key: object) -> bool:
        return self._values.number_of(key) is not None

    def __iter__(self) -> Iterator[Snapshot]:
        return iter(self._values.states)

    def __len__(self) -> int:
        return len(self._values.states)


def compute_values(graph: "StateGraph", root: Snapshot) -> None:
    """Settle every state below ``root`` not settled yet; an edge back into the current
    path (a loop) is left out and counted in ``graph.back_edges``."""
    if graph.packed is None and not graph.best and fits(graph.max_states, N_DIMS * max(-MIN_WEIGHT, MAX_WEIGHT)):
        values = graph.packed = PackedValues(Packing(len(OBJECTIVES)), graph.interned)
        graph.best, graph.worst = Unpacked(values, False), Unpacked(values, True)
    if graph.packed is None:
        _values_unpacked(graph, root)
    else:
        _values_packed(graph, graph.packed, root)


def _post_order(graph: "StateGraph", root: Snapshot, done: Container[int]) -> Iterator[
        tuple[Snapshot, list["Edge"]]]:
    """The states below ``root`` whose ``id`` is not yet in ``done``, each after its
    successors, with their edges; the caller puts each into ``done`` before asking for the
    next. An edge into the current path (a loop) can't wait for its target: it is counted
    in ``back_edges``."""
    edges_of = graph.edges
    on_path: set[int] = set()
    stack: list[tuple[Snapshot, Optional[list["Edge"]]]] = [(root, None)]  # edges: all successors pushed
    back_edges = 0
    while stack:
        snap, edges = stack.pop()
        if edges is not None:
            on_path.discard(id(snap))
            yield snap, edges
            continue
        if id(snap) in done:
            continue
        on_path.add(id(snap))
        edges = edges_of.get(snap, [])
        stack.append((snap, edges))
        for _, _, nxt in edges:
            k = id(nxt)
            if k in on_path:
                back_edges += 1
            elif k not in done:
                stack.append((nxt, None))
    graph.back_edges += back_edges


def _values_packed(graph: "StateGraph", values: PackedValues, root: Snapshot) -> None:
    """The packed pass. ``Packing.max`` and ``min`` are inlined (the guard-bit select):
    two calls per move were a fifth of its time."""
    pack, at, states, best, worst, succ = values.pack, values.at, values.states, values.best, values.worst, values.succ
    guards, zero, weight, weights_of = pack.guards, pack.zero, pack.weights_by_id(), pack.weights_of
    shift = WIDTH - 1
    first = not states
    root = values.interned.get(root, root)
    for snap, edges in _post_order(graph, root, at):
        hi = lo = -1
        out = []
        for _, w, nxt in edges:
            j = at.get(id(nxt))
            if j is None:  # an edge back into the path
                continue
            out.append(j)
            pw = weight.get(id(w))
            if pw is None:
                pw = weights_of(w)
            b, c = best[j] + pw, worst[j] + pw
            if hi < 0:
                hi, lo = b, c
            else:
                mask = ((((hi | guards) - b) & guards) >> shift) * FIELD  # fields where hi >= b
                hi = (hi & mask) | (b & ~mask)
                mask = ((((lo | guards) - c) & guards) >> shift) * FIELD  # fields where lo >= c
                lo = (c & mask) | (lo & ~mask)
        if hi < 0:
            hi = lo = zero
        at[id(snap)] = len(states)
        states.append(snap)
        best.append(hi)
        worst.append(lo)
        succ.append(out)
    if first:
        values.reachable = len(states)


def _values_unpacked(graph: "StateGraph", root: Snapshot) -> None:
    best, worst = cast(dict, graph.best), cast(dict, graph.worst)  # plain dicts without packing
    add = operator.add
    done = {id(s) for s in best}
    for snap, edges in _post_order(graph, root, done):
        done.add(id(snap))
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
