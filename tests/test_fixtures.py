"""The generated and hand-written realistic scenarios have the shape they promise.

The analysis is rewritten and benchmarked against these fixtures, so a fixture that quietly
lost its interruption, its preparation unlocks or an ending kind would make those numbers
say nothing. Each check here is one promise from the fixture's docstring. Loading and
linting only (nothing is played or explored), so the whole file stays fast.
"""

from __future__ import annotations

import pytest

from engine.scenario.lint import lint_scenario
from engine.scenario.loader import parse_scenario
from tests.conftest import ROOT
from tests.fixtures import realistic
from tests.fixtures.realistic import realistic_scenarios, realistic_text
from tests.fixtures.shape import ALL_DIMENSIONS, Shape, shape_of

# Seeds, resident counts and sizes from the smallest to the largest the family makes; both
# ways of walking out (to an escalation ending, out of the meeting) turn up.
CASES = [(0, 3, 20), (1, 4, 20), (2, 5, 20), (3, 3, 47), (4, 4, 63), (5, 5, 88), (6, 3, 120)]
HAND_WRITTEN = ROOT / "tests" / "scenarios" / "realistic"


def load(text: str, name: str):
    scenario, problems = parse_scenario(text, name)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert scenario is not None and not errors, errors
    return scenario


def assert_realistic(shape: Shape, residents: int) -> None:
    """What the issue asks of a scenario "written like the ones trainers write"."""
    assert shape.residents == residents
    assert len(shape.trigger_residents) >= 2, "mood triggers on at least two residents"
    assert shape.walks_out, "someone walks out: to an escalation ending or out of the meeting"
    assert shape.interruptions_returning >= 1 and shape.won_back, "someone gets up and is won back, then return"
    assert shape.provocations >= 1
    assert shape.prep_unlocks >= 1, "a preparation answer unlocks a good option"
    assert {"mood", "flag", "prep", "chose"} <= set(shape.conditions), shape.conditions
    assert len(shape.ending_kinds) >= 3 and len(shape.endings_on_mood) >= 3, "3+ kinds, picked on mood at the end"
    assert shape.positive == shape.negative == ALL_DIMENSIONS, "every dimension rewarded and penalised"
    assert shape.weights <= {-2, -1, 0, 1, 2}


@pytest.mark.parametrize("seed, residents, nodes", CASES)
def test_generated_scenario_loads_and_has_the_promised_shape(seed, residents, nodes):
    text = realistic_text(seed, residents, nodes)
    shape = shape_of(load(text, f"realistic-{seed}.yaml"))
    assert_realistic(shape, residents)
    assert abs(shape.nodes - nodes) <= 2
    assert set(shape.options) <= {3, 4}, "decisions of 3-4 options"
    assert min(shape.touched) >= 1 and max(shape.touched) <= 3, "each option's effects touch one to three residents"
    assert len(shape.residents_read) == residents, "conditions on every resident's mood"


@pytest.mark.parametrize("seed, residents, nodes", CASES[:3])
def test_generated_scenario_passes_the_linter(seed, residents, nodes):
    """No smells: every mood and flag is read, every text translated and short enough, every
    ending debriefed, every opportunity answerable — as a trainer leaves it after `validate`."""
    text = realistic_text(seed, residents, nodes)
    scenario = load(text, "realistic.yaml")
    assert [str(p) for p in lint_scenario(scenario, text)] == []


def test_the_same_seed_gives_the_same_scenario_and_another_seed_another():
    assert realistic_text(11, 4, 30) == realistic_text(11, 4, 30)
    assert realistic_text(11, 4, 30) != realistic_text(12, 4, 30)


def test_every_resident_starts_in_a_mood_of_their_own_on_the_ten_point_scales():
    scenario = load(realistic_text(3, 5, 40), "r.yaml")
    moods = [tuple(sorted(r.mood.items())) for r in scenario.residents]
    assert len(set(moods)) > 1
    assert all(0 <= value <= 10 for m in moods for _, value in m)
    assert {(v.key, v.minimum, v.maximum) for v in scenario.mood_variables.values()} == {("trust", 0, 10),
                                                                                         ("anger", 0, 10)}


@pytest.mark.parametrize("residents, nodes", [(realistic.MIN_RESIDENTS - 1, 40), (realistic.MAX_RESIDENTS + 1, 40),
                                              (3, realistic.MIN_NODES - 1), (3, realistic.MAX_NODES + 1)])
def test_sizes_outside_the_family_are_refused(residents, nodes):
    with pytest.raises(ValueError, match="must be"):
        realistic_text(1, residents, nodes)


def test_the_bench_set_spans_the_family():
    cases = realistic_scenarios()
    assert {(c.residents, c.nodes) for c in cases} >= {(3, 20), (3, 120), (5, 40), (5, 120)}
    assert len({c.name for c in cases}) == len(cases)


@pytest.mark.slow
@pytest.mark.parametrize("name, residents, nodes, decisions", [
    ("windmolens", 3, range(27, 32), range(20, 25)),
    ("fietsstraat", 5, range(40, 61), range(25, 45)),
])
def test_hand_written_scenario_loads_and_has_the_promised_shape(name, residents, nodes, decisions):
    path = HAND_WRITTEN / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    scenario = load(text, str(path))
    assert [str(p) for p in lint_scenario(scenario, text)] == []
    shape = shape_of(scenario)
    assert_realistic(shape, residents)
    assert shape.nodes in nodes and shape.decisions in decisions
    assert len(shape.residents_read) == residents, "conditions on every resident's mood"
