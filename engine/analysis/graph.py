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
from typing import Callable, Mapping, Optional

from ..play.rules import OBJECTIVES, ZERO, Rules, Snapshot, Vector, weight_vector  # noqa: F401 (re-exported)
from ..play.state import Decision
from ..scenario.model import Scenario
from .abstraction import Abstraction, key_of
from .gcpause import paused_gc
from .values import PackedValues, compute_values

DEFAULT_MAX_STATES = 200_000
EXACT_STATES = 5_000
EXACT_STATES_PER_NODE = 8  # a meeting whose states grow linearly with its length stays exact

Edge = tuple[str, Vector, Snapshot]
_new = tuple.__new__  # a Snapshot without the named tuple's Python-level __new__
CANCEL_EVERY = 1024  # states between two looks at ``cancel``


class ExploreCancelled(Exception):
    """``explore`` stopped because its caller no longer needs the graph."""


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
    # Best and worst totals from each state: plain dicts, or views of ``packed`` (``Unpacked``).
    best: Mapping[Snapshot, Vector] = field(default_factory=dict)
    worst: Mapping[Snapshot, Vector] = field(default_factory=dict)
    exact: bool = True  # False: states were merged by mood band (see abstraction.band_key)
    max_states: int = DEFAULT_MAX_STATES
    interned: dict[Snapshot, Snapshot] = field(default_factory=dict, repr=False)  # one object per key
    parts: dict = field(default_factory=dict, repr=False)  # one object per distinct mood or name set of a key
    passed: set[str] = field(default_factory=set)  # lines without choices that moves went through
    packed: Optional[PackedValues] = field(default=None, repr=False)  # numbered packed totals, while they fit

    def key(self, snap: Snapshot) -> Snapshot:
        """The graph's key for a real snapshot."""
        return self.abstraction.canonical(snap) if self.exact else self.abstraction.band_key(snap)

    def landing(self, snap: Snapshot) -> Snapshot:
        """Where ``snap`` comes to rest: past the lines without choices that follow it.

        A line that only says something and goes on (no choices, no ``auto``, not read
        by a ``visited`` condition) has one move, "continue", worth nothing. The graph
        leaves such lines out: a move's edge goes straight to where the trainee next
        decides (or the meeting ends), which is what every value and statistic is about,
        and a long meeting has almost half as many states. ``passed`` keeps the lines
        that were gone through, so coverage still counts them as shown.
        """
        return _land(self.rules, snap, self.passed) if snap[0] in self.rules.plain_lines else snap

    def ensure(self, snap: Snapshot) -> Snapshot:
        """The key of a real snapshot, exploring from it first if the graph hasn't seen it."""
        snap = self.landing(snap)
        key = self.key(snap)
        key = self.interned.get(key, key)
        if key not in self.edges and self.complete:
            with paused_gc():
                _expand(self, snap, self.max_states)
                key = self.interned.get(key, key)
                compute_values(self, key)
        return key

    def shown(self) -> set[str]:
        """Every node or ending some explored state stands at or some move went through."""
        return {s.position for s in self.edges} | self.passed

    @property
    def state_count(self) -> int:
        return len(self.edges)

    def reachable_endings(self) -> set[str]:  # endings are never passed through: states only
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
            exact_states: Optional[int] = None, cancel: Optional[Callable[[], bool]] = None) -> StateGraph:
    """Visit every reachable state and compute best/worst values.

    Exact (states merged only when no future can tell them apart) up to
    ``exact_states``; beyond that, states are merged by mood band and the graph is
    marked ``exact=False``. ``complete`` is False when even that hit ``max_states``.
    By default the exact budget grows with the scenario (``exact_budget``): a long
    meeting whose states grow with its length stays exact, and only a combinatorial
    explosion falls back to bands. ``cancel`` is asked every few thousand states; when
    it says yes, ``ExploreCancelled`` is raised (the window's background review stops
    when a reloaded scenario replaces the one it was exploring).
    """
    if exact_states is None:
        exact_states = exact_budget(scenario)
    with paused_gc():
        return _explore(scenario, max_states, exact_states, cancel)


def exact_budget(scenario: Scenario) -> int:
    """How many states exact exploration may visit before it gives way to mood bands."""
    return max(EXACT_STATES, EXACT_STATES_PER_NODE * len(scenario.nodes))


