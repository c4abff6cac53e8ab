"""Every benchmark runs, on tiny sizes, and reports what it should (the numbers aren't checked here).

The real runs (``python -m bench``) take many minutes and are not part of the suite;
this makes sure they still work when the engine or the window changes.
"""

from __future__ import annotations

import shutil
import sys

import pytest

from bench import analyze_bench, child, load_bench, monkey_memory, window_bench, work_bench
from bench.__main__ import main as bench_main
from bench.common import goals
from engine import load_scenario_text
from engine.scenario.dimensions import DIMENSION_KEYS
from simulator.cli import validate_path
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
    explored = child.main(["explore", str(path)])
    assert explored["states"] > 0 and explored["complete"]
    assert child.main(["load_mem", str(path)])["peak_mib"] > 0


def test_load_and_analyze_tables(tmp_path):
    lines = load_bench.run([40], tmp_path, repeat=1)
    assert any(line.startswith("| 40 |") for line in lines), lines
    lines = analyze_bench.run([40], tmp_path, repeat=1, quick=True)
    text = "\n".join(lines)
    assert "speeltuin-kort" in text and "synthetic 40" in text and "error" not in text


CACHEGRIND_SUMMARY = """==41== I   refs:      3,069,979,325
==41== I1  misses:          1,234
==41== D1  misses:       23,114,146  ( 19,755,837 rd   +   3,358,309 wr)
==41== LLd misses:          811,133  (     58,250 rd   +     752,883 wr)
"""


def test_cachegrind_summary_is_read_into_counts():
    assert work_bench.parse_counts(CACHEGRIND_SUMMARY) == {"I": 3_069_979_325, "D1": 23_114_146, "LLd": 811_133}
    assert work_bench.parse_counts("valgrind: command not found") == {}


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed (.ci/run installs it)")
def test_work_counts_grow_with_the_scenario(tmp_path):
    paths = [tmp_path / "s40.yaml", tmp_path / "s160.yaml"]
    for path, nodes in zip(paths, (40, 160)):
        path.write_text(scenario_text(nodes), encoding="utf-8")
    small, large = (work_bench.measure(path, tmp_path) for path in paths)
    assert large["nodes"] > small["nodes"] and large["states"] > small["states"] > 0
    assert large["I"] > small["I"] > 0  # explore's own instructions: the unpickling is subtracted
    assert "instructions per node" in "\n".join(goals(work_bench._goals({40: small, 160: large})))


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
