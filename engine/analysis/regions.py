"""Regions of mood in which a meeting's future is the same.

A condition such as ``ineke.trust >= 6`` gives the same answer for trust 6, 7, 8, 9 and 10.
When the search values a state, it notes every condition it evaluated on the way and
narrows a *region* — an interval per mood slot around the state's mood — to the moods
for which each of those conditions keeps its answer. Any state at the same place whose
mood lies in that region offers the same moves, lands in the same places and so has the
same value: valued once, it is known for the whole region. A scenario with three
residents on 0..10 scales has over a million moods but, as trainers write them, only a
handful of regions per line.

Intervals stay intervals through a move: a move adds fixed amounts to slots and clamps
them to the scale, which is a non-decreasing function of the value before, so the moods
that end up inside an interval after the move form an interval before it (``Preimages``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import lshift
from typing import Any, Callable, Optional, Sequence

from ..play.rules import Ops
from ..play.state import State
from ..scenario.conditions import MIRRORED, BoolOp, Compare, Condition, Const, Expr, Not, Ref

Bounds = list[int]  # one value per mood slot
Narrow = Callable[[State, Bounds, Bounds], Any]  # narrows, returns the expression's value
_SET_FIELD = {"flag": 2, "prep": 3, "chose": 4, "visited": 5, "away": 7}  # State fields


class Regions:
    """Narrowing regions for one scenario's conditions (slots as in its ``Rules``)."""

    def __init__(self, slot_index: dict[tuple[str, str], int], slots: Sequence[tuple[str, str]],
                 minimum: Sequence[int], maximum: Sequence[int]):
        self.slot_index = slot_index
        self.slots = slots
        self.minimum = tuple(minimum)
        self.maximum = tuple(maximum)
        self._compiled: dict[str, Narrow] = {}  # per condition text

    def full(self) -> tuple[Bounds, Bounds]:
        return list(self.minimum), list(self.maximum)

    def narrow(self, cond: Optional[Condition], s: State, lo: Bounds, hi: Bounds) -> None:
        """Shrink [lo, hi] so that ``cond`` answers on every mood in it as it does on ``s``
        (``None``: a group reaction moved the mood; see ``MoveNote``)."""
        if cond is not None:
            self.narrower(cond)(s, lo, hi)

    def narrower(self, cond: Condition) -> Narrow:
        """``narrow`` for one condition, compiled once: the search calls it for every condition
        the rules evaluate, hundreds of thousands of times a question."""
        fn = self._compiled.get(cond.source)
        if fn is None:
            fn = self._compiled[cond.source] = self._compile(cond.expr)[1]
        return fn

    # -- compiled: per expression a test (its value on a state) and a narrowing (the same value,
    # narrowing [lo, hi] as ``_expr`` does); shapes trainers write are specialised, the rest interpreted.
    def _compile(self, e: Expr) -> tuple[Callable[[State], Any], Narrow]:
        if isinstance(e, Const):
            value = e.value
            return (lambda s: value), (lambda s, lo, hi: value)
        if isinstance(e, Ref) and e.kind == "mood":
            i = self.slot_index[(e.parts[0], e.parts[1])]

            def pin(s: State, lo: Bounds, hi: Bounds) -> int:
                v = lo[i] = hi[i] = s[1][i]  # a bare number: only this very value gives it
                return v
            return (lambda s: s[1][i]), pin
        if isinstance(e, Ref) and e.kind not in ("max", "min"):
            at, name = _SET_FIELD[e.kind], e.parts[0] if e.kind != "chose" else ".".join(e.parts[:2])
            return (lambda s: name in s[at]), (lambda s, lo, hi: name in s[at])
        if isinstance(e, Not):
            test, inner = self._compile(e.operand)
            return (lambda s: not test(s)), (lambda s, lo, hi: not inner(s, lo, hi))
        if isinstance(e, BoolOp):
            return self._compile_bool(e)
        if isinstance(e, Compare):
            op, left, right = e.op, e.left, e.right
            if isinstance(left, Const) and not isinstance(right, Const):
                op, left, right = MIRRORED[op], right, left
            if isinstance(right, Const) and isinstance(left, Ref) and left.kind == "mood" \
                    and type(right.value) is int:
                return self._compile_threshold(self.slot_index[(left.parts[0], left.parts[1])], op, right.value)
        return (lambda s: self._expr(e, s, self.full()[0], self.full()[1])), \
            (lambda s, lo, hi: self._expr(e, s, lo, hi))

    def _compile_bool(self, e: BoolOp) -> tuple[Callable[[State], Any], Narrow]:
        # As ``_bool``: an 'and' that holds narrows by every part; one that fails only by its
        # first failing part ('or' the other way round).
        parts = [self._compile(o) for o in e.operands]
        tests = tuple(t for t, _ in parts)
        narrows = tuple(n for _, n in parts)
        decisive = e.op == "or"
        if decisive:
            def test(s: State) -> bool:
                return any(t(s) for t in tests)
        else:
            def test(s: State) -> bool:
                return all(t(s) for t in tests)

        def narrow(s: State, lo: Bounds, hi: Bounds) -> bool:
            for t, n in zip(tests, narrows):
                if bool(t(s)) == decisive:
                    n(s, lo, hi)
                    return decisive
            for n in narrows:
                n(s, lo, hi)
            return not decisive
        return test, narrow

    def _compile_threshold(self, i: int, op: str, c: int) -> tuple[Callable[[State], Any], Narrow]:
        """``slot OP c``: narrow slot ``i`` to the values on the same side of ``c`` (as ``_threshold``)."""
        if op in (">=", ">", "<=", "<"):
            up = op in (">=", ">")
            edge = (c if op == ">=" else c + 1) if up else (c if op == "<=" else c - 1)
            if up:  # holds from ``edge`` up
                def narrow(s: State, lo: Bounds, hi: Bounds) -> bool:
                    if s[1][i] >= edge:
                        if lo[i] < edge:
                            lo[i] = edge
                        return True
                    if hi[i] >= edge:
                        hi[i] = edge - 1
                    return False
                return (lambda s: s[1][i] >= edge), narrow

            def narrow_down(s: State, lo: Bounds, hi: Bounds) -> bool:  # holds up to ``edge``
                if s[1][i] <= edge:
                    if hi[i] > edge:
                        hi[i] = edge
                    return True
                if lo[i] <= edge:
                    lo[i] = edge + 1
                return False
            return (lambda s: s[1][i] <= edge), narrow_down
        equal_holds = op == "=="

        def narrow_eq(s: State, lo: Bounds, hi: Bounds) -> bool:
            v = s[1][i]
            if v == c:
                lo[i] = hi[i] = c
                return equal_holds
            if v < c:
                if hi[i] >= c:
                    hi[i] = c - 1
            elif lo[i] <= c:
                lo[i] = c + 1
            return not equal_holds
        return ((lambda s: s[1][i] == c) if equal_holds else (lambda s: s[1][i] != c)), narrow_eq

    # -- per expression: returns its value on ``s`` and narrows the region to keep it ----------
    def _expr(self, e: Expr, s: State, lo: Bounds, hi: Bounds):
        if isinstance(e, Const):
            return e.value
        if isinstance(e, Ref):
            if e.kind == "mood":
                i = self.slot_index[(e.parts[0], e.parts[1])]
                lo[i] = hi[i] = s[1][i]  # a bare number: only this very value gives it
                return s[1][i]
            if e.kind in ("max", "min"):
                for i in self._present(e.parts[0], s):
                    lo[i] = hi[i] = s[1][i]
                return self._extreme(e, s)
            return self._flag(e, s)  # flags and the like: part of the key, not of the region
        if isinstance(e, Not):
            return not self._truth(e.operand, s, lo, hi)
        if isinstance(e, BoolOp):
            return self._bool(e, s, lo, hi)
        if isinstance(e, Compare):
            return self._compare(e, s, lo, hi)
        raise TypeError(f"not a condition expression: {e!r}")

    def _truth(self, e: Expr, s: State, lo: Bounds, hi: Bounds) -> bool:
        return bool(self._expr(e, s, lo, hi))

    def _bool(self, e: BoolOp, s: State, lo: Bounds, hi: Bounds) -> bool:
        # An 'and' that holds needs every part to keep holding; one that fails only needs the
        # first failing part to keep failing (and 'or' the other way round).
        decisive = e.op == "or"
        for part in e.operands:
            trial_lo, trial_hi = list(lo), list(hi)
            if self._truth(part, s, trial_lo, trial_hi) == decisive:
                lo[:], hi[:] = trial_lo, trial_hi
                return decisive
        for part in e.operands:
            self._truth(part, s, lo, hi)
        return not decisive

    def _compare(self, e: Compare, s: State, lo: Bounds, hi: Bounds) -> bool:
        op, left, right = e.op, e.left, e.right
        if isinstance(left, Const) and not isinstance(right, Const):
            op, left, right = MIRRORED[op], right, left
        if isinstance(right, Const) and isinstance(left, Ref):
            c = right.value
            if left.kind == "mood":
                i = self.slot_index[(left.parts[0], left.parts[1])]
                return self._threshold(i, op, c, s[1][i], lo, hi)
            if left.kind in ("max", "min"):
                return self._extreme_threshold(left, op, c, s, lo, hi)
        # Anything else (two references compared, a flag compared with a number): pin what it reads.
        value = _COMPARE[op](self._expr(left, s, lo, hi), self._expr(right, s, lo, hi))
        return value

    def _threshold(self, i: int, op: str, c, v: int, lo: Bounds, hi: Bounds) -> bool:
        """Narrow slot ``i`` to the values on the same side of ``c`` as ``v``."""
        if op in (">=", ">", "<=", "<"):
            at_least = c if op == ">=" else c + 1 if op == ">" else None
            at_most = c if op == "<=" else c - 1 if op == "<" else None
            if at_least is not None:
                holds = v >= at_least
                if holds:
                    lo[i] = max(lo[i], at_least)
                else:
                    hi[i] = min(hi[i], at_least - 1)
            else:
                holds = v <= at_most  # type: ignore[operator]
                if holds:
                    hi[i] = min(hi[i], at_most)  # type: ignore[type-var]
                else:
                    lo[i] = max(lo[i], at_most + 1)  # type: ignore[operator]
            return holds
        equal = v == c
        if equal:
            lo[i] = max(lo[i], c)
            hi[i] = min(hi[i], c)
        elif v < c:
            hi[i] = min(hi[i], c - 1)
        else:
            lo[i] = max(lo[i], c + 1)
        return equal if op == "==" else not equal

    def _extreme_threshold(self, ref: Ref, op: str, c, s: State, lo: Bounds, hi: Bounds) -> bool:
        """``max.VAR OP c`` / ``min.VAR OP c`` as the 'or' / 'and' over the residents present."""
        present = self._present(ref.parts[0], s)
        if op in ("==", "!="):
            for i in present:
                lo[i] = hi[i] = s[1][i]
            return _COMPARE[op](self._extreme(ref, s), c)
        # max >= c: some slot >= c (an 'or'); max <= c: every slot <= c (an 'and'); min the other way.
        any_of = (ref.kind == "max") == (op in (">=", ">"))
        results = [(i, _COMPARE[op](s[1][i], c)) for i in present]
        holds = any(r for _, r in results) if any_of else all(r for _, r in results)
        if any_of and holds or not any_of and not holds:
            i = next(i for i, r in results if r == holds)  # one witness keeps the answer
            self._threshold(i, op, c, s[1][i], lo, hi)
        else:
            for i, _ in results:
                self._threshold(i, op, c, s[1][i], lo, hi)
        return holds

    def _present(self, var: str, s: State) -> list[int]:
        idx = [i for i, (who, v) in enumerate(self.slots) if v == var]
        here = [i for i in idx if self.slots[i][0] not in s[7]]
        return here or idx

    def _extreme(self, ref: Ref, s: State) -> int:
        values = [s[1][i] for i in self._present(ref.parts[0], s)]
        return max(values) if ref.kind == "max" else min(values)

    def _flag(self, e: Ref, s: State) -> bool:
        kind, parts = e.kind, e.parts
        if kind == "flag":
            return parts[0] in s[2]
        if kind == "prep":
            return parts[0] in s[3]
        if kind == "chose":
            return f"{parts[0]}.{parts[1]}" in s[4]
        if kind == "visited":
            return parts[0] in s[5]
        return parts[0] in s[7]  # away


