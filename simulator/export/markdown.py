"""The debrief as Markdown, for pasting into a portfolio, a wiki or an e-mail.

Lays out the data of ``export_json.debrief_data`` (the same the JSON and HTML exports
carry) with the interface's words in the debrief's language.
"""

from __future__ import annotations

from typing import Any, Mapping

from simulator.debrief_words import missed_counts, missed_word, scale_number
from simulator.i18n import prep_heading, tr
from simulator.safetext import md_text
from simulator.terminal.debrief_lens import data_mood_changes, left_by_option, lens_pairs, lens_steps, room_mood_line
from simulator.terminal.perspective import data_step_marks, numbers_legend


def _verdict(d: Mapping[str, Any], lang: str) -> str:
    parts = [tr(f"verdict_{d['verdict']}", lang)] if d["verdict"] else []
    if d["kind"] == "timeout":
        parts = [tr("verdict_timeout", lang)]
    if d["missed_opportunity"]:
        parts.append(missed_word(d.get("missed_reason"), lang))
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
    else:
        out += [f"*{tr('unfinished_note', lang, n=len(data['decisions']))}*", ""]
    overall = data["overall"]
    out.append(tr("overall_of_best", lang, score=overall["score"], best=overall["best"]))
    counts = data["counts"]
    line = " · ".join([tr("verdict_counts", lang, **counts),
                       *missed_counts((d.get("missed_reason") for d in data["decisions"] if d["missed_opportunity"]),
                                      lang)])
    out += ["", line, ""]
    if not data["exact"]:
        out += [f"*{tr('approximate', lang)}*", ""]
    if data.get("signoff"):  # whose judgement the scores are
        out += [f"*{data['signoff']['note']}*", ""]
    out += _paths(data, lang)

    prep = data["preparation"]
    if prep and prep["answers"]:
        out += [f"## {prep_heading(lang, prep['correct'], len(prep['answers']), prep['asked'])}", ""]
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
        out += _choice_lines(d, lang)
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
        if d["provoked"]:
            out.append(f"- **{tr('provoked', lang)}:** {tr('missed_provocation', lang)}")
        out += _decision_lens(d, lang) + _room(data, d, lang)
        out.append("")

    out += _dimensions(data, lang)
    out += _lens(data, lang)
    out += _progress(data, lang)
    tips = [f"- {_quote(t['text'])}" for t in data["tips"]] or [f"*{tr('no_tips', lang)}*"]
    out += [f"## {tr('tips', lang)}", ""] + tips + [""]
    out += [f"## {tr('reflection', lang)}", ""]
    out += [f"{i}. {_quote(q)}" for i, q in enumerate(data["reflection"], 1)]
    return "\n".join(out) + "\n"


def _choice_lines(d: Mapping[str, Any], lang: str) -> list[str]:
    """The move made: own words first (own-words mode), the choice and where it was shown."""
    if d["kind"] == "timeout":
        return [f"- **{tr('your_move', lang)}:** {_quote(d['chosen'])}"]
    out = []
    if d["own_words"]:
        out.append(f"- **{tr('own_words', lang)}:** “{_quote(d['own_words'])}”")
    where = ""
    if d["shown_as"] is not None and d["offered"]:
        key = "shown_as_answer" if d["kind"] == "prep" else "shown_as"
        where = f" *({tr(key, lang, n=d['shown_as'], total=len(d['offered']))})*"
    out.append(f"- **{tr('your_choice', lang)}:** {_quote(d['chosen'])}{where}")
    if d["own_words"] and d["kind"] == "meeting" and not d["better"]:
        out.append(f"- **{tr('own_words_best', lang)}:** {tr('best_choice_then', lang)}")
    return out


def _dimensions(data: Mapping[str, Any], lang: str) -> list[str]:
    """One figure per dimension: the 1-5 scale, beside the trainee's own estimate when given."""
    rating = data.get("self_rating")
    own = {r["key"]: r for r in rating["rows"]} if rating else {}
    overall = data["overall"]
    head = f"| | {tr('scale_own', lang)} | {tr('scale_measured', lang)} (1–5) | |" if own else \
        f"| | {tr('scale_measured', lang)} (1–5) |"
    out = [f"## {tr('scale_title', lang)}", "", head, "|---|---:|---:|---|" if own else "|---|---:|"]

    def row(name: str, key: str, scale: Any, trained: bool = True) -> None:
        measured = scale_number(scale, lang) if trained else tr("not_trained", lang)
        if not own:
            out.append(f"| {name} | {measured} |")
            return
        r = own.get(key)
        mine = "–" if r is None or r["own"] is None else str(r["own"])
        note = tr("sr_higher" if r["gap"] > 0 else "sr_lower", lang) if r is not None and r["notable"] else ""
        out.append(f"| {name} | {mine} | {measured} | {note} |")

    row(f"**{tr('overall', lang)}**", "overall", overall["scale"])
    for d in data["dimensions"]:
        row(f"{d['short']} — {d['label']}", d["key"], d["scale"], d["trained"] and d["scale"] is not None)
    out += ["", f"*{tr('scale_legend', lang)}*", ""]
    if rating:
        for key, label in (("plus", "sr_plus"), ("delta", "sr_delta")):
            if rating[key]:
                out.append(f"- **{tr(label, lang)}:** {_quote(rating[key])}")
        out.append("")
    by_key = {d["key"]: d for d in data["dimensions"]}
    if data["strongest"]:
        d = by_key[data["strongest"]]
        out.append(f"- **{tr('strongest', lang)}:** {d['short']} — {d['label']}")
    for key in data["weakest"]:
        d = by_key[key]
        out.append(f"- **{tr('weakest', lang)}:** {d['short']} — {d['label']}")
    if not data["weakest"]:
        out.append(f"- **{tr('weakest', lang)}:** {tr('nothing_to_work_on', lang)}")
    out.append("")
    return out


