"""The preparation questions (Ury's step 1): pick one answer each; feedback waits for the debrief.

The answers are a ``ChoicesPanel``, as the meeting's options are: every answer in view,
none chosen by accident (no focus until the trainee moves, a moment before they arm,
Space and Enter alone choose nothing). The question (with the preparation's intro on
the first one) gives way first when the window is short: it scrolls before the answers
shrink. In coach mode the question is headed by a short hint on the answer just given.
"""

from __future__ import annotations

from typing import Optional

import pygame
from pygame_gui.elements import UITextBox

from simulator.window.components.choices import ChoicesPanel, Option
from simulator.window.layout import Box, frame, gap, margins
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.scenes.coach_hint import CoachCard, coach_card_height, memory_for
from simulator.window.scenes.common import build_buttons, esc, footer_height, muted
from simulator.window.toast import show_save_note
from simulator.window.widgets import button_width, scroll_text_box, text_box

CONFIRM_SECONDS = 0.3  # the picked answer stays highlighted this long


class PreparationScene(Scene):
    name = "preparation"
    in_session = True

    def __init__(self, app, play: Play):
        super().__init__(app)
        self.play = play
        self.panel = ChoicesPanel(confirm_seconds=CONFIRM_SECONDS)
        self.prompt: Optional[UITextBox] = None
        self._offer()

    @property
    def question(self):
        return self.play.session.question

    def _offer(self) -> None:
        q = self.question
        if q is not None:  # in the order this session shows them (shuffled from its seed)
            self.panel.offer(q.id, [Option(o.id, o.text.get(self.lang)) for o in self.play.session.prep_options])

    @property
    def pending(self) -> Optional[tuple[str, float]]:
        return self.panel.pending

    def build_widgets(self) -> None:
        q = self.question
        if q is None:
            return
        self._offer()
        kit = self.kit()
        col = frame(self.size, 10, 10, self.scale).header
        preferred = self.fonts.size_of("#body")
        need = self.panel.estimate(kit, col.w, preferred)
        # Roomy first; when the answers need the room: a one-line header, the question at body size.
        for tight in (False, True):
            top, bottom = self._frame(col, tight, build=False)
            if bottom - top - self._question_heights(col.w, tight)[1] - gap(self.scale) >= need:
                break
        top, bottom = self._frame(col, tight, build=True)
        self._build_body(Box(col.x, top, col.w, max(60, bottom - top)), tight)
        cards = {id(card.button) for card, _ in self.panel.cards}
        first = [i for i in self.focus.items if id(i.element) in cards]
        self.focus.items = first + [i for i in self.focus.items if i not in first]
        self.panel.first_focus = 0
        self.drawn_texts = list(self.panel.drawn)
        self.panel.show(True)

    def _frame(self, col: Box, tight: bool, build: bool) -> tuple[int, int]:
        """Header, footer and keys line; returns the top and bottom of the room between them."""
        q = self.question
        s, L = self.play.scenario, self.lang
        prep = s.preparation
        assert q is not None and prep is not None
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        n = next(i for i, x in enumerate(prep.questions) if x.id == q.id) + 1
        where = f"{s.title.get(L)} · {self.tr('question_n', n=n, total=len(prep.questions))}"
        made = []
        if tight:
            head = text_box(self.manager, f"<b>{esc(self.tr('preparation'))}</b> · " + muted(esc(where)),
                            Box(col.x, m // 2, col.w, 0), self.root, "#body")
            made.append(head)
            y = head.rect.bottom + g // 2
        else:
            title = text_box(self.manager, f"<b>{esc(self.tr('preparation'))}</b>", Box(col.x, m // 2, col.w, 0),
                             self.root, "#doc_title")
            sub = text_box(self.manager, muted(esc(where)), Box(col.x, title.rect.bottom, col.w, 0), self.root,
                           "#small")
            made += [title, sub]
            y = sub.rect.bottom + g
        fh = footer_height(self)
        hint = text_box(self.manager, muted(esc(self._hint())), Box(col.x, 0, col.w, 0), self.root, "#small")
        hint.set_relative_position((col.x, h - m // 2 - hint.rect.height))
        made.append(hint)
        footer = Box(col.x, hint.rect.y - g // 2 - fh, col.w, fh)
        label = self.tr("view_briefing") + " (B)"
        bw = button_width(self.fonts, label)
        note_key = "prep_note_coach" if self.app.settings.coach else "prep_note"
        note_x = col.x + bw + g
        note = text_box(self.manager, muted(esc(self.tr(note_key))), Box(note_x, 0, col.right - note_x, 0), self.root,
                        "#small")
        made.append(note)
        bottom = footer.y - g
        if note.rect.height > fh:  # no room beside the button
            if tight:  # it says again what the start of the meeting says: left out
                note.kill()
                made.remove(note)
            else:
                note.kill()
                note = text_box(self.manager, muted(esc(self.tr(note_key))), Box(col.x, 0, col.w, 0), self.root,
                                "#small")
                made[-1] = note
                note.set_relative_position((col.x, footer.y - g // 2 - note.rect.height))
                bottom = note.rect.y - g // 2
        if note in made and note.rect.height <= fh:
            note.set_relative_position((note_x, footer.y + (fh - note.rect.height) // 2))
        if not build:
            for el in made:
                el.kill()
            return y, bottom
        build_buttons(self, [(label, self._briefing, None)], Box(footer.x, footer.y, bw, fh), align="left")
        return y, bottom

    def _question_html(self, tight: bool) -> str:
        q = self.question
        assert q is not None and self.play.scenario.preparation is not None
        html = f"<b>{esc(q.prompt.get(self.lang))}</b>"
        first = self.play.scenario.preparation.questions[0].id == q.id
        if first and self.play.scenario.preparation.intro.variants:
            html = esc(self.play.scenario.preparation.intro.get(self.lang)) + "<br><br>" + html
        return f"<font pixel_size={self.fonts.size_of('#body')}>{html}</font>" if tight else html

    def _question_heights(self, width: int, tight: bool) -> tuple[int, int]:
        """(wanted, least) of the intro and question: whole, or three lines that scroll (two when tight)."""
        key = "#body" if tight else "#speech"  # the rows' font (tight: the speech box at body size)
        probe = text_box(self.manager, self._question_html(tight), Box(0, 0, width, 0), self.root, "#speech")
        wanted = probe.rect.height
        probe.kill()
        lines = 2 if tight else 3
        return wanted, min(wanted, lines * round(self.fonts.line_height(key) * 1.15) + 4)

    def _build_body(self, area: Box, tight: bool) -> None:
        """Coach card, intro and question, the answers: the question scrolls before the answers shrink."""
        g = gap(self.scale)
        kit = self.kit()
        y = area.y
        note = memory_for(self.play).note(self.app.settings, self.play.scenario, self.play.session, self.lang)
        if note is not None and coach_card_height(self.manager, note, area.w, self.root, self.scale) < area.h // 4:
            coach = CoachCard(self.manager, note, Box(area.x, y, area.w, 0), self.root, self.scale)
            y += coach.height + g
        preferred = self.fonts.size_of("#body")
        need = self.panel.estimate(kit, area.w, preferred)
        wanted, least = self._question_heights(area.w, tight)
        room = area.bottom - y - g
        prompt_h = max(least, min(wanted, room - need))
        self.prompt = text_box(self.manager, self._question_html(tight), Box(area.x, y, area.w, prompt_h), self.root,
                               "#speech", wrap=False)
        top = y + prompt_h + g
        self.panel.build(kit, Box(area.x, top, area.w, max(0, area.bottom - top)), preferred, at_top=True)

    def _hint(self) -> str:
        return self.tr("prep_hint", n=len(self.question.options)) if self.question is not None else ""

    def initial_focus(self, previous: int) -> int:
        """No answer has the focus until the trainee moves."""
        if self.panel.moved and 0 <= previous < len(self.focus.items):
            return previous
        return -1

    def update(self, dt: float) -> None:
        chosen = self.panel.update(dt)
        if chosen is None:
            return
        q = self.question
        option = q.option(chosen) if q is not None else None
        self.play.answer(chosen)
        show_save_note(self.app, self.play)  # saving fell behind or caught up: said once
        if option is not None:
            memory_for(self.play).made(self.app.settings, self.play.session, option)
        if self.play.session.in_preparation:
            self._offer()
            self.focus.index = -1
            self.build()
        else:
            self.app.show_play(self.play)

    def animating(self) -> bool:
        return self.panel.animating()

    def _briefing(self) -> None:
        self.app.push(self.app.scene("briefing", self.play.scenario, self.play.scenario_path, readonly=True))

    def on_key(self, event: pygame.event.Event) -> bool:
        q = self.question
        if q is None:
            return False
        key = event.key
        if event.unicode and event.unicode.isdigit():
            self.panel.number(int(event.unicode))
            return True
        if key == pygame.K_b:
            self._briefing()
            return True
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.prompt is not None:
            page = max(40, self.prompt.rect.height - 40)
            scroll_text_box(self.prompt, page if key == pygame.K_PAGEDOWN else -page)
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus.current is None:
            return True  # Space and Enter choose nothing until an answer is pointed at
        return False
