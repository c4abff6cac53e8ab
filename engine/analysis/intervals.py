"""What can never happen, proved with intervals: the least and most each mood can be at each line.

A scenario's situations are often too many to list, but "ineke.trust can be at most 4 by
the time this line is said" is cheap to know for sure: follow the scenario forward with,
per line, an interval for every mood slot (abstract interpretation). A move adds its
effects to both ends (clamped, so the ends stay the ends), a condition that can't hold for
any value in the intervals closes that way, and one made of thresholds narrows the
intervals of the moods that take it. Where ways meet the intervals are joined. Every real
playthrough stays inside the intervals, so a choice whose condition is false for every
value in them is never on offer, and a line the walk never reaches is never said.
"""

from __future__ import annotations

from collections import deque
from itertools import product
from typing import Hashable, Optional

from ..play.rules import Ops, Rules
from ..scenario.conditions import MIRRORED, BoolOp, Compare, Condition, Const, Expr, Not, Ref, three_valued
from ..scenario.model import RETURN

Box = tuple[tuple[int, int], ...]  # per mood slot (least, most)


class Intervals:
    """Per position, the interval of every mood slot over all ways to get there."""

    def __init__(self, rules: Rules):
        self.rules = rules
        s = rules.scenario
        self.boxes: dict[str, Box] = {}
        self._leavers = frozenset(r for n in s.nodes.values() for r in n.leaves)
        start = tuple((v, v) for v in rules.initial()[1])
        self._returns = {m.dest for ms in rules.table.values() for m in ms if m.dest in s.nodes} | set(rules.timeouts)
        queue: deque[str] = deque()
        self._join(rules.initial()[0], start, queue)
        rounds = 0
        while queue and rounds < 200_000:
            rounds += 1
            position = queue.popleft()
            box = self.boxes[position]
            for dest, after_choice, new in self._moves(position, box):
                self._arrive(dest, new, after_choice, queue)

    # -- three-valued truth over a box -------------------------------------------------------
    def truth(self, cond: Optional[Condition], box: Box) -> Optional[bool]:
        """True or False when ``cond`` answers so for every mood in ``box``; None when it depends."""
        return True if cond is None else _truth(cond.expr, box, self.rules)

    def always_one_of(self, conds: list[Condition], box: Box, limit: int = 4096) -> bool:
        """Proved: whatever else holds, some condition in ``conds`` is true for every mood in
        ``box`` (a node whose choices cover every case between them: "not visited.a", "not
        visited.b", and an ``auto`` once both are). By cases: each flag, visit, presence, answer
        and earlier choice they read taken true and then false, and each mood cut where one of
        them compares it, so every comparison is decided; more than ``limit`` cases: not proved."""
        atoms: dict[Hashable, None] = {}
        cuts: dict[int, set[int]] = {}
        for cond in conds:
            for leaf in _leaves(cond.expr):
                slots_and_cuts = _cuts(leaf, self.rules, self._leavers)
                if slots_and_cuts is None:
                    atoms[_shape(leaf)] = None  # decided only by the case taken
                else:
                    for i, cut in slots_and_cuts:
                        cuts.setdefault(i, set()).add(cut)
        pieces: list[list[tuple[int, int]]] = []
        for i, (lo, hi) in enumerate(box):
            inner = sorted(c for c in cuts.get(i, ()) if lo < c <= hi)
            pieces.append([(a, b - 1) for a, b in zip([lo] + inner, inner + [hi + 1])])
        names = list(atoms)
        cases = 2 ** len(names)
        for part in pieces:
            cases *= len(part)
        if cases > limit:
            return False
        for sub in product(*pieces):
            for values in product((True, False), repeat=len(names)):
                given = dict(zip(names, values))

                def leaf(e: Expr, given: dict = given, sub: Box = sub) -> Optional[bool]:
                    taken = given.get(_shape(e))
                    return taken if taken is not None else _compare(e, sub, self.rules)
                if not any(three_valued(c.expr, leaf) is True for c in conds):
                    return False
        return True

    def _moves(self, position: str, box: Box):
        rules = self.rules
        for m in rules.table.get(position, ()):
            narrowed = box if m.when is None else _narrow(m.when.expr, box, self.rules)
            if narrowed is None or self.truth(m.when, box) is False:
                continue
            after = _apply(m.ops, narrowed, self._leavers)
            yield m.dest, m.kind == "choose", after
        timeout = rules.timeouts.get(position)
        if timeout is not None and timeout.ops:
            yield position, True, _apply(timeout.ops, box, self._leavers)

    def _arrive(self, dest: str, box: Box, after_choice: bool, queue: deque) -> None:
        """Land on ``dest`` (with the triggers that may fire after a choice, and autos)."""
        todo = [(dest, box, after_choice)]
        seen = 0
        while todo and seen < 256:
            seen += 1
            where, b, after = todo.pop()
            for place in (sorted(self._returns) if where == RETURN else [where]):
                if place in self.rules.endings:
                    self._join(place, b, queue)
                    continue
                if after:
                    for r in self.rules.scenario.group:  # may or may not fire: both stay inside
                        if self.truth(r.when, b) is not False:
                            fired = _apply(self.rules._ops(r.effects), b, self._leavers)
                            b = tuple((min(a, c), max(x, d)) for (a, x), (c, d) in zip(b, fired))
                    for t in self.rules.triggers:  # a trigger that holds may have fired already (each fires
                        if self.truth(t.when, b) is False:  # once), so the meeting may also stay here
                            continue
                        narrowed = _narrow(t.when.expr, b, self.rules) if t.when is not None else b
                        if narrowed is not None:
                            todo.append((t.dest, narrowed, False))
                    todo.append((place, b, False))
                    continue
                autos = self.rules.autos.get(place, ())
                stays = True
                for a in autos:
                    answer = self.truth(a.when, b)
                    if answer is False:
                        continue
                    narrowed = _narrow(a.when.expr, b, self.rules) if a.when is not None else b
                    if narrowed is not None:
                        todo.append((a.dest, narrowed, False))
                    if answer is True:
                        stays = False
                        break
                if stays:
                    self._join(place, b, queue)

    def _join(self, position: str, box: Box, queue: deque) -> None:
        old = self.boxes.get(position)
        new = box if old is None else tuple((min(a, c), max(b, d)) for (a, b), (c, d) in zip(old, box))
        if new != old:
            self.boxes[position] = new
            queue.append(position)


