"""The meeting: the residents' faces and moods, what is said, the trainee's choices, the log.

What the trainee sees follows the session: the current line types itself out (any key
or click shows it whole), then the choices appear — numbered cards, with the "go to
the balcony" choices set apart in their own colour. A choice stays highlighted for a
moment, the residents' meters move to their new mood and their faces follow, and the
next line begins. The log on the right (or behind the L key on narrow windows) keeps
everything said so far. In coach mode a card between what is said and the choices names
the step or indicator the last decision touched.

The choices (and the coach card's place) are built in ``meeting_choices.py``, the log in
``meeting_log.py``, the residents' cards and moving moods in ``meeting_residents.py``;
this module holds the layout and the meeting's flow.
"""

from __future__ import annotations

from typing import Optional

import pygame
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from engine.scenario.model import NARRATOR, Choice

from ..cards import CardStyle, card_height, face_size
from ..layout import (
    SIDE_LOG_MIN_WIDTH,
    Box,
    MeetingLayout,
    button_row,
    gap,
    margins,
    meeting_layout,
    needs_compact_portraits,
    speech_height,
)
from ..play import Play
from ..scene import Scene
from ..widgets import Card, ScrollArea, Typewriter, button, button_width, oid, scroll_text_box, text_box
from .coach_hint import BoxedText, CoachCard, CoachNote, coach_card_height, memory_for, short_note
from .common import esc, footer_height, muted
from .meeting_choices import MeetingChoices
from .meeting_log import MeetingLog
from .meeting_residents import MeetingResidents

CONFIRM_SECONDS = 0.35  # the chosen card stays highlighted this long before the meeting goes on


