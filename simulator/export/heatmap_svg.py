"""The heat map drawn on the scenario graph, as one self-contained SVG.

Graphviz would lay the graph out more cleverly, but it is a program a trainer's laptop
rarely has, and the heat map must open anywhere (a browser, a slide, an e-mail). So the
layout is our own and simple: layers from the start by the longest path (loops back up
are drawn dashed at the side), endings on the bottom row, each layer ordered by where its
parents stand and wrapped onto more rows when wider than a laptop's screen. Decision boxes
list every option: its share of the group's choices as a number and a bar, coloured by the
verdict it got most often (``heatmap.VERDICT_COLOURS``), ★ for the best option there, ◆ when
picking it mostly missed an opportunity; each option's edge is as thick as its share. Texts
are cut to the width DejaVu Sans really takes (``heatmap_text``), so none runs over its box;
full texts are in tooltips (``<title>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Optional

from engine.scenario.model import NARRATOR, Scenario
from simulator.export.graph import KIND_COLOURS
from simulator.export.heatmap import TIMEOUT_COLOUR, VERDICT_COLOURS, HeatMap
from simulator.export.heatmap_text import fit, text_width
from simulator.i18n import tr

BOX_W = 380
SMALL_W = 230
ROW_H = 22
HEAD_H = 40
LINE_H = 34
END_H = 46
GAP_X = 48
GAP_Y = 56
MARGIN = 24
LEGEND_H = 64
PCT_W = 35  # the share column in an option's row ("100%" in bold 11 px)
MAX_ROW_W = 1180  # a layer wider than this wraps onto more rows: the graph fits a laptop's screen and a page
FONT = "font-family:'DejaVu Sans',Helvetica,Arial,sans-serif"


@dataclass
class Box:
    nid: str
    kind: str  # "decision", "line" or "ending"
    w: int
    h: int
    layer: int = 0
    x: float = 0.0
    y: float = 0.0

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


def _edges(s: Scenario) -> dict[str, list[str]]:
    """Every node's successors (choices, next, auto jumps), only those that are boxes."""
    known = set(s.nodes) | set(s.endings)
    out: dict[str, list[str]] = {}
    for nid, node in s.nodes.items():
        targets = [c.next for c in node.choices] + ([node.next] if node.next else []) + [a.goto for a in node.auto]
        out[nid] = list(dict.fromkeys(t for t in targets if t in known))
    for eid in s.endings:
        out[eid] = []
    return out


def _layers(s: Scenario, succ: dict[str, list[str]]) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """Layer per node (longest path from the start over forward edges) and the back edges."""
    order: list[str] = []
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    roots = [s.start] + [t.goto for t in s.triggers] + list(s.nodes) + list(s.endings)
    for root in roots:
        if root in state or root not in succ:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            nid, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[nid] = 2
                order.append(nid)
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((nid, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(succ[nxt])))
    layer = dict.fromkeys(succ, 0)
    for nid in reversed(order):  # a topological order of the forward edges
        for t in succ[nid]:
            if (nid, t) not in back:
                layer[t] = max(layer[t], layer[nid] + 1)
    last = max((layer[n] for n in s.nodes), default=0) + 1
    for eid in s.endings:
        layer[eid] = last
    return layer, back


def _boxes(heat: HeatMap) -> dict[str, Box]:
    s = heat.scenario
    boxes = {}
    for nid, node in s.nodes.items():
        if node.choices:
            nh = heat.node(nid)
            rows = len(node.choices) + (1 if nh is not None and nh.other else 0)  # + the line on older options
            boxes[nid] = Box(nid, "decision", BOX_W, HEAD_H + ROW_H * rows + 6)
        else:
            boxes[nid] = Box(nid, "line", SMALL_W, LINE_H)
    for eid in s.endings:
        boxes[eid] = Box(eid, "ending", SMALL_W, END_H)
    return boxes


