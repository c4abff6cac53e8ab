"""The meeting, built around the decision: residents, the line being said, every option, the log.

Composed of parts that each own their state and drawing (``components``): the residents
at the table (``ResidentsRow``), the current line in a visual-novel text box
(``LineBox``), the options in a full-width panel (``ChoicesPanel``) and the transcript
beside the meeting or in a drawer (``Transcript``); ``plan_meeting`` says where each
goes, giving the options their room first. This module holds the flow between them:

- A line types itself out; any key or click shows it whole. Then Space, Enter, a click
  anywhere or "Verder" goes on — at a decision those keys mean nothing until the
  trainee points at an option (arrows, a number, the mouse): nothing is chosen by
  accident. Auto-advance (a setting, A toggles it) goes on by itself after a line.
- "Overslaan" (S) skips lines read in an earlier session up to the next decision.
- M opens the mandate card (the briefing's room to move and goals, the preparation, what
  the residents show), L the transcript drawer on windows too narrow for its column.
- At every decision where the session allows it, B (or the quiet "Even naar het balkon"
  button) takes a time-out: the move is recorded, the balcony card opens (the mandate card
  saying whether the pause is Ury's step 2 here), and the same decision waits underneath.
- Own words first (a setting): at each decision a text field comes before the options
  (``components.own_words``); what was typed goes with the choice into the session.
- In coach mode a card between the line and the options names the step or indicator
  the last decision touched.
- A line shows how it arrives (``components.media``): "in de chat", "aan de telefoon" (the
  speaker a voice without a face), an e-mail with its header; an online meeting, or one
  where a chat line was said, gives part of the residents' room to a chat column
  (``ChatPane``). What the room did right after a move (a group reaction's text) stands
  above the line that follows it and in the transcript, once.
"""

from __future__ import annotations

from typing import Optional

import pygame

from engine.scenario.model import NARRATOR
from simulator.window.components.auto_advance import AutoAdvance, wait_for
from simulator.window.components.bars import Button, KeysLine, TopBar
from simulator.window.components.chat_pane import ChatPane, split_room
from simulator.window.components.choices import ChoicesPanel, Option
from simulator.window.components.decisions_ahead import about_total
from simulator.window.components.line_box import LineBox, line_speaker
from simulator.window.components.media import channel_of, chat_parts, has_chat, log_parts, reaction_note
from simulator.window.components.own_words import OwnWords
from simulator.window.components.plan import MeetingPlan, columns, plan_meeting
from simulator.window.components.read_lines import read_lines_for
from simulator.window.components.residents import ResidentsRow
from simulator.window.components.transcript import Transcript
from simulator.window.journal_later import catch_up
from simulator.window.layout import SIDE_LOG_MIN_WIDTH, Box, gap, margins
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.scenes.coach_hint import CoachCard, CoachNote, coach_card_height, memory_for, short_note
from simulator.window.scenes.common import esc
from simulator.window.theme import palette
from simulator.window.toast import show_save_note

SKIP_LIMIT = 500  # lines one skip may pass (a scenario that loops on read lines stops here)


