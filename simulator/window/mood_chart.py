"""The mood timeline in the window's debrief: ``mood_timeline.Timeline`` drawn with pygame.

The same picture as the HTML report's (``mood_timeline.timeline_svg``): a panel per mood
variable with a line per resident, the decisions' numbers along the bottom, the best
moves, mistakes and missed opportunities marked below them, and a legend. It scales with
the width it gets and the text size, and lists its texts for the screen tests.
"""

from __future__ import annotations

from typing import Any, Optional

import pygame

from simulator.mood_timeline import MARK_COLOURS, MARKS, RESIDENT_COLOURS, Timeline, mark_label, word
from simulator.window.charts import Chart
from simulator.window.glyphs import drawable
from simulator.window.layout import Box
from simulator.window.theme import palette
from simulator.window.widgets import Fonts

MISSED_BELOW = 3  # mark radii between a move's mark and the missed opportunity's below it: they never touch
MARK_ROWS = 2 + MISSED_BELOW
PANEL_LEAST = 60  # px at scale 1: a panel lower than this hides how the lines move


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    c = pygame.Color(hex_colour)
    return (c.r, c.g, c.b)


def mood_chart(review: Any, lang: str, fonts: Fonts, width: int, scale: float = 1.0,
               fit: Optional[int] = None) -> Chart:
    return timeline_chart(Timeline.from_review(review, lang), lang, fonts, width, scale, fit)


