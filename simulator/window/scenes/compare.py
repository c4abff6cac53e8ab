"""Both paths side by side: a replay from a debrief decision against the first attempt.

From the branch point on, per moment of the meeting (a detour only one attempt took has
rows of its own; once the attempts' decision numbers differ, a row shows both, "10/7"): what
was said, what each attempt chose (with its verdict) and how the residents' mood moved — so
the trainee sees how the residents reacted to the other choice; then both endings, the
residents' mood at the end, the total first time and this time, and per dimension which way
it went (a dimension's one figure is its place on the 1-5 scale, on the overview; no raw
points here). Two columns on a wide window, one under the other on a narrow one. The data
comes from ``perspective`` (``Play.comparison``), which works for an unsaved replay too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from engine.debrief.branching import PathComparison, PathStep
from engine.debrief.review import DecisionReview
from simulator.terminal.perspective import numbers_legend, path_trends, row_numbers
from simulator.window.charts import totals_chart
from simulator.window.layout import Box, gap
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.scenes.common import esc, heading_html, muted
from simulator.window.scenes.debrief_decision import mood_html, situation_html, verdict_html
from simulator.window.widgets import ScrollArea, image, text_box

TWO_COLUMNS_MIN = 900  # window width from which the attempts stand side by side


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class ComparePage:
    """The debrief's page that sets a replay beside the go it started from: drawn into ``scene``
    (the debrief's), about ``play``."""

    def __init__(self, scene: Scene, play: Play):
        self.scene = scene
        self.play = play
        self.area: Optional[ScrollArea] = None

    def labels(self) -> tuple[str, str]:
        s = self.scene
        parent = self.play.parent_id
        first = s.tr("paths_first_n", id=parent) if parent else s.tr("paths_first")
        return capital(first), capital(s.tr("paths_second"))

    def build(self, body: Box) -> None:
        s = self.scene
        comparison, error = self.play.comparison()
        if comparison is None:
            text_box(s.manager, muted(esc(s.tr("cmp_unavailable", reason=error or "-"))), body.with_height(0),
                     s.root, "#body")
            return
        self.area = ScrollArea(s.manager, body, s.root)
        _, chart_at, _ = self.area.fill(lambda width: self._content(comparison, width))
        chart, y = chart_at
        for text, where, box in chart.texts:
            s.drawn_texts.append((text, where.moved(body.x, body.y + y), box.moved(body.x, body.y + y)))

    # -- content --------------------------------------------------------------------------
    def _content(self, comparison: PathComparison, width: int) -> tuple[list[Any], tuple[Any, int], int]:
        s = self.scene
        g = gap(s.scale)
        view = self.area.view  # type: ignore[union-attr]
        made: list[Any] = []
        two = s.size[0] >= TWO_COLUMNS_MIN
        col_w = (width - g) // 2 if two else width
        first_label, second_label = self.labels()

        def put(html: str, x: int, y: int, w: int, key: str = "#body") -> int:
            el = text_box(s.manager, html, Box(x, y, w, 0), view, key)
            made.append(el)
            return el.relative_rect.bottom

        def pair(left: str, right: str, y: int) -> int:
            """The two attempts' cells: beside each other, or labelled one under the other."""
            if two:
                return max(put(left, 0, y, col_w), put(right, col_w + g, y, col_w))
            y = put(f"<b>{esc(first_label)}</b><br>{left}", 0, y, width) + g // 2
            return put(f"<b>{esc(second_label)}</b><br>{right}", 0, y, width)

        head = heading_html(s, s.tr("paths_title", n=comparison.branch_index + 1))
        if comparison.first_difference is None:
            head += "<br>" + muted(esc(s.tr("paths_identical")))
        indices = [(step.first_index, step.second_index) for step in comparison.steps]
        legend = numbers_legend(indices, s.lang)
        if legend:
            head += "<br>" + muted(esc(legend))
        y = put(head, 0, 0, width) + g
        if two:
            y = max(put(f"<b>{esc(first_label)}</b>", 0, y, col_w, "#name"),
                    put(f"<b>{esc(second_label)}</b>", col_w + g, y, col_w, "#name")) + g // 2
        for step, number in zip(comparison.steps, row_numbers(indices)):
            y = self._step(step, number, y, width, put, pair) + g
        ends = [self._ending(e) for e in (comparison.first_ending, comparison.second_ending)]
        counts = [self._counts(c) for c in (comparison.first_counts, comparison.second_counts)]
        y = put(heading_html(s, s.tr("ending")), 0, y, width) + g // 2
        y = pair(f"{ends[0]}<br>{counts[0]}", f"{ends[1]}<br>{counts[1]}", y) + g
        y = put(heading_html(s, s.tr("paths_mood")), 0, y, width) + g // 2
        y = pair(self._mood(comparison.first_mood), self._mood(comparison.second_mood), y) + g
        y = put(heading_html(s, s.tr("cmp_scores")), 0, y, width) + g // 2
        heads = ("", capital(s.tr("paths_first")), second_label, capital(s.tr("cmp_change")))
        overall = {k: {"overall": t.get("overall", 0)} for k, t in (("first_totals", comparison.first_totals),
                                                                    ("second_totals", comparison.second_totals))}
        chart = totals_chart(replace(comparison, **overall), s.lang, s.fonts, width, heads, s.scale)
        made.append(image(s.manager, chart.surface, Box(0, y, width, chart.surface.get_height()), view))
        bottom = y + chart.surface.get_height()
        ways = path_trends(comparison, s.lang)
        if ways:
            bottom = put(muted(esc(f"{s.tr('paths_dims')}: {', '.join(ways)}")), 0, bottom + g // 2, width, "#small")
        return made, (chart, y), bottom

    def _step(self, step: PathStep, number: str, y: int, width: int, put, pair) -> int:
        s = self.scene
        a, b = step.first, step.second
        anchor = a or b
        assert anchor is not None
        shared = step.same_moment or a is None or b is None
        title = f"<b>{esc(s.tr('cmp_step', n=number))}</b>"
        if shared:
            title += "  " + situation_html(s, anchor)
        else:
            title += "  " + muted(esc(s.tr("paths_other_moment")))
        y = put(title, 0, y, width) + gap(s.scale) // 3
        if step.same_choice:
            return put(muted(esc(s.tr("paths_same_choice"))) + ": " + self._choice(a, False), 0, y, width)
        return pair(self._choice(a, not shared, step.first_elsewhere),
                    self._choice(b, not shared, step.second_elsewhere), y)

    def _choice(self, d: Optional[DecisionReview], with_situation: bool, elsewhere: bool = False) -> str:
        s = self.scene
        if d is None:  # this path didn't come to this moment, or its meeting was over
            return muted(esc(s.tr("paths_not_here" if elsewhere else "paths_over")))
        review = None  # the page shows verdicts, not preparation answers (those come before any replay)
        html = situation_html(s, d) + "<br>" if with_situation else ""
        html += f"<font color='#1D6A72'><b>{esc(d.chosen_text.get(s.lang))}</b></font>"
        html += "<br>" + verdict_html(s, review, d)
        if not d.is_prep:
            html += "<br>" + mood_html(s, d)
        return html

    def _ending(self, ending) -> str:
        s = self.scene
        if ending is None:
            return muted(esc(s.tr("unfinished_short")))
        return f"<b>{esc(ending.title.get(s.lang))}</b> " + muted(esc(f"({s.tr('kind_' + ending.kind)})"))

    def _counts(self, counts) -> str:
        s = self.scene
        text = s.tr("paths_counts", best=counts["best"], mistake=counts["mistake"], missed=counts["missed_opportunity"])
        return muted(esc(capital(text)))

    def _mood(self, mood) -> str:
        s = self.scene
        scenario = self.play.scenario
        names = {r.id: r.name for r in scenario.residents}
        lines = []
        for who, values in mood.items():
            parts = [f"{scenario.mood_variables[k].label.get(s.lang).lower()} {v}" if k in scenario.mood_variables
                     else f"{k} {v}" for k, v in values.items()]
            lines.append(f"{esc(names.get(who, who))}: {esc(', '.join(parts))}")
        return "<br>".join(lines)
