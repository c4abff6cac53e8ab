"""Checks that need the playable state space, not just the drawn graph.

A node can be wired up correctly and still strand a trainee: when every choice has a
condition and, in some mood, none of them holds. Exploring the reachable states finds
those dead ends, automatic transitions that loop, and endings or nodes that no
playthrough can reach under any mood.
"""

from __future__ import annotations

from ..scenario.errors import Problem
from ..scenario.model import Scenario
from .graph import explore


def _describe(snapshot_mood: tuple[int, ...], slots: list[tuple[str, str]]) -> str:
    return ", ".join(f"{rid}.{var}={value}" for (rid, var), value in zip(slots, snapshot_mood))


def check_playability(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    try:
        graph = explore(s)
    except RuntimeError as exc:  # automatic transitions that never settle
        return [Problem(s.path, 1, 1, str(exc))]
    reported: set[str] = set()
    for snap in graph.dead_ends:
        if snap.position in reported:
            continue
        reported.add(snap.position)
        node = s.nodes[snap.position]
        example = f" (e.g. with {_describe(snap.mood, graph.rules.slots)})" if graph.exact else ""
        out.append(Problem(
            s.path, node.pos.line, node.pos.column,
            f"node {node.id!r}: no choice is available in some playthroughs{example}; "
            "add a choice without 'when'"))
    if not (graph.complete and graph.exact):
        out.append(Problem(
            s.path, 1, 1,
            f"too many distinct situations to check every playthrough exactly ({graph.state_count} explored); "
            "dead ends were checked on a sample and unreachable endings not at all — fewer mood "
            "conditions or smaller mood scales make the check exact", "warning"))
        return out
    shown = graph.shown()
    for eid, ending in s.endings.items():
        if eid not in shown:
            out.append(Problem(s.path, ending.pos.line, ending.pos.column,
                               f"ending {eid!r} is never reached in any playthrough (conditions or mood "
                               "always lead elsewhere)", "warning"))
    for nid, node in s.nodes.items():
        if nid not in shown:
            out.append(Problem(s.path, node.pos.line, node.pos.column,
                               f"node {nid!r} is never shown in any playthrough (conditions or mood "
                               "always lead elsewhere)", "warning"))
    return out
