"""Where a random playthrough that went round without end got stuck for good.

A playthrough that makes more than ``Rules.most_moves`` without an ending is going round. From
where it ended, every situation it can still reach is listed (at most ``TRAP_STATES``): when none
is an ending, the loop has no way out, and the moves into it are the witness ``playability``
replays and quotes. Kept apart from ``playability`` because it needs only the rules and the
liveness keys, not that module's witnesses and proofs.
"""

from __future__ import annotations

from collections import deque
from typing import Optional

from ..play.rules import Move, Rules
from .liveness import Liveness

TRAP_STATES = 4_000  # situations listed from where a playthrough went round, to prove it can't get out


def trap_on(rules: Rules, live: Liveness, path: list[Move]) -> Optional[tuple[bool, list[Move]]]:
    """Where a playthrough that went round (``path``) entered situations it can never leave for
    an ending: (True, the moves up to there) when every situation reachable from where it ended
    was listed and none is an ending; (False, the moves up to where it began going round) when
    there were too many to list; None when an ending can be reached after all (a long way round)."""
    key, endings = live.key, rules.scenario.endings
    states = [rules.initial()]
    for move in path:
        states.append(rules.step(states[-1], move))
    region = {key(states[-1])}
    queue = deque([states[-1]])
    while queue:
        s = queue.popleft()
        moves = rules.moves(s)
        if not moves and s[0] in endings:
            return None
        for move in moves:
            nxt = rules.step(s, move)
            k = key(nxt)
            if k not in region:
                if len(region) >= TRAP_STATES:
                    seen: set = set()
                    first = next(i for i, st in enumerate(states) if key(st) in seen or seen.add(key(st)))
                    return False, path[:first]
                region.add(k)
                queue.append(nxt)
    first = next(i for i, st in enumerate(states) if key(st) in region)
    return True, path[:first]
