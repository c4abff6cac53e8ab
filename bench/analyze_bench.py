"""Analysis: ``engine.explore`` (the state graph that ``validate``, ``analyze`` and every
debrief build) and ``engine.playstats.analyze`` (what ``simulator analyze`` prints).

Measured on the shipped scenarios and on the synthetic ones, next to an older engine
when ``--baseline REV`` is given. Goals: every shipped scenario explored in under 1 s,
10k nodes under 1 s, and time per state flat as scenarios grow.

``analyze`` counts playthroughs exactly when the graph is exact; otherwise it plays
``--samples`` random playthroughs, which costs samples x path length, so on the long
synthetic scenarios it is measured with few samples and says so.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

from bench.common import CURRENT, ROOT, Engine, child, secs, synthetic, table

SYNTHETIC_SAMPLES = 200
BASELINE_TIMEOUT = 300  # seconds an older engine gets per measurement (some were quadratic)


def cli_seconds(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT, env=CURRENT.env(),
                   capture_output=True, check=False, timeout=3600)
    return time.perf_counter() - started


def run(sizes: list[int], folder: Path, baseline: Optional[Engine] = None, repeat: int = 3,
        baseline_max: int = 10_000, quick: bool = False) -> list[str]:
    targets: list[tuple[str, Path, int]] = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        if not quick or path.stem == "speeltuin-kort":
            targets.append((path.stem, path, 20_000))
    for n in sizes:
        targets.append((f"synthetic {n:,}", synthetic(n, folder), SYNTHETIC_SAMPLES))
    rows: list[list[Any]] = []
    per_state: dict[str, float] = {}
    for name, path, samples in targets:
        big = name.startswith("synthetic") and int(name.split()[1].replace(",", "")) > 10_000
        reps = 1 if big else repeat
        ex = child("explore", path, repeat=reps)
        mem = child("explore_mem", path, repeat=1)
        an = child("analyze", path, samples, repeat=1)
        old: dict[str, Any] = {}
        small = not name.startswith("synthetic") or int(name.split()[1].replace(",", "")) <= baseline_max
        if baseline is not None and small:
            old = child("explore", path, engine=baseline, repeat=reps, timeout=BASELINE_TIMEOUT)
        cli = cli_seconds(["analyze", str(path), "--samples", str(samples)])
        states = ex.get("states", 0)
        if states:
            per_state[name] = ex["cpu"] / states * 1e6
        kind = ("exact" if ex.get("exact") else "by band") if ex.get("complete", True) else "incomplete"
        row = [name, f"{states:,} ({kind})", secs(ex), secs(ex, "wall"), f"{per_state.get(name, 0):.0f}",
               f"{mem.get('peak_mib', 0):.0f}",
               f"{secs(an)} ({'exact' if an.get('exact') else f'{samples:,} samples'})", f"{cli:.2f}"]
        if baseline is not None:
            if old and "cpu" in old and "cpu" in ex:
                row.append(f"{secs(old)} (**{old['cpu'] / ex['cpu']:.1f}x**)")
            else:
                row.append(secs(old) if old else "not run")
        rows.append(row)
    header = ["scenario", "states", "explore CPU s", "explore wall s", "µs per state", "peak MiB",
              "analyze() CPU s", "`simulator analyze` wall s"]
    if baseline is not None:
        header.append(f"explore at {baseline.label} CPU s (speed-up)")
    lines = ["### Analysis (state graph)", "", *table(header, rows), ""]
    synth = [k for k in per_state if k.startswith("synthetic")]
    if len(synth) > 1:
        lo, hi = synth[0], synth[-1]
        lines.append(f"Growth: {per_state[hi] / per_state[lo]:.2f}x the time per state at {hi} nodes as at "
                     f"{lo} (1.00 = linear in the states explored).")
        lines.append("")
    return lines
