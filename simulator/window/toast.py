"""A short message at the bottom of whatever screen is shown, gone by itself after a few seconds.

It lives in the manager, not in a scene, so rebuilding the screen under it (which is
exactly what a hot reload does) doesn't wipe it. It counts down the frames' time (what
the pilot's fixed steps advance), and a one-shot timer event takes it away on the wall
clock: the idle loop sleeps without counting time, and the event wakes it to redraw.
"""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIPanel

from simulator.window.events import TOAST_DONE
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, gap
from simulator.window.widgets import oid, text_box

TOAST_LAYER = 5000  # above every scene and overlay (overlays sit at 100 per stack level)
MAX_WIDTH = 860  # a long message wraps rather than covering the whole top bar


class Toast(UIPanel):
    """A sheet with one or two lines of text that kills itself when its time is up."""

    def __init__(self, rect: pygame.Rect, manager: Any, seconds: float):
        super().__init__(rect, starting_height=TOAST_LAYER, manager=manager, object_id=oid("#sheet"))
        self.left = seconds

    def update(self, time_delta: float) -> None:
        super().update(time_delta)
        self.left -= time_delta
        if self.left <= 0:
            self.kill()

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == TOAST_DONE and getattr(event, "toast", None) == id(self):
            self.kill()
        return False  # never takes a click or a key from the screen below

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        return False


def show_toast(app: Any, text: str, seconds: float = 4.0) -> Toast:
    """Show ``text`` at the bottom centre of the window, over the keys line rather than a screen's
    title (replacing a toast still shown)."""
    clear_toasts(app.manager)
    w, h = app.size
    g = gap(app.text_scale)
    width = min(w - 4 * g, MAX_WIDTH, max(360, app.fonts.text_width("#body", text) + 4 * g))
    manager = app.manager
    toast = Toast(pygame.Rect((w - width) // 2, h, width, 10), manager, seconds)
    body = text_box(manager, _html(text), Box(g, g // 2, width - 2 * g - 4, 0), toast, "#body")
    height = body.rect.height + g + 2
    toast.set_dimensions((width, height))
    toast.set_relative_position(((w - width) // 2, max(0, h - g // 2 - height)))
    pygame.time.set_timer(pygame.event.Event(TOAST_DONE, toast=id(toast)), int(seconds * 1000) + 50, loops=1)
    return toast


SAVE_NOTE_SECONDS = 6.0


def show_save_note(app: Any, play: Any) -> None:
    """After a step: the play's line about saving (fallen behind, caught up), if it has one."""
    note = play.take_save_note()
    if note:
        show_toast(app, note, SAVE_NOTE_SECONDS)


def clear_toasts(manager: Any) -> None:
    """Take away any toast still shown (its news is out of date)."""
    for old in [s for s in manager.get_sprite_group().sprites() if isinstance(s, Toast)]:
        old.kill()


def _html(text: str) -> str:
    return html_escape(text)
