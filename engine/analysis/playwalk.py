"""The reachable state graph numbered once, and the walks along its best and worst paths.

The statistics in ``playstats`` visit every state and walk twenty long paths. A
``Snapshot`` key costs a tuple hash (reading its mood and five sets) on every dict
lookup, so the states are numbered once, by object identity (``explore`` interns them:
each edge target is the key object itself), and every later pass indexes lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import add, itemgetter
from typing import Optional

from ..play.rules import Snapshot
from .graph import OBJECTIVES, ZERO, StateGraph, Vector
from .packed import WIDTH, Packing
from .values import PackedValues

OVERALL = len(OBJECTIVES) - 1
_KEYS = [itemgetter(k, OVERALL) for k in range(len(OBJECTIVES))]  # a move's (objective, overall) totals


@dataclass
class Numbered:
    """The graph's states as indices (``graph.edges`` order), and those reachable from the start."""

    states: list[Snapshot]  # index -> state
    edges: list[list]  # index -> the graph's edges (move, weights, next state)
    succ: list[list[int]]  # index -> successor indices, one per edge in edge order (reachable states only)
    post: list[int]  # reachable states in depth-first post-order: reversed, a topological order on a DAG
    root: int
    cyclic: bool
    index: dict  # id(state) -> index (the state itself when the graph's states are not interned)
    interned: bool

    def key(self, snap: Snapshot):
        return id(snap) if self.interned else snap


def number(graph: StateGraph) -> Numbered:
    """Number the states and find those reachable from the start, each after its successors.

    The values pass (``engine.analysis.values``) has already done this for a graph without loops
    whose first pass started at the initial state; otherwise a depth-first search from the
    start, edges in order, does it here.
    """
    values = graph.packed
    if values is not None and values.reachable and not graph.back_edges and _interned(graph):
        return _numbered_by_values(graph, values)
    edges_of = graph.edges
    states = list(edges_of)
    edges = list(edges_of.values())
    # Identity is exact while states are interned; should two equal states ever be distinct
    # objects, numbering by value keeps every result right (only slower).
    interned = _interned(graph)
    index = {id(s) if interned else s: i for i, s in enumerate(states)}
    num = Numbered(states, edges, [[] for _ in states], [], 0, False, index, interned)
    num.root = _index_of(num, graph.initial)
    succ, post = num.succ, num.post
    mark = [0] * len(states)  # 1: on the current path, 2: done
    mark[num.root] = 1
    stack = [(num.root, iter(edges[num.root]), succ[num.root])]
    cyclic = False
    while stack:
        i, it, out = stack[-1]
        for _, _, nxt in it:
            j = index.get(id(nxt) if interned else nxt)
            if j is None:
                j = _index_of(num, nxt)
                mark.append(0)
            out.append(j)
            if mark[j] == 0:
                mark[j] = 1
                stack.append((j, iter(edges[j]), succ[j]))
                break
            if mark[j] == 1:  # an edge back into the current path
                cyclic = True
        else:
            stack.pop()
            mark[i] = 2
            post.append(i)
    num.cyclic = cyclic
    return num


def _numbered_by_values(graph: StateGraph, values: PackedValues) -> Numbered:
    """The values pass's numbering, shared (not copied): nothing here adds states to it."""
    edges_of = graph.edges
    edges = [edges_of.get(s, []) for s in values.states]
    n = values.reachable
    return Numbered(values.states, edges, values.succ, list(range(n)), n - 1, False, values.at, True)


def _interned(graph: StateGraph) -> bool:
    interned = getattr(graph, "interned", None)
    return bool(interned) and interned.get(graph.initial) is graph.initial


def _index_of(num: Numbered, snap: Snapshot) -> int:
    """The index of ``snap``, adding it (as a state without edges) if the graph lacks it."""
    i = num.index.get(num.key(snap))
    if i is None:
        i = num.index[num.key(snap)] = len(num.states)
        num.states.append(snap)
        num.edges.append([])
        num.succ.append([])
    return i


