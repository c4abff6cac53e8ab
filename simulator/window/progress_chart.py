"""One scenario's attempts as a chart: a row per dimension, each attempt's total as a dot on a line.

The label says the dimension, the dots run oldest to newest on a scale from the row's
lowest to its highest total, and the figures on the right say the first and the latest
total and the change in words ("beter", "minder", "gelijk"); colour only helps the eye.
Rows for dimensions that scored nothing in any attempt are left out. Drawn in code like
the debrief's charts, with the drawn texts listed for the screen tests.
"""

from __future__ import annotations

from typing import Optional

import pygame

from engine.scenario.dimensions import BY_KEY, DIMENSION_KEYS
from simulator.i18n import tr
from simulator.window.charts import Chart
from simulator.window.components.practice import ScenarioTrend
from simulator.window.glyphs import drawable
from simulator.window.layout import Box, wrap_text
from simulator.window.theme import palette
from simulator.window.widgets import Fonts


def trend_chart(trend: ScenarioTrend, lang: str, fonts: Fonts, width: int, scale: float = 1.0) -> Optional[Chart]:
    """The chart of ``trend``; None for a single attempt (nothing to compare yet)."""
    progress = trend.progress
    if progress is None:
        return None
    keys = [k for k in DIMENSION_KEYS if any(v for v in progress.trend(k).values)] + ["overall"]
    small, bold = fonts.for_key("#small"), fonts.for_key("#small", "bold")
    lh = fonts.line_height("#small")
    spacing = max(6, int(8 * scale))
    label_w = int(width * 0.34)
    figures = {k: _figures(progress.trend(k).values, lang) for k in keys}
    value_w = min(width // 3, max(bold.size(f)[0] for f in figures.values()) + 8)
    track_x = label_w + spacing
    track_w = max(40, width - track_x - spacing - value_w)
    labels = {k: wrap_text(_label(k, lang), label_w, lambda t: small.size(t)[0]) for k in keys}
    rows = [max(len(labels[k]) * lh, lh + 6) for k in keys]
    height = sum(rows) + spacing * (len(rows) - 1)
    surf = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
    texts: list[tuple[str, Box, Box]] = []
    whole = Box(0, 0, width, height)
    y = 0
    for key, row_h in zip(keys, rows):
        values = progress.trend(key).values
        ly = y
        for line in labels[key]:
            line = drawable(line)
            img = (bold if key == "overall" else small).render(line, True, palette().ink)
            surf.blit(img, (0, ly))
            texts.append((line, Box(0, ly, img.get_width(), img.get_height()), whole))
            ly += lh
        _sparkline(surf, pygame.Rect(track_x, y, track_w, row_h), values, scale)
        img = bold.render(figures[key], True, _colour(values))
        fx = track_x + track_w + spacing
        surf.blit(img, (fx, y + (row_h - img.get_height()) // 2))
        texts.append((figures[key], Box(fx, y + (row_h - img.get_height()) // 2, img.get_width(), img.get_height()),
                      whole))
        y += row_h + spacing
    return Chart(surf, texts)


def _label(key: str, lang: str) -> str:
    if key == "overall":
        return tr("overall", lang)
    d = BY_KEY[key]
    return f"{d.short.get(lang)} · {d.label.get(lang)}"


def _figures(values: tuple[int, ...], lang: str) -> str:
    change = values[-1] - values[0]
    word = tr("mp_better" if change > 0 else "mp_worse" if change < 0 else "mp_same", lang)
    return f"{values[0]} … {values[-1]}  {word}"


def _colour(values: tuple[int, ...]) -> tuple[int, int, int]:
    change = values[-1] - values[0]
    return palette().good_text if change > 0 else palette().poor_text if change < 0 else palette().muted


def _sparkline(surf: pygame.Surface, rect: pygame.Rect, values: tuple[int, ...], scale: float) -> None:
    """The attempts, oldest left, as dots on a line between the row's lowest and highest total."""
    mid = rect.centery
    pygame.draw.line(surf, palette().line, (rect.x, mid), (rect.right, mid), 1)
    lo, hi = min(values), max(values)
    r = max(3, int(4 * scale))
    inner = pygame.Rect(rect.x + r, rect.y + r, max(1, rect.w - 2 * r), max(1, rect.h - 2 * r))
    n = len(values)
    points = []
    for i, v in enumerate(values):
        x = inner.x + (inner.w * i // max(1, n - 1) if n > 1 else inner.w // 2)
        y = inner.centery if hi == lo else inner.bottom - int((v - lo) / (hi - lo) * inner.h)
        points.append((x, y))
    if len(points) > 1:
        pygame.draw.lines(surf, palette().accent, False, points, 2)
    for i, p in enumerate(points):
        colour = palette().accent if i < n - 1 else (palette().calm if values[-1] >= values[0] else palette().upset)
        pygame.draw.circle(surf, colour, p, r)
