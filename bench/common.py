"""What every benchmark needs: fresh-process measurements, the machine, a Markdown table.

The machine these numbers come from is shared and noisy, so each benchmark measures
the things it compares side by side in one run (ours and the floor, new and baseline),
takes the best (in-process) or the median (whole commands) of a few repeats, and reports
process (CPU) time next to wall time.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "child.py"


@dataclass
class Engine:
    """Which ``engine`` a child process imports: this checkout, or one from a git revision."""

    label: str
    path: Path  # folder that contains the ``engine`` package

    def env(self, extra: Optional[dict[str, str]] = None) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(self.path), str(ROOT)])
        env.setdefault("SDL_VIDEODRIVER", "dummy")
        env.setdefault("SDL_AUDIODRIVER", "dummy")
        env["PYTHONHASHSEED"] = "0"
        env.update(extra or {})
        return env


CURRENT = Engine("now", ROOT)
_NEUTRAL: list[Path] = []


def neutral_folder() -> Path:
    """An empty folder to run commands in. ``python -m simulator`` puts the folder it runs in first
    on the import path, ahead of ``PYTHONPATH``: run in this checkout, every command would import
    this checkout's engine, a baseline's included, and a side-by-side ratio would compare the code
    with itself."""
    if not _NEUTRAL:
        _NEUTRAL.append(Path(tempfile.mkdtemp(prefix="tussenwerker-bench-cwd-")))
    return _NEUTRAL[0]


def engine_at(revision: str) -> Engine:
    """The ``engine`` and ``simulator`` packages (and the shipped scenarios the simulator
    lists) as they were at ``revision``, unpacked in a temporary folder: what the commands
    of that revision run."""
    blob = subprocess.run(["git", "archive", "--format=tar", revision, "engine", "simulator", "scenarios"], cwd=ROOT,
                          capture_output=True, check=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="tussenwerker-baseline-"))
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        try:
            tar.extractall(folder, filter="data")
        except TypeError:  # Python without extraction filters
            tar.extractall(folder)
    short = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    return Engine(short, folder)


def last_line(stderr: str, default: str = "no output") -> str:
    """The last line a failed child printed (its error), for a one-line report."""
    return (stderr.strip().splitlines() or [default])[-1]


def child(task: str, *args: Any, engine: Engine = CURRENT, repeat: int = 3, timeout: float = 1800,
          processes: int = 1) -> dict[str, Any]:
    """Run one ``bench/child.py`` task in a fresh interpreter; ``{"error": ...}`` on failure.

    With ``processes`` > 1 the task runs in that many interpreters one after another and
    the fastest counts: on these shared machines one process can run half again as slow
    as the next (where it lands on the CPU), a spread that repeats within one process
    don't see.
    """
    if processes > 1:
        runs = [child(task, *args, engine=engine, repeat=repeat, timeout=timeout) for _ in range(processes)]
        ok = [r for r in runs if "cpu" in r]
        return min(ok, key=lambda r: r["cpu"]) if ok else runs[-1]
    cmd = [sys.executable, str(CHILD), task, *map(str, args)]
    try:
        out = subprocess.run(cmd, cwd=ROOT, env=engine.env({"BENCH_REPEAT": str(repeat)}), capture_output=True,
                             text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if out.returncode != 0:
        return {"error": last_line(out.stderr)}
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> list[str]:
    """The machine and software, without paths or host names."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for dist in ("PyYAML", "transitions", "pygame-ce", "pygame_gui", "hypothesis", "atheris"):
        try:
            from importlib.metadata import version
            versions.append(f"{dist} {version(dist)}")
        except Exception:  # not installed
            continue
    try:
        import yaml
        libyaml = "with libyaml" if yaml.__with_libyaml__ else "without libyaml"
    except ImportError:
        libyaml = ""
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f", {int(line.split()[1]) / 2**20:.1f} GiB RAM"
                break
    except (OSError, ValueError, IndexError):
        pass
    return [
        f"- CPU: {model}, {os.cpu_count()} logical cores{ram}",
        f"- OS: {platform.system()} {platform.release().split('-')[0]} ({platform.machine()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- {', '.join(versions)} (PyYAML {libyaml})",
    ]


