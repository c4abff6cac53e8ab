"""The debrief as Markdown, for pasting into a portfolio, a wiki or an e-mail.

Lays out the data of ``export_json.debrief_data`` (the same the JSON and HTML exports
carry) with the interface's words in the debrief's language.
"""

from __future__ import annotations

from typing import Any, Mapping

from .i18n import tr
from .safetext import md_text


def _verdict(d: Mapping[str, Any], lang: str) -> str:
    parts = [tr(f"verdict_{d['verdict']}", lang)] if d["verdict"] else []
    if d["missed_opportunity"]:
        parts.append(tr("missed_opportunity", lang))
    return " · ".join(parts)


def _weights(weights: Mapping[str, int], dims: Mapping[str, str], lang: str) -> str:
    if not weights:
        return tr("no_tags", lang)
    return ", ".join(f"{dims[k]} {v:+d}" for k, v in weights.items() if k in dims)


def _quote(text: str) -> str:
    """Scenario or trainee text, shown as written: escaped, one line (tables and quotes stay intact)."""
    return md_text(text)


def render_md(data: Mapping[str, Any]) -> str:
    lang = data["language"]
    dims = {d["key"]: d["short"] for d in data["dimensions"]}
    out: list[str] = [f"# {tr('debrief', lang)}: {_quote(data['scenario']['title'])}", ""]
    session = data.get("session")
    if session:
        who = f" · {_quote(session['trainee'])}" if session["trainee"] else ""
        out += [f"*{tr('session_n', lang, id=session['id'])} · {session['started_at']}{who}*", ""]
    ending = data["ending"]
    if ending:
        out.append(f"**{tr('ending', lang)}: {_quote(ending['title'])}** ({tr('kind_' + ending['kind'], lang)})")
        if ending["debrief"]:
            out += ["", f"> {_quote(ending['debrief'])}"]
        out.append("")
    overall = data["overall"]
    out.append(tr("overall_of_best", lang, score=overall["score"], best=overall["best"]))
    counts = data["counts"]
    line = tr("verdict_counts", lang, **counts)
    if counts["missed_opportunity"]:
        line += f" · {tr('missed_opportunity', lang)}: {counts['missed_opportunity']}"
    out += ["", line, ""]
    if not data["exact"]:
        out += [f"*{tr('approximate', lang)}*", ""]
    if data.get("signoff"):  # whose judgement the scores are
        out += [f"*{data['signoff']['note']}*", ""]
    out += _rating(data, lang) + _paths(data, lang)

    prep = data["preparation"]
    if prep and prep["answers"]:
        out += [f"## {tr('prep_result', lang, correct=prep['correct'], total=prep['asked'])}", ""]
        for a in prep["answers"]:
            mark = "✓" if a["correct"] else "✗"
            out.append(f"- {mark} {_quote(a['prompt'])}")
            if not a["correct"] and a["right_answer"]:
                out.append(f"  - {tr('prep_right_answer', lang)}: {_quote(a['right_answer'])}")
        out.append("")

    out += [f"## {tr('per_decision', lang)}", ""]
    for d in data["decisions"]:
        phase = tr("preparation", lang) if d["kind"] == "prep" else tr("meeting", lang)
        verdict = _verdict(d, lang)
        out.append(f"### {d['step']}. {phase}{' — ' + verdict if verdict else ''}")
        out.append("")
        who = d["speaker_name"]
        out.append(f"> {'**' + _quote(who) + ':** ' if who else ''}{_quote(d['prompt'])}")
        out.append("")
        if d["thought"] and who:
            out.append(f"- **{_quote(tr('thought', lang, name=who.split()[0]))}:** *{_quote(d['thought'])}*")
        out.append(f"- **{tr('your_choice', lang)}:** {_quote(d['chosen'])}")
        if d["opportunity"]:
            mark = tr("opportunity_met" if d["opportunity_met"] else "missed_opportunity", lang)
            out.append(f"- **{tr('opportunity', lang)}:** {_quote(d['opportunity'])} ({mark})")
        out.append(f"- **{tr('score', lang)}:** {_weights(d['weights'], dims, lang)}")
        if d["feedback"]:
            out.append(f"- **{tr('feedback', lang)}:** {_quote(d['feedback'])}")
        better = d["better"]
        if better:
            out.append(f"- **{tr('better', lang)}:** {_quote(better['text'])}")
            if better["feedback"]:
                out.append(f"  - {tr('why', lang)}: {_quote(better['feedback'])}")
            if d["missed_reason"] == "unlocked":
                out.append(f"  - {tr('missed_unlocked', lang)}")
        out.append("")

    out += [f"## {tr('per_dimension', lang)}", "",
            f"| | {tr('score_col', lang)} | {tr('best_col', lang)} | % | route |", "|---|---:|---:|---:|---:|"]
    for d in data["dimensions"]:
        name = f"{d['short']} — {d['label']}"
        if not d["trained"]:
            out.append(f"| {name} | {d['score']} | – | {tr('not_trained', lang)} | |")
            continue
        pct = "" if d["percent"] is None else f"{d['percent']:.0f}"
        out.append(f"| {name} | {d['score']} | {d['best']} | {pct} | {d['route_best']} |")
    out.append(f"| **{tr('overall', lang)}** | **{overall['score']}** | {overall['best']} | "
               f"{'' if overall['percent'] is None else format(overall['percent'], '.0f')} | |")
    out += ["", f"*{tr('route_legend', lang)}*", ""]
    by_key = {d["key"]: d for d in data["dimensions"]}
    if data["strongest"]:
        d = by_key[data["strongest"]]
        out.append(f"- **{tr('strongest', lang)}:** {d['short']} — {d['label']}")
    for key in data["weakest"]:
        d = by_key[key]
        out.append(f"- **{tr('weakest', lang)}:** {d['short']} — {d['label']}")
    out.append("")

    progress = data["progress"]
    if progress:
        out += [f"## {tr('progress', lang, n=len(progress['attempts']))}", ""]
        for t in progress["trends"]:
            name = t["label"] or tr("overall", lang)
            series = " → ".join(str(v) for v in t["values"])
            out.append(f"- {name}: {series} ({t['since_first']:+d})")
        out.append("")

    out += [f"## {tr('tips', lang)}", ""] + [f"- {_quote(t['text'])}" for t in data["tips"]] + [""]
    out += [f"## {tr('reflection', lang)}", ""]
    out += [f"{i}. {_quote(q)}" for i, q in enumerate(data["reflection"], 1)]
    return "\n".join(out) + "\n"


