"""Every benchmark runs, on tiny sizes, and reports what it should.

The real runs (``python -m bench``) take many minutes and are not part of the suite;
this makes sure they still work when the engine or the window changes, that their timing
tells a slower command from a faster one, and that a goal missed is reported as missed.
"""

from __future__ import annotations

import sys

import pytest

from bench import child, load_bench, monkey_memory, trainer_bench, window_bench
from bench.__main__ import main as bench_main
from bench.common import ROOT, Runs, paired
from engine import load_scenario_text
from engine.scenario.dimensions import DIMENSION_KEYS
from simulator.cli.validate import validate_path
from tests.fixtures.synth import NODES_PER_ITEM, RESIDENTS, scenario_text

# Whole benchmark runs and valgrind: the separate slow step of .ci/run (pytest -m slow).
pytestmark = pytest.mark.slow


def test_synthetic_scenarios_validate_and_use_every_dimension(tmp_path):
    path = tmp_path / "synthetic.yaml"
    path.write_text(scenario_text(5 * NODES_PER_ITEM), encoding="utf-8")
    problems = validate_path(str(path))
    assert not [p for p in problems if p.severity == "error"], problems
    s = load_scenario_text(path.read_text(encoding="utf-8"), str(path))
    assert abs(len(s.nodes) - 5 * NODES_PER_ITEM) <= NODES_PER_ITEM
    assert len(s.residents) == len(RESIDENTS) >= 3
    scored = {k for n in s.nodes.values() for c in n.choices for k in c.score}
    assert scored == set(DIMENSION_KEYS)
    assert any(c.when is not None and ">=" in c.when.source for n in s.nodes.values() for c in n.choices)


def test_synthetic_scenarios_grow_with_the_size_asked_for():
    small = load_scenario_text(scenario_text(100), "a.yaml")
    large = load_scenario_text(scenario_text(1000), "b.yaml")
    assert 8 < len(large.nodes) / len(small.nodes) < 12


def test_child_tasks_measure_in_process(tmp_path, monkeypatch):
    path = tmp_path / "s.yaml"
    path.write_text(scenario_text(40), encoding="utf-8")
    monkeypatch.setenv("BENCH_REPEAT", "1")
    assert child.main(["bare", str(path)])["cpu"] > 0
    assert child.main(["load", str(path)])["wall"] > 0
    assert child.main(["load_mem", str(path)])["peak_mib"] > 0
    solved = child.main(["solve", str(ROOT / "scenarios" / "speeltuin-kort.yaml")])
    assert solved["exact"] and solved["best"] > solved["worst"] and solved["valued"] > 0
    reviewed = child.main(["review", str(ROOT / "scenarios" / "speeltuin-kort.yaml"), "3"])
    assert reviewed["exact"] and reviewed["decisions"] > 0 and reviewed["best"] == solved["best"]


def test_load_table(tmp_path):
    lines = load_bench.run([40], tmp_path, repeat=1)
    assert any(line.startswith("| 40 |") for line in lines), lines


def test_paired_timing_tells_the_slower_command_apart():
    py = sys.executable
    slow, fast, ratio = paired([py, "-c", "sum(range(20_000_000))"], [py, "-c", "pass"], {}, {}, runs=2, warmup=0)
    assert slow.ok and fast.ok and len(slow.cpu) == len(fast.cpu) == 2
    assert slow.median() > fast.median() and ratio is not None and ratio > 1.5
    _, failed, _ = paired([py, "-c", "pass"], [py, "-c", "raise SystemExit(3)"], {}, {}, runs=1, warmup=0)
    assert failed.code == 3
    _, stuck, _ = paired([py, "-c", "pass"], [py, "-c", "import time; time.sleep(30)"], {}, {}, runs=2, warmup=0,
                         timeout=1)
    assert stuck.code is None and not stuck.ok  # timed out: not counted, not run again
    once, _, _ = paired([py, "-c", "pass"], [py, "-c", "pass"], {}, {}, runs=3, warmup=1, slow=0.0)
    assert len(once.cpu) == 1  # a slow pair runs once, and that run counts


def test_a_baseline_command_runs_the_baselines_code(tmp_path):
    """``python -m simulator`` puts the folder it runs in first on the import path: the commands
    run elsewhere, so a baseline's ``simulator`` is the one that answers, not this checkout's."""
    from bench.common import CURRENT, Engine, timed
    fake = tmp_path / "fake"
    (fake / "simulator").mkdir(parents=True)
    (fake / "simulator" / "__init__.py").write_text("", encoding="utf-8")
    (fake / "simulator" / "__main__.py").write_text("raise SystemExit(7)\n", encoding="utf-8")
    command = [sys.executable, "-m", "simulator", "--version"]
    assert timed(command, Engine("fake", fake).env(), 60)[2] == 7
    assert timed(command, CURRENT.env(), 60)[2] == 0


