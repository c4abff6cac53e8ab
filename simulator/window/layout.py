"""Where things go: pure functions over sizes, testable without a window.

Every screen asks these functions for its boxes, given the window size, the text scale
and the measured heights of its texts. Nothing here imports pygame: a ``measure``
function (text -> width in pixels) is passed in where text has to be wrapped, so the
tests can use a fake one and the window uses the real font.

The promise these functions keep (and the tests check): boxes lie inside the window,
siblings don't overlap, and text is only ever wrapped at spaces (or, for a word longer
than the line, between characters) — never cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

Measure = Callable[[str], int]

MIN_WINDOW = (800, 600)
SIDE_LOG_MIN_WIDTH = 1600  # below this the meeting's transcript is a drawer behind L
DESIGN_HEIGHT = 720  # the window height the theme's font sizes are written for


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def center(self) -> tuple[int, int]:
        return (self.x + self.w // 2, self.y + self.h // 2)

    def inset(self, dx: int, dy: Optional[int] = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, max(0, self.w - 2 * dx), max(0, self.h - 2 * dy))

    def contains(self, other: "Box") -> bool:
        return (other.x >= self.x and other.y >= self.y
                and other.right <= self.right and other.bottom <= self.bottom)

    def overlaps(self, other: "Box") -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def moved(self, dx: int = 0, dy: int = 0) -> "Box":
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def with_height(self, h: int) -> "Box":
        return Box(self.x, self.y, self.w, max(0, h))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.w, self.h)


def clamp(value: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, value))


# -- text ---------------------------------------------------------------------------
def wrap_text(text: str, width: int, measure: Measure) -> list[str]:
    """Greedy word wrap; explicit newlines are kept; a too-long word is split by characters."""
    if width <= 0:
        return [text] if text else [""]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        current = ""
        for word in words:
            candidate = word if not current else f"{current} {word}"
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            # The word alone may still be too long: split it between characters.
            while word and measure(word) > width:
                cut = _longest_prefix(word, width, measure)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def _longest_prefix(word: str, width: int, measure: Measure) -> int:
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(word[:mid]) <= width:
            lo = mid
        else:
            hi = mid - 1
    return max(1, lo)


# -- general placement --------------------------------------------------------------
def margins(size: tuple[int, int], scale: float = 1.0) -> int:
    """The outer margin: a little wider on big windows, never wider than 56 px."""
    w, _ = size
    return int(clamp(w * 0.03, 16, 56))


def height_factor(height: int) -> float:
    """How much bigger than the theme's sizes text is drawn in a window this tall.

    Text follows the window height (a 1080-line screen gets larger text, an 800x600 window
    a little smaller) on top of the trainee's own text size, in steps of 0.05 so that
    dragging a window's edge rebuilds the fonts only now and then."""
    raw = 1.0 + 0.8 * (height / DESIGN_HEIGHT - 1.0)
    return round(clamp(raw, 0.85, 1.7) * 20) / 20


def gap(scale: float = 1.0) -> int:
    return int(round(12 * clamp(scale, 1.0, 1.6)))


def stack(heights: Sequence[int], x: int, y: int, w: int, spacing: int) -> list[Box]:
    """Boxes of the given heights, one below the other."""
    out = []
    for h in heights:
        out.append(Box(x, y, w, h))
        y += h + spacing
    return out


def row(n: int, x: int, w: int, spacing: int, max_item: Optional[int] = None) -> list[tuple[int, int]]:
    """``n`` equal widths side by side within ``w`` (centred when capped): (x, width) pairs."""
    if n <= 0:
        return []
    item = (w - spacing * (n - 1)) // n
    if max_item is not None:
        item = min(item, max_item)
    total = item * n + spacing * (n - 1)
    start = x + (w - total) // 2
    return [(start + i * (item + spacing), item) for i in range(n)]


