"""The analyser's fast rules and the session's state machine must agree on every step.

The session moves through ``transitions``; the analyser steps immutable snapshots. If
they ever disagreed, the debrief's "best achievable" would describe another game.
"""

from __future__ import annotations

import random

import pytest

from engine import Session, load_scenario, load_scenario_text
from engine.rules import Rules
from tests.conftest import SHIPPED
from tests.crafted import MINIMAL


def scenarios():
    yield load_scenario_text(MINIMAL, "mini.yaml")
    for path in SHIPPED:
        yield load_scenario(str(path))


def same(rules: Rules, snap, session: Session) -> None:
    assert snap.position == session.state.position
    mood = {slot: snap.mood[i] for i, slot in enumerate(rules.slots)}
    assert mood == {(rid, var): session.mood[rid][var] for rid, var in rules.slots}
    assert snap.flags == frozenset(session.state.flags)
    assert snap.fired == frozenset(session.state.fired_triggers)


@pytest.mark.parametrize("scenario", list(scenarios()), ids=lambda s: s.id)
def test_random_playthroughs_agree(scenario):
    rules = Rules(scenario)
    for seed in range(40):
        rnd = random.Random(seed)
        session = Session.start(scenario)
        snap = rules.initial()
        same(rules, snap, session)
        while not session.finished:
            options = rules.options(snap)
            if session.question:
                offered = [o.id for o in session.question.options]
            elif session.can_continue:
                offered = ["continue"]
            else:
                offered = [c.id for c in session.choices]
            assert [o[0] for o in options] == offered
            move, _, snap = options[rnd.randrange(len(options))]
            if session.question:
                session.answer(move)
            elif move == "continue":
                session.advance()
            else:
                session.choose(move)
            same(rules, snap, session)
        assert rules.options(snap) == []