class MeetingScene(MeetingLog, MeetingChoices, MeetingResidents, Scene):
    name = "meeting"
    in_session = True

    def __init__(self, app, play: Play, resumed: bool = False):
        super().__init__(app)
        self.play = play
        self._init_residents(play)
        self.shown: Optional[int] = None  # transcript index of the line in the speech panel
        self.revealed = 0.0  # typewriter progress of that line (kept across rebuilds)
        self.pending: Optional[tuple[str, float]] = None
        self.log_open = False
        # widgets
        self.typewriter: Optional[Typewriter] = None
        self.speech: Optional[UITextBox] = None
        self.cards: list[tuple[Card, Choice]] = []
        self.area: Optional[ScrollArea] = None
        self.log_box: Optional[UITextBox] = None
        self.log_panel: Optional[UIPanel] = None
        self.continue_button: Optional[UIButton] = None
        self.lay = None
        self.style: Optional[CardStyle] = None
        self.hint_box: Optional[UITextBox] = None
        self.log_shown = 0  # how many log entries the log box holds
        self.coach = memory_for(play)  # coach mode: which decision the hint card is about
        self.coach_note: Optional[CoachNote] = None
        self.coach_card: Optional[CoachCard] = None
        self.coach_in_hint = False  # the window is too tight: the card's short form replaces the keys line
        self._sync_line(initial=resumed)

    # -- the session --------------------------------------------------------------
    @property
    def session(self):
        return self.play.session

    def _current_index(self) -> Optional[int]:
        tr = self.session.state.transcript
        for i in range(len(tr) - 1, -1, -1):
            if tr[i].kind == "line":
                return i
        return None

    def _sync_line(self, initial: bool = False) -> None:
        index = self._current_index()
        if index != self.shown:
            self.shown = index
            # A resumed meeting shows its current line whole; new lines type themselves out.
            self.revealed = 1e9 if initial else 0.0

    @property
    def line_done(self) -> bool:
        if self.typewriter is not None:
            return self.typewriter.done
        # Before the line's text box exists: it will type itself out unless already read.
        return self.revealed >= 1e8 or not self.app.settings.chars_per_second

    def regular_choices(self) -> list[Choice]:
        return [c for c in self.session.choices if not c.balcony]

    def balcony_choices(self) -> list[Choice]:
        return [c for c in self.session.choices if c.balcony]

    def speaker_name(self, speaker: str) -> str:
        if speaker == NARRATOR:
            return ""
        try:
            return self.play.scenario.resident(speaker).name
        except KeyError:
            return speaker

    # -- building -----------------------------------------------------------------
    def build_widgets(self) -> None:
        self.typewriter = None
        w, h = self.size
        s, L = self.play.scenario, self.lang
        m, g = margins(self.size), gap(self.scale)
        pad = g
        fonts = self.fonts
        wide = w >= SIDE_LOG_MIN_WIDTH

        # Top bar: title (and place, when it fits in two lines) left, buttons right.
        labels = [self.tr("menu") + " (Esc)"]
        if not wide:
            labels.insert(0, self.tr("log") + " (L)")
        bw = [button_width(fonts, t, "#quiet") for t in labels]
        bh = footer_height(self)
        buttons_w = sum(bw) + g * (len(bw) - 1)
        title_w = max(120, w - 2 * m - buttons_w - g)
        head = f"<b>{esc(s.title.get(L))}</b>"
        if self.play.branch_index is not None:  # a replay from a debrief decision says so
            head += " · " + esc(self.tr("replay_from", n=self.play.branch_index + 1))
        title_html = f"{head}<br>{muted(esc(s.setting.meeting.get(L)))}"
        title = text_box(self.manager, title_html, Box(m, m // 2, title_w, 0), self.root, "#small")
        if title.rect.height > 2.6 * fonts.line_height("#small"):
            title.kill()
            title = text_box(self.manager, head, Box(m, m // 2, title_w, 0), self.root, "#small")
        top_h = max(title.rect.height, bh)
        title.set_relative_position((m, m // 2 + (top_h - title.rect.height) // 2))
        for label, box in zip(labels, button_row(bw, Box(w - m - buttons_w, m // 2 + (top_h - bh) // 2,
                                                         buttons_w, bh), g)):
            el = button(self.manager, label, box, self.root, "#quiet")
            self.on_click(el, self.app.open_menu if label.startswith(self.tr("menu")) else self.toggle_log)

        # What must fit below the top bar: portraits, the line being said, the choices.
        main_w = meeting_layout(self.size, self.scale, len(s.residents), top_h, 0, 0, 0).speech.w
        self.coach_note = self.coach.note(self.app.settings, s, self.session, L)
        self.coach_in_hint = False
        self.coach_card = None
        coach_h = 0
        if self.coach_note is not None:  # the card goes between what is said and the choices
            coach_h = coach_card_height(self.manager, self.coach_note, self._coach_width(main_w),
                                        self.root, self.scale)
        hint = self._bottom_line(m, main_w)
        lay, text_h = self._lay_out(top_h, hint.height, coach_h)
        if coach_h and not self._coach_fits(lay.choices, coach_h):
            # Too tight for the card and the choices: its short form takes the keys line's place.
            hint.kill()
            self.coach_in_hint = True
            hint = self._bottom_line(m, main_w)
            lay, text_h = self._lay_out(top_h, hint.height, 0)
        self.lay = lay
        hint.move_to(lay.hint.x, lay.hint.y)
        line = self.session.line
        narr = line is None or line.speaker == NARRATOR
        text_html = self._line_html()

        self._build_portraits(lay.portraits, line.speaker if line else None)

        # Speech panel.
        sp = lay.speech
        UIPanel(pygame.Rect(sp.as_tuple()), starting_height=1, manager=self.manager, container=self.root,
                object_id=oid("#sheet" if narr else None))
        y = sp.y + pad
        if not narr and line is not None:
            name = text_box(self.manager, f"<font color='#1D6A72'>{esc(self.speaker_name(line.speaker))}</font>",
                            Box(sp.x + pad, y, sp.w - 2 * pad, 0), self.root, "#name", starting_height=3)
            y = name.rect.bottom + 4
        inner_h = max(fonts.line_height("#speech"), sp.bottom - pad // 2 - y)
        fits = text_h <= inner_h
        self.speech = text_box(self.manager, text_html, Box(sp.x + pad, y, sp.w - 2 * pad, inner_h), self.root,
                               "#speech", wrap=fits, starting_height=3)
        self.typewriter = Typewriter(self.speech, self.app.settings.chars_per_second)
        if self.revealed >= self.typewriter.total:
            self.typewriter.finish()
        elif self.revealed > 0:
            self.typewriter.seek(self.revealed)

        # Choices (or "continue"): built now, shown once the line has been read.
        self.cards = []
        self.area = None
        self.continue_button = None
        self._build_choices()
        if not self.line_done:
            self._show_choices(False)

        self._build_log(lay.log)

    def _lay_out(self, top_h: int, hint_h: int, coach_h: int) -> tuple[MeetingLayout, int]:
        """Portraits, what is said and the choices below the top bar (and the height of the line's
        text); sets the portrait style. ``coach_h`` is kept free between what is said and the choices."""
        w, h = self.size
        s, L = self.play.scenario, self.lang
        g = gap(self.scale)
        pad = g
        fonts = self.fonts
        n = len(s.residents)
        probe = meeting_layout(self.size, self.scale, n, top_h, 0, 0, hint_h)
        card_w = probe.portraits[0].w if probe.portraits else 200
        line = self.session.line
        narr = line is None or line.speaker == NARRATOR
        name_h = 0 if narr else fonts.line_height("#name") + 4
        measure = text_box(self.manager, self._line_html(), Box(0, 0, probe.speech.w - 2 * pad, 0), self.root,
                           "#speech")
        text_h = measure.rect.height
        measure.kill()
        speech_min = fonts.line_height("#name") + 4 + 2 * fonts.line_height("#speech") + 2 * pad
        # The portrait shape depends only on the window (it must not jump from line to line) ...
        choices_typical = 6 * fonts.line_height("#body") + 4 * pad + g  # a choice or two and the balcony
        # ... the split between what is said and the choices on what is shown now.
        continuing = self.session.can_continue or not self.session.choices
        choices_min = footer_height(self) + g if continuing else 3 * fonts.line_height("#body") + 2 * pad + g
        if coach_h:
            choices_min = max(choices_min, coach_h + g) if continuing else choices_min + coach_h + g
        available = probe.choices.h  # room below the top bar (no portraits, no speech yet)
        card_pad = max(8, g - 2)
        for compact in (False, True):
            style = CardStyle(compact, face_size(h, card_w, compact, self.scale), card_pad, L, self.scale)
            card_h = max(card_height(fonts, r, s.mood_variables, card_w, style) for r in s.residents)
            if not needs_compact_portraits(available, card_h, speech_min, choices_typical, g):
                break
        self.style = style
        base = meeting_layout(self.size, self.scale, n, top_h, card_h, 0, hint_h)
        wanted = name_h + text_h + 2 * pad
        sp_h = speech_height(wanted, min(speech_min, wanted), base.choices.h - g, choices_min)
        return meeting_layout(self.size, self.scale, n, top_h, card_h, sp_h, hint_h), text_h

    def _bottom_line(self, x: int, width: int):
        """The keys line below the choices or, when the window is too tight for the coach card
        above them, the coach's short note in its place (the keys come back with the next line)."""
        if self.coach_in_hint and self.coach_note is not None:
            self.hint_box = None
            self.coach_card = CoachCard(self.manager, short_note(self.coach_note, self.lang),
                                        Box(x, 0, width, 0), self.root, self.scale, tight=True)
            return self.coach_card
        self.hint_box = text_box(self.manager, muted(esc(self._hint())), Box(x, 0, width, 0), self.root, "#small")
        return BoxedText(self.hint_box)

    def _hint(self) -> str:
        if not self.line_done:
            return self.tr("reveal_hint")
        if self.session.can_continue:
            return self.tr("continue_hint")
        n = len(self.regular_choices())
        return self.tr("meeting_hint_balcony" if self.balcony_choices() else "meeting_hint", n=n)

    def _line_html(self) -> str:
        line = self.session.line
        if line is None:
            return ""
        text = esc(line.text.get(self.lang))
        return f"<i>{text}</i>" if line.speaker == NARRATOR else text

    def initial_focus(self, previous: int) -> int:
        return max(0, previous) if previous < len(self.focus.items) else 0

    # -- acting --------------------------------------------------------------------
    def choose(self, choice_id: str) -> None:
        if self.pending is not None or not self.line_done:
            return
        for card, c in self.cards:
            if c.id == choice_id:
                card.button.select()
            else:
                card.button.disable()
        self.pending = (choice_id, CONFIRM_SECONDS)

    def advance(self) -> None:
        if not self.line_done:
            self.reveal()
            return
        if self.session.can_continue:
            self.play.advance()
            self._after_step()

    def _after_step(self) -> None:
        from ..toast import show_save_note
        show_save_note(self.app, self.play)  # saving fell behind or caught up: said once
        if self.session.finished:
            from .ending import EndingScene
            self.app.replace(EndingScene(self.app, self.play))
            return
        self._sync_line()
        self.focus.index = -1
        self.build()

    def _follow_typing(self) -> None:
        """A line taller than its panel scrolls along as it is typed."""
        box, tw = self.speech, self.typewriter
        if box is None or tw is None or box.scroll_bar is None or not tw.total:
            return
        bar = box.scroll_bar
        wanted = max(0.0, min(1.0 - bar.visible_percentage, tw.shown / tw.total - bar.visible_percentage))
        if wanted > bar.start_percentage + 0.01:
            bar.set_scroll_from_start_percentage(wanted)

    def reveal(self) -> None:
        if self.typewriter is not None and not self.typewriter.done:
            self.typewriter.finish()
            self.revealed = 1e9
            self._on_line_done()

    def _on_line_done(self) -> None:
        """The line is complete: show the choices and put it in the log (no rebuild)."""
        self.revealed = 1e9
        if not self.built or self.lay is None:
            return
        hint = self.hint_box
        if hint is not None and hint.alive():
            hint.set_text(muted(esc(self._hint())))
        self._show_choices(True)
        if self.focus.items:
            self.focus.focus(0, quiet=True)
        if self.log_box is not None and self.log_box.alive():
            self._refresh_log()

    def update(self, dt: float) -> None:
        if self.pending is not None:
            cid, left = self.pending
            left -= dt
            if left > 0:
                self.pending = (cid, left)
            else:
                self.pending = None
                before = {rid: dict(m) for rid, m in self.session.mood.items()}
                chosen = next(c for c in self.session.choices if c.id == cid)
                self.play.choose(cid)
                self.coach.made(self.app.settings, self.session, chosen)
                self._mark_mood_change(before)
                self._after_step()
                return
        if self.typewriter is not None and not self.typewriter.done:
            if self.typewriter.update(dt):
                self._on_line_done()
                return
            self.revealed = self.typewriter.shown
            self._follow_typing()
        self._ease_moods(dt)

    def animating(self) -> bool:
        if self.pending is not None:
            return True
        if self.typewriter is not None and not self.typewriter.done:
            return True
        return self._moods_moving()

    # -- input ---------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.line_done:
            self.reveal()
            return True
        return False

    def handle_button(self, element) -> bool:
        if not self.line_done:
            self.reveal()
            return True
        return super().handle_button(element)

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key == pygame.K_ESCAPE:
            if self.log_open:
                self.toggle_log()
                return True
            return False
        if key == pygame.K_l:
            self.toggle_log()
            return True
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            # A line too long for its panel scrolls first; otherwise the log does.
            target = self.speech if (self.speech is not None and self.speech.scroll_bar is not None
                                     and not self.log_open) else self.log_box
            if target is not None:
                step = max(40, target.rect.height - 40)
                scroll_text_box(target, step if key == pygame.K_PAGEDOWN else -step)
            return True
        if not self.line_done:
            self.reveal()
            return True
        if self.log_open:
            if key in (pygame.K_UP, pygame.K_DOWN) and self.log_box is not None:
                scroll_text_box(self.log_box, 40 if key == pygame.K_DOWN else -40)
            return True
        if self.pending is not None:
            return True
        if self.session.can_continue and key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT):
            self.advance()
            return True
        if event.unicode and event.unicode.isdigit():
            n = int(event.unicode)
            regular = self.regular_choices()
            if 1 <= n <= len(regular):
                self.focus.focus(n - 1)
                self.choose(regular[n - 1].id)
            return True
        if key == pygame.K_b and self.balcony_choices():
            self.focus.focus(len(self.regular_choices()))
            self.choose(self.balcony_choices()[0].id)
            return True
        return False
