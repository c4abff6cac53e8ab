"""Mijn sessies: every session the journal holds, newest first; open one to see its debrief again.

A finished session opens its debrief (overview, decision by decision, reflection) over
this list, without asking for an estimate again; an unfinished one is continued where
it was left. A session whose scenario file moved, broke or no longer fits it says so in
one line instead. The journal is only read.
"""

from __future__ import annotations

import time
from typing import Optional

import pygame

from simulator.debriefing import DebriefError, scenario_for
from simulator.journal import JournalError, SessionRecord
from simulator.window.components.practice import load_latest
from simulator.window.layout import Box, frame, gap, margins
from simulator.window.lrs_window import status_line
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.scenes.common import build_buttons, esc, footer_height, muted
from simulator.window.widgets import Card, ScrollArea, text_box


def counted(scene: Scene, key: str, n: int) -> str:
    """``key_1`` for one, ``key_n`` for any other number: no "1 beslissingen"."""
    return scene.tr(f"{key}_1" if n == 1 else f"{key}_n", n=n)


class SessionsScene(Scene):
    name = "sessions"

    def __init__(self, app):
        super().__init__(app)
        self.message: Optional[str] = None
        self.area: Optional[ScrollArea] = None
        self.records: Optional[list[SessionRecord]] = None
        self._scenarios: dict[str, object] = {}  # path -> scenario (or None: can't be read)

    def _records(self) -> list[SessionRecord]:
        if self.records is None:
            self.records = []
            if self.app.journal is None:
                self.message = self.tr("ms_no_journal")
            else:
                try:
                    self.records = self.app.journal.sessions()
                except JournalError as exc:
                    self.message = str(exc)
        return self.records

    def _titles(self) -> dict[str, str]:
        return {card.id: card.title.get(self.lang) for card in self.app.load_catalog()}

    def card_html(self, record: SessionRecord, titles: dict[str, str]) -> str:
        when = time.strftime("%d-%m-%Y %H:%M", time.localtime(record.started_at))
        head = f"<b>{esc(titles.get(record.scenario_id, record.scenario_id))}</b>  " + muted(esc(when))
        if record.finished:
            ending = self._ending(record)
            parts = [f"{ending.title.get(self.lang)} ({self.tr('kind_' + ending.kind)})" if ending else ""]
            if record.overall is not None:
                parts.append(counted(self, "ms_points", record.overall))
            detail = esc(" · ".join(p for p in parts if p))
        else:
            detail = esc(self.tr("ms_unfinished") + " · " + counted(self, "ms_decisions", record.steps))
        if record.is_branch:
            detail += " · " + muted(esc(self.tr("ms_replay_of", id=record.parent_id,
                                                n=(record.branch_index or 0) + 1)))
        return f"{head}<br>{detail}<br>" + muted(esc(self.tr("ms_open" if record.finished else "ms_continue")
                                                  + f" · #{record.id}"))

    def _ending(self, record: SessionRecord):
        """The ending the session reached, from its scenario file (None when that can't be read)."""
        key = record.scenario_path
        if key not in self._scenarios:
            try:
                self._scenarios[key] = scenario_for(record)
            except DebriefError:
                self._scenarios[key] = None
        scenario = self._scenarios[key]
        return scenario.endings.get(record.ending or "") if scenario is not None else None

    def build_widgets(self) -> None:
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        col = frame(self.size, 10, 10, self.scale).header
        title = text_box(self.manager, f"<b>{esc(self.tr('ms_title'))}</b>", Box(col.x, m, col.w, 0), self.root,
                         "#doc_title")
        y = title.rect.bottom + g // 2
        records = self._records()
        sending = status_line(self.app)
        if sending:
            y = text_box(self.manager, muted(esc(sending)), Box(col.x, y, col.w, 0), self.root, "#small").rect.bottom \
                + g // 2
        if self.message:
            note = text_box(self.manager, f"<font color='#9A4A2E'>{esc(self.message)}</font>",
                            Box(col.x, y, col.w, 0), self.root, "#small")
            y = note.rect.bottom + g // 2
        fh = footer_height(self)
        hint = text_box(self.manager, muted(esc(self.tr("ms_hint"))), Box(col.x, 0, col.w, 0), self.root, "#small")
        hint.set_relative_position((col.x, h - m // 2 - hint.rect.height))
        footer = Box(col.x, hint.rect.y - g // 2 - fh, col.w, fh)
        body = Box(col.x, y, col.w, max(60, footer.y - g - y))
        if not records:
            text_box(self.manager, esc(self.tr("ms_none")), body.with_height(0), self.root, "#body")
        else:
            self._build_list(body, records)
        build_buttons(self, [(self.tr("pv_button"), self.privacy, "button"),
                             (self.tr("back"), self.app.pop, "#primary")], footer)

    def privacy(self) -> None:
        def changed() -> None:
            self.records = None  # sessions were deleted: read the list again when we're back
            self.build()
        self.app.push(self.app.scene("privacy", on_change=changed))

    def _build_list(self, body: Box, records: list[SessionRecord]) -> None:
        g = gap(self.scale)
        titles = self._titles()
        self.area = ScrollArea(self.manager, body, self.root)

        def make(width: int):
            cards, y = [], 0
            for record in records:
                card = Card(self.manager, self.card_html(record, titles), 0, y, width, g, self.area.view)
                cards.append((card, record))
                y = card.box.bottom + g // 2
            return [el for card, _ in cards for el in card.elements()], cards, y

        _, cards, _ = self.area.fill(make)
        for card, record in cards:
            action = (lambda r=record: self.open(r))
            self.on_click(card.button, action)
            self.focus.add(card.button, action, name=f"session:{record.id}",
                           on_focus=lambda c=card: self.area.ensure_visible(c.box.y, c.box.bottom))

    def initial_focus(self, previous: int) -> int:
        return max(0, previous)

    def open(self, record: SessionRecord) -> None:
        if not record.finished:
            message = self.app.continue_session(record)
        else:
            message = self._open_debrief(record)
        if message:
            self.message = message
            self.build()

    def _open_debrief(self, record: SessionRecord) -> Optional[str]:
        journal = self.app.journal
        loaded = load_latest(journal, record) if journal is not None else None
        if loaded is None:
            return self.tr("ms_cant_open", id=record.id)
        scenario, session = loaded
        play = Play(scenario, record.scenario_path, self.lang, journal, session=session, session_id=record.id)
        play.rated = True  # seen before: straight to the figures, no second estimate
        self.app.push(self.app.scene("debrief", play, back=self.app.pop))
        return None

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.area is not None:
            page = max(40, self.area.box.h - 40)
            self.area.scroll_by(page if event.key == pygame.K_PAGEDOWN else -page)
            return True
        return False

    def escape(self) -> None:
        self.app.pop()
