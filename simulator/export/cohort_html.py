"""The cohort report as one self-contained HTML file: the figures and the heat maps.

A trainer opens it in any browser, projects it in the debrief session with the group, or
mails it on: no scripts, no external fonts, images or style sheets — the heat map is
inline SVG (``heatmap_svg``). Every text from a scenario or a file is escaped.
"""

from __future__ import annotations

import time
from html import escape

from engine.scenario.dimensions import DIMENSIONS
from simulator.cohort import OVERALL
from simulator.cohort_tally import ScenarioTally, choice_text, node_text, scenario_title, stats, verdict_word
from simulator.export.heatmap import VERDICT_COLOURS, heat_of
from simulator.export.heatmap_svg import heat_svg
from simulator.i18n import sessions_said, tr

CSS = """
body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;color:#212121;margin:24px;max-width:none}
h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #e0e0e0}
h3{font-size:15px;margin:18px 0 6px} .muted{color:#616161;font-size:13px}
table{border-collapse:collapse;font-size:13px;margin:4px 0 12px} th,td{padding:3px 10px;text-align:left}
th{background:#f5f5f5} td.num{text-align:right;font-variant-numeric:tabular-nums}
tr:nth-child(even) td{background:#fafafa} .dot{display:inline-block;width:10px;height:10px;border-radius:2px;
margin-right:5px} .graph{overflow-x:auto;border:1px solid #e0e0e0;border-radius:6px;margin:8px 0 24px}
@media print{.graph{overflow:visible}}
"""


def _stats_rows(t: ScenarioTally, lang: str) -> list[str]:
    rows = []
    for key, label in [(d.key, f"{d.short.get(lang)} {d.label.get(lang)}") for d in DIMENSIONS] + \
            [(OVERALL, tr("overall", lang))]:
        mean, sd, lo, hi = stats(t.scores[key])
        strong = ' style="font-weight:bold"' if key == OVERALL else ""
        rows.append(f"<tr{strong}><td>{escape(label)}</td><td class=num>{mean}</td><td class=num>{sd}</td>"
                    f"<td class=num>{lo} – {hi}</td><td class=num>{t.best.get(key, '')}</td></tr>")
    return rows


def _list(title: str, rows: list[str]) -> list[str]:
    if not rows:
        return []
    return [f"<h3>{escape(title)}</h3>", "<table>", *rows, "</table>"]


def _scenario(t: ScenarioTally, lang: str) -> list[str]:
    out = [f"<h2>{escape(scenario_title(t, lang))} <span class=muted>({escape(t.scenario_id)})</span></h2>",
           f"<p class=muted>{escape(sessions_said(t.sessions, lang))}"
           + (f" · {escape(tr('report_replays', lang, n=t.replays))}" if t.replays else "") + "</p>",
           "<table><tr>" + "".join(f"<th>{escape(tr(k, lang))}</th>" for k in
                                   ("cohort_dimension", "cohort_mean", "cohort_sd", "cohort_range", "cohort_best"))
           + "</tr>", *_stats_rows(t, lang), "</table>"]
    endings = []
    for eid, n in t.endings.most_common():
        ending = t.scenario.endings.get(eid) if t.scenario is not None else None
        title = f"{tr('kind_' + ending.kind, lang)}: {ending.title.get(lang)}" if ending else eid
        endings.append(f"<tr><td>{escape(title)}</td><td class=num>{n}/{t.sessions}</td>"
                       f"<td class=num>{round(100 * n / t.sessions)}%</td></tr>")
    out += _list(tr("cohort_endings", lang), endings)
    mistakes = []
    for nid, cid, choice in t.flagged()[:10]:
        colour = VERDICT_COLOURS.get(choice.judged, VERDICT_COLOURS[""])
        mistakes.append(f"<tr><td class=num>{choice.times}/{t.nodes[nid].reached}</td><td>{escape(nid)}</td>"
                        f"<td>{escape(choice_text(t, nid, cid, lang) or cid)}</td><td><span class=dot "
                        f"style=\"background:{colour}\"></span>{escape(verdict_word(choice.verdict, lang))}</td></tr>")
    out += _list(tr("report_common_mistakes", lang), mistakes)
    missed = [f"<tr><td class=num>{n}/{reached}</td><td>{escape(nid)}</td>"
              f"<td>{escape(node_text(t, nid, lang))}</td><td>{escape(tr('cohort_reason_' + reason, lang))}</td></tr>"
              for nid, n, reached, reason in t.missed_opportunities()[:10]]
    out += _list(tr("cohort_missed", lang), missed)
    left = [f"<tr><td class=num>{taken}/{reached}</td><td>{escape(nid)}</td>"
            f"<td>{escape(choice_text(t, nid, cid, lang) or cid)}</td></tr>"
            for nid, cid, taken, reached in t.best_left()[:10]]
    out += _list(tr("cohort_best_left", lang), left)
    out += _list(tr("cohort_preparation", lang), _preparation(t, lang))
    out.append(f"<h3>{escape(tr('cohort_heatmap', lang))}</h3>")
    if t.scenario is None:
        out.append(f"<p>{escape(tr('cohort_no_graph', lang, id=t.scenario_id))}</p>")
    else:
        out += ['<div class="graph">', heat_svg(heat_of(t), lang), "</div>"]
    return out


def _preparation(t: ScenarioTally, lang: str) -> list[str]:
    rows = []
    prep = t.scenario.preparation if t.scenario is not None else None
    for qid, q in sorted(t.questions.items()):
        question = next((x for x in prep.questions if x.id == qid), None) if prep else None
        for cid, choice in sorted(q.choices.items(), key=lambda kv: -kv[1].times):
            option = next((o for o in question.options if o.id == cid), None) if question else None
            text = option.text.get(lang) if option else cid
            right = f" ({tr('cohort_answer_correct', lang)})" if option is not None and option.correct else ""
            rows.append(f"<tr><td>{escape(question.prompt.get(lang) if question else qid)}</td>"
                        f"<td>{escape(text)}{escape(right)}</td><td class=num>{choice.times}/{q.reached}</td></tr>")
    return rows


def render_html(report, lang: str, source: str) -> str:
    when = time.strftime("%Y-%m-%d %H:%M")
    body = [f"<h1>{escape(tr('cohort_report_title', lang))}</h1>",
            f"<p class=muted>{escape(tr('cohort_made', lang, when=when, source=source))}</p>"]
    for t in report.shown.values():
        body += _scenario(t, lang)
    return ("<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(tr('cohort_report_title', lang))}</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
