"""The window's first frame: a title card drawn with pygame alone, before anything else loads.

pygame_gui, the engine and our screens take longer to import and build than SDL takes
to open a window. So the window opens here, with only pygame and the settings imported,
and shows a title card on the start screen's background: the app's icon and name and a
line saying the meetings are being set out, in the user's language and text size. Only
then is the rest imported, ``App`` takes the window over (``window_kept``) and the start
screen replaces the card.

Two environment variables serve tests and screenshots:
``TUSSENWERKER_FIRST_FRAME_REPORT=FILE`` writes which modules were loaded when the card
was flipped (JSON), ``TUSSENWERKER_HOLD_TITLE=SECONDS`` keeps the card up that long.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Optional

import pygame

from simulator import resources
from simulator import settings as settings_mod
from simulator.i18n import tr

REPORT_ENV = "TUSSENWERKER_FIRST_FRAME_REPORT"
HOLD_ENV = "TUSSENWERKER_HOLD_TITLE"

# Copies of layout.py and theme.py (tests/test_startup.py keeps them equal): theme.py pulls
# in pygame_gui, layout.py costs as much as the card. app.py uses the size rule and icon here.
DEFAULT_SIZE = (1280, 720)
MIN_WINDOW = (800, 600)
FONTS = resources.fonts()
PAPER = (243, 240, 232)  # theme.PAPER, the start screen's background
ACCENT = (29, 106, 114)  # theme.ACCENT
TITLE = (23, 71, 77)  # "#17474D", the start screen's title (assets/theme.json)
MUTED = (85, 99, 107)  # theme.MUTED
TITLE_PX, LINE_PX = 36, 17  # the start screen's #title and #body font sizes


def window_size() -> tuple[int, int]:
    """1280x720, or what fits a smaller desktop (the app's windowed size too)."""
    try:
        desktops = pygame.display.get_desktop_sizes()
    except pygame.error:
        desktops = []
    if desktops:
        dw, dh = desktops[0]
        if dw >= DEFAULT_SIZE[0] + 80 and dh >= DEFAULT_SIZE[1] + 80:
            return DEFAULT_SIZE
        return (max(MIN_WINDOW[0], min(dw - 40, DEFAULT_SIZE[0])), max(MIN_WINDOW[1], min(dh - 80, DEFAULT_SIZE[1])))
    return DEFAULT_SIZE


def icon(size: int = 64) -> pygame.Surface:
    """The speech bubble of the title card and the window icon.

    Drawn four times larger and scaled down, so its curves are smooth on the title card.
    """
    k = 4
    s = pygame.Surface((64 * k, 64 * k), pygame.SRCALPHA)
    pygame.draw.rect(s, ACCENT, pygame.Rect(4 * k, 6 * k, 56 * k, 40 * k), border_radius=12 * k)
    pygame.draw.polygon(s, ACCENT, [(16 * k, 42 * k), (14 * k, 58 * k), (32 * k, 44 * k)])
    for x in (18, 32, 46):
        pygame.draw.circle(s, (255, 255, 255), (x * k, 26 * k), 5 * k)
    return pygame.transform.smoothscale(s, (size, size))


_opened: Optional[tuple[tuple[int, int], int]] = None  # what open_window asked set_mode for


def open_window(settings: settings_mod.Settings) -> pygame.Surface:
    """The display, opened as ``App._open_display`` opens it (so ``App`` can take it over)."""
    global _opened
    pygame.display.init()
    pygame.display.set_caption("Tussenwerker")
    try:
        pygame.display.set_icon(icon())
    except pygame.error:
        pass
    _opened = ((0, 0), pygame.FULLSCREEN) if settings.fullscreen else (window_size(), pygame.RESIZABLE)
    return pygame.display.set_mode(*_opened)


@contextlib.contextmanager
def window_kept() -> Iterator[None]:
    """While ``App`` opens its display, let it have the title card's window as it is.

    pygame-ce's ``set_mode`` asked again for the same size and flags fills the window
    black and shows that, and where SDL draws through OpenGL it even destroys and
    recreates the window: between title card and start screen the user would see a black
    flash or the window blink. So the first ``set_mode`` call in this block, if it asks
    for what ``open_window`` opened, returns the open surface; every later call (full
    screen, another size) goes to pygame as usual.
    """
    real = pygame.display.set_mode

    def set_mode(size: Any = (0, 0), flags: int = 0, *args: Any, **kwargs: Any) -> pygame.Surface:
        pygame.display.set_mode = real  # one call only
        screen = pygame.display.get_surface()
        if screen is not None and not args and not kwargs and (tuple(size), flags) == _opened:
            return screen
        return real(size, flags, *args, **kwargs)

    pygame.display.set_mode = set_mode
    try:
        yield
    finally:
        pygame.display.set_mode = real


def draw_title_card(screen: pygame.Surface, settings: settings_mod.Settings) -> None:
    """Icon, name and the loading line, centred a little above the middle."""
    pygame.font.init()
    scale = settings.text_scale
    title_font = pygame.font.Font(str(FONTS / "NotoSans-Bold.ttf"), max(8, round(TITLE_PX * scale)))
    line_font = pygame.font.Font(str(FONTS / "NotoSans-Regular.ttf"), max(8, round(LINE_PX * scale)))
    mark = icon(round(72 * min(scale, 1.3)))
    title = title_font.render(tr("app_title", settings.language), True, TITLE)
    line = line_font.render(tr("launch_loading", settings.language), True, MUTED)
    gap = round(12 * scale)
    height = mark.get_height() + gap + title.get_height() + gap // 2 + line.get_height()
    w, h = screen.get_size()
    y = max(0, (h - height) // 2 - h // 12)
    screen.fill(PAPER)
    for surface, space in ((mark, gap), (title, gap // 2), (line, 0)):
        screen.blit(surface, ((w - surface.get_width()) // 2, y))
        y += surface.get_height() + space


def show_title_card(language: str | None = None) -> None:
    """Open the window and flip the title card (``App`` reads the settings again).

    Raises ``pygame.error`` when there is no display to open a window on.
    """
    settings = settings_mod.load()
    if language:
        settings = settings.with_(language=language)
    screen = open_window(settings)
    draw_title_card(screen, settings)
    pygame.display.flip()
    _report()
    _hold(screen, settings)


def _report() -> None:
    """For tests: what was imported when the first frame reached the screen."""
    path = os.environ.get(REPORT_ENV)
    if not path:
        return
    loaded: dict[str, Any] = {name: name in sys.modules for name in
                              ("pygame_gui", "transitions", "yaml", "engine.scenario.loader", "engine.analysis.graph",
                               "simulator.window.app", "simulator.window.startup")}
    Path(path).write_text(json.dumps({"loaded": loaded, "modules": len(sys.modules)}), encoding="utf-8")


def _hold(screen: pygame.Surface, settings: settings_mod.Settings) -> None:
    """For screenshots: keep the card up, redrawing it when the window is exposed."""
    try:
        seconds = float(os.environ.get(HOLD_ENV, "0"))
    except ValueError:
        seconds = 0.0
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        for event in pygame.event.get():
            if event.type in (pygame.WINDOWEXPOSED, pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                screen = pygame.display.get_surface()
                draw_title_card(screen, settings)
                pygame.display.flip()
        time.sleep(0.02)