class Preimages:
    """``before`` for one scenario: the region of moods a move takes into a given region."""

    def __init__(self, minimum: Sequence[int], maximum: Sequence[int]):
        self.minimum, self.maximum = tuple(minimum), tuple(maximum)
        self._tables: dict[tuple, list[tuple[int, tuple[int, ...]]]] = {}

    def before(self, ops: Ops, away: frozenset, lo: Bounds, hi: Bounds) -> tuple[Bounds, Bounds]:
        """The region of moods that a move with these effects takes into [lo, hi]."""
        if not ops:
            return lo, hi
        key = (ops, away)
        tables = self._tables.get(key)
        if tables is None:
            tables = self._tables[key] = self._make(ops, away)
        lo, hi = list(lo), list(hi)
        for i, after in tables:
            # ``after`` maps each value (from the scale's minimum) to the value after the move;
            # non-decreasing, so the values landing in [lo, hi] are one run (never empty: the
            # state's own value lands there).
            base = self.minimum[i]
            lo[i] = base + bisect_left(after, lo[i])
            hi[i] = base + bisect_right(after, hi[i]) - 1
        return lo, hi

    def _make(self, ops: Ops, away: frozenset) -> list[tuple[int, tuple[int, ...]]]:
        steps: dict[int, list[tuple[int, int, int]]] = {}
        for i, delta, low, high, who in ops:
            if who not in away:
                steps.setdefault(i, []).append((delta, low, high))
        out = []
        for i, chain in steps.items():
            after = []
            for v in range(self.minimum[i], self.maximum[i] + 1):
                for delta, low, high in chain:
                    v = min(high, max(low, v + delta))
                after.append(v)
            out.append((i, tuple(after)))
        return out


