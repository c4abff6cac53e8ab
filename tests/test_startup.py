"""Starting up: the window shows its title card before the heavy imports, and commands that
don't open a window never import the window's libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pygame
import pytest

from simulator.window import launch
from tests.conftest import ROOT

# Runs ``python -m simulator ARGS`` and, at exit, prints which of these modules it imported.
WATCHED = ("pygame", "pygame_gui", "transitions", "yaml", "engine.scenario.loader", "engine.analysis.graph")
PROBE = ("import atexit, json, runpy, sys\n"
         "loaded = lambda: json.dumps([m for m in %r if m in sys.modules])\n"
         "atexit.register(lambda: print('LOADED ' + loaded(), file=sys.stderr))\n"
         "sys.argv = ['simulator', *sys.argv[1:]]\n"
         "runpy.run_module('simulator', run_name='__main__', alter_sys=True)\n") % (WATCHED,)


def run_probe(tmp_path, *args: str, **env_extra: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               TUSSENWERKER_DATA=str(tmp_path / "data"), TUSSENWERKER_CONFIG=str(tmp_path / "config"), **env_extra)
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    lines = [line for line in out.stderr.splitlines() if line.startswith("LOADED ")]
    assert lines, out.stderr
    return out, json.loads(lines[-1][len("LOADED "):])


def test_help_lists_every_command_without_importing_the_window_or_the_state_machine(tmp_path):
    from simulator.cli.parser import build_parser
    out, loaded = run_probe(tmp_path, "--help")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"list", "play", "sessions", "debrief", "report", "new", "graph"} <= set(commands)
    for name in commands:
        assert name in out.stdout, name
    assert not {"pygame", "pygame_gui", "transitions"} & set(loaded)


def test_play_help_needs_no_plugin_command_and_imports_no_engine_beyond_its_texts(tmp_path):
    out, loaded = run_probe(tmp_path, "play", "--help")
    assert out.returncode == 0 and "--resume" in out.stdout and "--coach" in out.stdout
    assert loaded == []


def test_list_loads_scenarios_but_not_the_window_or_the_state_machine(tmp_path):
    out, loaded = run_probe(tmp_path, "list")
    assert out.returncode == 0 and "speeltuin-kort" in out.stdout
    assert "pygame" not in loaded and "pygame_gui" not in loaded and "transitions" not in loaded


def test_a_mistyped_command_is_told_every_command_there_is(tmp_path):
    out, _ = run_probe(tmp_path, "sesions")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "invalid choice: 'sesions'" in out.stderr and "'sessions'" in out.stderr


@pytest.mark.slow
@pytest.mark.parametrize("args", [(), ("play", "speeltuin-kort")])
def test_the_title_card_is_on_screen_before_pygame_gui_and_the_engine_load(tmp_path, args):
    report = tmp_path / "first-frame.json"
    out, loaded = run_probe(tmp_path, "--quit-when-ready", *args, TUSSENWERKER_FIRST_FRAME_REPORT=str(report))
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    at_first_frame = json.loads(report.read_text(encoding="utf-8"))["loaded"]
    assert not at_first_frame["pygame_gui"] and not at_first_frame["simulator.window.app"]
    assert not at_first_frame["simulator.window.startup"]  # settings and journal are read behind the card
    assert not at_first_frame["transitions"] and not at_first_frame["engine.analysis.graph"]
    assert not at_first_frame["engine.scenario.loader"] or args  # ``play ID`` loads its scenario first
    assert "pygame_gui" in loaded  # and then the start screen was built and drawn after all


@pytest.mark.slow
def test_the_start_screen_needs_no_state_machine_or_analyser_and_a_warm_start_no_loader(tmp_path):
    first, loaded = run_probe(tmp_path, "--quit-when-ready")
    assert first.returncode == 0, first.stderr
    assert "pygame_gui" in loaded and "transitions" not in loaded and "engine.analysis.graph" not in loaded
    again, loaded = run_probe(tmp_path, "--quit-when-ready")  # the scenario cards are cached now
    assert again.returncode == 0, again.stderr
    assert "pygame_gui" in loaded
    assert not {"transitions", "engine.analysis.graph", "engine.scenario.loader"} & set(loaded)


def test_quit_after_first_frame_quits_at_the_title_card(tmp_path):
    out, loaded = run_probe(tmp_path, "--quit-after-first-frame")
    assert out.returncode == 0, out.stderr
    assert "pygame" in loaded and "pygame_gui" not in loaded and "yaml" not in loaded


def test_no_display_is_one_line_not_a_traceback(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="no-such-driver", TUSSENWERKER_DATA=str(tmp_path / "data"),
               TUSSENWERKER_CONFIG=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-m", "simulator", "--lang", "en"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert out.stderr.strip().startswith("The window can't open:") and len(out.stderr.strip().splitlines()) == 1


# -- the title card and the window it hands over --------------------------------------------

def test_the_card_keeps_to_the_start_screen_look_and_size():
    """Copies the launch module keeps (it can't import app, theme or layout) still match."""
    from simulator.window import app, layout, theme
    assert launch.MIN_WINDOW == layout.MIN_WINDOW  # the window's size rule and icon are launch's own
    assert (launch.PAPER, launch.ACCENT, launch.MUTED) == (theme.PAPER, theme.ACCENT, theme.MUTED)
    assert launch.FONTS == theme.FONTS
    data = theme.load_theme_file()
    assert pygame.Color(data["#title"]["colours"]["normal_text"])[:3] == launch.TITLE
    assert (int(data["#title"]["font"]["size"]), int(data["#body"]["font"]["size"])) == (launch.TITLE_PX,
                                                                                          launch.LINE_PX)
    pygame.display.init()
    try:
        assert launch.window_size() == app.App._default_size()
    finally:
        pygame.display.quit()


def _ink_box(screen: pygame.Surface) -> pygame.Rect:
    """The bounding box of everything that isn't background."""
    mask = pygame.mask.from_threshold(screen, launch.PAPER, (1, 1, 1, 255))
    mask.invert()
    rects = mask.get_bounding_rects()
    return rects[0].unionall(rects[1:])


def _card(language: str, text_size: str = "normal") -> pygame.Surface:
    from simulator.settings import Settings
    screen = pygame.Surface((1280, 720))
    launch.draw_title_card(screen, Settings(language=language, text_size=text_size))
    return screen


def test_the_card_is_centred_on_the_start_screen_background_in_the_users_language():
    pygame.init()
    try:
        nl, en = _card("nl"), _card("en")
        assert nl.get_at((5, 5))[:3] == launch.PAPER and nl.get_at((1270, 710))[:3] == launch.PAPER
        box = _ink_box(nl)
        assert abs(box.centerx - 640) <= 2 and box.top > 150 and box.bottom < 570
        assert pygame.image.tobytes(nl, "RGB") != pygame.image.tobytes(en, "RGB")  # the loading line
        assert _ink_box(_card("nl", "larger")).height > box.height * 1.3
    finally:
        pygame.quit()


def test_the_app_takes_over_the_title_cards_window_without_a_black_frame():
    from simulator.settings import Settings
    from simulator.window.app import App
    launch.show_title_card()
    card = pygame.display.get_surface()
    try:
        with launch.window_kept():
            app = App(Settings(), None, persist_settings=False)
        assert app.screen is card and card.get_at((5, 5))[:3] == launch.PAPER  # not set_mode's black
        pygame.display.set_mode((900, 650), pygame.RESIZABLE)  # later calls go to pygame as ever
        assert pygame.display.get_surface().get_size() == (900, 650)
    finally:
        pygame.quit()
