"""The dialogue graph as Mermaid or Graphviz DOT text, and rendered to SVG/PNG with ``dot``.

Authors want to see their scenario at a glance: who says what, which choices lead
where, which jumps are automatic, and how each ending turns out. ``transitions``' own
diagram extension draws the machine's states and event names (``choice_0``), not
speakers, lines and ending kinds, and needs the ``graphviz`` Python package; writing
the text ourselves is short and has no dependency. Rendering to an image uses the
Graphviz ``dot`` program when it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from engine.scenario.model import NARRATOR, RETURN, Scenario
from simulator.export.heatmap import VERDICT_COLOURS

if TYPE_CHECKING:
    from simulator.export.heatmap import HeatMap

LABEL_CHARS = 48
CHOICE_CHARS = 28
# Fill and border per ending kind: green agrees, amber half, grey later, red escalates.
KIND_COLOURS = {
    "agreement": ("#c8e6c9", "#2e7d32"),
    "partial": ("#fff3c4", "#b28704"),
    "postponed": ("#e0e0e0", "#616161"),
    "escalation": ("#ffcdd2", "#c62828"),
}
RENDER_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf"}


def short(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    one = " ".join(text.split())
    if len(one) <= limit:
        return one
    cut = one[: limit - 1].rsplit(" ", 1)[0].rstrip(".,;:")
    return (cut or one[: limit - 1]) + "…"


def _speaker(s: Scenario, speaker: Optional[str]) -> str:
    if speaker is None or speaker == NARRATOR:
        return ""
    try:
        return s.resident(speaker).name.split()[0]
    except KeyError:
        return speaker


def _edges(s: Scenario, lang: str) -> list[tuple[str, str, str, str, Optional[str]]]:
    """(from, to, label, style, choice id) with style ``choice``, ``next``, ``auto`` or ``trigger``."""
    out: list[tuple[str, str, str, str, Optional[str]]] = []
    for nid, node in s.nodes.items():
        for a in node.auto:
            out.append((nid, a.goto, short(a.when.source, CHOICE_CHARS), "auto", None))
        if node.next is not None:
            out.append((nid, node.next, "", "next", None))
        for c in node.choices:
            label = c.id  # authors know their choices by id; the line is in the node it answers
            if c.when is not None:
                label += f" [{short(c.when.source, CHOICE_CHARS)}]"
            out.append((nid, c.next, label, "choice", c.id))
    for t in s.triggers:
        label = short(t.when.source, CHOICE_CHARS)
        out.append(("__triggers__", t.goto, label + _w("interrupts", lang) if t.interrupts else label, "trigger", None))
    # Each ``return`` goes back to wherever its interruption began: its own end, not one shared box
    # that would draw every interruption as leading into every other.
    return [(src, _back(src) if dst == RETURN else dst, label, style, cid) for src, dst, label, style, cid in out]


# The graph's own words, in the language of its lines (a trainer reading Dutch lines reads Dutch labels).
_WORDS = {
    "start": {"nl": "start", "en": "start"},
    "after": {"nl": "na elke keuze", "en": "after any choice"},
    "interrupts": {"nl": " · onderbreekt, en keert terug", "en": " · interrupts, then returns"},
    "back": {"nl": "terug naar waar onderbroken werd", "en": "back to where it was interrupted"},
    "agreement": {"nl": "akkoord", "en": "agreement"},
    "partial": {"nl": "gedeeltelijk", "en": "partial"},
    "postponed": {"nl": "uitgesteld", "en": "postponed"},
    "escalation": {"nl": "escalatie", "en": "escalation"},
}


def _w(key: str, lang: str) -> str:
    words = _WORDS.get(key)
    return key if words is None else words.get(lang, words["en"])


_BACK_PREFIX = "__return__"


def _back(src: str) -> str:
    return _BACK_PREFIX + src


def _backs(s: Scenario) -> list[str]:
    """The ``return`` ends the graph draws, one per node that says ``return``."""
    return [_back(nid) for nid, node in s.nodes.items() if node.says_return]


def _node_label(s: Scenario, nid: str, lang: str) -> str:
    if nid in s.endings:
        e = s.endings[nid]
        return f"{_w(e.kind, lang)}: {short(e.title.get(lang), LABEL_CHARS)}"
    node = s.nodes[nid]
    who = _speaker(s, node.speaker)
    line = short(node.text.get(lang), LABEL_CHARS)
    return f"{who}: {line}" if who else f"({line})"


# -- Mermaid ---------------------------------------------------------------------------
def _mermaid_ids(s: Scenario) -> dict[str, str]:
    ids: dict[str, str] = {"__start__": "start", "__triggers__": "triggers"}
    used = set(ids.values())
    for nid in list(s.nodes) + list(s.endings) + _backs(s):
        prefix, name = ("r_", nid[len(_BACK_PREFIX):]) if nid.startswith(_BACK_PREFIX) else ("n_", nid)
        base = prefix + re.sub(r"[^A-Za-z0-9_]", "_", name)
        name, k = base, 2
        while name in used:
            name, k = f"{base}_{k}", k + 1
        ids[nid] = name
        used.add(name)
    return ids


def _mq(text: str) -> str:
    """Text inside Mermaid's double quotes (entity codes for the characters it would misread)."""
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;")  # so no HTML tag can open


