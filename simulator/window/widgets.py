"""Small helpers on top of pygame_gui: cards of wrapped text, a typewriter, scrolling, fonts.

pygame_gui's buttons show one line of text; a choice or a scenario card needs several.
A ``Card`` is therefore a text-less ``UIButton`` (it draws the states — normal, hovered,
selected — and takes the mouse) with a ``PassThroughTextBox`` on top that only shows the
wrapped text. Everything else is plain pygame_gui.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UIScrollingContainer, UITextBox

from simulator.window.layout import Box, scroll_to_show
from simulator.window.theme import font_path, recolour

SCROLLBAR_W = 20
MIN_SCROLL_H = 48


class TextBox(UITextBox):
    """A text box whose HTML colours, written in the standard palette, show in the active one
    (``theme.recolour``): every text the window writes follows the high-contrast theme."""

    def __init__(self, html_text: str, *args: Any, **kwargs: Any):
        super().__init__(recolour(html_text), *args, **kwargs)

    def set_text(self, html_text: str, *args: Any, **kwargs: Any) -> None:
        super().set_text(recolour(html_text), *args, **kwargs)


class PassThroughTextBox(TextBox):
    """Text shown on top of a button: it never takes the mouse, so the button does."""

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        return False

    def process_event(self, event: pygame.event.Event) -> bool:
        return False


class Fonts:
    """The theme's fonts as pygame fonts, for measuring and for what we draw ourselves."""

    def __init__(self, theme: dict[str, Any]):
        self.theme = theme
        self._cache: dict[tuple[int, str], pygame.font.Font] = {}

    def size_of(self, key: str) -> int:
        block = self.theme.get(key) or {}
        font = block.get("font") or self.theme.get("text_box", {}).get("font", {})
        return int(font.get("size", "16"))

    def bold_of(self, key: str) -> bool:
        block = self.theme.get(key) or {}
        return str(block.get("font", {}).get("bold", "0")) in ("1", "true", "True")

    def font(self, size: int, style: str = "regular") -> pygame.font.Font:
        key = (size, style)
        f = self._cache.get(key)
        if f is None:
            f = pygame.font.Font(str(font_path(style)), size)
            self._cache[key] = f
        return f

    def for_key(self, key: str, style: Optional[str] = None) -> pygame.font.Font:
        return self.font(self.size_of(key), style or ("bold" if self.bold_of(key) else "regular"))

    def measure(self, key: str, style: Optional[str] = None) -> Callable[[str], int]:
        f = self.for_key(key, style)
        return lambda text: f.size(text)[0]

    def line_height(self, key: str, style: Optional[str] = None) -> int:
        return self.for_key(key, style).get_linesize()

    def text_width(self, key: str, text: str, style: Optional[str] = None) -> int:
        return self.for_key(key, style).size(text)[0]


def oid(object_id: Optional[str], class_id: Optional[str] = None) -> Optional[ObjectID]:
    if object_id is None and class_id is None:
        return None
    return ObjectID(object_id=object_id, class_id=class_id)


def text_box(manager: pygame_gui.UIManager, html: str, box: Box, container: Any = None,
             object_id: str = "#body", wrap: bool = True, passthrough: bool = False,
             starting_height: int = 1) -> UITextBox:
    """Wrapped text; with ``wrap`` the box grows to its text (never cut off)."""
    cls = PassThroughTextBox if passthrough else TextBox
    rect = pygame.Rect(box.x, box.y, box.w, -1 if wrap else box.h)
    return cls(html, rect, manager, wrap_to_height=wrap, container=container, object_id=oid(object_id),
               starting_height=starting_height)


def button(manager: pygame_gui.UIManager, text: str, box: Box, container: Any = None,
           object_id: Optional[str] = None, starting_height: int = 1) -> UIButton:
    return UIButton(pygame.Rect(box.as_tuple()), text, manager, container=container,
                    object_id=oid(object_id), starting_height=starting_height)


def button_width(fonts: Fonts, text: str, key: str = "button", pad: int = 36) -> int:
    return fonts.text_width(key, text) + pad


def image(manager: pygame_gui.UIManager, surface: pygame.Surface, box: Box, container: Any = None,
          starting_height: int = 1) -> UIImage:
    return UIImage(pygame.Rect(box.as_tuple()), surface, manager, container=container,
                   starting_height=starting_height)


