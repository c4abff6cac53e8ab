"""Golden playthroughs: every plan in tests/playthroughs/ must reach its ending and scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.play.plans import run_plan
from tests.conftest import SHIPPED

PLANS = sorted((Path(__file__).parent / "playthroughs").glob("*.plan"))


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_plan(plan):
    result = run_plan(str(plan))
    assert result.ok, "\n".join(result.failures)


@pytest.mark.parametrize("scenario", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_has_a_best_and_a_worst_plan(scenario):
    names = {p.stem for p in PLANS}
    assert f"{scenario.stem}-best" in names and f"{scenario.stem}-worst" in names


def test_a_wrong_plan_fails_with_readable_messages(tmp_path, write_scenario):
    from tests.crafted import MINIMAL
    scenario = write_scenario(MINIMAL, "mini.yaml")
    plan = tmp_path / "mini.plan"
    plan.write_text(
        f"scenario: {scenario}\npreparation: {{belang: groot}}\n"
        "choices: [luisteren, herkaderen]\nexpect: {ending: afspraak, scores: {step1: -1}}\n")
    result = run_plan(str(plan))
    assert result.failures == [
        "at node 'midden' expected choice 'herkaderen' to be offered; offered: uitleggen, pauze"]

    plan.write_text(
        f"scenario: {scenario}\npreparation: {{belang: veilig}}\n"
        "choices: [luisteren, pauze, later]\nexpect: {ending: afspraak, scores: {step1: 1}}\n")
    result = run_plan(str(plan))
    assert "expected ending 'afspraak', got 'uitgesteld'" in result.failures
    assert any(f.startswith("scores differ: step2 expected 0, got 1; step3 expected 0, got 2") for f in result.failures)


def test_a_plan_is_read_behind_the_same_guards_as_a_scenario(tmp_path):
    """A plan is YAML a trainer writes: no foreign tags, one clear line with its position."""
    from engine import ScenarioError
    from engine.play.plans import load_plan
    plan = tmp_path / "evil.plan"
    plan.write_text("scenario: x\nchoices: !!python/object/apply:os.system [echo]\nexpect: {}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_plan(str(plan))
    assert str(caught.value).startswith(f"{plan}:2:")
    assert "not allowed" in str(caught.value)
