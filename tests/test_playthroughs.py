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


def test_a_random_plan_is_the_same_path_every_time_and_the_one_the_random_bot_plays():
    """``plan --auto random --seed 3`` drew from the options in the order a session showed them,
    which is shuffled afresh each time: a different plan per run, and not the path that
    ``play --auto random --seed 3`` took. Both now draw from the options as written."""
    from engine import Session, load_scenario
    from simulator.cli.plan_writer import plan_moves
    from simulator.terminal.player import random_chooser
    from tests.conftest import ROOT
    scenario = load_scenario(str(ROOT / "scenarios" / "verslavingsopvang.yaml"))
    for seed in (1, 3, 8):
        prep, choices = plan_moves(scenario, "random", seed)
        assert plan_moves(scenario, "random", seed) == (prep, choices)
        session, chooser = Session.start(scenario), random_chooser(seed)  # shown in a fresh order
        answered: dict[str, str] = {}
        chosen: list[str] = []
        while not session.finished:
            if session.question is not None:
                q = session.question
                answered[q.id] = session.prep_options[chooser(session, [o.id for o in session.prep_options])].id
                session.answer(answered[q.id])
            elif session.can_continue:
                session.advance()
            else:
                chosen.append(session.choices[chooser(session, [c.id for c in session.choices])].id)
                session.choose(chosen[-1])
        assert (answered, chosen) == (prep, choices)


@pytest.mark.parametrize("body, words", [
    ("preparation: [a, b]\nchoices: []\nexpect: {}\n", "'preparation' should map each question"),
    ("preparation: hello\nchoices: []\nexpect: {}\n", "'preparation' should map each question"),
    ("choices: 5\nexpect: {}\n", "'choices' should be a list of choice ids"),
    ("choices: [[a]]\nexpect: {}\n", "'choices' should be a list of choice ids"),
    ("choices: []\nexpect: [1, 2]\n", "'expect' should hold 'ending' and 'scores'"),
    ("choices: []\nexpect: {ending: [x]}\n", "'expect.ending' should be an ending's id"),
    ("choices: []\nexpect: {scores: [1]}\n", "'expect.scores' should map dimensions to whole numbers"),
    ("choices: []\nexpect: {scores: {step3: .inf}}\n", "'expect.scores' should map dimensions to whole numbers"),
    ("choices: []\nexpect: {scores: {step3: 1" + "0" * 5000 + "}}\n", "integer string conversion"),
])
def test_a_plan_of_the_wrong_shape_is_one_line_naming_it_never_a_traceback(tmp_path, body, words):
    plan = tmp_path / "kapot.plan"
    plan.write_text("scenario: speeltuin-kort\n" + body, encoding="utf-8")
    result = run_plan(str(plan))
    [failure] = result.failures
    assert failure.startswith(f"{plan}:") and words in failure and "\n" not in failure


def test_a_plan_never_reads_a_file_that_is_no_scenario(tmp_path):
    """Running someone else's plan must not print another file's contents back as 'unknown keys'."""
    secret = tmp_path / "secret.txt"
    secret.write_text("root:geheim\n", encoding="utf-8")
    plan = tmp_path / "vreemd.plan"
    plan.write_text(f"scenario: {secret}\nchoices: []\nexpect: {{}}\n", encoding="utf-8")
    [failure] = run_plan(str(plan)).failures
    assert "is not a scenario file (.yaml)" in failure and "geheim" not in failure
