"""The window: cold start, idle cost, frame time while text types.

- **Cold start to the first frame**: ``python -m simulator --quit-after-first-frame``
  (interpreter start, the command line, settings, display, the title card drawn and
  flipped, quit) against a bare pygame script that opens a window of the same size,
  fills it, flips once and quits (``pygame.display.init()``, not ``pygame.init()``, which
  also opens audio and joysticks). Goal: at most 1.5x the bare window.
- **Start screen ready** (informational): ``--quit-when-ready``, the same start going on
  to import pygame_gui and the app, build theme, fonts and the start screen with its
  scenario cards (from the card cache), and draw it once.
  All three run with bytecode cached, as after an install, in turn within each round
  (the machine's load moves all of them alike), best and median of N.
- **Idle**: CPU time used over 10 s by the real frame loop (``App.run``) on the meeting
  screen once the line has finished typing and nothing moves. Goal: under 2 % of a core.
- **Typewriter**: the time of each frame (``App.frame``: events, update, draw, flip)
  while a line types at 1920x1080, measured in-process. Goal: p99 under 8 ms.

All headless (``SDL_VIDEODRIVER=dummy``), and a real display adds its own compositing.
The idle floor is a bare pygame window waiting in ``pygame.event.wait``, as pygame
programs do; that looks at the queue every millisecond (about 3 % of a core on these
machines, on the dummy driver and under Xvfb alike), where our idle loop looks once per
display frame and sleeps in between.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from bench.common import CURRENT, ROOT, last_line, table

# Only the display, as our window initialises only the display (and fonts): pygame.init()
# would also open audio and joysticks, and that slower floor would flatter the ratio.
BARE_WINDOW = """\
import pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
pygame.display.set_caption("bare")
screen.fill((243, 240, 232))
pygame.display.flip()
pygame.quit()
"""

# Runs in a child: drive the window to the meeting screen, then measure (prints JSON).
IN_WINDOW = """\
import json, os, resource, sys, threading, time
import pygame
from simulator.window.pilot import open_app

size, idle_seconds = (int(sys.argv[1]), int(sys.argv[2])), float(sys.argv[3])
voices = len(sys.argv) > 4 and sys.argv[4] == "voices"
app, pilot = open_app(size=size, text_speed="slow", persist=False, self_voicing=voices, resident_voices=voices)

