"""Simulated trainees: a seeded bot plays a whole session into the journal, step by step.

The cohort report, the LRS tests and the benchmarks need many real sessions — journaled as
a trainee's would be, every answer, choice, time-out and advance saved (and so every xAPI
statement written to the outbox) — without anyone at the keyboard. A bot picks by id from
what the session offers, in the order shown, so it exercises the same paths as a trainee.

``taste`` makes a cohort look like a group rather than noise: 0 picks uniformly, 1 always
takes the option with the highest total weight; in between, higher-weighted options are
likelier (a trainee who has read the material).
"""

from __future__ import annotations

import random
from typing import Optional

from engine import Scenario, Session


def _pick(rng: random.Random, ids: list[str], weights: list[int], taste: float) -> str:
    if rng.random() < taste:
        top = max(weights)
        return ids[weights.index(top)]
    return rng.choice(ids)


def play_bot(scenario: Scenario, seed: int, journal=None, scenario_path: str = "", language: str = "nl",
             taste: float = 0.4, timeouts: float = 0.5, trainee: str = "",
             on_step=None, max_steps: int = 500) -> tuple[Session, Optional[int]]:
    """Play one session to its end; with a ``journal`` every step is saved there (returns its id).
    ``timeouts``: the chance of taking a time-out where one is offered (once per decision)."""
    rng = random.Random(seed)
    session = Session.start(scenario, seed=seed)
    session_id = journal.start(session, scenario_path or scenario.path, language, trainee=trainee) \
        if journal is not None else None

    def saved() -> None:
        if journal is not None:
            journal.save(session_id, session)
        if on_step is not None:
            on_step(session)

    steps = 0
    while not session.finished and steps < max_steps:
        steps += 1
        if session.question is not None:
            options = session.prep_options
            session.answer(_pick(rng, [o.id for o in options], [sum(o.score.values()) for o in options], taste))
        elif session.timeout_available and not session.game.paused and rng.random() < timeouts:
            session.take_timeout()
        elif session.choices:
            choices = session.choices
            session.choose(_pick(rng, [c.id for c in choices], [sum(c.score.values()) for c in choices], taste))
        elif session.can_continue:
            session.advance()
        else:
            break
        saved()
    return session, session_id
