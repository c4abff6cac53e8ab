"""What a scenario lets a trainee do, for its author: playthroughs, endings, extremes, coverage.

An author wants to know, before a trainee ever plays: how many different meetings can
happen, which endings a trainee can reach and how often someone clicking at random
does, the best and worst score per dimension and the path to each, decisions where
the choice doesn't matter for the score, and which parts are never seen.

Exact whenever the reachable state graph (``analysis.explore``) is complete: playthroughs
are counted by dynamic programming over the state DAG (never sampled; past
``PLAYTHROUGH_CAP`` only "more than" that is kept, as the exact number of a long meeting
runs to thousands of digits and costs time quadratic in its length), and a uniform
random player's chance of each ending is computed by pushing probability through the
DAG in topological order. When the state space is too large, the numbers come from
random playthroughs instead and ``Stats.exact`` is False, so every report can
say so.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Optional

from ..play.rules import Rules, Snapshot
from ..scenario.model import Scenario
from .gcpause import paused_gc
from .graph import DEFAULT_MAX_STATES, OBJECTIVES, ZERO, StateGraph, Vector, explore, weight_vector
from .playwalk import Numbered, number, packed_values, values, walk, walk_all, walk_all_packed

MAX_SAMPLE_STEPS = 10_000
LOOP_ROUNDS = 100_000
LOOP_EPSILON = 1e-12
PLAYTHROUGH_CAP = 10**18  # counted exactly up to here; a long meeting has far more (thousands of digits)


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
    playthroughs_capped: bool = False  # True: more than ``playthroughs`` (which is then PLAYTHROUGH_CAP)
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
    # Like explore (one pause around both, so the collector catches up once): many objects
    # that all stay alive while the statistics are worked out, and no cycles to find.
    with paused_gc():
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


def _exact(graph: StateGraph) -> Stats:
    s = graph.scenario
    num = number(graph)
    stats = Stats(s, exact=True, states=len(num.post), loops=num.cyclic)
    choice_nodes = {nid for nid, node in s.nodes.items() if node.choices}
    states, succ = num.states, num.succ
    decision = [False] * len(states)
    for i in num.post:
        if succ[i] and states[i][0] in choice_nodes:
            decision[i] = True
    mass = _spread_cyclic(num) if num.cyclic else _spread(num)
    mean = 0
    for i, m in mass.items():
        if decision[i]:
            mean += m
        elif not succ[i]:
            where = states[i][0]
            if where in s.endings:
                stats.ending_odds[where] = stats.ending_odds.get(where, 0.0) + m
            else:
                stats.never_ends += m
    # In the scenario's order (not the order states happened to be numbered in), and a
    # sure ending is 1.0 even when rounding made the sum of its paths a hair more.
    stats.ending_odds = {e: min(1.0, stats.ending_odds[e]) for e in s.endings if e in stats.ending_odds}
    if num.cyclic:
        stats.never_ends = max(0.0, 1.0 - sum(stats.ending_odds.values()))
    count, lo, hi = _backward(num, decision)
    if not num.cyclic:
        stats.playthroughs = min(count, PLAYTHROUGH_CAP)
        stats.playthroughs_capped = count > PLAYTHROUGH_CAP
    stats.decisions = (lo, mean, None if num.cyclic else hi)
    for worst, paths in ((False, stats.best), (True, stats.worst)):
        if num.cyclic:
            table = values(graph, num, worst)
            walks = [walk(num, table, k, worst) for k in range(len(OBJECTIVES))]
        elif graph.packed is not None:
            walks = walk_all_packed(num, packed_values(graph, num, worst), graph.packed.pack, worst)
        else:
            walks = walk_all(num, values(graph, num, worst), worst)
        for objective, (moves, last, totals) in zip(OBJECTIVES, walks):
            paths[objective] = _path(s, moves, states[last], totals)
    offered_most, differs = _offers(s, num, decision, stats.coverage)
    stats.coverage.nodes_shown.update(graph.passed)  # lines gone through on the way between states
    stats.flat_decisions = _flat_list(s, offered_most, differs)
    return stats


def _path(s: Scenario, moves: list[tuple[str, str]], last: Snapshot, totals: Vector) -> Path:
    return Path(tuple(moves), last.position if last.position in s.endings else None, totals)


def _offers(s: Scenario, num: Numbered, decision: list[bool], cov: Coverage) -> tuple[dict[str, int], set[str]]:
    """Coverage, and per decision node the most choices ever on offer and whether their scores ever differ.

    Once one state of a node offers all its choices, the node is settled: all of them
    have been on offer, none can be added, and whether their scores differ is known
    (if they all score alike there, they do everywhere). Its other states are skipped;
    the others are only gathered in the loop, and looked at once per node after it.
    """
    positions = {num.states[i][0] for i in num.post}
    cov.nodes_shown.update(p for p in positions if p in s.nodes)
    cov.endings_reached.update(p for p in positions if p not in s.nodes and p in s.endings)
    nodes, states, edges_of = s.nodes, num.states, num.edges
    full: dict[str, list] = {}  # node -> the moves of a state that offers every choice
    some: dict[str, list[list]] = {}  # node -> the moves of its other states, while none offers all
    for i in num.post:
        if decision[i]:
            where = states[i][0]
            if where in full:
                continue
            edges = edges_of[i]
            if len(edges) == len(nodes[where].choices):
                full[where] = edges
            else:
                some.setdefault(where, []).append(edges)
    offered: dict[str, set[str]] = {}
    offered_most: dict[str, int] = {}
    differs: set[str] = set()
    for where, edges in full.items():
        offered[where] = {e[0] for e in edges}
        offered_most[where] = len(edges)
        ws = [e[1] for e in edges]
        if ws.count(ws[0]) != len(ws):
            differs.add(where)
    for where, offers in some.items():
        if where in full:
            continue
        offered[where] = {e[0] for edges in offers for e in edges}
        offered_most[where] = max(map(len, offers))
        for edges in offers:
            ws = [e[1] for e in edges]
            if ws.count(ws[0]) != len(ws):
                differs.add(where)
                break
    cov.choices_available.update(f"{where}.{move}" for where, moves in offered.items() for move in moves)
    return offered_most, differs


def _backward(num: Numbered, decision: list[bool]) -> tuple[int, int, int]:
    """From the start: playthroughs (exact up to the cap, then cap + 1), fewest and most decisions.

    Each state is settled after all its successors (depth-first post-order). In a meeting
    that loops, an edge back into the current path is left out, as the counts are then
    unbounded anyway.
    """
    succ, cyclic = num.succ, num.cyclic
    over = PLAYTHROUGH_CAP + 1
    n = len(succ)
    count = [1] * n  # a state without moves ends one playthrough
    lo = [0] * n
    hi = [0] * n
    settled = [False] * n
    for i in num.post:
        out = succ[i]
        if cyclic:
            settled[i] = True
            out = [j for j in out if settled[j] and j != i]
            if not out:
                if succ[i]:  # every move goes back into the path: no playthrough ends here
                    count[i] = 0
                    lo[i] = hi[i] = 1 if decision[i] else 0
                continue
        elif not out:
            continue
        here = 1 if decision[i] else 0
        if len(out) == 1:
            j = out[0]
            count[i] = count[j]
            lo[i] = here + lo[j]
            hi[i] = here + hi[j]
        else:
            c = 0
            low, high = lo[out[0]], hi[out[0]]
            for j in out:
                c += count[j]
                v = lo[j]
                if v < low:
                    low = v
                v = hi[j]
                if v > high:
                    high = v
            count[i] = c if c < over else over
            lo[i] = here + low
            hi[i] = here + high
    root = num.root
    return count[root], lo[root], hi[root]


def _spread(num: Numbered) -> dict[int, float]:
    """Probability that a uniform random player passes through each state (by index), on a DAG.

    One pass in topological order is exact. The dict keeps the order in which states are
    first reached, so sums over it add in the same order every time.
    """
    mass: dict[int, float] = {num.root: 1.0}
    get = mass.get
    succ = num.succ
    for i in reversed(num.post):
        out = succ[i]
        m = get(i, 0.0)
        if out and m:
            share = m / len(out)
            for j in out:
                mass[j] = get(j, 0.0) + share
    return mass


def _spread_cyclic(num: Numbered) -> dict[int, float]:
    """As ``_spread``, for a meeting that can loop: mass keeps circulating, so we push it
    round until what is still moving is negligible."""
    settled: dict[int, float] = {}
    moving = {num.root: 1.0}
    for _ in range(LOOP_ROUNDS):
        nxt_moving: dict[int, float] = {}
        for i, m in moving.items():
            settled[i] = settled.get(i, 0.0) + m
            out = num.succ[i]
            for j in out:
                nxt_moving[j] = nxt_moving.get(j, 0.0) + m / len(out)
        moving = nxt_moving
        if sum(moving.values()) < LOOP_EPSILON:
            break
    return settled


def follow(graph: StateGraph, k: int, worst: bool = False) -> Path:
    """The path that reaches the best (or worst) total on objective ``k``."""
    num = number(graph)
    moves, last, totals = walk(num, values(graph, num, worst), k, worst)
    return _path(graph.scenario, moves, num.states[last], totals)


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
    return _flat_list(s, offered_most, differs)


def _flat_list(s: Scenario, offered_most: dict[str, int], differs: set[str]) -> list[tuple[str, str]]:
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
