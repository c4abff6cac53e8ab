"""``tussenwerker plan``: write a golden playthrough for the best, the worst or a random path.

A plan (``tests/playthroughs/*.plan``, run by ``engine.play.plans``) pins down what a path
through a scenario must lead to. Writing one by hand means playing, noting every id
and adding up the scores; this writes it from the analyser's best or worst path (or a
seeded random one), played through a real session so the expected ending and scores
are exactly what the engine gives today. Review it, then commit it: from then on a
change to the scenario that alters this path fails the test with a readable message.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Optional

import yaml

from engine.analysis.search import solver_of
from engine.play.plans import play_moves
from engine.play.rules import OBJECTIVES, rules_of
from engine.play.scoring import totals
from engine.play.session import Session
from engine.scenario.model import Scenario
from simulator import catalog


class GoesRound(Exception):
    """A path that never reaches an ending (a loop in the scenario: with no way out, or one the
    best or worst path could only go round again)."""


def _random_moves(scenario: Scenario, seed: int) -> tuple[dict[str, str], list[str]]:
    """The answers and choices ``play --auto random --seed SEED`` makes: drawn from the options as
    written (the order a session shows them in is shuffled afresh), so the same seed gives the
    same path every time, here and in the player."""
    rnd = random.Random(seed)
    session = Session.start(scenario)
    prep: dict[str, str] = {}
    choices: list[str] = []
    most = rules_of(scenario).most_moves
    while not session.finished:
        if len(session.history) > most:
            position = session.state.position
            session.close()
            raise GoesRound(f"{scenario.path}: the random path (seed {seed}) goes round without end at {position!r}: "
                            f"no ending after {most} steps; 'validate' points out the loop")
        q = session.question
        if q is not None:
            offered_ids = {o.id for o in session.prep_options}
            written = [o.id for o in q.options if o.id in offered_ids]  # as written, never as shuffled
            option = written[rnd.randrange(len(written))]
            prep[q.id] = option
            session.answer(option)
        elif session.can_continue:
            session.advance()
        else:
            offered = {c.id for c in session.choices}
            node = session.node
            written = [c.id for c in node.choices if c.id in offered] if node is not None else []
            if not written:
                break
            pick = written[rnd.randrange(len(written))]
            choices.append(pick)
            session.choose(pick)
    session.close()
    return prep, choices


def plan_moves(scenario: Scenario, auto: str, seed: int = 0) -> tuple[dict[str, str], list[str]]:
    """Preparation answers and choices of the best, worst or a random path."""
    if auto == "random":
        return _random_moves(scenario, seed)
    solver = solver_of(scenario)
    path = solver.path(rules_of(scenario).initial(), OBJECTIVES.index("overall"), worst=auto == "worst")
    prep = {where[len("prep:"):]: move.id for where, move in ((s[0], m) for s, m in path)
            if where.startswith("prep:")}
    choices = [m.id for s, m in path if not s[0].startswith("prep:") and m.kind in ("choose", "timeout")]
    return prep, choices


def scenario_reference(scenario: Scenario, given: str, plan_at: Optional[str] = None) -> str:
    """The scenario's id when plans can find it by id; else its path relative to the plan file
    (``plan_at``), which is how ``test`` reads it wherever it runs; without a plan file (the plan
    goes to standard output), the path as given."""
    shipped = catalog.scenario_dir() / f"{scenario.id}.yaml"
    if shipped.exists() and shipped.resolve() == Path(scenario.path).resolve():
        return scenario.id
    if plan_at is None:
        return given
    folder = Path(plan_at).resolve().parent
    try:
        return Path(os.path.relpath(Path(scenario.path).resolve(), folder)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(scenario.path).resolve().as_posix()


def plan_text(scenario: Scenario, auto: str, seed: int, given: str, plan_at: Optional[str] = None) -> str:
    prep, choices = plan_moves(scenario, auto, seed)
    session, failures = play_moves(scenario, prep, choices)
    if not session.finished:  # the best (worst) path would have to go round a loop it was in before
        position = session.state.position
        session.close()
        raise GoesRound(f"{scenario.path}: the {auto} path reaches no ending: from {position!r} on it could only "
                        f"go round a loop it went through before; 'validate' points out the loop")
    scores = {k: v for k, v in totals(scenario, session.history).items() if v}
    session.close()
    what = {"best": "the best path", "worst": "the worst path", "random": f"a random path (seed {seed})"}[auto]
    data = {
        "scenario": scenario_reference(scenario, given, plan_at),
        "preparation": prep,
        "choices": choices,
        "expect": {"ending": session.state.ending, "scores": scores},
    }
    by = "" if auto == "random" else ", by overall score"
    head = (f"# Golden playthrough: {what} through {scenario.id}{by}.\n"
            f"# Written by `tussenwerker plan --auto {auto}`; run with `tussenwerker test THIS_FILE`.\n")
    if failures:  # pragma: no cover - the analyser's path is playable by construction
        head += "".join(f"# warning: {f}\n" for f in failures)
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
