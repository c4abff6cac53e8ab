"""The keys of the validity and stage issues: option order, provocations, time-outs, stages and emotions."""

from __future__ import annotations

import pytest

from engine import ScenarioError, load_scenario_text
from tests.crafted import MINIMAL

OPENING = '''  opening:
    speaker: ineke
'''


def with_opening_keys(extra: str) -> str:
    assert OPENING in MINIMAL
    return MINIMAL.replace(OPENING, OPENING + extra, 1)


def test_new_keys_load_with_their_defaults():
    s = load_scenario_text(MINIMAL, "mini.yaml")
    opening = s.nodes["opening"]
    assert (opening.order, opening.provocation, opening.emotion) == ("shuffled", False, None)
    assert s.setting.stage is None
    assert s.timeout.limit == 2 and s.timeout.score == {"step2": 1}
    assert s.timeout.cost == {"all": {"anger": 1}}  # a little patience: the default scales' restless end


def test_order_provocation_emotion_stage_and_timeout_are_read():
    text = with_opening_keys("    order: fixed\n    provocation: true\n    emotion: angry\n")
    text = text.replace("setting:\n  meeting: {nl: Overleg, en: Meeting}\n",
                        "setting:\n  meeting: {nl: Overleg, en: Meeting}\n  stage: kitchen\n"
                        "timeout: {limit: 1, cost: {bert: {anger: 2}}, score: {step2: 2}}\n", 1)
    s = load_scenario_text(text, "mini.yaml")
    opening = s.nodes["opening"]
    assert (opening.order, opening.provocation, opening.emotion) == ("fixed", True, "angry")
    assert s.setting.stage == "kitchen"
    assert (s.timeout.limit, dict(s.timeout.cost), dict(s.timeout.score)) == (1, {"bert": {"anger": 2}}, {"step2": 2})


@pytest.mark.parametrize("extra, message", [
    ("    order: random\n", "order"),
    ("    emotion: furious\n", "emotion"),
    ("    provocation: maybe\n", "provocation"),
])
def test_bad_values_name_the_key(extra, message):
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(with_opening_keys(extra), "mini.yaml")
    assert message in str(err.value) and "mini.yaml:" in str(err.value)


def test_a_choice_may_not_take_the_time_outs_id():
    text = MINIMAL.replace("      - id: luisteren\n", "      - id: timeout\n", 1)
    with pytest.raises(ScenarioError, match="time-out"):
        load_scenario_text(text, "mini.yaml")


def test_a_time_out_cost_must_name_residents_and_scales():
    text = MINIMAL.replace("start: opening\n", "timeout: {cost: {henk: {anger: 1}}}\nstart: opening\n", 1)
    with pytest.raises(ScenarioError, match="henk"):
        load_scenario_text(text, "mini.yaml")