def speech_cpu():
    # CPU seconds of the speech process so far (0 without one): it runs beside the window.
    process = getattr(app.voicing.speaker, "_process", None)
    if process is None:
        return 0.0
    try:
        fields = open(f"/proc/{process.pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
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
# Idle: the real loop. A timer thread lets run() draw its opening frame and settle for a
# second, then measures idle_seconds of the loop doing nothing, and stops it.
marks = {}
def stop():
    time.sleep(1.0)
    if voices:  # idle means nothing left to say: every queued line and option has been heard
        out["speech_done"] = app.voicing.speaker.wait(300)
    marks["before"], marks["started"], marks["drawn"] = (resource.getrusage(resource.RUSAGE_SELF),
                                                         time.perf_counter(), app.frames)
    marks["speech_before"] = speech_cpu()
    time.sleep(idle_seconds)
    marks["after"], marks["ended"] = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    marks["speech_after"] = speech_cpu()
    app.running = False
    pygame.event.post(pygame.event.Event(pygame.USEREVENT))
threading.Thread(target=stop, daemon=True).start()
app.run()
before, started, drawn = marks["before"], marks["started"], marks["drawn"]
after, ended = marks["after"], marks["ended"]
out["idle_cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
out["idle_wall"] = ended - started
out["idle_frames"] = app.frames - drawn
out["speech_idle_cpu"] = marks["speech_after"] - marks["speech_before"]
out["spoken"] = len(app.voicing.speaker.spoken)
out["speech_problem"] = app.voicing.speaker.problem
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


def cold_start(rounds: int, folder: Path) -> dict[str, list[float]]:
    """Wall times of the bare window, our first frame and our ready start screen."""
    env = _env(folder)
    bare_script = folder / "bare_window.py"
    bare_script.write_text(BARE_WINDOW)
    commands = {"bare": [sys.executable, str(bare_script)],
                "ours": [sys.executable, "-m", "simulator", "--quit-after-first-frame"],
                "ready": [sys.executable, "-m", "simulator", "--quit-when-ready"]}
    for cmd in commands.values():
        _wall(cmd, env)  # writes the bytecode cache (and the scenario card cache)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            times[name].append(_wall(cmd, env))
    return times


def start_rows(times: dict[str, list[float]], goal: float = 1.5) -> list[list[str]]:
    """The two cold-start rows: best and median, their ratios to the bare window, the goal."""
    b = times["bare"]
    rows = []
    for key, what, goal_text in (("ours", "cold start to first frame (title card)", f"≤ {goal}x"),
                                 ("ready", "cold start to start screen ready", "(informational)")):
        o = times[key]
        best, median = min(o) / min(b), statistics.median(o) / statistics.median(b)
        met = ""
        if key == "ours":
            met = "yes" if median <= goal else "best only" if best <= goal else "no"
        rows.append([f"{what} (best / median of {len(o)})",
                     f"{min(o):.3f} / {statistics.median(o):.3f} s", f"{min(b):.3f} / {statistics.median(b):.3f} s",
                     f"**{best:.2f}x** / {median:.2f}x", goal_text, met])
    return rows


# Where the machine has no sound card (or no aplay), a stand-in "plays" each line by waiting for
# as long as it lasts: what the speech process does then is what it does on a trainee's laptop.
STAND_IN_PLAYER = """\
#!/usr/bin/env python3
import sys, time, wave
with wave.open(sys.argv[-1]) as w:
    time.sleep(w.getnframes() / w.getframerate())
"""


def in_window(folder: Path, size: tuple[int, int], idle_seconds: float, voices: bool = False) -> dict[str, Any]:
    script = folder / "in_window.py"
    script.write_text(IN_WINDOW)
    env = _env(folder)
    if voices and shutil.which("aplay") is None:
        player = folder / "bin" / "aplay"
        player.parent.mkdir(exist_ok=True)
        player.write_text(STAND_IN_PLAYER)
        player.chmod(0o755)
        env["PATH"] = f"{player.parent}{os.pathsep}{env.get('PATH', '')}"
    out = subprocess.run([sys.executable, str(script), str(size[0]), str(size[1]), str(idle_seconds),
                          "voices" if voices else "quiet"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        return {"error": last_line(out.stderr)}
    return json.loads(out.stdout.strip().splitlines()[-1])


IDLE_FLOOR = """
import resource, sys, time
import pygame
pygame.display.init()
pygame.display.set_mode((int(sys.argv[1]), int(sys.argv[2])))
pygame.display.flip()
seconds = float(sys.argv[3])
before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
while time.perf_counter() - started < seconds:
    pygame.event.wait(500)
after, ended = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(cpu / (ended - started) * 100)
"""


def idle_floor(folder: Path, size: tuple[int, int], seconds: float) -> Optional[float]:
    """What a bare pygame window costs doing nothing in ``event.wait``: the usual pygame idle loop."""
    script = folder / "idle_floor.py"
    script.write_text(IDLE_FLOOR)
    out = subprocess.run([sys.executable, str(script), str(size[0]), str(size[1]), str(seconds)], cwd=ROOT,
                         env=_env(folder), capture_output=True, text=True, timeout=600)
    try:
        return float(out.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return None


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(rounds: int = 7, idle_seconds: float = 10.0) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="tussenwerker-window-"))
    starts = cold_start(rounds, folder)
    measured = in_window(folder, (1920, 1080), idle_seconds)
    floor = idle_floor(folder, (1920, 1080), idle_seconds)
    rows = start_rows(starts)
    if "error" in measured:
        rows.append(["meeting screen", f"error: {measured['error']}", "", "", "", ""])
    else:
        ft = [t * 1000 for t in measured["typing_frames"]]
        idle = measured["idle_cpu"] / measured["idle_wall"] * 100
        p99 = percentile(ft, 99)
        rows.append([f"idle on the meeting screen, {measured['idle_wall']:.0f} s",
                     f"**{idle:.2f} %** of a core ({measured['idle_cpu']:.2f} s CPU, "
                     f"{measured['idle_frames']} frames drawn)",
                     f"{floor:.2f} %" if floor is not None else "", f"{idle / floor:.2f}x" if floor else "",
                     "< 2 %", "yes" if idle < 2 else "no"])
        rows.append([f"frame time while typing, 1920x1080 ({len(ft)} frames)",
                     f"p50 {percentile(ft, 50):.2f} ms, p95 {percentile(ft, 95):.2f} ms, "
                     f"**p99 {p99:.2f} ms**, max {max(ft):.2f} ms", "", "", "p99 < 8 ms", "yes" if p99 < 8 else "no"])
    rows.extend(voices_rows(in_window(folder, (1920, 1080), idle_seconds, voices=True), floor))
    return ["### Window", "", *table(["what", "ours", "bare pygame", "ratio", "goal", "met?"], rows), ""]


def voices_rows(measured: dict[str, Any], floor: Optional[float]) -> list[list[str]]:
    """The same two measurements with self-voicing and the residents' voices on: the window's own
    idle CPU plus the speech process's, and the frame times while a line types and is spoken."""
    what = "with voices on"
    if "error" in measured:
        return [[f"meeting screen {what}", f"error: {measured['error']}", "", "", "", ""]]
    if measured.get("speech_problem") or not measured.get("spoken"):
        return [[f"meeting screen {what}", f"no speech here: {measured.get('speech_problem') or 'nothing queued'}",
                 "", "", "", ""]]
    ft = [t * 1000 for t in measured["typing_frames"]]
    window = measured["idle_cpu"] / measured["idle_wall"] * 100
    speech = measured["speech_idle_cpu"] / measured["idle_wall"] * 100
    idle, p99 = window + speech, percentile(ft, 99)
    return [[f"idle on the meeting screen {what}, {measured['idle_wall']:.0f} s",
             f"**{idle:.2f} %** of a core (window {window:.2f} %, speech process {speech:.2f} %; "
             f"{measured['spoken']} utterances queued)",
             f"{floor:.2f} %" if floor is not None else "", f"{idle / floor:.2f}x" if floor else "",
             "< 2 %", "yes" if idle < 2 else "no"],
            [f"frame time while typing and speaking, 1920x1080 ({len(ft)} frames)",
             f"p50 {percentile(ft, 50):.2f} ms, p95 {percentile(ft, 95):.2f} ms, "
             f"**p99 {p99:.2f} ms**, max {max(ft):.2f} ms", "", "", "p99 < 8 ms", "yes" if p99 < 8 else "no"]]


if __name__ == "__main__":
    print("\n".join(run(rounds=3, idle_seconds=3)))
