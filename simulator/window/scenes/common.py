"""Pieces several screens share: a header, a footer of buttons, a readable document.

Document screens (briefing, ending, debrief pages) are one scrolling ``UITextBox`` of
pygame_gui HTML between a header and a footer: the text wraps itself, scrolls when it
is long, and the keyboard scrolls it too.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

import pygame
from pygame_gui.elements import UIButton, UITextBox

from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, button_row, frame, gap, margins
from simulator.window.scene import Scene
from simulator.window.widgets import button, button_width, scroll_text_box, text_box

ButtonSpec = tuple[str, Callable[[], None], Optional[str]]  # label, action, object id


def esc(text: str) -> str:
    return html_escape(text)


def heading_html(scene: Scene, text: str, key: str = "#doc_heading") -> str:
    return f"<font pixel_size={scene.fonts.size_of(key)}><b>{esc(text)}</b></font>"


def muted(text: str) -> str:
    return f"<font color='#55636B'>{text}</font>"


def bullets(items: Sequence[str]) -> str:
    return "<br>".join(f"•  {esc(i)}" for i in items)


def footer_height(scene: Scene) -> int:
    return scene.fonts.line_height("button") + 20


def build_buttons(scene: Scene, specs: Sequence[ButtonSpec], box: Box, align: str = "right",
                  focusable: bool = True) -> list[UIButton]:
    widths = [button_width(scene.fonts, label, "#primary" if oid == "#primary" else "button")
              for label, _, oid in specs]
    boxes = button_row(widths, box, gap(scene.scale), align)
    out = []
    for (label, action, object_id), b in zip(specs, boxes):
        el = button(scene.manager, label, b, scene.root, object_id)
        scene.on_click(el, action)
        if focusable:
            scene.focus.add(el, action, name=label)
        out.append(el)
    return out


def fit_buttons_height(scene: Scene, specs: Sequence[ButtonSpec], width: int) -> int:
    """Buttons don't wrap: if a row of them is too wide, stack them (rare, at huge text)."""
    total = sum(button_width(scene.fonts, label) for label, _, _ in specs) + gap(scene.scale) * (len(specs) - 1)
    line = footer_height(scene)
    if total <= width:
        return line
    return line * len(specs) + gap(scene.scale) * (len(specs) - 1)


def build_button_stack(scene: Scene, specs: Sequence[ButtonSpec], box: Box) -> list[UIButton]:
    """Buttons one per row when a row is too narrow for all of them."""
    if fit_buttons_height(scene, specs, box.w) == footer_height(scene):
        return build_buttons(scene, specs, box.with_height(footer_height(scene)))
    out = []
    y = box.y
    for spec in specs:
        out += build_buttons(scene, [spec], Box(box.x, y, box.w, footer_height(scene)), align="right")
        y += footer_height(scene) + gap(scene.scale)
    return out


class DocumentScene(Scene):
    """A title, one scrolling document and a row of buttons."""

    doc: Optional[UITextBox] = None

    def title(self) -> str:
        raise NotImplementedError

    def subtitle(self) -> str:
        return ""

    def subtitle_html(self) -> str:
        return muted(esc(self.subtitle())) if self.subtitle() else ""

    def document_html(self) -> str:
        raise NotImplementedError

    def footer_specs(self) -> list[ButtonSpec]:
        raise NotImplementedError

    def hint(self) -> str:
        return self.tr("doc_hint")

    def build_extra(self, col: Box, y: int) -> int:
        """Widgets between the title and the document; returns the new top of the document."""
        return y

    def build_widgets(self) -> None:
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        col = frame(self.size, 10, 10, self.scale).header  # the readable column
        title = text_box(self.manager, f"<b>{esc(self.title())}</b>", Box(col.x, m, col.w, 0), self.root, "#doc_title")
        y = title.rect.bottom + g // 3
        if self.subtitle_html():
            sub = text_box(self.manager, self.subtitle_html(), Box(col.x, y, col.w, 0), self.root, "#body")
            y = sub.rect.bottom
        y = self.build_extra(col, y)
        specs = self.footer_specs()
        fh = fit_buttons_height(self, specs, col.w)
        hint = text_box(self.manager, muted(esc(self.hint())), Box(col.x, 0, col.w, 0), self.root, "#small")
        hint_h = hint.rect.height
        footer_y = h - m // 2 - hint_h - g // 2 - fh
        hint.set_relative_position((col.x, h - m // 2 - hint_h))
        doc_box = Box(col.x, y + g, col.w, max(40, footer_y - g - (y + g)))
        self.doc = text_box(self.manager, self.document_html(), doc_box, self.root, "#doc", wrap=False)
        build_button_stack(self, specs, Box(col.x, footer_y, col.w, fh))

    def initial_focus(self, previous: int) -> int:
        if previous >= 0:
            return previous
        return len(self.focus.items) - 1  # the forward button (last) is the natural next step

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.doc is None:
            return False
        step = self.fonts.line_height("#doc") * 2
        page = max(step, self.doc.rect.height - step)
        key = event.key
        if key == pygame.K_DOWN:
            scroll_text_box(self.doc, step)
        elif key == pygame.K_UP:
            scroll_text_box(self.doc, -step)
        elif key == pygame.K_PAGEDOWN:
            scroll_text_box(self.doc, page)
        elif key == pygame.K_PAGEUP:
            scroll_text_box(self.doc, -page)
        elif key == pygame.K_HOME:
            scroll_text_box(self.doc, -10 ** 6)
        elif key == pygame.K_END:
            scroll_text_box(self.doc, 10 ** 6)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.focus.move(1 if key == pygame.K_RIGHT else -1)
        else:
            return False
        return True
