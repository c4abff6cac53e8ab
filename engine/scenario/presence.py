"""Who may have left the meeting when a line is said, read from the graph alone.

A line's ``leaves`` takes residents out of the meeting (their meters freeze, effects on them
do nothing) until a later line ``rejoins`` them. Authoring advice that names a resident
("add effects: {henk: {anger: 1}}") should name one who is surely still there: advice about
someone who may have walked out may change nothing. A resident may be gone at a line when
some way leads there from a line that takes them out without passing one that brings them
back.
"""

from __future__ import annotations

from collections import deque

from .checks import successors
from .model import Scenario


def may_have_left(s: Scenario) -> dict[str, frozenset[str]]:
    """Per node, the residents who may be out of the meeting as its choices are made (its own
    ``leaves`` and ``rejoins`` applied: they take effect when the line is said)."""
    gone: dict[str, set[str]] = {nid: set() for nid in s.nodes}
    for origin, node in s.nodes.items():
        for rid in node.leaves:
            gone[origin].add(rid)
            queue, seen = deque(successors(s, origin)), {origin}
            while queue:
                nid = queue.popleft()
                if nid in seen or nid not in s.nodes:
                    continue
                seen.add(nid)
                if rid in s.nodes[nid].rejoins:
                    continue  # back in the meeting on this way
                gone[nid].add(rid)
                queue.extend(successors(s, nid))
    return {nid: frozenset(who) for nid, who in gone.items()}


__all__ = ["may_have_left"]