def _decision_lens(d: Mapping[str, Any], lang: str) -> list[str]:
    """The lens at one decision: the tags of the move made, the tagged options left (one line each)."""
    lens = d.get("lens")
    if not lens:
        return []
    left = [(tags, text) for _, tags, text in left_by_option(lens["missed"])]
    return [f"- **{tr('lens_short', lang)}: {label}:** {_quote(text)}"
            for label, text in lens_pairs(lens["made"], left, lang)]


def _room(data: Mapping[str, Any], d: Mapping[str, Any], lang: str) -> list[str]:
    """How the room reacted right after this move: the reactions' texts and what they did to the mood."""
    room = d.get("room")
    if not room:
        return []
    texts = [_quote(r["text"]) for r in room["reactions"] if r["text"]] or [tr("room_reacted_silent", lang)]
    out = [f"- **{tr('room_reacted', lang)}:** {' '.join(texts)}"]
    mood = room_mood_line(data_mood_changes(data, d["mood_after"], room["mood_after"], lang), lang) \
        if room["mood_after"] is not None else None
    if mood:
        out.append(f"  - {_quote(mood)}")
    return out


def _lens(data: Mapping[str, Any], lang: str) -> list[str]:
    """Beside the nine dimensions, never in a score: per lens tag where it was made and left."""
    if not data.get("lens"):
        return []
    out = [f"## {tr('lens_title', lang)}", "", f"*{tr('lens_legend', lang)}*", ""]
    for lens in data["lens"]:
        out.append(f"- **{lens['name']}** ({lens['about']}): {lens_steps(lens, lang)}")
    return out + [""]


def _progress(data: Mapping[str, Any], lang: str) -> list[str]:
    """The total over attempts (the same unit as "beste haalbaar"); per dimension only the direction."""
    progress = data["progress"]
    if not progress:
        return []
    out = [f"## {tr('progress', lang, n=len(progress['attempts']))}", ""]
    dims = []
    for t in progress["trends"]:
        if t["label"] is None:
            series = " → ".join(str(v) for v in t["values"])
            out.append(f"- {tr('overall', lang)}: {series} ({t['since_first']:+d})")
        elif any(t["values"]):
            way = "up" if t["since_first"] > 0 else "down" if t["since_first"] < 0 else "same"
            dims.append(f"{t['label']} {tr('trend_' + way, lang)}")
    if dims:
        out.append(f"- {tr('progress_dims', lang)}: {', '.join(dims)}")
    out.append("")
    return out


def _choice_cell(side: Any, lang: str, elsewhere: bool = False) -> str:
    if side is None:
        return tr("paths_not_here" if elsewhere else "paths_over", lang)
    marks = [tr(f"verdict_{side['verdict']}", lang)] if side["verdict"] else []
    if side["missed_opportunity"]:
        marks.append(missed_word(side.get("missed_reason"), lang))
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
    marks = data_step_marks(paths)
    legend = numbers_legend([(m["first"], m["second"]) for m in marks], lang)
    if legend:
        out += [legend, ""]
    out += [f"| # | | {first} | {second} |", "|---:|---|---|---|"]
    for step, mark in zip(paths["steps"], marks):
        anchor = step["first"] or step["second"]
        who = f"**{_quote(anchor['speaker_name'])}:** " if anchor["speaker_name"] else ""
        moment = f"{who}{_quote(anchor['prompt'])}" if step["same_moment"] or not (step["first"] and step["second"]) \
            else tr("paths_other_moment", lang)
        out.append(f"| {mark['number']} | {moment} | {_choice_cell(step['first'], lang, mark['first_elsewhere'])} | "
                   f"{_choice_cell(step['second'], lang, mark['second_elsewhere'])} |")
    ending = {k: (_quote(e["title"]) if e else tr("unfinished_short", lang))
              for k, e in (("first", paths["first_ending"]), ("second", paths["second_ending"]))}
    out.append(f"| | **{tr('ending', lang)}** | {ending['first']} | {ending['second']} |")
    out += ["", f"| | {first} | {second} | |", "|---|---:|---:|---:|"]
    total = next(t for t in paths["totals"] if t["key"] == "overall")
    out.append(f"| **{tr('overall', lang)}** | {total['first']} | {total['second']} | {total['change']:+d} |")
    out += [""] + _path_trends(data, lang) + [""]
    return out


def _path_trends(data: Mapping[str, Any], lang: str) -> list[str]:
    """Per dimension only which way it went (its one figure is its place on the 1-5 scale)."""
    dims = {d["key"]: d["short"] for d in data["dimensions"]}
    ways = []
    for t in data["paths"]["totals"]:
        if t["key"] == "overall" or t["first"] == t["second"] == 0:
            continue
        way = "up" if t["change"] > 0 else "down" if t["change"] < 0 else "same"
        ways.append(f"{dims[t['key']]} {tr('trend_' + way, lang)}")
    return [f"*{tr('paths_dims', lang)}:* {', '.join(ways)}"] if ways else []
