"""Privacy and sending: what is kept and sent, the trainee's own export, deleting sessions.

Opened from Mijn sessies. Shows what ``privacy.status_lines`` says (where the sessions are,
whether an LRS is set up, who the statements name, what happens to typed own words) and the
background sender's status line, and offers:
- export everything kept about you as one JSON file (into Documents, or the home folder);
- delete one session (click it, then click again to confirm) or all of them (the same way).
Deleting is ``privacy.delete_sessions``: statements the LRS already has are voided there.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from simulator.export.json_data import to_json
from simulator.journal import JournalError, SessionRecord
from simulator.privacy import delete_sessions, export_data, status_lines
from simulator.safewrite import WriteRefused, write_output
from simulator.window.layout import Box, frame, gap, margins
from simulator.window.lrs_window import status_line
from simulator.window.scene import Scene
from simulator.window.scenes.common import build_buttons, esc, footer_height, muted
from simulator.window.widgets import Card, ScrollArea, text_box


def export_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class PrivacyScene(Scene):
    name = "privacy"

    def __init__(self, app, on_change=None):
        super().__init__(app)
        self.message: Optional[str] = None
        self.armed: Optional[object] = None  # the session id (or "all") the next click deletes
        self.area: Optional[ScrollArea] = None
        self.on_change = on_change  # the list below changed (sessions deleted)

    def _lines(self) -> list[str]:
        journal = self.app.journal
        if journal is None:
            return [self.tr("ms_no_journal")]
        try:
            lines = status_lines(journal, self.app.settings.language)
        except JournalError as exc:
            lines = [str(exc)]
        sending = status_line(self.app)
        return lines + ([sending] if sending else [])

    def build_widgets(self) -> None:
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        col = frame(self.size, 10, 10, self.scale).header
        title = text_box(self.manager, f"<b>{esc(self.tr('pv_title'))}</b>", Box(col.x, m, col.w, 0), self.root,
                         "#doc_title")
        y = title.rect.bottom + g // 2
        status = text_box(self.manager, "<br>".join(esc(line) for line in self._lines()), Box(col.x, y, col.w, 0),
                          self.root, "#small")
        y = status.rect.bottom + g // 2
        if self.message:
            note = text_box(self.manager, f"<b>{esc(self.message)}</b>", Box(col.x, y, col.w, 0), self.root, "#small")
            y = note.rect.bottom + g // 2
        fh = footer_height(self)
        footer = Box(col.x, h - m // 2 - fh, col.w, fh)
        body = Box(col.x, y, col.w, max(60, footer.y - g - y))
        records = self._records()
        if records:
            self._build_list(body, records)
        delete_all = self.tr("pv_delete_all_sure" if self.armed == "all" else "pv_delete_all")
        build_buttons(self, [(self.tr("pv_export"), self.export, "button"),
                             (delete_all, self.delete_all, "button"),
                             (self.tr("back"), self.app.pop, "#primary")], footer)

    def _records(self) -> list[SessionRecord]:
        if self.app.journal is None:
            return []
        try:
            return self.app.journal.sessions()
        except JournalError as exc:
            self.message = str(exc)
            return []

    def _build_list(self, body: Box, records: list[SessionRecord]) -> None:
        g = gap(self.scale)
        self.area = ScrollArea(self.manager, body, self.root)

        def html(record: SessionRecord) -> str:
            when = time.strftime("%d-%m-%Y %H:%M", time.localtime(record.started_at))
            action = self.tr("pv_delete_sure" if self.armed == record.id else "pv_delete", id=record.id)
            return f"<b>#{record.id}</b> {esc(record.scenario_id)}  {muted(esc(when))}<br>{esc(action)}"

        def make(width: int):
            cards, y = [], 0
            for record in records:
                card = Card(self.manager, html(record), 0, y, width, g, self.area.view)
                cards.append((card, record))
                y = card.box.bottom + g // 2
            return [el for card, _ in cards for el in card.elements()], cards, y

        _, cards, _ = self.area.fill(make)
        for card, record in cards:
            action = (lambda r=record: self.delete(r.id))
            self.on_click(card.button, action)
            self.focus.add(card.button, action, name=f"delete:{record.id}",
                           on_focus=lambda c=card: self.area.ensure_visible(c.box.y, c.box.bottom))

    def export(self) -> None:
        journal = self.app.journal
        if journal is None:
            return
        path = export_folder() / f"tussenwerker-mijn-gegevens-{time.strftime('%Y%m%d-%H%M%S')}.json"
        try:
            write_output(path, to_json(export_data(journal)), force=False, ask=lambda _: False)
            self.message = self.tr("pv_exported", path=path)
        except (WriteRefused, JournalError, OSError) as exc:
            self.message = str(exc)
        self.armed = None
        self.build()

    def delete(self, session_id: int) -> None:
        if self.armed != session_id:
            self.armed = session_id  # the first click asks; the second deletes
            self.message = self.tr("pv_confirm", id=session_id)
            self.build()
            return
        self._delete([session_id])

    def delete_all(self) -> None:
        if self.armed != "all":
            self.armed = "all"
            self.message = self.tr("pv_confirm_all")
            self.build()
            return
        self._delete([r.id for r in self._records()])

    def _delete(self, ids: list[int]) -> None:
        self.armed = None
        try:
            done = delete_sessions(self.app.journal, ids)
            self.message = self.tr("pv_deleted", n=len(done.deleted)) + (
                " " + self.tr("pv_voided", n=done.voided) if done.voided else "")
        except JournalError as exc:
            self.message = str(exc)
        if self.on_change is not None:
            self.on_change()
        self.build()

    def escape(self) -> None:
        self.app.pop()