def to_mermaid(s: Scenario, lang: str = "nl", heat: Optional["HeatMap"] = None) -> str:
    """The graph as a Mermaid flowchart. With ``heat`` (a cohort's ``HeatMap``) it is the heat map:
    each decision says how often the group chose there, each option's edge its share and (★) whether
    it was the best option, coloured by its verdict and as thick as its share (``linkStyle``)."""
    ids = _mermaid_ids(s)
    begin = f'{_w("start", lang)}: {_mq(s.title.get(lang))}'
    out = ["flowchart TD", f'  {ids["__start__"]}(["{begin}"]) --> {ids[s.start]}']
    for nid, node in s.nodes.items():
        text = f"[{nid}] {_node_label(s, nid, lang)}"
        reached = heat.node(nid) if heat is not None else None
        if reached is not None:
            text += f" · n={reached.reached}" + (f" · time-out {reached.timeouts}" if reached.timeouts else "")
        shape = ('["', '"]') if node.choices else ('("', '")')
        out.append(f"  {ids[nid]}{shape[0]}{_mq(text)}{shape[1]}")
    for eid, ending in s.endings.items():
        text = f"[{eid}] {_node_label(s, eid, lang)}"
        if heat is not None:
            text += f" · n={heat.endings.get(eid, 0)}"
        out.append(f'  {ids[eid]}[["{_mq(text)}"]]:::{ending.kind}')
    if s.triggers:
        out.append(f'  {ids["__triggers__"]}{{{{"{_w("after", lang)}"}}}}')
    for back in _backs(s):
        out.append(f'  {ids[back]}(["{_w("back", lang)}"]):::back')
    styles: list[str] = []
    for index, (src, dst, label, style, choice_id) in enumerate(_edges(s, lang), start=1):
        arrow = {"choice": "-->", "next": "-->", "auto": "-.->", "trigger": "-.->"}[style]
        if heat is not None and choice_id is not None:
            label, colour, width = _heat_edge(heat, src, choice_id, label)
            styles.append(f"  linkStyle {index} stroke:{colour},stroke-width:{width}px")
        text = f'|"{_mq(label)}"|' if label else ""
        out.append(f"  {ids[src]} {arrow}{text} {ids.get(dst, dst)}")
    for kind, (fill, stroke) in KIND_COLOURS.items():
        out.append(f"  classDef {kind} fill:{fill},stroke:{stroke},stroke-width:2px")
    out.append("  classDef back fill:#ffffff,stroke:#9e9e9e,stroke-dasharray:3 3")
    return "\n".join(out + styles) + "\n"


