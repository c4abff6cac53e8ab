"""The debrief's chart: each dimension's score against the best achievable, drawn in code.

One row per dimension, grouped as Ury's five steps and the four inlevingsvermogen
indicators. The track runs from the worst to the best total achievable in the scenario
(``Review.worst`` / ``Review.best``); the filled part is the trainee's total, coloured
from red to green by how much of that range it reached; the figures on the right say
"score of best". A dimension the scenario doesn't train says so instead of showing an
empty bar.

Beside it: the trainee's own rating against the measurement (``rating_chart``) and, for a
replay, both attempts' totals (``totals_chart``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pygame

from engine.debrief.branching import PathComparison
from engine.debrief.review import Review
from engine.scenario.dimensions import BY_KEY, DIMENSION_KEYS, DIMENSIONS
from simulator.i18n import tr
from simulator.perspective import RatingLine
from simulator.window.layout import Box, bar_chart_rows, fraction_to_px, wrap_text
from simulator.window.portraits import meter_colour
from simulator.window.theme import palette
from simulator.window.widgets import Fonts


@dataclass
class Chart:
    surface: pygame.Surface
    texts: list[tuple[str, Box, Box]]  # (text, where, the box it must stay in), relative to the chart


def dimension_chart(review: Review, lang: str, fonts: Fonts, width: int, scale: float = 1.0) -> Chart:
    label_key, value_key = "#small", "#small"
    measure = fonts.measure(label_key)
    lh = fonts.line_height(label_key)
    heading_font = fonts.for_key("#name")
    heading_h = fonts.line_height("#name")
    value_font = fonts.for_key(value_key, "bold")
    bar_h = max(10, int(12 * scale))
    spacing = max(8, int(10 * scale))
    value_w = max(value_font.size(tr("score_of", lang, value=-88, best=88))[0],
                  value_font.size(tr("not_trained", lang))[0] if width > 700 else 0) + 4
    value_w = min(value_w, width // 3)

    groups = [("ury", tr("ury_steps", lang)), ("empathy", tr("empathy", lang))]
    plan: list[tuple[str, object]] = []
    for group, title in groups:
        plan.append(("heading", title))
        for dim in DIMENSIONS:
            if dim.group == group:
                plan.append(("dim", dim))

    # First pass: how tall is each label?
    label_w = int(width * 0.45)
    label_lines = {}
    for kind, item in plan:
        if kind == "dim":
            text = f"{item.short.get(lang)} · {item.label.get(lang)}"  # type: ignore[attr-defined]
            label_lines[item.key] = wrap_text(text, label_w, measure)  # type: ignore[attr-defined]
    height = 0
    for kind, item in plan:
        if kind == "heading":
            height += heading_h + spacing // 2 + (spacing if height else 0)
        else:
            height += max(len(label_lines[item.key]) * lh, bar_h, lh) + spacing  # type: ignore[attr-defined]
    surf = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
    texts: list[tuple[str, Box, Box]] = []
    whole = Box(0, 0, width, height)
    small = fonts.for_key(label_key)
    y = 0
    for kind, item in plan:
        if kind == "heading":
            if y:
                y += spacing
            img = heading_font.render(str(item), True, palette().ink)
            surf.blit(img, (0, y))
            texts.append((str(item), Box(0, y, img.get_width(), img.get_height()), whole))
            y += heading_h + spacing // 2
            continue
        dim = item
        key = dim.key  # type: ignore[attr-defined]
        lines = label_lines[key]
        row = bar_chart_rows(width, [max(len(lines) * lh, lh)], value_w, bar_h, spacing, 0.45)[0]
        ly = y
        for ln in lines:
            img = small.render(ln, True, palette().ink)
            surf.blit(img, (0, ly))
            texts.append((ln, Box(0, ly, img.get_width(), img.get_height()), Box(0, y, row.label.w, row.label.h)))
            ly += lh
        track = pygame.Rect(row.track.x, y + row.track.y, row.track.w, row.track.h)
        value, best, worst = review.totals[key], review.best[key], review.worst[key]
        pct = review.percent(key)
        if pct is None:
            img = small.render(tr("not_trained", lang), True, palette().muted)
            if img.get_width() > row.track.w + row.value.w:
                img = small.render("—", True, palette().muted)
            surf.blit(img, (track.x, y + (row.label.h - img.get_height()) // 2))
            texts.append((tr("not_trained", lang), Box(track.x, y, img.get_width(), img.get_height()),
                          Box(track.x, y, row.track.w + spacing + row.value.w, max(row.label.h, img.get_height()))))
        else:
            pal = palette()
            pygame.draw.rect(surf, pal.track, track, border_radius=bar_h // 2)
            filled = fraction_to_px(value, worst, best, track.w)
            if filled > 0:
                pygame.draw.rect(surf, meter_colour(pct / 100.0), pygame.Rect(track.x, track.y, max(filled, bar_h),
                                                                              track.h), border_radius=bar_h // 2)
            zero = fraction_to_px(0, worst, best, track.w)
            if 0 < zero < track.w:
                pygame.draw.line(surf, pal.muted, (track.x + zero, track.y - 3), (track.x + zero, track.bottom + 2), 1)
            pygame.draw.line(surf, pal.ink, (track.right - 1, track.y - 4), (track.right - 1, track.bottom + 3), 2)
            label = tr("score_of", lang, value=value, best=best)
            img = value_font.render(label, True, palette().ink)
            vx = row.value.x
            surf.blit(img, (vx, y + (row.value.h - img.get_height()) // 2))
            texts.append((label, Box(vx, y, img.get_width(), img.get_height()),
                          Box(vx, y, width - vx, max(row.value.h, img.get_height()))))
        y += row.value.h + spacing
    pygame.draw.line(surf, palette().line, (0, height - 1), (width, height - 1), 1)
    return Chart(surf, texts)


# -- the self-rating beside the measurement -------------------------------------------
def _dots(surf: pygame.Surface, x: int, cy: int, value: int, colour: tuple[int, int, int], r: int) -> int:
    """Five dots, the first ``value`` filled: a 1-5 answer at a glance. Returns the right edge."""
    for i in range(5):
        cx = x + r + i * (2 * r + r // 2 + 2)
        if i < value:
            pygame.draw.circle(surf, colour, (cx, cy), r)
        else:
            pygame.draw.circle(surf, palette().line, (cx, cy), r, max(1, r // 3))
    return x + 5 * (2 * r + r // 2 + 2)


def rating_chart(lines: Sequence[RatingLine], lang: str, fonts: Fonts, width: int, scale: float = 1.0) -> Chart:
    """One row per question: the trainee's answer and the measurement on the same 1-5 scale,
    as five dots and the figure, with the gap called out beneath when it is two or more."""
    small = fonts.for_key("#small")
    bold = fonts.for_key("#small", "bold")
    lh = fonts.line_height("#small")
    spacing = max(6, int(8 * scale))
    r = max(4, int(5 * scale))
    dots_w = 5 * (2 * r + r // 2 + 2)
    heads = (tr("sr_own", lang).capitalize(), tr("sr_measured", lang).capitalize())
    cell_w = max(dots_w + bold.size("5")[0] + spacing, *(bold.size(h)[0] for h in heads)) + spacing
    label_w = width - 2 * cell_w
    stacked = label_w < width * 0.35  # too narrow for three columns: the cells go under the label
    if stacked:
        label_w = width
    cells_x = (label_w, label_w + cell_w) if not stacked else (0, cell_w)
    rows = []
    height = lh + spacing // 2
    for line in lines:
        label = wrap_text(line.title, label_w - spacing, fonts.measure("#small"))
        note = wrap_text(line.note, width - (0 if stacked else label_w), fonts.measure("#small")) if line.note else []
        label_h = len(label) * lh
        cells_h = max(lh, 2 * r + 2)
        h = label_h + cells_h if stacked else max(label_h, cells_h)
        rows.append((line, label, note, h))
        height += h + len(note) * lh + spacing
    surf = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
    texts: list[tuple[str, Box, Box]] = []

    def put(text: str, font: pygame.font.Font, colour: tuple[int, int, int], x: int, y: int, box: Box) -> None:
        img = font.render(text, True, colour)
        surf.blit(img, (x, y))
        texts.append((text, Box(x, y, img.get_width(), img.get_height()), box))

    if not stacked:
        for head, x in zip(heads, cells_x):
            put(head, bold, palette().muted, x, 0, Box(x, 0, cell_w, lh))
    y = lh + spacing // 2 if not stacked else 0
    for line, label, note, h in rows:
        for i, text in enumerate(label):
            put(text, bold if line.key == "overall" else small, palette().ink, 0, y + i * lh, Box(0, y, label_w, h))
        cy = y + len(label) * lh if stacked else y
        for x, value, colour in ((cells_x[0], line.own, palette().accent),
                                 (cells_x[1], line.measured, meter_colour((line.percent or 0) / 100.0))):
            cell = Box(x, cy, cell_w, max(lh, 2 * r + 2))
            if value is None:
                put("–", small, palette().muted, x, cy, cell)
                continue
            right = _dots(surf, x, cy + lh // 2, value, colour, r)
            put(str(value), bold, palette().ink, right + spacing // 2, cy, cell)
        y += h
        note_x = 0 if stacked else label_w
        for text in note:
            put(text, small, palette().poor_text, note_x, y, Box(note_x, y, width - note_x, lh))
            y += lh
        y += spacing
    return Chart(surf, texts)


# -- both paths side by side: the scores first time and this time ------------------------
def totals_chart(comparison: PathComparison, lang: str, fonts: Fonts, width: int, heads: Sequence[str],
                 scale: float = 1.0) -> Chart:
    """Per dimension (and overall) the first attempt's total, this one's and the change, in
    columns: plain figures and words, as the window's font has no arrow glyphs."""
    small = fonts.for_key("#small")
    bold = fonts.for_key("#small", "bold")
    lh = fonts.line_height("#small")
    spacing = max(4, int(6 * scale))
    keys = [k for k in DIMENSION_KEYS + ("overall",)
            if comparison.first_totals.get(k, 0) or comparison.second_totals.get(k, 0)]
    cell_w = max(bold.size("-888")[0], *(bold.size(h)[0] for h in heads[1:])) + 3 * spacing
    label_w = max(60, width - 3 * cell_w)
    names = {k: tr("overall", lang) if k == "overall" else
             f"{BY_KEY[k].short.get(lang)} · {BY_KEY[k].label.get(lang)}" for k in keys}
    wrapped = {k: wrap_text(names[k], label_w - spacing, fonts.measure("#small")) for k in keys}
    height = lh + spacing + sum(len(wrapped[k]) * lh + spacing for k in keys)
    surf = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
    texts: list[tuple[str, Box, Box]] = []

    def put(text: str, font: pygame.font.Font, colour: tuple[int, int, int], x: int, y: int, box: Box,
            right: bool = False) -> None:
        img = font.render(text, True, colour)
        if right:
            x = box.right - spacing - img.get_width()
        surf.blit(img, (x, y))
        texts.append((text, Box(x, y, img.get_width(), img.get_height()), box))

    for i, head in enumerate(heads):
        x = 0 if i == 0 else label_w + (i - 1) * cell_w
        box = Box(x, 0, label_w if i == 0 else cell_w, lh)
        put(head, bold, palette().muted, x, 0, box, right=i > 0)
    y = lh + spacing
    for k in keys:
        h = len(wrapped[k]) * lh
        pygame.draw.line(surf, palette().line, (0, y - spacing // 2), (width, y - spacing // 2), 1)
        font = bold if k == "overall" else small
        for j, text in enumerate(wrapped[k]):
            put(text, font, palette().ink, 0, y + j * lh, Box(0, y, label_w, h))
        a, b = comparison.first_totals.get(k, 0), comparison.second_totals.get(k, 0)
        change = comparison.change(k)
        pal = palette()
        colour = pal.good_text if change > 0 else pal.poor_text if change < 0 else pal.muted
        cells = ((str(a), pal.ink), (str(b), pal.ink), (f"{change:+d}" if change else "0", colour))
        for i, (text, col) in enumerate(cells):
            x = label_w + i * cell_w
            put(text, bold if i == 2 else font, col, x, y, Box(x, y, cell_w, h), right=True)
        y += h + spacing
    return Chart(surf, texts)
