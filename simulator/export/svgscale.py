"""The HTML debrief's per-dimension chart: one 1-5 track per dimension, nothing else.

Each row is the self-rating's scale from 1 to 5: the measured score fills the track up to
its place (``dimensions[].scale``), the trainee's own estimate, when given, is a ring on the
same track, and the figure on the right is the measured value with one decimal. So the
estimate and the measurement are read on one scale, and no raw points or "x of y" bars
sit beside them to disagree. Takes the plain data of ``export_json.debrief_data``.
"""

from __future__ import annotations

from html import escape
from typing import Any, Mapping, Optional, Sequence

from simulator.export.svgchart import FONT, GOOD, INK, MUTED, TRACK

OWN = "#3d6fa8"  # the trainee's estimate (a ring), apart from the measurement's green


def _x(value: float, left: float, width: float) -> float:
    return left + width * (max(1.0, min(5.0, value)) - 1) / 4


def scale_chart(rows: Sequence[Mapping[str, Any]], labels: Mapping[str, str], title: str) -> str:
    """``rows``: ``label``, ``scale`` (1-5 or None), ``own`` (1-5 or None), ``text`` (the figure,
    or the words for an untrained dimension); ``labels``: ``own`` and ``measured`` for the legend."""
    label_w, bar_w, value_w, row_h, top = 250, 300, 110, 24, 26
    width = label_w + bar_w + value_w
    height = top + row_h * len(rows) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="{escape(title)}" {FONT} font-size="12">', f"<title>{escape(title)}</title>"]
    for n in range(1, 6):  # the scale's marks, labelled once at the top
        x = _x(n, label_w, bar_w)
        parts.append(f'<text x="{x:.1f}" y="12" text-anchor="middle" fill="{MUTED}">{n}</text>')
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="16" y2="{height - 4}" stroke="{TRACK}"/>')
    has_own = any(r.get("own") is not None for r in rows)
    if has_own:
        parts.append(f'<circle cx="{width - 96}" cy="8" r="5" fill="#fff" stroke="{OWN}" stroke-width="2.5"/>'
                     f'<text x="{width - 86}" y="12" fill="{MUTED}">{escape(labels["own"])}</text>'
                     f'<rect x="{width - 46}" y="3" width="10" height="10" fill="{GOOD}"/>'
                     f'<text x="{width}" y="12" text-anchor="end" fill="{MUTED}">{escape(labels["measured"])}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        mid = y + row_h / 2
        weight = ' font-weight="700"' if r.get("bold") else ""
        parts.append(f'<text x="0" y="{mid + 4:.1f}" fill="{INK}"{weight}>{escape(_fit(r["label"], 40))}</text>')
        scale: Optional[float] = r.get("scale")
        if scale is None:
            parts.append(f'<text x="{label_w}" y="{mid + 4:.1f}" fill="{MUTED}" font-style="italic">'
                         f'{escape(r["text"])}</text>')
            continue
        parts.append(f'<rect x="{label_w}" y="{mid - 6:.1f}" width="{bar_w}" height="12" rx="3" fill="{TRACK}"/>')
        fill = _x(scale, label_w, bar_w) - label_w
        if fill > 0:
            parts.append(f'<rect x="{label_w}" y="{mid - 6:.1f}" width="{fill:.1f}" height="12" rx="3" '
                         f'fill="{GOOD}"/>')
        else:  # the least achievable: a sliver, so the row never looks empty
            parts.append(f'<rect x="{label_w}" y="{mid - 6:.1f}" width="3" height="12" fill="{GOOD}"/>')
        own = r.get("own")
        if own is not None:
            parts.append(f'<circle cx="{_x(own, label_w, bar_w):.1f}" cy="{mid:.1f}" r="6" fill="#fff" '
                         f'stroke="{OWN}" stroke-width="2.5"/>')
        parts.append(f'<text x="{width}" y="{mid + 4:.1f}" text-anchor="end" fill="{INK}" '
                     f'font-variant-numeric="tabular-nums">{escape(r["text"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