def _rating(data: Mapping[str, Any], lang: str) -> list[str]:
    """The trainee's own rating beside the measurement (Plus-Delta)."""
    rating = data.get("self_rating")
    if not rating:
        return []
    labels = {d["key"]: f"{d['short']} — {d['label']}" for d in data["dimensions"]}
    out = [f"## {tr('sr_section', lang)}", "",
           f"| | {tr('sr_own', lang)} | {tr('sr_measured', lang)} | % | |", "|---|---:|---:|---:|---|"]
    for row in rating["rows"]:
        name = labels.get(row["key"], tr("overall", lang))
        own = "–" if row["own"] is None else str(row["own"])
        measured = "–" if row["measured"] is None else str(row["measured"])
        pct = "" if row["percent"] is None else f"{row['percent']:.0f}"
        note = ""
        if row["notable"]:
            note = tr("sr_higher" if row["gap"] > 0 else "sr_lower", lang)
        out.append(f"| {name} | {own} | {measured} | {pct} | {note} |")
    out.append("")
    for key, label in (("plus", "sr_plus"), ("delta", "sr_delta")):
        if rating[key]:
            out.append(f"- **{tr(label, lang)}:** {_quote(rating[key])}")
    out += ["", f"*{tr('sr_legend', lang)}*", ""]
    return out


def _choice_cell(side: Any, lang: str) -> str:
    if side is None:
        return tr("paths_over", lang)
    marks = [tr(f"verdict_{side['verdict']}", lang)] if side["verdict"] else []
    if side["missed_opportunity"]:
        marks.append(tr("missed_opportunity", lang))
    return _quote(side["chosen"]) + (f" *({', '.join(marks)})*" if marks else "")


def _paths(data: Mapping[str, Any], lang: str) -> list[str]:
    """A replay's two paths side by side, from the decision it started at."""
    paths = data.get("paths")
    if not paths:
        return []
    first = tr("paths_first_n", lang, id=paths["first_session"]) if paths["first_session"] else \
        tr("paths_first", lang)
    second = tr("paths_second", lang)
    out = [f"## {tr('paths_title', lang, n=paths['branch_step'])}", ""]
    if paths["first_difference"] is None:
        out += [tr("paths_identical", lang), ""]
    out += [f"| # | | {first} | {second} |", "|---:|---|---|---|"]
    for step in paths["steps"]:
        anchor = step["first"] or step["second"]
        who = f"**{_quote(anchor['speaker_name'])}:** " if anchor["speaker_name"] else ""
        moment = f"{who}{_quote(anchor['prompt'])}" if step["same_moment"] or not (step["first"] and step["second"]) \
            else tr("paths_other_moment", lang)
        out.append(f"| {step['step']} | {moment} | {_choice_cell(step['first'], lang)} | "
                   f"{_choice_cell(step['second'], lang)} |")
    ending = {k: (_quote(e["title"]) if e else tr("unfinished_short", lang))
              for k, e in (("first", paths["first_ending"]), ("second", paths["second_ending"]))}
    out.append(f"| | **{tr('ending', lang)}** | {ending['first']} | {ending['second']} |")
    out += ["", f"| | {first} | {second} | |", "|---|---:|---:|---:|"]
    dims = {d["key"]: d["short"] for d in data["dimensions"]}
    for t in paths["totals"]:
        if t["first"] == t["second"] == 0:
            continue
        name = dims.get(t["key"], tr("overall", lang))
        out.append(f"| {name} | {t['first']} | {t['second']} | {t['change']:+d} |")
    out.append("")
    return out
