"""``new``: the starter scenario validates without a single warning, fits the schema and plays."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from engine.scenario.loader import load_scenario
from engine.scenario.yamlsafe import SafeLoader
from simulator.cli.starter import starter_path, starter_text
from tests.conftest import ROOT


def run(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=120, env=env)


@pytest.mark.slow
def test_new_writes_a_scenario_that_passes_strict_validation(tmp_path):
    path = tmp_path / "mijn-gesprek.yaml"
    result = run("new", str(path))
    assert result.returncode == 0, result.stderr
    assert f"wrote {path}" in result.stdout
    check = run("validate", "--strict", str(path))
    assert check.returncode == 0 and check.stdout.strip() == f"{path}: ok", check.stdout
    scenario = load_scenario(str(path))
    assert scenario.id == "mijn-gesprek" and len(scenario.residents) == 2
    assert scenario.preparation is not None and scenario.triggers


def test_a_bare_name_writes_name_yaml_in_the_current_folder(tmp_path):
    result = run("new", "Bankje Plein", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "Bankje Plein.yaml"
    assert load_scenario(str(written)).id == "bankje-plein"


def test_the_starter_points_editors_at_the_schema_and_conforms_to_it(tmp_path):
    target = tmp_path / "sub" / "s.yaml"
    target.parent.mkdir()
    text = starter_text("s", target)
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema_path = (target.parent / first.split("=", 1)[1]).resolve()
    assert schema_path == (ROOT / "schema" / "scenario.schema.json").resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.load(text, Loader=SafeLoader), schema)


@pytest.mark.slow
def test_the_starter_plays_to_an_ending_by_hand_and_by_bot(tmp_path):
    path = tmp_path / "s.yaml"
    run("new", str(path))
    by_hand = run("play", "--text", str(path), "--no-save", stdin="1\n" * 12)
    assert by_hand.returncode == 0, by_hand.stderr
    assert "Joke de Wit:" in by_hand.stdout and "Einde:" in by_hand.stdout
    for seed in range(3):
        bot = run("play", "--text", str(path), "--auto", "random", "--seed", str(seed))
        assert bot.returncode == 0 and "Einde:" in bot.stdout


def test_the_starter_reaches_every_ending_and_scores_every_dimension(tmp_path):
    from engine.analysis.playstats import analyze
    path = tmp_path / "s.yaml"
    path.write_text(starter_text("s"), encoding="utf-8")
    stats = analyze(load_scenario(str(path)))
    assert stats.exact and set(stats.ending_odds) == {"afspraak", "uitgesteld", "opgestapt"}
    assert all(stats.best[d].total(d) > 0 for d in stats.best)


@pytest.mark.slow
def test_new_refuses_to_overwrite_unless_forced(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("mine", encoding="utf-8")
    result = run("new", str(path))
    assert result.returncode == 1 and result.stderr.strip() == f"{path}:1:1: already exists; choose another " \
                                                               "name or add --force"
    assert path.read_text(encoding="utf-8") == "mine"
    assert run("new", str(path), "--force").returncode == 0
    assert load_scenario(str(path)).id == "s"


@pytest.mark.slow
def test_unusable_names_are_a_usage_error(tmp_path):
    result = run("new", "!!!", cwd=tmp_path)
    assert result.returncode == 2 and "no usable scenario id" in result.stderr and "Traceback" not in result.stderr
    assert starter_path("dir/x.yml") == (Path("dir/x.yml"), "x")
    assert starter_path("naam") == (Path("naam.yaml"), "naam")
