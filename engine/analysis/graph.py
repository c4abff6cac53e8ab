"""Every situation a scenario can reach, when there are few enough to list.

The statistics an author reads (a random player's chance of each ending, how many
different playthroughs there are, which lines are never shown) are exact only over the
whole reachable graph of situations. ``explore`` walks it breadth first from the start,
one state per liveness key (``liveness``: states whose futures can't differ are one), and
stops at ``max_states``: a scenario with several residents on 0..10 scales can reach far
more situations than is worth listing, and then the statistics are sampled instead
(``playstats``) while every number a trainee sees still comes from the solver.

Lines that only go on (no choices) are passed straight through: an edge goes from one
decision to where the next decision (or the ending) is; ``passed`` keeps the lines on
the way, so coverage still counts them as shown.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..play.rules import CONTINUE, OBJECTIVES, TIMEOUT_MOVE, ZERO, Move, Rules, Vector, rules_of
from ..play.state import State
from ..scenario.conditions import Condition
from ..scenario.model import Scenario
from .collector import collector_paused
from .liveness import Key, Liveness, liveness_of

DEFAULT_MAX_STATES = 20_000
CANCEL_EVERY = 1024  # states between two looks at ``cancel``


class ExploreCancelled(Exception):
    """``explore`` stopped because its caller no longer needs the graph."""


@dataclass
class StateGraph:
    scenario: Scenario
    rules: Rules
    liveness: Liveness
    initial: Key
    states: dict[Key, State] = field(default_factory=dict)  # one real state per key
    edges: dict[Key, list[tuple[Move, Key]]] = field(default_factory=dict)
    parent: dict[Key, tuple[Key, Move]] = field(default_factory=dict)  # how each key was first reached
    passed: set[str] = field(default_factory=set)  # lines without choices gone through
    complete: bool = True

    @property
    def state_count(self) -> int:
        return len(self.edges)

    def shown(self) -> set[str]:
        """Every node some state stands at or some move went through."""
        return {k[0] for k in self.edges if k[0] in self.scenario.nodes} | self.passed

    def reachable_endings(self) -> set[str]:
        return {k[0] for k in self.edges if k[0] in self.scenario.endings}

    def dead_ends(self) -> list[Key]:
        """States where no move is offered that are not an ending."""
        return [k for k, out in self.edges.items() if not out and k[0] not in self.scenario.endings]

    def witness(self, key: Key) -> list[Move]:
        """The moves of a shortest playthrough from the start to ``key``."""
        moves: list[Move] = []
        while key in self.parent:
            key, move = self.parent[key]
            moves.append(move)
        return moves[::-1]

    def stuck(self) -> list[Key]:
        """States from which no ending can be reached (a loop with no way out, or a dead end)."""
        back: dict[Key, list[Key]] = {}
        for k, out in self.edges.items():
            for _, nxt in out:
                back.setdefault(nxt, []).append(k)
        good = {k for k in self.edges if k[0] in self.scenario.endings}
        queue = deque(good)
        while queue:
            for prev in back.get(queue.popleft(), ()):
                if prev not in good:
                    good.add(prev)
                    queue.append(prev)
        return [k for k in self.edges if k not in good]

    def values(self, worst: bool = False) -> dict[Key, Vector]:
        """Best (or worst) total per objective from every state, over playthroughs that don't
        repeat a situation (a move back into the path being valued counts for nothing)."""
        pick = min if worst else max
        table: dict[Key, Vector] = {}
        on_path: set[Key] = set()
        for root in [self.initial]:
            stack: list[tuple[Key, bool]] = [(root, False)]
            while stack:
                key, done = stack.pop()
                if done:
                    on_path.discard(key)
                    best: Optional[list[int]] = None
                    for move, nxt in self.edges.get(key, ()):
                        v = table.get(nxt)
                        if v is None:  # back into the path
                            continue
                        cand = [a + b for a, b in zip(move.vector, v)]
                        best = cand if best is None else [pick(a, b) for a, b in zip(best, cand)]
                    table[key] = tuple(best) if best is not None else ZERO
                    continue
                if key in table or key in on_path:
                    continue
                on_path.add(key)
                stack.append((key, True))
                for _, nxt in self.edges.get(key, ()):
                    if nxt not in table and nxt not in on_path:
                        stack.append((nxt, False))
        return table


def auto_passes(rules: Rules, passed: set) -> Optional[Callable[[Optional[Condition], State], None]]:
    """A ``note`` for ``Rules.step`` that adds to ``passed`` each line the meeting arrives at and
    that one of its own ``auto`` transitions takes on at once: its autos are read there, so it is
    reached, though the meeting never rests on it (a closing line that routes to the endings).
    None when the scenario has no ``auto`` transitions."""
    autos = {id(a.when) for redirects in rules.autos.values() for a in redirects}
    if not autos:
        return None

    def note(cond: Optional[Condition], s: State) -> None:
        if cond is not None and id(cond) in autos:
            passed.add(s[0])
    return note


def land(rules: Rules, s: State, passed: Optional[set] = None,
         note: Optional[Callable[[Optional[Condition], State], None]] = None) -> tuple[State, list[Move]]:
    """``s`` past the lines that only go on, and the moves taken on the way (``passed``: add the
    lines gone through; ``note``: told of what ``Rules.step`` reads on the way)."""
    taken: list[Move] = []
    moves = rules.moves(s)
    while len(moves) == 1 and moves[0].kind == CONTINUE and len(taken) <= len(rules.table):
        if passed is not None:
            passed.add(s[0])
        taken.append(moves[0])
        s = rules.step(s, moves[0], note)
        moves = rules.moves(s)
    return s, taken


@collector_paused()
def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES,
            cancel: Optional[Callable[[], bool]] = None, timeouts: bool = True,
            stop_when_known: bool = False) -> StateGraph:
    """The reachable situations, breadth first, up to ``max_states`` (``complete`` says if all).
    Without ``timeouts``: those a player reaches who never takes one (a random player's graph,
    several times smaller, as every decision's time-out and the count of them split situations).
    ``stop_when_known``: stop as soon as more than ``max_states`` situations are *found* (found
    runs about three times ahead of listed), for a caller that only needs to know the graph is
    too large and what multiplies it (``analyze`` then samples); ``validate`` lists all it may,
    as the listed situations are its witnesses."""
    rules = rules_of(scenario)
    live = liveness_of(rules)
    start, _ = land(rules, rules.initial(), set())
    graph = StateGraph(scenario, rules, live, live.key(start))
    passed = graph.passed
    note = auto_passes(rules, passed)
    land(rules, rules.initial(), passed, note)
    graph.states[graph.initial] = start
    queue = deque([graph.initial])
    key_of = live.key
    while queue:
        key = queue.popleft()
        if len(graph.edges) >= max_states or (stop_when_known and len(graph.states) > max_states):
            graph.complete = False
            break
        if cancel is not None and not len(graph.edges) % CANCEL_EVERY and cancel():
            raise ExploreCancelled(scenario.id)
        s = graph.states[key]
        out = []
        for move in rules.moves(s):
            if not timeouts and move.kind == TIMEOUT_MOVE:
                continue
            nxt, _ = land(rules, rules.step(s, move, note), passed, note)
            nkey = key_of(nxt)
            if nkey not in graph.states:
                graph.states[nkey] = nxt
                graph.parent[nkey] = (key, move)
                queue.append(nkey)
            out.append((move, nkey))
        graph.edges[key] = out
    return graph


__all__ = ["StateGraph", "explore", "ExploreCancelled", "DEFAULT_MAX_STATES", "OBJECTIVES", "land", "auto_passes"]
