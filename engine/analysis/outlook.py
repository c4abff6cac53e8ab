"""What each option at each decision of a playthrough could still lead to.

The game review needs, for every decision a trainee took, the value of every option that
was on offer: its own weights plus the best overall total still achievable after it
(Q(c) = w(c) + V(next)), exactly, and what that best continuation scores per dimension.
The decisions are replayed through the scenario's ``Rules`` from the start, so every
condition, mood threshold, trigger and time-out is honoured, and each option is valued
by the solver (``search``) from the very state the trainee stood in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..play.rules import CONTINUE, OBJECTIVES, ZERO, Move, Rules, Vector, rules_of
from ..play.state import Decision, State
from ..scenario.model import Scenario
from .search import OVERALL, Solver, solver_of


@dataclass(frozen=True)
class MoveValue:
    move: str  # option id, choice id, or "timeout"
    kind: str  # "answer", "choose" or "timeout"
    weights: Vector  # the move's own weights, per objective
    best: int  # best overall total from this decision on, through this move
    path: Vector  # per objective, the weights along that best continuation (the move's included)
    exact: bool = True  # False: ``best`` is a total someone can reach, the true best may be higher


@dataclass(frozen=True)
class Outlook:
    exact: bool  # every decision valued exactly
    best: int  # best achievable overall total over the whole scenario
    worst: int  # worst achievable overall total
    best_path: Vector  # per objective, the totals along a best-overall playthrough
    moves: tuple[tuple[MoveValue, ...], ...]  # per decision of the history, the moves on offer
    states: tuple[Optional[State], ...]  # per decision, the state it was taken in (None: the scenario changed)


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(x + y for x, y in zip(a, b))


def path_totals(solver: Solver, s: State) -> Vector:
    """Per objective, the weights along the best-overall playthrough from ``s``."""
    total = ZERO
    for _, move in solver.path(s, OVERALL):
        total = _add(total, move.vector)
    return total


def land(rules: Rules, s: State) -> State:
    """``s`` moved on past lines that only go on (nothing to decide there)."""
    moves = rules.moves(s)
    while len(moves) == 1 and moves[0].kind == CONTINUE:
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


def outlook(scenario: Scenario, history: Sequence[Decision], solver: Optional[Solver] = None) -> Outlook:
    rules = rules_of(scenario)
    solver = solver or solver_of(scenario)
    start = rules.initial()
    best = solver.value(start)
    worst = solver.value(start, worst=True)
    exact = best.exact and worst.exact
    states = replay_states(rules, history)
    rows: list[tuple[MoveValue, ...]] = []
    for s in states[:len(history)]:
        if s is None:
            exact = False
            rows.append(())
            continue
        row = []
        for option in solver.options(s):
            m: Move = option.move
            row.append(MoveValue(m.id, m.kind, m.vector, option.best.total,
                                 _add(m.vector, path_totals(solver, option.after)), option.best.exact))
            exact = exact and option.best.exact
        rows.append(tuple(row))
    return Outlook(exact, best.total, worst.total, path_totals(solver, start), tuple(rows), tuple(states[:-1]))


__all__ = ["MoveValue", "Outlook", "outlook", "land", "replay_states", "path_totals", "OBJECTIVES"]
