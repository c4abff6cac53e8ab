"""Bounds that mostly ignore conditions: the most (and least) any play could still score.

The search for the best achievable total (``search``) needs, for any state, a number no
real continuation can beat, to skip branches that can't matter. Ignoring conditions
gives one: with all choices on offer and every trigger and ``auto`` free to fire or not,
the set of possible continuations only grows, so its best total is at least the real
best and its worst at most the real worst (admissible, as A* calls it).

The relaxed meeting is small: a place is a position, the triggers already fired, the
interruptions running, and the few flags, visits and earlier choices that guard a way
back in the dialogue ("ask again, once": without them every such loop would seem to gain
points forever). A time-out is a move of its own here too: right after it triggers may
fire, as in the live meeting. Mood and every other flag are forgotten; a condition is
only trusted when it is certainly false from what is kept. Values are computed component
by component (strongly connected components in reverse topological order), so a loop in
the relaxed meeting is valued exactly, and a loop that could still gain points forever
makes its places unbounded (no pruning there, never a wrong bound).

Forgetting mood entirely makes the bound loose exactly where trainers put their drama: a
resident who walks out at anger 10, gets up at 8, speaks up at trust 8. Each such trigger
offers its interruption's points to every relaxed playthrough, so the bound promises
points that only a meeting gone wrong can collect, and the search can prune little. So
for each mood that a trigger's condition needs (``anger >= 8``: this resident's anger, or
for ``max.anger >= 8`` the highest anger) a second relaxed meeting also follows a
*ceiling* of that mood: where it starts (the state's own value, plus what the time-outs
still allowed could add), raised by every move by the most it can raise it, never
lowered. A move, trigger or ``auto`` whose condition needs that mood above its ceiling
is not on offer there. Every real playthrough stays under the ceiling, so this is a
bound too, and a tighter one; the search takes the least of them.
"""

from __future__ import annotations

import math
from operator import add
from typing import Callable, Hashable, Iterator, NamedTuple, Optional

from ..play.rules import OBJECTIVES, TIMEOUT_MOVE, ZERO, Ops, Rules, Vector
from ..play.state import State
from ..scenario.conditions import BoolOp, Compare, Condition, Const, Expr, Not, Ref
from ..scenario.model import RETURN, Scenario

Place = tuple[Hashable, ...]  # (phase, position, fired, stack, kept); phase: rest | paused | timeout | after | arrive
INF = math.inf
_WIDTH = len(OBJECTIVES)
Values = tuple[float, ...]
Edge = tuple[Vector, Place, Optional[Condition], Ops, bool]  # weights, where to, condition, mood effects, time-out


class Ceiling(NamedTuple):
    """A mood some trigger needs, followed as a ceiling: ``sign`` times the highest of ``slots``."""

    slots: tuple[int, ...]
    sign: int  # 1: the condition needs it high (``>=``); -1: low (``<=``)
    cap: int  # the most any condition asks of it: at or above this nothing is held back
    per_timeout: int  # the most one time-out outside a provocation raises it


