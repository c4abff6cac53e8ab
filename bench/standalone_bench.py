"""The standalone build (PyInstaller, one folder) against a venv install: folder size and start time.

``python -m bench --only standalone`` builds both in a temporary folder, as docs/install.md
says (a venv with ``pip install .``; a build venv with PyInstaller and the spec), then
measures. To measure builds you already have (another system's, say):

    python -m bench.standalone_bench DIST/tussenwerker VENV [--runs 9]

VENV is a venv with Tussenwerker installed from the wheel (``pip install .``). Both are
run the same way, alternately, each in a fresh process with its own data folder (warmed
up once, so the start screen's card cache is there as on a user's machine):
``list`` (the command line up to its answer), ``--quit-after-first-frame`` (the window's
title card) and ``--quit-when-ready`` (the start screen), under SDL's dummy driver.
CPU time (user + system, where the system reports it) is given beside wall time: it moves
far less when the machine is busy with other work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT

BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""
RUNS = {"list": ["list"], "title card": ["--quit-after-first-frame"], "start screen": ["--quit-when-ready"]}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def cpu_of_children() -> float:
    try:
        import resource
    except ImportError:  # Windows: wall time only
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def seconds(cmd: list[str], data: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run; CPU time barely moves with other load."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "TUSSENWERKER_DATA": str(data / "data"), "TUSSENWERKER_CONFIG": str(data / "config")}
    cpu, start = cpu_of_children(), time.perf_counter()
    subprocess.run(cmd, env=env, cwd=data, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, cpu_of_children() - cpu


def build(folder: Path) -> tuple[Path, Path]:
    """A venv with Tussenwerker from this checkout, and the standalone folder built from it."""
    venv, build_venv = folder / "venv", folder / "build-venv"
    for target, extra in ((venv, []), (build_venv, ["pyinstaller>=6"])):
        subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
        subprocess.run([str(target / BIN / f"python{EXE}"), "-m", "pip", "install", "--quiet", str(ROOT), *extra],
                       check=True)
    subprocess.run([str(build_venv / BIN / f"pyinstaller{EXE}"), "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(folder / "dist"), "--workpath", str(folder / "work"),
                    str(ROOT / "packaging" / "tussenwerker.spec")], check=True, cwd=folder)
    return folder / "dist" / "tussenwerker", venv


def run(runs: int = 9, frozen: Path | None = None, venv: Path | None = None) -> list[str]:
    """The part's Markdown lines (building both first unless given)."""
    with tempfile.TemporaryDirectory(prefix="tussenwerker-standalone-") as tmp:
        if frozen is None or venv is None:
            frozen, venv = build(Path(tmp))
        return measure(frozen, venv, runs)


def measure(frozen: Path, venv: Path, runs: int) -> list[str]:
    tools = {"standalone": [str(frozen / f"tussenwerker{EXE}")], "venv": [str(venv / BIN / f"tussenwerker{EXE}")]}
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {name: Path(tmp) / name for name in tools}  # each its own card cache, as on a user's machine
        for name, tool in tools.items():  # one warm-up each: the page cache and the card cache
            homes[name].mkdir()
            seconds(tool + ["--quit-when-ready"], homes[name])
        for _ in range(runs):
            for what, extra in RUNS.items():
                for name, tool in tools.items():
                    times.setdefault((name, what), []).append(seconds(tool + extra, homes[name]))
    mib = 1024 * 1024
    fs, vs = folder_size(frozen), folder_size(venv)
    lines = ["## Standalone build (PyInstaller, one folder) against a venv", "",
             "| | standalone folder | venv (`pip install .`) | standalone / venv |", "|---|---|---|---|",
             f"| folder size | {fs / mib:.0f} MiB | {vs / mib:.0f} MiB | {fs / vs:.2f}x |"]
    for what in RUNS:
        for i, kind in ((0, "wall"), (1, "CPU")):
            f = statistics.median(t[i] for t in times[("standalone", what)])
            v = statistics.median(t[i] for t in times[("venv", what)])
            if v > 0:
                lines.append(f"| {what}: {kind} time, median of {runs} | {f:.2f} s | {v:.2f} s | {f / v:.2f}x |")
    lines += ["", "Start times are whole processes under SDL's dummy driver, the two alternating: `list` (to its "
              "answer), `--quit-after-first-frame` (the window's title card), `--quit-when-ready` (the start "
              "screen, card cache warm). The venv holds pip, setuptools and pygame_gui's 40 MB of Arabic, Hebrew "
              "and CJK fonts, which the standalone folder leaves out."]
    return lines


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("frozen", type=Path)
    p.add_argument("venv", type=Path)
    p.add_argument("--runs", type=int, default=9)
    args = p.parse_args()
    print("\n".join(measure(args.frozen, args.venv, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
