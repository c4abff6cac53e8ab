"""Bounds that ignore conditions: the most (and least) any play could still score.

The search for the best achievable total (``search``) needs, for any state, a number no
real continuation can beat, to skip branches that can't matter. Ignoring every condition
gives one: with all choices always on offer and every trigger and ``auto`` free to fire
or not, the set of possible continuations only grows, so its best total is at least the
real best and its worst at most the real worst (admissible, as A* calls it).

The relaxed meeting is small: a place is a position, the triggers already fired, the
interruptions running, and the few flags, visits and earlier choices that guard a way
back in the dialogue ("ask again, once": without them every such loop would seem to gain
points forever). Mood and every other flag are forgotten; a condition is only trusted
when it is certainly false from what is kept. Values are computed component by component
(strongly connected components in reverse topological order), so a loop in the relaxed
meeting is valued exactly, and a loop that could still gain points forever makes its
places unbounded (no pruning there, never a wrong bound).
"""

from __future__ import annotations

import math
from typing import Hashable, Iterator

from ..play.rules import OBJECTIVES, TIMEOUT_MOVE, ZERO, Rules, Vector
from ..play.state import State
from ..scenario.conditions import BoolOp, Compare, Condition, Const, Not, Ref
from ..scenario.model import RETURN, Scenario

Place = tuple[Hashable, ...]  # (phase, position, fired, stack, kept); phase: rest | after | arrive
INF = math.inf
_WIDTH = len(OBJECTIVES)


class Relaxed:
    """Best and worst totals per objective from every relaxed place."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.kept = loop_guards(rules.scenario)  # "flag:x", "visited:n", "chose:n.c" kept exactly
        s = rules.scenario
        self._guards = {id(c): c.when for n in s.nodes.values() for c in n.choices if c.when is not None}
        self.best: dict[Place, tuple[float, ...]] = {}
        self.worst: dict[Place, tuple[float, ...]] = {}
        self._solve(rules.initial())

    def place(self, s: State) -> Place:
        kept = self.kept
        if kept:
            names = frozenset(x for x in kept if (x[5:] in s[2] if x.startswith("flag:") else
                                                    x[8:] in s[5] if x.startswith("visited:") else x[6:] in s[4]))
        else:
            names = frozenset()
        fired = frozenset(k for k in s[6] if k >= 0) if s[6] else s[6]  # triggers only: reactions move mood
        return ("rest", s[0], fired, s[8], names)

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

    def bounds(self, s: State) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """(upper bound of the best, lower bound of the worst) per objective, from ``s``."""
        p = self.place(s)
        if p not in self.best:
            self._solve_from(p)
        return self.best[p], self.worst[p]

    # -- the relaxed meeting -------------------------------------------------------------
    def _edges(self, p: Place) -> Iterator[tuple[Vector, Place]]:
        phase, position, fired, stack, names = p
        rules = self.rules
        s = rules.scenario
        if phase == "rest":
            moves = [m for m in rules.table.get(position, ())
                     if m.kind != "choose" or self._possible(m.source.when, names)]
            timeout = rules.timeouts.get(position)
            bonus = timeout.vector if timeout is not None and timeout.vector != ZERO else None
            for m in moves:
                after_names = self._after_move(m, names)
                if m.kind == "answer":
                    nxt = m.dest
                    yield m.vector, (("rest" if nxt.startswith("prep:") else "arrive"), nxt, fired, stack, names)
                    continue
                after = "after" if m.kind == "choose" else "arrive"
                for dest, rest in self._go(m.dest, stack):
                    yield m.vector, (after, dest, fired, rest, after_names)
                    if bonus is not None:  # a time-out at a provocation scores once, then this same move
                        yield tuple(a + b for a, b in zip(bonus, m.vector)), (after, dest, fired, rest, after_names)
            return
        if position in rules.endings:
            yield ZERO, ("rest", position, fired, stack, names)
            return
        if phase == "after":
            for t in rules.triggers:
                trig = s.triggers[t.trigger]
                if t.trigger not in fired and self._possible(trig.when, names):
                    pushed = stack + (position,) if trig.interrupts else stack
                    for dest, rest in self._go(t.dest, pushed):
                        yield ZERO, ("arrive", dest, fired | {t.trigger}, rest, names)
            yield ZERO, ("arrive", position, fired, stack, names)
            return
        node = s.nodes.get(position)
        for a, auto in zip(rules.autos.get(position, ()), node.auto if node is not None else ()):
            if self._possible(auto.when, names):  # arrive: an auto may fire, or the meeting rests here
                for dest, rest in self._go(a.dest, stack):
                    yield ZERO, ("arrive", dest, fired, rest, names)
        shown = f"visited:{position}"
        yield ZERO, ("rest", position, fired, stack, names | {shown} if shown in self.kept else names)

    def _go(self, dest: str, stack: tuple) -> list[tuple[str, tuple]]:
        if dest == RETURN:
            return [(stack[-1], stack[:-1])] if stack else []
        return [(dest, stack)]

    def _solve(self, start: State) -> None:
        self._solve_from(self.place(start))

    def _solve_from(self, root: Place) -> None:
        """Tarjan's strongly connected components from ``root``; each component is valued
        when all it leads to is, so values come out in one pass."""
        index: dict[Place, int] = {}
        low: dict[Place, int] = {}
        on_stack: set[Place] = set()
        stack: list[Place] = []
        succ: dict[Place, list[tuple[Vector, Place]]] = {}
        counter = 0
        work: list[tuple[Place, Iterator]] = []

        def open_(p: Place) -> None:
            nonlocal counter
            index[p] = low[p] = counter
            counter += 1
            stack.append(p)
            on_stack.add(p)
            succ[p] = list(self._edges(p))
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

    def _value(self, component: list[Place], succ: dict[Place, list[tuple[Vector, Place]]]) -> None:
        members = set(component)
        for table, better, unbounded in ((self.best, max, INF), (self.worst, min, -INF)):
            values: dict[Place, list[float]] = {}
            for p in component:
                values[p] = self._combine(p, succ[p], table, members, values, better)
            for _ in range(len(component) + 1):  # inside a loop: relax until nothing moves
                changing: set[int] = set()
                for p in component:
                    new = self._combine(p, succ[p], table, members, values, better)
                    changing.update(k for k, (a, b) in enumerate(zip(new, values[p])) if a != b)
                    values[p] = new
                if not changing:
                    break
            else:  # still moving after as many rounds as places: a loop that gains forever
                for p in component:
                    values[p] = [unbounded if k in changing else v for k, v in enumerate(values[p])]
            for p in component:
                table[p] = tuple(values[p])

    def _combine(self, p, edges, table, members, values, better) -> list[float]:
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
            cand = [a + b for a, b in zip(w, v)]
            out = cand if out is None else [better(a, b) for a, b in zip(out, cand)]
        if out is None:  # an ending, a dead end, or only ways back into the loop so far
            phase, position = p[0], p[1]
            return [0.0] * _WIDTH if phase == "rest" or position in self.rules.endings or not edges else \
                [(-INF if better is max else INF)] * _WIDTH
        return out


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


__all__ = ["Relaxed", "relaxed_of", "TIMEOUT_MOVE"]