def test_trainer_part_runs_every_command_and_checks_the_bots_best(tmp_path):
    lines = trainer_bench.run(tmp_path, quick=True, runs=1)
    text = "\n".join(lines)
    for name in ("speeltuin-kort", "realistic 3x20"):
        for command in trainer_bench.COMMANDS:
            assert any(line.startswith(f"| {name} |") and f"| {command} |" in line for line in lines), (name, command)
    assert "| speeltuin-kort | 14 / 2 | debrief |" in text
    row = next(line for line in lines if line.startswith("| the best bot's total"))
    assert "2 of 2 scenarios" in row and row.endswith("| ✓ |"), row  # bot = debrief = analyze, everywhere
    assert "error" not in text and "did not finish" not in text


def test_trainer_goals_report_what_is_missed():
    fast, slow = Runs([0.5], [0.6], 0), Runs([2.5], [2.7], 0)
    seen = {("realistic 3x20", "validate"): fast, ("realistic 3x40", "validate"): slow,
            ("realistic 3x20", "analyze"): fast, ("realistic 3x40", "analyze"): Runs([1.0], [1.1], 0)}
    facts = {"realistic 3x20": {"review": {"cpu": 0.2, "exact": True, "best": 9}, "bot_best": 9, "analyze_best": 9},
             "realistic 3x40": {"review": {"cpu": 1.5, "exact": False, "best": 12}, "bot_best": 11,
                                "analyze_best": 12}}
    rows = {goal.split(" on ")[0]: (measured, met) for goal, measured, met in
            trainer_bench._goals(seen, facts, trainer_bench.COMMANDS)}
    assert rows["`validate --strict`"] == ("slowest 2.50 s (realistic 3x40); over the goal: 1 of 2", False)
    assert rows["`analyze`"][1] is True
    measured, met = rows["every number of a debrief"]
    assert not met and "1.50 s" in measured and "not exact: realistic 3x40" in measured
    measured, met = rows["the best bot's total = the debrief's best achievable = `analyze`'s best"]
    assert not met and "realistic 3x40 11/12/12" in measured
    failed = trainer_bench._goals({("windmolens", "validate"): Runs([0.5], [0.6], 1),
                                   ("realistic 3x20", "validate"): Runs([0.5], [0.6], 1)}, {}, ("validate",))
    passes = next(row for row in failed if row[0].startswith("`validate --strict` passes"))
    assert passes[1:] == ("0 of 1; fails: windmolens", False)  # quick, but it warns: a trainer's file fails


@pytest.mark.skipif(sys.platform == "win32", reason="resource usage is measured the Unix way")
def test_window_numbers_come_out():
    lines = "\n".join(window_bench.run(rounds=1, idle_seconds=0.5))
    assert "cold start" in lines and "idle on the meeting screen" in lines and "p99" in lines
    assert "error" not in lines


def test_monkey_reports_memory_over_time():
    data = monkey_memory.monkey(60, samples=3)
    assert len(data["samples"]) >= 2 and all(s["traced_mib"] > 0 for s in data["samples"])
    assert "Memory under a monkey run" in monkey_memory.render(data, 60)[0]


def test_bench_command_writes_its_results_file(tmp_path):
    out = tmp_path / "RESULTS.md"
    assert bench_main(["--quick", "--only", "load", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Machine" in text and "Load + validate" in text and "logical cores" in text


def test_a_partial_run_keeps_the_other_parts_of_the_results_file(tmp_path):
    from bench import results
    out = tmp_path / "RESULTS.md"
    results.write(out, ["- CPU: old"], {"window": ["## Window", "cold start 1.2x"], "load": ["## Load", "old"]},
                  ("load", "analyze", "window", "monkey"))
    assert bench_main(["--quick", "--only", "load", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "cold start 1.2x" in text and "\nold\n" not in text  # window kept, load replaced
    assert text.index("Load + validate") < text.index("cold start 1.2x")  # parts stay in their order
    assert "| goal | measured | met? |" in text and "_Measured " in text


def test_bad_sizes_are_a_usage_error():
    with pytest.raises(SystemExit) as exc:
        bench_main(["--sizes", "10k", "--out", "-"])
    assert exc.value.code == 2


def test_the_code_part_counts_every_line_of_the_engine():
    from bench import code_lines
    lines = code_lines.run()
    files = sorted((ROOT / "engine").rglob("*.py"))
    total = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)
    last = next(line for line in lines if line.startswith("| all |"))
    assert last.endswith(f"| {len(files)} | {total:,} |")
    assert any(line.startswith("| engine/play/ |") for line in lines)
