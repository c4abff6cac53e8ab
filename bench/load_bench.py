"""Loading: ``load_scenario`` + ``Session.start`` against a bare ``yaml.load`` of the same file.

The floor is what reading the YAML costs at all: ``yaml.load(text, Loader=CSafeLoader)``.
Our path parses into a node tree (positions kept for error messages), validates every
field, checks references and the graph, and compiles the ``transitions`` machine. Goal:
at most 2.5x the floor at 10k nodes, and time per node flat from 1k to 50k (linear).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from bench.common import CURRENT, Engine, child, goals, secs, synthetic, table

GOAL_RATIO = 2.5
GOAL_AT = 10_000  # nodes
LINEAR_SLACK = 1.3  # "linear": time per node at the largest size at most this much above the smallest


def run(sizes: list[int], folder: Path, baseline: Optional[Engine] = None, repeat: int = 3,
        baseline_max: int = 10_000) -> list[str]:
    rows: list[list[Any]] = []
    per_node: dict[int, float] = {}
    ratios: dict[int, float] = {}
    peaks: dict[int, tuple[float, float]] = {}
    for n in sizes:
        path = synthetic(n, folder)
        reps = repeat if n <= 10_000 else 1
        # The smallest size is what the linearity ratio divides by, and the quickest to run
        # again: best of 3 processes there (see ``common.child``); the larger ones get one.
        procs = 3 if n < 10_000 else 1
        bare = child("bare", path, repeat=reps, processes=procs)
        ours = child("load", path, repeat=reps, processes=procs)
        mem = child("load_mem", path, repeat=1)
        bare_mem = child("bare_mem", path, repeat=1)
        old: dict[str, Any] = {}
        if baseline is not None and n <= baseline_max:
            old = child("load", path, engine=baseline, repeat=reps, timeout=300)
        ratio = ours["cpu"] / bare["cpu"] if "cpu" in ours and "cpu" in bare else None
        ratio_nogc = ours["cpu"] / bare["cpu_nogc"] if "cpu" in ours and "cpu_nogc" in bare else None
        if "cpu" in ours:
            per_node[n] = ours["cpu"] / n * 1e6
        if ratio_nogc:
            ratios[n] = ratio_nogc
        if "peak_mib" in mem:
            peaks[n] = (mem["peak_mib"], bare_mem.get("peak_mib", 0.0))
        row = [f"{n:,}", f"{path.stat().st_size / 2**20:.1f}", secs(bare), secs(bare, "cpu_nogc"), secs(ours),
               secs(ours, "wall"),
               f"**{ratio:.2f}x** / {ratio_nogc:.2f}x" if ratio and ratio_nogc else "—",
               f"{per_node.get(n, 0):.0f}",
               f"{mem.get('peak_mib', 0):.0f} (bare {bare_mem.get('peak_mib', 0):.0f})"]
        if baseline is not None:
            row.append(secs(old) if old else "not run")
        rows.append(row)
    header = ["nodes", "MiB", "bare parse CPU s", "bare, GC off", "ours CPU s", "ours wall s",
              "ours / bare (GC on / off)", "µs per node", "peak MiB (tracemalloc)"]
    if baseline is not None:
        header.append(f"ours at {baseline.label} CPU s")
    return ["## Load + validate + build the machine", "",
            *goals(_goals(ratios, per_node, peaks)), "", *table(header, rows), "",
            "The floor is `yaml.load(text, Loader=yaml.CSafeLoader)`. Our loader pauses the garbage collector "
            "while it builds (engine/analysis/gcpause.py), so the goal is judged against the bare parse with the "
            "collector off too, the stricter of the two ratios.", ""]


def _goals(ratios: dict[int, float], per_node: dict[int, float],
           peaks: dict[int, tuple[float, float]]) -> list[tuple[str, str, Optional[bool]]]:
    at = GOAL_AT if GOAL_AT in ratios else max(ratios, default=None)
    out: list[tuple[str, str, Optional[bool]]] = []
    if at is None:
        out.append((f"≤ {GOAL_RATIO}x the bare parse at {GOAL_AT:,} nodes", "not measured", None))
    else:
        note = "" if at == GOAL_AT else f" (at {at:,} nodes: {GOAL_AT:,} not run)"
        out.append((f"≤ {GOAL_RATIO}x the bare parse at {GOAL_AT:,} nodes", f"{ratios[at]:.2f}x{note}",
                    ratios[at] <= GOAL_RATIO if at == GOAL_AT else None))
    if len(per_node) > 1:
        lo, hi = min(per_node), max(per_node)
        growth = per_node[hi] / per_node[lo]
        out.append((f"linear: time per node at {hi:,} nodes within {LINEAR_SLACK}x of {lo:,}",
                    f"{growth:.2f}x ({per_node[lo]:.0f} → {per_node[hi]:.0f} µs per node)", growth <= LINEAR_SLACK))
    if peaks:
        n = GOAL_AT if GOAL_AT in peaks else max(peaks)
        out.append(("peak memory reported", f"{peaks[n][0]:.0f} MiB at {n:,} nodes (bare parse {peaks[n][1]:.0f} MiB)",
                    True))
    return out


if __name__ == "__main__":
    import tempfile
    print("\n".join(run([1000, 10_000], Path(tempfile.mkdtemp()), CURRENT)))