class Relaxed:
    """Best and worst totals per objective from every relaxed place, with and without ceilings."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.kept = loop_guards(rules.scenario)  # "flag:x", "visited:n", "chose:n.c" kept exactly
        self.limit = rules.scenario.timeout.limit
        self._plain = _Graph(self._edges, None)
        self.best, self.worst = self._plain.best, self._plain.worst
        self.ceilings = ceilings(rules)
        self._needs: list[dict[str, object]] = [{} for _ in self.ceilings]
        self._rises: list[dict[Ops, int]] = [{} for _ in self.ceilings]
        self._graphs = [_Graph(self._ceiling_edges(c), self._freed(c)) for c in self.ceilings]
        self._bounds: dict[tuple, tuple[Values, Values]] = {}
        self._holding: dict[tuple, tuple] = {}
        self._plain.values(self.place(rules.initial()))

    def place(self, s: State) -> Place:
        kept = self.kept
        if kept:
            names = frozenset(x for x in kept if (x[5:] in s[2] if x.startswith("flag:") else
                                                    x[8:] in s[5] if x.startswith("visited:") else x[6:] in s[4]))
        else:
            names = frozenset()
        fired = frozenset(k for k in s[6] if k >= 0) if s[6] else s[6]  # triggers only: reactions move mood
        return ("paused" if s[10] else "rest", s[0], fired, s[8], names)

    def bounds(self, s: State) -> tuple[Values, Values]:
        """(upper bound of the best, lower bound of the worst) per objective, from ``s``."""
        p = self.place(s)
        if self.ceilings:
            mood, left = s[1], max(0, self.limit - s[9])
            tops = tuple(min(c.cap, max([c.sign * mood[i] for i in c.slots]) + left * c.per_timeout)
                         for c in self.ceilings)
            key = (p, tops)
        else:
            tops = ()
            key = (p, tops)
        found = self._bounds.get(key)
        if found is None:
            best, worst = self._plain.values(p)
            for graph, c, top in zip(self._graphs, self.ceilings, tops):
                if top < c.cap:
                    b, w = graph.values((p, top))
                    best = tuple(map(min, best, b))
                    worst = tuple(map(max, worst, w))
            found = self._bounds[key] = (best, worst)
            if len(self._bounds) > 500_000:
                self._bounds.clear()
        return found

    def holding(self, s: State, k: int, worst: bool) -> tuple[tuple[tuple[int, ...], int, int], ...]:
        """The ceilings that lowered ``bounds(s)`` on objective ``k``, as (slots, sign, value):
        the bound holds for every mood where ``sign`` times each of those slots is at most
        ``value`` (a lower mood only lowers a ceiling, and so the bound)."""
        if not self.ceilings:
            return ()
        p = self.place(s)
        mood, left = s[1], max(0, self.limit - s[9])
        highs = tuple(max([c.sign * mood[i] for i in c.slots]) for c in self.ceilings)
        key = (p, highs, left, k, worst)
        found = self._holding.get(key)
        if found is None:
            side = 1 if worst else 0
            plain = self._plain.values(p)[side][k]
            out = []
            for graph, c, high in zip(self._graphs, self.ceilings, highs):
                top = min(c.cap, high + left * c.per_timeout)
                if top < c.cap:
                    v = graph.values((p, top))[side][k]
                    if (v > plain) if worst else (v < plain):
                        out.append((c.slots, c.sign, high))
            found = self._holding[key] = tuple(out)
            if len(self._holding) > 500_000:
                self._holding.clear()
        return found

    def _start(self, c: Ceiling, s: State) -> int:
        mood = s[1]
        high = max(c.sign * mood[i] for i in c.slots)
        if c.per_timeout:
            high += max(0, self.limit - s[9]) * c.per_timeout
        return min(high, c.cap)

    # -- the relaxed meeting -------------------------------------------------------------
    def _possible(self, cond: Condition | None, names: frozenset) -> bool:
        """False only when ``cond`` is certainly false from the kept names alone."""
        return cond is None or not self.kept or _truth(cond.expr, self.kept, names) is not False

    def _after_move(self, move, names: frozenset) -> frozenset:
        c = move.source
        if not self.kept or c is None:
            return names
        out = set(names)
        for f in getattr(c, "set_flags", ()):
            out.add(f"flag:{f}")
        for f in getattr(c, "clear_flags", ()):
            out.discard(f"flag:{f}")
        if hasattr(c, "key"):
            out.add(f"chose:{c.key}")
        return frozenset(out & self.kept)

    def _edges(self, p: Place) -> list[tuple[Vector, Place]]:
        return [(w, q) for w, q, _, _, _ in self._all_edges(p)]

    def _all_edges(self, p: Place) -> Iterator[Edge]:
        phase, position, fired, stack, names = p
        rules = self.rules
        s = rules.scenario
        if phase in ("rest", "paused"):
            for m in rules.table.get(position, ()):
                if m.kind == "choose" and not self._possible(m.when, names):
                    continue
                after_names = self._after_move(m, names)
                if m.kind == "answer":
                    nxt = m.dest
                    yield m.vector, (("rest" if nxt.startswith("prep:") else "arrive"), nxt, fired, stack,
                                     names), None, (), False
                    continue
                after = "after" if m.kind == "choose" else "arrive"
                for dest, rest in self._go(m.dest, stack):
                    yield m.vector, (after, dest, fired, rest, after_names), m.when, m.ops, False
            timeout = rules.timeouts.get(position)
            if phase == "rest" and timeout is not None and (timeout.vector != ZERO or rules.triggers or
                                                             rules.autos.get(position)):
                yield timeout.vector, ("timeout", position, fired, stack, names), None, timeout.ops, True
            return
        if position in rules.endings:
            yield ZERO, ("rest", position, fired, stack, names), None, (), False
            return
        if phase in ("after", "timeout"):
            for t in rules.triggers:
                trig = s.triggers[t.trigger]
                if t.trigger not in fired and self._possible(trig.when, names):
                    pushed = stack + (position,) if trig.interrupts else stack
                    for dest, rest in self._go(t.dest, pushed):
                        yield ZERO, ("arrive", dest, fired | {t.trigger}, rest, names), t.when, (), False
            if phase == "after":
                yield ZERO, ("arrive", position, fired, stack, names), None, (), False
                return
        node = s.nodes.get(position)
        for a, auto in zip(rules.autos.get(position, ()), node.auto if node is not None else ()):
            if self._possible(auto.when, names):  # an auto may fire, or the meeting rests here
                for dest, rest in self._go(a.dest, stack):
                    yield ZERO, ("arrive", dest, fired, rest, names), a.when, (), False
        if phase == "timeout":  # nothing moved the meeting: back to the same decision, paused
            yield ZERO, ("paused", position, fired, stack, names), None, (), False
            return
        shown = f"visited:{position}"
        yield ZERO, ("rest", position, fired, stack, names | {shown} if shown in self.kept else names), None, (), \
            False

    def _freed(self, c: Ceiling) -> Callable[[tuple], Optional[tuple[Values, Values]]]:
        def plain(node: tuple) -> Optional[tuple[Values, Values]]:
            return self._plain.values(node[0]) if node[1] >= c.cap else None
        return plain

    def _ceiling_edges(self, c: Ceiling) -> Callable[[tuple], list[tuple[Vector, tuple]]]:
        index = self.ceilings.index(c)
        needs, rises = self._needs[index], self._rises[index]

        def edges(node: tuple) -> list[tuple[Vector, tuple]]:
            p, top = node
            out = []
            for w, q, cond, ops, timeout in self._all_edges(p):
                if cond is not None:
                    need = needs.get(cond.source, _UNKNOWN)
                    if need is _UNKNOWN:
                        need = needs[cond.source] = requirement(cond.expr, c, self.rules)
                    if need is not None and need > top:
                        continue  # needs more of this mood than any playthrough from here can have
                if ops and not timeout:  # time-outs were counted in where the ceiling starts
                    rise = rises.get(ops)
                    if rise is None:
                        rise = rises[ops] = _rise(ops, c)
                    out.append((w, (q, min(c.cap, top + rise))))
                else:
                    out.append((w, (q, top)))
            return out
        return edges

    def _go(self, dest: str, stack: tuple) -> list[tuple[str, tuple]]:
        if dest == RETURN:
            return [(stack[-1], stack[:-1])] if stack else []
        return [(dest, stack)]


class _Graph:
    """Best and worst totals over one relaxed meeting (nodes and their edges), found lazily:
    Tarjan's strongly connected components from the node asked about, each component valued
    when all it leads to is, so values come out in one pass. ``plain``: a node for which it
    gives a place is valued as that place of the plain relaxed meeting (a ceiling that holds
    nothing back any more)."""

    def __init__(self, edges: Callable[[Hashable], list[tuple[Vector, Hashable]]],
                 plain: Optional[Callable[[Hashable], Optional[tuple[Values, Values]]]] = None):
        self._edges = edges
        self._plain = plain
        self.best: dict[Hashable, Values] = {}
        self.worst: dict[Hashable, Values] = {}

    def values(self, node: Hashable) -> tuple[Values, Values]:
        if node not in self.best:
            self._solve_from(node)
        return self.best[node], self.worst[node]

    def _succ(self, node: Hashable) -> list[tuple[Vector, Hashable]]:
        out = self._edges(node)
        if self._plain is not None:
            for _, q in out:
                if q not in self.best:
                    known = self._plain(q)
                    if known is not None:
                        self.best[q], self.worst[q] = known
        return out

    def _solve_from(self, root: Hashable) -> None:
        index: dict[Hashable, int] = {}
        low: dict[Hashable, int] = {}
        on_stack: set[Hashable] = set()
        stack: list[Hashable] = []
        succ: dict[Hashable, list[tuple[Vector, Hashable]]] = {}
        counter = 0
        work: list[tuple[Hashable, Iterator]] = []

        def open_(p: Hashable) -> None:
            nonlocal counter
            index[p] = low[p] = counter
            counter += 1
            stack.append(p)
            on_stack.add(p)
            succ[p] = self._succ(p)
            work.append((p, iter(succ[p])))

        if root in self.best:
            return
        open_(root)
        while work:
            p, it = work[-1]
            advanced = False
            for _, q in it:
                if q in self.best:
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
                self._value(component, succ)

    def _value(self, component: list[Hashable], succ: dict[Hashable, list[tuple[Vector, Hashable]]]) -> None:
        if len(component) == 1 and all(q != component[0] for _, q in succ[component[0]]):
            p = component[0]  # on no loop (most places): one look at what it leads to
            self.best[p] = tuple(_combine(p, succ[p], self.best, _NOBODY, _NOBODY, max))
            self.worst[p] = tuple(_combine(p, succ[p], self.worst, _NOBODY, _NOBODY, min))
            return
        members = set(component)
        for table, better, unbounded in ((self.best, max, INF), (self.worst, min, -INF)):
            values: dict[Hashable, list[float]] = {}
            for p in component:
                values[p] = _combine(p, succ[p], table, members, values, better)
            for _ in range(len(component) + 1):  # inside a loop: relax until nothing moves
                changing: set[int] = set()
                for p in component:
                    new = _combine(p, succ[p], table, members, values, better)
                    changing.update(k for k, (a, b) in enumerate(zip(new, values[p])) if a != b)
                    values[p] = new
                if not changing:
                    break
            else:  # still moving after as many rounds as places: a loop that gains forever
                for p in component:
                    values[p] = [unbounded if k in changing else v for k, v in enumerate(values[p])]
            for p in component:
                table[p] = tuple(values[p])


_NOBODY: dict = {}


def _combine(p, edges, table, members, values, better) -> list[float]:
    out: list[float] | None = None
    for w, q in edges:
        if q in members:
            v = values.get(q)
            if v is None:
                continue
        else:
            v = table.get(q)
            if v is None:
                continue
        cand = list(map(add, w, v))
        out = cand if out is None else list(map(better, out, cand))
    if out is None:  # an ending, a dead end, or only ways back into the loop so far
        place = p[0] if isinstance(p[0], tuple) else p  # a (place, ceiling) node, or a place
        phase = place[0]
        return [0.0] * _WIDTH if phase in ("rest", "paused") or not edges else \
            [(-INF if better is max else INF)] * _WIDTH
    return out


# -- ceilings: the moods triggers need ---------------------------------------------------------
def ceilings(rules: Rules) -> list[Ceiling]:
    """One per mood (a slot, or the highest/lowest of a variable) that a trigger's condition
    needs above (or below) some value; none for a mood a group reaction can push that way,
    as reactions are not followed here."""
    s = rules.scenario
    wanted: dict[tuple[tuple[int, ...], int], int] = {}
    for t in s.triggers:
        for slots, sign, need in _atoms(t.when.expr, rules):
            wanted[(slots, sign)] = max(wanted.get((slots, sign), need), need)
    pushed = [rules._ops(r.effects) for r in s.group]
    cost = rules._ops(s.timeout.cost)
    out = []
    for (slots, sign), _ in sorted(wanted.items()):
        probe = Ceiling(slots, sign, 0, 0)
        if any(_rise(ops, probe) > 0 for ops in pushed):
            continue
        cap = max(need for cond in _conditions(s) for sl, sg, need in _atoms(cond.expr, rules)
                  if (sl, sg) == (slots, sign))
        out.append(Ceiling(slots, sign, cap, _rise(cost, probe)))
    return out


def _conditions(s: Scenario) -> Iterator[Condition]:
    for t in s.triggers:
        yield t.when
    for node in s.nodes.values():
        for a in node.auto:
            yield a.when
        for c in node.choices:
            if c.when is not None:
                yield c.when


def requirement(e: Expr, c: Ceiling, rules: Rules) -> Optional[int]:
    """The least value of ceiling ``c``'s mood that ``e`` needs to hold (None: it needs none)."""
    needs = [need for slots, sign, need in _atoms(e, rules) if (slots, sign) == (c.slots, c.sign)]
    return max(needs) if needs else None