class MeetingScene(Scene):
    name = "meeting"
    in_session = True

    def __init__(self, app, play: Play, resumed: bool = False):
        super().__init__(app)
        self.play = play
        self.residents = ResidentsRow(play.scenario, play.session.mood, play)
        self._whole = False  # drawn whole since built: a frame may redraw only what moves (moving_region)
        self.line = LineBox(resumed=resumed)
        self.panel = ChoicesPanel()
        self.log = Transcript()
        self.chat = ChatPane()
        self.chat_shown = False  # the chat column is on screen (built beside the residents)
        self.auto = AutoAdvance()
        self.read = read_lines_for(play)
        self.coach = memory_for(play)  # coach mode: which decision the hint card is about
        self.coach_note: Optional[CoachNote] = None
        self.coach_card: Optional[CoachCard] = None
        self.hint_tight = False  # the keys line names only the keys no button shows
        self.coach_in_hint = False  # the window is too tight: the card's short form replaces the keys line
        self.plan: Optional[MeetingPlan] = None
        self._backdrop: Optional[pygame.Surface] = None  # what draw_background draws, kept until a rebuild
        self.top_bar = TopBar()
        self.keys_line = KeysLine()
        self.words = OwnWords()
        self.on_balcony = False  # the balcony card is open over this decision
        self._eat_text: Optional[str] = None  # the key that closed the balcony is no text for the field
        self._sync()

    # -- the session ------------------------------------------------------------------
    @property
    def session(self):
        return self.play.session

    def _current_index(self) -> Optional[int]:
        tr = self.session.state.transcript
        for i in range(len(tr) - 1, -1, -1):
            if tr[i].kind == "line":
                return i
        return None

    def _sync(self, whole: bool = False) -> None:
        """Show the session's current line and offer its options."""
        line = self.session.line
        if line is None:
            self.line.show_line(None, "", "", True)
        else:
            index = self._current_index()
            self.line.show_line(index, line_speaker(self.play.scenario, line.speaker), line.text.get(self.lang).strip(),
                                line.speaker == NARRATOR, whole=whole,
                                channel=channel_of(self.play.scenario, line.node_id),
                                note=reaction_note(self.play.scenario, self.session.state.transcript, index, self.lang))
        key = (self.session.state.position, len(self.session.history))
        offered = [] if self.session.can_continue else self.session.choices
        self.words.at((self.session.state.position, sum(d.kind != "timeout" for d in self.session.history)))
        if self.asking:  # own words first: the options wait (and arm afresh once they show)
            key, offered = ("own words", key), []
        self.panel.offer(key, [Option(c.id, c.text.get(self.lang)) for c in offered])

    @property
    def asking(self) -> bool:
        """Own-words mode is asking the trainee's words at this decision (the options wait)."""
        return self.app.settings.own_words and self.deciding and not self.words.given

    @property
    def pending(self) -> Optional[tuple[str, float]]:
        """A chosen option still showing as chosen (the choice is made when it runs out)."""
        return self.panel.pending

    @property
    def line_done(self) -> bool:
        return self.line.done(self.app.settings.chars_per_second)

    @property
    def deciding(self) -> bool:
        return not self.session.can_continue and bool(self.session.choices)

    @property
    def can_skip(self) -> bool:
        """Skipping goes over lines read before, up to the next decision."""
        return self.session.can_continue and self.session.line in self.read

    def _progress(self) -> tuple[int, int]:
        """(decisions taken, about how many in all), counted as the debrief counts them: the
        preparation's answers included, so "beslissing 6" means the same on every screen."""
        decided = len(self.session.history)
        node = self.session.node
        total = about_total(self.play.scenario, node.id, decided) if node is not None else decided
        return decided, max(total, decided + 1)

    def progress_text(self) -> str:
        decided, total = self._progress()
        return self.tr("meeting_progress", n=decided + 1, total=total)

    def progress_fraction(self) -> float:
        decided, total = self._progress()
        return decided / total

    # -- building -----------------------------------------------------------------------
    def build_widgets(self) -> None:
        self._sync()
        self._whole = False  # the next frame draws the screen whole
        self.residents.animate = not getattr(self.app.settings, "reduce_motion", False)  # faces: one switch
        self._backdrop = None
        kit = self.kit()
        w, h = self.size
        main, side = columns(self.size, self.scale)
        bar = main if side is not None else Box(margins(self.size), 0, w - 2 * margins(self.size), h)
        self.coach_note = self.coach.note(self.app.settings, self.play.scenario, self.session, self.lang)
        self.coach_card = None
        chat = has_chat(self.play.scenario, self.session.state.transcript)
        room_w = split_room(kit, Box(main.x, 0, main.w, 0))[0].w if chat else main.w
        residents = self.residents.heights(kit, room_w, h)
        line_sizes = self.line.heights(kit, main.w, self.session.can_continue)
        preferred = self.fonts.size_of("#body")
        coach_h = coach_card_height(self.manager, self.coach_note, main.w, self.root, self.scale)
        asking = self.asking
        words_h = self._words_height(kit, main.w, asking)
        options_h = self.panel.estimate(kit, main.w, preferred)
        # The roomy bars first; when the options need their room: one-line bars, then the coach's short note.
        attempts = [(False, False), (True, False)] + ([(True, True)] if coach_h else [])
        for tight, in_hint in attempts:
            self.coach_in_hint = in_hint
            card = 0 if in_hint else coach_h
            cards = [h for h in (card, words_h) if h]
            need = options_h + sum(cards) + gap(self.scale) * (len(cards) - (0 if options_h else 1)) if cards \
                else options_h
            top_h = self._top_bar(bar, tight, build=False)
            hint_h = self._hint_height(main, tight)
            plan = plan_meeting(self.size, self.scale, top_h, hint_h, residents, line_sizes, need)
            if plan.panel.h >= need:
                break
        self.plan = plan
        self._top_bar(bar, tight, build=True)
        self._build_hint(plan.hint, tight)
        line = self.session.line
        speaker = line.speaker if line is not None else None
        self.chat_shown = False
        if plan.shape is not None:
            room = plan.room
            if chat and ChatPane.fits(kit, room.h):  # the chat column takes the room's right part
                room, column = split_room(kit, room)
                self.chat.build(kit, column, self._chat_parts())
                self.chat_shown = True
            self.residents.build(kit, room, plan.shape, h, speaker)
        else:
            self.residents.teardown()
        # The options first: when they end up shorter than their room (a smaller font than
        # planned), the line box below the residents gets the difference.
        g = gap(self.scale)
        panel = plan.panel
        card_h = coach_h if self.coach_note is not None and not self.coach_in_hint else 0
        if asking:  # the field where the options will be, the coach's card above it
            words_box = Box(panel.x, max(panel.y, panel.bottom - words_h), panel.w, words_h)
            self.panel.build(kit, Box(panel.x, panel.bottom, panel.w, 0), preferred)  # no options yet
            self.words.build_asking(kit, words_box, self.submit_words)
            top = words_box.y
        else:
            above = sum(h + g for h in (card_h, words_h) if h)
            options = Box(panel.x, panel.y + above, panel.w, max(0, panel.h - above))
            self.panel.build(kit, options, preferred)
            top = self.panel.area.box.y if self.panel.area is not None else options.bottom
            self.words.teardown()
            if words_h:  # the trainee's own words, right above the options they pick from
                top = top - g - words_h if self.panel.cards else panel.y
                self.words.build_quote(kit, Box(panel.x, top, panel.w, words_h))
        if card_h:
            card_y = top - g - card_h if self.panel.cards or asking or words_h else panel.y
            self.coach_card = CoachCard(self.manager, self.coach_note, Box(panel.x, card_y, panel.w, 0), self.root,
                                        self.scale)
            top = card_y
        line_box = plan.line
        if panel.h:
            line_box = line_box.with_height(max(line_box.h, top - g - line_box.y))
        self.line.build(kit, line_box, self.app.settings.chars_per_second, self.session.can_continue,
                        self.advance, self.tr("continue") + " (Enter)", readable=line_sizes[1])
        self._order_focus()
        self.panel.show(self.line_done)
        self.words.show(self.line_done)
        if asking and self.line_done and (self.words.auto or self.words.had_keyboard) and not self.on_balcony:
            self.words.take_keyboard(kit)
        self.drawn_texts = list(self.residents.drawn) + list(self.panel.drawn)
        if plan.log is not None:
            self.log.build_side(kit, plan.log, self._log_parts())
        else:
            self.log.build_drawer(kit, self.size, self._log_parts(), self.toggle_log)
        self._start_auto_if_due()

    def _order_focus(self) -> None:
        """The keyboard's order: the options (or "Verder") first, so that the first arrow down
        from nothing lands on option 1; then the bars' buttons."""
        cards = {id(card.button) for card, _ in self.panel.cards}
        cards |= {id(el) for el in (self.words.entry, self.words.show_button) if el is not None}
        go_on = self.line.continue_button
        first = [i for i in self.focus.items if id(i.element) in cards or i.element is go_on]
        self.focus.items = first + [i for i in self.focus.items if i not in first]
        self.panel.first_focus = 0

    # -- the bars ------------------------------------------------------------------------------
    def _top_buttons(self) -> list[Button]:
        buttons: list[Button] = [(self.tr("mc_button"), "M", self.open_mandate)]
        if self.size[0] < SIDE_LOG_MIN_WIDTH:
            buttons.append((self.tr("log"), "L", self.toggle_log))
        buttons.append((self.tr("menu"), "Esc", self.app.open_menu))
        return buttons

    def _top_bar(self, area: Box, tight: bool, build: bool) -> int:
        head = f"<b>{esc(self.play.scenario.title.get(self.lang))}</b>"
        if self.play.branch_index is not None:  # a replay from a debrief decision says so
            head += " · " + esc(self.tr("replay_from", n=self.play.branch_index + 1))
        progress = f"<font color='#1D6A72'><b>{esc(self.progress_text())}</b></font>"
        return self.top_bar.build(self.kit(), self.size, area, head, progress, self._top_buttons(), tight, build)

    def _keys_buttons(self) -> list[Button]:
        """Auto-advance and skip: they go on from a line, so a decision doesn't show them; a
        decision shows the time-out instead, where the session allows one."""
        if self.deciding:
            return [(self.tr("balcony_button"), "B", self.take_timeout)] if self.session.timeout_available else []
        auto = self.app.settings.auto_advance != "off"
        buttons: list[Button] = [(self.tr("auto_on" if auto else "auto_off"), "A", self.toggle_auto)]
        if self.can_skip:
            buttons.insert(0, (self.tr("skip_read"), "S", self.skip))
        return buttons

    def _hint_text(self, done: Optional[bool] = None, tight: Optional[bool] = None) -> str:
        """The keys line. Where the window is tight it names only the keys no button on screen
        shows (the time-out button and the top bar's mandate, log and menu say theirs)."""
        tight = self.hint_tight if tight is None else tight
        if not (self.line_done if done is None else done):
            return self.tr("reveal_hint")
        parts = []
        if self.deciding and not self.asking:
            parts.append(self.tr("hk_choose", n=len(self.panel.options)))
        elif self.session.can_continue:
            parts.append(self.tr("hk_continue"))
        elif self.session.stuck:  # no option and no way on: say why nothing can be clicked
            parts.append(self.tr("hk_stuck"))
        if tight:
            return " · ".join(parts + [self.tr("hk_menu")])
        if self.deciding and self.session.timeout_available:
            parts.append(self.tr("hk_balcony"))
        parts.append(self.tr("hk_mandate"))
        if self.size[0] < SIDE_LOG_MIN_WIDTH:
            parts.append(self.tr("hk_log"))
        parts.append(self.tr("hk_menu"))
        return " · ".join(parts)

    def _coach_note_maker(self):
        """The coach's short note in the keys line's place, when the window is too tight for the card."""
        if not self.coach_in_hint or self.coach_note is None:
            return None
        note = short_note(self.coach_note, self.lang)
        return lambda box: CoachCard(self.manager, note, box, self.root, self.scale, tight=True)

    def _hint_height(self, main: Box, tight: bool) -> int:
        return self.keys_line.height(self.kit(), main, [self._hint_text(False, tight), self._hint_text(True, tight)],
                                     self._keys_buttons(), self._coach_note_maker())

    def _build_hint(self, hint: Box, tight: bool) -> None:
        self.hint_tight = tight
        made = self.keys_line.build(self.kit(), hint, self._hint_text(), self._keys_buttons(),
                                    self._coach_note_maker())
        if made is not None:
            self.coach_card = made  # type: ignore[assignment]

    def initial_focus(self, previous: int) -> int:
        """Nothing has the focus until the trainee moves (then a rebuild keeps where they were)."""
        if self.panel.moved and 0 <= previous < len(self.focus.items):
            return previous
        return -1

    # -- the transcript -------------------------------------------------------------------------
    def _upto(self) -> int:
        """The transcript entries on screen: everything up to the line still typing."""
        tr = self.session.state.transcript
        return len(tr) if self.line_done else (self.line.index if self.line.index is not None else len(tr))

    def _log_parts(self) -> list[str]:
        """One HTML block per thing said (and per reaction of the room with a text), up to what is on screen now."""
        return log_parts(self.play.scenario, self.session, self._upto(), self.lang, self.tr)

    def _chat_parts(self) -> list[str]:
        return chat_parts(self.play.scenario, self.session, self._upto(), self.lang)

    def toggle_log(self) -> None:
        if self.plan is not None and self.plan.log is not None:
            self.log.to_end()
            return
        self.log.open = not self.log.open
        self.build()

    def modal_root(self):
        return self.log.modal

    # -- acting -----------------------------------------------------------------------------------
    def advance(self) -> None:
        """Space, Enter, a click or "Verder": the rest of the line, or on to the next one."""
        self.auto.cancel()
        if not self.line_done:
            self.reveal()
            return
        if self.session.can_continue:
            self.play.advance()
            self._after_step()

    def reveal(self) -> None:
        if self.line.reveal():
            self._on_line_done()

    def _on_line_done(self) -> None:
        """The line is complete: the options (or "Verder") appear, the log gets it (no rebuild)."""
        self.read.add(self.session.line)
        if not self.built:
            return
        self.keys_line.show(self._hint_text())  # its place was measured for both texts
        self.line.show_continue(True)
        self.panel.show(True)
        self.words.show(True)
        if self.asking and self.words.auto:
            self.words.take_keyboard(self.kit())
        if self.log.box is not None:
            self.log.refresh(self.kit(), self._log_parts())
        if self.chat_shown:
            self.chat.refresh(self.kit(), self._chat_parts())
        self._start_auto_if_due()

    def _start_auto_if_due(self) -> None:
        seconds = self.app.settings.auto_advance_seconds
        if seconds is None or not self.session.can_continue or not self.line_done or self.auto.waiting:
            return
        if self.app.top is not self:
            return  # paused under a sheet
        self.auto.start(wait_for(seconds, self.line.text))

    def _after_step(self) -> None:
        if self.session.finished:
            catch_up(self.app)  # a journal locked as the window started: this go saved now, if it is free
        show_save_note(self.app, self.play)  # saving fell behind or caught up: said once
        if self.session.finished:
            self.app.replace(self.app.scene("ending", self.play))
            return
        self._sync()
        self.focus.index = -1
        self.build()

    def _choose(self, choice_id: str) -> None:
        before = {rid: dict(m) for rid, m in self.session.mood.items()}
        chosen = next((c for c in self.session.choices if c.id == choice_id), None)
        if chosen is None:
            return
        self.words.sync()
        self.play.choose(choice_id, own_words=self.words.words if self.words.given else None)
        self.coach.made(self.app.settings, self.session, chosen)
        self.residents.mark_change(before, self.session.mood)
        self._after_step()

    def skip(self) -> None:
        """Go over lines read before, up to the next decision (or a line not read yet)."""
        self.auto.cancel()
        passed = 0
        while self.can_skip and passed < SKIP_LIMIT:
            self.play.advance()
            passed += 1
        if self.session.finished:
            self._after_step()
            return
        self._sync(whole=self.session.line in self.read)
        self.focus.index = -1
        self.build()

    def toggle_auto(self) -> None:
        settings = self.app.settings
        if settings.auto_advance == "off":
            new = settings.with_(auto_advance=getattr(self.app, "auto_advance_was", "normal"))
        else:
            self.app.auto_advance_was = settings.auto_advance
            new = settings.with_(auto_advance="off")
            self.auto.cancel()
        self.app.apply_settings(new)

    def submit_words(self, need_words: bool = False) -> None:
        """Own words typed (Enter: only once something is; the button: with or without): the options show."""
        if not self.asking or not self.words.submit(need_words):
            return
        self.manager.set_focus_set(None)
        self._sync()
        self.focus.index = -1
        self.build()

    def take_timeout(self) -> None:
        """B or the balcony button: the time-out is made (and saved), the balcony card opens over
        the same decision, which arms afresh underneath; typed own words wait in their field."""
        if not self.deciding or not self.session.timeout_available or self.panel.pending is not None:
            return
        self.auto.cancel()
        scores = self.session.timeout_scores
        before = {rid: dict(m) for rid, m in self.session.mood.items()}
        self.words.sync()
        self.manager.set_focus_set(None)  # nothing under the balcony card takes the keys
        self.play.take_timeout()
        self.residents.mark_change(before, self.session.mood)
        show_save_note(self.app, self.play)
        self.on_balcony = True
        self._sync()
        self.focus.index = -1
        self.build()
        self.app.push(self.app.scene("balcony", self.play, scores))

    def _back_from_balcony(self) -> None:
        """The same decision again; in own-words mode the field opens with what was typed before."""
        self.on_balcony = False
        self._eat_text = "b"  # B closed the card: its character is not the field's
        if self.app.settings.own_words and self.deciding:
            self.words.reopen()
            self._sync()
            self.build()

    def swallow_text(self, event: pygame.event.Event) -> bool:
        eat, self._eat_text = self._eat_text, None
        return eat is not None and str(getattr(event, "text", "")).lower() == eat

    def teardown(self) -> None:
        self.words.sync()  # what was typed outlives the widgets
        super().teardown()

    def open_mandate(self) -> None:
        self.auto.cancel()
        self.app.push(self.app.scene("mandate", self.play))

    def on_enter(self) -> None:
        if self.on_balcony:
            self._back_from_balcony()
        self._start_auto_if_due()

    def carry_over(self, old) -> None:
        if old.name == "meeting":
            self.carry_mood_change(old)

    def carry_mood_change(self, old: "MeetingScene") -> None:
        """After F5 the meeting is a new scene on the reloaded text: the arrows the old one showed
        stay when the same last choice was made again, reading what it moves in the new text.
        (An empty ``mood_delta``: no choice made on that screen yet, so no arrows to keep.)"""
        before, after = old.session.history, self.session.history
        if not old.residents.mood_delta or not after or len(after) != len(before):
            return
        made, again = before[-1], after[-1]
        if again.kind != "meeting" or (again.node_id, again.choice_id) != (made.node_id, made.choice_id):
            return
        self.residents.mark_change(again.mood_before, again.mood_after, react=False)
        if self.built:
            self.residents.refresh()

    # -- frames --------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self._eat_text = None  # only the text of the very key that closed the balcony is eaten
        chosen = self.panel.update(dt)
        if chosen is not None:
            self._choose(chosen)
            return
        if self.line.update(dt):
            self._on_line_done()
        if self.auto.update(dt):
            self.advance()
            return
        self.residents.update(dt, self.session.mood)

    def animating(self) -> bool:
        return (self.panel.animating() or self.line.animating()
                or self.residents.moving(self.session.mood))

    def moving_region(self) -> Optional[pygame.Rect]:
        """When only the residents move (no line typing, no options coming in, no drawer open) and
        the screen was drawn whole since it was built: their room, the one part the app redraws."""
        # (Options waiting to arm count time but look the same; a chosen one lights up.)
        if not self._whole or self.panel.pending is not None or self.line.animating() or self.log.open:
            return None
        return self.residents.moving_region(self.session.mood)

    def drawn_whole(self) -> None:
        self._whole = self._backdrop is not None

    def draw_background(self, surface: pygame.Surface) -> None:
        """Paper, the residents' room and the progress line: drawn once per build, then one blit a
        frame (a typing line redraws the screen every frame; a big rounded room is not free)."""
        if self._backdrop is None or self._backdrop.get_size() != surface.get_size():
            backdrop = pygame.Surface(surface.get_size(), 0, surface)  # the screen's format: a plain copy
            super().draw_background(backdrop)
            self.residents.draw_room(backdrop)
            bar = self.top_bar.progress_line
            if bar is not None and self.built:
                track = pygame.Rect(bar.as_tuple())
                pal = palette()
                pygame.draw.rect(backdrop, pal.line, track, border_radius=2)
                done = int(track.w * max(0.0, min(1.0, self.progress_fraction())))
                if done:
                    done_rect = pygame.Rect(track.x, track.y, done, track.h)
                    pygame.draw.rect(backdrop, pal.accent, done_rect, border_radius=2)
            self._backdrop = backdrop
        surface.blit(self._backdrop, (0, 0))
        self.residents.draw(surface)  # the residents on their stage, as they move

    # -- input ------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.auto.fired(event):
            if self.app.top is self:
                self.advance()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.log.open or self._on_control(event.pos):
                return False
            if self.panel.clicked_more(event.pos):
                return True
            if not self.line_done:
                self.reveal()
                return True
            if self.session.can_continue:  # click anywhere to go on
                self.advance()
                return True
        if event.type == pygame.MOUSEWHEEL and self.line.scrolls and self.line.contains(pygame.mouse.get_pos()):
            self.line.page(-1 if event.y > 0 else 1)
            return True
        return False

    def _on_control(self, pos: tuple[int, int]) -> bool:
        """Whether a click lands on something of its own: a button, an option, a scroll bar, the log."""
        for el in self.buttons:
            if el.alive() and el.visible and el.rect.collidepoint(pos):
                return True
        if self.panel.visible and self.panel.area is not None and self.panel.area.view.rect.collidepoint(pos):
            return True
        for box in (self.line.box, self.log.box, self.chat.box if self.chat_shown else None):
            bar = getattr(box, "scroll_bar", None) if box is not None else None
            if bar is not None and bar.rect.collidepoint(pos):
                return True
        if self.plan is not None and self.plan.log is not None and self.log.box is not None:
            return self.log.box.rect.collidepoint(pos)
        return False

    def _words_height(self, kit, width: int, asking: bool) -> int:
        if asking:
            return self.words.asking_height(kit, width)
        return self.words.quote_height(kit, width) if self.deciding and self.words.given else 0

    def _typing_words(self, event: pygame.event.Event) -> bool:
        """The own-words field has the keyboard: its keys are text; these few leave it."""
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit_words(need_words=True)
        elif key == pygame.K_ESCAPE:
            self.words.leave_keyboard(self.kit())
        elif key == pygame.K_TAB:
            self.words.leave_keyboard(self.kit())
            self.focus.focus_element(self.words.show_button)
        return True

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key != pygame.K_a:
            self.auto.cancel()  # the trainee is here: no going on by itself under their hands
        if self.words.typing:
            return self._typing_words(event)
        if key == pygame.K_ESCAPE and self.log.open:
            self.toggle_log()
            return True
        if key == pygame.K_l:
            self.toggle_log()
            return True
        if self.log.open:  # the drawer has the keyboard: it reads
            if key in (pygame.K_UP, pygame.K_DOWN):
                self.log.scroll(40 if key == pygame.K_DOWN else -40)
            elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.log.page(1 if key == pygame.K_PAGEDOWN else -1)
            return key != pygame.K_ESCAPE
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            # A line too long for its box scrolls first; otherwise the side log does.
            direction = 1 if key == pygame.K_PAGEDOWN else -1
            if not self.line.page(direction):
                self.log.page(direction)
            return True
        if key == pygame.K_ESCAPE:
            return False
        if key == pygame.K_m:
            self.open_mandate()
            return True
        if key == pygame.K_a:
            self.toggle_auto()
            return True
        if not self.line_done:
            self.reveal()
            return True
        if key == pygame.K_s and self.can_skip:
            self.skip()
            return True
        if key == pygame.K_b and self.deciding:
            self.take_timeout()
            return True
        if self.panel.pending is not None:
            return True
        if self.session.can_continue and key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT):
            self.advance()
            return True
        if event.unicode and event.unicode.isdigit():
            self.panel.number(int(event.unicode))
            return True
        if self.deciding and key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus.current is None:
            return True  # at a decision, Space and Enter mean nothing until an option is pointed at
        return False
