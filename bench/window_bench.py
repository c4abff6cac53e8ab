"""The window: cold start, idle cost, frame time while text types.

- **Cold start**: ``python -m simulator --quit-after-first-frame`` (interpreter start,
  imports, display, theme and fonts, the scenario list, the first drawn frame) against a
  bare pygame script that opens a window of the same size, fills it and flips once. Both
  run with bytecode cached, as after an install, alternating, best and median of N.
  Goal: at most 1.5x the bare window.
- **Idle**: CPU time used over 10 s by the real frame loop (``App.run``) on the meeting
  screen once the line has finished typing and nothing moves. Goal: under 2 % of a core.
- **Typewriter**: the time of each frame (``App.frame``: events, update, draw, flip)
  while a line types at 1920x1080, measured in-process. Goal: p99 under 8 ms.

All headless (``SDL_VIDEODRIVER=dummy``): what SDL's dummy driver does in ``event.wait``
is part of the idle number, and a real display adds its own compositing.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import CURRENT, ROOT, table

BARE_WINDOW = """\
import pygame
pygame.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
pygame.display.set_caption("bare")
screen.fill((243, 240, 232))
pygame.display.flip()
pygame.quit()
"""

# Runs in a child: drive the window to the meeting screen, then measure (prints JSON).
IN_WINDOW = """\
import json, resource, sys, threading, time
import pygame
from simulator.app.pilot import open_app

size, idle_seconds = (int(sys.argv[1]), int(sys.argv[2])), float(sys.argv[3])
app, pilot = open_app(size=size, text_speed="slow", persist=False)
pilot.focus_on("speeltuin-kort")
pilot.press("return")
pilot.press("return")
while pilot.scene == "preparation":
    pilot.press("1")
    pilot.wait_until(lambda: app.top.pending is None)
out = {"scene": pilot.scene}
# Typewriter: frames at 60 fps of app time until the line is out.
app.frame_times.clear()
app.last_input = -100.0
frames = 0
while app.top.animating() and frames < 3000:
    app.frame(pygame.event.get(), 1 / 60)
    frames += 1
out["typing_frames"] = list(app.frame_times)
pilot.settle()
app.last_input = -100.0
out["animating_when_idle"] = app.animating()
# Idle: the real loop, stopped from a timer thread after idle_seconds.
def stop():
    time.sleep(idle_seconds)
    app.running = False
    pygame.event.post(pygame.event.Event(pygame.USEREVENT))
threading.Thread(target=stop, daemon=True).start()
before, started, drawn = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter(), app.frames
app.run()
after, ended = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
out["idle_cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
out["idle_wall"] = ended - started
out["idle_frames"] = app.frames - drawn
app.close()
print(json.dumps(out))
"""


def _env(folder: Path) -> dict[str, str]:
    env = CURRENT.env({"TUSSENWERKER_DATA": str(folder / "data"), "TUSSENWERKER_CONFIG": str(folder / "config"),
                       "PYTHONPYCACHEPREFIX": str(folder / "pycache")})
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: bytecode cached
    return env


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True, timeout=300)
    return time.perf_counter() - started


def cold_start(rounds: int, folder: Path) -> dict[str, Any]:
    env = _env(folder)
    bare_script = folder / "bare_window.py"
    bare_script.write_text(BARE_WINDOW)
    ours = [sys.executable, "-m", "simulator", "--quit-after-first-frame"]
    bare = [sys.executable, str(bare_script)]
    _wall(ours, env)  # writes the bytecode cache
    _wall(bare, env)
    times: dict[str, list[float]] = {"ours": [], "bare": []}
    for _ in range(rounds):
        times["bare"].append(_wall(bare, env))
        times["ours"].append(_wall(ours, env))
    return times


def in_window(folder: Path, size: tuple[int, int], idle_seconds: float) -> dict[str, Any]:
    script = folder / "in_window.py"
    script.write_text(IN_WINDOW)
    out = subprocess.run([sys.executable, str(script), str(size[0]), str(size[1]), str(idle_seconds)], cwd=ROOT,
                         env=_env(folder), capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(rounds: int = 7, idle_seconds: float = 10.0) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="tussenwerker-window-"))
    starts = cold_start(rounds, folder)
    measured = in_window(folder, (1920, 1080), idle_seconds)
    b, o = starts["bare"], starts["ours"]
    rows = [["cold start to first frame (best / median of %d)" % rounds,
             f"{min(o):.3f} / {statistics.median(o):.3f} s", f"{min(b):.3f} / {statistics.median(b):.3f} s",
             f"**{min(o) / min(b):.2f}x** / {statistics.median(o) / statistics.median(b):.2f}x", "≤ 1.5x"]]
    if "error" in measured:
        rows.append(["meeting screen", f"error: {measured['error']}", "", "", ""])
    else:
        ft = [t * 1000 for t in measured["typing_frames"]]
        idle = measured["idle_cpu"] / measured["idle_wall"] * 100
        rows.append([f"idle on the meeting screen, {measured['idle_wall']:.0f} s",
                     f"**{idle:.2f} %** of a core ({measured['idle_cpu']:.2f} s CPU, "
                     f"{measured['idle_frames']} frames drawn)", "", "", "< 2 %"])
        rows.append([f"frame time while typing, 1920x1080 ({len(ft)} frames)",
                     f"p50 {percentile(ft, 50):.2f} ms, p95 {percentile(ft, 95):.2f} ms, "
                     f"**p99 {percentile(ft, 99):.2f} ms**, max {max(ft):.2f} ms", "", "", "p99 < 8 ms"])
    return ["### Window", "", *table(["what", "ours", "bare pygame", "ratio", "goal"], rows), ""]


if __name__ == "__main__":
    print("\n".join(run(rounds=3, idle_seconds=3)))
