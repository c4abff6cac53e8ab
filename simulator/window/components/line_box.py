"""What is being said now, in a visual-novel text box: the speaker's name, the line typing itself out.

The box remembers which line of the transcript it shows and how far it has typed, so a
rebuild (a resize, a language switch) carries on where it was; a new line starts typing
from the beginning, and a line that was already read (a resumed meeting, a skip) shows
whole. Any key or click shows the rest of a line at once; the screen decides what a key
or click means after that. A line taller than the room the screen could give it scrolls
inside the box: it follows the typing, and PgUp/PgDn (or the wheel) read it.

When the line leads on rather than to a decision, a "Verder" button sits in the box's
bottom right corner, as the visual novel's "click to go on" mark does.

The head says how the line arrives (``media``): a name, "· in de chat", "· aan de
telefoon", or an e-mail's "E-mail  Van: ... · Aan: jij" over its body; above it, in small
italics, what the room did right before (a group reaction's text). Where the box is tight
both lead the text instead.
"""

from __future__ import annotations

from typing import Callable, Optional

import pygame
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from engine.scenario.model import NARRATOR
from simulator.window.components import Kit
from simulator.window.components.media import head_html, lead_text, muted
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, gap
from simulator.window.widgets import Typewriter, button, button_width, oid, scroll_text_box, text_box

DONE = 1e9  # "revealed" for a line shown whole
SLACK = 6  # px a fixed-height text box needs beyond the height the same text grows a box to