def values(graph: StateGraph, num: Numbered, worst: bool) -> list[Vector]:
    """``graph.best`` (or ``graph.worst``) by state index; ZERO where the table has no entry."""
    table = [ZERO] * len(num.states)
    index, interned = num.index, num.interned
    packed = graph.packed
    if packed is not None:  # the packed lists, unpacked once per distinct total
        tuples: dict[int, Vector] = {}
        for snap, v in zip(packed.states, packed.worst if worst else packed.best):
            i = index.get(id(snap) if interned else snap)
            if i is not None:
                t = tuples.get(v)
                table[i] = t if t is not None else tuples.setdefault(v, packed.pack.unpack(v))
        return table
    for snap, vector in (graph.worst if worst else graph.best).items():
        i = index.get(id(snap) if interned else snap)
        if i is not None:
            table[i] = vector
    return table


Walk = tuple[list[tuple[str, str]], int, Vector]  # moves (node or prep:QUESTION, move), last state, totals


def walk(num: Numbered, table: list[Vector], k: int, worst: bool) -> Walk:
    """The path reaching the best (or worst) total on objective ``k``; any graph, loops too.

    At each state the move with the best ``weights + value of the next state`` on ``k`` is
    taken; ties go to the better (worse) overall total, the path an author expects, and
    then to the first move. A path that comes back to a state stops there.
    """
    pick = min if worst else max
    key = _KEYS[k]
    succ, edges, states = num.succ, num.edges, num.states
    seen: set[int] = set()
    i = num.root
    moves: list[tuple[str, str]] = []
    ws: list[Vector] = []
    while succ[i] and i not in seen:
        seen.add(i)
        out = succ[i]
        n = 0 if len(out) == 1 else pick(_q_values(edges[i], out, table), key=key)[-1]
        move, w, _ = edges[i][n]
        if move != "continue":
            moves.append((states[i][0], move))
        if w is not ZERO:
            ws.append(w)
        i = out[n]
    return moves, i, _sum(ws)


def walk_all(num: Numbered, table: list[Vector], worst: bool) -> list[Walk]:
    """``walk`` for every objective at once, on a graph without loops.

    The walks visit states in topological order, all objectives that reach a state
    together: the state's moves and values are read once for all of them (on a long
    meeting this is what costs time, not the comparisons).
    """
    assert not num.cyclic
    pick = min if worst else max
    succ, edges, states = num.succ, num.edges, num.states
    count = len(OBJECTIVES)
    moves: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    ws: list[list[Vector]] = [[] for _ in range(count)]
    last = [num.root] * count
    here: list[Optional[list[int]]] = [None] * len(states)
    here[num.root] = list(range(count))
    for i in reversed(num.post):
        group = here[i]
        if group is None:
            continue
        here[i] = None
        out = succ[i]
        if not out:
            for k in group:
                last[k] = i
            continue
        es = edges[i]
        if len(out) == 1:
            split = [(0, group)]
        else:
            qs = _q_values(es, out, table)
            chosen: dict[int, list[int]] = {}
            for k in group:
                n = pick(qs, key=_KEYS[k])[-1]
                members = chosen.get(n)
                if members is None:
                    chosen[n] = [k]
                else:
                    members.append(k)
            split = list(chosen.items())
        for n, members in split:
            move, w, _ = es[n]
            if move != "continue":
                rec = (states[i][0], move)
                for k in members:
                    moves[k].append(rec)
            if w is not ZERO:
                for k in members:
                    ws[k].append(w)
            j = out[n]
            if here[j] is None:
                here[j] = members
            else:
                here[j] = here[j] + members
    return [(moves[k], last[k], _sum(ws[k])) for k in range(count)]


def packed_values(graph: StateGraph, num: Numbered, worst: bool) -> list[int]:
    """As ``values``, on the graph's packed totals (``graph.packed`` must be set)."""
    packed = graph.packed
    assert packed is not None
    source = packed.worst if worst else packed.best
    if num.states is packed.states:  # numbered by the values pass: the same numbers
        return source
    table = [packed.pack.zero] * len(num.states)
    index, interned = num.index, num.interned
    for snap, v in zip(packed.states, source):
        i = index.get(id(snap) if interned else snap)
        if i is not None:
            table[i] = v
    return table


