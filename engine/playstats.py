"""What a scenario lets a trainee do, for its author: playthroughs, endings, extremes, coverage.

An author wants to know, before a trainee ever plays: how many different meetings can
happen, which endings a trainee can reach and how often someone clicking at random
does, the best and worst score per dimension and the path to each, decisions where
the choice doesn't matter for the score, and which parts are never seen.

Exact whenever the reachable state graph (``analysis.explore``) is complete: playthroughs
are counted by dynamic programming over the state DAG (a big integer, never sampled),
and a uniform random player's chance of each ending is computed by pushing probability
through the DAG in topological order. When the state space is too large, the numbers
come from random playthroughs instead and ``Stats.exact`` is False, so every report can
say so.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Optional

from .analysis import DEFAULT_MAX_STATES, OBJECTIVES, ZERO, StateGraph, explore, weight_vector
from .model import Scenario
from .rules import Rules, Snapshot

MAX_SAMPLE_STEPS = 10_000
LOOP_ROUNDS = 100_000
LOOP_EPSILON = 1e-12


@dataclass(frozen=True)
class Path:
    """A playthrough as the author wrote it: (node or prep:QUESTION, choice or option id) moves."""

    moves: tuple[tuple[str, str], ...]
    ending: Optional[str]
    totals: tuple[int, ...]  # per OBJECTIVES

    def total(self, objective: str) -> int:
        return self.totals[OBJECTIVES.index(objective)]


@dataclass
class Coverage:
    nodes_shown: set[str] = field(default_factory=set)
    choices_available: set[str] = field(default_factory=set)  # "NODE.CHOICE"
    endings_reached: set[str] = field(default_factory=set)


@dataclass
class Stats:
    scenario: Scenario
    exact: bool
    states: int = 0
    samples: int = 0
    playthroughs: Optional[int] = None  # None when the meeting can loop (or when sampled)
    distinct_sampled: int = 0
    loops: bool = False
    ending_odds: dict[str, float] = field(default_factory=dict)
    never_ends: float = 0.0  # chance a random player gets stuck (dead end) or loops forever
    best: dict[str, Path] = field(default_factory=dict)  # objective -> a path reaching the best total
    worst: dict[str, Path] = field(default_factory=dict)
    flat_decisions: list[tuple[str, str]] = field(default_factory=list)  # (node id, why)
    coverage: Coverage = field(default_factory=Coverage)
    decisions: tuple[int, float, Optional[int]] = (0, 0.0, 0)  # min, mean (random player), max
    seconds: float = 0.0


def analyze(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES, samples: int = 20_000,
            seed: int = 0) -> Stats:
    """Exact statistics when the state graph fits in ``max_states``, else ``samples`` random playthroughs."""
    started = time.perf_counter()
    graph = explore(scenario, max_states)
    if graph.complete and graph.exact:
        stats = _exact(graph)
    else:
        stats = _sampled(scenario, samples, seed)
        stats.states = graph.state_count
    stats.seconds = time.perf_counter() - started
    return stats


# -- exact, over the state graph ------------------------------------------------------
def _is_decision(s: Scenario, snap: Snapshot, edges: list) -> bool:
    return bool(edges) and snap.position in s.nodes and bool(s.nodes[snap.position].choices)


def _order(graph: StateGraph) -> tuple[list[Snapshot], bool]:
    """States reachable from the start in topological order, and whether a cycle was seen."""
    order: list[Snapshot] = []
    state: dict[Snapshot, int] = {}  # 1 = on the current path, 2 = done
    cyclic = False
    stack: list[tuple[Snapshot, int]] = [(graph.initial, 0)]
    state[graph.initial] = 1
    while stack:
        snap, i = stack.pop()
        edges = graph.edges.get(snap, [])
        if i < len(edges):
            stack.append((snap, i + 1))
            nxt = edges[i][2]
            mark = state.get(nxt)
            if mark == 1:
                cyclic = True
            elif mark is None:
                state[nxt] = 1
                stack.append((nxt, 0))
            continue
        state[snap] = 2
        order.append(snap)
    order.reverse()
    return order, cyclic


def _exact(graph: StateGraph) -> Stats:
    s = graph.scenario
    order, cyclic = _order(graph)
    stats = Stats(s, exact=True, states=len(order), loops=cyclic)
    cov = stats.coverage
    for snap in order:
        edges = graph.edges.get(snap, [])
        if snap.position in s.nodes:
            cov.nodes_shown.add(snap.position)
        elif snap.position in s.endings:
            cov.endings_reached.add(snap.position)
        if _is_decision(s, snap, edges):
            cov.choices_available.update(f"{snap.position}.{move}" for move, _, _ in edges)
    mass = _spread(graph, order, cyclic)
    for snap, m in mass.items():
        if not graph.edges.get(snap):
            if snap.position in s.endings:
                stats.ending_odds[snap.position] = stats.ending_odds.get(snap.position, 0.0) + m
            else:
                stats.never_ends += m
    if cyclic:
        stats.never_ends = max(0.0, 1.0 - sum(stats.ending_odds.values()))
    else:
        stats.playthroughs = _count(graph, order)
    stats.decisions = _decision_range(graph, order, mass, cyclic)
    for k, objective in enumerate(OBJECTIVES):
        stats.best[objective] = follow(graph, k, worst=False)
        stats.worst[objective] = follow(graph, k, worst=True)
    stats.flat_decisions = _flat(s, ((snap, graph.edges.get(snap, [])) for snap in order))
    return stats


def _count(graph: StateGraph, order: list[Snapshot]) -> int:
    count: dict[Snapshot, int] = {}
    for snap in reversed(order):
        edges = graph.edges.get(snap, [])
        count[snap] = sum(count[n] for _, _, n in edges) if edges else 1
    return count[graph.initial]


def _spread(graph: StateGraph, order: list[Snapshot], cyclic: bool) -> dict[Snapshot, float]:
    """Probability that a uniform random player passes through each state.

    On a DAG one pass in topological order is exact. With loops, mass keeps circulating;
    we push it round until what is still moving is negligible.
    """
    mass: dict[Snapshot, float] = {graph.initial: 1.0}
    if not cyclic:
        for snap in order:
            edges = graph.edges.get(snap, [])
            m = mass.get(snap, 0.0)
            if edges and m:
                share = m / len(edges)
                for _, _, nxt in edges:
                    mass[nxt] = mass.get(nxt, 0.0) + share
        return mass
    settled: dict[Snapshot, float] = {}
    moving = {graph.initial: 1.0}
    for _ in range(LOOP_ROUNDS):
        nxt_moving: dict[Snapshot, float] = {}
        for snap, m in moving.items():
            settled[snap] = settled.get(snap, 0.0) + m
            edges = graph.edges.get(snap, [])
            for _, _, nxt in edges:
                nxt_moving[nxt] = nxt_moving.get(nxt, 0.0) + m / len(edges)
        moving = nxt_moving
        if sum(moving.values()) < LOOP_EPSILON:
            break
    return settled


def _decision_range(graph: StateGraph, order: list[Snapshot], mass: dict[Snapshot, float],
                    cyclic: bool) -> tuple[int, float, Optional[int]]:
    s = graph.scenario
    lo: dict[Snapshot, int] = {}
    hi: dict[Snapshot, int] = {}
    for snap in reversed(order):
        edges = graph.edges.get(snap, [])
        here = 1 if _is_decision(s, snap, edges) else 0
        nexts = [n for _, _, n in edges if n in lo]
        lo[snap] = here + min((lo[n] for n in nexts), default=0)
        hi[snap] = here + max((hi[n] for n in nexts), default=0)
    mean = sum(m for snap, m in mass.items() if _is_decision(s, snap, graph.edges.get(snap, [])))
    return lo[graph.initial], mean, None if cyclic else hi[graph.initial]


def follow(graph: StateGraph, k: int, worst: bool = False) -> Path:
    """The path that reaches the best (or worst) total on objective ``k``."""
    table = graph.worst if worst else graph.best
    pick = min if worst else max
    overall = len(OBJECTIVES) - 1  # ties go to the better (worse) overall path: the one an author expects
    snap = graph.initial
    moves: list[tuple[str, str]] = []
    totals = list(ZERO)
    seen: set[Snapshot] = set()
    while graph.edges.get(snap) and snap not in seen:
        seen.add(snap)
        move, w, nxt = pick(graph.edges[snap], key=lambda e: (e[1][k] + table.get(e[2], ZERO)[k],
                                                             e[1][overall] + table.get(e[2], ZERO)[overall]))
        if move != "continue":
            moves.append((snap.position, move))
        totals = [a + b for a, b in zip(totals, w)]
        snap = nxt
    ending = snap.position if snap.position in graph.scenario.endings else None
    return Path(tuple(moves), ending, tuple(totals))


def _flat(s: Scenario, states) -> list[tuple[str, str]]:
    """Decision nodes where, in every state that shows them, all options on offer score alike."""
    offered_most: dict[str, int] = {}
    differs: set[str] = set()
    for snap, edges in states:
        if not _is_decision(s, snap, edges):
            continue
        nid = snap.position
        offered_most[nid] = max(offered_most.get(nid, 0), len(edges))
        if len({w for _, w, _ in edges}) > 1:
            differs.add(nid)
    out = []
    for nid in s.nodes:
        if nid in offered_most and nid not in differs:
            if offered_most[nid] == 1:
                out.append((nid, "only one choice is ever on offer here"))
            else:
                out.append((nid, "every choice on offer scores the same (they differ only in where they lead)"))
    return out


# -- sampled, when the state space is too large -----------------------------------------
def _sampled(s: Scenario, samples: int, seed: int) -> Stats:
    rules = Rules(s)
    rnd = random.Random(seed)
    stats = Stats(s, exact=False, samples=samples)
    cov = stats.coverage
    seen_paths: set[tuple[tuple[str, str], ...]] = set()
    ending_counts: dict[str, int] = {}
    stuck = 0
    counts: list[int] = []
    flat_states: list[tuple[Snapshot, list]] = []
    flat_seen: set[tuple[str, tuple]] = set()
    initial = rules.initial()
    for _ in range(samples):
        snap = initial
        moves: list[tuple[str, str]] = []
        totals = list(ZERO)
        decisions = 0
        for _ in range(MAX_SAMPLE_STEPS):
            options = rules.options(snap)
            if not options:
                break
            edges = [(m, weight_vector(score), n) for m, score, n in options]
            if snap.position in s.nodes:
                cov.nodes_shown.add(snap.position)
                if _is_decision(s, snap, edges):
                    decisions += 1
                    cov.choices_available.update(f"{snap.position}.{m}" for m, _, _ in edges)
                    key = (snap.position, tuple(sorted((m, w) for m, w, _ in edges)))
                    if key not in flat_seen:
                        flat_seen.add(key)
                        flat_states.append((snap, edges))
            move, w, nxt = edges[rnd.randrange(len(edges))]
            if move != "continue":
                moves.append((snap.position, move))
            totals = [a + b for a, b in zip(totals, w)]
            snap = nxt
        path = Path(tuple(moves), snap.position if snap.position in s.endings else None, tuple(totals))
        seen_paths.add(path.moves)
        counts.append(decisions)
        if path.ending is None:
            stuck += 1
            continue
        cov.endings_reached.add(path.ending)
        ending_counts[path.ending] = ending_counts.get(path.ending, 0) + 1
        for k, objective in enumerate(OBJECTIVES):
            if objective not in stats.best or totals[k] > stats.best[objective].totals[k]:
                stats.best[objective] = path
            if objective not in stats.worst or totals[k] < stats.worst[objective].totals[k]:
                stats.worst[objective] = path
    stats.ending_odds = {e: n / samples for e, n in ending_counts.items()}
    stats.never_ends = stuck / samples if samples else 0.0
    stats.distinct_sampled = len(seen_paths)
    if counts:
        stats.decisions = (min(counts), sum(counts) / len(counts), max(counts))
    stats.flat_decisions = _flat(s, flat_states)
    return stats
