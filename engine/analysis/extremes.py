"""The best and worst playthrough per objective, for ``analyze``.

Over the listed situations when they could all be listed (every objective in one pass);
otherwise the overall total by the solver with the tight bounds (what trainees are shown), and
each dimension, a side note, by a short search from the best (worst) playthrough found so far,
asked with the bounds that cost least (``lightbounds``). Each comes as a ``Path``, a real
playthrough that replays to its totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..play.rules import OBJECTIVES, OVERALL, ZERO, Rules, Vector
from ..play.state import State
from .graph import StateGraph, land
from .lightbounds import cheap_solver_of
from .liveness import Key
from .search import DEFAULT_BUDGET, BudgetExceeded, Solver, solver_of

OVERALL_BUDGET = 200_000  # states each extreme may value, overall and per dimension
DIMENSION_BUDGET = 2_000  # one search per dimension's extreme: its playthrough follows the same answer


@dataclass(frozen=True)
class Path:
    """A playthrough as the author wrote it: (node or prep:QUESTION, choice, option or timeout) moves."""

    moves: tuple[tuple[str, str], ...]
    ending: Optional[str]
    totals: tuple[int, ...]  # per OBJECTIVES

    def total(self, objective: str) -> int:
        return self.totals[OBJECTIVES.index(objective)]



def extremes(rules: Rules, graph: Optional[StateGraph], best: dict[str, Path],
             worst: dict[str, Path]) -> tuple[dict[str, Path], dict[str, Path], dict[str, bool]]:
    """Per objective a best and a worst path, and whether each objective's are exact: over the
    listed graph when there is one (all objectives in one pass), otherwise by the solver, one
    question per objective, starting from the playthroughs in ``best`` and ``worst`` (sampled)."""
    best, worst = dict(best), dict(worst)
    if graph is not None:
        for low, paths in ((False, best), (True, worst)):
            table = graph.values(low)
            for k, objective in enumerate(OBJECTIVES):
                paths[objective] = _graph_path(graph, table, k, low)
        return best, worst, dict.fromkeys(OBJECTIVES, True)
    values_exact: dict[str, bool] = {}
    solver = solver_of(rules.scenario)
    # The dimensions' extremes, a side note on small budgets, every dimension valued at once in the
    # bounds: with those that follow no ceilings where the tight ones would be large.
    sides = cheap_solver_of(rules.scenario, reuse_warm=False)
    start = rules.initial()
    # The overall total first: it is what trainees are shown. Then each dimension's extremes, a
    # side note, each from the best (worst) the playthroughs found so far reach on it: the search
    # only has to show that nothing beats that, or find what does.
    order = [OVERALL] + [k for k in range(len(OBJECTIVES)) if k != OVERALL]
    for k in order:
        objective = OBJECTIVES[k]
        if k == OVERALL:
            solver.budget = OVERALL_BUDGET
        else:  # (after the overall total: ``sides`` may be the same solver)
            sides.budget = DIMENSION_BUDGET
        exact = True
        for low, paths in ((False, best), (True, worst)):
            if k == OVERALL:
                exact = solver.value(start, k, low).exact and exact
                paths[objective] = _solver_path(rules, solver, start, k, low)
                continue
            found, ok = _dimension_extreme(rules, sides, start, k, low, [*best.values(), *worst.values()])
            paths[objective] = found
            exact = ok and exact
        values_exact[objective] = exact
    solver.budget = sides.budget = DEFAULT_BUDGET
    # As listed, whatever order they were found in.
    return {o: best[o] for o in OBJECTIVES}, {o: worst[o] for o in OBJECTIVES}, values_exact


def _dimension_extreme(rules: Rules, solver: Solver, start: State, k: int, worst: bool,
                       known: list[Path]) -> tuple[Path, bool]:
    """A playthrough reaching the best (``worst``: the worst) total on dimension ``k``, and whether
    that total is exact. ``known``: playthroughs found already, the best of them on ``k`` the bar."""
    pick = min if worst else max
    bar = pick(known, key=lambda p: p.totals[k])
    try:
        better = solver.beyond(start, bar.totals[k], k, worst)
    except BudgetExceeded:
        reached = _playout_of(rules, solver, start, k, worst)
        return pick([bar, reached], key=lambda p: p.totals[k]), False
    if better is None:
        return bar, True  # nothing beats a playthrough we have
    return _solver_path(rules, solver, start, k, worst), True


def _graph_path(graph: StateGraph, table: dict[Key, Vector], k: int, worst: bool) -> Path:
    key, moves, totals, seen = graph.initial, [], ZERO, set()
    pick = min if worst else max
    while graph.edges.get(key) and key not in seen:
        seen.add(key)
        options = [(m, nxt) for m, nxt in graph.edges[key] if nxt in table]
        if not options:
            break
        target = pick(m.vector[k] + table[nxt][k] for m, nxt in options)
        move, nxt = next((m, n) for m, n in options if m.vector[k] + table[n][k] == target)
        moves.append((graph.states[key][0], move.id))
        totals = tuple(a + b for a, b in zip(totals, move.vector))
        key = nxt
    ending = key[0] if key[0] in graph.scenario.endings else None
    return Path(tuple(moves), ending, totals)


def _solver_path(rules: Rules, solver: Solver, start: State, k: int, worst: bool) -> Path:
    return _as_path(rules, start, solver.path(start, k, worst))


def _playout_of(rules: Rules, solver: Solver, start: State, k: int, worst: bool) -> Path:
    """The playthrough that follows the bounds greedily: found at once, no search."""
    return _as_path(rules, start, solver.reachable_path(start, k, worst))


def _as_path(rules: Rules, start: State, steps: list) -> Path:
    moves, totals, last = [], ZERO, start
    for state, move in steps:
        if move.kind != "continue":
            moves.append((state[0], move.id))
        totals = tuple(a + b for a, b in zip(totals, move.vector))
        last = rules.step(state, move)
    last, _ = land(rules, last)
    ending = last[0] if last[0] in rules.endings else None
    return Path(tuple(moves), ending, totals)


__all__ = ["Path", "extremes", "OVERALL_BUDGET", "DIMENSION_BUDGET"]
