"""What a scenario lets a trainee do, for its author: playthroughs, endings, extremes, coverage.

An author wants to know, before a trainee ever plays: how many different meetings can
happen, which endings a trainee can reach and how often someone clicking at random does,
the best and worst score per dimension and a path to each, decisions where the choice
doesn't matter for the score, and which parts are never seen.

Each question is answered with the method that scales:
- best and worst totals (and a path to each) by the solver (``search``), exact from the
  start however large the scenario; per-dimension extremes are separate questions, each
  its own path, never to be added up;
- everything else over the reachable graph of situations (``graph``) when it can be
  listed: exact playthrough counts (capped at ``PLAYTHROUGH_CAP``), a uniform random
  player's chance of each ending pushed through the graph, coverage; when the graph is
  too large, from ``samples`` random playthroughs, with a 95 % interval on each ending's
  chance, and ``exact`` False so every report can say so.

The random player picks uniformly among the options on offer and never takes a time-out
(a trainee who clicks at random doesn't step onto the balcony).
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from typing import Any, Optional

from ..play.rules import TIMEOUT_MOVE, Rules, Vector, rules_of
from ..scenario.messages import msg
from ..scenario.model import Scenario
from .collector import collector_paused
from .extremes import Path, extremes
from .graph import DEFAULT_MAX_STATES, StateGraph, explore
from .liveness import Key

LOOP_ROUNDS = 100_000
LOOP_EPSILON = 1e-12
PLAYTHROUGH_CAP = 10**18  # counted exactly up to here
DEFAULT_SAMPLES = 4_000
SAMPLE_STEPS = 100_000  # steps over all samples: a very long meeting gets fewer (but at least MIN_SAMPLES)
MIN_SAMPLES = 200
PLAYER_SHARE = 4  # a random player's situations are listed up to this share of ``max_states``
Z95 = 1.959964


@dataclass
class Coverage:
    nodes_shown: set[str] = field(default_factory=set)
    choices_available: set[str] = field(default_factory=set)  # "NODE.CHOICE"
    endings_reached: set[str] = field(default_factory=set)


@dataclass
class Stats:
    scenario: Scenario
    exact: bool  # the statistics (odds, counts, coverage) come from the whole graph, not samples
    states: int = 0
    samples: int = 0
    playthroughs: Optional[int] = None  # None when the meeting can loop (or when sampled)
    playthroughs_capped: bool = False  # True: more than ``playthroughs`` (which is then PLAYTHROUGH_CAP)
    distinct_sampled: int = 0
    loops: bool = False
    ending_odds: dict[str, float] = field(default_factory=dict)
    odds_interval: dict[str, tuple[float, float]] = field(default_factory=dict)  # 95 % (sampled only)
    never_ends: float = 0.0  # chance a random player gets stuck (dead end) or loops forever
    best: dict[str, Path] = field(default_factory=dict)  # objective -> a path reaching the best total
    worst: dict[str, Path] = field(default_factory=dict)
    values_exact: dict[str, bool] = field(default_factory=dict)  # objective -> best and worst both exact
    flat_decisions: list[tuple[str, str]] = field(default_factory=list)  # (node id, why: a catalogue ``Message``)
    coverage: Coverage = field(default_factory=Coverage)
    decisions: tuple[int, float, Optional[int]] = (0, 0.0, 0)  # min, mean (random player), max
    states_per_node: dict[str, int] = field(default_factory=dict)  # where the space grows (exact only)
    seconds: float = 0.0
    tells: Optional[Any] = None  # the tells report (``tells.tells``), when the caller asked for it
    growth: list[tuple[str, int]] = field(default_factory=list)  # what multiplies the situations (when too many)
    max_states: int = 0  # the limit asked for: all situations up to it, a random player's up to a quarter of it


@collector_paused()
def analyze(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES, samples: int = DEFAULT_SAMPLES,
            seed: int = 0) -> Stats:
    started = time.perf_counter()
    rules = rules_of(scenario)
    # A random player never takes a time-out: its situations come first, several times fewer
    # than all (every decision's time-out and how many were taken split them). If even those
    # are too many to list, so is everything, and listing them all would only cost time.
    share = max(1, max_states // PLAYER_SHARE)
    played = explore(scenario, share, timeouts=False, stop_when_known=True)
    graph = explore(scenario, max_states, stop_when_known=True) if played.complete else played
    if graph.complete:
        stats = _exact(graph)
        stats.states = graph.state_count
    elif played.complete:  # every situation of a random player, not every one with time-outs
        stats = _exact(played)
        stats.states = played.state_count
    else:
        stats = _sampled(rules, samples, seed)
        stats.growth = growth(played)
        stats.states = share  # more than this many: they were found before all were listed
    stats.best, stats.worst, stats.values_exact = extremes(rules, graph if graph.complete else None,
                                                           stats.best, stats.worst)
    stats.seconds = time.perf_counter() - started
    stats.max_states = max_states
    return stats


def growth(graph: StateGraph, shown: int = 8) -> list[tuple[str, int]]:
    """What multiplies the situations, from the ones listed before the budget ran out: per
    mood slot, flag, answer, remembered choice or visit, how many different values the
    situations at one line hold (the largest over all lines), most first. An author reads
    it as "henk.anger takes 11 values at one line; flag belofte splits every line in two"."""
    rules = graph.rules
    per_line: dict[tuple[str, str], set] = {}
    for key, state in graph.states.items():
        if len(key) == 1:  # an ending: nothing comes after it
            continue
        for i, (who, var) in enumerate(rules.slots):
            per_line.setdefault((f"{who}.{var}", key[0]), set()).add(state[1][i])
        for kind, names in (("flag", key[2]), ("prep", key[3]), ("chose", key[4]), ("visited", key[5])):
            if isinstance(names, frozenset):
                for name in names:
                    per_line.setdefault((f"{kind}.{name}", key[0]), set()).add(True)
        per_line.setdefault(("time-outs taken", key[0]), set()).add(key[9])
    best: dict[str, int] = {}
    for (name, _), values in per_line.items():
        count = len(values) if not name.startswith(("flag.", "prep.", "chose.", "visited.")) else 2
        best[name] = max(best.get(name, 0), count)
    ranked = sorted(((n, c) for n, c in best.items() if c > 1), key=lambda nc: (-nc[1], nc[0]))
    return ranked[:shown]


# -- exact, over the graph ---------------------------------------------------------------------
def _player_moves(edges: list) -> list:
    """The moves a random player picks from: every option on offer, never the time-out."""
    plain = [e for e in edges if e[0].kind != TIMEOUT_MOVE]
    return plain or edges


def _exact(graph: StateGraph) -> Stats:
    s = graph.scenario
    stats = Stats(s, exact=True)
    edges = {k: _player_moves(out) for k, out in graph.edges.items()}
    order, cyclic = _post_order(graph.initial, edges)
    stats.loops = cyclic
    decision = {k for k in order if edges[k] and k[0] in s.nodes and s.nodes[k[0]].choices}
    mass = _spread_cyclic(graph.initial, edges) if cyclic else _spread(order, edges)
    mean = 0.0
    for k, m in mass.items():
        if k in decision:
            mean += m
        elif not edges.get(k):
            if k[0] in s.endings:
                stats.ending_odds[k[0]] = stats.ending_odds.get(k[0], 0.0) + m
            else:
                stats.never_ends += m
    stats.ending_odds = {e: min(1.0, stats.ending_odds[e]) for e in s.endings if e in stats.ending_odds}
    if cyclic:
        stats.never_ends = max(0.0, 1.0 - sum(stats.ending_odds.values()))
    count, lo, hi = _backward(order, edges, decision, cyclic)
    if not cyclic:
        stats.playthroughs = min(count, PLAYTHROUGH_CAP)
        stats.playthroughs_capped = count > PLAYTHROUGH_CAP
    stats.decisions = (lo, mean, None if cyclic else hi)
    cov = stats.coverage
    cov.nodes_shown = graph.shown()
    cov.endings_reached = graph.reachable_endings()
    offered: dict[str, list[list[Vector]]] = {}
    for k, out in graph.edges.items():
        position = k[0]
        if position in s.nodes:
            stats.states_per_node[position] = stats.states_per_node.get(position, 0) + 1
        choices = [m for m, _ in out if m.kind == "choose"]
        if choices:
            cov.choices_available.update(f"{position}.{m.id}" for m in choices)
            offered.setdefault(position, []).append([m.vector for m in choices])
    stats.flat_decisions = _flat(s, offered)
    return stats


def _post_order(root: Key, edges: dict[Key, list]) -> tuple[list[Key], bool]:
    """States after all their successors (depth first), and whether a move goes back into the path."""
    order: list[Key] = []
    done: set[Key] = set()
    on_path: set[Key] = set()
    cyclic = False
    stack: list[tuple[Key, bool]] = [(root, False)]
    while stack:
        key, leaving = stack.pop()
        if leaving:
            on_path.discard(key)
            done.add(key)
            order.append(key)
            continue
        if key in done or key in on_path:
            continue
        on_path.add(key)
        stack.append((key, True))
        for _, nxt in edges.get(key, ()):
            if nxt in on_path:
                cyclic = True
            elif nxt not in done:
                stack.append((nxt, False))
    return order, cyclic


def _backward(order: list[Key], edges: dict[Key, list], decision: set[Key], cyclic: bool) -> tuple[int, int, int]:
    """From the start: playthroughs (exact up to the cap), fewest and most decisions. In a meeting
    that loops a move back into the path is left out, as the counts are unbounded anyway."""
    over = PLAYTHROUGH_CAP + 1
    count: dict[Key, int] = {}
    lo: dict[Key, int] = {}
    hi: dict[Key, int] = {}
    for key in order:
        here = 1 if key in decision else 0
        out = [nxt for _, nxt in edges.get(key, ()) if nxt in count]
        if not out:
            stuck = bool(edges.get(key))  # every move goes back round: no playthrough ends here
            count[key] = 0 if stuck else 1
            lo[key] = hi[key] = here if stuck else 0
            continue
        count[key] = min(over, sum(count[n] for n in out))
        lo[key] = here + min(lo[n] for n in out)
        hi[key] = here + max(hi[n] for n in out)
    root = order[-1]
    return count[root], lo[root], hi[root]


def _spread(order: list[Key], edges: dict[Key, list]) -> dict[Key, float]:
    """Probability that a uniform random player passes through each state (no loops: one pass)."""
    mass: dict[Key, float] = {order[-1]: 1.0}
    for key in reversed(order):
        out = edges.get(key, ())
        m = mass.get(key, 0.0)
        if out and m:
            share = m / len(out)
            for _, nxt in out:
                mass[nxt] = mass.get(nxt, 0.0) + share
    return mass


def _spread_cyclic(root: Key, edges: dict[Key, list]) -> dict[Key, float]:
    """As ``_spread``, when the meeting can loop: push the mass round until what still moves
    is negligible. Mass that enters a loop with no way out stays where it entered (it never
    ends: ``Stats.never_ends``), rather than going round until the rounds run out."""
    finishing = _finishing(edges)
    settled: dict[Key, float] = {}
    moving = {root: 1.0}
    for _ in range(LOOP_ROUNDS):
        nxt_moving: dict[Key, float] = {}
        for key, m in moving.items():
            settled[key] = settled.get(key, 0.0) + m
            if key not in finishing:
                continue
            out = edges.get(key, ())
            for _, nxt in out:
                nxt_moving[nxt] = nxt_moving.get(nxt, 0.0) + m / len(out)
        moving = nxt_moving
        if sum(moving.values()) < LOOP_EPSILON:
            break
    return settled


def _finishing(edges: dict[Key, list]) -> set[Key]:
    """The states from which a playthrough can still come to a stop (an ending or a dead end)."""
    before: dict[Key, list[Key]] = {}
    for key, out in edges.items():
        for _, nxt in out:
            before.setdefault(nxt, []).append(key)
    found = {key for key, out in edges.items() if not out}
    found.update(nxt for out in edges.values() for _, nxt in out if nxt not in edges)  # (not listed: no moves)
    queue = list(found)
    while queue:
        for key in before.get(queue.pop(), ()):
            if key not in found:
                found.add(key)
                queue.append(key)
    return found


def _flat(s: Scenario, offered: dict[str, list[list[Vector]]]) -> list[tuple[str, str]]:
    out = []
    for nid in s.nodes:
        seen = offered.get(nid)
        if not seen:
            continue
        if all(len(set(vs)) <= 1 for vs in seen):
            if max(len(vs) for vs in seen) == 1:
                out.append((nid, msg("stats.flat_one")))
            else:
                out.append((nid, msg("stats.flat_same")))
    return out


# -- sampled, when the graph is too large ------------------------------------------------------
def _sampled(rules: Rules, samples: int, seed: int) -> Stats:
    s = rules.scenario
    rnd = random.Random(seed)
    stats = Stats(s, exact=False, samples=samples)
    cov = stats.coverage
    seen_paths: set[tuple[str, ...]] = set()
    endings: dict[str, int] = {}
    stuck = 0
    counts: list[int] = []
    offered: dict[str, list[list[Vector]]] = {}
    available: set[int] = set()  # ids of the choices some run was offered (moves live as long as the rules)
    start = rules.initial()
    steps = 0
    nodes, on_offer, step, shown = s.nodes, rules.moves, rules.step, cov.nodes_shown
    for run in range(samples):
        if steps > SAMPLE_STEPS and run >= MIN_SAMPLES:
            samples = stats.samples = run
            break
        state, moves, decisions = start, [], 0
        for _ in range(rules.most_moves):
            options = on_offer(state)  # a fresh list, the time-out (when on offer) last: never taken here
            if options and options[-1].kind == TIMEOUT_MOVE:
                options.pop()
            if not options:
                break
            position = state[0]
            if position in nodes:
                shown.add(position)
                choices = [m for m in options if m.kind == "choose"]
                if choices:
                    decisions += 1
                    available.update(map(id, choices))
                    seen = offered.setdefault(position, [])
                    if len(seen) < 8:
                        seen.append([m.vector for m in choices])
            move = options[rnd.randrange(len(options))]
            steps += 1
            if move.kind != "continue":
                moves.append(move.id)
            state = step(state, move)
        else:
            decisions = -1  # going round a loop it never leaves: counted as never ending, its length not at all
        seen_paths.add(tuple(moves))
        if decisions >= 0:
            counts.append(decisions)
        if state[0] in s.endings:
            cov.endings_reached.add(state[0])
            endings[state[0]] = endings.get(state[0], 0) + 1
        else:
            stuck += 1
    cov.choices_available.update(f"{position}.{m.id}" for position, table in rules.table.items()
                                 for m in table if id(m) in available)
    stats.ending_odds = {e: endings[e] / samples for e in s.endings if e in endings}
    stats.odds_interval = {e: wilson(endings.get(e, 0), samples) for e in s.endings}
    stats.never_ends = stuck / samples if samples else 0.0
    stats.distinct_sampled = len(seen_paths)
    if counts:
        stats.decisions = (min(counts), sum(counts) / len(counts), max(counts))
    stats.flat_decisions = _flat(s, offered)
    return stats


def wilson(hits: int, n: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = p + Z95 ** 2 / (2 * n)
    spread = Z95 * math.sqrt(p * (1 - p) / n + Z95 ** 2 / (4 * n * n))
    denom = 1 + Z95 ** 2 / n
    return max(0.0, (centre - spread) / denom), min(1.0, (centre + spread) / denom)
