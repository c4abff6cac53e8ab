"""Replay from here: a branch stands exactly where the first attempt stood, and both paths compare."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine import Session, load_scenario
from engine.debrief.branching import BranchError, branch, compare_paths
from engine.debrief.review import review
from engine.play.plans import play_moves
from tests.conftest import SCENARIOS

GOLDEN_SCENARIO = Path(__file__).parent / "golden" / "branch.yaml"
GOLDEN = Path(__file__).parent / "golden" / "branch-state.json"  # regenerate: UPDATE_GOLDEN=1 pytest this file
# speeltuin-kort-gemengd.plan: three preparation answers, then five choices.
PREP = {"belang_bewoners": "veilig_spelen", "mandaat": "niets", "alternatief": "ontwerpavond"}
CHOICES = ["laten_vertellen", "feiten", "herstellen", "eigen_voorstel", "bedenktijd"]
AT = 5  # 0-based: decision 6, 'herstellen' at bert_boos, after 'feiten' made Bert angry


def comparable(data: dict) -> dict:
    """A saved state without its clock times (the golden file can't know them)."""
    out = json.loads(json.dumps(data))
    out.pop("started_at")
    for d in out["history"]:
        d.pop("at")
    return out


@pytest.fixture(scope="module")
def kort():
    return load_scenario(str(SCENARIOS / "speeltuin-kort.yaml"))


@pytest.fixture
def first(kort):
    session, failures = play_moves(kort, PREP, CHOICES)
    assert not failures and session.finished
    return session


def golden_first():
    """The first attempt on the golden scenario: a trigger fires (Ineke's break), then Bert's clue."""
    s = load_scenario(str(GOLDEN_SCENARIO))
    first = Session.start(s, seed=7)
    first.answer("veilig")
    first.choose("kaders")  # everyone's anger +2: Ineke reaches 5 and the break trigger fires
    assert first.node.id == "ineke_pauze" and first.state.fired_triggers == {1}
    first.choose("verder")
    first.choose("pauze")  # a break, but it passes over Bert's worry about his sleep
    while first.can_continue:
        first.advance()
    first.choose("later")
    assert first.state.ending == "uitgesteld"
    return s, first


def test_a_branch_restores_mood_history_and_place_exactly_as_the_golden_file():
    s, first = golden_first()
    again = branch(first, s, 3)  # at Bert's "En de overlast?", before the break
    data = comparable(again.to_data())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert data["position"] == "midden" and data["fired"] == [1] and data["flags"] == ["kaders_genoemd", "kent_belang"]
    assert data["mood"] == {"bert": {"anger": 8, "trust": 3}, "ineke": {"anger": 5, "trust": 5}}
    assert again.mood == first.history[3].mood_before
    assert again.history == first.history[:3]  # timestamps too: these are the first attempt's decisions
    assert again.state.transcript == first.state.transcript[:len(again.state.transcript)]
    assert tuple(c.id for c in again.choices) == first.history[3].offered  # the order the trainee saw
    assert sorted(first.history[3].offered) == ["herkaderen", "pauze", "uitleggen"]


def test_a_branch_on_a_shipped_scenario_is_the_first_attempt_as_it_stood_then(kort, first):
    again = branch(first, kort, AT)
    by_hand, failures = play_moves(kort, PREP, CHOICES[:2])
    assert failures == ["the plan ran out of choices at node 'bert_boos'; offered: "
                        + ", ".join(c.id for c in by_hand.choices)]
    assert comparable(again.to_data()) == comparable(by_hand.to_data())
    assert again.mood == first.history[AT].mood_before
    assert again.history == first.history[:AT]
    assert tuple(c.id for c in again.choices) == first.history[AT].offered


def test_the_branch_plays_on_and_can_end_differently(kort, first):
    again = branch(first, kort, AT)
    again.choose("doorpakken")  # press on instead of repairing: Bert gets angrier
    assert again.mood["bert"]["anger"] > first.history[AT].mood_after["bert"]["anger"]
    saved = Session.from_data(kort, json.loads(json.dumps(again.to_data())))
    assert saved.to_data() == again.to_data()


def test_saved_data_and_a_list_of_decisions_branch_the_same(kort, first):
    from_data = branch(first.to_data(), kort, AT)
    from_list = branch(list(first.history), kort, AT)
    assert from_data.to_data()["history"] == from_list.to_data()["history"] == branch(first, kort, AT).to_data()[
        "history"]


def test_branching_at_a_preparation_question_or_the_first_choice(kort, first):
    at_start = branch(first, kort, 0)
    assert at_start.in_preparation and at_start.question.id == "belang_bewoners" and at_start.history == []
    meeting = branch(first, kort, 3)
    assert not meeting.in_preparation and meeting.node.id == first.history[3].node_id
    assert meeting.state.prep_answers == PREP


def test_a_decision_that_does_not_exist_is_one_line(kort, first):
    with pytest.raises(BranchError) as err:
        branch(first, kort, 8)
    assert str(err.value) == "there is no decision 9: the session has 8 decisions"
    with pytest.raises(BranchError):
        branch(first, kort, -1)


def test_an_edited_scenario_that_no_longer_replays_exactly_is_refused(first, tmp_path):
    text = (SCENARIOS / "speeltuin-kort.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "speeltuin-kort.yaml"
    edited.write_text(text.replace("id: feiten\n", "id: feiten_noemen\n", 1), encoding="utf-8")
    changed = load_scenario(str(edited))
    with pytest.raises(BranchError) as err:
        branch(first, changed, AT)
    assert "decision 5" in str(err.value) and "changed since" in str(err.value) and "\n" not in str(err.value)


def test_both_paths_side_by_side(kort, first):
    again = branch(first, kort, AT)
    again.choose("doorpakken")
    while not again.finished:
        if again.can_continue:
            again.advance()
        else:
            again.choose(again.choices[0].id)
    a = review(kort, first.history, first.state.ending, transcript=first.state.transcript)
    b = review(kort, again.history, again.state.ending, transcript=again.state.transcript)
    c = compare_paths(a, b, AT)
    assert c.branch_index == AT and c.first_difference == AT
    assert c.steps[0].same_moment and not c.steps[0].same_choice
    assert c.steps[0].first.decision.choice_id == "herstellen" and c.steps[0].second.decision.choice_id == "doorpakken"
    assert len(c.steps) == max(len(first.history), len(again.history)) - AT
    assert c.first_ending.id == first.state.ending and c.second_ending.id == again.state.ending
    assert c.change("overall") == b.overall - a.overall
    assert c.first_totals["overall"] == a.overall and c.second_mood == again.history[-1].mood_after
    assert c.first_counts["best"] == sum(1 for d in a.decisions[AT:] if d.verdict == "best")
    same = compare_paths(a, a, AT)
    assert same.first_difference is None and all(s.same_choice for s in same.steps)
    other, _ = play_moves(kort, PREP, ["laten_vertellen", "balkon"])
    o = review(kort, other.history, other.state.ending)
    with pytest.raises(ValueError):
        compare_paths(a, o, AT)
