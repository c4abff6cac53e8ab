"""The terminal debrief's perspective section: a replay's two paths side by side (the
self-rating sits beside the measurement in ``textdebrief.scale_lines``).

Kept out of ``textdebrief`` (which lays out the review itself) so each stays small; like
it, nothing here judges anything: the rows come from ``engine.debrief.selfrating`` and
``engine.debrief.branching`` through ``perspective``.
"""

from __future__ import annotations

import textwrap
from typing import Any, Mapping, Optional, Sequence

from engine.debrief.branching import PathComparison
from engine.debrief.review import DecisionReview
from engine.scenario.dimensions import BY_KEY, DIMENSION_KEYS
from engine.scenario.model import Scenario
from simulator.debrief_words import missed_word
from simulator.i18n import tr

WIDTH = 78


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)) or [indent]


def _side(d: Optional[DecisionReview], lang: str, elsewhere: bool = False) -> str:
    if d is None:
        return tr("paths_not_here" if elsewhere else "paths_over", lang)
    verdict = tr(f"verdict_{d.verdict}", lang) if d.verdict else ""
    if d.missed_opportunity:
        missed = missed_word(d.missed_reason, lang)
        verdict = f"{verdict} · {missed}" if verdict else missed
    return f"{d.chosen_text.get(lang)}" + (f" [{verdict}]" if verdict else "")


def _mood(mood: Mapping[str, Mapping[str, int]], names: Mapping[str, str], labels: Mapping[str, str]) -> str:
    return "; ".join(f"{names.get(who, who).split()[0]} "
                     + ", ".join(f"{labels.get(k, k)} {v}" for k, v in values.items()) for who, values in mood.items())


def paths_lines(comparison: PathComparison, lang: str, names: Mapping[str, str],
                parent_id: Optional[int] = None, scenario: Optional[Scenario] = None) -> list[str]:
    """Both paths from the branch point: per moment of the meeting what each did (a detour only one
    path took on rows of its own), then endings and scores."""
    labels = {k: v.label.get(lang).lower() for k, v in scenario.mood_variables.items()} if scenario else {}
    first_label = tr("paths_first_n", lang, id=parent_id) if parent_id else tr("paths_first", lang)
    second_label = tr("paths_second", lang)
    width = max(len(first_label), len(second_label)) + 1
    out = ["", f"-- {tr('paths_title', lang, n=comparison.branch_index + 1)} --"]
    if comparison.first_difference is None:
        out.extend(_wrap(tr("paths_identical", lang), "  "))
    indices = [(s.first_index, s.second_index) for s in comparison.steps]
    legend = numbers_legend(indices, lang)
    if legend:
        out.extend(_wrap(legend, "  "))
    for step, number in zip(comparison.steps, row_numbers(indices)):
        out.append("")
        anchor = step.first or step.second
        assert anchor is not None
        who = names.get(anchor.speaker or "", "")
        head = f"{number:>2}. "
        prompt = anchor.prompt.get(lang)
        if step.same_moment or step.second is None or step.first is None:
            out.extend(textwrap.wrap(f"{who}: “{prompt}”" if who else prompt, WIDTH, initial_indent=head,
                                     subsequent_indent="    ") or [head])
        else:
            out.append(f"{head}({tr('paths_other_moment', lang)})")
        if step.same_choice:
            out.extend(_wrap(f"{tr('paths_same_choice', lang)}: {_side(step.first, lang)}", "    "))
            continue
        for label, side, elsewhere in ((first_label, step.first, step.first_elsewhere),
                                       (second_label, step.second, step.second_elsewhere)):
            text = _side(side, lang, elsewhere)
            if side is not None and not step.same_moment and step.first is not None and step.second is not None:
                who_here = names.get(side.speaker or "", "")
                line = side.prompt.get(lang)
                text = f"{who_here + ': ' if who_here else ''}“{_fit(line, 60)}” → {text}"
            out.extend(_wrap(f"{label + ':':<{width}} {text}", "    "))
    out.append("")
    for label, ending in ((first_label, comparison.first_ending), (second_label, comparison.second_ending)):
        title = tr("unfinished_short", lang)
        if ending is not None:
            title = f"{ending.title.get(lang)} ({tr('kind_' + ending.kind, lang)})"
        out.extend(_wrap(f"{tr('ending', lang)}, {label}: {title}", "  "))
    for label, counts in ((first_label, comparison.first_counts), (second_label, comparison.second_counts)):
        summary = tr("paths_counts", lang, best=counts["best"], mistake=counts["mistake"],
                     missed=counts["missed_opportunity"])
        out.extend(_wrap(f"{label}: {summary}", "  "))
    out.append(f"  {tr('paths_mood', lang)}:")
    out.extend(_wrap(f"{first_label}: {_mood(comparison.first_mood, names, labels)}", "    "))
    out.extend(_wrap(f"{second_label}: {_mood(comparison.second_mood, names, labels)}", "    "))
    out.append(f"  {tr('paths_totals', lang)}:")
    a, b = comparison.first_totals.get("overall", 0), comparison.second_totals.get("overall", 0)
    change = comparison.change("overall")
    arrow = "▲" if change > 0 else "▼" if change < 0 else "="
    out.append(f"    {tr('overall', lang):<12} {a:>3} → {b:<3} {arrow} {change:+d}")
    ways = path_trends(comparison, lang)
    if ways:  # a dimension's own figure is its place on the 1-5 scale, so here only which way it went
        out.extend(_wrap(f"{tr('paths_dims', lang)}: {', '.join(ways)}", "    "))
    return out


