"""How many of a decision's options can be on offer at the same time.

An author who writes two versions of an option — ``when: prep.mandaat`` and
``when: not prep.mandaat`` — writes seven options of which the trainee never sees more
than six. The window's promise (``lint.MAX_OPTIONS`` shown whole) is about what is shown
at once, so ``lint`` counts that: the options without a condition, plus the largest group
of conditional ones that could all hold together.

Two conditions are known never to hold together when no assignment of the names they read
satisfies both. The names are tried on the values that decide every comparison they are in
(each number compared with, one below and one above it; true and false for a flag, an
answer, a visit, someone away). That treats names as independent (``max.anger`` and
``ineke.anger`` may take any values), which only finds more assignments than a meeting can
have: a pair is called exclusive only when it truly is. A group of options that are pairwise
not exclusive may still never show together, so the count is an upper bound: a warning can
be too cautious, never missing.
"""

from __future__ import annotations

from itertools import combinations, product
from typing import Optional, Sequence

from .conditions import Compare, Condition, Const, Expr, Ref

MAX_TRIED = 4096  # assignments tried for one pair; beyond, the pair counts as possibly together
MAX_TRIED_PER_DECISION = 20_000  # over all its pairs: a file written to make lint slow gets no claim instead
MAX_GROUP = 12  # conditional options searched for the largest group that fits together; beyond, all count


def most_at_once(conditions: Sequence[Optional[Condition]]) -> int:
    """The most of these options (None: no condition) that can be on offer at the same time."""
    free = sum(1 for c in conditions if c is None)
    guarded = [c for c in conditions if c is not None]
    if len(guarded) > MAX_GROUP:
        return len(conditions)
    left = [MAX_TRIED_PER_DECISION]
    apart = {(i, j) for i, j in combinations(range(len(guarded)), 2)
             if not can_hold_together(guarded[i], guarded[j], left)}
    if not apart:
        return len(conditions)
    for size in range(len(guarded), 0, -1):
        for group in combinations(range(len(guarded)), size):
            if not any(pair in apart for pair in combinations(group, 2)):
                return free + size
    return free


def can_hold_together(a: Condition, b: Condition, left: Optional[list[int]] = None) -> bool:
    """False only when no values of the names ``a`` and ``b`` read make both true. ``left``: the
    assignments the caller can still afford (spent here); when too few, no claim (True)."""
    tried = _candidates(a.expr, b.expr)
    if tried is None:
        return True
    names = list(tried)
    total = 1
    for name in names:
        total *= len(tried[name])
        if total > MAX_TRIED or (left is not None and total > left[0]):
            return True
    if left is not None:
        left[0] -= total
    for values in product(*(tried[name] for name in names)):
        env = _Values(dict(zip(names, values)))
        try:
            if a(env) and b(env):
                return True
        except TypeError:  # a comparison these stand-in values can't make: no claim
            return True
    return False


class _Values:
    def __init__(self, values: dict):
        self._values = values

    def lookup(self, ref: Ref):
        return self._values[(ref.kind, ref.parts)]


def _candidates(*exprs: Expr) -> Optional[dict[tuple, list]]:
    """Per name read, the values worth trying; None when a comparison isn't of a name with a constant."""
    found: dict[tuple, set] = {}
    stack: list = list(exprs)
    while stack:
        e = stack.pop()
        if isinstance(e, Ref):
            found.setdefault((e.kind, e.parts), set()).update((0, 1) if e.is_numeric else (True, False))
        elif isinstance(e, Compare):
            left, right = e.left, e.right
            if isinstance(left, Const):
                left, right = right, left
            if not (isinstance(left, Ref) and isinstance(right, Const)):
                return None
            value = right.value
            tried = found.setdefault((left.kind, left.parts), set())
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                tried.update((value, not value) if isinstance(value, bool) else (value,))
            else:
                tried.update((value - 1, value, value + 1))
        elif isinstance(e, Const):
            continue
        else:  # not, and, or
            stack.extend(getattr(e, "operands", ()) or (e.operand,))
    out: dict[tuple, list] = {}
    for name, values in found.items():
        if len({type(v) for v in values}) > 1 and not all(isinstance(v, (int, float)) for v in values):
            return None  # a name compared with both text and numbers: no claim
        out[name] = sorted(values, key=repr)
    return out


__all__ = ["most_at_once", "can_hold_together"]
