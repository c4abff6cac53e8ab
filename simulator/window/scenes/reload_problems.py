"""The sheet F5 shows when the edited scenario no longer loads: every problem, one per line.

The lines are the loader's own ``FILE:LINE:COL: message`` (the file by its name only, the
full path is in the heading), so an author can jump straight to the spot in the editor.
The old version stays underneath and playable: Esc goes back to it, F5 tries again.
"""

from __future__ import annotations

import re
from typing import Sequence

import pygame

from simulator.window.layout import Box, gap
from simulator.window.scenes.common import esc, footer_height, muted
from simulator.window.scenes.menu import _Sheet
from simulator.window.widgets import button, button_width, scroll_text_box, text_box

MAX_WIDTH = 980
LOCATION = re.compile(r"^(\S+:\d+:\d+):(.*)$")


class ReloadProblemsScene(_Sheet):
    name = "reload_problems"

    def __init__(self, app, path: str, problems: Sequence[str]):
        super().__init__(app)
        self.path = path
        self.problems = list(problems)
        self.list_box = None

    def build_widgets(self) -> None:
        w, h = self.size
        panel, box, g = self.sheet(min(MAX_WIDTH, w - 8 * gap(self.scale)))
        inner = box.w - 4 * g
        title = text_box(self.manager, f"<b>{esc(self.tr('hr_problems_title'))}</b>", Box(2 * g, 2 * g, inner, 0),
                         panel, "#doc_heading")
        y = title.relative_rect.bottom + g // 2
        key = "hr_problems_one" if len(self.problems) == 1 else "hr_problems_n"
        sub = text_box(self.manager, muted(esc(self.tr(key, n=len(self.problems), path=self.path))),
                       Box(2 * g, y, inner, 0), panel, "#body")
        y = sub.relative_rect.bottom + g
        bh = footer_height(self)
        hint_h = self.fonts.line_height("#small") * 2
        room = box.h - y - (g + hint_h + g // 2 + bh + 2 * g)  # what the list may take before it scrolls
        html = "<br>".join(_problem_html(line) for line in self.problems)
        self.list_box = text_box(self.manager, html, Box(2 * g, y, inner, 0), panel, "#body")
        if self.list_box.rect.height > room:
            self.list_box.kill()
            self.list_box = text_box(self.manager, html, Box(2 * g, y, inner, max(room, 3 * bh)), panel, "#body",
                                     wrap=False)
        y = self.list_box.relative_rect.bottom + g
        hint = text_box(self.manager, muted(esc(self.tr("hr_problems_hint"))), Box(2 * g, y, inner, 0), panel,
                        "#small")
        y = hint.relative_rect.bottom + g // 2
        specs = [(self.tr("hr_retry"), self.app.reload_scenario, "#primary"),
                 (self.tr("hr_keep_old"), self.app.pop, None)]
        widths = [button_width(self.fonts, label, "#primary") for label, _, _ in specs]
        boxes, x = [], 2 * g
        for bw in widths:
            boxes.append(Box(x, y, bw, bh))
            x += bw + g
        if x - g > 2 * g + inner:  # too narrow: one under the other
            boxes = [Box(2 * g, y + i * (bh + g // 2), inner, bh) for i in range(len(specs))]
        for (label, action, object_id), b in zip(specs, boxes):
            el = button(self.manager, label, b, panel, object_id)
            self.on_click(el, action)
            self.focus.add(el, action, name=label)
        self.fit(panel, box, boxes[-1].bottom + 2 * g)

    def on_key(self, event: pygame.event.Event) -> bool:
        box = self.list_box
        if box is None or event.key not in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_HOME, pygame.K_END):
            return False
        page = max(20, box.rect.height - self.fonts.line_height("#body"))
        dy = {pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page, pygame.K_HOME: -10 ** 6, pygame.K_END: 10 ** 6}
        scroll_text_box(box, dy[event.key])
        return True

    def escape(self) -> None:
        self.app.pop()


def _problem_html(line: str) -> str:
    """The place in bold, so each problem's start stands out when a long one wraps."""
    found = LOCATION.match(line)
    if found is None:
        return esc(line)
    return f"<b>{esc(found.group(1))}</b>:{esc(found.group(2))}"
