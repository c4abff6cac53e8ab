"""The rating report as Markdown and as one self-contained HTML file.

Lays out ``engine.rating.compare.Report``: the raters, a summary, a table per decision
and per dimension, then decision by decision the key beside every rater's order and
ratings, with their comments, and how to read the numbers. Nothing is computed here.
"""

from __future__ import annotations

from html import escape
from typing import Mapping, Optional

from engine.rating.compare import ALPHA_MIN, TAU_MIN, DecisionAgreement, Flag, Report
from engine.rating.items import KeyOption
from engine.rating.ratings import VERDICTS
from engine.scenario.dimensions import BY_KEY, DIMENSIONS
from engine.scenario.model import Scenario
from engine.scenario.signoff import prep_question
from simulator.i18n.rating import say

SHORT_TEXT = 110


def number(value: Optional[float], lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.2f}".replace("-", "−")
    return text.replace(".", ",") if lang == "nl" else text


def signed(value: float, lang: str) -> str:
    """A difference with its sign: +0,25 / −1 / 0."""
    if abs(value) < 0.005:
        return "0"
    text = f"{abs(value):.2f}" if not float(value).is_integer() else str(abs(int(value)))
    text = text.replace(".", ",") if lang == "nl" else text
    return ("+" if value > 0 else "−") + text


