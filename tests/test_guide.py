"""The authoring guide can't rot: its examples load, its plan passes, its reference is complete.

Complete scenarios in docs/authoring.md are fenced as ```yaml scenario, plans as
```yaml plan. Every scenario must load without errors (the last, complete one without
warnings either), the plan must pass against the complete scenario through the ``test``
command, and the key reference must be exactly what ``engine/scenario/schema.py`` generates.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from engine.scenario.schema import REFERENCE_END, REFERENCE_START, reference_markdown
from engine.scenario.shapes import SHAPES
from engine.scenario.yamlsafe import SafeLoader
from simulator.cli.parser import build_parser
from simulator.cli.validate import validate_path
from tests.conftest import ROOT

GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
SCENARIOS = re.findall(r"```yaml scenario\n(.*?)```", GUIDE, re.S)
PLANS = re.findall(r"```yaml plan\n(.*?)```", GUIDE, re.S)
SNIPPETS = re.findall(r"```yaml\n(.*?)```", GUIDE, re.S)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def test_the_guide_has_a_walk_through_and_a_complete_example():
    assert len(SCENARIOS) >= 2 and len(PLANS) >= 1


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(SCENARIOS)))
def test_every_scenario_in_the_guide_loads_without_errors(tmp_path, index):
    path = tmp_path / f"guide{index}.yaml"
    path.write_text(SCENARIOS[index], encoding="utf-8")
    problems = validate_path(str(path))
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_the_complete_example_has_no_warnings_either(tmp_path):
    path = tmp_path / "complete.yaml"
    path.write_text(SCENARIOS[-1], encoding="utf-8")
    assert [str(p) for p in validate_path(str(path))] == []


def test_snippets_are_valid_yaml_mappings():
    assert SNIPPETS
    for snippet in SNIPPETS:
        data = yaml.load(snippet, Loader=SafeLoader)
        content = [line for line in snippet.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if content:  # a snippet with keys shows keys or items an author can paste
            assert isinstance(data, (dict, list)) and data, snippet[:60]


def test_the_guide_plan_passes_with_the_test_command(tmp_path):
    scenario_id = yaml.load(SCENARIOS[-1], Loader=SafeLoader)["id"]
    (tmp_path / f"{scenario_id}.yaml").write_text(SCENARIOS[-1], encoding="utf-8")
    plan = tmp_path / "guide.plan"
    plan.write_text(PLANS[0], encoding="utf-8")
    result = run("test", str(plan), "--scenarios", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "1 passed, 0 failed"


@pytest.mark.slow
def test_plan_command_writes_plans_that_the_test_command_passes(tmp_path):
    scenario = tmp_path / "bankje.yaml"
    scenario.write_text(SCENARIOS[-1], encoding="utf-8")
    for auto in ("best", "worst", "random"):
        out = tmp_path / f"bankje-{auto}.plan"
        made = run("plan", str(scenario), "--auto", auto, "--seed", "2", "--out", str(out))
        assert made.returncode == 0, made.stderr
    best = yaml.load((tmp_path / "bankje-best.plan").read_text(encoding="utf-8"), Loader=SafeLoader)
    assert best["expect"]["ending"] == "afspraak" and best["choices"][0] == "erkennen"
    result = run("test", str(tmp_path))
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == "3 passed, 0 failed", result.stdout


def test_a_written_plan_finds_its_scenario_from_wherever_the_test_runs(tmp_path):
    """``plan --out plans/x.plan`` names the scenario relative to the plan file, not to the folder
    the command ran in; a plan naming a missing file says which path it tried."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "bankje.yaml").write_text(SCENARIOS[-1], encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "simulator", "plan", "bankje.yaml", "--auto", "best", "--out",
                           os.path.join("plans", "b.plan")], capture_output=True, text=True, cwd=tmp_path,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert made.returncode == 0, made.stderr
    plan = tmp_path / "plans" / "b.plan"
    assert yaml.load(plan.read_text(encoding="utf-8"), Loader=SafeLoader)["scenario"] == "../bankje.yaml"
    for where in (tmp_path / "plans", tmp_path, ROOT):
        result = subprocess.run([sys.executable, "-m", "simulator", "test", str(plan)], capture_output=True, text=True,
                                cwd=where, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert result.returncode == 0 and result.stdout.splitlines()[-1] == "1 passed, 0 failed", result.stdout
    plan.write_text(plan.read_text(encoding="utf-8").replace("../bankje.yaml", "bankje.yaml"), encoding="utf-8")
    result = run("test", str(plan))
    assert result.returncode == 1 and f"{tmp_path / 'plans' / 'bankje.yaml'}:1:1: file not found" in result.stdout


@pytest.mark.slow
def test_a_failing_plan_is_reported_per_line_and_fails_the_command(tmp_path):
    scenario = tmp_path / "bankje.yaml"
    scenario.write_text(SCENARIOS[-1], encoding="utf-8")
    plan = tmp_path / "wrong.plan"
    plan.write_text(PLANS[0].replace("ending: afspraak", "ending: opgestapt").replace("scenario: bankje",
                                                                                       f"scenario: {scenario}"))
    result = run("test", str(plan), str(tmp_path / "missing.plan"))
    assert result.returncode == 1 and f"{tmp_path / 'missing.plan'}:1:1: file not found" in result.stderr
    result = run("test", str(plan))
    assert result.returncode == 1
    assert f"{plan}: expected ending 'opgestapt', got 'afspraak'" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "0 passed, 1 failed"


def test_the_key_reference_is_the_generated_one():
    start, end = GUIDE.index(REFERENCE_START), GUIDE.index(REFERENCE_END) + len(REFERENCE_END)
    assert GUIDE[start:end] == reference_markdown(), \
        "docs/authoring.md's reference is out of date: run `python -m simulator schema --write`"
    for shape in SHAPES.values():
        for f in shape.fields:
            assert f"| `{f.key}` |" in GUIDE[start:end]


def test_every_command_the_guide_mentions_exists():
    commands = set(re.findall(r"python -m simulator ([a-z][a-z-]*)", GUIDE))  # rate-sheet: a hyphen
    known = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert commands and commands <= known, commands - known
