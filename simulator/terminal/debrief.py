"""The debrief as plain text, for the terminal player and the ``debrief`` command.

Renders the engine's ``Review`` (the one source of debrief data: verdicts, better
alternatives, strongest and weakest dimension, tips) in the learner's language:
the summary, for a replay both paths side by side, the preparation, decision by decision
(what the trainee typed first in own-words mode, the choice and where it was shown, what
the resident thought, the feeling or need beneath their words, a time-out and a missed
one at a provocation, the lens moves made and left, how the room reacted after it), each
dimension on the self-rating's 1-5 scale beside the trainee's own estimate, the lens
(``textdebrief_lens``; only when the scenario tags moves), progress over earlier attempts,
then the seed's tips and reflection questions. Nothing is judged or chosen here, only laid out.
"""

from __future__ import annotations

import textwrap
from typing import Mapping, Optional

from engine.debrief.branching import PathComparison
from engine.debrief.progress import Progress
from engine.debrief.review import DecisionReview, Review
from engine.debrief.selfrating import SelfRating
from engine.scenario.dimensions import BY_KEY, DIMENSIONS
from simulator.debrief_words import (
    missed_counts,
    missed_provocation,
    missed_word,
    overall_scale,
    scale_number,
    shown_as,
)
from simulator.i18n import prep_heading, tr
from simulator.perspective import rating_comparison
from simulator.signoff_status import debrief_line, status_of
from simulator.terminal.debrief_lens import decision_lens_lines, lens_section, room_lines
from simulator.terminal.perspective import paths_lines

WIDTH = 78
LABEL_WIDTH = 44


def weights_text(weights: Mapping[str, int], lang: str) -> str:
    if not weights:
        return tr("no_tags", lang)
    parts = []
    for dim in DIMENSIONS:
        if dim.key in weights:
            parts.append(f"{dim.short.get(lang)} {weights[dim.key]:+d}")
    return ", ".join(parts)


def verdict_text(verdict: Optional[str], missed: bool, lang: str, reason: Optional[str] = None) -> str:
    parts = [tr(f"verdict_{verdict}", lang)] if verdict else []
    if missed:
        parts.append(missed_word(reason, lang))
    return " · ".join(parts)


def bar(scale: float, width: int = 12) -> str:
    """The 1-5 scale as a bar: filled (``█``) from 1 up to the measured value, ``░`` on to 5."""
    filled = round(width * (max(1.0, min(5.0, scale)) - 1) / 4)
    return "█" * filled + "░" * (width - filled)


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def dimension_name(key: str, lang: str) -> str:
    if key == "overall":
        return tr("overall", lang)
    dim = BY_KEY[key]
    return f"{dim.short.get(lang)} — {dim.label.get(lang)}"


