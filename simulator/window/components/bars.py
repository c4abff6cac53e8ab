"""The meeting's two bars: the top bar (title, progress, its buttons) and the keys line below.

The top bar says where the trainee is ("Beslissing 4 van ongeveer 9", with a thin
progress line drawn under it) and holds the screen's buttons, their keys in brackets
when there is room; ``tight`` makes it one line (the progress only) for a decision that
needs the height. The keys line says what the keys do now — or, when the window is too
tight for the coach card, shows the card's short note in its place — with buttons of its
own on the right (auto-advance, skip). Both are measured before they are built, so the
screen can plan around them; each is as tall as the taller of the texts it may show.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

from simulator.window.components import Kit
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, button_row, gap, margins
from simulator.window.widgets import button, button_width, text_box

Button = tuple[str, str, Callable[[], None]]  # label, key ("" for none), action


def _muted(html: str) -> str:
    return f"<font color='#55636B'>{html}</font>"


class TopBar:
    def __init__(self) -> None:
        self.progress_line: Optional[Box] = None  # where the thin progress line goes (drawn by the screen)

    def _layout(self, kit: Kit, area: Box, tight: bool, buttons: Sequence[Button]):
        g = gap(kit.scale)
        labels = [f"{label} ({key})" if key else label for label, key, _ in buttons]
        widths = [button_width(kit.fonts, t, "#quiet") for t in labels]
        if tight or sum(widths) + g * len(widths) > area.w * 0.6:  # the keys are in the keys line too
            labels = [label for label, _, _ in buttons]
            widths = [button_width(kit.fonts, t, "#quiet", pad=24) for t in labels]
        bh = kit.fonts.line_height("#quiet") + (10 if tight else 20)
        return labels, widths, bh

    def build(self, kit: Kit, size: tuple[int, int], area: Box, title_html: str, progress_html: str,
              buttons: Sequence[Button], tight: bool, build: bool = True) -> int:
        """Returns the bar's height; with ``build`` False only measures it."""
        m, g = margins(size), gap(kit.scale)
        labels, widths, bh = self._layout(kit, area, tight, buttons)
        buttons_w = sum(widths) + g // 2 * (len(widths) - 1)
        title_w = max(120, area.w - buttons_w - g)
        html = progress_html if tight else f"{title_html}<br>{progress_html}"
        title = text_box(kit.manager, html, Box(area.x, m // 2, title_w, 0), kit.root, "#small")
        if title.rect.height > 2.6 * kit.fonts.line_height("#small"):  # a long title: the progress alone
            title.kill()
            title = text_box(kit.manager, progress_html, Box(area.x, m // 2, title_w, 0), kit.root, "#small")
        top_h = max(title.rect.height, bh)
        if not build:
            title.kill()
            return top_h + 4
        title.set_relative_position((area.x, m // 2 + (top_h - title.rect.height) // 2))
        self.progress_line = Box(area.x, m // 2 + top_h + 1, title_w, 3)
        boxes = button_row(widths, Box(area.right - buttons_w, m // 2 + (top_h - bh) // 2, buttons_w, bh), g // 2)
        for (_, _, action), label, box in zip(buttons, labels, boxes):
            el = button(kit.manager, label, box, kit.root, "#quiet")
            kit.on_click(el, action)
            kit.focus.add(el, action, name=label)
        return top_h + 4


class KeysLine:
    """The keys line: a text (or the coach's short note, built by ``note``) and buttons on the right."""

    def __init__(self) -> None:
        self.text_box = None  # the keys text, when shown (updated in place when a line completes)

    @staticmethod
    def _widths(kit: Kit, buttons: Sequence[Button]) -> tuple[list[int], int]:
        g = gap(kit.scale)
        widths = [button_width(kit.fonts, label, "#quiet", pad=24) for label, _, _ in buttons]
        return widths, sum(widths) + g // 2 * max(0, len(widths) - 1)

    @staticmethod
    def button_height(kit: Kit) -> int:
        return kit.fonts.line_height("#quiet") + 10

    def text_width(self, kit: Kit, width: int, buttons: Sequence[Button]) -> int:
        _, row_w = self._widths(kit, buttons)
        return max(120, width - row_w - (gap(kit.scale) if buttons else 0))

    def height(self, kit: Kit, box: Box, texts: Sequence[str], buttons: Sequence[Button],
               note: Optional[Callable[[Box], object]] = None) -> int:
        """As tall as the tallest of ``texts`` (or the note) and the buttons."""
        text_w = self.text_width(kit, box.w, buttons)
        h = self.button_height(kit) if buttons else 0
        if note is not None:
            probe = note(Box(box.x, 0, text_w, 0))
            h = max(h, probe.height)  # type: ignore[attr-defined]
            probe.kill()  # type: ignore[attr-defined]
            return h
        for text in texts:
            probe = text_box(kit.manager, _muted(html_escape(text)), Box(box.x, 0, text_w, 0), kit.root, "#small")
            h = max(h, probe.rect.height)
            probe.kill()
        return h

    def build(self, kit: Kit, box: Box, text: str, buttons: Sequence[Button],
              note: Optional[Callable[[Box], object]] = None) -> Optional[object]:
        """The line in ``box``; returns the note made by ``note`` (the coach card), if any."""
        text_w = self.text_width(kit, box.w, buttons)
        made = None
        self.text_box = None
        if note is not None:
            made = note(Box(box.x, 0, text_w, 0))
            made.move_to(box.x, box.y + (box.h - made.height) // 2)  # type: ignore[attr-defined]
        else:
            self.text_box = text_box(kit.manager, _muted(html_escape(text)), Box(box.x, 0, text_w, 0), kit.root,
                                     "#small")
            self.text_box.set_relative_position((box.x, box.y + (box.h - self.text_box.rect.height) // 2))
        widths, row_w = self._widths(kit, buttons)
        bh = self.button_height(kit)
        boxes = button_row(widths, Box(box.right - row_w, box.y + (box.h - bh) // 2, row_w, bh), gap(kit.scale) // 2)
        for (label, _, action), b in zip(buttons, boxes):
            el = button(kit.manager, label, b, kit.root, "#quiet")
            kit.on_click(el, action)
            kit.focus.add(el, action, name=label)
        return made

    def show(self, text: str) -> None:
        """A new text in the same place (its height was measured for it)."""
        if self.text_box is not None and self.text_box.alive():
            self.text_box.set_text(_muted(html_escape(text)))
