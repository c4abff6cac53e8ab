"""The debrief: own estimate first, then per dimension, decision by decision, reflection and tips.

Built on ``engine.debrief.review.review()`` (the one source of debrief data): the trainee rates
the meeting per step before any figure (``debrief_rating``); the overview puts every dimension
on that same 1-5 scale, the measurement beside the rating (``scale_chart``: one figure per
dimension, no raw points), and says plainly when there is nothing to work on; each decision
page shows the situation, the trainee's own words, the choice and where it was shown (or the
time-out), its feedback, what it did to the mood and the stronger alternative
(``debrief_decision``: with the lens and the room's reaction after it); the overview
lists the lens beside the dimensions when the scenario tags moves; a replay from a
decision adds both paths side by side (``compare``); the seed's reflection questions and
the tips that fit the weakest dimensions close it. Left and right arrows page through it.
"""

from __future__ import annotations

from typing import Callable, Optional

import pygame
from pygame_gui.elements import UITextBox

from engine.debrief.review import Review
from engine.debrief.seedtext import OMGEVINGSBEWUSTZIJN_LEVELS
from engine.scenario.dimensions import BY_KEY
from simulator.a11y.marks import verdict_mark
from simulator.debrief_words import missed_counts
from simulator.mood_timeline import Timeline, word
from simulator.signoff_status import debrief_line, status_of
from simulator.terminal.debrief_lens import lens_section
from simulator.window.layout import Box, button_row, frame, gap, margins
from simulator.window.mood_chart import timeline_chart
from simulator.window.play import Play
from simulator.window.scale_chart import scale_chart
from simulator.window.scene import Scene
from simulator.window.scenes.common import build_buttons, esc, footer_height, heading_html, muted
from simulator.window.scenes.compare import ComparePage
from simulator.window.scenes.debrief_decision import VERDICT_HEX, decision_html, verdict_key, verdict_text
from simulator.window.scenes.debrief_rating import RatingPage
from simulator.window.widgets import ScrollArea, button, button_width, image, scroll_text_box, text_box


