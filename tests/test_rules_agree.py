"""The analyser's fast rules and the session's state machine must agree on every step.

The session moves through ``transitions``; the analyser steps immutable snapshots. If
they ever disagreed, the debrief's "best achievable" would describe another game.
"""

from __future__ import annotations

import random

import pytest

from engine import Session, load_scenario, load_scenario_text
from engine.play.rules import Rules
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


def test_compiled_conditions_agree_with_their_meaning():
    """Every condition shape the analyser compiles to a closure (a slot against a number,
    the angriest or calmest resident, flags, and/or/not, either side constant) answers as
    the condition itself does on the same state."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from engine.scenario.conditions import parse_condition

    scenario = load_scenario_text(MINIMAL, "mini.yaml")
    rules = Rules(scenario)
    names = [f"{rid}.{var}" for rid, var in rules.slots] + [f"{k}.{var}" for k in ("max", "min")
                                                           for var in scenario.mood_variables]
    ops = ["==", "!=", "<", "<=", ">", ">="]
    atom = st.one_of(
        st.builds(lambda n, o, c: f"{n} {o} {c}", st.sampled_from(names), st.sampled_from(ops), st.integers(-1, 11)),
        st.builds(lambda c, o, n: f"{c} {o} {n}", st.integers(-1, 11), st.sampled_from(ops), st.sampled_from(names)),
        st.builds(lambda a, o, b: f"{a} {o} {b}", st.sampled_from(names), st.sampled_from(ops), st.sampled_from(names)),
        st.sampled_from(["flag.veilig", "not flag.veilig"]),
    )
    conditions = st.recursive(atom, lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
        st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
        st.builds(lambda a: f"not ({a})", inner)), max_leaves=4)
    moods = st.lists(st.integers(0, 10), min_size=len(rules.slots), max_size=len(rules.slots))

    @settings(max_examples=300, deadline=None)
    @given(conditions, moods, st.booleans())
    def agree(source, mood, flag):
        snap = rules.initial()._replace(mood=tuple(mood), flags=frozenset({"veilig"} if flag else ()))
        condition = parse_condition(source)
        assert rules.test(condition)(snap) == bool(condition(rules.env(snap))), source

    agree()
