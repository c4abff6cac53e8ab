"""The debrief's first page: the trainee's own estimate, per step, before any figure.

Asks what the terminal asks (``perspective.rating_questions``): the meeting as a whole,
then every Ury step and inlevingsvermogen indicator the scenario scores, each 1 to 5,
and the two Plus-Delta sentences. Built for speed: a digit rates the focused row and
moves on, left/right nudge it, Tab and the arrows walk the rows, the mouse clicks the
figures. Every question may stay empty; "skip" stores nothing at all.

The page keeps its answers itself, so a resize or a language switch rebuilds the
widgets without losing them.
"""

from __future__ import annotations

from typing import Callable, Optional

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextEntryLine

from engine.debrief.selfrating import MAX_NOTE
from simulator.perspective import rating_intro, rating_questions, rating_scale
from simulator.window.layout import Box, gap, margins
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.scenes.common import build_buttons, esc, footer_height, heading_html, muted
from simulator.window.widgets import ScrollArea, button, button_width, oid, text_box

DIGITS = {pygame.K_1: 1, pygame.K_2: 2, pygame.K_3: 3, pygame.K_4: 4, pygame.K_5: 5,
          pygame.K_KP1: 1, pygame.K_KP2: 2, pygame.K_KP3: 3, pygame.K_KP4: 4, pygame.K_KP5: 5}
NOTES = ("plus", "delta")