def _apply(ops: Ops, box: Box, leavers: frozenset) -> Box:
    if not ops:
        return box
    out = list(box)
    for i, delta, lo, hi, who in ops:
        a, b = out[i]
        na, nb = max(lo, min(hi, a + delta)), max(lo, min(hi, b + delta))
        if who in leavers:  # a resident who may have left doesn't react: the old value stays possible
            na, nb = min(a, na), max(b, nb)
        out[i] = (na, nb)
    return tuple(out)


def _slots(rules: Rules, ref: Ref) -> list[int]:
    if ref.kind == "mood":
        return [rules.slot_index[(ref.parts[0], ref.parts[1])]]
    return [i for i, (_, var) in enumerate(rules.slots) if var == ref.parts[0]]


def _range(e: Expr, box: Box, rules: Rules) -> Optional[tuple[int, int]]:
    """The least and most a numeric expression can be over ``box`` (None: not numeric here)."""
    if isinstance(e, Const) and not isinstance(e.value, bool):
        return e.value, e.value
    if isinstance(e, Ref) and e.kind in ("mood", "max", "min"):
        ranges = [box[i] for i in _slots(rules, e)]
        if not ranges:
            return None
        if e.kind == "mood":
            return ranges[0]
        pick = max if e.kind == "max" else min
        return pick(a for a, _ in ranges), pick(b for _, b in ranges)
    return None


