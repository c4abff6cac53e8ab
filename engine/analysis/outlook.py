"""What each option at each decision of a playthrough could still lead to.

The game review needs, for every decision a trainee took, the value of every option
that was on offer: its own weights plus the best (and worst) total still achievable
after it, per dimension and overall. Two sources, one shape (``MoveValue``):

- **exact**: the reachable state graph (``analysis``), which honours every condition,
  mood threshold and trigger. Used whenever the graph could be explored completely.
- **authored** (approximate): a dynamic programme over the scenario as written, where
  every condition *later on* is assumed satisfiable and every automatic transition
  and trigger possible. Optimistic for best, pessimistic for worst, and fast on any
  scenario. The options *at* each decision are still exactly those the trainee was
  offered (the decision history records them), so conditions and mood at the moment
  of choosing are honoured either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..play.state import Decision
from ..scenario.model import Scenario
from .graph import OBJECTIVES, ZERO, StateGraph, Vector, snapshots_along, weight_vector

OVERALL = OBJECTIVES.index("overall")


@dataclass(frozen=True)
class MoveValue:
    move: str  # option id (preparation) or choice id (meeting)
    weights: Vector  # the move's own weights, per objective
    best: Vector  # best total from this decision point on, through this move
    worst: Vector  # worst total from this decision point on, through this move


@dataclass(frozen=True)
class Outlook:
    exact: bool  # every decision valued on the complete state graph
    best: Vector  # best achievable total over the whole scenario, per objective
    worst: Vector
    moves: tuple[tuple[MoveValue, ...], ...]  # per decision of the history, the options offered


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(x + y for x, y in zip(a, b))


def outlook(scenario: Scenario, history: Sequence[Decision], graph: Optional[StateGraph] = None) -> Outlook:
    """Exact values where the graph allows, the authored approximation elsewhere."""
    authored: Optional[_Authored] = None

    def approx() -> _Authored:
        nonlocal authored
        if authored is None:
            authored = _Authored(scenario)
        return authored

    usable = graph is not None and graph.complete
    snaps = snapshots_along(graph, list(history)) if usable and graph is not None else []
    rows: list[tuple[MoveValue, ...]] = []
    exact = usable and graph is not None and graph.exact
    for i, decision in enumerate(history):
        row: Optional[tuple[MoveValue, ...]] = None
        if usable and graph is not None:
            snap = snaps[i]
            if snap is not None and snap in graph.edges:
                row = tuple(MoveValue(m, w, b, lo) for m, w, b, lo in graph.q_values(snap))
                if decision.choice_id not in {mv.move for mv in row}:
                    row = None
        if row is None:
            exact = False
            row = approx().moves(decision)
        rows.append(row)
    if usable and graph is not None:
        best = tuple(graph.best[graph.initial])
        worst = tuple(graph.worst[graph.initial])
    else:
        best, worst = approx().start()
    return Outlook(exact, best, worst, tuple(rows))


class _Authored:
    """Best/worst totals over the scenario as written (conditions ahead assumed satisfiable).

    Places: ``("enter", id)`` arriving at a node or ending (its ``auto`` may redirect),
    ``("at", node)`` standing at a node, ``("after", id)`` arriving after a choice
    (triggers may redirect), ``("prep", i)`` before preparation question i. An edge back
    into the path being evaluated is ignored, as in ``analysis``.
    """

    def __init__(self, scenario: Scenario):
        self.s = scenario
        self.questions = scenario.preparation.questions if scenario.preparation else ()
        self.best: dict[tuple, Vector] = {}
        self.worst: dict[tuple, Vector] = {}

    def _edges(self, place: tuple) -> list[tuple[Vector, tuple]]:
        kind, key = place
        s = self.s
        if kind == "prep":
            after = ("prep", key + 1) if key + 1 < len(self.questions) else ("enter", s.start)
            return [(weight_vector(o.score), after) for o in self.questions[key].options]
        if kind == "after":
            return [(ZERO, ("enter", key))] + [(ZERO, ("enter", t.goto)) for t in s.triggers]
        if key in s.endings:
            return []
        node = s.nodes[key]
        if kind == "enter":
            return [(ZERO, ("at", key))] + [(ZERO, ("enter", a.goto)) for a in node.auto]
        if node.next is not None:
            return [(ZERO, ("enter", node.next))]
        return [(weight_vector(c.score), ("after", c.next)) for c in node.choices]

    def value(self, place: tuple) -> tuple[Vector, Vector]:
        """(best, worst) from ``place``: an iterative post-order DP, safe on deep graphs."""
        if place in self.best:
            return self.best[place], self.worst[place]
        on_path: set[tuple] = set()
        stack: list[tuple[tuple, bool]] = [(place, False)]
        while stack:
            p, expanded = stack.pop()
            if expanded:
                on_path.discard(p)
                hi: Optional[Vector] = None
                lo: Optional[Vector] = None
                for w, nxt in self._edges(p):
                    if nxt not in self.best:  # an edge back into the path
                        continue
                    up, down = _add(w, self.best[nxt]), _add(w, self.worst[nxt])
                    hi = up if hi is None else tuple(max(a, b) for a, b in zip(hi, up))
                    lo = down if lo is None else tuple(min(a, b) for a, b in zip(lo, down))
                self.best[p] = hi if hi is not None else ZERO
                self.worst[p] = lo if lo is not None else ZERO
                continue
            if p in self.best or p in on_path:
                continue
            on_path.add(p)
            stack.append((p, True))
            for _, nxt in self._edges(p):
                if nxt not in self.best and nxt not in on_path:
                    stack.append((nxt, False))
        return self.best[place], self.worst[place]

    def start(self) -> tuple[Vector, Vector]:
        return self.value(("prep", 0) if self.questions else ("enter", self.s.start))

    def moves(self, decision: Decision) -> tuple[MoveValue, ...]:
        out = []
        if decision.kind == "prep":
            qi = next(i for i, q in enumerate(self.questions) if q.id == decision.node_id)
            after = ("prep", qi + 1) if qi + 1 < len(self.questions) else ("enter", self.s.start)
            best, worst = self.value(after)
            for o in self.questions[qi].options:
                w = weight_vector(o.score)
                out.append(MoveValue(o.id, w, _add(w, best), _add(w, worst)))
            return tuple(out)
        node = self.s.nodes[decision.node_id]
        offered = set(decision.offered)
        for c in node.choices:
            if c.id not in offered:
                continue
            best, worst = self.value(("after", c.next))
            w = weight_vector(c.score)
            out.append(MoveValue(c.id, w, _add(w, best), _add(w, worst)))
        return tuple(out)

