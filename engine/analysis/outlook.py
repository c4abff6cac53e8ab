"""What each option at each decision of a playthrough could still lead to.

The game review needs, for every decision a trainee took, the value of every option that
was on offer: its own weights plus the best overall total still achievable after it
(Q(c) = w(c) + V(next)), exactly, and what that best continuation scores per dimension.
The decisions are replayed through the scenario's ``Rules`` from the start, so every
condition, mood threshold, trigger and time-out is honoured, and each option is valued
by the solver (``search``) from the very state the trainee stood in.

A debrief shows, per decision, the best option, the one taken and how far apart they are
on the scale from the weakest option to the best (the rubric's regret). So exactly those
are valued exactly: the best option (the first as written when several tie) and the move
made; the weakest option only when the move made was not the best (a best move's regret is
0 whatever the weakest scores); a time-out at a provocation only when it beats every
option. Every other option is only shown to lie in between, which a search with a floor
and a ceiling settles far sooner than its exact value. The weakest options of early
decisions are the costliest values of all: whole evenings gone wrong, where the bounds
that prune the search are furthest from the truth.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from ..play.rules import CONTINUE, OBJECTIVES, TIMEOUT_MOVE, ZERO, Move, Rules, Vector, rules_of
from ..play.state import Decision, State
from ..scenario.model import Scenario
from .collector import collector_paused
from .memory import AT_MOST, EXACT
from .search import OVERALL, BudgetExceeded, Solver, solver_of

# What a kept set of values (``Outlook.to_data``) was worked out by: bump it whenever a value a
# debrief shows could come out differently (which options are valued, how a tie is broken, the
# budgets), so values kept with older sessions are worked out again rather than shown stale.
VALUES_VERSION = 2  # 2: the continuation of a time-out that beats every option is kept too

# States the values of one decision may take together before reachable totals stand in
# ("minstens"). On the largest scenarios trainers write, an evening gone wrong early can take
# the exact search hundreds of thousands of states (minutes) per value, and a debrief that
# does not come is worse than one that says where it is approximate.
DECISION_BUDGET = 60_000


@dataclass(frozen=True)
class MoveValue:
    move: str  # option id, choice id, or "timeout"
    kind: str  # "answer", "choose" or "timeout"
    weights: Vector  # the move's own weights, per objective
    # Best overall total from this decision on, through this move; None: not needed by the
    # debrief (neither the best, the weakest nor the move made), only known to lie in between.
    best: Optional[int]
    path: Optional[Vector]  # per objective, the weights along that best continuation (the move's included)
    exact: bool = True  # False: ``best`` is a total someone can reach, the true best may be higher


@dataclass(frozen=True)
class Outlook:
    exact: bool  # every decision valued exactly
    best: int  # best achievable overall total over the whole scenario
    worst: int  # worst achievable overall total
    best_path: Vector  # per objective, the totals along a best-overall playthrough
    moves: tuple[tuple[MoveValue, ...], ...]  # per decision of the history, the moves on offer
    states: tuple[Optional[State], ...]  # per decision, the state it was taken in (None: the scenario changed)

    def to_data(self, scenario: Scenario, history: Sequence[Decision]) -> dict[str, Any]:
        """The values as JSON-ready data, to keep with the session: worked out once (the front
        ends value each decision while the trainee plays), a debrief opened again later, a
        trainer's report over a course or the statements for the academy's record store read
        them instead of searching again (seconds per session on a large evening). Marked with
        what they hold for (``fits``): this scenario, exactly this history, this analysis."""
        return {"version": VALUES_VERSION, "fits": values_key(scenario, history), "exact": self.exact,
                "best": self.best, "worst": self.worst, "best_path": list(self.best_path),
                "moves": [[[mv.move, mv.kind, list(mv.weights), mv.best,
                            None if mv.path is None else list(mv.path), mv.exact] for mv in row]
                          for row in self.moves]}

    @staticmethod
    def from_data(data: Any, scenario: Scenario, history: Sequence[Decision]) -> Optional["Outlook"]:
        """Kept values (``to_data``) when they hold for this scenario and history and were worked
        out by this analysis; None otherwise, also for anything damaged (work them out again)."""
        try:
            if data.get("version") != VALUES_VERSION or data.get("fits") != values_key(scenario, history):
                return None
            width = len(OBJECTIVES)
            rows = tuple(tuple(_move_value(raw, width) for raw in row) for row in data["moves"])
            best_path = _vector_of(data["best_path"], width)
            best, worst, exact = data["best"], data["worst"], data["exact"]
            if len(rows) != len(history) or not _ints(best, worst) or type(exact) is not bool:
                return None
            for row, d in zip(rows, history):
                if row and all(mv.move != d.choice_id for mv in row):
                    return None
        except (AttributeError, KeyError, TypeError, ValueError):
            return None
        return Outlook(exact, best, worst, best_path, rows, (None,) * len(rows))


def values_key(scenario: Scenario, history: Sequence[Decision]) -> str:
    """What kept values hold for: the scenario as written and every decision, in order."""
    said = json.dumps([scenario.id, scenario.digest, len(OBJECTIVES),
                       [[d.kind, d.node_id, d.choice_id] for d in history]], ensure_ascii=False)
    return hashlib.sha256(said.encode("utf-8")).hexdigest()


def _ints(*values: Any) -> bool:
    return all(type(v) is int for v in values)


def _vector_of(raw: Any, width: int) -> Vector:
    if not isinstance(raw, list) or len(raw) != width or not _ints(*raw):
        raise ValueError("not a vector")
    return tuple(raw)


def _move_value(raw: Any, width: int) -> MoveValue:
    move, kind, weights, best, path, exact = raw
    if not isinstance(move, str) or not isinstance(kind, str) or type(exact) is not bool \
            or not (best is None or type(best) is int):
        raise ValueError("not a move's value")
    return MoveValue(move, kind, _vector_of(weights, width), best,
                     None if path is None else _vector_of(path, width), exact)


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(x + y for x, y in zip(a, b))


def path_totals(solver: Solver, s: State, known: Optional[int] = None) -> Vector:
    """Per objective, the weights along a best-overall playthrough from ``s``: where several
    reach the best, the one the search rates most promising (``Solver.path``), a choice that
    depends on the state alone, so a debrief shows the same numbers however it was valued.
    ``known``: the best overall total from ``s``, when it is known exactly already."""
    total = ZERO
    for _, move in solver.path(s, OVERALL, promising_first=True, known=known):
        total = _add(total, move.vector)
    return total


def land(rules: Rules, s: State) -> State:
    """``s`` moved on past lines that only go on (nothing to decide there)."""
    moves = rules.moves(s)
    for _ in range(rules.most_lines):  # (beyond: lines that go round for ever; there it stays)
        if not (len(moves) == 1 and moves[0].kind == CONTINUE):
            break
        s = rules.step(s, moves[0])
        moves = rules.moves(s)
    return s


def replay_states(rules: Rules, history: Sequence[Decision]) -> list[Optional[State]]:
    """The state each decision was taken in, plus the one after the last (None once the
    history no longer fits the scenario, which changed since the session was played)."""
    s: Optional[State] = land(rules, rules.initial())
    out: list[Optional[State]] = []
    for d in history:
        out.append(s)
        if s is None:
            continue
        move = rules.move(s, d.choice_id)
        s = land(rules, rules.step(s, move)) if move is not None else None
    out.append(s)
    return out


@collector_paused()
def outlook(scenario: Scenario, history: Sequence[Decision], solver: Optional[Solver] = None) -> Outlook:
    rules = rules_of(scenario)
    solver = solver or solver_of(scenario)
    start = rules.initial()
    best = solver.value(start)
    worst = solver.value(start, worst=True)
    exact = best.exact and worst.exact
    states = replay_states(rules, history)
    rows: list[tuple[MoveValue, ...]] = []
    for s, d in zip(states, history):
        if s is None:
            exact = False
            rows.append(())
            continue
        row = decision_values(solver, s, d.choice_id, _provocation(scenario, s))
        exact = exact and all(mv.exact for mv in row)
        rows.append(row)
    return Outlook(exact, best.total, worst.total, path_totals(solver, start), tuple(rows), tuple(states[:-1]))


@collector_paused()
def value_decisions(scenario: Scenario, history: Sequence[Decision], solver: Solver) -> None:
    """Value every decision of ``history`` the way ``outlook`` will, so the debrief finds
    them ready (``solver.decisions``); what was valued before is not valued again."""
    rules = rules_of(scenario)
    for s, d in zip(replay_states(rules, history), history):
        if s is not None:
            decision_values(solver, s, d.choice_id, _provocation(scenario, s))


def _provocation(scenario: Scenario, s: State) -> bool:
    node = scenario.nodes.get(s[0])
    return node is not None and node.provocation


def decision_values(solver: Solver, s: State, chosen: str, provocation: bool = False) -> tuple[MoveValue, ...]:
    """The moves ``s`` offers, valued as far as the debrief reads them (see the module's
    docstring); ``provocation``: whether a time-out that beats every option is worth naming.
    Where a search runs out of budget, the total of a real playthrough stands in, marked
    inexact ("minstens")."""
    asked = (s, chosen, provocation)
    kept = solver.decisions.get(asked)
    if kept is not None:  # valued already (the window values each decision while the trainee plays)
        return kept
    rules = solver.rules
    moves = rules.moves(s)
    after = [rules.step(s, m) for m in moves]
    known, rough = _needed_values(solver, moves, after, chosen, provocation)
    choices = [i for i, m in enumerate(moves) if m.kind != TIMEOUT_MOVE]
    top = max((known[i] for i in choices if i in known), default=None)
    most = max(known.values(), default=None)  # a time-out that beats every option included
    shown = {next((i for i in choices if known.get(i) == top), None),
             next((i for i, m in enumerate(moves) if m.id == chosen), None),
             next((i for i in range(len(moves)) if known.get(i) == most), None)}
    row = tuple(MoveValue(m.id, m.kind, m.vector, known.get(i),
                          _add(m.vector, _continuation(solver, after[i], i in rough, _rest(known.get(i), m)))
                          if i in shown else None,
                          i not in rough)
                for i, m in enumerate(moves))
    solver.decisions[asked] = row
    return row


def _rest(total: Optional[int], m: Move) -> Optional[int]:
    """What the rest scores after move ``m``, of a total through it."""
    return None if total is None else total - m.vector[OVERALL]


def _continuation(solver: Solver, s: State, rough: bool, known: Optional[int]) -> Vector:
    """Per objective, the weights along the best continuation from ``s`` (whose best total,
    exactly, is ``known``); for a value that is only reachable (``rough``: its search ran out of
    budget), along the playthrough that reaches it, found without another search."""
    if not rough:
        return path_totals(solver, s, known)
    total = ZERO
    for _, move in solver.reachable_path(s):
        total = _add(total, move.vector)
    return total


def _needed_values(solver: Solver, moves: list[Move], after: list[State], chosen: str,
                   provocation: bool) -> tuple[dict[int, int], set]:
    """Exact totals through: the best option and the first as written to reach it, the move
    made, the weakest option when the move made was a lesser option, and at a provocation the
    time-out when it beats every option; and which of them are only a reachable total because
    a search ran out of budget."""
    weight = [m.vector[OVERALL] for m in moves]
    most = [w + solver.relaxed.bound(nxt, OVERALL) for w, nxt in zip(weight, after)]  # no more than this
    choices = [i for i, m in enumerate(moves) if m.kind != TIMEOUT_MOVE]
    known: dict[int, int] = {}
    rough: set[int] = set()

    spent = solver.valued + DECISION_BUDGET  # ``valued`` at which this decision's budget is gone

    def ask(i: int, floor: float, ceil: float) -> tuple[int, int]:
        left = spent - solver.valued
        try:
            if left > 0:
                return solver.bounded(after[i], floor, ceil, budget=left)
        except BudgetExceeded:
            pass
        rough.add(i)  # a total someone can reach stands in, marked inexact
        return solver.reachable(after[i]), EXACT

    top: Optional[int] = None
    for i in sorted(choices, key=lambda i: -most[i]):  # the most promising first: the rest often can't beat it
        if top is not None and most[i] <= top:
            break
        value, kind = ask(i, -math.inf if top is None else top - weight[i], math.inf)
        if kind == EXACT and (top is None or weight[i] + value > top):
            known[i] = top = weight[i] + value
    if top is not None:
        for i in choices:  # the first as written that reaches the best is the one the debrief names
            if known.get(i) == top:
                break
            if i not in known and most[i] >= top:
                value, kind = ask(i, top - 1 - weight[i], top - weight[i])
                if kind != AT_MOST and weight[i] + value >= top:  # an exact value may lie outside the window
                    known[i] = top
                    break

    mine = next((i for i, m in enumerate(moves) if m.id == chosen), None)
    if mine is not None and mine not in known:
        known[mine] = weight[mine] + ask(mine, -math.inf, math.inf)[0]

    lesser = mine in choices and top is not None and known[mine] < top
    weakest = min((known[i] for i in choices if i in known), default=math.inf)
    for i in sorted(choices, key=lambda i: most[i]):  # the likeliest weakest first: a lower ceiling settles sooner
        if not lesser or i in known:
            continue
        value, kind = ask(i, -math.inf, weakest - weight[i])
        if kind == EXACT:
            known[i] = weight[i] + value
            weakest = min(weakest, known[i])

    for i, m in enumerate(moves):
        if provocation and m.kind == TIMEOUT_MOVE and i not in known and top is not None:
            value, kind = ask(i, top - weight[i], math.inf)
            if kind == EXACT and weight[i] + value > top:
                known[i] = weight[i] + value
    return known, rough


__all__ = ["MoveValue", "Outlook", "VALUES_VERSION", "values_key", "outlook", "decision_values", "value_decisions",
           "land", "replay_states", "path_totals", "OBJECTIVES"]