def render(review: Review, lang: str, names: Mapping[str, str], progress: Optional[Progress] = None,
           rating: Optional[SelfRating] = None, comparison: Optional[PathComparison] = None,
           parent_id: Optional[int] = None) -> list[str]:
    """The debrief as lines of text; ``names`` maps resident id to display name.

    ``rating``: the trainee's self-rating, shown beside the measurement; ``comparison``:
    for a replay from a decision, both paths side by side (``parent_id``: the first's session).
    """
    out: list[str] = []

    def para(text: str, indent: str = "    ") -> None:
        out.extend(textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)) or [indent])

    def section(title: str) -> None:
        out.append("")
        out.append(f"-- {title} --")

    s = review.scenario
    out.append("=" * WIDTH)
    out.append(f"{tr('debrief', lang)}: {s.title.get(lang)}")
    out.append("=" * WIDTH)
    if review.ending is not None:
        out.append(f"{tr('ending', lang)}: {review.ending.title.get(lang)} "
                   f"({tr('kind_' + review.ending.kind, lang)})")
        if review.ending.debrief.variants:
            para(review.ending.debrief.get(lang), "  ")
    else:
        para(tr("unfinished_note", lang, n=len(review.decisions)), "")
    counts = review.counts()
    out.append("")
    out.append(tr("overall_of_best", lang, score=review.overall, best=review.best_overall))
    out.append(" · ".join([tr("verdict_counts", lang, **counts),
                           *missed_counts((d.missed_reason for d in review.decisions if d.missed_opportunity), lang)]))
    if not review.exact:
        out.append(tr("approximate", lang))
    para(debrief_line(status_of(s), lang), "")  # whose judgement the scores are
    if comparison is not None:
        out.extend(paths_lines(comparison, lang, names, parent_id, review.scenario))

    if review.prep is not None and review.prep.answers:
        section(prep_heading(lang, review.prep.correct, len(review.prep.answers), review.prep.asked))
        for a in review.prep.answers:
            para(a.prompt.get(lang), "  ✓ " if a.correct else "  ✗ ")
            if not a.correct and a.right_text is not None:
                para(f"{tr('prep_right_answer', lang)}: {a.right_text.get(lang)}", "      ")

    section(tr("per_decision", lang))
    for d in review.decisions:
        out.append("")
        head = tr("preparation", lang) if d.is_prep else tr("meeting", lang)
        who = names.get(d.speaker, "") if d.speaker else ""
        verdict = tr("verdict_timeout", lang) if d.is_timeout else verdict_text(d.verdict, d.missed_opportunity, lang,
                                                                                        d.missed_reason)
        out.append(f"{d.index + 1:>2}. [{head}]{'  ' + verdict if verdict else ''}")
        prompt = d.prompt.get(lang)
        para(f"{who}: “{prompt}”" if who else prompt)
        if d.thought is not None and who:
            para(f"{tr('thought', lang, name=who.split()[0])}: ({d.thought.get(lang)})")
        for line in move_lines(d, lang):
            para(line)
        if d.opportunity is not None:
            mark = tr("missed_opportunity", lang) if d.missed_reason == "opportunity" else tr("opportunity_met", lang)
            para(f"{tr('opportunity', lang)}: {d.opportunity.get(lang)} ({mark})")
        para(f"{tr('score', lang)}: {weights_text(d.weights, lang)}")
        if d.feedback.variants:
            para(f"{tr('feedback', lang)}: {d.feedback.get(lang)}")
        if d.better_text is not None:
            para(f"{tr('better', lang)}: {d.better_text.get(lang)}")
            if d.better_feedback is not None and d.better_feedback.variants:
                para(f"{tr('why', lang)}: {d.better_feedback.get(lang)}", "      ")
            if d.better_by_what_follows:
                para(tr("better_later", lang), "      ")
            if d.missed_reason == "unlocked":
                para(tr("missed_unlocked", lang), "      ")
        elif d.decision.own_words and not d.is_prep and not d.is_timeout:
            para(f"{tr('own_words_best', lang)}: {tr('best_choice_then', lang)}")
        provoked = missed_provocation(d, lang)
        if provoked:
            para(f"{tr('provoked', lang)}: {provoked}")
        if d.best_here and d.best_after and not d.is_timeout and \
                d.best_after.get("overall") != d.best_here.get("overall"):
            para(tr("reachable", lang, here=d.best_here["overall"], after=d.best_after["overall"]))
        for line in decision_lens_lines(d, lang):
            para(line)
        room = room_lines(s, d, lang)
        if room:
            para(f"{tr('room_reacted', lang)}:")
            for line in room:
                para(line, "      ")

    out.extend(scale_lines(review, rating, lang))
    out.extend(lens_lines(review, lang))

    if progress is not None:
        section(tr("progress", lang, n=len(progress.attempts)))
        out.extend(progress_lines(progress, lang))

    section(tr("tips", lang))
    for tip in review.tip_texts:
        para(tip.get(lang), "  • ")
    if not review.tip_texts:
        para(tr("no_tips", lang), "  ")
    section(tr("reflection", lang))
    for q in review.reflection:
        para(q.get(lang), "  ? ")
    return out


def move_lines(d: DecisionReview, lang: str) -> list[str]:
    """What the trainee did: their own words first (own-words mode), then the choice and where
    it was shown — or the time-out."""
    if d.is_timeout:
        return [f"{tr('your_move', lang)}: {d.chosen_text.get(lang)}"]
    out = []
    if d.decision.own_words:
        out.append(f"{tr('own_words', lang)}: “{d.decision.own_words}”")
    where = shown_as(d, lang)
    out.append(f"{tr('your_choice', lang)}: {d.chosen_text.get(lang)}" + (f" ({where})" if where else ""))
    return out