def layout(heat: HeatMap, lang: str = "nl") -> tuple[dict[str, Box], set[tuple[str, str]], float, float]:
    """Boxes placed on the canvas, the back edges, and the canvas' width and height."""
    s = heat.scenario
    succ = _edges(s)
    layer, back = _layers(s, succ)
    boxes = _boxes(heat)
    rows: dict[int, list[str]] = {}
    for nid in list(s.nodes) + list(s.endings):
        boxes[nid].layer = layer[nid]
        rows.setdefault(layer[nid], []).append(nid)
    preds: dict[str, list[str]] = {n: [] for n in succ}
    for nid, targets in succ.items():
        for t in targets:
            if (nid, t) not in back:
                preds[t].append(nid)
    lines: list[list[str]] = []  # the rows as drawn: a layer too wide for MAX_ROW_W takes several
    slot: dict[str, float] = {}
    for index in sorted(rows):
        row = rows[index]
        if index:  # order by the parents' places, so edges cross less
            row.sort(key=lambda n: (sum(slot.get(p, 0.0) for p in preds[n]) / len(preds[n]) if preds[n] else 0.0))
        for line in _wrap(row, boxes):
            lines.append(line)
            x = 0.0
            for nid in line:  # provisional places, for ordering the next layer
                slot[nid] = x + boxes[nid].w / 2
                x += boxes[nid].w + GAP_X
    width = max(_used(line, boxes) for line in lines)
    width = max(width, _legend_width(heat, lang) - 2 * MARGIN)
    y = MARGIN + LEGEND_H
    for line in lines:
        x = MARGIN + (width - _used(line, boxes)) / 2
        for nid in line:
            b = boxes[nid]
            b.x, b.y = x, y
            x += b.w + GAP_X
        y += max(boxes[n].h for n in line) + GAP_Y
    return boxes, back, width + 2 * MARGIN, y - GAP_Y + MARGIN


def _used(line: list[str], boxes: dict[str, Box]) -> float:
    return sum(boxes[n].w for n in line) + GAP_X * (len(line) - 1)


def _wrap(row: list[str], boxes: dict[str, Box]) -> list[list[str]]:
    """A layer as rows no wider than ``MAX_ROW_W`` (a box wider than that gets a row of its own)."""
    out: list[list[str]] = [[]]
    for nid in row:
        if out[-1] and _used(out[-1] + [nid], boxes) > MAX_ROW_W:
            out.append([])
        out[-1].append(nid)
    return out


def _speaker(s: Scenario, speaker: Optional[str]) -> str:
    if not speaker or speaker == NARRATOR:
        return ""
    try:
        return s.resident(speaker).name.split()[0] + ": "
    except KeyError:
        return ""


def _text(x: float, y: float, text: str, size: int = 12, weight: str = "normal", fill: str = "#212121",
          anchor: str = "start") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
            f'text-anchor="{anchor}">{escape(text)}</text>')


def _legend_items(lang: str) -> list[tuple[str, str]]:
    items = [(VERDICT_COLOURS[v], tr(f"verdict_{v}", lang)) for v in ("best", "good", "inaccuracy", "mistake")]
    return items + [(VERDICT_COLOURS[""], tr("heat_not_chosen", lang)),
                    (TIMEOUT_COLOUR, tr("heat_timeouts_legend", lang))]


def _marks_legend(lang: str) -> str:
    return "★ " + tr("heat_best_legend", lang) + "   ◆ " + tr("missed_opportunity", lang)


def _title(heat: HeatMap, lang: str) -> str:
    return tr("heat_title", lang, title=heat.scenario.title.get(lang), n=heat.sessions)


def _legend_width(heat: HeatMap, lang: str) -> float:
    """The canvas the title and the legend need (a small scenario's graph may be narrower)."""
    swatches = sum(19 + text_width(label, 12) + 16 for _, label in _legend_items(lang))
    marks = text_width(_marks_legend(lang), 12)
    return 2 * MARGIN + max(text_width(_title(heat, lang), 15, True), swatches + 6 + marks)


def _legend(lang: str, heat: HeatMap) -> list[str]:
    out = [_text(MARGIN, MARGIN + 14, _title(heat, lang), 15, "bold")]
    x = MARGIN
    y = MARGIN + 40
    for colour, label in _legend_items(lang):
        out.append(f'<rect x="{x:.1f}" y="{y - 11}" width="14" height="14" rx="3" fill="{colour}"/>')
        out.append(_text(x + 19, y, label))
        x += 19 + text_width(label, 12) + 16
    out.append(_text(x + 6, y, _marks_legend(lang)))
    return out