def _truth(e: Expr, box: Box, rules: Rules) -> Optional[bool]:
    return three_valued(e, lambda leaf: _compare(leaf, box, rules))


def _compare(e: Expr, box: Box, rules: Rules) -> Optional[bool]:
    """A comparison of moods with numbers, judged over every mood in ``box``."""
    if isinstance(e, Compare):
        left, right = _range(e.left, box, rules), _range(e.right, box, rules)
        if left is None or right is None:
            return None
        (a, b), (c, d) = left, right
        op = e.op
        if op in (">=", ">", "<=", "<"):
            if op == ">=":
                return True if a >= d else False if b < c else None
            if op == ">":
                return True if a > d else False if b <= c else None
            if op == "<=":
                return True if b <= c else False if a > d else None
            return True if b < c else False if a >= d else None
        if a == b == c == d:
            return op == "=="
        if b < c or a > d:
            return op == "!="
        return None
    return None  # flags, answers, earlier choices, visits and presence are not followed here


def _leaves(e: Expr) -> list[Expr]:
    """What ``three_valued`` asks its ``leaf`` about in ``e``."""
    if isinstance(e, Const):
        return []
    if isinstance(e, Not):
        return _leaves(e.operand)
    if isinstance(e, BoolOp):
        return [leaf for o in e.operands for leaf in _leaves(o)]
    return [e]


def _shape(e: Expr) -> Hashable:
    """``e`` without where it was written: the same reference in two conditions is one case."""
    if isinstance(e, Ref):
        return ("ref", e.kind, e.parts)
    if isinstance(e, Compare):
        return ("compare", e.op, _shape(e.left), _shape(e.right))
    if isinstance(e, Const):
        return ("const", e.value)
    return ("other", repr(e))


def _cuts(e: Expr, rules: Rules, leavers: frozenset) -> Optional[list[tuple[int, int]]]:
    """For a comparison of a mood (or max./min. of one) with a number: per slot it reads, the
    value from which its answer changes, (slot, first value of the upper part); None for any
    other leaf, and for max./min. over residents who may leave (who counts is then a case of
    its own, not a cut)."""
    if not isinstance(e, Compare):
        return None
    left, op, right = e.left, e.op, e.right
    if isinstance(left, Const):
        left, right, op = right, left, MIRRORED[op]
    if not (isinstance(left, Ref) and left.kind in ("mood", "max", "min") and isinstance(right, Const)
            and type(right.value) is int):
        return None
    slots = _slots(rules, left)
    if left.kind != "mood" and any(rules.slots[i][0] in leavers for i in slots):
        return None
    c = right.value
    at = {">=": (c,), "<": (c,), ">": (c + 1,), "<=": (c + 1,)}.get(op, (c, c + 1))
    return [(i, v) for i in slots for v in at]


def _narrow(e: Expr, box: Box, rules: Rules) -> Optional[Box]:
    """``box`` narrowed to the moods that can make ``e`` true (None: none can). Only
    thresholds on one mood, and 'and's of them, narrow; anything else keeps the box."""
    if isinstance(e, BoolOp) and e.op == "and":
        for part in e.operands:
            narrowed = _narrow(part, box, rules)
            if narrowed is None:
                return None
            box = narrowed
        return box
    if isinstance(e, Compare) and isinstance(e.left, Ref) and e.left.kind == "mood" and isinstance(e.right, Const) \
            and not isinstance(e.right.value, bool):
        i = _slots(rules, e.left)[0]
        a, b = box[i]
        c = e.right.value
        lo, hi = {">=": (c, b), ">": (c + 1, b), "<=": (a, c), "<": (a, c - 1), "==": (c, c)}.get(e.op, (a, b))
        lo, hi = max(a, lo), min(b, hi)
        if lo > hi:
            return None
        out = list(box)
        out[i] = (lo, hi)
        return tuple(out)
    return box if _truth(e, box, rules) is not False else None
