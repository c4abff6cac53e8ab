"""The scenario's reachable state graph and what is achievable from each state.

Exploring every reachable ``Snapshot`` (node + mood + flags + ...) honours all
conditions, mood thresholds and triggers, so "the best achievable total" is the best
over playable paths, not over the drawn graph. Values are computed per dimension and
for the overall sum, as maxima and minima, for every state: the game review's
Q(c) = w(c) + V(next) comes straight from these tables.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Mapping, Optional

from .abstraction import Abstraction
from .dimensions import DIMENSION_KEYS
from .model import Scenario
from .rules import Rules, Snapshot
from .state import Decision

OBJECTIVES = DIMENSION_KEYS + ("overall",)
N_DIMS = len(DIMENSION_KEYS)
DEFAULT_MAX_STATES = 200_000
EXACT_STATES = 5_000

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
    abstraction: Abstraction
    initial: Snapshot
    edges: dict[Snapshot, list[Edge]] = field(default_factory=dict)
    complete: bool = True
    dead_ends: list[Snapshot] = field(default_factory=list)
    back_edges: int = 0
    best: dict[Snapshot, Vector] = field(default_factory=dict)
    worst: dict[Snapshot, Vector] = field(default_factory=dict)
    exact: bool = True  # False: states were merged by mood band (see abstraction.band_key)
    max_states: int = DEFAULT_MAX_STATES

    def key(self, snap: Snapshot) -> Snapshot:
        """The graph's key for a real snapshot."""
        return self.abstraction.canonical(snap) if self.exact else self.abstraction.band_key(snap)

    def ensure(self, snap: Snapshot) -> Snapshot:
        """The key of a real snapshot, exploring from it first if the graph hasn't seen it."""
        key = self.key(snap)
        if key not in self.edges and self.complete:
            _expand(self, snap, self.max_states)
            _compute_values(self, key)
        return key

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
    return tuple(map(operator.add, a, b))


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES,
            exact_states: int = EXACT_STATES) -> StateGraph:
    """Visit every reachable state and compute best/worst values.

    Exact (states merged only when no future can tell them apart) up to
    ``exact_states``; beyond that, states are merged by mood band and the graph is
    marked ``exact=False``. ``complete`` is False when even that hit ``max_states``.
    """
    rules = Rules(scenario)
    abstraction = Abstraction(rules)
    start = rules.initial()
    graph = StateGraph(scenario, rules, abstraction, abstraction.canonical(start), max_states=max_states)
    _expand(graph, start, min(max_states, exact_states))
    if not graph.complete and max_states > exact_states:
        graph = StateGraph(scenario, rules, abstraction, abstraction.band_key(start), exact=False,
                           max_states=max_states)
        _expand(graph, start, max_states)
    _compute_values(graph, graph.initial)
    return graph


def _expand(graph: StateGraph, start: Snapshot, max_states: int) -> None:
    """Depth-first over real snapshots, recording edges between their keys."""
    rules, key, scenario = graph.rules, graph.key, graph.scenario
    stack = [start]
    while stack:
        real = stack.pop()
        here = key(real)
        if here in graph.edges:
            continue
        if len(graph.edges) >= max_states:
            graph.complete = False
            return
        edges = []
        for move, score, nxt in rules.options(real):
            nxt_key = key(nxt)
            edges.append((move, weight_vector(score), nxt_key))
            if nxt_key not in graph.edges:
                stack.append(nxt)
        graph.edges[here] = edges
        if not edges and real.position not in scenario.endings:
            graph.dead_ends.append(here)


def _compute_values(graph: StateGraph, root: Snapshot) -> None:
    """Post-order DP from ``root``; an edge back into the current path is ignored (counted)."""
    best, worst = graph.best, graph.worst
    on_path: set[Snapshot] = set()
    stack: list[tuple[Snapshot, bool]] = [(root, False)]
    while stack:
        snap, expanded = stack.pop()
        if expanded:
            on_path.discard(snap)
            hi: Optional[Vector] = None
            lo: Optional[Vector] = None
            for _, w, nxt in graph.edges.get(snap, []):
                if nxt not in best:  # back edge or unexplored
                    continue
                up = _add(w, best[nxt])
                down = _add(w, worst[nxt])
                hi = up if hi is None else tuple(map(max, hi, up))
                lo = down if lo is None else tuple(map(min, lo, down))
            best[snap] = hi if hi is not None else ZERO
            worst[snap] = lo if lo is not None else ZERO
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
    """The graph key of the state in which each decision was taken, plus the one after the last.

    Replays the real snapshots (lines without choices are followed automatically) and
    maps each to its key, exploring any state the graph hasn't met yet. ``None`` once
    the history leaves the scenario (it changed since the session was played).
    """
    rules = graph.rules
    real: Optional[Snapshot] = rules.initial()
    out: list[Optional[Snapshot]] = []
    for decision in list(history) + [None]:
        while real is not None:
            options = rules.options(real)
            if len(options) == 1 and options[0][0] == "continue":
                real = options[0][2]
                continue
            break
        out.append(graph.ensure(real) if real is not None else None)
        if decision is not None and real is not None:
            nxt = [o for o in rules.options(real) if o[0] == decision.choice_id]
            real = nxt[0][2] if nxt else None
    return out
