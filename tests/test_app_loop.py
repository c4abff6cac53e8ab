"""The frame loop sleeps when nothing moves, and the window starts from the command line."""

from __future__ import annotations

import os
import subprocess
import sys

import pygame
import pytest

from simulator.window import app as app_mod
from simulator.window.pilot import open_app
from tests.conftest import ROOT


@pytest.mark.slow
def test_an_idle_window_sleeps_between_looks_at_the_queue_instead_of_ticking(monkeypatch):
    app, pilot = open_app(text_speed="instant", persist=False)
    try:
        pilot.settle()
        app.last_input = -10.0
        assert not app.animating()
        looks, sleeps, ticks = [], [], []
        frames = app.frames

        def get(*args, **kwargs):
            looks.append(1)
            if len(looks) >= 3:
                return [pygame.event.Event(pygame.QUIT)]  # not in a meeting: quits at once
            return []  # nothing happened

        monkeypatch.setattr(pygame.event, "get", get)
        monkeypatch.setattr(app_mod.time, "sleep", sleeps.append)

        class Clock:
            def tick(self, *args):
                ticks.append(args)
                return 0

        app.clock = Clock()
        assert app.run() == 0
        assert sleeps == [app_mod.IDLE_POLL_S] * 2 and ticks == []  # slept after each empty look
        assert app_mod.IDLE_POLL_S <= 1 / 60  # the first key after a pause is answered within a frame
        assert app.frames == frames + 1  # the first frame; none while idle (QUIT ends the loop)
    finally:
        app.close()


@pytest.mark.slow
def test_typing_animates_and_a_finished_line_stops_animating():
    app, pilot = open_app(text_speed="slow", persist=False)
    try:
        pilot.focus_on("speeltuin-kort")
        pilot.press("return")
        pilot.press("return")
        while pilot.scene == "preparation":
            pilot.press("1")
            pilot.wait_until(lambda: app.top.pending is None)
        pilot.step(2)
        app.last_input = -10.0
        assert app.animating()  # the typewriter
        pilot.press("space")
        app.last_input = -10.0
        pilot.step(40)
        app.last_input = -10.0
        assert not app.animating()
    finally:
        app.close()


@pytest.mark.slow
def test_the_window_opens_and_quits_after_its_first_frame(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               TUSSENWERKER_DATA=str(tmp_path / "data"), TUSSENWERKER_CONFIG=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-m", "simulator", "--quit-after-first-frame"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    out = subprocess.run([sys.executable, "-m", "simulator", "--quit-after-first-frame", "play", "speeltuin-kort"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


@pytest.mark.slow
def test_closing_a_window_releases_its_font_files():
    """Every window opens its fonts from files; closing it must close them again, or a process
    that opens windows one after another (F5 sessions, the tests) runs out of descriptors."""
    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc to count open files")
    app, _ = open_app(size=(1280, 720), persist=False)
    app.close()
    before = open_files()
    for _ in range(3):
        app, _ = open_app(size=(1280, 720), persist=False)
        app.close()
    assert open_files() <= before + 2