def _atoms(e: Expr, rules: Rules) -> list[tuple[tuple[int, ...], int, int]]:
    """What ``e`` certainly needs, as (slots, sign, value): ``sign`` times the highest of
    ``slots`` at least ``value``. From comparisons of a mood (or max./min.) with a number,
    and from every part of an 'and'; an 'or' needs what all its parts need of one mood."""
    if isinstance(e, BoolOp):
        parts = [_atoms(o, rules) for o in e.operands]
        if e.op == "and":
            return [a for part in parts for a in part]
        common: dict[tuple, int] = {}
        for i, part in enumerate(parts):
            mine: dict[tuple, int] = {}
            for slots, sign, need in part:
                mine[(slots, sign)] = max(mine.get((slots, sign), need), need)
            common = mine if i == 0 else {k: min(v, mine[k]) for k, v in common.items() if k in mine}
        return [(slots, sign, need) for (slots, sign), need in common.items()]
    if not isinstance(e, Compare):
        return []
    op, left, right = e.op, e.left, e.right
    if isinstance(left, Const) and not isinstance(right, Const):
        op, left, right = _MIRROR[op], right, left
    if not (isinstance(left, Ref) and isinstance(right, Const) and type(right.value) is int):
        return []
    c = right.value
    if left.kind == "mood":
        slots: tuple[int, ...] = (rules.slot_index[(left.parts[0], left.parts[1])],)
        if op in (">=", ">"):
            return [(slots, 1, c if op == ">=" else c + 1)]
        if op in ("<=", "<"):
            return [(slots, -1, -c if op == "<=" else -c + 1)]
        return []
    if left.kind in ("max", "min"):
        slots = tuple(i for i, (_, var) in enumerate(rules.slots) if var == left.parts[0])
        if left.kind == "max" and op in (">=", ">"):  # someone present that high: so the highest of all
            return [(slots, 1, c if op == ">=" else c + 1)]
        if left.kind == "min" and op in ("<=", "<"):
            return [(slots, -1, -c if op == "<=" else -c + 1)]
    return []


