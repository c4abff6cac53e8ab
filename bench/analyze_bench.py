"""Analysis: ``engine.explore`` (the state graph that ``validate``, ``analyze`` and every
debrief build) and ``engine.analysis.playstats.analyze`` (what ``simulator analyze`` prints).

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

from bench.common import CURRENT, ROOT, Engine, child, goals, secs, synthetic, table

SYNTHETIC_SAMPLES = 200
SMALL_REPEAT = 9  # tries for scenarios of up to 1,000 nodes
PROCESSES = 3  # fresh interpreters per measurement up to 10k nodes (the fastest counts)
GOAL_SECONDS = 1.0
GOAL_AT = 10_000  # nodes
LINEAR_SLACK = 1.3  # "linear": time per node at the largest size at most this much above the smallest
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
    explored: dict[str, tuple[float, int]] = {}
    analyzed: dict[str, float] = {}
    for name, path, samples in targets:
        nodes = int(name.split()[1].replace(",", "")) if name.startswith("synthetic") else 0
        # Best of several tries in each of several processes (see ``common.child``): runs
        # under a second are cheap, so they get more tries; the 50k run gets one try in
        # each process (loading it takes half a minute, so more tries there cost little).
        reps = 1 if nodes > 10_000 else repeat if nodes > 1_000 else max(repeat, SMALL_REPEAT)
        procs = PROCESSES
        ex = child("explore", path, repeat=reps, processes=procs)
        mem = child("explore_mem", path, repeat=1)
        an = child("analyze", path, samples, repeat=min(reps, repeat), processes=procs)
        old: dict[str, Any] = {}
        small = not name.startswith("synthetic") or int(name.split()[1].replace(",", "")) <= baseline_max
        if baseline is not None and small:
            old = child("explore", path, engine=baseline, repeat=reps, timeout=BASELINE_TIMEOUT)
        cli = cli_seconds(["analyze", str(path), "--samples", str(samples)])
        states = ex.get("states", 0)
        if "cpu" in ex:
            explored[name] = (ex["cpu"], int(name.split()[1].replace(",", "")) if name.startswith("synthetic") else 0)
        if "cpu" in an:
            analyzed[name] = (an["cpu"], bool(an.get("exact")))
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
    return ["## Analysis (state graph)", "", *goals(_goals(explored, analyzed)), "",
            *table(header, rows), "",
            "`explore` builds the state graph behind `validate`, `analyze` and every debrief; `analyze()` is "
            "`engine.analysis.playstats.analyze` (explore included), what `simulator analyze` prints after "
            "loading the file.",
            ""]


def _goals(explored: dict[str, tuple[float, int]],
           analyzed: dict[str, tuple[float, bool]]) -> list[tuple[str, str, Optional[bool]]]:
    """explored: name -> (explore CPU s, nodes or 0 for a shipped scenario);
    analyzed: name -> (analyze() CPU s, whether it was exact rather than sampled)."""
    out: list[tuple[str, str, Optional[bool]]] = []
    shipped = {k: v[0] for k, v in explored.items() if not v[1]}
    if shipped:
        slowest = max(shipped, key=shipped.__getitem__)
        out.append((f"every shipped scenario explored in < {GOAL_SECONDS:.0f} s",
                    f"slowest {shipped[slowest]:.3f} s ({slowest})", shipped[slowest] < GOAL_SECONDS))
    synth = {v[1]: (k, v[0]) for k, v in explored.items() if v[1]}
    at = synth.get(GOAL_AT)
    if at is None:
        out.append((f"explore at {GOAL_AT:,} nodes < {GOAL_SECONDS:.0f} s", "not run", None))
        out.append((f"analyze() at {GOAL_AT:,} nodes < {GOAL_SECONDS:.0f} s", "not run", None))
    else:
        out.append((f"explore at {GOAL_AT:,} nodes < {GOAL_SECONDS:.0f} s", f"{at[1]:.3f} s", at[1] < GOAL_SECONDS))
        a = analyzed.get(at[0])
        how = "error" if a is None else "exact" if a[1] else f"{SYNTHETIC_SAMPLES} samples"
        out.append((f"analyze() at {GOAL_AT:,} nodes < {GOAL_SECONDS:.0f} s",
                    "error" if a is None else f"{a[0]:.3f} s ({how})", None if a is None else a[0] < GOAL_SECONDS))
    if len(synth) > 1:
        lo, hi = min(synth), max(synth)
        per = {n: synth[n][1] / n * 1e6 for n in (lo, hi)}
        growth = per[hi] / per[lo]
        out.append((f"linear: explore time per node at {hi:,} nodes within {LINEAR_SLACK}x of {lo:,}",
                    f"{growth:.2f}x ({per[lo]:.0f} → {per[hi]:.0f} µs per node)", growth <= LINEAR_SLACK))
    return out
