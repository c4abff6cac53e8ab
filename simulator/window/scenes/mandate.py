"""The mandate card over the meeting (M), and the balcony (B): the same calm card, two reasons.

A sheet over the dimmed meeting with ``components.mandate_card.MandateCard`` in it and one
way back (the button, Esc, Enter, or the key that opened it). The meeting waits underneath:
nothing types, nothing goes on by itself.

``BalconyScene`` is the time-out: the trainee has stepped onto the balcony (the session
recorded the move) and sees the same card under a title of its own, with one paragraph
saying what the pause is here — Ury's step 2 where the line provokes, a delay that costs
some patience elsewhere — and never which option is best. Back, the same decision waits.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIPanel

from simulator.window.components.mandate_card import MandateCard
from simulator.window.layout import Box, gap
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.scenes.common import esc, footer_height, muted
from simulator.window.widgets import button, button_width, oid, text_box


class MandateScene(Scene):
    name = "mandate"
    overlay = True
    title_key = "mc_title"
    back_key = "mc_back"
    own_key = pygame.K_m  # the key that opened the card closes it too

    def __init__(self, app, play: Play):
        super().__init__(app)
        self.play = play
        self.card = MandateCard(play.scenario, play.session)

    def build_widgets(self) -> None:
        w, h = self.size
        g = gap(self.scale)
        width = min(w - 2 * g, int(900 * min(self.scale, 1.6)))
        box = Box((w - width) // 2, g, width, h - 2 * g)
        panel = UIPanel(pygame.Rect(box.as_tuple()), starting_height=1, manager=self.manager, container=self.root,
                        object_id=oid("#sheet"))
        inner = box.w - 4 * g
        title = text_box(self.manager, f"<b>{esc(self.tr(self.title_key))}</b><br>"
                         + muted(esc(self.play.scenario.title.get(self.lang))), Box(2 * g, 2 * g, inner, 0), panel,
                         "#doc_heading")
        label = self.tr(self.back_key) + " (Esc)"
        bh = footer_height(self)
        bw = min(inner, button_width(self.fonts, label, "#primary"))
        back = button(self.manager, label, Box(box.w - 2 * g - bw, box.h - 2 * g - bh, bw, bh), panel, "#primary")
        self.on_click(back, self.app.pop)
        top = title.relative_rect.bottom + g
        lead = self.lead_html()
        if lead:
            said = text_box(self.manager, lead, Box(2 * g, top, inner, 0), panel, "#body")
            top = said.relative_rect.bottom + g
        body = Box(2 * g, top, inner, max(40, box.h - 2 * g - bh - g - top))
        self.card.build(self.kit(panel), body, panel, offset=(box.x, box.y))
        self.drawn_texts = list(self.card.drawn)
        self.focus.add(back, self.app.pop, name="back")

    def lead_html(self) -> str:
        """A paragraph between the title and the card ("" for none)."""
        return ""

    def initial_focus(self, previous: int) -> int:
        return 0

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key == self.own_key:
            self.app.pop()
            return True
        step = self.fonts.line_height("#body") * 2
        if key in (pygame.K_DOWN, pygame.K_UP):
            self.card.scroll_by(step if key == pygame.K_DOWN else -step)
            return True
        if key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.card.area is not None:
            page = max(step, self.card.area.box.h - step)
            self.card.scroll_by(page if key == pygame.K_PAGEDOWN else -page)
            return True
        return False

    def escape(self) -> None:
        self.app.pop()


class BalconyScene(MandateScene):
    """The time-out: the mandate card on the balcony, saying whether the pause is Ury's step 2 here."""

    name = "balcony"
    title_key = "balcony_title"
    back_key = "balcony_back"
    own_key = pygame.K_b

    def __init__(self, app, play: Play, scores: bool):
        super().__init__(app, play)
        self.scores = scores  # the line provoked: stepping back is step 2 (else a delay that costs patience)

    def lead_html(self) -> str:
        why = self.tr("balcony_scores" if self.scores else "balcony_costs")
        return f"<b>{esc(why)}</b><br>" + muted(esc(self.tr("balcony_look")))
