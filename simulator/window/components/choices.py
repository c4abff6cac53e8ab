"""The decision itself: every option at once, numbered, and nothing chosen by accident.

Options are shown in the order they are given (the engine decides it; it will shuffle
them per session), all alike: the same card, colour and numbering for every option,
a balcony move included. The panel shows *every* option without scrolling whenever it
can: it draws the options at the largest font size, from the screen's body size down
to a floor, at which all of them fit in the room it was given (the screen gives it room
first: the line box and the residents shrink before the options do). Only a decision
beyond the authoring limit (``lint.MAX_OPTIONS`` options of ``lint.CHOICE_BUDGET``
characters) can still be too tall at the floor; then the list scrolls and says so
("meer opties" with an arrow under it).

No accidental choices:
- No option has the keyboard focus until the trainee moves it there (arrow keys, Tab,
  or a number before the options are armed), so Space and Enter — the visual-novel
  habit for "go on" — never pick an option nobody pointed at.
- The options arm ``ARM_SECONDS`` after they appear: a click or a number key that was
  meant for the line before (a click that finished the typewriter, a held key) lands
  on nothing. A number key pressed before then moves the focus to its option only.
- The chosen card stays highlighted for a moment (``confirm_seconds``) with the others
  faded, then the screen's ``update`` gets the chosen id.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Optional, Sequence

import pygame
from pygame_gui.elements import UIImage

from simulator.window.components import Kit
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, stack, wrap_text
from simulator.window.theme import palette
from simulator.window.widgets import Card, ScrollArea

ARM_SECONDS = 0.6
CONFIRM_SECONDS = 0.35
LINE_SPACING = 1.15  # the theme's text_box line_spacing: pygame_gui's line height is the font's times this
MIN_PX = 12  # never smaller than this, however many options there are
FLOOR_SHARE = 0.6  # nor smaller than this share of the screen's body text


@dataclass(frozen=True)
class Option:
    id: str
    text: str  # in the screen's language


def option_pad(px: int) -> int:
    """The room around an option's text: follows its font size."""
    return max(5, round(px * 0.5))


def option_spacing(px: int) -> int:
    return max(3, round(px * 0.3))


def font_sizes(preferred: int) -> list[int]:
    """The sizes the options may be drawn at, largest first."""
    floor = max(MIN_PX, min(preferred, int(preferred * FLOOR_SHARE)))
    return list(range(preferred, floor - 1, -1))


