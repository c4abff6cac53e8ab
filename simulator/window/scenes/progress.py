"""Mijn voortgang: each dimension over the sessions, per scenario, and what to practise next.

Per scenario the trainee played to the end, a chart with a row per dimension the
scenario scores: the totals of each attempt, oldest to newest, as a line of dots, and
the change since the first attempt in words. Above them, what to practise next: the
weakest dimension over the latest attempts, measured against what each scenario
allowed, with the scenario and the decision where it can be practised — a button
replays exactly that decision. Working that out needs each scenario's state graph
(``ReviewJob``, on a background thread); until it is ready the card says it is being
worked out, and the charts are there already.
"""

from __future__ import annotations

from typing import Optional

import pygame

from engine.scenario.dimensions import BY_KEY
from simulator.journal import JournalError
from simulator.window.components.practice import (
    PractiseNext,
    Reviewed,
    ScenarioTrend,
    load_latest,
    practise_next,
    scenario_trends,
)
from simulator.window.layout import Box, frame, gap, margins
from simulator.window.play import Play
from simulator.window.progress_chart import trend_chart
from simulator.window.scene import Scene
from simulator.window.scenes.common import build_buttons, esc, footer_height, heading_html, muted
from simulator.window.scenes.sessions import counted
from simulator.window.widgets import ScrollArea, button, button_width, image, text_box


