"""Overlays: the Esc menu (resume, settings, back to start, quit) and the quit question."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIPanel

from simulator.window.layout import Box, centered, gap
from simulator.window.scene import Scene
from simulator.window.scenes.common import esc, footer_height, muted
from simulator.window.widgets import button, button_width, oid, text_box


class _Sheet(Scene):
    """A centred sheet over the dimmed screen below."""

    overlay = True

    def sheet(self, content_w: int) -> tuple[UIPanel, Box, int]:
        w, h = self.size
        g = gap(self.scale)
        width = min(w - 2 * g, content_w + 4 * g)
        box = centered(Box(0, 0, w, h), width, h - 2 * g)
        panel = UIPanel(pygame.Rect(box.as_tuple()), starting_height=1, manager=self.manager, container=self.root,
                        object_id=oid("#sheet"))
        return panel, box, g

    def fit(self, panel: UIPanel, box: Box, used_h: int) -> None:
        """Shrink the sheet to its content and centre it."""
        w, h = self.size
        final = centered(Box(0, 0, w, h), box.w, used_h)
        panel.set_dimensions((final.w, final.h))
        panel.set_relative_position((final.x, final.y))


class MenuScene(_Sheet):
    name = "menu"

    def build_widgets(self) -> None:
        at_start = any(s.name == "start" for s in self.app.stack[-2:-1])
        items = [(self.tr("resume"), self.app.pop), (self.tr("settings"), self._settings)]
        if not at_start:
            items.append((self.tr("to_start"), self.app.go_start))
        items.append((self.tr("quit"), self._quit))
        bw = max(button_width(self.fonts, t) for t, _ in items) + 40
        panel, box, g = self.sheet(max(bw, 260))
        title = text_box(self.manager, f"<b>{esc(self.tr('paused'))}</b>", Box(2 * g, 2 * g, box.w - 4 * g, 0), panel,
                         "#doc_heading")
        y = title.relative_rect.bottom + g
        bh = footer_height(self)
        for i, (label, action) in enumerate(items):
            el = button(self.manager, label, Box(2 * g, y, box.w - 4 * g, bh), panel, "#primary" if i == 0 else None)
            self.on_click(el, action)
            self.focus.add(el, action, name=label)
            y += bh + g // 2
        self.fit(panel, box, y + 2 * g - g // 2)

    def initial_focus(self, previous: int) -> int:
        return max(0, previous)

    def _settings(self) -> None:
        self.app.pop()
        self.app.open_settings()

    def _quit(self) -> None:
        self.app.pop()
        self.app.request_quit()

    def escape(self) -> None:
        self.app.pop()


class ConfirmQuitScene(_Sheet):
    name = "confirm_quit"

    def build_widgets(self) -> None:
        w, _ = self.size
        saved = all(getattr(getattr(s, "play", None), "saved", True) for s in self.app.stack)
        panel, box, g = self.sheet(min(560, w - 8 * gap(self.scale)))
        inner = box.w - 4 * g
        title = text_box(self.manager, f"<b>{esc(self.tr('confirm_quit_title'))}</b>", Box(2 * g, 2 * g, inner, 0),
                         panel, "#doc_heading")
        y = title.relative_rect.bottom + g
        text = self.tr("confirm_quit_text") if saved else self.tr("confirm_quit_unsaved")
        body = text_box(self.manager, muted(esc(text)) if saved else f"<font color='#9A4A2E'>{esc(text)}</font>",
                        Box(2 * g, y, inner, 0), panel, "#body")
        y = body.relative_rect.bottom + 2 * g
        bh = footer_height(self)
        specs = [(self.tr("keep_going"), self.app.pop, "#primary"), (self.tr("stop"), self._stop, None)]
        widths = [button_width(self.fonts, t, "#primary") for t, _, _ in specs]
        x = 2 * g + inner
        boxes = []
        for bw in reversed(widths):
            x -= bw
            boxes.insert(0, Box(x, y, bw, bh))
            x -= g
        if boxes[0].x < 2 * g:  # too narrow: one under the other
            boxes = [Box(2 * g, y + i * (bh + g // 2), inner, bh) for i in range(len(specs))]
        for (label, action, object_id), b in zip(specs, boxes):
            el = button(self.manager, label, b, panel, object_id)
            self.on_click(el, action)
            self.focus.add(el, action, name=label)
        self.fit(panel, box, boxes[-1].bottom + 2 * g)

    def _stop(self) -> None:
        self.app.running = False

    def escape(self) -> None:
        self.app.pop()
