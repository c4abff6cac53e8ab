"""Each decision is valued for the debrief while the trainee plays on (``ReviewJob.follow``),
so the debrief of a large scenario is ready when the meeting ends instead of freezing the
window then; and it says exactly what a debrief valued from scratch says."""

from __future__ import annotations

import random
import time

from engine.analysis.search import Solver
from engine.debrief.review import review
from engine.play.rules import rules_of
from engine.play.session import Session
from engine.scenario.loader import load_scenario_text
from simulator.review_service import ReviewJob
from tests.fixtures.realistic import realistic_text


def _played(scenario, seed: int, job: ReviewJob) -> Session:
    session = Session.start(scenario, seed=seed)
    rnd = random.Random(seed)
    while not session.finished:
        if session.can_continue:
            session.advance()
            continue
        if session.question is not None:
            session.answer(rnd.choice(session.prep_options).id)
        else:
            session.choose(rnd.choice(session.choices).id)
        job.follow(session.state.history)
    return session


def _summary(r):
    return (r.best_overall, r.worst_overall, r.exact,
            [(d.verdict, d.better_id, d.regret, dict(d.best_here), dict(d.best_after)) for d in r.decisions])


def test_the_decisions_are_valued_while_playing_and_the_debrief_then_values_nothing(monkeypatch):
    monkeypatch.setattr(ReviewJob, "_jobs", {})
    scenario = load_scenario_text(realistic_text(5, residents=3, nodes=40), "gevolgd.yaml")
    job = ReviewJob.for_scenario(scenario)
    session = _played(scenario, 2, job)
    history = session.state.history
    deadline = time.monotonic() + 120
    while not job.ready_for(history):
        assert time.monotonic() < deadline, "the follower never caught up"
        time.sleep(0.02)
    solver = job.solver
    assert solver is not None and len(solver.decisions) >= len(history) - 1
    before = solver.valued
    followed = review(scenario, history, session.state.ending, solver=solver)
    assert solver.valued == before  # every number was there already
    fresh = review(scenario, history, session.state.ending, solver=Solver(rules_of(scenario)))
    assert _summary(followed) == _summary(fresh)


def test_a_history_nobody_handed_in_is_asked_for_when_its_debrief_is_wanted(monkeypatch):
    monkeypatch.setattr(ReviewJob, "_jobs", {})
    scenario = load_scenario_text(realistic_text(6, residents=3, nodes=20), "later.yaml")
    silent = ReviewJob(scenario)  # a job that was never told about the moves
    played = _played(scenario, 1, silent)
    job = ReviewJob.for_scenario(scenario)
    deadline = time.monotonic() + 120
    while not job.ready_for(played.state.history):  # a session resumed from the journal, say
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert job.solver is not None and job.solver.decisions
