"""The meeting's choices: numbered cards, the balcony set apart, or "continue" — and the
coach card above them in coach mode (``coach_hint.py``).

A mixin of ``MeetingScene``, kept apart so the meeting module holds the meeting's flow:
it reads the scene's session, layout (``lay``) and coach note, and owns ``cards``,
``area``, ``continue_button`` and ``coach_card``.
"""

from __future__ import annotations

from typing import Optional

from engine.scenario.model import Choice

from ..layout import Box, gap, stack
from ..widgets import Card, ScrollArea, button, button_width
from .coach_hint import CoachCard, CoachNote
from .common import esc, footer_height


class MeetingChoices:
    coach_note: Optional[CoachNote]
    coach_card: Optional[CoachCard]
    coach_in_hint: bool

    def _build_choices(self) -> None:
        lay = self.lay
        assert lay is not None
        g = gap(self.scale)
        pad = g
        least = self._least_choices_h()
        regular, balcony = self.regular_choices(), self.balcony_choices()
        area = self._place_coach(lay.choices)
        if self.session.can_continue:
            label = self.tr("continue") + " (Enter)"
            bw = button_width(self.fonts, label, "#primary")
            bh = footer_height(self)
            box = Box(area.right - bw, area.y, bw, bh)
            self.continue_button = button(self.manager, label, box, self.root, "#primary")
            self.on_click(self.continue_button, self.advance)
            self.focus.add(self.continue_button, self.advance, name="continue")
            return
        if not regular and not balcony:
            return
        gutter = self.fonts.text_width("#name", "9") + pad
        spacing = g // 2 + 2
        # The balcony stays in view, apart from the other choices: below them, or pinned at the
        # bottom of the area while the other choices scroll. Only on a very short window does it
        # scroll along, at the end of the list.
        def balcony_card(c: Choice, x: int, y: int, w: int, container) -> Card:
            html = (f"<font color='#4A5795'><b>{esc(self.tr('balcony_title'))}:</b></font> "
                    f"{esc(c.text.get(self.lang))}")
            return Card(self.manager, html, x, y, w, pad, container, object_id="#balcony",
                        gutter_html="<font color='#4A5795'><b>B</b></font>", gutter_w=gutter)

        pinned = [(balcony_card(c, area.x, area.y, area.w, self.root), c) for c in balcony]
        pinned_h = sum(card.height for card, _ in pinned) + spacing * max(0, len(pinned) - 1)
        room = Box(area.x, area.y, area.w, area.h - (pinned_h + g if pinned else 0))
        if pinned and regular and room.h < least:
            for card, _ in pinned:
                card.kill()
            pinned, room = [], area
        scrolled = [c for c in balcony if not pinned]
        cards: list[tuple[Card, Choice]] = []
        boxes: list[Box] = []
        content_h = 0
        if regular or scrolled:
            self.area = ScrollArea(self.manager, room, self.root)
            width = room.w
            for attempt in range(2):
                cards = [(Card(self.manager, esc(c.text.get(self.lang)), 0, 0, width, pad, self.area.view,
                               gutter_html=f"<font color='#1D6A72'><b>{i + 1}</b></font>", gutter_w=gutter), c)
                         for i, c in enumerate(regular)]
                cards += [(balcony_card(c, 0, 0, width, self.area.view), c) for c in scrolled]
                boxes = stack([card.height for card, _ in cards], 0, 0, width, spacing)
                if scrolled and regular:
                    boxes = boxes[:len(regular)] + [b.moved(dy=g) for b in boxes[len(regular):]]
                content_h = boxes[-1].bottom if boxes else 0
                if attempt == 0 and content_h > room.h:
                    for card, _ in cards:
                        card.kill()
                    width = ScrollArea.content_width(room, content_h)
                    continue
                break
            if content_h < self.area.box.h:  # no scrolling: the list is just as tall as its cards
                self.area.view.set_dimensions((room.w, max(content_h, 1)))
                self.area.box = room.with_height(max(content_h, 1))
            self.area.set_content_height(content_h)
        top = area.y
        if cards:
            top = area.y + min(content_h, room.h) + g + g // 2
            if content_h > room.h:
                top = area.bottom - pinned_h
        for card, _ in pinned:
            card.move_to(top)
            top += card.height + spacing
        self.cards = cards + pinned
        for (card, choice), box in zip(cards, boxes):
            card.move_to(box.y)
            action = (lambda cid=choice.id: self.choose(cid))
            self.on_click(card.button, action)
            self.focus.add(card.button, action, highlight=True, on_focus=lambda b=box: self._show(b),
                           name=choice.id)
        for card, choice in pinned:
            action = (lambda cid=choice.id: self.choose(cid))
            self.on_click(card.button, action)
            self.focus.add(card.button, action, highlight=True, name=choice.id)

    def _coach_width(self, area_w: int) -> int:
        """The coach card spans the column, or sits beside the continue button."""
        if self.session.can_continue:
            label = self.tr("continue") + " (Enter)"
            return max(120, area_w - button_width(self.fonts, label, "#primary") - gap(self.scale))
        return area_w

    def _place_coach(self, area: Box) -> Box:
        """The coach card at the top of the choices area (beside "continue"); returns the area left."""
        note = self.coach_note
        if note is None or self.coach_in_hint:
            return area
        g = gap(self.scale)
        self.coach_card = CoachCard(self.manager, note, Box(area.x, area.y, self._coach_width(area.w), 0), self.root,
                                    self.scale)
        if self.session.can_continue:
            return area
        h = self.coach_card.height + g
        return Box(area.x, area.y + h, area.w, area.h - h)

    def _coach_fits(self, choices: Box, coach_h: int) -> bool:
        """Whether the card fits above the choices and leaves a choice's first line in view."""
        if self.session.can_continue:
            return coach_h <= choices.h
        return choices.h - coach_h - gap(self.scale) >= self._least_choices_h()

    def _least_choices_h(self) -> int:
        """The least room the choice list must have: a choice's first line and a half in view."""
        return int(1.5 * self.fonts.line_height("#body")) + 2 * gap(self.scale)

    def _show(self, box: Box) -> None:
        if self.area is not None:
            self.area.ensure_visible(box.y, box.bottom)

    def _show_choices(self, visible: bool) -> None:
        """Choices wait, hidden, until the line has been read; hidden ones take no focus."""
        for card, _ in self.cards:
            card.show(visible)
        if self.area is not None:
            self.area.view.show() if visible else self.area.view.hide()
        if self.continue_button is not None:
            self.continue_button.show() if visible else self.continue_button.hide()
        self.focus.enabled = visible
