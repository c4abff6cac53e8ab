"""The debrief as plain text, for the terminal player and ``debrief`` command.

Renders the engine's ``Review`` (the one source of debrief data) in the learner's
language: decision by decision, then each dimension against the best achievable,
then the seed's reflection questions and the tips that fit the weakest dimensions.
"""

from __future__ import annotations

import textwrap
from typing import Mapping, Optional

from engine.dimensions import BY_KEY, DIMENSIONS
from engine.review import Review
from engine.seedtext import REFLECTION_QUESTIONS, TIPS, TIPS_FOR_DIMENSION

from .i18n import tr

WIDTH = 78


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


def bar(value: int, lo: int, hi: int, width: int = 20) -> str:
    if hi <= lo:
        return "·" * width
    filled = round(width * (value - lo) / (hi - lo))
    filled = max(0, min(width, filled))
    return "█" * filled + "░" * (width - filled)


def weakest_dimensions(review: Review, n: int = 2) -> list[str]:
    trained = [k for k in review.totals if review.percent(k) is not None]
    return sorted(trained, key=lambda k: (review.percent(k) or 0.0, k))[:n]


def strongest_dimension(review: Review) -> Optional[str]:
    trained = [k for k in review.totals if review.percent(k) is not None]
    return max(trained, key=lambda k: (review.percent(k) or 0.0, k)) if trained else None


def render(review: Review, lang: str, names: Mapping[str, str]) -> list[str]:
    """The debrief as lines of text; ``names`` maps resident id to display name."""
    out: list[str] = []

    def para(text: str, indent: str = "    ") -> None:
        out.extend(textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)) or [indent])

    s = review.scenario
    out.append("=" * WIDTH)
    out.append(f"{tr('debrief', lang)}: {s.title.get(lang)}")
    out.append("=" * WIDTH)
    if review.ending is not None:
        out.append(f"{tr('ending', lang)}: {review.ending.title.get(lang)} "
                   f"({tr('kind_' + review.ending.kind, lang)})")
        if review.ending.debrief.has(lang) or review.ending.debrief.variants:
            para(review.ending.debrief.get(lang), "  ")
    counts = review.counts()
    out.append("")
    out.append(tr("summary_counts", lang, **counts)
               + (f"; {counts['missed_opportunity']} {tr('missed_opportunity', lang)}"
                  if counts["missed_opportunity"] else ""))
    if not review.exact:
        out.append(tr("approximate", lang))

    out.append("")
    out.append(f"-- {tr('per_decision', lang)} --")
    for d in review.decisions:
        out.append("")
        head = tr("preparation", lang) if d.is_prep else tr("decision_n", lang, n=d.index + 1)
        who = names.get(d.speaker, "") if d.speaker else ""
        verdict = verdict_text(d.verdict, d.missed_opportunity, lang)
        out.append(f"{d.index + 1:>2}. [{head}]{'  ' + verdict if verdict else ''}")
        prompt = d.prompt.get(lang)
        para(f"{who}: “{prompt}”" if who else prompt)
        para(f"{tr('your_choice', lang)}: {d.chosen_text.get(lang)}")
        para(f"{tr('score', lang)}: {weights_text(d.weights, lang)}")
        if d.feedback.variants:
            para(f"{tr('feedback', lang)}: {d.feedback.get(lang)}")
        if d.thought is not None and who:
            para(f"{tr('thought', lang, name=who)}: {d.thought.get(lang)}")
        if d.better_text is not None:
            para(f"{tr('better', lang)}: {d.better_text.get(lang)}")
            if d.better_feedback is not None and d.better_feedback.variants:
                para(f"{tr('why', lang)}: {d.better_feedback.get(lang)}", "      ")

    out.append("")
    out.append(f"-- {tr('per_dimension', lang)} --")
    for group, title in (("ury", tr("ury_steps", lang)), ("empathy", tr("empathy", lang))):
        out.append(title)
        for dim in DIMENSIONS:
            if dim.group != group:
                continue
            value, hi, lo = review.totals[dim.key], review.best[dim.key], review.worst[dim.key]
            label = f"{dim.short.get(lang)}  {dim.label.get(lang)}"
            if hi == lo == 0:
                out.append(f"  {label[:44]:<44} {tr('not_trained', lang)}")
                continue
            out.append(f"  {label[:44]:<44} {value:>3} / {hi:<3} {bar(value, lo, hi, 16)}")
    out.append(f"  {tr('overall', lang):<44} {review.overall:>3}")
    strong = strongest_dimension(review)
    weak = weakest_dimensions(review)
    if strong:
        out.append("")
        out.append(f"{tr('strongest', lang)}: {BY_KEY[strong].short.get(lang)} — {BY_KEY[strong].label.get(lang)}")
    if weak:
        out.append(f"{tr('weakest', lang)}: " + "; ".join(
            f"{BY_KEY[k].short.get(lang)} — {BY_KEY[k].label.get(lang)}" for k in weak))

    out.append("")
    out.append(f"-- {tr('tips', lang)} --")
    for tip in tips_for(review):
        para(TIPS[tip].get(lang), "  • ")
    out.append("")
    out.append(f"-- {tr('reflection', lang)} --")
    for q in REFLECTION_QUESTIONS:
        para(q.get(lang), "  ? ")
    return out


def tips_for(review: Review, n: int = 3) -> list[int]:
    """Indices into the seed's tips, chosen for the weakest dimensions first."""
    chosen: list[int] = []
    for dim in weakest_dimensions(review, 3):
        for index in TIPS_FOR_DIMENSION.get(dim, ()):
            if index not in chosen:
                chosen.append(index)
    for index in range(len(TIPS)):
        if index not in chosen:
            chosen.append(index)
    return chosen[:n]