class ProgressScene(Scene):
    name = "progress"

    def __init__(self, app):
        super().__init__(app)
        self.message: Optional[str] = None
        self.trends: Optional[list[ScenarioTrend]] = None
        self.latest: dict[str, Play] = {}  # scenario id -> its latest attempt, for the review
        self.advice: Optional[PractiseNext] = None
        self.worked_out = False
        self.area: Optional[ScrollArea] = None
        self._load()

    # -- data ---------------------------------------------------------------------------------
    def _load(self) -> None:
        journal = self.app.journal
        self.trends = []
        if journal is None:
            self.message = self.tr("ms_no_journal")
            return
        try:
            self.trends = scenario_trends(journal)
        except JournalError as exc:
            self.message = str(exc)
            return
        for trend in self.trends:
            loaded = load_latest(journal, trend.latest)
            if loaded is None:
                continue
            scenario, session = loaded
            # A Play starts exploring the scenario for its review at once (ReviewJob).
            self.latest[trend.scenario_id] = Play(scenario, trend.latest.scenario_path, self.lang, journal,
                                                  session=session, session_id=trend.latest.id)
        self._work_out()

    def _ready(self) -> bool:
        return all(play.review_ready for play in self.latest.values())

    def _work_out(self) -> None:
        if self.worked_out or not self._ready():
            return
        reviewed = []
        for trend in self.trends or []:
            play = self.latest.get(trend.scenario_id)
            if play is not None:
                reviewed.append(Reviewed(trend.latest, play.review()))
        self.advice = practise_next(reviewed)
        self.worked_out = True

    def _title(self, scenario_id: str) -> str:
        play = self.latest.get(scenario_id)
        if play is not None:
            return play.scenario.title.get(self.lang)
        return next((c.title.get(self.lang) for c in self.app.load_catalog() if c.id == scenario_id), scenario_id)

    # -- building -------------------------------------------------------------------------------
    def build_widgets(self) -> None:
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        col = frame(self.size, 10, 10, self.scale).header
        title = text_box(self.manager, f"<b>{esc(self.tr('mp_title'))}</b>", Box(col.x, m, col.w, 0), self.root,
                         "#doc_title")
        y = title.rect.bottom + g // 2
        fh = footer_height(self)
        hint = text_box(self.manager, muted(esc(self.tr("mp_hint"))), Box(col.x, 0, col.w, 0), self.root, "#small")
        hint.set_relative_position((col.x, h - m // 2 - hint.rect.height))
        footer = Box(col.x, hint.rect.y - g // 2 - fh, col.w, fh)
        body = Box(col.x, y, col.w, max(60, footer.y - g - y))
        self.area = ScrollArea(self.manager, body, self.root)
        self._charts: list = []
        _, practise, _ = self.area.fill(self._content)
        for chart, chart_y in self._charts:  # what the charts say, for the screen tests
            for text, where, box in chart.texts:
                self.drawn_texts.append((text, where.moved(body.x, body.y + chart_y),
                                         box.moved(body.x, body.y + chart_y)))
        if practise is not None:
            self.on_click(practise, self.practise)
            self.focus.add(practise, self.practise, name="practise")
        build_buttons(self, [(self.tr("back"), self.app.pop, "#primary")], footer)

    def _content(self, width: int):
        g = gap(self.scale)
        view = self.area.view  # type: ignore[union-attr]
        made: list = []
        practise = None
        self._charts = []

        def put(html: str, y: int, key: str = "#body") -> int:
            el = text_box(self.manager, html, Box(0, y, width, 0), view, key)
            made.append(el)
            return el.relative_rect.bottom

        y = 0
        if self.message:
            y = put(f"<font color='#9A4A2E'>{esc(self.message)}</font>", y, "#small") + g
        if not self.trends:
            return made, None, put(esc(self.tr("mp_none")), y)
        y = put(heading_html(self, self.tr("mp_next")), y) + g // 3
        y = put(self._advice_html(), y) + g // 2
        if self.advice is not None and self.advice.decision is not None:
            label = self.tr("mp_practise")
            bh = footer_height(self)
            practise = button(self.manager, label, Box(0, y, min(width, button_width(self.fonts, label, "#primary")),
                                                       bh), view, "#primary")
            made.append(practise)
            y += bh + g
        y += g
        for trend in self.trends:
            y = put(heading_html(self, self._title(trend.scenario_id)) + "  "
                    + muted(esc(counted(self, "mp_attempts", len(trend.attempts)))), y) + g // 3
            chart = trend_chart(trend, self.lang, self.fonts, width, self.scale)
            if chart is None:
                y = put(muted(esc(self.tr("mp_one_attempt"))), y, "#small") + g
                continue
            made.append(image(self.manager, chart.surface, Box(0, y, width, chart.surface.get_height()), view))
            self._charts.append((chart, y))
            y += chart.surface.get_height() + g * 2
        return made, practise, y

    def _advice_html(self) -> str:
        advice = self.advice
        if not self.worked_out:
            return muted(esc(self.tr("mp_working")))
        if advice is None:
            return esc(self.tr("mp_all_best"))
        dim = BY_KEY[advice.dimension]
        name = f"{dim.short.get(self.lang)} — {dim.label.get(self.lang)}"
        text = self.tr("mp_weakest", dimension=name, share=round(advice.share))
        where = self._title(advice.scenario_id)
        if advice.decision is not None:
            text += " " + self.tr("mp_where", scenario=where, n=advice.decision + 1)
        else:
            text += " " + self.tr("mp_where_again", scenario=where)
        return f"<b>{esc(text)}</b><br>" + muted(esc(dim.explanation.get(self.lang)))

    # -- acting -----------------------------------------------------------------------------------
    def practise(self) -> None:
        """Replay the advised decision of the latest attempt: the same situation, another choice."""
        advice = self.advice
        play = self.latest.get(advice.scenario_id) if advice is not None else None
        if advice is None or play is None or advice.decision is None:
            return
        started = play.branch(advice.decision)
        if isinstance(started, str):
            self.message = started
            self.build()
            return
        self.app.show_play_over(started, resumed=True)

    def update(self, dt: float) -> None:
        if not self.worked_out:
            self._work_out()
            if self.worked_out and self.built:
                self.build()

    def animating(self) -> bool:
        return not self.worked_out

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if self.area is None:
            return False
        step = self.fonts.line_height("#body") * 2
        if key in (pygame.K_DOWN, pygame.K_UP):
            self.area.scroll_by(step if key == pygame.K_DOWN else -step)
            return True
        if key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            page = max(step, self.area.box.h - step)
            self.area.scroll_by(page if key == pygame.K_PAGEDOWN else -page)
            return True
        return False

    def escape(self) -> None:
        self.app.pop()