class ChoicesPanel:
    def __init__(self, confirm_seconds: float = CONFIRM_SECONDS, arm_seconds: float = ARM_SECONDS):
        self.confirm_seconds = confirm_seconds
        self.arm_seconds = arm_seconds
        self.options: tuple[Option, ...] = ()
        self.key: object = None  # which decision the options belong to
        self.age = 0.0  # seconds the options have been in view
        self.visible = False
        self.moved = False  # the trainee moved the focus onto the options
        self.pending: Optional[tuple[str, float]] = None  # (option id, seconds left)
        # widgets (rebuilt at will)
        self.kit: Optional[Kit] = None
        self.cards: list[tuple[Card, Option]] = []
        self.area: Optional[ScrollArea] = None
        self.more: Optional[UIImage] = None
        self.more_box: Optional[Box] = None
        self.drawn: list[tuple[str, Box, Box]] = []  # text drawn on an image (for the render model)
        self.px = 0
        self._at_top = False
        self.first_focus = 0  # where the panel's cards start in the screen's focus list

    # -- state ----------------------------------------------------------------------
    def offer(self, key: object, options: Sequence[Option]) -> None:
        """The options of decision ``key``; a new decision starts unarmed and unfocused."""
        if key != self.key:
            self.key = key
            self.age = 0.0
            self.moved = False
            self.pending = None
            self.visible = False
        self.options = tuple(options)

    @property
    def armed(self) -> bool:
        return self.visible and self.age >= self.arm_seconds

    @property
    def scrolls(self) -> bool:
        return self.area is not None and self.area.scrolls

    # -- measuring --------------------------------------------------------------------
    def estimate(self, kit: Kit, width: int, px: int) -> int:
        """The height of every option at font size ``px`` (a quick wrap with the same font)."""
        if not self.options:
            return 0
        font = kit.fonts.font(px)
        bold = kit.fonts.font(px, "bold")
        pad = option_pad(px)
        gutter = self._gutter(kit, px)
        text_w = max(40, width - 2 * pad - gutter)
        line_h = font.get_linesize()
        heights = []
        for option in self.options:
            n = len(wrap_text(option.text, text_w, lambda t: font.size(t)[0]))
            text_h = int((n - 1) * line_h * LINE_SPACING + line_h) + 3
            heights.append(max(text_h, bold.get_linesize()) + 2 * pad)
        return sum(heights) + option_spacing(px) * (len(heights) - 1)

    def fitting_size(self, kit: Kit, width: int, height: int, preferred: int) -> tuple[int, bool]:
        """The largest font size at which every option fits ``height``; (floor, True) when none does."""
        sizes = font_sizes(preferred)
        for px in sizes:
            if self.estimate(kit, width, px) <= height:
                return px, False
        return sizes[-1], True

    @staticmethod
    def _gutter(kit: Kit, px: int) -> int:
        return kit.fonts.font(px, "bold").size("9")[0] + option_pad(px)

    # -- widgets ------------------------------------------------------------------------
    def build(self, kit: Kit, box: Box, preferred: int, at_top: bool = False) -> None:
        """The option cards in ``box``: at the largest size up to ``preferred`` at which they fit
        (the quick estimate first, then one size smaller for as long as the real cards don't).
        Options that need less than the box sit at its bottom (the meeting: under the line, as
        low as a visual novel's menu), or with ``at_top`` right under what comes before them."""
        self.kit = kit
        self._at_top = at_top
        self.cards, self.area, self.more, self.more_box, self.drawn = [], None, None, None, []
        if not self.options:
            return
        start, _ = self.fitting_size(kit, box.w, box.h, preferred)
        start = min(preferred, start + 2)  # the estimate errs on the safe side: try a little larger first
        sizes = [s for s in font_sizes(preferred) if s <= start]
        for attempt, size in enumerate(sizes):
            fits = self._build_at(kit, box, size, last=attempt == len(sizes) - 1)
            if fits:
                break
        self.first_focus = len(kit.focus.items)
        for card, option in self.cards:
            action = (lambda oid=option.id: self.choose(oid))
            kit.on_click(card.button, action)
            kit.focus.add(card.button, action, highlight=True, name=option.id,
                          on_focus=lambda c=card: self._show_card(c))
        self.show(self.visible)

    def _build_at(self, kit: Kit, box: Box, px: int, last: bool) -> bool:
        """Cards at ``px``; False (and nothing built) when they don't fit and a smaller size is left."""
        _preload(kit, px)
        pad, spacing = option_pad(px), option_spacing(px)
        gutter = self._gutter(kit, px)
        area_box = box
        more_h = 0
        if last and self.estimate(kit, box.w, px) > box.h:
            more_h = kit.fonts.font(max(MIN_PX, px - 2)).get_linesize() + 4
            area_box = box.with_height(box.h - more_h)
        area = ScrollArea(kit.manager, area_box, kit.root)
        width = area_box.w
        for attempt in range(2):
            cards = [(Card(kit.manager, _html(option.text, px), 0, 0, width, pad, area.view,
                           gutter_html=f"<font pixel_size={px} color='#1D6A72'><b>{i + 1}</b></font>",
                           gutter_w=gutter), option)
                     for i, option in enumerate(self.options)]
            boxes = stack([card.height for card, _ in cards], 0, 0, width, spacing)
            content_h = boxes[-1].bottom if boxes else 0
            if content_h > area_box.h and not last:
                for card, _ in cards:
                    card.kill()
                area.kill()
                return False
            if attempt == 0 and content_h > area_box.h:
                for card, _ in cards:
                    card.kill()
                width = ScrollArea.content_width(area_box, content_h)
                continue
            break
        for (card, _), b in zip(cards, boxes):
            card.move_to(b.y)
        if content_h <= area_box.h:  # no scrolling: the list is as tall as its cards
            shift = 0 if self._at_top else box.h - content_h
            area.view.set_relative_position((box.x, box.y + shift))
            area.view.set_dimensions((box.w, max(content_h, 1)))
            area.box = Box(box.x, box.y + shift, box.w, max(content_h, 1))
        area.set_content_height(content_h)
        self.area, self.cards, self.px = area, cards, px
        if content_h > area.box.h:
            self._build_more(kit, Box(box.x, area_box.bottom, box.w, more_h), px)
        return True

    def _build_more(self, kit: Kit, box: Box, px: int) -> None:
        """"More options" with an arrow, under a list that scrolls (the font has no arrow glyph)."""
        font = kit.fonts.font(max(MIN_PX, px - 2), "bold")
        label = font.render(kit.tr("more_options"), True, palette().accent)
        arrow_w = label.get_height() // 2 + 4
        w = min(box.w, label.get_width() + arrow_w + 8)
        surf = pygame.Surface((w, box.h), pygame.SRCALPHA)
        surf.blit(label, (0, (box.h - label.get_height()) // 2))
        x, mid, size = label.get_width() + 6, box.h // 2, arrow_w // 2
        pygame.draw.line(surf, palette().accent, (x + size, mid - size), (x + size, mid + size), 2)
        pygame.draw.polygon(surf, palette().accent, [(x, mid + 1), (x + 2 * size, mid + 1), (x + size, mid + size + 2)])
        self.more_box = Box(box.right - w, box.y, w, box.h)
        where = Box(self.more_box.x, box.y + (box.h - label.get_height()) // 2, label.get_width(), label.get_height())
        self.drawn = [(kit.tr("more_options"), where, self.more_box)]
        self.more = UIImage(pygame.Rect(self.more_box.as_tuple()), surf, kit.manager, container=kit.root)

    def show(self, visible: bool) -> None:
        """Options wait, hidden, until the line has been read; hidden ones take no focus."""
        if visible and not self.visible:
            self.age = 0.0
        self.visible = visible
        for card, _ in self.cards:
            card.show(visible)
        for el in (self.area.view if self.area is not None else None, self.more):
            if el is not None:
                el.show() if visible else el.hide()
        if self.pending is not None:
            self._mark_chosen(self.pending[0])

    def teardown(self) -> None:
        self.cards, self.area, self.more, self.more_box, self.drawn = [], None, None, None, []

    # -- acting ---------------------------------------------------------------------------
    def choose(self, option_id: str) -> bool:
        """Take an option (a click, Enter on a focused card, a number): only once armed."""
        if self.pending is not None or not self.armed:
            return False
        if all(o.id != option_id for o in self.options):
            return False
        self.pending = (option_id, self.confirm_seconds)
        self._mark_chosen(option_id)
        return True

    def _mark_chosen(self, option_id: str) -> None:
        for card, option in self.cards:
            if option.id == option_id:
                card.button.select()
            else:
                card.button.disable()

    def number(self, n: int) -> bool:
        """A digit key: option ``n`` (1-based). Before the options are armed it only points at it."""
        if not self.visible or not 1 <= n <= len(self.options) or self.pending is not None:
            return False
        self.point_at(n - 1)
        if self.armed:
            self.choose(self.options[n - 1].id)
        return True

    def point_at(self, index: int) -> None:
        """Move the keyboard focus onto option ``index`` (the trainee moved: it may be taken)."""
        kit = self.kit
        if kit is None or not self.cards:
            return
        self.moved = True
        kit.focus.focus(self.first_focus + max(0, min(len(self.cards) - 1, index)))

    def _show_card(self, card: Card) -> None:
        self.moved = True
        if self.area is not None:
            self.area.ensure_visible(card.box.y, card.box.bottom)

    def scroll_by(self, dy: int) -> None:
        if self.area is not None:
            self.area.scroll_by(dy)

    def clicked_more(self, pos: tuple[int, int]) -> bool:
        box = self.more_box
        if box is None or not self.visible or not pygame.Rect(box.as_tuple()).collidepoint(pos):
            return False
        if self.area is not None:
            self.area.scroll_by(max(40, self.area.box.h * 2 // 3))
        return True

    def update(self, dt: float) -> Optional[str]:
        """Count the arming time; returns the chosen id once its confirmation is over."""
        if self.visible:
            self.age += dt
        if self.pending is None:
            return None
        option_id, left = self.pending
        left -= dt
        if left > 0:
            self.pending = (option_id, left)
            return None
        self.pending = None
        return option_id

    def animating(self) -> bool:
        return self.pending is not None or (self.visible and bool(self.options) and not self.armed)


def _html(text: str, px: int) -> str:
    return f"<font pixel_size={px}>{html_escape(text)}</font>"


def _preload(kit: Kit, px: int) -> None:
    """pygame_gui loads a font size it hasn't seen with a warning; load the option sizes quietly."""
    seen: set[int] = kit.manager.__dict__.setdefault("_option_sizes", set())
    if px in seen:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kit.manager.preload_fonts([{"name": "tw", "point_size": px, "style": style} for style in ("regular", "bold")])
    seen.add(px)
