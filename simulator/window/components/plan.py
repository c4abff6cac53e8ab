"""Where the meeting's parts go: a pure function over heights, testable without a window.

Top to bottom: the top bar, the residents in their room, the line box, the options
panel, the keys line; on a window at least ``SIDE_LOG_MIN_WIDTH`` wide the transcript
has a column of its own on the right. The options come first: the panel gets the room
its options need at the screen's body size whenever that is at all possible, and the
others give way, in this order —
1. the residents' cards get smaller (full, compact, a row of small faces);
2. the line box shrinks to a name and two lines of the line, which then scrolls;
3. the residents leave the screen (the line box still names the speaker), and the line
   box goes tight: two lines at body size with the name leading them.
Only then does the panel get less than it asked for, and it shrinks its font to fit
(``ChoicesPanel``). Room left over goes to the residents' room, so the line box and the
options sit low, as in a visual novel, and nothing jumps while a line types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from simulator.window.layout import SIDE_LOG_MIN_WIDTH, Box, clamp, gap, margins


@dataclass(frozen=True)
class MeetingPlan:
    top_bar: Box
    room: Box  # the residents' room (height 0 when they had to leave)
    shape: Optional[str]  # the residents' card shape, None when they left
    line: Box
    panel: Box  # the options (or the coach card); height 0 when there is nothing
    hint: Box
    log: Optional[Box]  # the transcript's column, or None: a drawer behind L

    @property
    def body(self) -> Box:
        return Box(self.room.x, self.room.y, self.room.w, self.hint.y - self.room.y)


def columns(size: tuple[int, int], scale: float) -> tuple[Box, Optional[Box]]:
    """The main column and the transcript's column (None below ``SIDE_LOG_MIN_WIDTH``), full height."""
    w, h = size
    m, g = margins(size), gap(scale)
    if w >= SIDE_LOG_MIN_WIDTH:
        log_w = int(clamp(w * 0.24, 320, 560))
        return Box(m, 0, w - 2 * m - log_w - 2 * g, h), Box(w - m - log_w, 0, log_w, h)
    return Box(m, 0, w - 2 * m, h), None


def plan_meeting(size: tuple[int, int], scale: float, top_h: int, hint_h: int,
                 residents: Sequence[tuple[str, int]], line: tuple[int, int, int], panel: int) -> MeetingPlan:
    """``residents``: each card shape with its row's height, largest first; ``line``: the line
    box's wanted, readable and least height (``LineBox.heights``); ``panel``: what the options
    need at their preferred size (0: none)."""
    w, h = size
    m, g = margins(size), gap(scale)
    main, side = columns(size, scale)
    top = Box(main.x, m // 2, main.w if side is not None else w - 2 * m, top_h)
    body_top = top.bottom + g
    hint = Box(main.x, h - m // 2 - hint_h, main.w, hint_h)
    body_bottom = hint.y - g // 2
    avail = max(0, body_bottom - body_top)
    log = Box(side.x, body_top, side.w, max(0, h - m // 2 - body_top)) if side is not None else None
    wanted, readable, least = line
    readable, least = min(readable, wanted), min(least, readable, wanted)
    below = panel + (g if panel else 0)  # the options and the gap above them

    shape: Optional[str] = None
    line_h = -1
    for name, rh in residents:  # 1. smaller residents, the whole line
        if rh + g + wanted + below <= avail:
            shape, line_h = name, wanted
            break
    if line_h < 0 and residents:  # 2. the smallest residents, the line readable (it scrolls)
        name, rh = residents[-1]
        rest = avail - rh - g - below
        if rest >= readable:
            shape, line_h = name, min(wanted, rest)
    if line_h < 0 and avail - below >= least:  # 3. no residents: the line gets what is left
        line_h = min(wanted, avail - below)
    panel_h = panel
    if line_h < 0:  # 4. the options can't have all they asked for: they shrink their font
        line_h = least
        panel_h = max(0, avail - least - (g if panel else 0))
        if panel and panel_h < least:  # a window too small even for that: share what there is
            line_h = panel_h = max(0, (avail - g) // 2)
    rh = dict(residents).get(shape, 0) if shape else 0
    panel_box = Box(main.x, body_bottom - panel_h, main.w, panel_h)
    line_box = Box(main.x, panel_box.y - (g if panel else 0) - line_h, main.w, line_h)
    room = Box(main.x, body_top, main.w, max(rh, line_box.y - g - body_top) if shape else 0)
    return MeetingPlan(top, room, shape, line_box, panel_box, hint, log)
