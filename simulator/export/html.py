"""The debrief as one self-contained HTML file that prints well on A4.

Everything is inline (CSS, SVG charts; no scripts, no web fonts, no images to fetch),
so the file can be mailed, archived or printed by a trainer years later. It lays out
the data of ``export_json.debrief_data``: the same numbers and texts as the JSON and
Markdown exports and the terminal debrief.
"""

from __future__ import annotations

from html import escape
from typing import Any, Mapping, Optional

from simulator.debrief_words import missed_counts, missed_word, scale_number
from simulator.export.svgchart import progress_chart
from simulator.export.svgscale import scale_chart
from simulator.i18n import prep_heading, tr
from simulator.mood_timeline import Timeline, timeline_svg, word
from simulator.terminal.debrief_lens import data_mood_changes, left_by_option, lens_pairs, lens_steps, room_mood_line
from simulator.terminal.perspective import data_step_marks, numbers_legend

PROGRESS_SHOWN = 8  # attempts in the progress chart and table (the latest)
MOMENT_CHARS = 140  # of a resident's line in the side-by-side table (the decision cards quote it whole)

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933;
       font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 180mm; padding: 8mm 0; background: #fff; }
h1 { font-size: 19pt; margin: 0 0 2pt; line-height: 1.2; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; padding-bottom: 3pt; border-bottom: 1.5pt solid #d5dbe3;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 4pt; display: flex; gap: 6pt; align-items: baseline; flex-wrap: wrap; }
p { margin: 0 0 4pt; }
.meta { color: #5a6571; margin-bottom: 10pt; }
.ending { border-left: 4pt solid #3d6fa8; background: #f2f6fb; padding: 6pt 10pt; margin: 8pt 0; }
.ending strong { font-size: 11.5pt; }
.summary { display: flex; flex-wrap: wrap; gap: 6pt; margin: 8pt 0; align-items: center; }
.score { font-size: 15pt; font-weight: 700; margin: 10pt 0 0; }
.chip { border-radius: 9pt; padding: 1pt 8pt; font-size: 9pt; font-weight: 600; white-space: nowrap;
        border: 1pt solid transparent; }
.v-best { background: #dcefe5; color: #1d5c40; } .v-good { background: #e6f0da; color: #3f5f1d; }
.v-inaccuracy { background: #fbefd5; color: #7a5200; } .v-mistake { background: #f8ddd3; color: #8a3415; }
.v-missed { background: #fff; color: #6a3d9a; border-color: #b79ad6; }
.v-timeout { background: #e8ebf5; color: #3a4577; }
.words { font-style: italic; } .where { color: #5a6571; font-size: 9pt; }
.provoked { background: #f6f1fb; border-radius: 3pt; padding: 5pt 8pt; margin-top: 5pt; }
.room { background: #f3f5f2; border-left: 3pt solid #9fb3a6; padding: 4pt 8pt; margin-top: 5pt; }
.room .mood { color: #4a5560; font-size: 9.5pt; }
.lens { color: #3c4a6e; margin-top: 5pt; }
ul.lens-list li { margin-bottom: 3pt; } ul.lens-list .about { color: #4a5560; }
.note { color: #5a6571; font-style: italic; }
.chart { margin: 4pt 0 2pt; break-inside: avoid; page-break-inside: avoid; }
.legend { color: #5a6571; font-size: 8.5pt; }
.strength { margin: 6pt 0 0; padding-left: 16pt; }
ul.prep { list-style: none; padding: 0; margin: 0; }
ul.prep li { margin: 0 0 4pt; padding-left: 16pt; text-indent: -16pt; break-inside: avoid; }
.ok { color: #1d5c40; font-weight: 700; } .no { color: #8a3415; font-weight: 700; }
.right { color: #4a5560; display: block; text-indent: 0; }
.decision { border: 1pt solid #d5dbe3; border-radius: 4pt; padding: 7pt 10pt; margin: 0 0 7pt;
            break-inside: avoid; page-break-inside: avoid; }
.decision .step { color: #5a6571; font-weight: 600; }
.line { margin: 2pt 0 5pt; padding-left: 8pt; border-left: 2pt solid #d5dbe3; }
.who { font-weight: 600; }
dl { margin: 0; display: grid; grid-template-columns: 34mm 1fr; gap: 2pt 8pt; }
dt { color: #4a5560; font-weight: 600; }
dd { margin: 0; }
.better { background: #f3f8f4; border-radius: 3pt; padding: 5pt 8pt; margin-top: 5pt;
          grid-template-columns: calc(34mm - 8pt) 1fr; }
.better dt { color: #1d5c40; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; break-inside: avoid; }
th, td { text-align: left; padding: 3pt 6pt; border-bottom: 1pt solid #e4e8ee; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.up { color: #1d5c40; } .down { color: #8a3415; } .same { color: #5a6571; }
ol.reflect li { margin-bottom: 4pt; break-inside: avoid; }
.answer { border-bottom: 1pt dotted #aab4bf; height: 14pt; }
.answer + .answer { margin-bottom: 6pt; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8pt; margin: 0 0 5pt; }
.pair > div { border-radius: 3pt; padding: 4pt 7pt; }
.pair .mine { background: #f4f6f9; } .pair .theirs { background: #f6f1fb; font-style: italic; }
.pair .label { display: block; font-style: normal; font-weight: 600; color: #4a5560; font-size: 9pt; }
.opp-met { color: #1d5c40; } .opp-missed { color: #6a3d9a; font-weight: 600; }
.gap { color: #8a3415; font-size: 9pt; }
table.paths { table-layout: fixed; }
table.paths .n { width: 7mm; } table.paths .moment { width: 30%; color: #4a5560; font-size: 9pt; }
.same { color: #5a6571; font-style: italic; }
footer { margin-top: 16pt; color: #5a6571; font-size: 8pt; }
@media print { body { padding: 0; max-width: none; } .decision, .better { box-shadow: none; } }
"""


def _e(text: Optional[str]) -> str:
    return escape(text or "")


def _chips(d: Mapping[str, Any], lang: str) -> str:
    out = []
    if d["kind"] == "timeout":
        out.append(f'<span class="chip v-timeout">{_e(tr("verdict_timeout", lang))}</span>')
    if d["verdict"]:
        out.append(f'<span class="chip v-{d["verdict"]}">{_e(tr("verdict_" + d["verdict"], lang))}</span>')
    if d["missed_opportunity"]:
        out.append(f'<span class="chip v-missed">{_e(missed_word(d.get("missed_reason"), lang))}</span>')
    return "".join(out)


def _weights(weights: Mapping[str, int], dims: Mapping[str, str], lang: str) -> str:
    if not weights:
        return _e(tr("no_tags", lang))
    return ", ".join(f"{_e(dims[k])} {v:+d}" for k, v in weights.items() if k in dims)


def render_html(data: Mapping[str, Any]) -> str:
    lang = data["language"]
    T = lambda key, **kw: _e(tr(key, lang, **kw))  # noqa: E731
    dims = {d["key"]: d["short"] for d in data["dimensions"]}
    title = f"{tr('debrief', lang)}: {data['scenario']['title']}"
    h: list[str] = [f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>",
                    f"<h1>{_e(title)}</h1>"]
    meta = []
    session = data.get("session")
    if session:
        meta.append(T("session_n", id=session["id"]))
        if session["started_at"]:
            meta.append(_e(session["started_at"].replace("T", " ").rstrip("Z")) + " UTC")
        if session["trainee"]:
            meta.append(_e(session["trainee"]))
    residents = ", ".join(r["name"] for r in data["scenario"]["residents"])
    meta.append(f"{T('residents')}: {_e(residents)}")
    h.append(f'<p class="meta">{" · ".join(meta)}</p>')

    ending = data["ending"]
    if ending:
        h.append(f'<div class="ending"><strong>{T("ending")}: {_e(ending["title"])}</strong> '
                 f'({T("kind_" + ending["kind"])})')
        if ending["debrief"]:
            h.append(f"<p>{_e(ending['debrief'])}</p>")
        h.append("</div>")
    else:
        h.append(f'<div class="ending"><strong>{T("unfinished_note", n=len(data["decisions"]))}</strong></div>')
    overall, counts = data["overall"], data["counts"]
    h.append(f'<p class="score">{T("overall_of_best", score=overall["score"], best=overall["best"])}</p>')
    h.append('<div class="summary">')
    for verdict in ("best", "good", "inaccuracy", "mistake"):
        h.append(f'<span class="chip v-{verdict}">{T("verdict_" + verdict)}: {counts[verdict]}</span>')
    for part in missed_counts((d.get("missed_reason") for d in data["decisions"] if d["missed_opportunity"]), lang):
        h.append(f'<span class="chip v-missed">{_e(part)}</span>')
    h.append("</div>")
    if not data["exact"]:
        h.append(f'<p class="note">{T("approximate")}</p>')
    if data.get("signoff"):  # whose judgement the scores are
        h.append(f'<p class="note">{_e(data["signoff"]["note"])}</p>')
    h.extend(_paths(data, lang))
    h.extend(_dimensions(data, lang))
    h.extend(_lens(data, lang))
    h.extend(_mood_timeline(data, lang))
    h.extend(_progress(data, lang))

    prep = data["preparation"]
    if prep and prep["answers"]:
        heading = prep_heading(lang, prep["correct"], len(prep["answers"]), prep["asked"])
        h.append(f"<h2>{_e(heading)}</h2><ul class=\"prep\">")
        for a in prep["answers"]:
            mark = '<span class="ok">✓</span>' if a["correct"] else '<span class="no">✗</span>'
            right = ""
            if not a["correct"] and a["right_answer"]:
                right = f'<span class="right">{T("prep_right_answer")}: {_e(a["right_answer"])}</span>'
            h.append(f"<li>{mark} {_e(a['prompt'])}{right}</li>")
        h.append("</ul>")

    h.append(f"<h2>{T('per_decision')}</h2>")
    for d in data["decisions"]:
        phase = T("preparation") if d["kind"] == "prep" else T("meeting")
        h.append(f'<section class="decision"><h3><span class="step">{d["step"]}.</span> {phase} {_chips(d, lang)}</h3>')
        who = d["speaker_name"]
        who_html = f'<span class="who">{_e(who)}:</span> ' if who else ""
        h.append(f'<p class="line">{who_html}{_e(d["prompt"])}</p>')
        if d["thought"] and who:  # the resident's side beside the trainee's choice
            h.append(f'<div class="pair"><div class="mine"><span class="label">{_e(_move_label(d, lang))}</span>'
                     f'{_e(d["chosen"])}{_where(d, lang)}</div><div class="theirs"><span class="label">'
                     f'{T("thought", name=who.split()[0])}</span>{_e(d["thought"])}</div></div><dl>')
        else:
            h.append(f"<dl><dt>{_e(_move_label(d, lang))}</dt><dd>{_e(d['chosen'])}{_where(d, lang)}</dd>")
        if d["own_words"]:
            h.append(f'<dt>{T("own_words")}</dt><dd class="words">“{_e(d["own_words"])}”</dd>')
        if d["opportunity"]:
            met = d["opportunity_met"]
            mark = (f'<span class="{"opp-met" if met else "opp-missed"}">'
                    f'{T("opportunity_met" if met else "missed_opportunity")}</span>')
            h.append(f"<dt>{T('opportunity')}</dt><dd>{_e(d['opportunity'])} ({mark})</dd>")
        h.append(f"<dt>{T('score')}</dt><dd>{_weights(d['weights'], dims, lang)}</dd>")
        if d["feedback"]:
            h.append(f"<dt>{T('feedback')}</dt><dd>{_e(d['feedback'])}</dd>")
        h.append("</dl>")
        better = d["better"]
        if better:
            h.append(f'<dl class="better"><dt>{T("better")}</dt><dd>{_e(better["text"])}</dd>')
            if better["feedback"]:
                h.append(f"<dt>{T('why')}</dt><dd>{_e(better['feedback'])}</dd>")
            if d["missed_reason"] == "unlocked":
                h.append(f"<dt></dt><dd>{T('missed_unlocked')}</dd>")
            h.append("</dl>")
        elif d["own_words"] and d["kind"] == "meeting":  # own words beside the choice and the best one
            h.append(f'<dl class="better"><dt>{T("own_words_best")}</dt><dd>{T("best_choice_then")}</dd></dl>')
        if d["provoked"]:
            h.append(f'<p class="provoked"><strong>{T("provoked")}:</strong> {T("missed_provocation")}</p>')
        h.extend(_decision_lens(d, lang))
        h.extend(_room(data, d, lang))
        h.append("</section>")

    if data["tips"]:
        h.append(f"<h2>{T('tips')}</h2><ul>" + "".join(f"<li>{_e(t['text'])}</li>" for t in data["tips"]) + "</ul>")
    else:
        h.append(f"<h2>{T('tips')}</h2><p>{T('no_tips')}</p>")
    h.append(f'<h2>{T("reflection")}</h2><ol class="reflect">')
    for q in data["reflection"]:
        h.append(f'<li>{_e(q)}<div class="answer"></div><div class="answer"></div></li>')
    h.append("</ol>")
    stamp = (data.get("generated_at") or "")[:10]
    h.append(f"<footer>Tussenwerker · {_e(data['scenario']['id'])} · {stamp}</footer>\n</body>\n</html>\n")
    return "\n".join(h)


def _move_label(d: Mapping[str, Any], lang: str) -> str:
    return tr("your_move" if d["kind"] == "timeout" else "your_choice", lang)


def _where(d: Mapping[str, Any], lang: str) -> str:
    """Where the trainee saw the option ("you saw it as option 3 of 4"): the order is shuffled per session."""
    if d["shown_as"] is None or not d["offered"]:
        return ""
    key = "shown_as_answer" if d["kind"] == "prep" else "shown_as"
    return f' <span class="where">({_e(tr(key, lang, n=d["shown_as"], total=len(d["offered"])))})</span>'


def _dimensions(data: Mapping[str, Any], lang: str) -> list[str]:
    """One figure per dimension: the 1-5 scale, with the trainee's own estimate on the same track,
    then strongest and what to work on (or that there is nothing to)."""
    T = lambda key, **kw: _e(tr(key, lang, **kw))  # noqa: E731
    rating = data.get("self_rating")
    own = {r["key"]: r for r in rating["rows"]} if rating else {}
    rows = []

    def add(key: str, label: str, scale: Any, bold: bool = False, trained: bool = True) -> None:
        r = own.get(key)
        mine = r["own"] if r is not None else None
        text = tr("not_trained", lang) if not trained or scale is None else scale_number(scale, lang)
        if mine is not None and scale is not None:
            text = f"{tr('scale_own', lang)} {mine} · {text}"
        rows.append({"label": label, "scale": scale if trained else None, "own": mine, "text": text, "bold": bold})

    add("overall", tr("overall", lang), data["overall"]["scale"], bold=True)
    for d in data["dimensions"]:
        add(d["key"], f"{d['short']} · {d['label']}", d["scale"], trained=d["trained"])
    h = [f"<h2>{T('scale_title')}</h2>"]
    chart = scale_chart(rows, {"own": tr("scale_own", lang), "measured": tr("scale_measured", lang)},
                        tr("scale_title", lang))
    h.append(f'<div class="chart">{chart}</div>')
    h.append(f'<p class="legend">{T("scale_legend")}</p>')
    notes = [f'{_e(tr("sr_higher" if r["gap"] > 0 else "sr_lower", lang))}: '
             f'{_e(next((d["short"] for d in data["dimensions"] if d["key"] == k), tr("overall", lang)))}'
             for k, r in own.items() if r["notable"]]
    if notes:
        h.append(f'<p class="gap">{"; ".join(notes)}</p>')
    if rating:
        for key, label in (("plus", "sr_plus"), ("delta", "sr_delta")):
            if rating[key]:
                h.append(f"<p><strong>{T(label)}:</strong> {_e(rating[key])}</p>")
    by_key = {d["key"]: d for d in data["dimensions"]}
    strengths = []
    if data["strongest"]:
        d = by_key[data["strongest"]]
        strengths.append(f"<li><strong>{T('strongest')}:</strong> {_e(d['short'])} — {_e(d['label'])}</li>")
    for key in data["weakest"]:
        d = by_key[key]
        strengths.append(f"<li><strong>{T('weakest')}:</strong> {_e(d['short'])} — {_e(d['label'])}</li>")
    if not data["weakest"]:
        strengths.append(f"<li><strong>{T('weakest')}:</strong> {T('nothing_to_work_on')}</li>")
    h.append(f'<ul class="strength">{"".join(strengths)}</ul>')
    return h


def _lens(data: Mapping[str, Any], lang: str) -> list[str]:
    """Beside the nine dimensions, never in a score: per lens tag where it was made and left."""
    if not data.get("lens"):
        return []
    items = "".join(f'<li><strong>{_e(lens["name"])}</strong> <span class="about">({_e(lens["about"])})</span>: '
                    f'{_e(lens_steps(lens, lang))}</li>' for lens in data["lens"])
    return [f"<h2>{_e(tr('lens_title', lang))}</h2>", f'<p class="legend">{_e(tr("lens_legend", lang))}</p>',
            f'<ul class="lens-list">{items}</ul>']


def _decision_lens(d: Mapping[str, Any], lang: str) -> list[str]:
    lens = d.get("lens")
    if not lens:
        return []
    left = [(tags, text) for _, tags, text in left_by_option(lens["missed"])]
    return [f'<p class="lens"><strong>{_e(tr("lens_short", lang))}: {_e(label)}:</strong> {_e(text)}</p>'
            for label, text in lens_pairs(lens["made"], left, lang)]


def _room(data: Mapping[str, Any], d: Mapping[str, Any], lang: str) -> list[str]:
    """How the room reacted right after this move."""
    room = d.get("room")
    if not room:
        return []
    texts = [r["text"] for r in room["reactions"] if r["text"]] or [tr("room_reacted_silent", lang)]
    mood = room_mood_line(data_mood_changes(data, d["mood_after"], room["mood_after"], lang), lang) \
        if room["mood_after"] is not None else None
    extra = f'<br><span class="mood">{_e(mood)}</span>' if mood else ""
    return [f'<p class="room"><strong>{_e(tr("room_reacted", lang))}:</strong> {_e(" ".join(texts))}{extra}</p>']


def _progress(data: Mapping[str, Any], lang: str) -> list[str]:
    """The total over attempts (the unit of "beste haalbaar"), per dimension only which way it went."""
    progress = data["progress"]
    if not progress:
        return []
    T = lambda key, **kw: _e(tr(key, lang, **kw))  # noqa: E731
    h = [f"<h2>{T('progress', n=len(progress['attempts']))}</h2>"]
    attempts = progress["attempts"][-PROGRESS_SHOWN:]
    first = len(progress["attempts"]) - len(attempts) + 1
    numbers = [str(i) for i in range(first, first + len(attempts))]
    values = [a["overall"] for a in attempts]
    h.append(f'<div class="chart">{progress_chart(values, numbers, tr("progress", lang, n=len(values)))}</div>')
    overall = next(t for t in progress["trends"] if t["label"] is None)
    h.append(f"<p>{T('overall')}: {' → '.join(str(v) for v in overall['values'][-PROGRESS_SHOWN:])} "
             f"({T('progress_since_first', sign=format(overall['since_first'], '+d'))})</p>")
    ways = []
    for t in progress["trends"]:
        if t["label"] is None or not any(t["values"]):
            continue
        way = "up" if t["since_first"] > 0 else "down" if t["since_first"] < 0 else "same"
        ways.append(f'<span class="{way}">{_e(t["label"])} {T("trend_" + way)}</span>')
    if ways:
        h.append(f"<p>{T('progress_dims')}: {', '.join(ways)}</p>")
    return h


def _cell(side: Optional[Mapping[str, Any]], lang: str, elsewhere: bool = False) -> str:
    if side is None:
        return f'<span class="same">{_e(tr("paths_not_here" if elsewhere else "paths_over", lang))}</span>'
    return f"{_e(side['chosen'])} {_chips(side, lang)}"


def _paths(data: Mapping[str, Any], lang: str) -> list[str]:
    """A replay's two paths side by side, from the decision it started at."""
    paths = data.get("paths")
    if not paths:
        return []
    first = tr("paths_first_n", lang, id=paths["first_session"]) if paths["first_session"] else \
        tr("paths_first", lang)
    h = [f"<h2>{_e(tr('paths_title', lang, n=paths['branch_step']))}</h2>"]
    if paths["first_difference"] is None:
        h.append(f'<p class="note">{_e(tr("paths_identical", lang))}</p>')
    marks = data_step_marks(paths)
    legend = numbers_legend([(m["first"], m["second"]) for m in marks], lang)
    if legend:
        h.append(f'<p class="note">{_e(legend)}</p>')
    wide = ' style="width: 13mm"' if legend else ""  # room for "14/10."
    h.append(f'<table class="paths"><tr><th class="n"{wide}></th><th class="moment"></th><th>{_e(first)}</th>'
             f'<th>{_e(tr("paths_second", lang))}</th></tr>')
    for step, mark in zip(paths["steps"], marks):
        anchor = step["first"] or step["second"]
        both = step["first"] is not None and step["second"] is not None
        if step["same_moment"] or not both:
            who = f"{anchor['speaker_name']}: " if anchor["speaker_name"] else ""
            line = anchor["prompt"] if len(anchor["prompt"]) <= MOMENT_CHARS else \
                anchor["prompt"][:MOMENT_CHARS - 1].rstrip() + "…"
            moment = _e(who + line)
        else:
            moment = _e(tr("paths_other_moment", lang))
        if step["same_choice"]:
            cells = f'<td colspan="2">{_cell(step["first"], lang)} <span class="same">' \
                    f'({_e(tr("paths_same_choice", lang))})</span></td>'
        else:
            cells = f"<td>{_cell(step['first'], lang, mark['first_elsewhere'])}</td>" \
                    f"<td>{_cell(step['second'], lang, mark['second_elsewhere'])}</td>"
        number = f'<td class="n" style="white-space: nowrap">{_e(mark["number"])}.</td>'
        h.append(f'<tr>{number}<td class="moment">{moment}</td>{cells}</tr>')
    endings = [e["title"] if e else tr("unfinished_short", lang)
               for e in (paths["first_ending"], paths["second_ending"])]
    h.append(f'<tr><td></td><td><strong>{_e(tr("ending", lang))}</strong></td><td>{_e(endings[0])}</td>'
             f"<td>{_e(endings[1])}</td></tr></table>")
    dims = {d["key"]: d["short"] for d in data["dimensions"]}
    h.append(f'<table><tr><th></th><th class="num">{_e(first)}</th><th class="num">'
             f'{_e(tr("paths_second", lang))}</th><th class="num"></th></tr>')
    t = next(t for t in paths["totals"] if t["key"] == "overall")
    trend = "up" if t["change"] > 0 else "down" if t["change"] < 0 else "same"
    h.append(f"<tr><td>{_e(tr('overall', lang))}</td><td class=\"num\">{t['first']}</td>"
             f"<td class=\"num\">{t['second']}</td><td class=\"num {trend}\">{t['change']:+d}</td></tr>")
    h.append("</table>")
    ways = []  # per dimension only which way it went: its one figure is its place on the 1-5 scale
    for t in paths["totals"]:
        if t["key"] == "overall" or t["first"] == t["second"] == 0:
            continue
        way = "up" if t["change"] > 0 else "down" if t["change"] < 0 else "same"
        ways.append(f'<span class="{way}">{_e(dims[t["key"]])} {_e(tr("trend_" + way, lang))}</span>')
    if ways:
        h.append(f"<p>{_e(tr('paths_dims', lang))}: {', '.join(ways)}</p>")
    return h


def _mood_timeline(data: Mapping[str, Any], lang: str) -> list[str]:
    """Each resident's mood over the decisions, the trainee's best moves and mistakes marked (inline SVG)."""
    timeline = Timeline.from_data(data)
    if timeline is None or timeline.empty:
        return []
    return [f"<h2>{_e(word('title', lang))}</h2>", f'<div class="chart">{timeline_svg(timeline, lang)}</div>',
            f'<p class="legend">{_e(word("note", lang))}</p>']
