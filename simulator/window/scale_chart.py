"""The debrief's per-dimension chart: each dimension on the self-rating's 1-5 scale, and nothing else.

One row for the meeting as a whole, then Ury's five steps and the four inlevingsvermogen
indicators. Each row is a track from 1 to 5: the measured score fills it up to its place
(``DimensionReview.scale``: the share of what the decisions actually faced allowed), the
trainee's own estimate, when given, is a ring on the same track, and the figure on the right
is the measured value ("3,4"), after the estimate ("jij 4 · 3,4"). One scale for both, so
they can be compared at a glance, and no raw points or "x van y" beside them to disagree.
A gap of two or more between estimate and measurement is named under the row. A dimension
the route didn't train says so instead of showing an empty track.
"""

from __future__ import annotations

from typing import Optional

import pygame

from engine.debrief.review import Review
from engine.debrief.selfrating import SelfRating
from engine.scenario.dimensions import DIMENSIONS
from simulator.debrief_words import overall_scale, scale_number
from simulator.i18n import tr
from simulator.perspective import rating_comparison
from simulator.window.charts import Chart
from simulator.window.layout import Box, bar_chart_rows, fraction_to_px, wrap_text
from simulator.window.portraits import meter_colour
from simulator.window.theme import palette
from simulator.window.widgets import Fonts


def scale_chart(review: Review, rating: Optional[SelfRating], lang: str, fonts: Fonts, width: int,
                scale: float = 1.0) -> Chart:
    rows = {row.key: row for row in rating_comparison(review, rating, lang)}
    small, bold = fonts.for_key("#small"), fonts.for_key("#small", "bold")
    heading_font = fonts.for_key("#name")
    lh, heading_h = fonts.line_height("#small"), fonts.line_height("#name")
    bar_h = max(10, int(12 * scale))
    spacing = max(8, int(10 * scale))
    ring = max(5, bar_h // 2 + 2)
    own_word = tr("scale_own", lang)
    sample = f"{own_word} 5 · 5,0" if rows else "5,0"
    value_w = min(width // 3, max(bold.size(sample)[0], small.size(tr("not_trained", lang))[0] if width > 700
                                  else 0) + 6)

    plan: list[tuple[str, str, str, Optional[float]]] = [("row", "overall", tr("overall", lang), overall_scale(review))]
    for group, title in (("ury", tr("ury_steps", lang)), ("empathy", tr("empathy", lang))):
        plan.append(("heading", group, title, None))
        for dim in DIMENSIONS:
            if dim.group == group:
                plan.append(("row", dim.key, f"{dim.short.get(lang)} · {dim.label.get(lang)}",
                             review.dimension(dim.key).scale))
    label_w = int(width * 0.45)
    measure = fonts.measure("#small")
    wrapped = {key: wrap_text(label, label_w, measure) for kind, key, label, _ in plan if kind == "row"}
    notes = {key: rows[key].note for key in wrapped if key in rows and rows[key].note}

    top = lh + spacing // 2  # the scale's 1 and 5 above the tracks
    height = top
    for kind, key, _, _ in plan:
        if kind == "heading":
            height += spacing + heading_h + spacing // 2
        else:
            height += max(len(wrapped[key]) * lh, bar_h, lh) + spacing + (lh if key in notes else 0)
    surf = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
    texts: list[tuple[str, Box, Box]] = []

    def put(text: str, font: pygame.font.Font, colour, x: int, y: int, box: Box) -> None:
        img = font.render(text, True, colour)
        surf.blit(img, (x, y))
        texts.append((text, Box(x, y, img.get_width(), img.get_height()), box))

    probe = bar_chart_rows(width, [lh], value_w, bar_h, spacing, 0.45)[0].track
    for n in (1, 3, 5):  # the scale's marks, once at the top
        x = probe.x + fraction_to_px(n, 1, 5, probe.w)
        img = small.render(str(n), True, palette().muted)
        tx = min(max(probe.x, x - img.get_width() // 2), probe.right - img.get_width())
        put(str(n), small, palette().muted, tx, 0, Box(probe.x, 0, probe.w, lh))
    y = top
    for kind, key, label, value in plan:
        if kind == "heading":
            y += spacing
            put(label, heading_font, palette().ink, 0, y, Box(0, y, width, heading_h))
            y += heading_h + spacing // 2
            continue
        lines = wrapped[key]
        row = bar_chart_rows(width, [max(len(lines) * lh, lh)], value_w, bar_h, spacing, 0.45)[0]
        font = bold if key == "overall" else small
        for i, text in enumerate(lines):
            put(text, font, palette().ink, 0, y + i * lh, Box(0, y, row.label.w, row.label.h))
        track = pygame.Rect(row.track.x, y + row.track.y, row.track.w, row.track.h)
        own = rows[key].own if key in rows else None
        if value is None:
            words = tr("not_trained", lang)
            img = small.render(words, True, palette().muted)
            if img.get_width() > row.track.w + row.value.w:
                words = "—"
            put(words, small, palette().muted, track.x, y + (row.label.h - lh) // 2,
                Box(track.x, y, row.track.w + spacing + row.value.w, max(row.label.h, lh)))
        else:
            pygame.draw.rect(surf, palette().track, track, border_radius=bar_h // 2)
            for n in range(2, 5):  # faint marks at 2, 3 and 4
                mx = track.x + fraction_to_px(n, 1, 5, track.w)
                pygame.draw.line(surf, palette().line, (mx, track.y - 2), (mx, track.bottom + 1), 1)
            filled = max(bar_h, fraction_to_px(value, 1, 5, track.w))
            pygame.draw.rect(surf, meter_colour((value - 1) / 4), pygame.Rect(track.x, track.y, filled, track.h),
                             border_radius=bar_h // 2)
            if own is not None:
                cx = track.x + fraction_to_px(own, 1, 5, track.w)
                cx = min(max(track.x + ring, cx), track.right - ring)
                pygame.draw.circle(surf, (255, 255, 255), (cx, track.centery), ring)
                pygame.draw.circle(surf, palette().accent, (cx, track.centery), ring, max(2, ring // 3))
            figure = scale_number(value, lang)
            text = f"{own_word} {own} · {figure}" if own is not None else figure
            if own is None and rows and key in rows:
                text = f"{own_word} – · {figure}"
            img = bold.render(text, True, palette().ink)
            put(text, bold, palette().ink, row.value.x, y + (row.value.h - img.get_height()) // 2,
                Box(row.value.x, y, width - row.value.x, max(row.value.h, img.get_height())))
        y += row.value.h + spacing
        if key in notes:
            put(notes[key], small, palette().poor_text, track.x, y - spacing // 2,
                Box(track.x, y - spacing // 2, width - track.x, lh))
            y += lh
    pygame.draw.line(surf, palette().line, (0, height - 1), (width, height - 1), 1)
    return Chart(surf, texts)