class RatingPage:
    def __init__(self, scene: Scene, play: Play, done: Callable[[], None]):
        self.scene = scene  # the debrief's, which the page is drawn into
        self.play = play
        self.done = done  # called after the answers are stored (or skipped)
        self.scores: dict[str, int] = {}
        self.notes = {"plus": "", "delta": ""}
        self.digits: dict[str, list[UIButton]] = {}  # question key -> its five buttons
        self.chosen_labels: dict[str, object] = {}
        self.entries: dict[str, UITextEntryLine] = {}
        self.area: Optional[ScrollArea] = None
        self.error: Optional[str] = None
        self.eat_text: Optional[str] = None  # the character of a digit that rated a row (see swallow_text)

    # -- building ---------------------------------------------------------------------
    def build(self, col: Box, top: int) -> None:
        """The questions in a scrolling area between ``top`` and a footer of [skip] [figures]."""
        s = self.scene
        w, h = s.size
        m, g = margins(s.size), gap(s.scale)
        bh = footer_height(s)
        hint = text_box(s.manager, muted(esc(s.tr("rt_hint"))), Box(col.x, 0, col.w, 0), s.root, "#small")
        hint.set_relative_position((col.x, h - m // 2 - hint.rect.height))
        footer = Box(col.x, hint.rect.y - g // 2 - bh, col.w, bh)
        body = Box(col.x, top, col.w, max(60, footer.y - g - top))
        self.area = ScrollArea(s.manager, body, s.root)
        _, rows, _ = self.area.fill(self._build_rows)
        for key, (row_el, row_box) in rows.items():
            on_focus = (lambda b=row_box: self._show(b))
            if key in NOTES:
                s.focus.add(row_el, self.next_item, name=f"note:{key}",
                            on_focus=lambda b=row_box, k=key: (self._show(b), self._type_in(k)))
            else:
                s.focus.add(row_el, self.next_item, highlight=True, name=f"rate:{key}", on_focus=on_focus)
        build_buttons(s, [(s.tr("skip"), self.skip, None), (s.tr("rt_done"), self.finish, "#primary")], footer)

    def _build_rows(self, width: int):
        """Intro, one row per question, the two notes; returns (made, {key: (element, box)}, height)."""
        s = self.scene
        g = gap(s.scale)
        view = self.area.view  # type: ignore[union-attr]
        made: list = []
        rows: dict[str, tuple[object, Box]] = {}
        self.digits, self.chosen_labels, self.entries = {}, {}, {}
        title, _ = rating_intro(s.lang)
        scale = " · ".join(f"{n} {label}" for n, label in rating_scale(s.lang))
        intro = text_box(s.manager, heading_html(s, title) + "<br>" + esc(s.tr("rt_intro")) + "<br>"
                         + muted(esc(scale)), Box(0, 0, width, 0), view, "#body")
        made.append(intro)
        y = intro.relative_rect.bottom + g
        bh = footer_height(s)
        digit_w = max(bh, button_width(s.fonts, "5", "#option", pad=20))
        digits_w = 5 * digit_w + 4 * (g // 3)
        pad = g // 2
        group = None
        for q in rating_questions(self.play.scenario, s.lang):
            if q.group != group and q.group != "overall":
                group = q.group
                head = text_box(s.manager, heading_html(s, s.tr("ury_steps" if group == "ury" else "empathy"), "#name"),
                                Box(0, y, width, 0), view, "#name")
                made.append(head)
                y = head.relative_rect.bottom + g // 2
            beside = width - 2 * pad - digits_w - g >= min(260, width // 2)
            text_w = width - 2 * pad - (digits_w + g if beside else 0)
            value = self.scores.get(q.key)
            chosen = f"{value} · {dict(rating_scale(s.lang))[value]}" if value else s.tr("rt_not_rated")
            html = f"<font color='#1E2B33'><b>{esc(q.title)}</b></font>"
            if q.explanation:
                html += "<br>" + muted(esc(q.explanation))
            label = text_box(s.manager, html, Box(pad, y + pad, text_w, 0), view, "#small", passthrough=True,
                             starting_height=3)
            note = text_box(s.manager, f"<font color='#1D6A72'>{esc(chosen)}</font>" if value else muted(esc(chosen)),
                            Box(pad, label.relative_rect.bottom + 2, text_w, 0), view, "#small",
                            passthrough=True, starting_height=3)
            text_bottom = note.relative_rect.bottom
            dy = y + pad if beside else text_bottom + g // 2
            x0 = width - pad - digits_w if beside else pad
            buttons = []
            for n in range(1, 6):
                box = Box(x0 + (n - 1) * (digit_w + g // 3), dy, digit_w, bh)
                el = button(s.manager, str(n), box, view, "#option", starting_height=3)
                if value == n:
                    el.select()
                s.on_click(el, lambda k=q.key, v=n: self.set(k, v, advance=False))
                buttons.append(el)
            bottom = max(text_bottom, dy + bh) + pad
            row_box = Box(0, y, width, bottom - y)
            bg = button(s.manager, "", row_box, view, "#card")
            s.on_click(bg, lambda k=q.key: self.focus_row(k))
            made += [label, note, bg] + buttons
            self.digits[q.key], self.chosen_labels[q.key] = buttons, note
            rows[q.key] = (bg, row_box)
            y = bottom + g // 2
        y += g
        for key, prompt in zip(NOTES, (s.tr("rt_plus_q"), s.tr("rt_delta_q"))):
            # The field's hint sits beside the question, muted: pygame_gui draws a placeholder in the
            # colour of typed text, so one inside the field reads as an answer already given.
            lab = text_box(s.manager, f"<b>{esc(prompt)}</b>  " + muted(esc(s.tr("rt_placeholder"))),
                           Box(0, y, width, 0), view, "#name")
            entry = UITextEntryLine(pygame.Rect(0, lab.relative_rect.bottom + 4, width, bh), s.manager,
                                    container=view, object_id=oid("#body"), initial_text=self.notes[key] or None)
            entry.set_text_length_limit(MAX_NOTE)
            made += [lab, entry]
            self.entries[key] = entry
            bottom = entry.relative_rect.bottom
            rows[key] = (entry, Box(0, y, width, bottom - y))
            y = bottom + g
        if self.error:
            err = text_box(s.manager, f"<font color='#9A4A2E'>{esc(self.error)}</font>", Box(0, y, width, 0), view,
                           "#small")
            made.append(err)
            y = err.relative_rect.bottom + g
        return made, rows, y

    def _show(self, box: Box) -> None:
        if self.area is not None:
            self.area.ensure_visible(box.y, box.bottom)

    def _type_in(self, key: str) -> None:
        """Focus on a note hands the keyboard to its text field."""
        entry = self.entries.get(key)
        if entry is not None and entry.alive():
            self.scene.manager.set_focus_set(entry)

    # -- answering ----------------------------------------------------------------------
    def set(self, key: str, value: Optional[int], advance: bool = True) -> None:
        if value is None:
            self.scores.pop(key, None)
        else:
            self.scores[key] = max(1, min(5, value))
        self._refresh(key)
        if advance:
            self.next_item()
        else:
            self.focus_row(key)

    def _refresh(self, key: str) -> None:
        """Show a new answer without rebuilding (the focus and scroll position stay)."""
        s = self.scene
        value = self.scores.get(key)
        for n, el in enumerate(self.digits.get(key, ()), 1):
            el.select() if n == value else el.unselect()
        note = self.chosen_labels.get(key)
        if note is not None:
            text = f"{value} · {dict(rating_scale(s.lang))[value]}" if value else s.tr("rt_not_rated")
            note.set_text(f"<font color='#1D6A72'>{esc(text)}</font>" if value else muted(esc(text)))  # type: ignore

    def focus_row(self, key: str) -> None:
        self._focus_named(f"rate:{key}")

    def _focus_named(self, name: str) -> None:
        focus = self.scene.focus
        for i, item in enumerate(focus.items):
            if item.name == name:
                if focus.index != i:
                    focus.focus(i)
                if not name.startswith("note:"):
                    self.scene.manager.set_focus_set(None)
                return

    def next_item(self, delta: int = 1) -> None:
        focus = self.scene.focus
        focus.focus(max(0, min(len(focus.items) - 1, focus.index + delta)))
        item = focus.current
        if item is None or not item.name.startswith("note:"):
            self.scene.manager.set_focus_set(None)

    def _sync_notes(self) -> None:
        for key, entry in self.entries.items():
            self.notes[key] = entry.get_text()

    def finish(self) -> None:
        self._sync_notes()
        self.error = self.play.store_rating(dict(self.scores), self.notes["plus"], self.notes["delta"])
        self.done()

    def skip(self) -> None:
        self.play.skip_rating()
        self.done()

    # -- keys and events ------------------------------------------------------------------
    def typing(self) -> Optional[str]:
        return next((k for k, e in self.entries.items() if e.alive() and e.is_focused), None)

    def swallow_text(self, event: pygame.event.Event) -> bool:
        """A digit that rated the last row moves the focus into the Plus note; the same key's
        TEXTINPUT, which follows its KEYDOWN, must not also be typed there."""
        if self.eat_text is not None and getattr(event, "text", None) == self.eat_text:
            self.eat_text = None
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        self.eat_text = None
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        note = self.typing()
        if note is not None:  # the text field has the keyboard; only these leave it
            if key in (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN, pygame.K_KP_ENTER):
                self._sync_notes()
                self.scene.focus.focus_element(self.entries[note])
                back = key == pygame.K_UP or (key == pygame.K_TAB and shift)
                if note == "delta" and key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                    self._focus_named(self.scene.tr("rt_done"))  # Enter after the last answer: on to the figures
                else:
                    self.next_item(-1 if back else 1)
            elif key == pygame.K_ESCAPE:
                self.scene.manager.set_focus_set(None)
            return True
        item = self.scene.focus.current
        row = item.name[5:] if item is not None and item.name.startswith("rate:") else None
        digit = DIGITS.get(key) or (int(event.unicode) if event.unicode in ("1", "2", "3", "4", "5") else None)
        if row is None:
            return digit is not None  # digits mean nothing on the buttons
        if digit is not None:
            self.eat_text = event.unicode or str(digit)
            self.set(row, digit)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            now = self.scores.get(row)
            step = 1 if key == pygame.K_RIGHT else -1
            self.set(row, 3 if now is None else now + step, advance=False)  # an empty row starts mid-scale
        elif key in (pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_0, pygame.K_KP0):
            self.set(row, None, advance=False)
        else:
            return False
        return True

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            for key, entry in self.entries.items():
                if event.ui_element is entry:
                    self.notes[key] = entry.get_text()
                    return True
        if event.type == pygame.MOUSEBUTTONDOWN:  # a click in a text field moves the focus there
            for entry in self.entries.values():
                if entry.alive() and entry.rect.collidepoint(event.pos):
                    self.scene.focus.focus_element(entry)
        return False
