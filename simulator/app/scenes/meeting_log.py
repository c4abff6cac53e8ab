"""The meeting's log: everything said so far, beside the meeting or as a sheet behind L.

A mixin of ``MeetingScene`` (kept apart so the meeting module holds the meeting itself):
it reads the scene's session, language and layout and owns ``log_box``, ``log_panel``,
``log_open`` and ``log_shown``.
"""

from __future__ import annotations

from typing import Optional

import pygame
from pygame_gui.elements import UIPanel

from engine.scenario.model import NARRATOR

from ..layout import Box, gap, margins
from ..widgets import button, button_width, oid, text_box
from .common import esc, footer_height, muted


class MeetingLog:
    log_box: Optional[object]
    log_panel: Optional[UIPanel]
    log_open: bool
    log_shown: int

    def _build_log(self, side: Optional[Box]) -> None:
        """The log beside the meeting (``side``) or, on narrow windows, as a sheet when open."""
        self.log_box = None
        self.log_panel = None
        if side is not None:
            heading = text_box(self.manager, f"<b>{esc(self.tr('log'))}</b>", Box(side.x, side.y, side.w, 0),
                               self.root, "#name")
            lb = Box(side.x, heading.rect.bottom + 6, side.w, side.bottom - heading.rect.bottom - 6)
            self.log_box = text_box(self.manager, self._log_html(), lb, self.root, "#log", wrap=False)
            self._log_to_end()
        elif self.log_open:
            self._build_log_overlay()

    def _log_html(self) -> str:
        parts = self._log_parts()
        self.log_shown = len(parts)
        if not parts:
            return muted(esc(self.tr("log_empty")))
        return "<br><br>".join(parts)

    def _log_parts(self) -> list[str]:
        """One HTML block per thing said, up to what is on screen now."""
        parts = []
        tr = self.session.state.transcript
        upto = len(tr) if self.line_done else (self.shown if self.shown is not None else len(tr))
        for entry in tr[:upto]:
            if entry.kind == "line":
                line = self.session.line_of(entry)
                text = esc(line.text.get(self.lang))
                if line.speaker == NARRATOR:
                    parts.append(f"<i>{text}</i>")
                else:
                    parts.append(f"<b>{esc(self.speaker_name(line.speaker))}</b><br>{text}")
            elif entry.kind == "choice" and entry.choice_id is not None:
                try:
                    c = self.play.scenario.choice(f"{entry.node_id}.{entry.choice_id}")
                except KeyError:
                    continue
                parts.append(f"<font color='#1D6A72'><b>{esc(self.tr('you'))}</b><br>{esc(c.text.get(self.lang))}"
                             f"</font>")
        return parts

    def _log_to_end(self) -> None:
        box = self.log_box
        if box is not None and box.scroll_bar is not None:
            box.scroll_bar.set_scroll_from_start_percentage(1.0)

    def _refresh_log(self) -> None:
        """Add what was said since the last look; appending is much cheaper than re-laying out it all."""
        box = self.log_box
        if box is None or not box.alive():
            return
        parts = self._log_parts()
        if self.log_shown == 0 or len(parts) < self.log_shown:
            box.set_text(self._log_html())
            self._log_to_end()
        elif len(parts) > self.log_shown:
            box.append_html_text("<br><br>" + "<br><br>".join(parts[self.log_shown:]))
            self.log_shown = len(parts)
            self._log_to_end()

    def _build_log_overlay(self) -> None:
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        box = Box(m // 2, m // 2, w - m, h - m)  # covers the whole meeting, hint line included
        self.log_panel = UIPanel(pygame.Rect(box.as_tuple()), starting_height=40, manager=self.manager,
                                 container=self.root, object_id=oid("#sheet"))
        bh = footer_height(self)
        label = self.tr("close") + " (L)"
        bw = button_width(self.fonts, label)
        close = button(self.manager, label, Box(box.w - g - bw, g, bw, bh), self.log_panel, None)
        self.on_click(close, self.toggle_log)
        text_box(self.manager, f"<b>{esc(self.tr('log'))}</b>", Box(g, g, box.w - 3 * g - bw, 0), self.log_panel,
                 "#doc_heading")
        lb = Box(g, g + bh + g // 2, box.w - 2 * g, box.h - 2 * g - bh - g // 2)
        self.log_box = text_box(self.manager, self._log_html(), lb, self.log_panel, "#log", wrap=False)
        self._log_to_end()

    def modal_root(self):
        return self.log_panel if self.log_open and self.log_panel is not None else None

    def toggle_log(self) -> None:
        if self.lay is not None and self.lay.log is not None:
            self._log_to_end()
            return
        self.log_open = not self.log_open
        self.build()