def _explore(scenario: Scenario, max_states: int, exact_states: int,
             cancel: Optional[Callable[[], bool]] = None) -> StateGraph:
    rules = Rules(scenario)
    abstraction = Abstraction(rules)
    start = rules.initial()
    graph = StateGraph(scenario, rules, abstraction, abstraction.canonical(start), max_states=max_states)
    _expand(graph, start, min(max_states, exact_states), cancel)
    if not graph.complete and max_states > exact_states:
        graph = StateGraph(scenario, rules, abstraction, abstraction.band_key(start), exact=False,
                           max_states=max_states)
        _expand(graph, start, max_states, cancel)
    graph.initial = graph.interned.get(graph.initial, graph.initial)
    compute_values(graph, graph.initial)
    return graph


def _expand(graph: StateGraph, start: Snapshot, max_states: int,
            cancel: Optional[Callable[[], bool]] = None) -> None:
    """Depth-first over real snapshots, recording edges between their keys."""
    successors, endings, edges_of = graph.rules.successors, graph.scenario.endings, graph.edges
    ab = graph.abstraction
    plans = ab.canonical_plans if graph.exact else ab.band_plans  # graph.key, without two calls per edge
    # Every key is kept as one object (``seen``): later lookups in the value tables and the
    # statistics then find it by identity instead of comparing moods and flag sets.
    seen = graph.interned
    # Keys share their moods and name sets too: 15k states at 10k nodes have 30 distinct
    # moods and 456 distinct flag sets. A new key is stored with the shared ones, so the
    # graph is smaller and every later comparison with it reads a few objects that stay in
    # the cache instead of one of its own scattered through memory.
    share = graph.parts.setdefault
    plain, passed, rules = graph.rules.plain_lines, graph.passed, graph.rules
    start_key = graph.key(start)
    start_key = seen.setdefault(start_key, start_key)
    stack = [(start, start_key)]
    while stack:
        real, here = stack.pop()
        if here in edges_of:
            continue
        if len(edges_of) >= max_states:
            graph.complete = False
            return
        if cancel is not None and not len(edges_of) % CANCEL_EVERY and cancel():
            raise ExploreCancelled(graph.scenario.id)
        edges = []
        for move, _, vector, nxt in successors(real):
            if nxt[0] in plain:
                nxt = _land(rules, nxt, passed)
            plan = plans.get(nxt[0])
            nxt_key = nxt if plan is None else key_of(nxt, plan)
            known = seen.get(nxt_key)
            if known is None:
                mood, flags = nxt_key[1], nxt_key[2]
                nxt_key = _new(Snapshot, (nxt_key[0], share(mood, mood), share(flags, flags)) + nxt_key[3:])
                seen[nxt_key] = nxt_key
            else:
                nxt_key = known
            edges.append((move, vector, nxt_key))
            if nxt_key in edges_of:
                continue
            if plan is not None:
                # Go on from a snapshot that keeps of its flags, answers, choices and visits
                # only what the key keeps (what the future can still read): the full ones
                # carry every promise made since the meeting began, and copying and
                # intersecting those sets grew with its length (112 flags per state at 10k
                # nodes). Its moods stay exact; the key's are reduced.
                nxt = _new(Snapshot, (nxt[0], nxt[1], nxt_key[2], nxt_key[3], nxt_key[4], nxt_key[5], nxt[6]))
            stack.append((nxt, nxt_key))
        edges_of[here] = edges
        if not edges and real[0] not in endings:
            graph.dead_ends.append(here)


def _land(rules: Rules, snap: Snapshot, passed: set[str]) -> Snapshot:
    """``snap`` (at a line in ``rules.plain_lines``) moved past the lines without choices
    it stands at (see ``StateGraph.landing``)."""
    run = rules.plain_run(snap[0])
    if run is not None:
        target, lines, settles = run
        passed.update(lines)
        moved = _new(Snapshot, (target,) + snap[1:])
        return rules.settle(moved, False) if settles else moved
    plain = rules.plain_lines
    for _ in range(len(plain) + 1):  # more steps than lines: they go round in a circle
        if snap[0] not in plain:
            return snap
        passed.add(snap[0])
        snap = rules.pass_line(snap)
    return snap


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
