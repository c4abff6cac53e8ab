"""The blind rating sheet as a spreadsheet (CSV), and reading a filled one back.

CSV and not ODS or XLSX: every spreadsheet program opens it, it needs no library, and a
trainer's edits stay visible in any text editor. Written as UTF-8 with a byte order mark
(so Excel reads the accents) and ``;`` between cells for Dutch (what Dutch Excel expects),
``,`` for English. Reading accepts ``;``, ``,`` and tabs, and falls back to Windows-1252
for a file Excel saved as "CSV (gescheiden door lijstscheidingsteken)".

Layout: a first line that names the format and scenario (leave it), the rater's name and
role, the instructions and the briefing, then a table. Per decision one row with its line
(and the digest in the column ``controle``), then one row per option. The rater fills in
``volgorde`` and, if they wish, the dimension columns and ``opmerking``.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Optional

from engine.rating.items import Item
from engine.rating.ratings import SHEET_FORMAT, SHEET_VERSION, RatingError, dimension_key
from engine.scenario.dimensions import DIMENSIONS
from engine.scenario.model import Scenario
from simulator.export.ratesheet_html import LETTERS, sheet_id, speaker_name
from simulator.i18n.rating import WORDS, say

SEPARATORS = {"nl": ";", "en": ","}


def _line_text(scenario: Scenario, item: Item, lang: str) -> str:
    out = []
    if item.before:
        title = say("before" if len(item.before) == 1 else "before_paths", lang)
        said = []
        for b in item.before:
            name = speaker_name(scenario, b)
            said.append((f"{name}: " if name else "") + b.text.get(lang))
        out.append(f"{title}: " + " / ".join(said))
    who = say("prep_question", lang) if item.kind == "prep" else speaker_name(scenario, item.line)
    out.append((f"{who}: " if who else "") + f"“{item.line.text.get(lang)}”")
    for v in item.variants:
        name = speaker_name(scenario, v)
        intro = say("variant", lang, who=name) if name else say("variant_narrator", lang)
        out.append(f"{intro}: “{v.text.get(lang)}”")
    return "\n".join(out)


def render_csv(scenario: Scenario, items: tuple[Item, ...], lang: str, seed: str = "") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=SEPARATORS.get(lang, ","), lineterminator="\r\n")
    w.writerow([SHEET_FORMAT, SHEET_VERSION, scenario.id, sheet_id(scenario, seed), lang])
    w.writerow([say("rater_name", lang), ""])
    w.writerow([say("rater_role", lang), ""])
    w.writerow([say("csv_explain", lang), " ".join(say(k, lang) for k in ("sheet_intro", "sheet_csv_how"))])
    w.writerow(["", say("sheet_how_order", lang)])
    w.writerow(["", say("sheet_how_rate", lang)])
    w.writerow(["", say("sheet_how_skip", lang)])
    st = scenario.setting
    for key, texts in (("situation", [st.situation]), ("your_role", [st.your_role]), ("goals", st.goals),
                       ("mandate", st.room_to_move)):
        texts = [t for t in texts if t.variants]
        if texts:
            w.writerow([say(key, lang), "\n".join(("• " if len(texts) > 1 else "") + t.get(lang) for t in texts)])
    for r in scenario.residents:
        extra = ", ".join(x.get(lang) for x in (r.role, r.group) if x.variants)
        pos = f"\n{say('position', lang)}: {r.position.get(lang)}" if r.position.variants else ""
        w.writerow([say("residents", lang), f"{r.name}" + (f" — {extra}" if extra else "") + pos])
    for d in DIMENSIONS:
        w.writerow([say("dimensions", lang) if d is DIMENSIONS[0] else "",
                    f"{d.short.get(lang)} — {d.label.get(lang)}: {d.explanation.get(lang)}"])
    w.writerow([])
    w.writerow([say("csv_decision", lang), say("csv_option", lang), say("csv_text", lang), say("csv_order", lang),
                *(d.short.get(lang) for d in DIMENSIONS), say("csv_comment", lang), say("csv_check", lang)])
    blanks = [""] * len(DIMENSIONS)
    for n, item in enumerate(items, 1):
        head = f"{say('decision_n', lang, n=n, total=len(items))}\n{_line_text(scenario, item, lang)}"
        w.writerow([item.id, "", head, "", *blanks, "", item.digest])
        for letter, o in zip(LETTERS, item.options):
            cond = f" ({say('conditional', lang)})" if o.conditional else ""
            w.writerow([item.id, o.code, f"{letter}. {o.text.get(lang)}{cond}", "", *blanks, "", ""])
    return "\ufeff" + buf.getvalue()


# -- reading --------------------------------------------------------------------------------

def _words(key: str) -> set[str]:
    return {v.casefold() for v in WORDS[key].values()}


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _separator(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda s: counts[s]) if any(counts.values()) else ","


def read_csv(text: str, source: str) -> tuple[dict[str, Any], dict[tuple, int]]:
    """A filled CSV sheet -> (the data the HTML form would have saved, key path -> line).

    The data then goes through ``sheet_from_data`` like a JSON sheet.
    """
    rows = list(csv.reader(io.StringIO(text), delimiter=_separator(text)))
    lines: dict[tuple, int] = {}
    # csv counts a quoted newline inside a cell as part of the row; keep the file's line numbers.
    starts, line = [], 1
    for row in rows:
        starts.append(line)
        line += sum(cell.count("\n") for cell in row) + 1
    meta: Optional[list[str]] = None
    name = role = ""
    header: Optional[dict[str, int]] = None
    decisions: dict[str, dict[str, Any]] = {}
    for i, row in enumerate(rows):
        cells = [c.strip() for c in row]
        first = cells[0].casefold() if cells else ""
        if header is None:
            if first == SHEET_FORMAT:
                meta = cells
                lines[("version",)] = lines[("scenario",)] = starts[i]
            elif first in _words("rater_name") and len(cells) > 1:
                name = cells[1]
            elif first in _words("rater_role") and len(cells) > 1:
                role = cells[1]
            elif first in _words("csv_decision"):
                header = _columns(cells, source, starts[i])
            continue
        if not any(cells):
            continue
        cell = _cells(cells, header)
        d, code = cell("decision"), cell("option")
        if not d:
            continue
        answer = decisions.setdefault(d, {"order": {}, "ratings": {}, "comment": ""})
        lines.setdefault(("decisions", d), starts[i])
        if cell("comment"):
            answer["comment"] = (answer["comment"] + " / " if answer["comment"] else "") + cell("comment")
        if not code:
            if cell("check"):
                answer["digest"] = cell("check")
            continue
        if cell("order"):
            answer["order"][code] = cell("order")
            lines[("decisions", d, "order", code)] = starts[i]
            lines.setdefault(("decisions", d, "order"), starts[i])
        for dim in header:
            if dim.startswith("dim:") and cell(dim):
                answer["ratings"].setdefault(code, {})[dim[4:]] = cell(dim)
                lines[("decisions", d, "ratings", code, dim[4:])] = starts[i]
    if meta is None:
        raise RatingError(source, 1, f"not a Tussenwerker rating sheet (the first line should start with "
                                     f"{SHEET_FORMAT!r}; was it changed?)")
    if header is None:
        raise RatingError(source, len(rows) or 1, "the table's header row (beslissing/decision ...) is missing")
    version = int(meta[1]) if len(meta) > 1 and meta[1].isdigit() else None
    data = {"format": SHEET_FORMAT, "version": version, "scenario": meta[2] if len(meta) > 2 else None,
            "sheet": meta[3] if len(meta) > 3 else "", "language": meta[4] if len(meta) > 4 else "",
            "rater": {"name": name, "role": role}, "decisions": decisions}
    return data, lines


def _cells(cells: list[str], header: dict[str, int]):
    """The row's cell under a named column; empty where the row is short."""
    return lambda col: cells[header[col]] if col in header and header[col] < len(cells) else ""


def _columns(cells: list[str], source: str, line: int) -> dict[str, int]:
    names = {"decision": _words("csv_decision"), "option": _words("csv_option"), "order": _words("csv_order"),
             "comment": _words("csv_comment"), "check": _words("csv_check")}
    out: dict[str, int] = {}
    for i, cell in enumerate(cells):
        text = cell.casefold()
        for col, words in names.items():
            if text in words:
                out[col] = i
        dim = dimension_key(cell)
        if dim is not None:
            out["dim:" + dim] = i
    for col in ("decision", "option", "order"):
        if col not in out:
            raise RatingError(source, line, f"the table has no column {WORDS['csv_' + col]['nl']!r} "
                                            f"({WORDS['csv_' + col]['en']!r})")
    return out
