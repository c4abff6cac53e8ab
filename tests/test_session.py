"""The session: moves, mood, conditions, triggers and saving, on a crafted scenario."""

from __future__ import annotations

import json

import pytest

from engine import EngineError, SaveError, Session, load_scenario_text, totals
from tests.crafted import MINIMAL


@pytest.fixture
def scenario():
    return load_scenario_text(MINIMAL, "mini.yaml")


def start_meeting(scenario, answer="veilig"):
    session = Session.start(scenario)
    assert session.in_preparation and session.question.id == "belang"
    session.answer(answer)
    return session


def test_preparation_comes_first_and_unlocks_reframing(scenario):
    prepared = start_meeting(scenario, "veilig")
    prepared.choose("luisteren")
    assert "herkaderen" in [c.id for c in prepared.choices]

    unprepared = start_meeting(scenario, "groot")
    unprepared.choose("luisteren")
    assert "herkaderen" not in [c.id for c in unprepared.choices]


def test_effects_move_each_resident_differently_and_clamp(scenario):
    s = start_meeting(scenario)
    s.choose("luisteren")
    assert s.mood["ineke"]["trust"] == 7 and s.mood["bert"]["anger"] == 5
    s2 = start_meeting(scenario)
    s2.choose("kaders")  # all: anger +2
    assert s2.mood["ineke"]["anger"] == 5 and s2.mood["bert"]["anger"] == 8


def test_trigger_walks_out_when_anger_reaches_ten_instead_of_next_line(scenario):
    s = start_meeting(scenario)
    s.choose("dreigen")  # bert anger 6 + 5 -> clamped to 10
    assert s.mood["bert"]["anger"] == 10
    assert s.finished and s.ending.id == "weggelopen"
    assert "midden" not in s.state.visited  # the redirected node was never shown


def test_line_without_choices_continues(scenario):
    s = start_meeting(scenario)
    s.choose("luisteren")
    s.choose("pauze")
    assert s.node.id == "slot" and s.can_continue and s.choices == []
    s.advance()
    assert s.node.id == "afsluiting"


def test_flag_and_earlier_choice_conditions(scenario):
    s = start_meeting(scenario)
    s.choose("kaders")  # sets kaders_genoemd
    s.choose("pauze")
    s.advance()
    assert sorted(c.id for c in s.choices) == sorted(["later"])

    s = start_meeting(scenario)
    s.choose("kaders")
    s.choose("herkaderen")  # chose.midden.herkaderen re-opens 'samen'
    s.advance()
    assert sorted(c.id for c in s.choices) == sorted(["samen", "later"])


def test_mood_dependent_variant_is_recorded_when_shown(scenario):
    s = Session.start(scenario)
    s.answer("veilig")
    assert s.line.variant == -1 and s.line.text.get("nl") == "Wanneer begint het?"


def test_choosing_something_not_offered_is_refused(scenario):
    s = start_meeting(scenario, "groot")
    s.choose("luisteren")
    with pytest.raises(EngineError):
        s.choose("herkaderen")
    with pytest.raises(EngineError):
        s.advance()


def test_history_records_offered_choices_and_mood_before_after(scenario):
    s = start_meeting(scenario)
    s.choose("luisteren")
    prep, first = s.history
    assert prep.kind == "prep" and prep.choice_id == "veilig"
    assert sorted(first.offered) == ["dreigen", "kaders", "luisteren"]  # in the order shown, whatever it was
    assert first.mood_before["ineke"]["trust"] == 5 and first.mood_after["ineke"]["trust"] == 7


def test_scores_sum_preparation_and_choices(scenario):
    s = start_meeting(scenario)
    for move in ("luisteren", "herkaderen"):
        s.choose(move)
    s.advance()
    s.choose("samen")
    assert s.ending.id == "afspraak"
    t = totals(scenario, s.history)
    assert t == {"step1": 1, "step2": 0, "step3": 2, "step4": 2, "step5": 2, "e1": 0, "e2": 0, "e3": 1, "e4": 0}


def test_save_and_resume_mid_meeting_gives_the_same_session(scenario):
    s = start_meeting(scenario)
    s.choose("luisteren")
    data = json.loads(json.dumps(s.to_data()))
    resumed = Session.from_data(scenario, data)
    assert resumed.node.id == s.node.id and resumed.mood == s.mood
    assert [c.id for c in resumed.choices] == [c.id for c in s.choices]  # the same order: the same seed
    resumed.choose("herkaderen")
    resumed.advance()
    resumed.choose("samen")
    assert resumed.ending.id == "afspraak"


def test_trigger_fires_at_most_once_even_after_resume(scenario):
    s = start_meeting(scenario)
    s.state.current = s.state.current._replace(fired=frozenset({0}))
    resumed = Session.from_data(scenario, json.loads(json.dumps(s.to_data())))
    resumed.choose("dreigen")
    assert not resumed.finished and resumed.node.id == "midden"


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("mood"),
    lambda d: d.update(version=99),
    lambda d: d.update(position="nowhere"),
    lambda d: d.update(scenario="other"),
    lambda d: d.update(history=[{"kind": "meeting"}]),
])
def test_damaged_or_foreign_saves_are_refused_with_save_error(scenario, damage):
    s = start_meeting(scenario)
    data = s.to_data()
    damage(data)
    with pytest.raises(SaveError):
        Session.from_data(scenario, data)


def test_non_mapping_save_is_refused(scenario):
    with pytest.raises(SaveError):
        Session.from_data(scenario, ["not", "a", "save"])