class DebriefScene(Scene):
    name = "debrief"

    def show_reloaded(self, play: Play) -> None:
        self.app.show_play(play, resumed=True)  # a finished go: its debrief again

    def __init__(self, app, play: Play, back: Optional[Callable[[], None]] = None):
        super().__init__(app)
        self.play = play
        self.back = back  # opened from "Mijn sessies": back to that list instead of to the start
        # A replay from a decision is compared with its first attempt; the estimate was given then.
        self.page = "overview" if play.rated or play.is_replay else "rating"
        self.rating = RatingPage(self, play, lambda: self.go("overview"))
        self.compare = ComparePage(self, play)
        self.index = 0  # decision shown on the decision page
        self.doc: Optional[UITextBox] = None
        self.area: Optional[ScrollArea] = None
        self.dots = 0.0
        self.waiting: Optional[UITextBox] = None
        self.error: Optional[str] = None  # one line when a replay couldn't start

    @property
    def review(self) -> Optional[Review]:
        return self.play.review() if self.play.review_ready else None

    # -- paging -------------------------------------------------------------------
    def pages(self) -> list[tuple[str, int]]:
        r = self.review
        n = len(r.decisions) if r is not None else 0
        compare = [("compare", 0)] if self.play.is_replay else []
        return [("overview", 0)] + compare + [("decision", i) for i in range(n)] + [("reflection", 0)]

    def go(self, page: str, index: int = 0) -> None:
        self.page, self.index = page, index
        self.focus.index = -1
        self.build()

    def _here(self) -> tuple[str, int]:
        return (self.page, self.index if self.page == "decision" else 0)

    def step(self, delta: int) -> None:
        if self.page == "rating":
            return
        pages = self.pages()
        here = self._here()
        pos = pages.index(here) if here in pages else 0
        pos = max(0, min(len(pages) - 1, pos + delta))
        self.go(*pages[pos])

    # -- building -----------------------------------------------------------------
    def build_widgets(self) -> None:
        self.waiting = None
        self.doc = None
        self.area = None
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        col = frame(self.size, 10, 10, self.scale).header
        if self.page == "rating" or self.review is None:
            col = Box(col.x, col.y, col.w, col.h)
        title = text_box(self.manager, f"<b>{esc(self.tr('debrief'))}</b>", Box(col.x, m, col.w, 0), self.root,
                         "#doc_title")
        y = title.rect.bottom
        sub = text_box(self.manager, muted(esc(self.play.scenario.title.get(self.lang))), Box(col.x, y, col.w, 0),
                       self.root, "#body")
        y = sub.rect.bottom + g
        if self.page == "rating":
            self.rating.build(col, y)
            return
        if self.review is None:
            self.waiting = text_box(self.manager, esc(self.tr("preparing_review")), Box(col.x, y, col.w, 0),
                                    self.root, "#speech")
            return
        # Tabs.
        tabs = [("overview", self.tr("overview")), ("decision", self.tr("decisions")),
                ("reflection", self.tr("reflection_tab"))]
        if self.play.is_replay:
            tabs.insert(1, ("compare", self.tr("cmp_tab")))
        bh = footer_height(self)
        widths = [button_width(self.fonts, t, "#option") for _, t in tabs]
        tab_boxes = button_row(widths, Box(col.x, y, col.w, bh), g // 2, align="left")
        for (page, label), box in zip(tabs, tab_boxes):
            el = button(self.manager, label, box, self.root, "#option")
            if page == self.page:
                el.select()
            action = (lambda p=page: self.go(p, 0))
            self.on_click(el, action)
            self.focus.add(el, action, name=f"tab:{page}")
        y = tab_boxes[0].bottom + g

        # Footer: hint, then [to start] [play again] ... [previous] [next].
        hint = text_box(self.manager, muted(esc(self.tr("debrief_hint"))), Box(col.x, 0, col.w, 0), self.root,
                        "#small")
        hint.set_relative_position((col.x, h - m // 2 - hint.rect.height))
        footer = Box(col.x, hint.rect.y - g // 2 - bh, col.w, bh)
        home = (self.tr("back"), self.back, None) if self.back is not None else (self.tr("to_start"),
                                                                                 self.app.go_start, None)
        left = [home, (self.tr("play_again"), self._again, None)]
        pages = self.pages()
        here = self._here()
        right = []  # no "previous" on the first page, no "next" on the last: no button that does nothing
        if here != pages[0]:
            right.append((self.tr("previous"), lambda: self.step(-1), None))
        if here != pages[-1]:
            right.append((self.tr("next"), lambda: self.step(1), "#primary"))
        lw = sum(button_width(self.fonts, t) for t, _, _ in left) + g
        rw = sum(button_width(self.fonts, t) for t, _, _ in right) + g * max(0, len(right) - 1)
        body = Box(col.x, y, col.w, footer.y - g - y)
        if lw + rw + g <= col.w:
            build_buttons(self, left, Box(footer.x, footer.y, lw, bh), align="left")
            if right:
                build_buttons(self, right, Box(footer.right - rw, footer.y, rw, bh), align="right")
        else:  # narrow window at a large text size: two rows
            build_buttons(self, right, footer, align="right")
            upper = Box(col.x, footer.y - g // 2 - bh, col.w, bh)
            build_buttons(self, left, upper, align="left")
            body = Box(col.x, y, col.w, upper.y - g - y)

        if self.page == "overview":
            self._build_overview(body)
        elif self.page == "compare":
            self.compare.build(body)
            self.area = self.compare.area
        elif self.page == "decision":
            self._build_decision(body)
        else:
            self._build_reflection(body)

    def initial_focus(self, previous: int) -> int:
        if previous >= 0:
            return previous
        for i, item in enumerate(self.focus.items):
            if item.name == self.tr("next"):
                return i
        return 0

    def _build_overview(self, body: Box) -> None:
        """The ending and the counts, the chart per dimension, then strengths and the trainer's word."""
        review = self.review
        assert review is not None
        L = self.lang
        top = []
        if review.ending is not None:
            top.append(heading_html(self, review.ending.title.get(L)) + "  "
                       + muted(esc(self.tr("kind_" + review.ending.kind))))
        top.append(f"<b>{esc(self.tr('overall_of_best', score=review.overall, best=review.best_overall))}</b>")
        counts = review.counts()
        # "label: n" avoids Dutch plurals that a template can't get right ("8 missers").
        summary = " · ".join(f"{self.tr('verdict_' + v)}: {counts[v]}"
                             for v in ("best", "good", "inaccuracy", "mistake"))
        summary = summary[:1].upper() + summary[1:]
        summary = " · ".join([summary, *missed_counts((d.missed_reason for d in review.decisions
                                                        if d.missed_opportunity), self.lang)])
        line = esc(summary)
        top.append(line)
        if not review.exact:
            top.append(muted(esc(self.tr("approximate"))))
        top.append(muted(esc(debrief_line(status_of(review.scenario), L))))  # whose judgement the scores are
        below = []
        if review.strongest:
            d = BY_KEY[review.strongest]
            below.append(f"<b>{esc(self.tr('strongest'))}:</b> {esc(d.short.get(L))} — {esc(d.label.get(L))}")
        if review.weakest:
            names = "; ".join(f"{BY_KEY[k].short.get(L)} — {BY_KEY[k].label.get(L)}" for k in review.weakest)
            below.append(f"<b>{esc(self.tr('weakest'))}:</b> {esc(names)}")
        else:  # a flawless route: said, not an empty heading
            below.append(f"<b>{esc(self.tr('weakest'))}:</b> {esc(self.tr('nothing_to_work_on'))}")
        if review.ending is not None and review.ending.debrief.variants:
            below.append(esc(review.ending.debrief.get(L)))

        self.area = ScrollArea(self.manager, body, self.root)
        _, charts, link, _ = self.area.fill(lambda width: self._overview_content(review, top, below, width))
        if link is not None:
            self.focus.add(link, self._compare, name="compare")
        for chart, chart_y in charts:
            for text, where, box in chart.texts:
                self.drawn_texts.append((text, where.moved(body.x, body.y + chart_y),
                                         box.moved(body.x, body.y + chart_y)))

    def _overview_content(self, review: Review, top: list[str], below: list[str], width: int):
        """Summary, the link to both paths, own rating beside the measurement, the chart, the rest."""
        g = gap(self.scale)
        view = self.area.view  # type: ignore[union-attr]
        made: list = []
        charts = []
        link = None

        def put(html: str, y: int, key: str = "#body") -> int:
            el = text_box(self.manager, html, Box(0, y, width, 0), view, key)
            made.append(el)
            return el.relative_rect.bottom

        def draw(chart, y: int) -> int:
            made.append(image(self.manager, chart.surface, Box(0, y, width, chart.surface.get_height()), view))
            charts.append((chart, y))
            return y + chart.surface.get_height()

        y = put("<br>".join(top), 0) + g
        if self.play.is_replay:
            label = self.tr("cmp_link")
            bh = footer_height(self)
            link = button(self.manager, label, Box(0, y, min(width, button_width(self.fonts, label)), bh), view,
                          "#primary")
            self.on_click(link, self._compare)
            made.append(link)
            y += bh + g
        rating = self.play.rating
        y = put(heading_html(self, self.tr("scale_title")), y) + g // 2
        y = draw(scale_chart(review, rating, self.lang, self.fonts, width, self.scale), y) + g // 2
        y = put(muted(esc(self.tr("scale_legend"))), y, "#small") + g
        if rating is not None:
            notes = [f"<b>{esc(self.tr(k))}:</b> {esc(text)}" for k, text in (("sr_plus", rating.plus),
                                                                            ("sr_delta", rating.delta)) if text]
            if notes:
                y = put("<br>".join(notes), y) + g
        y = self._lens(review, width, y, put)
        y = self._mood_timeline(review, width, y, put, draw)
        return made, charts, link, put("<br><br>".join(below), y)

    def _lens(self, review: Review, width: int, y: int, put) -> int:
        """Beside the nine dimensions, never in a score: per lens tag the scenario uses, where the
        trainee made such a move and where they left one. Nothing when the scenario tags no move."""
        if not review.lens:
            return y
        g = gap(self.scale)
        y = put(heading_html(self, self.tr("lens_title")), y) + g // 2
        rows = [f"<b>{esc(name)}</b> {muted('(' + esc(about) + ')')}<br>{esc(summary)}"
                for name, about, summary in lens_section(review, self.lang)]
        y = put("<br><br>".join(rows), y) + g // 2
        return put(muted(esc(self.tr("lens_legend"))), y, "#small") + g

    def _mood_timeline(self, review: Review, width: int, y: int, put, draw) -> int:
        """Each resident's mood over the decisions, the best moves and mistakes marked (issue 19)."""
        timeline = Timeline.from_review(review, self.lang)
        if timeline.empty:
            return y
        g = gap(self.scale)
        y = put(heading_html(self, word("title", self.lang)), y) + g // 2
        fit = self.area.box.h - 2 * self.fonts.line_height("#doc_heading") if self.area is not None else None  # in view
        y = draw(timeline_chart(timeline, self.lang, self.fonts, width, self.scale, fit), y) + g // 2
        return put(muted(esc(word("note", self.lang))), y, "#small") + g

    def _compare(self) -> None:
        self.go("compare")

    def _build_decision(self, body: Box) -> None:
        review = self.review
        assert review is not None
        g = gap(self.scale)
        n = len(review.decisions)
        if n == 0:
            self.doc = text_box(self.manager, muted(esc(self.tr("no_mood_change"))), body, self.root, "#doc")
            return
        self.index = max(0, min(n - 1, self.index))
        d = review.decisions[self.index]
        # A strip of numbered buttons, coloured by verdict, to jump to any decision (when there is room).
        bh = footer_height(self)
        bw = max(button_width(self.fonts, f"{n} ?!", "#verdict_best", pad=18), bh)  # number and mark
        per_row = max(1, (body.w + g // 2) // (bw + g // 2))
        rows = -(-n // per_row)
        strip = rows * (bh + g // 2) <= body.h * 0.3
        y = body.y
        for i, dec in enumerate(review.decisions if strip else ()):
            r, c = divmod(i, per_row)
            box = Box(body.x + c * (bw + g // 2), body.y + r * (bh + g // 2), bw, bh)
            key = verdict_key(review, dec)
            el = button(self.manager, f"{i + 1} {verdict_mark(key)}", box, self.root, f"#verdict_{key or 'none'}")
            if i == self.index:
                el.select()
            action = (lambda k=i: self.go("decision", k))
            self.on_click(el, action)
            self.focus.add(el, action, name=f"decision:{i + 1}")
            y = box.bottom
        y += g if strip else 0
        head = f"{self.tr('decision_of', n=self.index + 1, total=n)}"
        if d.is_prep:
            head += f" · {self.tr('preparation')}"
        verdict = verdict_text(self, review, d)
        colour = VERDICT_HEX[verdict_key(review, d)]
        html = f"<b>{esc(head)}</b>" + (f"  <font color='{colour}'><b>{esc(verdict)}</b></font>" if verdict else "")
        label = self.tr("replay_from_here") + " (R)"
        rw = button_width(self.fonts, label)
        beside = rw + g + self.fonts.text_width("#doc_heading", head + "  " + verdict) <= body.w
        header = text_box(self.manager, html, Box(body.x, y, body.w - (rw + g if beside else 0), 0), self.root,
                          "#doc_heading")
        top = y
        y = header.rect.bottom + g // 2
        if not beside:
            top, y = y, y + bh + g // 2
        if self.error:
            note = text_box(self.manager, f"<font color='#9A4A2E'>{esc(self.error)}</font>",
                            Box(body.x, y, body.w, 0), self.root, "#small")
            y = note.rect.bottom + g // 2
        replay = button(self.manager, label, Box(body.right - rw, top, rw, bh), self.root, None)
        self.on_click(replay, self.replay)
        self.focus.add(replay, self.replay, name="replay")
        y = max(y, top + bh + g // 2) if beside else y
        self.doc = text_box(self.manager, decision_html(self, review, d),
                            Box(body.x, y, body.w, max(40, body.bottom - y)), self.root, "#doc", wrap=False)

    def _build_reflection(self, body: Box) -> None:
        review = self.review
        assert review is not None
        L = self.lang
        tips = "<br>".join(f"•  {esc(t.get(L))}" for t in review.tip_texts) or esc(self.tr("no_tips"))
        parts = [heading_html(self, self.tr("tips")) + "<br>" + tips]
        qs = []
        for i, q in enumerate(review.reflection, 1):
            text = f"{i}.  {esc(q.get(L))}"
            if i == 3:
                levels = "<br>".join(muted(esc(title.get(L))) for title, _ in OMGEVINGSBEWUSTZIJN_LEVELS)
                text += "<br>" + levels
            qs.append(text)
        parts.append(heading_html(self, self.tr("reflection")) + "<br>" + "<br><br>".join(qs))
        self.doc = text_box(self.manager, "<br><br>".join(parts), body, self.root, "#doc", wrap=False)

    def _again(self) -> None:
        self.app.replace_with_briefing(self.play)

    def replay(self) -> None:
        """Play again from the decision on screen: same situation, a different choice."""
        review = self.review
        if review is None or not review.decisions:
            return
        started = self.play.branch(review.decisions[self.index].index)
        if isinstance(started, str):
            self.error = started
            self.build()
            return
        self.app.show_play(started, resumed=True)

    # -- frame and input ----------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.page != "rating" and not self.play.review_ready:
            self.dots += dt
        elif self.page != "rating" and self.waiting is not None:
            self.build()

    def animating(self) -> bool:
        return self.page != "rating" and not self.play.review_ready

    def on_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if self.page == "rating":
            return self.rating.on_key(event)
        if key == pygame.K_r and self.page == "decision":
            self.replay()
            return True
        if key == pygame.K_LEFT:
            self.step(-1)
            return True
        if key == pygame.K_RIGHT:
            self.step(1)
            return True
        scrollable = self.doc is not None and self.doc.alive()
        step = self.fonts.line_height("#doc") * 2
        if key in (pygame.K_DOWN, pygame.K_UP, pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            amount = step if key in (pygame.K_DOWN, pygame.K_UP) else 400
            sign = 1 if key in (pygame.K_DOWN, pygame.K_PAGEDOWN) else -1
            if self.page in ("overview", "compare") and self.area is not None:
                self.area.scroll_by(sign * amount)
            elif scrollable:
                scroll_text_box(self.doc, sign * amount)
            return True
        return False

    def handle_event(self, event: pygame.event.Event) -> bool:
        return self.page == "rating" and self.rating.handle_event(event)

    def swallow_text(self, event: pygame.event.Event) -> bool:
        return self.page == "rating" and self.rating.swallow_text(event)

    def escape(self) -> None:
        self.app.open_menu()
