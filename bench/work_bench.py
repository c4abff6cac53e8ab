"""Work, not time: the instructions and cache misses of ``explore``, counted by valgrind.

The analysis part times ``explore`` per node at 1k, 10k and 50k nodes. Time per node
grows with size even where the work does not: the graph's Python objects (about
1.3 KB per state) fit the 2 MiB L2 cache at 1k nodes, the last-level cache at 10k, and
nothing at 50k, so the same instructions wait longer for memory. Timers can't tell the
two apart; valgrind's cachegrind can: it counts the instructions executed (``I refs``),
the same on any machine, and simulates the caches (first-level data, ``D1``, and the
last level, ``LLd``, sized like this machine's).

For each size the scenario is loaded natively and pickled (``bench.work_child``), then
two processes are counted under cachegrind with ``PYTHONHASHSEED=0``: one that only
unpickles it and one that unpickles it and explores once. The difference is
``explore``'s own. The goal is the analysis part's linearity goal, on work: instructions
per node at the largest size within the same slack of the smallest.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional

from bench.analyze_bench import LINEAR_SLACK
from bench.common import CURRENT, ROOT, goals, last_line, synthetic, table

VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=yes", "--cachegrind-out-file=/dev/null"]
TIMEOUT = 3 * 3600  # seconds per counted process (50k nodes take about ten minutes)
_COUNT = re.compile(r"^==\d+==\s+(I|D1|LLd)\s+(refs|misses):\s+([\d,]+)", re.M)


def parse_counts(stderr: str) -> dict[str, int]:
    """``{"I": instructions, "D1": first-level data misses, "LLd": last-level data misses}``
    from cachegrind's summary (empty when it printed none)."""
    return {m.group(1): int(m.group(3).replace(",", "")) for m in _COUNT.finditer(stderr)}


def _counted(pickle_path: Path, what: str) -> dict[str, int]:
    cmd = [*VALGRIND, sys.executable, "-m", "bench.work_child", "count", str(pickle_path), what]
    out = subprocess.run(cmd, cwd=ROOT, env=CURRENT.env({"PYTHONHASHSEED": "0"}), capture_output=True,
                         text=True, timeout=TIMEOUT)
    counts = parse_counts(out.stderr)
    if out.returncode != 0 or "I" not in counts:
        raise RuntimeError(f"cachegrind ({what}) failed: {last_line(out.stderr)}")
    if what == "explore":
        counts["states"] = int(out.stdout.split()[-1])
    return counts


def measure(path: Path, folder: Path) -> dict[str, Any]:
    """explore's instructions and misses on the scenario at ``path`` (two counted processes, side by side)."""
    frozen = folder / (path.stem + ".pickle")
    made = subprocess.run([sys.executable, "-m", "bench.work_child", "freeze", str(path), str(frozen)],
                          cwd=ROOT, env=CURRENT.env(), capture_output=True, text=True, timeout=TIMEOUT)
    if made.returncode != 0:
        raise RuntimeError(last_line(made.stderr, "could not load the scenario"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        base, full = pool.map(lambda what: _counted(frozen, what), ("none", "explore"))
    frozen.unlink(missing_ok=True)
    return {"nodes": int(made.stdout.split()[-1]), "states": full["states"],
            **{k: full[k] - base[k] for k in ("I", "D1", "LLd")}}


def run(sizes: list[int], folder: Path) -> list[str]:
    title = "## Work per node (instructions counted by valgrind)"
    if shutil.which("valgrind") is None:
        return [title, "", *goals([("linear work: instructions per node", "valgrind not installed", None)]), ""]
    measured: dict[int, dict[str, Any]] = {}
    failed: dict[int, str] = {}
    for n in sizes:
        try:
            measured[n] = measure(synthetic(n, folder), folder)
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
            failed[n] = str(exc)
    rows = []
    for n in sizes:
        if n in failed:
            rows.append([f"{n:,}", "error", failed[n], "", "", ""])
            continue
        m = measured[n]
        rows.append([f"{m['nodes']:,}", f"{m['states']:,}", f"{m['I'] / 1e6:,.0f}", f"{m['I'] / m['nodes']:,.0f}",
                     f"{m['D1'] / m['nodes']:,.0f}", f"{m['LLd'] / m['nodes']:.1f}"])
    header = ["nodes", "states", "explore: million instructions", "instructions per node",
              "D1 misses per node", "LL misses per node"]
    return [title, "", *goals(_goals(measured)), "", *table(header, rows), "",
            "Counted on a pickled copy of the loaded scenario (its objects lie close together, unlike "
            "after a YAML load, which made no measurable difference to the time); the cache sizes are "
            "cachegrind's simulation of this machine's.", ""]


def _goals(measured: dict[int, dict[str, Any]]) -> list[tuple[str, str, Optional[bool]]]:
    if len(measured) < 2:
        return [("linear work: instructions per node", "needs two sizes", None)]
    lo, hi = min(measured), max(measured)
    per = {n: measured[n]["I"] / measured[n]["nodes"] for n in (lo, hi)}
    growth = per[hi] / per[lo]
    miss = {n: measured[n]["LLd"] / measured[n]["nodes"] for n in (lo, hi)}
    return [
        (f"linear work: explore instructions per node at {hi:,} nodes within {LINEAR_SLACK}x of {lo:,}",
         f"{growth:.2f}x ({per[lo]:,.0f} → {per[hi]:,.0f} per node)", growth <= LINEAR_SLACK),
        ("last-level cache misses per node (no goal: why time per node grows)",
         f"{miss[lo]:.1f} → {miss[hi]:.1f} per node ({miss[hi] / max(miss[lo], 1e-9):.1f}x)", None),
    ]
