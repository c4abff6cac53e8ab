"""The preparation questions (Ury's step 1): pick one answer each; feedback waits for the debrief.

In coach mode the next question is headed by a short hint on the answer just given.
"""

from __future__ import annotations

from typing import Optional

import pygame

from ..layout import Box, frame, gap, margins, stack
from ..play import Play
from ..scene import Scene
from ..widgets import Card, ScrollArea, text_box
from .coach_hint import CoachCard, memory_for
from .common import build_buttons, esc, footer_height, muted

CONFIRM_SECONDS = 0.3  # the picked answer stays highlighted this long


class PreparationScene(Scene):
    name = "preparation"
    in_session = True

    def __init__(self, app, play: Play):
        super().__init__(app)
        self.play = play
        self.cards: list[Card] = []
        self.area: Optional[ScrollArea] = None
        self.pending: Optional[tuple[str, float]] = None  # (option id, seconds left)

    @property
    def question(self):
        return self.play.session.question

    def build_widgets(self) -> None:
        q = self.question
        if q is None:
            return
        s, L = self.play.scenario, self.lang
        prep = s.preparation
        assert prep is not None
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        col = frame(self.size, 10, 10, self.scale).header
        n = next(i for i, x in enumerate(prep.questions) if x.id == q.id) + 1
        title = text_box(self.manager, f"<b>{esc(self.tr('preparation'))}</b>", Box(col.x, m, col.w, 0), self.root,
                         "#doc_title")
        y = title.rect.bottom
        where = f"{s.title.get(L)} · {self.tr('question_n', n=n, total=len(prep.questions))}"
        sub = text_box(self.manager, muted(esc(where)), Box(col.x, y, col.w, 0), self.root, "#body")
        y = sub.rect.bottom + g

        fh = footer_height(self)
        hint = text_box(self.manager, muted(esc(self.tr("prep_hint", n=len(q.options)))), Box(col.x, 0, col.w, 0),
                        self.root, "#small")
        hint.set_relative_position((col.x, h - m // 2 - hint.rect.height))
        footer = Box(col.x, hint.rect.y - g // 2 - fh, col.w, fh)
        body = Box(col.x, y, col.w, max(60, footer.y - g - y))
        self._build_body(body, n == 1 and bool(prep.intro.variants))
        build_buttons(self, [(self.tr("view_briefing"), self._briefing, None)], footer, align="left")

    def _build_body(self, area: Box, with_intro: bool) -> None:
        """Intro, question, answers and the note, scrolling together when the window is short."""
        q = self.question
        assert q is not None and self.play.scenario.preparation is not None
        g = gap(self.scale)
        pad = g
        gutter = self.fonts.text_width("#name", "9") + pad
        self.area = ScrollArea(self.manager, area, self.root)
        view = self.area.view
        width = area.w
        for attempt in range(2):
            made: list = []
            y = 0
            note = memory_for(self.play).note(self.app.settings, self.play.scenario, self.play.session, self.lang)
            if note is not None:
                coach = CoachCard(self.manager, note, Box(0, y, width, 0), view, self.scale)
                made.append(coach)
                y = coach.height + g
            if with_intro:
                intro = text_box(self.manager, esc(self.play.scenario.preparation.intro.get(self.lang)),
                                 Box(0, y, width, 0), view, "#body")
                made.append(intro)
                y = intro.rect.height + g
            prompt = text_box(self.manager, f"<b>{esc(q.prompt.get(self.lang))}</b>", Box(0, y, width, 0), view,
                              "#speech")
            made.append(prompt)
            y += prompt.rect.height + g
            cards = [Card(self.manager, esc(o.text.get(self.lang)), 0, 0, width, pad, view,
                          gutter_html=f"<font color='#1D6A72'><b>{i + 1}</b></font>", gutter_w=gutter)
                     for i, o in enumerate(q.options)]
            boxes = stack([c.height for c in cards], 0, y, width, g // 2 + 2)
            y = boxes[-1].bottom + g if boxes else y
            note_key = "prep_note_coach" if self.app.settings.coach else "prep_note"
            note = text_box(self.manager, muted(esc(self.tr(note_key))), Box(0, y, width, 0), view, "#small")
            made.append(note)
            content_h = y + note.rect.height
            if attempt == 0 and content_h > area.h:
                for el in made:
                    el.kill()
                for c in cards:
                    c.kill()
                width = ScrollArea.content_width(area, content_h)
                continue
            break
        self.area.set_content_height(content_h)
        self.cards = cards
        for card, box, option in zip(cards, boxes, q.options):
            card.move_to(box.y)
            action = (lambda oid=option.id: self.pick(oid))
            self.on_click(card.button, action)
            self.focus.add(card.button, action, highlight=True, on_focus=lambda b=box: self._show(b),
                           name=option.id)

    def _show(self, box: Box) -> None:
        if self.area is not None:
            self.area.ensure_visible(box.y, box.bottom)

    def initial_focus(self, previous: int) -> int:
        return 0

    def pick(self, option_id: str) -> None:
        if self.pending is not None or self.question is None:
            return
        for card, option in zip(self.cards, self.question.options):
            if option.id == option_id:
                card.button.select()
            else:
                card.button.disable()
        self.pending = (option_id, CONFIRM_SECONDS)

    def update(self, dt: float) -> None:
        if self.pending is None:
            return
        option_id, left = self.pending
        left -= dt
        if left > 0:
            self.pending = (option_id, left)
            return
        self.pending = None
        option = self.question.option(option_id) if self.question is not None else None
        self.play.answer(option_id)
        from ..toast import show_save_note
        show_save_note(self.app, self.play)  # saving fell behind or caught up: said once
        if option is not None:
            memory_for(self.play).made(self.app.settings, self.play.session, option)
        if self.play.session.in_preparation:
            self.focus.index = -1
            self.build()
        else:
            self.app.show_play(self.play)

    def animating(self) -> bool:
        return self.pending is not None

    def _briefing(self) -> None:
        from .briefing import BriefingScene
        self.app.push(BriefingScene(self.app, self.play.scenario, self.play.scenario_path, readonly=True))

    def on_key(self, event: pygame.event.Event) -> bool:
        q = self.question
        if q is None:
            return False
        if event.unicode and event.unicode.isdigit():
            n = int(event.unicode)
            if 1 <= n <= len(q.options):
                self.focus.focus(n - 1)
                self.pick(q.options[n - 1].id)
                return True
        if event.key == pygame.K_b:
            self._briefing()
            return True
        return False
