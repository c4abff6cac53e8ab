"""The scenario's reachable state graph and what is achievable from each state.

Exploring every reachable ``Snapshot`` (node + mood + flags + ...) honours all
conditions, mood thresholds and triggers, so "the best achievable total" is the best
over playable paths, not over the drawn graph. Values are computed per dimension and
for the overall sum, as maxima and minima, for every state: the game review's
Q(c) = w(c) + V(next) comes straight from these tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from .dimensions import DIMENSION_KEYS
from .model import Scenario
from .rules import Rules, Snapshot
from .state import Decision

OBJECTIVES = DIMENSION_KEYS + ("overall",)
N_DIMS = len(DIMENSION_KEYS)
DEFAULT_MAX_STATES = 200_000

Vector = tuple[int, ...]
Edge = tuple[str, Vector, Snapshot]


def weight_vector(score: Mapping[str, int]) -> Vector:
    dims = [score.get(k, 0) for k in DIMENSION_KEYS]
    return tuple(dims + [sum(dims)])


ZERO: Vector = (0,) * len(OBJECTIVES)


@dataclass
class StateGraph:
    scenario: Scenario
    rules: Rules
    initial: Snapshot
    edges: dict[Snapshot, list[Edge]] = field(default_factory=dict)
    complete: bool = True
    dead_ends: list[Snapshot] = field(default_factory=list)
    back_edges: int = 0
    best: dict[Snapshot, Vector] = field(default_factory=dict)
    worst: dict[Snapshot, Vector] = field(default_factory=dict)

    @property
    def state_count(self) -> int:
        return len(self.edges)

    def reachable_endings(self) -> set[str]:
        return {s.position for s in self.edges if s.position in self.scenario.endings}

    def best_totals(self) -> dict[str, int]:
        return dict(zip(OBJECTIVES, self.best[self.initial]))

    def worst_totals(self) -> dict[str, int]:
        return dict(zip(OBJECTIVES, self.worst[self.initial]))

    def q_values(self, snap: Snapshot) -> list[tuple[str, Vector, Vector, Vector]]:
        """Per move from ``snap``: (move, weights, best total through it, worst total through it)."""
        out = []
        for move, w, nxt in self.edges.get(snap, []):
            out.append((move, w, _add(w, self.best.get(nxt, ZERO)), _add(w, self.worst.get(nxt, ZERO))))
        return out

    def best_path(self, objective: str = "overall", worst: bool = False) -> list[tuple[Snapshot, str]]:
        """The moves of a path that maximises (or minimises) ``objective``."""
        k = OBJECTIVES.index(objective)
        snap = self.initial
        path: list[tuple[Snapshot, str]] = []
        seen: set[Snapshot] = set()
        while snap in self.edges and self.edges[snap] and snap not in seen:
            seen.add(snap)
            table = self.worst if worst else self.best
            pick = (min if worst else max)(
                self.edges[snap], key=lambda e: e[1][k] + table.get(e[2], ZERO)[k])
            path.append((snap, pick[0]))
            snap = pick[2]
        return path


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(x + y for x, y in zip(a, b))


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> StateGraph:
    """Visit every reachable state (up to ``max_states``) and compute best/worst values."""
    rules = Rules(scenario)
    graph = StateGraph(scenario, rules, rules.initial())
    stack = [graph.initial]
    while stack:
        snap = stack.pop()
        if snap in graph.edges:
            continue
        if len(graph.edges) >= max_states:
            graph.complete = False
            break
        edges = [(move, weight_vector(score), nxt) for move, score, nxt in rules.options(snap)]
        graph.edges[snap] = edges
        if not edges and snap.position not in scenario.endings:
            graph.dead_ends.append(snap)
        for _, _, nxt in edges:
            if nxt not in graph.edges:
                stack.append(nxt)
    _compute_values(graph)
    return graph


def _compute_values(graph: StateGraph) -> None:
    """Post-order DP; an edge back into the current path is ignored (counted in back_edges)."""
    best, worst = graph.best, graph.worst
    on_path: set[Snapshot] = set()
    stack: list[tuple[Snapshot, bool]] = [(graph.initial, False)]
    while stack:
        snap, expanded = stack.pop()
        if expanded:
            on_path.discard(snap)
            hi: Optional[list[int]] = None
            lo: Optional[list[int]] = None
            for _, w, nxt in graph.edges.get(snap, []):
                if nxt not in best:  # back edge or unexplored
                    continue
                up = _add(w, best[nxt])
                down = _add(w, worst[nxt])
                hi = list(up) if hi is None else [max(a, b) for a, b in zip(hi, up)]
                lo = list(down) if lo is None else [min(a, b) for a, b in zip(lo, down)]
            best[snap] = tuple(hi) if hi is not None else ZERO
            worst[snap] = tuple(lo) if lo is not None else ZERO
            continue
        if snap in best:
            continue
        on_path.add(snap)
        stack.append((snap, True))
        for _, _, nxt in graph.edges.get(snap, []):
            if nxt in on_path:
                graph.back_edges += 1
            elif nxt not in best:
                stack.append((nxt, False))


def snapshots_along(graph: StateGraph, history: list[Decision]) -> list[Optional[Snapshot]]:
    """The snapshot in which each decision was taken, plus the one after the last.

    Lines without choices are followed automatically; ``None`` once the history leaves
    the explored graph (a scenario changed since the session was played).
    """
    rules = graph.rules
    snap: Optional[Snapshot] = graph.initial
    out: list[Optional[Snapshot]] = []
    for decision in list(history) + [None]:
        while snap is not None:
            options = rules.options(snap)
            if len(options) == 1 and options[0][0] == "continue":
                snap = options[0][2]
                continue
            break
        out.append(snap)
        if decision is not None and snap is not None:
            nxt = [o for o in rules.options(snap) if o[0] == decision.choice_id]
            snap = nxt[0][2] if nxt else None
    return out