def _rise(ops: Ops, c: Ceiling) -> int:
    """The most a move's effects raise ``sign`` times the highest of the ceiling's slots."""
    per: dict[int, int] = {}
    for i, delta, _, _, _ in ops:
        if i in c.slots and c.sign * delta > 0:
            per[i] = per.get(i, 0) + c.sign * delta
    return max(per.values(), default=0)


_UNKNOWN = object()
_MIRROR = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def loop_guards(s: Scenario) -> frozenset[str]:
    """Flags, visits and earlier choices read by a condition on a way back in the dialogue
    (an edge inside a loop of the scenario as written, triggers included)."""
    succ: dict[str, list[tuple[str, list[Condition]]]] = {}
    targets = [t for t in s.triggers]
    for nid, node in s.nodes.items():
        out: list[tuple[str, list[Condition]]] = [(a.goto, [a.when]) for a in node.auto]
        if node.next is not None:
            out.append((node.next, []))
        out += [(c.next, [c.when] if c.when is not None else []) for c in node.choices]
        if node.choices:
            out += [(t.goto, [t.when]) for t in targets]
        succ[nid] = out
    component = _components(list(s.nodes), lambda n: [d for d, _ in succ[n] if d in s.nodes])
    kept: set[str] = set()
    for nid, out in succ.items():
        for dest, conds in out:
            if dest in component and component[dest] == component[nid]:
                for cond in conds:
                    for ref in cond.refs():
                        if ref.kind == "flag":
                            kept.add(f"flag:{ref.parts[0]}")
                        elif ref.kind == "visited":
                            kept.add(f"visited:{ref.parts[0]}")
                        elif ref.kind == "chose":
                            kept.add("chose:" + ".".join(ref.parts))
    return frozenset(kept)