def _clip(text: str, n: int = SHORT_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def weights_text(weights: Mapping[str, int], lang: str) -> str:
    parts = [f"{d.short.get(lang)} {signed(weights[d.key], lang)}" for d in DIMENSIONS if weights.get(d.key)]
    return ", ".join(parts) or "0"


def decision_title(scenario: Scenario, decision_id: str, lang: str) -> str:
    question = prep_question(scenario, decision_id)
    if question is not None:
        return f"{say('preparation', lang)}: {_clip(question.prompt.get(lang), 90)}"
    node = scenario.nodes[decision_id]
    try:
        who = scenario.resident(node.speaker).name + ": "
    except KeyError:
        who = ""
    return f"{who}“{_clip(node.text.get(lang), 90)}”"


def _key_cell(k: KeyOption, lang: str) -> str:
    label = f", {say('label_' + k.label, lang)}" if k.label else ""
    return f"{weights_text(k.weights, lang)} ({say('total', lang)} {signed(k.total, lang)}{label})"


def _rater_cell(d: DecisionAgreement, rater: str, option: str, lang: str, verdicts: bool) -> str:
    parts = []
    place = d.orders.get(rater, {}).get(option)
    if place is not None:
        parts.append(say("verdict_" + VERDICTS[place - 1], lang) if verdicts else f"{say('place', lang)} {place}")
    ratings = d.ratings.get(rater)
    if ratings is not None:
        parts.append(weights_text(ratings.get(option, {}), lang))
    return " · ".join(parts) or "—"


def _uses_verdicts(report: Report, d: DecisionAgreement, rater: str) -> bool:
    for sheet, name in zip(report.sheets, report.raters):
        if name == rater and d.id in sheet.responses:
            return sheet.responses[d.id].order_kind == "verdict"
    return False


def flag_text(flag: Flag, lang: str) -> str:
    if flag.reason == "top":
        return say("reason_key_top", lang, v=f"{round((flag.value or 0) * 100)}%")
    return say(f"reason_{flag.kind}_{flag.reason}", lang, v=number(flag.value, lang))


def _signals(flags: tuple[Flag, ...], lang: str) -> str:
    kinds = [say("signal_" + kind, lang) for kind in ("key", "raters") if any(f.kind == kind for f in flags)]
    return ", ".join(kinds)


def _per_rater(values: Mapping[str, Optional[float]], raters: tuple[str, ...], lang: str) -> str:
    return " / ".join(number(values[r], lang) if r in values else "·" for r in raters)


class _Doc:
    """The report's parts, so Markdown and HTML say the same in the same order."""

    def __init__(self, report: Report, scenario: Scenario, lang: str):
        self.r, self.s, self.lang = report, scenario, lang

    def raters_rows(self) -> list[list[str]]:
        L = self.lang
        rows = []
        for sheet, name in zip(self.r.sheets, self.r.raters):
            rows.append([name, sheet.role or "—", sheet.saved_at[:16].replace("T", " ") or "—",
                         str(len(sheet.responses)), number(self.r.tau_key.get(name), L),
                         number(self.r.alpha_key.get(name), L)])
        return rows

    def raters_head(self) -> list[str]:
        L = self.lang
        return [say("rater_name", L), say("rater_role", L), say("saved", L), say("rated_n", L),
                say("col_tau_key", L), say("col_alpha_key", L)]

    def summary(self) -> list[str]:
        L, r = self.lang, self.r
        names = ", ".join(r.raters)
        signalled = [BY_KEY[dim.key].short.get(L) for dim in r.dimensions if dim.flags]
        dims = [say("dimension_signals", L, names=", ".join(signalled))] if signalled else []
        return [say("summary_line", L, total=len(r.decisions), flagged=len(r.flagged),
                    key=sum(1 for d in r.decisions if d.flagged("key")),
                    raters=sum(1 for d in r.decisions if d.flagged("raters"))),
                say("overall_tau", L, key=f"{_per_rater(r.tau_key, r.raters, L)} ({names})"),
                say("overall_alpha", L, raters=number(r.alpha_raters, L),
                    key=f"{_per_rater(r.alpha_key, r.raters, L)} ({names})")] + dims

    def order_note(self) -> str:
        return say("per_rater_order", self.lang, names=", ".join(self.r.raters))

    def decision_head(self) -> list[str]:
        L = self.lang
        return [say("col_decision", L), say("col_raters", L), say("col_tau_key", L), say("col_tau_raters", L),
                say("col_alpha_key", L), say("col_alpha_raters", L), say("col_signal", L)]

    def decision_rows(self) -> list[list[str]]:
        L, r = self.lang, self.r
        return [[d.id, str(len(d.raters)), _per_rater(d.tau_key, r.raters, L), number(d.tau_raters, L),
                 _per_rater(d.alpha_key, r.raters, L), number(d.alpha_raters, L), _signals(d.flags, L)]
                for d in r.decisions]

    def dimension_head(self) -> list[str]:
        L = self.lang
        return [say("col_dimension", L), say("col_units", L), say("col_alpha_raters", L), say("col_alpha_key", L),
                say("col_bias", L), say("col_signal", L)]

    def dimension_rows(self) -> list[list[str]]:
        L, r = self.lang, self.r
        rows = []
        for dim in r.dimensions:
            d = BY_KEY[dim.key]
            bias = "—" if dim.bias is None else signed(dim.bias, L)
            rows.append([f"{d.short.get(L)} — {d.label.get(L)}", str(dim.units), number(dim.alpha_raters, L),
                         _per_rater(dim.alpha_key, r.raters, L), bias, _signals(dim.flags, L)])
        return rows

    def option_head(self, d: DecisionAgreement) -> list[str]:
        return [say("option", self.lang), say("col_key", self.lang), *d.raters]

    def option_rows(self, d: DecisionAgreement) -> list[list[str]]:
        L = self.lang
        verdicts = {n: _uses_verdicts(self.r, d, n) for n in d.raters}
        return [[_clip(k.text.get(L)), _key_cell(k, L), *(_rater_cell(d, n, o, L, verdicts[n]) for n in d.raters)]
                for o, k in d.options.items()]

    def how_to_read(self) -> list[str]:
        L = self.lang
        return [say("read_tau", L), say("read_alpha", L),
                say("read_flags", L, tau=number(TAU_MIN, L), alpha=number(ALPHA_MIN, L))]


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")
    out = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


def render_md(report: Report, scenario: Scenario, lang: str, generated_at: str = "") -> str:
    doc, L = _Doc(report, scenario, lang), lang
    out = [f"# {say('report_title', L)}: {scenario.title.get(L)}", "",
           f"*{scenario.id} · {scenario.digest}{' · ' + generated_at if generated_at else ''}*", ""]
    out += [f"## {say('raters', L)}", ""] + _md_table(doc.raters_head(), doc.raters_rows()) + [""]
    out += [f"## {say('summary', L)}", ""] + [f"- {line}" for line in doc.summary()] + [""]
    if report.warnings:
        out += [f"**{say('warnings', L)}:**", ""] + [f"- {w}" for w in report.warnings] + [""]
    out += [f"## {say('per_decision', L)}", ""] + _md_table(doc.decision_head(), doc.decision_rows()) + [""]
    out += [f"*{doc.order_note()}*", ""]
    out += [f"## {say('per_dimension', L)}", ""] + _md_table(doc.dimension_head(), doc.dimension_rows()) + [""]
    out += [f"## {say('details', L)}", ""]
    for d in report.decisions:
        out += [f"### {d.id} — {decision_title(scenario, d.id, L)}", ""]
        if not d.raters:
            out += [f"*{say('not_rated', L)}*", ""]
            continue
        out += ([f"- ⚑ {flag_text(f, L)}" for f in d.flags] or [f"- {say('no_flags', L)}"]) + [""]
        out += _md_table(doc.option_head(d), doc.option_rows(d)) + [""]
        if d.comments:
            out += [f"**{say('comments', L)}:**", ""] + [f"- *{n}:* {c}" for n, c in d.comments.items()] + [""]
    out += [f"## {say('how_to_read', L)}", ""] + [f"{p}\n" for p in doc.how_to_read()]
    return "\n".join(out).rstrip() + "\n"


CSS = """
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933;
       font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 190mm; padding: 8mm 4mm; }
h1 { font-size: 18pt; margin: 0 0 2pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1.5pt solid #d5dbe3; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; }
.meta { color: #5a6571; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 4pt 0 8pt; }
th, td { text-align: left; padding: 3pt 6pt; border-bottom: 1pt solid #e4e8ee; vertical-align: top; }
th { color: #4a5560; }
tr.flag td { background: #fdf3ec; }
.signal { color: #8a3415; font-weight: 600; }
.ok { color: #1d5c40; }
.decision { border: 1pt solid #d5dbe3; border-radius: 4pt; padding: 6pt 10pt; margin: 0 0 8pt; break-inside: avoid; }
.decision.flagged { border-left: 4pt solid #c0622f; }
ul { margin: 2pt 0 6pt; padding-left: 16pt; }
.note { color: #4a5560; }
footer { margin-top: 16pt; color: #5a6571; font-size: 8pt; }
"""


def _html_table(head: list[str], rows: list[list[str]], flagged: Optional[list[bool]] = None) -> str:
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for i, row in enumerate(rows):
        cls = " class='flag'" if flagged and flagged[i] else ""
        out.append(f"<tr{cls}>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_html(report: Report, scenario: Scenario, lang: str, generated_at: str = "") -> str:
    doc, L = _Doc(report, scenario, lang), lang
    title = f"{say('report_title', L)}: {scenario.title.get(L)}"
    parts = [f"<h1>{escape(title)}</h1>",
             f"<p class='meta'>{escape(scenario.id)} · {escape(scenario.digest)}"
             f"{' · ' + escape(generated_at) if generated_at else ''}</p>",
             f"<h2>{escape(say('raters', L))}</h2>", _html_table(doc.raters_head(), doc.raters_rows()),
             f"<h2>{escape(say('summary', L))}</h2><ul>"
             + "".join(f"<li>{escape(line)}</li>" for line in doc.summary()) + "</ul>"]
    if report.warnings:
        parts.append(f"<p><b>{escape(say('warnings', L))}:</b></p><ul>"
                     + "".join(f"<li>{escape(w)}</li>" for w in report.warnings) + "</ul>")
    parts += [f"<h2>{escape(say('per_decision', L))}</h2>",
              _html_table(doc.decision_head(), doc.decision_rows(), [bool(d.flags) for d in report.decisions]),
              f"<p class='note'>{escape(doc.order_note())}</p>",
              f"<h2>{escape(say('per_dimension', L))}</h2>",
              _html_table(doc.dimension_head(), doc.dimension_rows(), [bool(d.flags) for d in report.dimensions])]
    parts.append(f"<h2>{escape(say('details', L))}</h2>")
    for d in report.decisions:
        cls = "decision flagged" if d.flags else "decision"
        parts.append(f"<section class='{cls}'><h3>{escape(d.id)} — {escape(decision_title(scenario, d.id, L))}</h3>")
        if not d.raters:
            parts.append(f"<p class='note'>{escape(say('not_rated', L))}</p></section>")
            continue
        if d.flags:
            parts.append("<ul>" + "".join(f"<li class='signal'>⚑ {escape(flag_text(f, L))}</li>" for f in d.flags)
                         + "</ul>")
        else:
            parts.append(f"<p class='ok'>{escape(say('no_flags', L))}</p>")
        parts.append(_html_table(doc.option_head(d), doc.option_rows(d)))
        if d.comments:
            parts.append(f"<p><b>{escape(say('comments', L))}:</b></p><ul>"
                         + "".join(f"<li><i>{escape(n)}:</i> {escape(c)}</li>" for n, c in d.comments.items())
                         + "</ul>")
        parts.append("</section>")
    parts.append(f"<h2>{escape(say('how_to_read', L))}</h2>"
                 + "".join(f"<p class='note'>{escape(p)}</p>" for p in doc.how_to_read()))
    parts.append(f"<footer>{escape(say('generated', L))}</footer>")
    return (f"<!DOCTYPE html>\n<html lang='{lang}'>\n<head>\n<meta charset='utf-8'>\n"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n<title>{escape(title)}</title>\n"
            f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n")