def _decision(heat: HeatMap, b: Box, lang: str) -> list[str]:
    s = heat.scenario
    node = s.nodes[b.nid]
    nh = heat.node(b.nid)
    reached = nh.reached if nh else 0
    border = "#424242" if nh else "#bdbdbd"
    out = [f'<g><title>{escape(b.nid)}: {escape(node.text.get(lang))}</title>',
           f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w}" height="{b.h}" rx="8" fill="#ffffff" '
           f'stroke="{border}" stroke-width="{1.6 if nh else 1}"/>',
           _text(b.x + 10, b.y + 17, fit(f"[{b.nid}] {_speaker(s, node.speaker)}{node.text.get(lang)}", b.w - 20,
                                          12, True), 12, "bold"),
           _text(b.x + 10, b.y + 33, tr("heat_reached", lang, n=reached), 11, fill="#616161")]
    if nh and nh.timeouts:
        out.append(_text(b.x + b.w - 10, b.y + 33, tr("heat_timeouts", lang, n=nh.timeouts,
                                                      pct=round(100 * nh.timeout_share)),
                         11, "bold", TIMEOUT_COLOUR, "end"))
    out.append("</g>")
    inner = b.w - 20
    for i, c in enumerate(node.choices):
        oh = nh.option(c.id) if nh else None
        y = b.y + HEAD_H + i * ROW_H
        share = oh.share if oh else 0.0
        colour = oh.colour if oh and oh.times else VERDICT_COLOURS[""]
        marks = ("★" if oh and oh.best else "") + ("◆" if oh and oh.missed * 2 > oh.times > 0 else "")
        label = f"{marks + ' ' if marks else ''}{c.id} · {c.text.get(lang)}"
        tip = f"{c.id}: {c.text.get(lang)} — {oh.times if oh else 0}/{reached}"
        if oh and oh.verdict:
            tip += f" ({tr('verdict_' + oh.verdict, lang)})"
        out.append(f'<g class="option" data-node="{escape(b.nid)}" data-choice="{escape(c.id)}" '
                   f'data-share="{share:.3f}"><title>{escape(tip)}</title>')
        out.append(f'<rect x="{b.x + 10:.1f}" y="{y:.1f}" width="{inner}" height="{ROW_H - 4}" rx="3" '
                   f'fill="#f5f5f5"/>')
        if share > 0:  # the bar starts after the share column: its length is the share of the rest
            bar = inner - PCT_W - 12
            out.append(f'<rect x="{b.x + 22 + PCT_W:.1f}" y="{y:.1f}" width="{max(3.0, bar * share):.1f}" '
                       f'height="{ROW_H - 4}" rx="3" fill="{colour}" fill-opacity="0.38"/>')
        out.append(f'<rect x="{b.x + 10:.1f}" y="{y:.1f}" width="4" height="{ROW_H - 4}" fill="{colour}"/>')
        bold = share >= 0.5
        weight = "bold" if bold else "normal"
        # the share in a column of its own, right-aligned, so the group's choices read down the box
        out.append(_text(b.x + 18 + PCT_W, y + 13, f"{round(100 * share)}%", 11, "bold", anchor="end"))
        out.append(_text(b.x + 24 + PCT_W, y + 13, fit(label, inner - 20 - PCT_W, 11, bold), 11, weight))
        out.append("</g>")
    if nh and nh.other:
        out.append(_text(b.x + 10, b.y + HEAD_H + len(node.choices) * ROW_H + 12,
                         tr("heat_other", lang, n=nh.other), 10, fill="#757575"))
    return out