def walk_all_packed(num: Numbered, table: list[int], pack: Packing, worst: bool) -> list[Walk]:
    """``walk_all`` on packed totals: the same walks, without a tuple per move.

    At a state, the moves' totals ``q`` (weights plus the next state's value) are one int
    each; their per-field best is the state's own value (``table[i]``, the values pass
    took that very maximum), and ``pack.equal(q, table[i])`` marks every objective a move
    is best on. Objectives travel as a bitmask of those marks. Going through the moves
    from the best overall total down (ties in move order), each move takes the objectives
    it is best on that no move before it took: exactly the first move with the best
    (objective, overall) pair, as ``walk_all`` picks. The moves best on overall come first
    (they are marked so); only the objectives they leave need the others ranked, by
    ``q >> top_field`` (the overall total is the top field).
    """
    assert not num.cyclic
    guards, below = pack.guards, pack.below_guard  # ``pack.equal``, inlined
    top_field = WIDTH * OVERALL
    weight = pack.weights_by_id()
    succ, edges, states = num.succ, num.edges, num.states
    count = len(OBJECTIVES)
    guard = [pack.guard(k) for k in range(count)]
    overall = guard[OVERALL]
    members_of: dict[int, list[int]] = {}
    moves: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    totals = [0] * count
    last = [num.root] * count
    here = [0] * len(states)
    here[num.root] = sum(guard)
    for i in reversed(num.post):
        group = here[i]
        if not group:
            continue
        here[i] = 0
        out = succ[i]
        if not out:
            for k in _members(members_of, group, guard):
                last[k] = i
            continue
        es = edges[i]
        if len(out) == 1:
            split: list[tuple[int, int]] = [(group, 0)]
        else:
            top = table[i]
            qs = [table[j] + weight[id(e[1])] for e, j in zip(es, out)]
            eqs = [guards & ~((q ^ top) + below) for q in qs]
            split = []
            rest = group
            others = []  # moves not best on overall
            for n, eq in enumerate(eqs):
                if eq & overall:
                    take = rest & eq
                    if take:
                        split.append((take, n))
                        rest ^= take
                        if not rest:
                            break
                else:
                    others.append(n)
            if rest:  # objectives whose best moves all fall short on overall: the best of those
                if len(others) > 1:
                    others.sort(key=lambda n: qs[n] >> top_field, reverse=not worst)  # stable: ties in order
                for n in others:
                    take = rest & eqs[n]
                    if take:
                        split.append((take, n))
                        rest ^= take
                        if not rest:
                            break
        for members, n in split:
            move, w, _ = es[n]
            ks = _members(members_of, members, guard)
            if move != "continue":
                rec = (states[i][0], move)
                for k in ks:
                    moves[k].append(rec)
            if w is not ZERO:
                pw = weight[id(w)]
                for k in ks:
                    totals[k] += pw
            here[out[n]] |= members
    zero = pack.zero
    return [(moves[k], last[k], pack.unpack(totals[k] + zero) if totals[k] else ZERO) for k in range(count)]


def _members(cache: dict[int, list[int]], mask: int, guard: list[int]) -> list[int]:
    """The objectives (indices) whose guard bits are set in ``mask``."""
    ks = cache.get(mask)
    if ks is None:
        ks = cache[mask] = [k for k, g in enumerate(guard) if mask & g]
    return ks


def _q_values(es: list, out: list[int], table: list[Vector]) -> list[tuple]:
    """Per move: its weights plus the next state's value, then the move's position (for ties: the first wins)."""
    return [(*map(add, e[1], table[j]), n) for n, (e, j) in enumerate(zip(es, out))]


def _sum(ws: list[Vector]) -> Vector:
    return tuple(map(sum, zip(*ws))) if ws else ZERO
