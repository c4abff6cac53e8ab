"""Where the meeting can still go from a concrete state, ignoring conditions but not the
way interruptions come back.

``validate``'s aimed searches (``witness``) skip every move that can't lead to their goal.
Ignoring conditions, a mood trigger may fire after any choice, and an interruption's
``return`` was taken to lead to every line where one could have begun: so from anywhere,
everything seemed reachable, the searches pruned nothing, and a condition that can never
hold early in the evening (a resident's trust at 5 by the third decision) ran out of budget
and came out as "possibly never on offer".

An interruption is a call: it comes back to the line where it began. So each line has a
*frame reach* — what it leads to before its own frame's ``return`` (an interruption begun
on the way comes back into this frame, so what it shows counts, but its ``return`` does
not leave the frame) — and whether its frame can ``return`` at all. A state inside
interruptions carries where each one began (its stack): it can reach a line when its own
line's frame reaches it, or its frame can return and the line it returns to reaches it,
and so on down the stack. Every real playthrough stays inside this, so a move it rules out
is one no playthrough can use to get there.
"""

from __future__ import annotations

from typing import Callable, Optional

from ..play.state import State
from ..scenario.model import RETURN, Scenario


class Frames:
    """Per line (node or ending) of one scenario: what its frame reaches, and whether its
    frame can end in a ``return``."""

    def __init__(self, s: Scenario):
        nodes = s.nodes
        steps: dict[str, set[str]] = {}  # line -> the lines its frame goes to next
        calls: dict[str, set[str]] = {}  # line -> interruptions that may begin there
        direct: dict[str, bool] = {}  # line -> its own ways on include a ``return``
        interrupting = {t.goto for t in s.triggers if t.interrupts and t.goto != RETURN}
        plain_jumps = {t.goto for t in s.triggers if not t.interrupts}
        # Triggers fire right after a choice (at the line it leads to) and after a time-out (at
        # the decision itself): every line with choices, and every line a choice leads to.
        fires_at = {nid for nid, n in nodes.items() if n.choices} | \
                   {c.next for n in nodes.values() for c in n.choices if c.next in nodes}
        for nid, node in nodes.items():
            out = {a.goto for a in node.auto} | {c.next for c in node.choices}
            if node.next is not None:
                out.add(node.next)
            called: set[str] = set()
            if nid in fires_at:
                out |= plain_jumps
                called = set(interrupting)
            direct[nid] = RETURN in out
            out.discard(RETURN)
            steps[nid] = {x for x in out if x in nodes or x in s.endings}
            calls[nid] = {x for x in called if x in nodes or x in s.endings}
        for eid in s.endings:
            steps[eid], calls[eid], direct[eid] = set(), set(), False
        self.reach = _closure(steps, calls)
        self.returns = _can_return(steps, direct)

    def towards(self, goal: str) -> Callable[[State], bool]:
        """Whether a state can still get to ``goal`` (False: no playthrough from it can)."""
        reaching = frozenset(p for p, r in self.reach.items() if goal in r)
        returns, known = self.returns, self.reach

        def can(s: State) -> bool:
            position: Optional[str] = s[0]
            stack = s[8]
            depth = len(stack)
            while True:
                if position not in known:  # a preparation question: anything may follow
                    return True
                if position in reaching:
                    return True
                if not depth or not returns[position]:
                    return False
                depth -= 1
                position = stack[depth]
        return can


def _closure(steps: dict[str, set[str]], calls: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Least sets with reach(n) = {n} ∪ reach(m) for every step m ∪ reach(t) for every call t."""
    reach = {n: {n} for n in steps}
    changed = True
    while changed:
        changed = False
        for n in steps:
            mine = reach[n]
            before = len(mine)
            for m in steps[n]:
                mine |= reach[m]
            for t in calls[n]:
                mine |= reach[t]
            if len(mine) != before:
                changed = True
    return {n: frozenset(r) for n, r in reach.items()}


def _can_return(steps: dict[str, set[str]], direct: dict[str, bool]) -> dict[str, bool]:
    """Whether a ``return`` is reachable within the frame (not through a call: an
    interruption's own ``return`` comes back here)."""
    out = dict(direct)
    changed = True
    while changed:
        changed = False
        for n, nxt in steps.items():
            if not out[n] and any(out[m] for m in nxt):
                out[n] = changed = True
    return out


__all__ = ["Frames"]
