"""Small inline SVG charts for the HTML report: no scripts, no fonts, prints sharply.

Two charts: one diverging bar per dimension (zero in the same place on every row;
green up to the best achievable, red down to the worst, a dashed tick for the best on
the trainee's route) and a line of
the overall score over attempts. Both take the plain data of
``export_json.debrief_data`` so the chart and the tables can't disagree.
"""

from __future__ import annotations

from html import escape
from typing import Any, Mapping, Sequence

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
INK, MUTED, TRACK, GOOD, WEAK, ROUTE = "#1f2933", "#6b7785", "#e4e8ee", "#2f7d5b", "#b5542f", "#1f2933"
NEGATIVE_SHARE = 0.3  # of the bar's width, left of zero (anti-patterns); the rest up to the best


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def zero_scale(value: int, worst: int, best: int) -> float:
    """Position on a diverging axis: -1 at ``worst``, 0 at zero, +1 at ``best``.

    Each side is scaled by its own extreme, so every dimension's zero lines up and its
    bar ends where its best (or worst) achievable score is.
    """
    if value >= 0:
        return 0.0 if best <= 0 else min(1.0, value / best)
    return 0.0 if worst >= 0 else -min(1.0, value / worst)


def dimension_chart(dimensions: Sequence[Mapping[str, Any]], not_trained: str, title: str) -> str:
    """One diverging bar per dimension: red left of zero, green right of it, up to the best achievable."""
    label_w, bar_w, value_w, row_h, top = 250, 330, 80, 24, 8
    neg_w = bar_w * NEGATIVE_SHARE
    pos_w = bar_w - neg_w
    width = label_w + bar_w + value_w
    height = top + row_h * len(dimensions) + 6
    zero = label_w + neg_w
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="{escape(title)}" {FONT} font-size="12">', f"<title>{escape(title)}</title>"]
    for i, d in enumerate(dimensions):
        y = top + i * row_h
        mid = y + row_h / 2
        label = _fit(f"{d['short']} · {d['label']}", 40)
        parts.append(f'<text x="0" y="{mid + 4:.1f}" fill="{INK}">{escape(label)}</text>')
        if not d["trained"]:
            parts.append(f'<text x="{label_w}" y="{mid + 4:.1f}" fill="{MUTED}" font-style="italic">'
                         f'{escape(not_trained)}</text>')
            continue
        lo, hi, score = d["worst"], d["best"], d["score"]
        left = neg_w if lo < 0 else 0.0
        right = pos_w if hi > 0 else 0.0
        parts.append(f'<rect x="{zero - left:.1f}" y="{mid - 7:.1f}" width="{left + right:.1f}" height="14" '
                     f'rx="3" fill="{TRACK}"/>')
        pos = zero_scale(score, lo, hi)
        if pos > 0:
            parts.append(f'<rect x="{zero:.1f}" y="{mid - 7:.1f}" width="{pos_w * pos:.1f}" height="14" '
                         f'fill="{GOOD}"/>')
        elif pos < 0:
            parts.append(f'<rect x="{zero + neg_w * pos:.1f}" y="{mid - 7:.1f}" width="{-neg_w * pos:.1f}" '
                         f'height="14" fill="{WEAK}"/>')
        if d["route_best"] != hi:
            r = zero_scale(d["route_best"], lo, hi)
            rx = zero + (pos_w * r if r >= 0 else neg_w * r)
            parts.append(f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{mid - 10:.1f}" y2="{mid + 10:.1f}" '
                         f'stroke="{ROUTE}" stroke-width="2" stroke-dasharray="3 2"/>')
        parts.append(f'<text x="{width}" y="{mid + 4:.1f}" text-anchor="end" fill="{INK}" '
                     f'font-variant-numeric="tabular-nums">{score} / {hi}</text>')
    parts.append(f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top - 2}" y2="{height - 4}" stroke="{MUTED}" '
                 f'stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)


def progress_chart(values: Sequence[int], labels: Sequence[str], title: str) -> str:
    """The overall score over attempts as a line with labelled points."""
    width, height, left, right, top, bottom = 660, 170, 40, 16, 16, 34
    lo, hi = min(min(values), 0), max(max(values), 1)
    span = hi - lo or 1
    n = len(values)
    step = (width - left - right) / max(1, n - 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        return left + i * step, top + (height - top - bottom) * (1 - (v - lo) / span)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="{escape(title)}" {FONT} font-size="11">', f"<title>{escape(title)}</title>"]
    for v in sorted({lo, 0, hi}):
        _, y = xy(0, v)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{TRACK}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{v}</text>')
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(values)))
    parts.append(f'<polyline points="{points}" fill="none" stroke="{GOOD}" stroke-width="2.5"/>')
    for i, v in enumerate(values):
        x, y = xy(i, v)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{GOOD}"/>')
        parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" fill="{INK}">{v}</text>')
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" fill="{MUTED}">'
                     f'{escape(labels[i])}</text>')
    parts.append("</svg>")
    return "".join(parts)