class Card:
    """A clickable block of wrapped text (a choice, a scenario, an answer)."""

    def __init__(self, manager: pygame_gui.UIManager, html: str, x: int, y: int, w: int, pad: int,
                 container: Any = None, object_id: str = "#card", text_id: str = "#body",
                 gutter_html: Optional[str] = None, gutter_w: int = 0, min_h: int = 0):
        self.object_id = object_id
        text_x = x + pad + gutter_w
        text_w = max(40, w - 2 * pad - gutter_w)
        self.text = text_box(manager, html, Box(text_x, y + pad, text_w, 0), container, text_id,
                             wrap=True, passthrough=True, starting_height=3)
        self.gutter: Optional[UITextBox] = None
        if gutter_html is not None and gutter_w > 0:
            self.gutter = text_box(manager, gutter_html, Box(x + pad, y + pad, gutter_w - pad // 2, 0), container,
                                   "#name", wrap=True, passthrough=True, starting_height=3)
        h = max(min_h, self.text.rect.height + 2 * pad)
        if self.gutter is not None:
            h = max(h, self.gutter.rect.height + 2 * pad)
        self.box = Box(x, y, w, h)
        self.button = UIButton(pygame.Rect(x, y, w, h), "", manager, container=container,
                               object_id=oid(object_id), starting_height=1)
        self.pad = pad

    @property
    def height(self) -> int:
        return self.box.h

    def move_to(self, y: int) -> None:
        dy = y - self.box.y
        if not dy:
            return
        self.box = self.box.moved(dy=dy)
        self.button.set_relative_position((self.box.x, self.box.y))
        tx, ty = self.text.relative_rect.topleft
        self.text.set_relative_position((tx, ty + dy))
        if self.gutter is not None:
            gx, gy = self.gutter.relative_rect.topleft
            self.gutter.set_relative_position((gx, gy + dy))

    def elements(self) -> list[Any]:
        return [e for e in (self.button, self.text, self.gutter) if e is not None]

    def show(self, visible: bool = True) -> None:
        for e in self.elements():
            e.show() if visible else e.hide()

    def kill(self) -> None:
        for e in self.elements():
            e.kill()


class Typewriter:
    """Reveals a text box's letters over time; ``finish()`` shows them all at once.

    pygame_gui redraws only the chunk where the end position falls, so the position is
    moved one letter at a time (as its own typing effect does) — skipping letters would
    leave the rest of a line undrawn. Finishing re-renders the whole text cleanly.
    """

    def __init__(self, box: UITextBox, chars_per_second: Optional[float]):
        self.box = box
        self.total = box.get_text_letter_count()
        self.cps = chars_per_second
        self.shown = float(self.total if not chars_per_second else 0)
        self._applied = self.total
        if not self.done:
            box.clear_text_surface()
            self._applied = 0
            box.update_text_end_position(0)
            box.redraw_from_text_block()

    @property
    def done(self) -> bool:
        return self.shown >= self.total

    def update(self, dt: float) -> bool:
        """Advance; returns True when the text just became complete."""
        if self.done or not self.cps:
            return False
        self.shown = min(float(self.total), self.shown + dt * self.cps)
        self._apply()
        return self.done

    def seek(self, shown: float) -> None:
        self.shown = max(0.0, min(float(self.total), shown))
        self._apply()

    def finish(self) -> None:
        if not self.done:
            self.shown = float(self.total)
            self._apply()

    def _apply(self) -> None:
        box = self.box
        if box.text_box_layout is None or not box.alive():
            return
        target = int(self.shown)
        if target >= self.total:
            if self._applied < self.total:
                box.set_text(box.html_text)  # a clean, complete render
                self._applied = self.total
            return
        if target <= self._applied:
            return
        for position in range(self._applied + 1, target + 1):
            box.update_text_end_position(position)
        self._applied = target
        box.redraw_from_text_block()


class ScrollArea:
    """A vertically scrolling region for cards; keeps a focused card in view."""

    def __init__(self, manager: pygame_gui.UIManager, box: Box, container: Any = None, starting_height: int = 1):
        box = box.with_height(max(box.h, MIN_SCROLL_H))  # pygame_gui's scroll bar needs some room
        self.box = box
        self.view = UIScrollingContainer(pygame.Rect(box.as_tuple()), manager, container=container,
                                         allow_scroll_x=False, starting_height=starting_height)
        self.content_h = box.h

    @staticmethod
    def content_width(box: Box, content_h: int) -> int:
        return box.w - SCROLLBAR_W - 4 if content_h > box.h else box.w

    def fill(self, build: Callable[[int], tuple]) -> tuple:
        """Lay the content out at the area's width and, when it turns out taller than the
        area, once more at the width left beside the scroll bar. ``build(width)`` returns a
        tuple whose first item is the elements it made (killed before the second go) and
        whose last is the content height; the area takes that height, the tuple is returned."""
        result = build(self.box.w)
        if result[-1] > self.box.h:
            for el in result[0]:
                el.kill()
            result = build(self.content_width(self.box, result[-1]))
        self.set_content_height(result[-1])
        return result

    def set_content_height(self, h: int) -> None:
        self.content_h = max(h, 1)
        self.view.set_scrollable_area_dimensions((self.box.w, max(self.box.h, self.content_h)))

    @property
    def scrolls(self) -> bool:
        return self.content_h > self.box.h

    def offset(self) -> int:
        return -self.view.get_container().get_relative_rect().y

    def scroll_to(self, offset: int) -> None:
        bar = self.view.vert_scroll_bar
        if bar is None or not self.scrolls:
            return
        max_offset = self.content_h - self.box.h
        offset = max(0, min(max_offset, offset))
        self.view.get_container().set_relative_position((0, -offset))
        usable = bar.scrollable_height
        bar.scroll_position = offset / max(1, self.content_h) * usable
        bar.target_scroll_position = bar.scroll_position
        bar.start_percentage = offset / max(1, self.content_h)
        if bar.sliding_button is not None:
            bar.sliding_button.set_relative_position((0, bar.scroll_position + bar.arrow_button_height))

    def ensure_visible(self, top: int, bottom: int, margin: int = 8) -> None:
        if not self.scrolls:
            return
        wanted = scroll_to_show(top - margin, bottom + margin, self.box.h, self.content_h, self.offset())
        if wanted != self.offset():
            self.scroll_to(wanted)

    def scroll_by(self, dy: int) -> None:
        self.scroll_to(self.offset() + dy)

    def kill(self) -> None:
        self.view.kill()


def scroll_text_box(box: UITextBox, dy: int) -> None:
    """Scroll a text box that has a scroll bar by ``dy`` pixels (keyboard reading).

    The text is redrawn here: pygame_gui redraws it when the box's update sees the bar
    moved, but the bar's own update, which may run first, clears that mark — and then the
    bar moves while the text stays where it was."""
    bar = box.scroll_bar
    layout = box.text_box_layout
    if bar is None or layout is None:
        return
    total = max(1, layout.layout_rect.height)
    pct = bar.start_percentage + dy / total
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - bar.visible_percentage, pct)))
    box.redraw_from_text_block()