def grid_columns(width: int, min_card: int, max_columns: int = 3) -> int:
    """How many cards of at least ``min_card`` px fit next to each other."""
    return int(clamp(width // max(1, min_card), 1, max_columns))


def grid(heights: Sequence[int], columns: int, x: int, y: int, w: int, spacing: int) -> list[Box]:
    """Cards row by row; each row as tall as its tallest card."""
    cols = row(columns, x, w, spacing)
    out: list[Box] = []
    top = y
    for start in range(0, len(heights), columns):
        chunk = heights[start:start + columns]
        tallest = max(chunk)
        for i, _ in enumerate(chunk):
            cx, cw = cols[i]
            out.append(Box(cx, top, cw, tallest))
        top += tallest + spacing
    return out


def centered(outer: Box, w: int, h: int) -> Box:
    w, h = min(w, outer.w), min(h, outer.h)
    return Box(outer.x + (outer.w - w) // 2, outer.y + (outer.h - h) // 2, w, h)


def readable_width(available: int, scale: float = 1.0) -> int:
    """Long text reads best at 60-80 characters a line: cap the column width."""
    return int(min(available, 860 * clamp(scale, 1.0, 1.6)))


# -- screens ------------------------------------------------------------------------
@dataclass(frozen=True)
class Frame:
    """A standard screen: a header, a body (scrolls when needed) and a footer of buttons."""

    header: Box
    body: Box
    footer: Box


def frame(size: tuple[int, int], header_h: int, footer_h: int, scale: float = 1.0,
          column: bool = True) -> Frame:
    w, h = size
    m = margins(size, scale)
    g = gap(scale)
    inner_w = w - 2 * m
    if column:
        col = readable_width(inner_w, scale)
        x = m + (inner_w - col) // 2
    else:
        col, x = inner_w, m
    header = Box(x, m, col, header_h)
    footer = Box(x, h - m - footer_h, col, footer_h)
    body_top = header.bottom + g
    body = Box(x, body_top, col, max(0, footer.y - g - body_top))
    return Frame(header, body, footer)


def button_row(labels_w: Sequence[int], box: Box, spacing: int, align: str = "right") -> list[Box]:
    """Buttons of the given widths in one row, right- (or left-) aligned in ``box``.

    If they don't fit, every button shrinks equally to share the row (their text is
    then wrapped by the caller's measurement of the narrower width)."""
    n = len(labels_w)
    if n == 0:
        return []
    total = sum(labels_w) + spacing * (n - 1)
    widths = list(labels_w)
    if total > box.w:
        each = (box.w - spacing * (n - 1)) // n
        widths = [each] * n
        total = each * n + spacing * (n - 1)
    x = box.right - total if align == "right" else box.x
    if align == "center":
        x = box.x + (box.w - total) // 2
    out = []
    for bw in widths:
        out.append(Box(x, box.y, bw, box.h))
        x += bw + spacing
    return out


@dataclass(frozen=True)
class BarChartRow:
    label: Box
    track: Box
    value: Box


def bar_chart_rows(width: int, label_heights: Sequence[int], value_w: int, bar_h: int,
                   spacing: int, label_frac: float = 0.45) -> list[BarChartRow]:
    """Rows of a horizontal bar chart: wrapped label, bar track, the figures to the right."""
    label_w = int(width * label_frac)
    track_x = label_w + spacing
    track_w = max(40, width - track_x - spacing - value_w)
    out = []
    y = 0
    for lh in label_heights:
        rh = max(lh, bar_h)
        label = Box(0, y, label_w, lh)
        track = Box(track_x, y + (rh - bar_h) // 2, track_w, bar_h)
        value = Box(track.right + spacing, y, value_w, rh)
        out.append(BarChartRow(label, track, value))
        y += rh + spacing
    return out


def fraction_to_px(value: float, lo: float, hi: float, width: int) -> int:
    if hi <= lo:
        return 0
    return int(round(clamp((value - lo) / (hi - lo), 0.0, 1.0) * width))


def scroll_to_show(item_top: int, item_bottom: int, view_h: int, content_h: int, current: int) -> int:
    """The scroll offset (0..content_h-view_h) that shows the item, moving as little as possible.

    An item taller than the view shows its top: a card's title matters more than its end."""
    max_offset = max(0, content_h - view_h)
    offset = current
    if item_bottom - item_top > view_h:
        offset = item_top
    elif item_top < offset:
        offset = item_top
    elif item_bottom > offset + view_h:
        offset = item_bottom - view_h
    return int(clamp(offset, 0, max_offset))
