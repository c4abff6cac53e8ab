"""The debrief as plain text, for the terminal player and the ``debrief`` command.

Renders the engine's ``Review`` (the one source of debrief data: verdicts, better
alternatives, strongest and weakest dimension, tips) in the learner's language:
the summary, the trainee's own rating beside the measurement, for a replay both paths
side by side, the preparation, decision by decision (with what the resident thought
beside the choice, and the feeling or need beneath their words), each dimension against
the best achievable, progress over earlier attempts, then the seed's tips and reflection
questions. Nothing is judged or chosen here, only laid out.
"""

from __future__ import annotations

import textwrap
from typing import Mapping, Optional

from engine.debrief.branching import PathComparison
from engine.debrief.progress import Progress
from engine.debrief.review import Review
from engine.debrief.selfrating import SelfRating
from engine.scenario.dimensions import BY_KEY, DIMENSIONS

from .i18n import tr
from .signoff_status import debrief_line, status_of
from .svgchart import NEGATIVE_SHARE, zero_scale
from .textperspective import paths_lines, rating_lines

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


def verdict_text(verdict: Optional[str], missed: bool, lang: str) -> str:
    parts = [tr(f"verdict_{verdict}", lang)] if verdict else []
    if missed:
        parts.append(tr("missed_opportunity", lang))
    return " · ".join(parts)


def bar(value: int, lo: int, hi: int, width: int = 12) -> str:
    """A diverging bar as in the HTML chart: ``░`` left of the zero mark down to the worst
    achievable, right of it up to the best; filled (``█``) from zero to the score."""
    neg_w = round(width * NEGATIVE_SHARE) if lo < 0 else 0
    pos_w = width - neg_w if hi > 0 else 0
    pos = zero_scale(value, lo, hi)
    filled_neg = round(-pos * neg_w) if pos < 0 else 0
    filled_pos = round(pos * pos_w) if pos > 0 else 0
    left = "░" * (neg_w - filled_neg) + "█" * filled_neg
    right = "█" * filled_pos + "░" * (pos_w - filled_pos)
    return f"{left:>{round(width * NEGATIVE_SHARE)}}│{right}"


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
    counts = review.counts()
    out.append("")
    out.append(tr("overall_of_best", lang, score=review.overall, best=review.best_overall))
    out.append(tr("verdict_counts", lang, **counts)
               + (f" · {tr('missed_opportunity', lang)}: {counts['missed_opportunity']}"
                  if counts["missed_opportunity"] else ""))
    if not review.exact:
        out.append(tr("approximate", lang))
    para(debrief_line(status_of(s), lang), "")  # whose judgement the scores are
    out.extend(rating_lines(review, rating, lang))
    if comparison is not None:
        out.extend(paths_lines(comparison, lang, names, parent_id, review.scenario))

    if review.prep is not None and review.prep.answers:
        section(tr("prep_result", lang, correct=review.prep.correct, total=review.prep.asked))
        for a in review.prep.answers:
            para(a.prompt.get(lang), "  ✓ " if a.correct else "  ✗ ")
            if not a.correct and a.right_text is not None:
                para(f"{tr('prep_right_answer', lang)}: {a.right_text.get(lang)}", "      ")

    section(tr("per_decision", lang))
    for d in review.decisions:
        out.append("")
        head = tr("preparation", lang) if d.is_prep else tr("meeting", lang)
        who = names.get(d.speaker, "") if d.speaker else ""
        verdict = verdict_text(d.verdict, d.missed_opportunity, lang)
        out.append(f"{d.index + 1:>2}. [{head}]{'  ' + verdict if verdict else ''}")
        prompt = d.prompt.get(lang)
        para(f"{who}: “{prompt}”" if who else prompt)
        if d.thought is not None and who:
            para(f"{tr('thought', lang, name=who.split()[0])}: ({d.thought.get(lang)})")
        para(f"{tr('your_choice', lang)}: {d.chosen_text.get(lang)}")
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
            if d.missed_reason == "unlocked":
                para(tr("missed_unlocked", lang), "      ")
        if d.best_here and d.best_after and d.best_after.get("overall") != d.best_here.get("overall"):
            para(tr("reachable", lang, here=d.best_here["overall"], after=d.best_after["overall"]))

    section(tr("per_dimension", lang))
    routes = False
    for group, title in (("ury", tr("ury_steps", lang)), ("empathy", tr("empathy", lang))):
        out.append(title)
        for dim in DIMENSIONS:
            if dim.group != group:
                continue
            dr = review.dimension(dim.key)
            label = fit(f"{dim.short.get(lang)}  {dim.label.get(lang)}", LABEL_WIDTH)
            if not dr.trained:
                score = f"{dr.score:>3}  " if dr.score else ""
                out.append(f"  {label:<{LABEL_WIDTH}} {score}{tr('not_trained', lang)}")
                continue
            route = f" {tr('on_route', lang, best=dr.route_best)}" if dr.route_best != dr.best else ""
            routes = routes or bool(route)
            out.append(f"  {label:<{LABEL_WIDTH}} {dr.score:>3} / {dr.best:<3} "
                       f"{bar(dr.score, dr.worst, dr.best, 12)}{route}")
    out.append(f"  {tr('overall', lang):<{LABEL_WIDTH}} {review.overall:>3} / {review.best_overall}")
    if routes:
        para(f"({tr('route_legend', lang)})", "  ")
    if review.strongest:
        out.append("")
        moment = review.dimension(review.strongest).strongest_step
        extra = f" ({tr('strongest_moment', lang, n=moment + 1)})" if moment is not None else ""
        out.append(f"{tr('strongest', lang)}: {dimension_name(review.strongest, lang)}{extra}")
    for key in review.weakest:
        moment = review.dimension(key).weakest_step
        extra = f" ({tr('weakest_moment', lang, n=moment + 1)})" if moment is not None else ""
        out.append(f"{tr('weakest', lang)}: {dimension_name(key, lang)}{extra}")

    if progress is not None:
        section(tr("progress", lang, n=len(progress.attempts)))
        for trend in progress.trends:
            name = tr("overall", lang) if trend.key == "overall" else BY_KEY[trend.key].short.get(lang)
            series = " → ".join(str(v) for v in trend.values[-6:])
            if len(trend.values) > 6:
                series = "… " + series
            arrow = {"up": "▲", "down": "▼", "same": "="}[trend.direction]
            since = tr("progress_since_first", lang, sign=f"{trend.since_first:+d}")
            out.append(f"  {name:<12} {series:<34} {arrow} {since}")

    section(tr("tips", lang))
    for tip in review.tip_texts:
        para(tip.get(lang), "  • ")
    section(tr("reflection", lang))
    for q in review.reflection:
        para(q.get(lang), "  ? ")
    return out