def scale_lines(review: Review, rating: Optional[SelfRating], lang: str) -> list[str]:
    """Per dimension one figure, the 1-5 scale, beside the trainee's own estimate when there is
    one; then the strongest dimension and what to work on (or that there is nothing to)."""
    rows = {row.key: row for row in rating_comparison(review, rating, lang)}
    out = ["", f"-- {tr('scale_title', lang)} --"]
    mine = tr("scale_own", lang)

    def line(label: str, key: str, scale: Optional[float]) -> None:
        row = rows.get(key)
        own = f"{mine} {row.own if row is not None and row.own else '–'} · " if rows else ""
        if scale is None:
            out.append(f"  {label:<{LABEL_WIDTH}} {own}{tr('not_trained', lang)}")
        else:
            out.append(f"  {label:<{LABEL_WIDTH}} {own}{scale_number(scale, lang):>3}  {bar(scale)}")
        if row is not None and row.note:
            out.append(f"  {'':<{LABEL_WIDTH}} ↳ {row.note}")

    line(tr("overall", lang), "overall", overall_scale(review))
    for group, title in (("ury", tr("ury_steps", lang)), ("empathy", tr("empathy", lang))):
        out.append(title)
        for dim in DIMENSIONS:
            if dim.group == group:
                line(fit(f"{dim.short.get(lang)}  {dim.label.get(lang)}", LABEL_WIDTH), dim.key,
                     review.dimension(dim.key).scale)
    out.extend(textwrap.wrap(f"({tr('scale_legend', lang)})", WIDTH, initial_indent="  ", subsequent_indent="  "))
    if rating is not None:
        for key, text in (("sr_plus", rating.plus), ("sr_delta", rating.delta)):
            if text:
                out.extend(textwrap.wrap(f"{tr(key, lang)}: {text}", WIDTH, initial_indent="  ",
                                         subsequent_indent="  "))
    out.append("")
    if review.strongest:
        moment = review.dimension(review.strongest).strongest_step
        extra = f" ({tr('strongest_moment', lang, n=moment + 1)})" if moment is not None else ""
        out.append(f"{tr('strongest', lang)}: {dimension_name(review.strongest, lang)}{extra}")
    for key in review.weakest:
        moment = review.dimension(key).weakest_step
        extra = f" ({tr('weakest_moment', lang, n=moment + 1)})" if moment is not None else ""
        out.append(f"{tr('weakest', lang)}: {dimension_name(key, lang)}{extra}")
    if not review.weakest:
        out.extend(textwrap.wrap(f"{tr('weakest', lang)}: {tr('nothing_to_work_on', lang)}", WIDTH,
                                 subsequent_indent="  "))
    return out


def lens_lines(review: Review, lang: str) -> list[str]:
    """Beside the nine dimensions, never in a score: per lens tag the scenario uses, where the
    trainee made such a move and where they left one. Nothing when the scenario tags no move."""
    if not review.lens:
        return []
    out = ["", f"-- {tr('lens_title', lang)} --"]
    out.extend(textwrap.wrap(tr("lens_legend", lang), WIDTH, initial_indent="  ", subsequent_indent="  "))
    for name, about, summary in lens_section(review, lang):
        out.extend(textwrap.wrap(f"{name} ({about})", WIDTH, initial_indent="  ", subsequent_indent="    "))
        out.extend(textwrap.wrap(summary, WIDTH, initial_indent="    ", subsequent_indent="    "))
    return out


def progress_lines(progress: Progress, lang: str) -> list[str]:
    """The total over attempts (the unit of "beste haalbaar"); per dimension only which way it went
    (a dimension's raw points belong to the trainer report)."""
    out = []
    ways = []
    for trend in progress.trends:
        if trend.key == "overall":
            series = " → ".join(str(v) for v in trend.values[-6:])
            if len(trend.values) > 6:
                series = "… " + series
            arrow = {"up": "▲", "down": "▼", "same": "="}[trend.direction]
            since = tr("progress_since_first", lang, sign=f"{trend.since_first:+d}")
            out.append(f"  {tr('overall', lang):<12} {series:<34} {arrow} {since}")
        elif any(trend.values):
            ways.append(f"{BY_KEY[trend.key].short.get(lang)} {tr('trend_' + trend.direction, lang)}")
    if ways:
        out.extend(textwrap.wrap(f"{tr('progress_dims', lang)}: {', '.join(ways)}", WIDTH, initial_indent="  ",
                                 subsequent_indent="    "))
    return out