class LineBox:
    def __init__(self, resumed: bool = False):
        self.index: Optional[int] = None  # the transcript entry shown
        self.revealed = 0.0  # typewriter progress (kept across rebuilds)
        self._first_whole = resumed  # a resumed meeting shows its current line whole
        self.speaker_name = ""
        self.text = ""
        self.narrated = False
        self.channel = "spoken"  # how the line arrives (a node's channel)
        self.note = ""  # what the room did right before this line (group reactions' texts)
        self._heads: dict[int, tuple[int, int]] = {}  # width -> (the note's height, the name's height)
        # widgets
        self.panel: Optional[UIPanel] = None
        self.box: Optional[UITextBox] = None
        self.typewriter: Optional[Typewriter] = None
        self.continue_button: Optional[UIButton] = None
        self.rect: Optional[Box] = None
        self._measured: dict[bool, int] = {}  # the text's height as last measured (tight or not)

    # -- the line --------------------------------------------------------------------------
    def show_line(self, index: Optional[int], speaker_name: str, text: str, narrated: bool,
                  whole: bool = False, channel: str = "spoken", note: str = "") -> None:
        """The line at transcript ``index``; a different line than before starts typing again.
        ``channel``: how it arrives; ``note``: what the room did right before it."""
        if index != self.index:
            self.index = index
            self.revealed = DONE if (whole or self._first_whole) else 0.0
        elif whole:
            self.revealed = DONE
        self._first_whole = False
        self.speaker_name, self.text, self.narrated = speaker_name, text, narrated
        self.channel, self.note = channel, note
        self._heads = {}

    def done(self, chars_per_second: Optional[float]) -> bool:
        if self.typewriter is not None:
            return self.typewriter.done
        return self.revealed >= DONE / 10 or not chars_per_second

    # -- measuring ------------------------------------------------------------------------
    def _html(self, kit: Kit, tight: bool = False) -> str:
        text = html_escape(self.text)
        text = f"<i>{text}</i>" if self.narrated else text
        if not tight:  # a mail reads as a document: at body size, so a longer one fits
            return f"<font pixel_size={kit.fonts.size_of('#body')}>{text}</font>" if self.channel == "email" else text
        if self.speaker_name and not self.narrated:  # the name leads the text, on its line
            lead = lead_text(self.channel, self.speaker_name, kit.tr)
            text = f"<font color='#1D6A72'><b>{html_escape(lead)}</b></font> {text}"
        if self.note:
            text = f"{muted('<i>' + html_escape(self.note) + '</i>')} {text}"
        return f"<font pixel_size={kit.fonts.size_of('#body')}>{text}</font>"

    def _note_html(self) -> str:
        return muted(f"<i>{html_escape(self.note)}</i>")

    def _name_html(self, kit: Kit) -> Optional[str]:
        if self.narrated or not self.speaker_name:
            return None
        return head_html(self.channel, self.speaker_name, kit.tr)

    def _pad(self, kit: Kit, tight: bool = False) -> int:
        return gap(kit.scale) // 2 if tight else gap(kit.scale)

    def _measure_head(self, kit: Kit, width: int) -> tuple[int, int]:
        """(the note's height, the name's height) at this inner width, measured once per line."""
        known = self._heads.get(width)
        if known is None:
            heights = []
            for html, key in ((self._note_html() if self.note else None, "#small"), (self._name_html(kit), "#name")):
                if html is None:
                    heights.append(0)
                    continue
                probe = text_box(kit.manager, html, Box(0, 0, max(40, width), 0), kit.root, key)
                heights.append(probe.rect.height + 4)
                probe.kill()
            known = self._heads[width] = (heights[0], heights[1])
        return known

    def _head_h(self, kit: Kit, tight: bool = False, width: int = 0) -> int:
        if tight:
            return 0
        if not width:  # before any measure: one line of the name, as a line without a head note has
            return 0 if self.narrated or not self.speaker_name else kit.fonts.line_height("#name") + 4
        return sum(self._measure_head(kit, width))

    @staticmethod
    def _text_id(tight: bool) -> str:
        """The font the line's rows are measured by (tight: the speech box at body size)."""
        return "#body" if tight else "#speech"

    def _button_h(self, kit: Kit, with_continue: bool) -> int:
        return kit.fonts.line_height("button") + 14 if with_continue else 0

    def heights(self, kit: Kit, width: int, with_continue: bool) -> tuple[int, int, int]:
        """(wanted, readable, least): the whole line as it is best read; a name and two lines
        of it that scroll; and, tight, two lines at body size with the name leading them."""
        out = []
        for tight in (False, True):
            pad = self._pad(kit, tight)
            probe = text_box(kit.manager, self._html(kit, tight), Box(0, 0, max(40, width - 2 * pad), 0), kit.root,
                             "#speech")
            text_h = probe.rect.height + SLACK  # a fixed-height box needs a little more than a growing one
            probe.kill()
            self._measured[tight] = text_h
            extra = 2 * pad + self._head_h(kit, tight, width - 2 * pad) + self._button_h(kit, with_continue)
            two = 2 * int(kit.fonts.line_height(self._text_id(tight)) * 1.15) + 4
            out.append((text_h + extra, min(text_h, two) + extra))
        (wanted, readable), (_, least) = out
        return wanted, min(readable, wanted), min(least, readable, wanted)

    # -- widgets ------------------------------------------------------------------------------
    def build(self, kit: Kit, box: Box, chars_per_second: Optional[float], with_continue: bool,
              on_continue: Callable[[], None], continue_label: str, readable: int = 0) -> None:
        """The box; below its ``readable`` height it goes tight (body size, the name on the text's line)."""
        self.rect = box
        tight = box.h < readable
        pad = self._pad(kit, tight)
        sheet = self.narrated or self.channel == "email"  # narration and a mail read as paper, not speech
        self.panel = UIPanel(pygame.Rect(box.as_tuple()), starting_height=1, manager=kit.manager, container=kit.root,
                             object_id=oid("#sheet" if sheet else None))
        y = box.y + pad
        if not tight and self.note:  # what the room did right before: small, above the name
            note = text_box(kit.manager, self._note_html(), Box(box.x + pad, y, box.w - 2 * pad, 0), kit.root,
                            "#small", starting_height=3)
            y = note.rect.bottom + 4
        name_html = None if tight else self._name_html(kit)
        if name_html is not None:
            name = text_box(kit.manager, name_html, Box(box.x + pad, y, box.w - 2 * pad, 0), kit.root, "#name",
                            starting_height=3)
            y = name.rect.bottom + 4
        bottom = box.bottom - pad - self._button_h(kit, with_continue)
        inner_h = max(kit.fonts.line_height(self._text_id(tight)), bottom - y)
        where = Box(box.x + pad, y, box.w - 2 * pad, inner_h)
        self.box = text_box(kit.manager, self._html(kit, tight), where, kit.root, "#speech", wrap=False,
                            starting_height=3)
        step = round(kit.fonts.line_height(self._text_id(tight)) * 1.15)
        whole = max(step, inner_h // step * step + 2)
        scrolls = inner_h < self._measured.get(tight, 0) - SLACK
        if self.box.scroll_bar is not None and scrolls and whole < inner_h:  # a line that scrolls shows whole rows
            self.box.kill()
            self.box = text_box(kit.manager, self._html(kit, tight), where.with_height(whole), kit.root, "#speech",
                                wrap=False, starting_height=3)
        self.typewriter = Typewriter(self.box, chars_per_second)
        if self.revealed >= self.typewriter.total:
            self.typewriter.finish()
        elif self.revealed > 0:
            self.typewriter.seek(self.revealed)
        self.continue_button = None
        if with_continue:
            bw = button_width(kit.fonts, continue_label, "#primary")
            bh = self._button_h(kit, True) - 4
            self.continue_button = button(kit.manager, continue_label,
                                          Box(box.right - pad - bw, box.bottom - pad - bh, bw, bh), kit.root,
                                          "#primary", starting_height=3)
            kit.on_click(self.continue_button, on_continue)
            kit.focus.add(self.continue_button, on_continue, name="continue")
            self.show_continue(self.done(chars_per_second))

    def show_continue(self, visible: bool) -> None:
        b = self.continue_button
        if b is not None and b.alive():
            b.show() if visible else b.hide()

    def teardown(self) -> None:
        self.panel = self.box = self.typewriter = self.continue_button = None

    # -- time -----------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Type on; True when the line just became complete."""
        tw = self.typewriter
        if tw is None or tw.done:
            return False
        finished = tw.update(dt)
        self.revealed = DONE if finished else tw.shown
        if not finished:
            self._follow()
        return finished

    def reveal(self) -> bool:
        """Show the whole line at once; True if it wasn't yet."""
        tw = self.typewriter
        self.revealed = DONE
        if tw is not None and not tw.done:
            tw.finish()
            return True
        return False

    def animating(self) -> bool:
        return self.typewriter is not None and not self.typewriter.done

    def _follow(self) -> None:
        """A line taller than its box scrolls along as it is typed."""
        box, tw = self.box, self.typewriter
        if box is None or tw is None or box.scroll_bar is None or not tw.total:
            return
        bar = box.scroll_bar
        wanted = max(0.0, min(1.0 - bar.visible_percentage, tw.shown / tw.total - bar.visible_percentage))
        if wanted > bar.start_percentage + 0.01:
            scroll_text_box(box, int((wanted - bar.start_percentage) * box.text_box_layout.layout_rect.height))

    @property
    def scrolls(self) -> bool:
        return self.box is not None and self.box.alive() and self.box.scroll_bar is not None

    def page(self, direction: int) -> bool:
        """PgDn (+1) or PgUp (-1) through a line too long for its box; False when it fits."""
        if not self.scrolls:
            return False
        assert self.box is not None
        step = max(40, self.box.rect.height - 40)
        scroll_text_box(self.box, step * direction)
        return True

    def contains(self, pos: tuple[int, int]) -> bool:
        return self.rect is not None and pygame.Rect(self.rect.as_tuple()).collidepoint(pos)


def line_speaker(scenario, speaker: str) -> str:
    """The name shown above a line (empty for the narrator)."""
    if speaker == NARRATOR:
        return ""
    try:
        return scenario.resident(speaker).name
    except KeyError:
        return speaker
