"""The window's screens as PNG files for ``docs/screenshots/``: ``python -m tests.screenshots DIR``.

Headless (SDL's dummy driver draws the same pixels a display would get), with a private
journal and settings, driven by the pilot: the start screen, a briefing, the preparation,
a shipped meeting's first decision at 1280x720, 1920x1080 and 800x600 with each text
size, a decision at the authoring limit (``tests/limit.py``), the mandate card, the
transcript drawer, the debrief, Mijn sessies and Mijn voortgang.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

SIZES = [(1280, 720), (1920, 1080), (800, 600)]
TEXT_SIZES = ["normal", "large", "larger"]


def _fresh_dirs() -> None:
    os.environ["TUSSENWERKER_DATA"] = tempfile.mkdtemp(prefix="tw-shots-data-")
    os.environ["TUSSENWERKER_CONFIG"] = tempfile.mkdtemp(prefix="tw-shots-config-")


def _to_first_decision(pilot, scenario: str) -> None:
    pilot.focus_on(scenario)
    pilot.press("return")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.settle()
        pilot.press("2")
        pilot.settle()
    while pilot.app.top.session.can_continue:
        pilot.press("return")
        pilot.settle()


def meetings(out: Path) -> None:
    from simulator.window.pilot import open_app
    for (w, h) in SIZES:
        for text in TEXT_SIZES:
            _fresh_dirs()
            app, pilot = open_app(size=(w, h), text_size=text, text_speed="instant", persist=False)
            try:
                _to_first_decision(pilot, "speeltuin")
                pilot.save(str(out / f"meeting-{w}x{h}-{text}.png"))
            finally:
                app.close()


def limit(out: Path) -> None:
    from simulator.window.pilot import open_app
    from tests.limit import limit_scenario
    folder = Path(tempfile.mkdtemp(prefix="tw-shots-scen-"))
    (folder / "grens.yaml").write_text(limit_scenario(), encoding="utf-8")
    os.environ["TUSSENWERKER_SCENARIOS"] = str(folder)
    try:
        for (w, h), text in (((800, 600), "larger"), ((1280, 720), "normal"), ((1920, 1080), "larger")):
            _fresh_dirs()
            app, pilot = open_app(size=(w, h), text_size=text, text_speed="instant", persist=False)
            try:
                pilot.press("return")
                pilot.press("return")
                pilot.settle()
                if (w, h) == (800, 600):
                    pilot.save(str(out / f"preparation-limit-{w}x{h}-{text}.png"))
                pilot.press("1")
                pilot.settle()
                pilot.save(str(out / f"decision-limit-{w}x{h}-{text}.png"))
            finally:
                app.close()
    finally:
        del os.environ["TUSSENWERKER_SCENARIOS"]


def tour(out: Path) -> None:
    """The other screens at the default size, one go through speeltuin-kort."""
    from simulator.window.pilot import open_app, play_to_debrief
    _fresh_dirs()
    app, pilot = open_app(size=(1280, 720), text_speed="instant", persist=False)
    try:
        pilot.save(str(out / "start.png"))
        pilot.focus_on("speeltuin-kort")
        pilot.press("return")
        pilot.settle()
        pilot.save(str(out / "briefing.png"))
        pilot.press("return")
        pilot.settle()
        pilot.save(str(out / "preparation.png"))
        while pilot.scene == "preparation":
            pilot.settle()
            pilot.press("2")
            pilot.settle()
        pilot.press("return")
        pilot.settle()
        pilot.press("m")
        pilot.settle()
        pilot.save(str(out / "mandate.png"))
        pilot.press("escape")
        pilot.press("l")
        pilot.settle()
        pilot.save(str(out / "transcript.png"))
        pilot.press("l")
        for seed in (4, 5):
            play_to_debrief(pilot, random.Random(seed).randrange)
            pilot.press("3")
            pilot.click(app.top.tr("rt_done"))
            pilot.wait_for_review()
            if seed == 4:
                pilot.save(str(out / "debrief.png"))
            app.go_start()
            pilot.settle()
            pilot.focus_on("speeltuin-kort")
            pilot.press("return")
            pilot.settle()
        app.go_start()
        pilot.settle()
        pilot.click(app.top.tr("ms_button"))
        pilot.settle()
        pilot.save(str(out / "my-sessions.png"))
        pilot.press("escape")
        pilot.click(app.top.tr("mp_button"))
        pilot.wait_until(lambda: app.top.worked_out)
        pilot.settle()
        pilot.save(str(out / "my-progress.png"))
    finally:
        app.close()


def accessible(out: Path) -> None:
    """The meeting in the high-contrast theme with the reading font and wide lines, at 1280x720."""
    from simulator.window.pilot import open_app
    for name, looks in (("high-contrast", {"theme": "high_contrast"}),
                        ("reading-font", {"font": "reading", "line_spacing": "wide"}),
                        ("high-contrast-reading-font", {"theme": "high_contrast", "font": "reading"})):
        _fresh_dirs()
        app, pilot = open_app(size=(1280, 720), text_speed="instant", persist=False, **looks)
        try:
            _to_first_decision(pilot, "speeltuin")
            pilot.save(str(out / f"meeting-1280x720-{name}.png"))
        finally:
            app.close()


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    meetings(out)
    accessible(out)
    limit(out)
    tour(out)
    print(f"{len(list(out.glob('*.png')))} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
