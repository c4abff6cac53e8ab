"""Scoring loopholes: where a mistake pays better than doing it right.

A score only teaches when the right move is also the best route. Two ways an author can
accidentally reward a mistake, both measured with the solver (``search``) on the best
playthrough:

- a *wrong* preparation answer whose best continuation scores more than the best
  continuation of the right answer (the preparation then punishes understanding);
- a choice that costs points here (a mistake) but leads to a best total at least as high as
  the best choice that doesn't (the repair is worth the damage or more: a trainee who errs on
  purpose and then repairs it does as well as, or beats, one who does it right at once; the
  debrief, which judges by what is still achievable, calls such a mistake a best choice).
"""

from __future__ import annotations

from ..play.rules import ANSWER, CHOOSE, rules_of
from ..scenario.errors import Problem
from ..scenario.messages import msg
from ..scenario.model import Scenario
from .collector import collector_paused
from .lightbounds import cheap_solver_of
from .outlook import land
from .search import OVERALL, Solver, solver_of

# A question asked with the bounds without ceilings (``cheap_solver_of``) may take this many states,
# or as many as those bounds have places, before the tight bounds are built after all.
LIGHT_BUDGET = 2_000


@collector_paused()
def loopholes(scenario: Scenario, solver: Solver | None = None) -> list[Problem]:
    """The loopholes of ``scenario``. Without a ``solver``: with the tight bounds when they are
    built already or would be small; else first with the bounds that follow no ceilings, cheap to
    build, which answer these short questions nearly as fast unless one runs long."""
    if solver is not None:
        return _loopholes(scenario, solver)
    light = cheap_solver_of(scenario)
    if not light.follow:
        budget = light.budget
        light.budget = max(LIGHT_BUDGET, light.relaxed.places)
        try:
            return _loopholes(scenario, light, light.ran_out)
        except _RanOut:
            pass
        finally:
            light.budget = budget
    return _loopholes(scenario, solver_of(scenario))


class _RanOut(Exception):
    """A question of the bounds without ceilings ran long: the tight bounds take over."""


def _loopholes(scenario: Scenario, solver: Solver, ran_out: int | None = None) -> list[Problem]:
    """``ran_out``: stop (``_RanOut``) as soon as a question runs out of its budget."""
    def settled() -> None:
        if ran_out is not None and solver.ran_out > ran_out:
            raise _RanOut()
    rules = rules_of(scenario)
    out: list[Problem] = []
    s = land(rules, rules.initial())
    seen: set = set()
    for _ in range(10_000):
        moves = rules.moves(s)
        if not moves or solver.liveness.key(s) in seen:
            break
        seen.add(solver.liveness.key(s))
        after = {m.id: rules.step(s, m) for m in moves}
        if moves[0].kind == ANSWER:
            sound = [m for m in moves if m.source.correct]
            suspect = [m for m in moves if not m.source.correct]
        else:  # choices only: a time-out is a pause before one of them, not an alternative
            sound = [m for m in moves if m.kind == CHOOSE and m.vector[-1] >= 0]
            suspect = [m for m in moves if m.kind == CHOOSE and m.vector[-1] < 0]
        # The best sound move, found by asking each "more than the best so far?" (cheaper than valuing all).
        top, best, exact = None, None, True
        for m in sorted(sound, key=lambda m: m.vector[-1] + solver.relaxed.bound(after[m.id], OVERALL), reverse=True):
            if top is None or solver.beats(after[m.id], top - m.vector[-1]):
                v = solver.value(after[m.id])
                top, best, exact = m.vector[-1] + v.total, m, exact and v.exact
            settled()
        if top is not None and exact:
            for m in moves:  # a label "best" the analysis contradicts: the debrief would say both
                if m.kind == CHOOSE and m.source.label == "best" and m is not best \
                        and not solver.beats(after[m.id], top - m.vector[-1] - 1):
                    out.append(Problem(scenario.path, m.source.pos.line, m.source.pos.column,
                                       msg("loophole.label_best", choice=f"{s.position}.{m.id}",
                                           better=best.id if best is not None else "?", top=top), "warning"))
                settled()
            for m in suspect:
                # A choice's mistake that only ties is one too: the debrief calls it a best choice.
                tie = m.kind == CHOOSE
                if solver.beats(after[m.id], top - m.vector[-1] - tie):
                    more = not tie or solver.beats(after[m.id], top - m.vector[-1])
                    out.append(_problem(scenario, s, m, top, more))
                settled()
        # On along the direct good path: the best sound move (a line or a time-out: the only move).
        s = land(rules, after[(best or moves[0]).id])
    return out


def _problem(scenario: Scenario, s, m, top: int, more: bool = True) -> Problem:
    pos = m.source.pos
    if m.kind == ANSWER:
        return Problem(scenario.path, pos.line, pos.column,
                       msg("loophole.prep", answer=f"{m.source.question_id}.{m.id}", top=top), "warning")
    return Problem(scenario.path, pos.line, pos.column,
                   msg("loophole.repair" if more else "loophole.repair_tie", choice=f"{s.position}.{m.id}",
                       score=m.vector[-1], top=top), "warning")
