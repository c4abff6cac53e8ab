"""Can it happen at all? A search for one playthrough that reaches a line (where a condition
holds, or where no move is offered), for ``validate``'s findings.

The same real states, regions of mood and memo as the value search (``search``), with
"reached" as the only value: a region of moods where the goal was out of reach is never
searched again, and a found playthrough is the witness a finding quotes, replayed through
the live session's rules.
"""

from __future__ import annotations

import sys
from typing import Callable, Optional

from ..play.rules import CONTINUE, Move, Rules
from ..play.state import State
from ..scenario.conditions import Condition
from .liveness import liveness_of
from .regions import MoveNote, Preimages, Regions, carry_back, meet
from .search import BudgetExceeded


class Witnesses:
    """Answers "can a playthrough get there?" about one scenario."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.liveness = liveness_of(rules)
        minimum, maximum = [v.minimum for v in rules.variables], [v.maximum for v in rules.variables]
        self.regions = Regions(rules.slot_index, rules.slots, minimum, maximum)
        self.preimages = Preimages(minimum, maximum)
        self._note = MoveNote(self.regions, rules.reaction_ops)
        self.searched = 0  # states searched so far, over all questions
        self._limit = 0

    def witness(self, goal: str, cond: Optional[Condition] = None, stuck: bool = False,
                towards: Optional[Callable[[State], bool]] = None,
                budget: int = 50_000) -> tuple[Optional[bool], list[Move]]:
        """Can a playthrough reach a state at position ``goal`` where ``cond`` holds (or, with
        ``stuck``, where no move is offered)? (True, its moves) / (False, []) / (None, []) when
        the budget ran out. ``towards``: False for a state from which no playthrough can get
        to ``goal`` (``frames``); the search never enters one. The same search, regions and
        memo as for values, with "reached" as the only value: a region where the goal was out
        of reach is never searched again."""
        self._limit = self.searched + budget
        memo: dict = {}
        needed = 4 * len(self.rules.table) + 200
        if sys.getrecursionlimit() < needed:
            sys.setrecursionlimit(needed)
        try:
            found, _, _, path = self._reach(self.rules.initial(), goal, cond, stuck, towards, memo, set())
        except BudgetExceeded:
            return None, []
        return (True, path[::-1]) if found else (False, [])

    def _reach(self, s: State, goal: str, cond: Optional[Condition], stuck: bool,
               towards: Optional[Callable[[State], bool]],
               memo: dict, on_path: set) -> tuple[bool, list, list, list]:
        rules, regions = self.rules, self.regions
        lo, hi = regions.full()
        note = lambda c, st: regions.narrow(c, st, lo, hi)  # noqa: E731
        taken: list[Move] = []
        moves = rules.moves(s, note)
        while len(moves) == 1 and moves[0].kind == CONTINUE and s[0] != goal and len(taken) <= rules.most_lines:
            taken.append(moves[0])
            s = rules.step(s, moves[0], note)
            moves = rules.moves(s, note)
        if s[0] == goal:
            hit = not moves if stuck else (cond is None or self._holds(cond, s, lo, hi))
            if hit:
                return True, lo, hi, taken[::-1]
        place = self.liveness.place(s)
        mood = s[1]
        for elo, ehi in memo.get(place, ()):
            if all(a <= v <= b for a, v, b in zip(elo, mood, ehi)):
                meet(lo, hi, elo, ehi)
                return False, lo, hi, []
        here = (place, mood)
        if not moves or here in on_path:
            return False, ([*mood] if moves else lo), ([*mood] if moves else hi), []
        self.searched += 1
        if self.searched > self._limit:
            raise BudgetExceeded()
        on_path.add(here)
        looped = False
        child = self._note
        for m in moves:
            clo, chi, reacted = child.start()
            nxt = rules.step(s, m, child)
            if towards is None or towards(nxt):
                found, vlo, vhi, path = self._reach(nxt, goal, cond, stuck, towards, memo, on_path)
                if found:
                    on_path.discard(here)
                    return True, lo, hi, path + [m] + taken[::-1]
                looped = looped or vlo == list(nxt[1]) == vhi
                meet(clo, chi, vlo, vhi)
            if reacted:  # back through the group reactions the move set off (``MoveNote``)
                clo, chi = carry_back(self.preimages, reacted, clo, chi)
            blo, bhi = self.preimages.before(m.ops, s[7], clo, chi)
            meet(lo, hi, blo, bhi)
        on_path.discard(here)
        if looped:
            lo[:], hi[:] = list(mood), list(mood)
        memo.setdefault(place, []).append((tuple(lo), tuple(hi)))
        return False, lo, hi, []

    def _holds(self, cond: Condition, s: State, lo: list, hi: list) -> bool:
        """Whether ``cond`` holds in ``s``, narrowing [lo, hi] to where it answers the same."""
        self.regions.narrow(cond, s, lo, hi)
        return bool(self.rules.test(cond)(s))


__all__ = ["Witnesses"]