def _components(nodes: list[str], succ) -> dict[str, int]:
    """Strongly connected component number per node (a node on no loop has its own number,
    shared by nobody; loops give all their nodes one number)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    comp: dict[str, int] = {}
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(succ(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            pushed = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(succ(w))))
                    pushed = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if pushed:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                members = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    members.append(w)
                    if w == v:
                        break
                looping = len(members) > 1 or v in succ(v)
                for w in members:
                    comp[w] = index[v] if looping else -1 - index[w]
    return comp


def _truth(e, kept: frozenset, names: frozenset):
    """Three-valued truth of a condition from the kept names alone: True, False or None (unknown)."""
    if isinstance(e, Const):
        return bool(e.value)
    if isinstance(e, Ref):
        if e.kind == "flag":
            key = f"flag:{e.parts[0]}"
        elif e.kind == "visited":
            key = f"visited:{e.parts[0]}"
        elif e.kind == "chose":
            key = "chose:" + ".".join(e.parts)
        else:
            return None
        return (key in names) if key in kept else None
    if isinstance(e, Not):
        inner = _truth(e.operand, kept, names)
        return None if inner is None else not inner
    if isinstance(e, BoolOp):
        parts = [_truth(o, kept, names) for o in e.operands]
        if e.op == "and":
            return False if False in parts else True if all(p is True for p in parts) else None
        return True if True in parts else False if all(p is False for p in parts) else None
    if isinstance(e, Compare):
        return None
    return None


def relaxed_of(rules: Rules) -> Relaxed:
    cached = rules.__dict__.get("_relaxed")
    if cached is None:
        cached = rules.__dict__["_relaxed"] = Relaxed(rules)
    return cached


__all__ = ["Relaxed", "relaxed_of", "Ceiling", "ceilings", "TIMEOUT_MOVE"]
