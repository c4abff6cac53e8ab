"""Own words first: at a decision the trainee types what they would say before any option shows.

Recognising the right answer among four is easier than finding it (and a well-written wrong
option can be recognised as wrong for the wrong reasons); typing one's own words first turns
the decision back into recall. This part owns that step at each decision:

- *asking*: a prompt, a text field and "Toon de opties" sit where the options will be. While
  the field has the keyboard, letters, digits, Space and arrows are its text — never a choice;
  Enter shows the options once something is typed (an empty Enter does nothing, so the
  visual-novel habit of pressing Enter to go on never skips the step); the button shows them
  with or without words. Esc leaves the field, Tab moves on to the button.
- *given*: the trainee's words stay quoted above the options ("Jij wilde zeggen: ...") while
  they pick the one closest to it; the screen passes the words on with the choice.

What was typed is kept here, not in the widgets, so a resize, a language switch or a time-out
on the balcony (after which the field opens again with the same words) never loses it.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import pygame
from pygame_gui.elements import UIButton, UITextBox, UITextEntryLine

from simulator.window.components import Kit
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, gap
from simulator.window.widgets import button, button_width, oid, text_box

MAX_WORDS = 500  # characters: a sentence or three, what one says at a table


def _muted(html: str) -> str:
    return f"<font color='#55636B'>{html}</font>"


class OwnWords:
    def __init__(self) -> None:
        self.key: object = None  # which decision the words belong to
        self.draft = ""
        self.given = False
        self.had_keyboard = False  # the field had the keyboard before a rebuild
        self.auto = True  # hand the field the keyboard when the decision comes (not after Esc left it)
        # widgets (rebuilt at will)
        self.entry: Optional[UITextEntryLine] = None
        self.show_button: Optional[UIButton] = None
        self.made: list[Any] = []

    # -- state ----------------------------------------------------------------------
    def at(self, key: object) -> None:
        """The decision now on screen; a new one starts with an empty field."""
        if key != self.key:
            self.key, self.draft, self.given, self.had_keyboard, self.auto = key, "", False, False, True

    @property
    def words(self) -> Optional[str]:
        """What to keep with the choice: the typed words on one line, None when nothing was typed."""
        text = " ".join(self.draft.split())
        return text or None

    def submit(self, need_words: bool = False) -> bool:
        """The trainee is done typing: the options may show. With ``need_words`` (Enter) an empty
        field is not done yet."""
        self.sync()
        if need_words and self.words is None:
            return False
        self.given, self.had_keyboard = True, False
        return True

    def reopen(self) -> None:
        """Back from the balcony: the field opens again, with what was typed before."""
        self.sync()
        self.given, self.auto = False, True

    def sync(self) -> None:
        if self.entry is not None and self.entry.alive():
            self.draft = self.entry.get_text()

    @property
    def typing(self) -> bool:
        return self.entry is not None and self.entry.alive() and self.entry.is_focused

    # -- measuring and building -------------------------------------------------------
    def asking_height(self, kit: Kit, width: int) -> int:
        g = gap(kit.scale)
        probe = text_box(kit.manager, f"<b>{html_escape(kit.tr('ow_prompt'))}</b>", Box(0, 0, width, 0), kit.root,
                         "#body")
        h = probe.rect.height
        probe.kill()
        field = self._field_height(kit)
        return h + g // 2 + field + g // 2 + self._button_height(kit)

    def quote_height(self, kit: Kit, width: int) -> int:
        if self.words is None:
            return 0
        probe = text_box(kit.manager, self._quote_html(kit), Box(0, 0, width, 0), kit.root, "#small")
        h = probe.rect.height
        probe.kill()
        return h

    @staticmethod
    def _field_height(kit: Kit) -> int:
        return kit.fonts.line_height("#body") + 16

    @staticmethod
    def _button_height(kit: Kit) -> int:
        return kit.fonts.line_height("#quiet") + 14

    def _quote_html(self, kit: Kit) -> str:
        return (f"<b>{html_escape(kit.tr('ow_you_meant'))}:</b> <i>“{html_escape(self.words or '')}”</i> "
                + _muted(f"— {html_escape(kit.tr('ow_pick'))}"))

    def build_asking(self, kit: Kit, box: Box, submit: Callable[[], None]) -> None:
        """The prompt, the field and the button, in ``box`` (as tall as ``asking_height``)."""
        self.teardown()
        g = gap(kit.scale)
        prompt = text_box(kit.manager, f"<b>{html_escape(kit.tr('ow_prompt'))}</b>", Box(box.x, box.y, box.w, 0),
                          kit.root, "#body")
        y = prompt.relative_rect.bottom + g // 2
        entry = UITextEntryLine(pygame.Rect(box.x, y, box.w, self._field_height(kit)), kit.manager,
                                container=kit.root, object_id=oid("#body"))
        entry.set_text_length_limit(MAX_WORDS)
        if self.draft:
            entry.set_text(self.draft[:MAX_WORDS])  # (unlike ``initial_text``) puts the cursor after it
        y = entry.relative_rect.bottom + g // 2
        label = kit.tr("ow_show")
        bh = self._button_height(kit)
        bw = min(box.w, button_width(kit.fonts, label, "#quiet"))
        show = button(kit.manager, label, Box(box.right - bw, y, bw, bh), kit.root, "#primary")
        kit.on_click(show, submit)
        hint = text_box(kit.manager, _muted(html_escape(kit.tr("ow_hint"))), Box(box.x, y, max(40, box.w - bw - g), 0),
                        kit.root, "#small")
        hint.set_relative_position((box.x, y + (bh - hint.rect.height) // 2))
        kit.focus.add(entry, self.take_keyboard_action(kit), name="own_words")
        kit.focus.add(show, submit, name="ow_show")
        self.entry, self.show_button = entry, show
        self.made = [prompt, entry, show, hint]

    def take_keyboard_action(self, kit: Kit) -> Callable[[], None]:
        return lambda: self.take_keyboard(kit)

    def take_keyboard(self, kit: Kit) -> None:
        """Hand the keyboard to the field (the cursor at the end of what is there)."""
        if self.entry is not None and self.entry.alive():
            kit.manager.set_focus_set(self.entry)
            if self.entry.edit_position == 0 and self.entry.get_text():
                self.entry.set_text(self.entry.get_text())  # typing goes on after what is there
            self.had_keyboard = True

    def leave_keyboard(self, kit: Kit) -> None:
        self.sync()
        self.had_keyboard = self.auto = False
        if self.typing:
            kit.manager.set_focus_set(None)

    def build_quote(self, kit: Kit, box: Box) -> Optional[UITextBox]:
        """The trainee's words above the options."""
        self.teardown()
        if self.words is None:
            return None
        quote = text_box(kit.manager, self._quote_html(kit), Box(box.x, box.y, box.w, 0), kit.root, "#small")
        self.made = [quote]
        return quote

    def show(self, visible: bool) -> None:
        """Hidden while the line still types (nothing to answer yet)."""
        for el in self.made:
            if el.alive():
                el.show() if visible else el.hide()

    def teardown(self) -> None:
        self.sync()
        self.entry, self.show_button, self.made = None, None, []
