"""Calm: at a provocation, where nothing could fire, a time-out only pauses the meeting.

The relaxed meeting (``relaxed``) lets a trigger fire after a time-out, as the live meeting
does. But a time-out at a provocation moves no mood: if no group reaction, trigger or ``auto``
held just before it, none holds after it, and the bound must not promise an interruption's
points to every playthrough that pauses there. A state is *calm* at such a decision (or at a
line that only goes on to one) when none of those conditions holds on it. What depends on a
state being calm holds for the moods on which those conditions stay false, so the search
narrows a region to them (``because`` gives them).
"""

from __future__ import annotations

from typing import Optional

from ..play.rules import Rules
from ..play.state import State
from ..scenario.conditions import Condition
from ..scenario.model import RETURN

_UNSEEN = object()


class Calm:
    """Which positions can be calm, and whether a state is."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self._at: dict[str, Optional[tuple]] = {}  # position -> what must be false there (``at``)
        self._last: tuple = (None, None)  # the last state ``because`` was asked about, and its answer

    def because(self, s: State) -> Optional[tuple[Condition, ...]]:
        """The conditions found false that make ``s`` calm (every group reaction and trigger not
        yet fired and every ``auto`` here), or None when it isn't calm or can't be."""
        redirects = self._at.get(s[0], _UNSEEN)
        if redirects is _UNSEEN:
            redirects = self.at(s[0])
        if redirects is None or s[10]:
            return None
        last, found = self._last
        if s is last:  # the search asks for one state's bound, then what held it (``holding``), then this
            return found
        fired, out, found = s[6], [], None
        for r, mark in redirects:
            if mark is not None and mark in fired:
                continue  # fired once: never again
            if r.guard(s):
                break
            out.append(r.when)
        else:
            found = tuple(out)
        self._last = (s, found)
        return found

    def at(self, position: str) -> Optional[tuple]:
        """What must be false at ``position`` for the meeting to be calm there: (redirect, its mark
        in ``fired``, None for an ``auto``). None where being calm makes no difference (``_matters``)."""
        found = self._at.get(position, _UNSEEN)
        if found is _UNSEEN:
            self._at[position] = None  # (a line that goes on in a circle)
            rules = self.rules
            found = None
            if self._matters(position):
                found = tuple([(r, r.trigger) for r in rules.reactions + rules.triggers] +
                              [(a, None) for a in rules.autos.get(position, ())])
            self._at[position] = found
        return found

    def _matters(self, position: str) -> bool:
        """Whether a calm place at ``position`` has fewer ways on than one at rest: a decision whose
        time-out moves no mood (a provocation's) where something could fire after it, or a line
        going on to one (or back from an interruption: somewhere). After a time-out that moves mood
        a trigger may fire whatever held before, so calm would change nothing there."""
        rules = self.rules
        timeout = rules.timeouts.get(position)
        if timeout is not None:
            return not timeout.ops and bool(rules.triggers or rules.autos.get(position))
        moves = rules.table.get(position, ())
        if len(moves) != 1 or moves[0].kind != "continue":
            return False
        return moves[0].dest == RETURN or self.at(moves[0].dest) is not None


__all__ = ["Calm"]