def run_line() -> str:
    """When, at which commit and on how busy a machine a part was measured (one line)."""
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    commit = "unknown commit"
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "engine", "simulator", "bench",
                                ":(exclude)bench/RESULTS.md"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        commit = f"commit {head}" + (" plus uncommitted changes to engine/, simulator/ or bench/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = "; load average at its start (1/5/15 min): " + " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"_Measured from {when} at {commit}{load}._"


def goals(rows: Sequence[tuple[str, str, Optional[bool]]]) -> list[str]:
    """The goals table of a part: (goal, measured, met?) with ✓ / ✗ (— when not measured)."""
    return table(["goal", "measured", "met?"],
                 [[goal, measured, "—" if met is None else ("✓" if met else "✗")] for goal, measured, met in rows])


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        out.append("| " + " | ".join(str(c) for c in row) + " |")
    return out


def secs(result: dict[str, Any], key: str = "cpu") -> str:
    if "error" in result:
        return f"error: {result['error']}"
    value = result.get(key)
    return "—" if value is None else f"{value:.3f}"


def synthetic(nodes: int, folder: Path) -> Path:
    """Write (once) the synthetic scenario of about ``nodes`` nodes into ``folder``."""
    from tests.fixtures.synth import scenario_text
    path = folder / f"synthetic-{nodes}.yaml"
    if not path.exists():
        path.write_text(scenario_text(nodes), encoding="utf-8")
    return path


# -- whole commands, side by side ------------------------------------------------------------
@dataclass
class Runs:
    """One command's counted runs: CPU seconds (user + system, the process and its children)
    and wall seconds per run, and the exit code of the last."""

    cpu: list[float]
    wall: list[float]
    code: Optional[int]  # None: it did not finish within its time

    @property
    def ok(self) -> bool:
        return self.code is not None and bool(self.cpu)

    def median(self, key: str = "cpu") -> Optional[float]:
        values = getattr(self, key)
        return statistics.median(values) if values else None


def timed(cmd: Sequence[str], env: dict[str, str], timeout: float) -> tuple[float, float, Optional[int]]:
    """Run ``cmd`` once, output discarded: (CPU s, wall s, exit code; None when it timed out)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        code: Optional[int] = subprocess.run(list(cmd), cwd=neutral_folder(), env=env, stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                             timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        code = None
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, code


SLOW = 30.0  # seconds: a pair slower than this is run once, and that run counts


def paired(a: Sequence[str], b: Sequence[str], env_a: dict[str, str], env_b: dict[str, str], runs: int = 3,
           warmup: int = 1, timeout: float = 600, slow: float = SLOW) -> tuple[Runs, Runs, Optional[float]]:
    """``a`` and ``b`` in turn (A B A B ...) after ``warmup`` runs of each, so a machine that
    speeds up or slows down moves both alike; the median of the pairwise CPU ratios A/B.
    A command that times out is not run again; a pair that takes longer than ``slow`` seconds
    is run once and counted (its warm-up would not change a number that large)."""
    ra, rb = Runs([], [], 0), Runs([], [], 0)
    for i in range(warmup + runs):
        first = []
        for cmd, env, out in ((a, env_a, ra), (b, env_b, rb)):
            if out.code is None:
                continue
            cpu, wall, code = timed(cmd, env, timeout)
            out.code = code
            first.append((out, cpu, wall, code))
        counted = i >= warmup or (i == 0 and sum(w for _, _, w, _ in first) > slow)
        for out, cpu, wall, code in first:
            if code is not None and counted:
                out.cpu.append(cpu)
                out.wall.append(wall)
        if i == 0 and counted and i < warmup:
            break
    ratios = [x / y for x, y in zip(ra.cpu, rb.cpu) if y > 0]
    return ra, rb, (statistics.median(ratios) if ratios else None)
