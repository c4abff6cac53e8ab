"""The mood timeline: each resident's trust and anger over the decisions, the trainee's moves marked.

The picture a trainer puts on a projector after a meeting: one panel per mood variable
(trust, anger, ...), one line per resident, a point at the start and after every move
in the meeting (the preparation moves nobody), and along the bottom the moves that
were the best one there, the mistakes and the missed opportunities (the ``Review``'s
verdicts). The window's debrief draws it (``simulator/window/mood_chart.py``), the HTML
report has it as inline SVG (``timeline_svg``).

``Timeline`` holds the plain numbers and comes from the engine's ``Review``
(``from_review``) or from the debrief's JSON-ready data (``from_data``), so the window
and the report can't show different lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Mapping, Optional, Sequence

from simulator.i18n import tr

MARKS = ("best", "mistake", "missed")
# Line colours for residents, told apart also by people who don't see red and green well (Okabe-Ito).
RESIDENT_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F6A00", "#000000")
MARK_COLOURS = {"best": "#246B41", "mistake": "#A3402F", "missed": "#6A3D9A"}
WORDS = {
    "title": {"nl": "Stemming per beslissing", "en": "Mood over the decisions"},
    "start": {"nl": "start", "en": "start"},
    "note": {"nl": "Eén lijn per bewoner; onder de as je zetten: de beste keuze, een misser of een gemiste kans. "
                   "De nummers zijn die van de beslissingen in de nabespreking.",
             "en": "One line per resident; below the axis your moves: the best move, a mistake or a missed "
                   "opportunity. The numbers are the decisions' numbers in the debrief."},
    "left": {"nl": "vertrokken", "en": "left"},
}


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["nl"])


def mark_label(kind: str, lang: str) -> str:
    return tr({"best": "verdict_best", "mistake": "verdict_mistake", "missed": "missed_opportunity"}[kind], lang)


@dataclass(frozen=True)
class Variable:
    key: str
    label: str
    minimum: int
    maximum: int
    good: str  # "high" or "low": which end is calm


@dataclass(frozen=True)
class Timeline:
    variables: tuple[Variable, ...]
    residents: tuple[tuple[str, str], ...]  # (id, name)
    steps: tuple[int, ...]  # the debrief's number of the move after each point; point 0 is the start
    values: Mapping[str, Mapping[str, tuple[int, ...]]]  # resident -> variable -> one value per point
    marks: tuple[tuple[int, str], ...]  # (point, one of MARKS): the move that led to that point

    @property
    def points(self) -> int:
        return len(self.steps) + 1

    @property
    def empty(self) -> bool:
        return not self.steps or not self.variables or not self.residents

    @classmethod
    def from_review(cls, review: Any, lang: str) -> "Timeline":
        s = review.scenario
        variables = tuple(Variable(v.key, v.label.get(lang), v.minimum, v.maximum, v.good)
                          for v in s.mood_variables.values())
        rows = [{"step": d.index + 1, "kind": d.decision.kind, "verdict": d.verdict,
                 "missed_opportunity": d.missed_opportunity, "mood_before": d.decision.mood_before,
                 "mood_after": d.decision.mood_after} for d in review.decisions]
        start = {r.id: dict(r.mood) for r in s.residents}
        return _build(variables, tuple((r.id, r.name) for r in s.residents), rows, start)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Optional["Timeline"]:
        """From ``export_json.debrief_data`` (None when it has no mood variables: an older file)."""
        scenario = data["scenario"]
        raw = scenario.get("mood_variables")
        if not raw:
            return None
        variables = tuple(Variable(v["key"], v["label"], v["min"], v["max"], v["good"]) for v in raw)
        residents = tuple((r["id"], r["name"]) for r in scenario["residents"])
        return _build(variables, residents, data["decisions"], None)


def _build(variables: tuple[Variable, ...], residents: tuple[tuple[str, str], ...],
           rows: Sequence[Mapping[str, Any]], start: Optional[Mapping[str, Mapping[str, int]]]) -> Timeline:
    moves = [r for r in rows if r["kind"] != "prep"]
    first = moves[0]["mood_before"] if moves else start or {}
    values: dict[str, dict[str, list[int]]] = {rid: {v.key: [] for v in variables} for rid, _ in residents}
    for mood in [first] + [m["mood_after"] for m in moves]:
        for rid, _ in residents:
            for v in variables:
                values[rid][v.key].append(int(mood.get(rid, {}).get(v.key, v.minimum)))
    marks = []
    for i, m in enumerate(moves, start=1):
        if m["verdict"] == "best":
            marks.append((i, "best"))
        elif m["verdict"] == "mistake":
            marks.append((i, "mistake"))
        if m["missed_opportunity"]:
            marks.append((i, "missed"))
    return Timeline(variables, residents, tuple(int(m["step"]) for m in moves),
                    {rid: {k: tuple(vs) for k, vs in per.items()} for rid, per in values.items()}, tuple(marks))


# -- the report's SVG ---------------------------------------------------------------------
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
INK, MUTED, GRID = "#1f2933", "#6b7785", "#e4e8ee"


FONT_PX = 13  # as the report's small text: readable on a projector
CHAR_W = 7.4  # an average character's width at FONT_PX, to lay the legend out (SVG can't measure)


def _legend(tl: Timeline, lang: str, width: int) -> list[list[tuple[str, str, float, str]]]:
    """The legend's items (kind, label, width, colour), residents first, wrapped into rows ``width``
    wide; the marks start a row of their own."""
    items = [("resident", name, 32 + CHAR_W * len(name), RESIDENT_COLOURS[k % len(RESIDENT_COLOURS)])
             for k, (_, name) in enumerate(tl.residents)]
    items += [(kind, mark_label(kind, lang), 30 + CHAR_W * len(mark_label(kind, lang)), MARK_COLOURS[kind])
              for kind in MARKS]
    rows: list[list[tuple[str, str, float, str]]] = [[]]
    x = 0.0
    for item in items:
        kind, w = item[0], item[2]
        if rows[-1] and (x + w > width or (kind != "resident" and rows[-1][-1][0] == "resident")):
            rows.append([])
            x = 0.0
        rows[-1].append(item)
        x += w
    return rows


def timeline_svg(tl: Timeline, lang: str) -> str:
    """The timeline as one inline SVG: a panel per mood variable, the marks, a legend."""
    width, left, right = 680, 44, 14
    panel_h, gap_h, marks_h, legend_h, label_h = 110, 28, 42, 24, 26  # label_h: the name, then the top value
    top = 4
    n = tl.points
    step = (width - left - right) / max(1, n - 1)
    legend = _legend(tl, lang, width)
    height = top + len(tl.variables) * (label_h + panel_h + gap_h) + marks_h + legend_h * len(legend) + 8
    title = word("title", lang)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{escape(title)}" {FONT} font-size="{FONT_PX}">', f"<title>{escape(title)}</title>"]

    def x_of(i: int) -> float:
        return left + i * step if n > 1 else left + (width - left - right) / 2

    def y_of(var: Variable, v: float, y0: float) -> float:
        return y0 + panel_h - (v - var.minimum) / max(1, var.maximum - var.minimum) * panel_h

    y = top
    for var in tl.variables:
        parts.append(f'<text x="0" y="{y + 12:.1f}" fill="{INK}" font-weight="600">{escape(var.label)}</text>')
        y += label_h
        for v in sorted({var.minimum, (var.minimum + var.maximum) // 2, var.maximum}):
            gy = y_of(var, v, y)
            parts.append(f'<line x1="{left}" x2="{width - right}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="{GRID}"/>')
            parts.append(f'<text x="{left - 6}" y="{gy + 4.5:.1f}" text-anchor="end" fill="{MUTED}">{v}</text>')
        for k, (rid, name) in enumerate(tl.residents):
            colour = RESIDENT_COLOURS[k % len(RESIDENT_COLOURS)]
            nudge = (k - (len(tl.residents) - 1) / 2) * 1.5  # residents with equal moods: lines side by side
            pts = " ".join(f"{x_of(i):.1f},{y_of(var, v, y) + nudge:.1f}"
                           for i, v in enumerate(tl.values[rid][var.key]))
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.2" '
                         f'stroke-linejoin="round"><title>{escape(name)}</title></polyline>')
            for i, v in enumerate(tl.values[rid][var.key]):
                parts.append(f'<circle cx="{x_of(i):.1f}" cy="{y_of(var, v, y) + nudge:.1f}" r="2.6" fill="{colour}"/>')
        y += panel_h + gap_h
    # The moves along the bottom: numbers, then the marks.
    axis = y - gap_h + 18
    for i in range(n):
        label = word("start", lang) if i == 0 else str(tl.steps[i - 1])
        parts.append(f'<text x="{x_of(i):.1f}" y="{axis:.1f}" text-anchor="middle" fill="{MUTED}">'
                     f'{escape(label)}</text>')
    row = axis + 15
    for i, kind in tl.marks:  # a missed opportunity on a row of its own, below the move's mark
        parts.append(_svg_mark(kind, x_of(i), row + (13 if kind == "missed" else 0)))
    # Legend: the residents, then the marks.
    ly = row + marks_h - 4
    for items in legend:
        x = 0.0
        for kind, label, w, colour in items:
            if kind == "resident":
                parts.append(f'<line x1="{x:.1f}" x2="{x + 18:.1f}" y1="{ly - 4:.1f}" y2="{ly - 4:.1f}" '
                             f'stroke="{colour}" stroke-width="3"/>'
                             f'<text x="{x + 23:.1f}" y="{ly:.1f}" fill="{INK}">{escape(label)}</text>')
            else:
                parts.append(_svg_mark(kind, x + 6, ly - 4))
                parts.append(f'<text x="{x + 16:.1f}" y="{ly:.1f}" fill="{INK}">{escape(label)}</text>')
            x += w
        ly += legend_h
    parts.append("</svg>")
    return "".join(parts)


def _svg_mark(kind: str, x: float, y: float) -> str:
    colour = MARK_COLOURS[kind]
    if kind == "best":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
    if kind == "mistake":
        return (f'<path d="M{x - 4.5:.1f},{y - 4.5:.1f} L{x + 4.5:.1f},{y + 4.5:.1f} M{x - 4.5:.1f},{y + 4.5:.1f} '
                f'L{x + 4.5:.1f},{y - 4.5:.1f}" stroke="{colour}" stroke-width="2.4" stroke-linecap="round"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="none" stroke="{colour}" stroke-width="2"/>'
