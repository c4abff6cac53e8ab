"""Folder size and start time of the standalone build against a venv install, side by side.

    python packaging/measure.py DIST/tussenwerker VENV [--runs 7]

VENV is a venv with Tussenwerker installed from the wheel (``pip install .``). Both are
run the same way, alternately, each in a fresh process with its own data folder (warmed
up once, so the start screen's card cache is there as on a user's machine):
``list`` (the command line up to its answer), ``--quit-after-first-frame`` (the window's
title card) and ``--quit-when-ready`` (the start screen), under SDL's dummy driver.
Prints a Markdown table for bench/RESULTS.md.
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

BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""
RUNS = {"list": ["list"], "title card": ["--quit-after-first-frame"], "start screen": ["--quit-when-ready"]}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def seconds(cmd: list[str], data: Path) -> float:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "TUSSENWERKER_DATA": str(data / "data"), "TUSSENWERKER_CONFIG": str(data / "config")}
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=data, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("frozen", type=Path)
    p.add_argument("venv", type=Path)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    tools = {"standalone": [str(args.frozen / f"tussenwerker{EXE}")],
             "venv": [str(args.venv / BIN / f"tussenwerker{EXE}")]}
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {name: Path(tmp) / name for name in tools}  # each its own card cache, as on a user's machine
        for name, tool in tools.items():  # one warm-up each: the page cache and the card cache
            homes[name].mkdir()
            seconds(tool + ["--quit-when-ready"], homes[name])
        for _ in range(args.runs):
            for what, extra in RUNS.items():
                for name, tool in tools.items():
                    times.setdefault((name, what), []).append(seconds(tool + extra, homes[name]))
    mib = 1024 * 1024
    print(f"| | standalone (`{args.frozen.name}/`) | venv | ratio |")
    print("|---|---|---|---|")
    fs, vs = folder_size(args.frozen), folder_size(args.venv)
    print(f"| folder size | {fs / mib:.0f} MiB | {vs / mib:.0f} MiB | {fs / vs:.2f}x |")
    for what in RUNS:
        f, v = statistics.median(times[("standalone", what)]), statistics.median(times[("venv", what)])
        print(f"| {what}, median of {args.runs} | {f:.2f} s | {v:.2f} s | {f / v:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
