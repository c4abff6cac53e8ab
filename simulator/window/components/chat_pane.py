"""The chat column of an online meeting: the messages typed so far, beside the residents.

An online meeting (stage ``online``), or any meeting once a ``chat`` line was said, gives
part of the residents' room to a column with the chat's messages, newest at the bottom
(``media.chat_parts``). The residents' room is what gives way first in the meeting's plan,
so the column never takes room from the line or the options; where the room is too low
to hold a few messages (a small window, large text), there is no column and the line box
still says "in de chat" while the transcript keeps every message.
"""

from __future__ import annotations

from typing import Optional, Sequence

from pygame_gui.elements import UITextBox

from simulator.window.components import Kit
from simulator.window.components.media import muted
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, clamp, gap
from simulator.window.widgets import scroll_text_box, text_box

MIN_LINES = 3  # the column needs room for its heading and about this many lines of messages


class ChatPane:
    def __init__(self) -> None:
        self.box: Optional[UITextBox] = None
        self.heading: Optional[UITextBox] = None
        self.area: Optional[Box] = None
        self.shown = 0  # how many messages the text box holds

    @staticmethod
    def width(kit: Kit, room_w: int) -> int:
        """The column's width in a room ``room_w`` wide: about a third, readable, never most of it."""
        least = int(210 * min(kit.scale, 1.5))
        return int(min(room_w * 0.45, clamp(room_w * 0.3, least, 460 * min(kit.scale, 1.5))))

    @staticmethod
    def fits(kit: Kit, height: int) -> bool:
        return height >= kit.fonts.line_height("#name") + 8 + MIN_LINES * kit.fonts.line_height("#log") + 24

    def build(self, kit: Kit, box: Box, parts: Sequence[str]) -> None:
        self.area = box
        self.heading = text_box(kit.manager, f"<b>{html_escape(kit.tr('chat_title'))}</b>",
                                Box(box.x, box.y, box.w, 0), kit.root, "#name")
        top = self.heading.rect.bottom + 4
        lb = Box(box.x, top, box.w, max(40, box.bottom - top))
        self.box = text_box(kit.manager, self._html(kit, parts), lb, kit.root, "#log", wrap=False)
        self.to_end()

    def _html(self, kit: Kit, parts: Sequence[str]) -> str:
        self.shown = len(parts)
        if not parts:
            return muted(html_escape(kit.tr("chat_empty")))
        return "<br><br>".join(parts)

    def refresh(self, kit: Kit, parts: Sequence[str]) -> None:
        """Add the messages said since the last look."""
        box = self.box
        if box is None or not box.alive():
            return
        if self.shown == 0 or len(parts) < self.shown:
            box.set_text(self._html(kit, parts))
        elif len(parts) > self.shown:
            box.append_html_text("<br><br>" + "<br><br>".join(parts[self.shown:]))
            self.shown = len(parts)
        else:
            return
        self.to_end()

    def to_end(self) -> None:
        box = self.box
        if box is not None and box.scroll_bar is not None:
            scroll_text_box(box, 10 ** 7)

    def contains(self, pos: tuple[int, int]) -> bool:
        return self.box is not None and self.box.alive() and self.box.rect.collidepoint(pos)

    @property
    def texts(self) -> str:
        return self.box.html_text if self.box is not None and self.box.alive() else ""

    def teardown(self) -> None:
        self.box = self.heading = None
        self.area = None


def split_room(kit: Kit, room: Box) -> tuple[Box, Box]:
    """The residents' part of the room and the chat column's, side by side."""
    g = gap(kit.scale)
    w = ChatPane.width(kit, room.w)
    return Box(room.x, room.y, room.w - w - g, room.h), Box(room.right - w, room.y, w, room.h)
