"""The debrief's chart: each dimension's score against the best achievable, drawn in code.

One row per dimension, grouped as Ury's five steps and the four inlevingsvermogen
indicators. The track runs from the worst to the best total achievable in the scenario
(``Review.worst`` / ``Review.best``); the filled part is the trainee's total, coloured
from red to green by how much of that range it reached; the figures on the right say
"score of best". A dimension the scenario doesn't train says so instead of showing an
empty bar.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from engine.dimensions import DIMENSIONS
from engine.review import Review

from ..i18n import tr
from .layout import Box, bar_chart_rows, fraction_to_px, wrap_text
from .portraits import meter_colour
from .theme import INK, LINE, MUTED
from .widgets import Fonts


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
            img = heading_font.render(str(item), True, INK)
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
            img = small.render(ln, True, INK)
            surf.blit(img, (0, ly))
            texts.append((ln, Box(0, ly, img.get_width(), img.get_height()), Box(0, y, row.label.w, row.label.h)))
            ly += lh
        track = pygame.Rect(row.track.x, y + row.track.y, row.track.w, row.track.h)
        value, best, worst = review.totals[key], review.best[key], review.worst[key]
        pct = review.percent(key)
        if pct is None:
            img = small.render(tr("not_trained", lang), True, MUTED)
            if img.get_width() > row.track.w + row.value.w:
                img = small.render("—", True, MUTED)
            surf.blit(img, (track.x, y + (row.label.h - img.get_height()) // 2))
            texts.append((tr("not_trained", lang), Box(track.x, y, img.get_width(), img.get_height()),
                          Box(track.x, y, row.track.w + spacing + row.value.w, max(row.label.h, img.get_height()))))
        else:
            pygame.draw.rect(surf, (230, 225, 215), track, border_radius=bar_h // 2)
            filled = fraction_to_px(value, worst, best, track.w)
            if filled > 0:
                pygame.draw.rect(surf, meter_colour(pct / 100.0), pygame.Rect(track.x, track.y, max(filled, bar_h),
                                                                              track.h), border_radius=bar_h // 2)
            zero = fraction_to_px(0, worst, best, track.w)
            if 0 < zero < track.w:
                pygame.draw.line(surf, MUTED, (track.x + zero, track.y - 3), (track.x + zero, track.bottom + 2), 1)
            pygame.draw.line(surf, INK, (track.right - 1, track.y - 4), (track.right - 1, track.bottom + 3), 2)
            label = tr("score_of", lang, value=value, best=best)
            img = value_font.render(label, True, INK)
            vx = row.value.x
            surf.blit(img, (vx, y + (row.value.h - img.get_height()) // 2))
            texts.append((label, Box(vx, y, img.get_width(), img.get_height()),
                          Box(vx, y, width - vx, max(row.value.h, img.get_height()))))
        y += row.value.h + spacing
    pygame.draw.line(surf, LINE, (0, height - 1), (width, height - 1), 1)
    return Chart(surf, texts)