def timeline_chart(tl: Timeline, lang: str, fonts: Fonts, width: int, scale: float = 1.0,
                   fit: Optional[int] = None) -> Chart:
    """The chart ``width`` wide; with ``fit``, its panels lower (to a least height) so that the whole
    chart fits that many pixels: a trainer on a projector sees all of it at once."""
    small = fonts.for_key("#small")
    bold = fonts.for_key("#small", "bold")
    lh = fonts.line_height("#small")
    pad = max(6, int(8 * scale))
    axis_w = max(small.size(str(v.maximum))[0] for v in tl.variables) + pad if tl.variables else pad
    panel_h = int(max(90, 110 * scale))
    mark_r = max(4, int(5 * scale))
    legend_rows = _legend_rows(tl, lang, fonts, width, pad, mark_r)
    label_h = lh + lh // 2  # the panel's name, and room for its top value's label below it
    marks_h = MARK_ROWS * mark_r  # a best move or mistake on one row, a missed opportunity below it
    below = pad + lh // 2  # under a panel: its bottom value's label reaches half a line below it
    rest = (len(tl.variables) * (label_h + below) + lh + pad + marks_h + pad
            + len(legend_rows) * (lh + pad // 2) + pad)
    if fit is not None and tl.variables:
        panel_h = max(int(PANEL_LEAST * scale), min(panel_h, (fit - rest) // len(tl.variables)))
    height = rest + len(tl.variables) * panel_h
    surf = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
    texts: list[tuple[str, Box, Box]] = []
    whole = Box(0, 0, width, height)

    def put(text: str, font: pygame.font.Font, colour, x: float, y: float, anchor: str = "left") -> int:
        text = drawable(text)
        img = font.render(text, True, colour)
        if anchor == "center":
            x -= img.get_width() / 2
        elif anchor == "right":
            x -= img.get_width()
        x = max(0, min(width - img.get_width(), int(x)))
        surf.blit(img, (x, int(y)))
        texts.append((text, Box(x, int(y), img.get_width(), img.get_height()), whole))
        return img.get_width()

    n = tl.points
    left, right = axis_w + pad, width - pad
    step = (right - left) / max(1, n - 1)

    def x_of(i: int) -> float:
        return left + i * step if n > 1 else (left + right) / 2

    # Thin the step numbers when they would touch: every k-th, and always the last.
    label_w = max([small.size(word("start", lang))[0]] + [small.size(str(s))[0] for s in tl.steps]) + pad
    every = max(1, int(label_w // max(1.0, step)) + 1)
    y = 0
    for var in tl.variables:
        put(var.label, bold, palette().ink, 0, y)
        y += label_h
        span = max(1, var.maximum - var.minimum)

        def y_of(v: float, top: int = y, low: int = var.minimum, range_: int = span) -> float:
            return top + panel_h - (v - low) / range_ * panel_h

        for v in sorted({var.minimum, (var.minimum + var.maximum) // 2, var.maximum}):
            gy = y_of(v)
            pygame.draw.line(surf, palette().line, (left, gy), (right, gy), 1)
            put(str(v), small, palette().muted, axis_w, gy - lh / 2, "right")
        for k, (rid, _) in enumerate(tl.residents):
            colour = _rgb(RESIDENT_COLOURS[k % len(RESIDENT_COLOURS)])
            nudge = (k - (len(tl.residents) - 1) / 2) * max(1.0, 1.5 * scale)  # equal lines side by side
            pts = [(x_of(i), y_of(v) + nudge) for i, v in enumerate(tl.values[rid][var.key])]
            if len(pts) > 1:
                pygame.draw.lines(surf, colour, False, pts, max(2, int(2.5 * scale)))
            for p in pts:
                pygame.draw.circle(surf, colour, p, max(2, int(3 * scale)))
        y += panel_h + below
    for i in range(n):
        if i % every and i != n - 1:
            continue
        put(word("start", lang) if i == 0 else str(tl.steps[i - 1]), small, palette().muted, x_of(i), y, "center")
    y += lh + pad // 2
    for i, kind in tl.marks:
        draw_mark(surf, kind, (int(x_of(i)), y + mark_r + (MISSED_BELOW * mark_r if kind == "missed" else 0)), mark_r)
    y += marks_h + pad + pad
    for row in legend_rows:
        x = 0
        for kind, label, colour, w in row:
            if kind == "resident":
                pygame.draw.line(surf, colour, (x, y + lh // 2), (x + 3 * mark_r, y + lh // 2), max(3, int(3 * scale)))
            else:
                draw_mark(surf, kind, (x + mark_r + 1, y + lh // 2), mark_r)
            put(label, small, palette().ink, x + 3 * mark_r + pad // 2, y)
            x += w
        y += lh + pad // 2
    return Chart(surf, texts)


def _legend_rows(tl: Timeline, lang: str, fonts: Fonts, width: int, pad: int, mark_r: int) -> list[list[tuple]]:
    """The legend's items (residents, then the marks), wrapped into rows that fit ``width``."""
    small = fonts.for_key("#small")
    items = [("resident", name, _rgb(RESIDENT_COLOURS[k % len(RESIDENT_COLOURS)]))
             for k, (_, name) in enumerate(tl.residents)]
    items += [(kind, mark_label(kind, lang), _rgb(MARK_COLOURS[kind])) for kind in MARKS]
    rows: list[list[tuple]] = [[]]
    x = 0
    for kind, label, colour in items:
        w = 3 * mark_r + pad // 2 + small.size(drawable(label))[0] + 2 * pad
        if rows[-1] and (x + w > width or (kind != "resident" and rows[-1][-1][0] == "resident")):
            rows.append([])  # the marks start a row of their own
            x = 0
        rows[-1].append((kind, label, colour, w))
        x += w
    return rows


def draw_mark(surf: pygame.Surface, kind: str, centre: tuple[int, int], r: int) -> None:
    colour = _rgb(MARK_COLOURS[kind])
    x, y = centre
    if kind == "best":
        pygame.draw.circle(surf, colour, centre, r)
    elif kind == "mistake":
        w = max(2, r // 2)
        pygame.draw.line(surf, colour, (x - r, y - r), (x + r, y + r), w)
        pygame.draw.line(surf, colour, (x - r, y + r), (x + r, y - r), w)
    else:
        pygame.draw.circle(surf, colour, centre, r, max(2, r // 3))