def _small(heat: HeatMap, b: Box, lang: str) -> list[str]:
    s = heat.scenario
    if b.kind == "ending":
        e = s.endings[b.nid]
        fill, stroke = KIND_COLOURS.get(e.kind, ("#ffffff", "#424242"))
        n = heat.endings.get(b.nid, 0)
        pct = round(100 * n / heat.sessions) if heat.sessions else 0
        return [f'<g class="ending" data-ending="{escape(b.nid)}"><title>{escape(e.title.get(lang))}</title>',
                f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w}" height="{b.h}" rx="8" fill="{fill}" '
                f'stroke="{stroke}" stroke-width="2"/>',
                _text(b.x + 10, b.y + 18, fit(f"{tr('kind_' + e.kind, lang)}: {e.title.get(lang)}", b.w - 20,
                                               12, True), 12, "bold"),
                _text(b.x + 10, b.y + 36, tr("heat_ended", lang, n=n, pct=pct), 11), "</g>"]
    node = s.nodes[b.nid]
    return [f'<g><title>{escape(b.nid)}: {escape(node.text.get(lang))}</title>',
            f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w}" height="{b.h}" rx="{b.h / 2:.0f}" fill="#fafafa" '
            f'stroke="#bdbdbd"/>',
            _text(b.x + 12, b.y + 21, fit(f"{_speaker(s, node.speaker)}{node.text.get(lang)}", b.w - 24, 11), 11,
                  fill="#424242"),
            "</g>"]


def _curve(x1: float, y1: float, x2: float, y2: float, out_right: bool) -> str:
    if out_right:
        return f"M{x1:.1f},{y1:.1f} C{x1 + 60:.1f},{y1:.1f} {x2:.1f},{y2 - 50:.1f} {x2:.1f},{y2:.1f}"
    return f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + 40:.1f} {x2:.1f},{y2 - 40:.1f} {x2:.1f},{y2:.1f}"


def _edges_svg(heat: HeatMap, boxes: dict[str, Box], back: set[tuple[str, str]]) -> list[str]:
    s = heat.scenario
    out = []
    for nid, node in s.nodes.items():
        b = boxes[nid]
        nh = heat.node(nid)
        for i, c in enumerate(node.choices):
            t = boxes.get(c.next)
            if t is None:
                continue
            oh = nh.option(c.id) if nh else None
            y = b.y + HEAD_H + i * ROW_H + (ROW_H - 4) / 2
            if (nid, c.next) in back:
                out.append(_back(b.x + b.w, y, t))
                continue
            share = oh.share if oh else 0.0
            colour = oh.colour if oh and oh.times else "#bdbdbd"
            width = 1.0 + 9.0 * share
            dash = "" if share > 0 else ' stroke-dasharray="4 4"'
            out.append(f'<path d="{_curve(b.x + b.w, y, t.cx, t.y, True)}" fill="none" stroke="{colour}" '
                       f'stroke-width="{width:.1f}" stroke-opacity="{0.45 + 0.5 * share:.2f}"{dash}/>')
        plain = ([node.next] if node.next else []) + [a.goto for a in node.auto]
        for k, target in enumerate(plain):
            t = boxes.get(target)
            if t is None:
                continue
            if (nid, target) in back:
                out.append(_back(b.x, b.y + b.h / 2, t))
                continue
            dash = ' stroke-dasharray="5 4"' if k or not node.next else ""
            out.append(f'<path d="{_curve(b.cx, b.y + b.h, t.cx, t.y, False)}" fill="none" stroke="#9e9e9e" '
                       f'stroke-width="1.4"{dash}/>')
    return out


def _back(x: float, y: float, t: Box) -> str:
    """A loop back up (an interruption that returns, a repeat): dashed, round the side."""
    side = min(x, t.x) - 30 if x <= t.x + t.w / 2 else max(x, t.x + t.w) + 30
    end = t.x if side < t.x else t.x + t.w
    return (f'<path d="M{x:.1f},{y:.1f} C{side:.1f},{y:.1f} {side:.1f},{t.y + 12:.1f} {end:.1f},{t.y + 12:.1f}" '
            'fill="none" stroke="#9e9e9e" stroke-width="1.2" stroke-dasharray="3 4"/>')


def heat_svg(heat: HeatMap, lang: str = "nl") -> str:
    """The whole heat map as an SVG document."""
    boxes, back, width, height = layout(heat, lang)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" style="{FONT}" role="img" '
             f'aria-label="{escape(_title(heat, lang))}">',
             f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>']
    parts += _legend(lang, heat)
    parts += _edges_svg(heat, boxes, back)
    for b in boxes.values():
        parts += _decision(heat, b, lang) if b.kind == "decision" else _small(heat, b, lang)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
