"""The transcript: everything said so far, beside the meeting on wide windows or in a drawer behind L.

It holds the transcript entries up to what is on screen now (a line still typing is not
in it yet) and appends what was said since it last looked, which is much cheaper than
laying the whole text out again after every line.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

import pygame
from pygame_gui.elements import UIPanel, UITextBox

from simulator.window.components import Kit
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, clamp, gap
from simulator.window.widgets import button, button_width, oid, scroll_text_box, text_box


def muted(html: str) -> str:
    return f"<font color='#55636B'>{html}</font>"


class Transcript:
    def __init__(self) -> None:
        self.open = False  # the drawer (narrow windows)
        self.shown = 0  # how many entries the text box holds
        self.box: Optional[UITextBox] = None
        self.drawer: Optional[UIPanel] = None
        self.side = False

    @staticmethod
    def drawer_box(size: tuple[int, int], scale: float) -> Box:
        """The drawer: from the right edge, full height, wide enough to read."""
        w, h = size
        g = gap(scale)
        width = int(min(w - 2 * g, clamp(w * 0.5, 420 * min(scale, 1.4), 760 * min(scale, 1.4))))
        return Box(w - width - g // 2, g // 2, width, h - g)

    def build_side(self, kit: Kit, box: Box, parts: Sequence[str]) -> None:
        self.side, self.drawer = True, None
        heading = text_box(kit.manager, f"<b>{html_escape(kit.tr('log'))}</b>", Box(box.x, box.y, box.w, 0),
                           kit.root, "#name")
        lb = Box(box.x, heading.rect.bottom + 6, box.w, max(40, box.bottom - heading.rect.bottom - 6))
        self.box = text_box(kit.manager, self._html(kit, parts), lb, kit.root, "#log", wrap=False)
        self.to_end()

    def build_drawer(self, kit: Kit, size: tuple[int, int], parts: Sequence[str], on_close: Callable[[], None]) -> None:
        """The drawer over the meeting (only while open)."""
        self.side, self.box, self.drawer = False, None, None
        if not self.open:
            return
        g = gap(kit.scale)
        box = self.drawer_box(size, kit.scale)
        self.drawer = UIPanel(pygame.Rect(box.as_tuple()), starting_height=40, manager=kit.manager,
                              container=kit.root, object_id=oid("#sheet"))
        label = kit.tr("close") + " (L)"
        bw = button_width(kit.fonts, label)
        bh = kit.fonts.line_height("button") + 20
        close = button(kit.manager, label, Box(box.w - g - bw, g, bw, bh), self.drawer, None)
        kit.on_click(close, on_close)
        text_box(kit.manager, f"<b>{html_escape(kit.tr('log'))}</b>", Box(g, g, box.w - 3 * g - bw, 0), self.drawer,
                 "#doc_heading")
        lb = Box(g, g + bh + g // 2, box.w - 2 * g, box.h - 2 * g - bh - g // 2)
        self.box = text_box(kit.manager, self._html(kit, parts), lb, self.drawer, "#log", wrap=False)
        self.to_end()

    def _html(self, kit: Kit, parts: Sequence[str]) -> str:
        self.shown = len(parts)
        if not parts:
            return muted(html_escape(kit.tr("log_empty")))
        return "<br><br>".join(parts)

    def to_end(self) -> None:
        box = self.box
        if box is not None and box.scroll_bar is not None:
            scroll_text_box(box, 10 ** 7)

    def refresh(self, kit: Kit, parts: Sequence[str]) -> None:
        """Add what was said since the last look."""
        box = self.box
        if box is None or not box.alive():
            return
        if self.shown == 0 or len(parts) < self.shown:
            box.set_text(self._html(kit, parts))
            self.to_end()
        elif len(parts) > self.shown:
            box.append_html_text("<br><br>" + "<br><br>".join(parts[self.shown:]))
            self.shown = len(parts)
            self.to_end()

    def scroll(self, dy: int) -> None:
        if self.box is not None and self.box.alive():
            scroll_text_box(self.box, dy)

    def page(self, direction: int) -> None:
        if self.box is not None and self.box.alive():
            self.scroll(direction * max(40, self.box.rect.height - 40))

    @property
    def modal(self) -> Optional[UIPanel]:
        return self.drawer if self.open and self.drawer is not None else None

    def teardown(self) -> None:
        self.box, self.drawer = None, None
