"""Ceilings: the moods that triggers need, followed as a most-they-can-reach.

Forgetting mood entirely (``relaxed``) makes a bound promise the points of every
interruption to every playthrough. A ceiling follows one such mood: where it starts, and
the most each move can raise it, never lowering it; a trigger or ``auto`` needing more of
it than the ceiling allows is not on offer. Every real playthrough stays under its
ceiling, so the bound stays admissible and gets tighter.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from ..play.rules import Ops, Rules
from ..scenario.conditions import MIRRORED, BoolOp, Compare, Const, Expr, Ref


class Ceiling(NamedTuple):
    """A mood some trigger needs, followed as a ceiling: ``sign`` times the highest of ``slots``."""

    slots: tuple[int, ...]
    sign: int  # 1: the condition needs it high (``>=``); -1: low (``<=``)
    cap: int  # the most a trigger asks of it: at or above this nothing is held back
    per_timeout: int  # the most one time-out outside a provocation raises it
    triggers: frozenset[int] = frozenset()  # the triggers that need it: once all have fired, it holds nothing back

    def holds_back(self, top: int, fired: frozenset) -> bool:
        """Whether a ceiling at ``top`` can still keep something off the table."""
        return top < self.cap and not self.triggers <= fired


def ceilings(rules: Rules) -> list[Ceiling]:
    """One per mood (a slot, or the highest/lowest of a variable) that a trigger's condition
    needs above (or below) some value; none for a mood a group reaction can push that way,
    as reactions are not followed here."""
    s = rules.scenario
    wanted: dict[tuple[tuple[int, ...], int], int] = {}
    needing: dict[tuple[tuple[int, ...], int], set[int]] = {}
    for k, t in enumerate(s.triggers):
        for slots, sign, need in _atoms(t.when.expr, rules):
            wanted[(slots, sign)] = max(wanted.get((slots, sign), need), need)
            needing.setdefault((slots, sign), set()).add(k)
    pushed = rules.reaction_ops
    cost = rules._ops(s.timeout.cost)
    out = []
    for (slots, sign), cap in sorted(wanted.items()):
        probe = Ceiling(slots, sign, 0, 0)
        if any(rise_of(ops, probe) > 0 for ops in pushed):
            continue
        out.append(Ceiling(slots, sign, cap, rise_of(cost, probe), frozenset(needing[(slots, sign)])))
    return out


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
        op, left, right = MIRRORED[op], right, left
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


def rise_of(ops: Ops, c: Ceiling) -> int:
    """The most a move's effects raise ``sign`` times the highest of the ceiling's slots."""
    per: dict[int, int] = {}
    for i, delta, _, _, _ in ops:
        if i in c.slots and c.sign * delta > 0:
            per[i] = per.get(i, 0) + c.sign * delta
    return max(per.values(), default=0)


UNKNOWN = object()


__all__ = ["Ceiling", "ceilings", "requirement", "rise_of", "UNKNOWN"]