def path_trends(comparison: PathComparison, lang: str) -> list[str]:
    """Per dimension either path scored on: "Stap 3 beter", "Stap 2 gelijk" (this time against the first)."""
    out = []
    for key in DIMENSION_KEYS:
        if comparison.first_totals.get(key, 0) == comparison.second_totals.get(key, 0) == 0:
            continue
        change = comparison.change(key)
        way = "up" if change > 0 else "down" if change < 0 else "same"
        out.append(f"{BY_KEY[key].short.get(lang)} {tr('trend_' + way, lang)}")
    return out


# -- numbering the rows ---------------------------------------------------------------
# The rows pair the two paths by the moment of the meeting, so after a detour one path took, a
# moment can be a different decision in each: its row shows both numbers, "10/7" (first time /
# this time), and a row only one path has then shows "12/–" or "–/9".
Indices = Sequence[tuple[Optional[int], Optional[int]]]  # per row, each path's 0-based decision index


def _differ(indices: Indices) -> bool:
    return any(a is not None and b is not None and a != b for a, b in indices)


def row_numbers(indices: Indices) -> list[str]:
    """Each row's number from the two paths' 0-based decision indices (None: that path has no
    decision there): one number while the paths keep step ("7"), both once they don't ("10/7", "12/–")."""
    two = _differ(indices)
    out = []
    for a, b in indices:
        if a is not None and (a == b or (b is None and not two)):
            out.append(str(a + 1))
        elif b is not None and a is None and not two:
            out.append(str(b + 1))
        else:
            out.append(f"{'–' if a is None else a + 1}/{'–' if b is None else b + 1}")
    return out


def numbers_legend(indices: Indices, lang: str) -> str:
    """One sentence explaining "10/7" with the first such row, or "" when every row has one number."""
    pair = next(((a, b) for a, b in indices if a is not None and b is not None and a != b), None)
    return "" if pair is None else tr("paths_numbers", lang, a=pair[0] + 1, b=pair[1] + 1)


def data_step_marks(paths: Mapping[str, Any]) -> list[dict[str, Any]]:
    """For the exports' ``paths`` data (``export.json_data``), per row of ``steps``: ``first`` and
    ``second``, that path's 0-based decision index here (None: it has none here); ``number``, the
    row's number as ``row_numbers`` shows it; ``first_elsewhere`` / ``second_elsewhere``: that path
    has no decision here but went on (it didn't come to this moment; else its meeting was over).

    The rows hold every decision of both paths from ``branch_step`` on, once and in order, so
    each path's own numbering follows from counting its decisions row by row.
    """
    steps = paths["steps"]
    last = {side: max((k for k, st in enumerate(steps) if st[side] is not None), default=-1)
            for side in ("first", "second")}
    at = {"first": paths["branch_step"] - 1, "second": paths["branch_step"] - 1}
    out = []
    for k, st in enumerate(steps):
        mark: dict[str, Any] = {}
        for side in ("first", "second"):
            mark[side] = at[side] if st[side] is not None else None
            mark[f"{side}_elsewhere"] = st[side] is None and k < last[side]
            if st[side] is not None:
                at[side] += 1
        out.append(mark)
    for mark, number in zip(out, row_numbers([(m["first"], m["second"]) for m in out])):
        mark["number"] = number
    return out