def _heat_edge(heat: "HeatMap", node_id: str, choice_id: str, label: str) -> tuple[str, str, int]:
    """An option's edge in the heat map: its label with the share, its colour and width."""
    node = heat.node(node_id)
    option = node.option(choice_id) if node is not None else None
    if option is None:
        return label, VERDICT_COLOURS[""], 1
    mark = " ★" if option.best else ""
    colour = option.colour if option.times else VERDICT_COLOURS[""]
    return f"{label} {round(100 * option.share)}%{mark}", colour, 1 + round(8 * option.share)


# -- DOT -------------------------------------------------------------------------------
def _dq(*lines: str) -> str:
    """A quoted DOT string; several lines are joined with DOT's own line break."""
    return '"' + "\\n".join(t.replace("\\", "\\\\").replace('"', '\\"') for t in lines) + '"'


def to_dot(s: Scenario, lang: str = "nl") -> str:
    out = [
        f"digraph {_dq(s.id)} {{",
        f"  label={_dq(s.title.get(lang))}; labelloc=t; fontname=Helvetica; rankdir=TB;",
        "  node [fontname=Helvetica, fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f5\"];",
        "  edge [fontname=Helvetica, fontsize=9];",
        f'  "__start__" [label={_dq(_w("start", lang))}, shape=circle, style=filled, fillcolor="#90caf9", width=0.4];',
        f'  "__start__" -> {_dq(s.start)};',
    ]
    for nid, node in s.nodes.items():
        extra = ', fillcolor="#ffffff"' if node.choices else ""
        if node.opportunity is not None:
            extra += ', color="#1565c0", penwidth=2'
        out.append(f"  {_dq(nid)} [label={_dq(nid, _node_label(s, nid, lang))}{extra}];")
    for eid, ending in s.endings.items():
        fill, stroke = KIND_COLOURS.get(ending.kind, ("#ffffff", "#000000"))
        out.append(f"  {_dq(eid)} [label={_dq(eid, _node_label(s, eid, lang))}, shape=box, "
                   f'style="filled,bold", fillcolor="{fill}", color="{stroke}"];')
    if s.triggers:
        out.append(f'  "__triggers__" [label={_dq(_w("after", lang))}, shape=hexagon, style=dashed];')
    for back in _backs(s):
        out.append(f'  {_dq(back)} [label={_dq(_w("back", lang))}, shape=box, style="rounded,dashed", fontsize=9];')
    for src, dst, label, style, _ in _edges(s, lang):
        attrs = [f"label={_dq(label)}"] if label else []
        if style in ("auto", "trigger"):
            attrs.append("style=dashed")
        out.append(f"  {_dq(src)} -> {_dq(dst)}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    out.append("}")
    return "\n".join(out) + "\n"


def render(dot_text: str, out: str) -> tuple[Optional[bytes], Optional[str]]:
    """Render DOT text for ``out`` (.svg, .png or .pdf) with Graphviz: (the image, None) or
    (None, a one-line problem). The caller writes the image (``dot`` never opens ``out`` itself,
    so it can't replace a file the safe writer would refuse)."""
    fmt = RENDER_FORMATS.get(Path(out).suffix.lower())
    if fmt is None:
        return None, f"{out}: can only render .svg, .png or .pdf"
    dot = shutil.which("dot")
    if dot is None:
        return None, (f"{out}: rendering needs Graphviz's 'dot' program, which is not installed "
                      "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz; "
                      "Windows: winget install graphviz) — or leave out --out to print the text")
    try:
        done = subprocess.run([dot, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True,
                              check=True, timeout=120)
    except subprocess.CalledProcessError as exc:
        first = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        return None, f"{out}: dot failed: {first[0] if first else exc.returncode}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"{out}: dot failed: {exc}"
    return done.stdout, None