_COMPARE = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


class Boxes:
    """Moods and regions packed into one integer each, so "is this mood inside that region?"
    is two subtractions and two masks instead of a comparison per slot: the search asks it
    for every remembered region at a place, many times per state.

    Each slot gets a field of ``width`` bits holding its value minus the scale's minimum,
    with one guard bit above it. For a field, (m + guard) - lo keeps its guard bit exactly
    when m >= lo, and never borrows from the next field, so one mask over all guard bits
    tests every slot at once (and likewise (hi + guard) - m for m <= hi).
    """

    def __init__(self, minimum: Sequence[int], maximum: Sequence[int]):
        span = max((b - a for a, b in zip(minimum, maximum)), default=0)
        self.width = max(1, span.bit_length()) + 1  # the value's bits and the guard bit
        self.minimum = tuple(minimum)
        guard = 0
        for i in range(len(self.minimum)):
            guard |= 1 << (i * self.width + self.width - 1)
        self.guard = guard
        self._shifts = tuple(i * self.width for i in range(len(self.minimum)))
        self._offset = sum(low << shift for low, shift in zip(self.minimum, self._shifts))

    def pack(self, values: Sequence[int]) -> int:
        # sum((v - low) << shift) == sum(v << shift) - sum(low << shift): one pass in C
        return sum(map(lshift, values, self._shifts)) - self._offset

    def region(self, lo: Sequence[int], hi: Sequence[int]) -> tuple[int, int]:
        """(packed lo, packed hi with its guard bits): a mood ``m`` lies in the region exactly
        when ``((pack(m) | guard) - lo) & guard == guard`` and ``(hi - pack(m)) & guard == guard``."""
        return self.pack(lo), self.pack(hi) | self.guard


