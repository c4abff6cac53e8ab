"""Shared fixtures. Every test runs headless and never touches the user's real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.yaml"))


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Sessions and settings go to a temporary folder, never to the user's own."""
    monkeypatch.setenv("TUSSENWERKER_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("TUSSENWERKER_CONFIG", str(tmp_path / "config"))


@pytest.fixture
def write_scenario(tmp_path):
    def write(text: str, name: str = "scenario.yaml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def opened_windows(**defaults):
    """Yields ``make(**kwargs) -> (app, pilot)`` opening windows with ``defaults`` under the
    caller's own arguments, and closes every one it opened afterwards; a fixture that wants
    other defaults ``yield from``s it."""
    from simulator.window.pilot import open_app  # only the window tests pay for pygame
    opened = []

    def make(**kwargs):
        app, pilot = open_app(**{**defaults, **kwargs})
        opened.append(app)
        return app, pilot

    yield make
    for app in opened:
        app.close()


@pytest.fixture
def window():
    """Opens windows on the start screen (text shown at once, settings not saved) and closes
    every one it opened when the test ends: ``app, pilot = window(size=(800, 600))``."""
    yield from opened_windows(text_speed="instant", persist=False)
