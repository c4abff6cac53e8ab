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
from typing import Optional

from ..play.rules import Ops, Rules
from ..scenario.conditions import BoolOp, Compare, Condition, Const, Expr, Ref, three_valued
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