class MoveNote:
    """Hears the conditions evaluated while a move settles and narrows the move's region
    (``lo``/``hi``, fresh for each move from ``start``), in the coordinates of the mood the
    move leads to.

    A group reaction that fires between the move and its triggers (a ``None``: the state
    heard is the one after it) moves the mood once more, so what was heard before it is in
    the coordinates of the mood before the reaction. That region is put aside in ``reacted``
    with the reaction's effects, and ``lo``/``hi`` start afresh for the mood after it;
    ``carry_back`` takes the region of where the move led back through every reaction.
    (Valuing such a state at its own mood only, as before, made every state with a reaction
    still to come below it a region of one mood: no memo at all where reactions can fire.)
    One per solver: a move settles before the next search starts."""

    __slots__ = ("regions", "lo", "hi", "reacted", "_reactions", "_last")

    def __init__(self, regions: Regions, reactions: Sequence[Ops]):
        self.regions, self.lo, self.hi = regions, [], []
        self.reacted: list[tuple[Ops, frozenset, list, list]] = []
        self._reactions = tuple(reactions)  # per group reaction, its effects
        self._last: Optional[State] = None

    def start(self) -> tuple[list, list, list]:
        """A fresh region (every mood) and list of reactions for the next move."""
        self.lo, self.hi, self.reacted = self.regions.full() + ([],)
        return self.lo, self.hi, self.reacted

    def __call__(self, cond: Optional[Condition], s: State) -> None:
        if cond is None:
            # The reaction is the one marked in ``fired`` since the last condition (its own) was heard.
            mark = next(k for k in s[6] - self._last[6] if k < 0)  # type: ignore[index]
            self.reacted.append((self._reactions[-1 - mark], s[7], self.lo[:], self.hi[:]))
            self.lo[:], self.hi[:] = self.regions.full()
        else:
            self.regions.narrower(cond)(s, self.lo, self.hi)
        self._last = s


def carry_back(preimages: "Preimages", reacted: Sequence[tuple[Ops, frozenset, list, list]],
               lo: list, hi: list) -> tuple[list, list]:
    """The region [lo, hi] of the mood after a move's group reactions (``MoveNote.reacted``),
    taken back to the mood before them: through each reaction's effects, last first, and
    within what was heard before it."""
    for ops, away, before_lo, before_hi in reversed(reacted):
        lo, hi = preimages.before(ops, away, lo, hi) if ops else (list(lo), list(hi))
        meet(lo, hi, before_lo, before_hi)
    return lo, hi


def meet(lo: list, hi: list, other_lo, other_hi) -> None:
    """Narrow [lo, hi] to its overlap with [other_lo, other_hi]."""
    for i, (a, b) in enumerate(zip(other_lo, other_hi)):
        if a > lo[i]:
            lo[i] = a
        if b < hi[i]:
            hi[i] = b
