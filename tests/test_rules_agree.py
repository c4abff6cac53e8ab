"""The live session (the ``transitions`` machine) and the analyser's pure stepping run the same
compiled rules; random playthroughs, time-outs and interruptions included, must agree on every
state. If they ever disagreed, "best achievable" would describe another game."""

from __future__ import annotations

import random

import pytest

from engine import Session, load_scenario, load_scenario_text
from engine.play.rules import CONTINUE, TIMEOUT_MOVE, rules_of
from tests.conftest import ROOT, SHIPPED
from tests.crafted import GROUP, MINIMAL
from tests.fixtures.realistic import realistic_text

REALISTIC = sorted((ROOT / "tests" / "scenarios" / "realistic").glob("*.yaml"))


def scenarios():
    yield load_scenario_text(MINIMAL, "mini.yaml")
    yield load_scenario_text(GROUP, "group.yaml")
    for path in SHIPPED + REALISTIC:
        yield load_scenario(str(path))
    yield load_scenario_text(realistic_text(3, residents=4, nodes=30), "generated.yaml")


@pytest.mark.slow
@pytest.mark.parametrize("scenario", list(scenarios()), ids=lambda s: s.id)
def test_random_playthroughs_agree(scenario):
    rules = rules_of(scenario)
    for seed in range(25):
        rnd = random.Random(seed)
        session = Session.start(scenario, seed=seed)
        state = rules.initial() if rules.questions else session.game
        assert state == session.game
        while not session.finished:
            moves = rules.moves(state)
            offered = [m.id for m in moves if m.kind not in (CONTINUE, TIMEOUT_MOVE)]
            shown = [o.id for o in session.prep_options] if session.question else [c.id for c in session.choices]
            assert sorted(offered) == sorted(shown)  # the same options, in the session's own order
            assert any(m.kind == TIMEOUT_MOVE for m in moves) == session.timeout_available
            move = moves[rnd.randrange(len(moves))]
            state = rules.step(state, move)
            if move.kind == "answer":
                session.answer(move.id)
            elif move.kind == CONTINUE:
                session.advance()
            elif move.kind == TIMEOUT_MOVE:
                session.take_timeout()
            else:
                session.choose(move.id)
            assert state == session.game, move.id
        assert rules.moves(state) == []


def test_the_same_seed_shows_the_same_order_and_sessions_differ_without_one():
    scenario = load_scenario(str(ROOT / "scenarios" / "verslavingsopvang.yaml"))
    first = [tuple(c.id for c in _first_decision(Session.start(scenario, seed=s)).choices) for s in range(12)]
    assert len(set(first)) > 3  # the first decision in several different orders over 12 sessions
    again = tuple(c.id for c in _first_decision(Session.start(scenario, seed=5)).choices)
    assert again == first[5]


def _first_decision(session: Session) -> Session:
    while session.question:
        session.answer(session.prep_options[0].id)
    while session.can_continue:
        session.advance()
    return session
