"""Small inline SVG charts for the HTML report: no scripts, no fonts, prints sharply.

Two charts: one bar per dimension (the score as a share of the range between worst
and best achievable, with a tick for the best on the trainee's route) and a line of
the overall score over attempts. Both take the plain data of
``export_json.debrief_data`` so the chart and the tables can't disagree.
"""

from __future__ import annotations

from html import escape
from typing import Any, Mapping, Sequence

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
INK, MUTED, TRACK, GOOD, WEAK, ROUTE = "#1f2933", "#6b7785", "#e4e8ee", "#2f7d5b", "#b5542f", "#1f2933"


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _share(value: int, lo: int, hi: int) -> float:
    return 0.0 if hi <= lo else max(0.0, min(1.0, (value - lo) / (hi - lo)))


def dimension_chart(dimensions: Sequence[Mapping[str, Any]], not_trained: str, title: str) -> str:
    """Horizontal bars, one per dimension; ``dimensions`` as in the debrief data."""
    label_w, bar_w, value_w, row_h, top = 250, 330, 80, 24, 8
    width = label_w + bar_w + value_w
    height = top + row_h * len(dimensions) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="{escape(title)}" {FONT} font-size="12">', f"<title>{escape(title)}</title>"]
    for i, d in enumerate(dimensions):
        y = top + i * row_h
        mid = y + row_h / 2
        label = _fit(f"{d['short']} · {d['label']}", 40)
        parts.append(f'<text x="0" y="{mid + 4:.1f}" fill="{INK}">{escape(label)}</text>')
        x0 = label_w
        if not d["trained"]:
            parts.append(f'<text x="{x0}" y="{mid + 4:.1f}" fill="{MUTED}" font-style="italic">'
                         f'{escape(not_trained)}</text>')
            continue
        lo, hi, score = d["worst"], d["best"], d["score"]
        share = _share(score, lo, hi)
        colour = GOOD if share >= 0.5 else WEAK
        parts.append(f'<rect x="{x0}" y="{mid - 7:.1f}" width="{bar_w}" height="14" rx="3" fill="{TRACK}"/>')
        if share > 0:
            parts.append(f'<rect x="{x0}" y="{mid - 7:.1f}" width="{bar_w * share:.1f}" height="14" rx="3" '
                         f'fill="{colour}"/>')
        if d["route_best"] != hi:
            rx = x0 + bar_w * _share(d["route_best"], lo, hi)
            parts.append(f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{mid - 10:.1f}" y2="{mid + 10:.1f}" '
                         f'stroke="{ROUTE}" stroke-width="2" stroke-dasharray="3 2"/>')
        parts.append(f'<text x="{width}" y="{mid + 4:.1f}" text-anchor="end" fill="{INK}" '
                     f'font-variant-numeric="tabular-nums">{score} / {hi}</text>')
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
