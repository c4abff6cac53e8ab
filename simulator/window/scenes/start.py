"""The start screen: the scenarios as cards, continuing the last session, settings, quit."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from simulator.catalog import scenario_dir
from simulator.journal import JournalError, SessionRecord
from simulator.signoff_status import label_for_path as signoff_label
from simulator.window.cards_cache import ScenarioCard
from simulator.window.layout import Box, gap, grid, grid_columns, margins
from simulator.window.scene import Scene
from simulator.window.scenes.common import build_buttons, esc, footer_height, muted
from simulator.window.widgets import Card, ScrollArea, button, button_width, text_box


class StartScene(Scene):
    name = "start"

    def __init__(self, app):
        super().__init__(app)
        self.message: Optional[str] = None
        self.cards: list[Card] = []
        self.area: Optional[ScrollArea] = None

    def _last_unfinished(self) -> Optional[tuple[SessionRecord, ScenarioCard]]:
        journal = self.app.journal
        if journal is None:
            return None
        try:
            record = journal.last_unfinished()
        except JournalError as exc:
            self.message = str(exc)
            return None
        if record is None:
            return None
        for card in self.app.load_catalog():
            if card.id == record.scenario_id:
                return record, card
        return None

    def card_html(self, s: ScenarioCard) -> str:
        L = self.lang
        size = self.fonts.size_of("#card_title")
        names = list(s.residents) or [""]
        joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {self.tr('and')} {names[-1]}"
        meta = []
        if s.minutes:
            meta.append(self.tr("about_minutes", n=s.minutes))
        if s.difficulty:
            meta.append(f"{self.tr('difficulty')}: {self.tr(f'difficulty_{s.difficulty}')} "
                        f"({self.tr('n_of_3', n=s.difficulty)})")
        lines = [f"<font pixel_size={size}><b>{esc(s.title.get(L))}</b></font>", esc(s.summary.get(L)),
                 muted(esc(self.tr("with_residents", names=joined)))]
        if meta:
            lines.append(muted(esc(" · ".join(meta))))
        lines.append(muted(esc(signoff_label(s.path, L))))  # "gecontroleerd door …" or "niet gecontroleerd"
        if s.own:  # a trainer's own scenario, beside the shipped ones (and never instead of one)
            lines.append(f"<font color='#1D6A72'><b>{esc(self.tr('own_scenario'))}</b></font> "
                         + muted(esc(Path(s.path).name)))
        return "<br>".join(lines)

    def build_widgets(self) -> None:
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        width = min(w - 2 * m, int(1500 * min(self.scale, 1.3)))
        inner = Box((w - width) // 2, m, width, h - 2 * m)
        top_block: list = []  # what moves down together when the window is much taller than needed
        title = text_box(self.manager, f"<b>{esc(self.tr('app_title'))}</b>", Box(inner.x, inner.y, inner.w, 0),
                         self.root, "#title")
        y = title.rect.bottom
        tag = text_box(self.manager, muted(esc(self.tr("tagline"))), Box(inner.x, y, inner.w, 0), self.root, "#body")
        top_block += [title, tag]
        y = tag.rect.bottom + g
        notices = [n for n in (self.app.notice, self.message) if n]
        for n in notices:
            note = text_box(self.manager, f"<font color='#9A4A2E'>{esc(n)}</font>", Box(inner.x, y, inner.w, 0),
                            self.root, "#small")
            top_block.append(note)
            y = note.rect.bottom + g // 2

        # Footer: my sessions and my progress on the left, settings and quit on the right, the keys line
        # beside them when there is room, else under them.
        fh = footer_height(self)
        mine = [(self.tr("ms_button"), self.app.open_sessions, None), (self.tr("mp_button"), self.app.open_progress,
                                                                      None)]
        specs = [(self.tr("settings"), self.app.open_settings, None), (self.tr("quit"), self.app.request_quit, None)]
        mine_w = sum(button_width(self.fonts, t) for t, _, _ in mine) + g
        specs_w = sum(button_width(self.fonts, t) for t, _, _ in specs) + g
        footer = Box(inner.x, h - m // 2 - fh, inner.w, fh)
        hint_w = inner.w - mine_w - specs_w - 2 * g
        beside = hint_w >= 200 and self.fonts.text_width("#small", self.tr("start_hint")) <= hint_w
        hint = text_box(self.manager, muted(esc(self.tr("start_hint"))),
                        Box(inner.x, 0, hint_w if beside else inner.w, 0), self.root, "#small")
        if beside:
            hint.set_relative_position((inner.x + mine_w + g, footer.y + (fh - hint.rect.height) // 2))
        else:
            hint.set_relative_position((inner.x, h - m // 2 - hint.rect.height))
            footer = Box(inner.x, hint.rect.y - g // 2 - fh, inner.w, fh)
        bottom_row = footer
        if mine_w + specs_w + g > inner.w:  # a narrow window at a large text size: two rows
            footer = Box(inner.x, footer.y - g // 2 - fh, inner.w, fh)

        self.cards = []
        last = self._last_unfinished()
        if last is not None:
            record, scenario = last
            when = time.strftime("%d-%m-%Y %H:%M", time.localtime(record.started_at))
            detail = "continue_detail_1" if record.steps == 1 else "continue_detail_n"
            html = (f"<b>{esc(self.tr('continue_last'))}</b><br>"
                    + esc(self.tr(detail, title=scenario.title.get(self.lang), when=when, n=record.steps)))
            card = Card(self.manager, html, inner.x, y, inner.w, g, self.root, object_id="#balcony")
            top_block += card.elements()
            self.on_click(card.button, lambda r=record: self._continue(r))
            self.focus.add(card.button, lambda r=record: self._continue(r), name="continue")
            y = card.box.bottom + g

        heading, opener = self._heading_row(inner, y)
        top_block += [heading, opener]
        y = max(heading.rect.bottom, opener.rect.bottom) + g // 2
        area_box = Box(inner.x, y, inner.w, max(60, footer.y - g - y))
        entries = self.app.load_catalog()
        if not entries:
            text_box(self.manager, esc(self.tr("no_scenarios", path=str(scenario_dir()))),
                     Box(inner.x, y, inner.w, 0), self.root, "#body")
        else:
            used = self._build_cards(area_box, entries)
            spare = area_box.h - used
            if spare > 0 and self.area is not None:
                # A tall window: the cards' area shrinks to the cards and the whole block sits a
                # little above the middle instead of clinging to the top.
                self.area.view.set_dimensions((area_box.w, used))
                self.area.box = area_box.with_height(used)
                self.area.set_content_height(used)
                shift = spare // 3
                for el in top_block + [self.area.view]:
                    x0, y0 = el.relative_rect.topleft
                    el.set_relative_position((x0, y0 + shift))
        self.focus.add(opener, self._open_file, name="open_scenario")
        # The footer's buttons after the cards: the keyboard starts on the first scenario.
        build_buttons(self, mine, Box(footer.x, footer.y, mine_w, fh), align="left")
        build_buttons(self, specs, Box(bottom_row.right - specs_w, bottom_row.y, specs_w, fh), align="right")

    def _heading_row(self, inner: Box, y: int):
        """"Kies een gesprek" and, on its right, "Scenario openen…" (any file, wherever it is)."""
        g = gap(self.scale)
        label = self.tr("open_scenario")
        bw, bh = button_width(self.fonts, label, "#quiet"), footer_height(self)
        heading = text_box(self.manager, f"<b>{esc(self.tr('choose_scenario'))}</b>",
                           Box(inner.x, y, inner.w - bw - g, 0), self.root, "#doc_heading")
        row = max(heading.rect.height, bh)
        heading.set_relative_position((inner.x, y + (row - heading.rect.height) // 2))
        opener = button(self.manager, label, Box(inner.right - bw, y + (row - bh) // 2, bw, bh), self.root, "#quiet")
        self.on_click(opener, self._open_file)
        return heading, opener

    def _build_cards(self, area_box: Box, entries) -> int:
        """The scenario cards in a scrolling grid; returns the height they need."""
        g = gap(self.scale)
        pad = int(g * 1.4)
        columns = grid_columns(area_box.w, int(380 * min(self.scale, 1.3)), 3)
        columns = min(columns, len(entries))
        self.area = ScrollArea(self.manager, area_box, self.root)
        width = area_box.w
        for attempt in range(2):
            cards = []
            # Measure at the final column width: lay out once, then place by grid.
            col_w = (width - g * (columns - 1)) // columns
            for e in entries:
                cards.append(Card(self.manager, self.card_html(e), 0, 0, col_w, pad, self.area.view))
            boxes = grid([c.height for c in cards], columns, 0, 0, width, g)
            content_h = boxes[-1].bottom if boxes else 0
            if content_h > area_box.h and width == area_box.w and attempt == 0:
                for c in cards:
                    c.kill()
                width = ScrollArea.content_width(area_box, content_h)
                continue
            break
        self.area.set_content_height(content_h)
        for card, box, e in zip(cards, boxes, entries):
            self._place(card, box)
            action = (lambda c=e: self._open(c))
            self.on_click(card.button, action)
            self.focus.add(card.button, action, name=e.id,
                           on_focus=lambda b=box: self._show(b))
        self.cards.extend(cards)
        return content_h

    @staticmethod
    def _place(card: Card, box: Box) -> None:
        """Grid cells are as tall as the tallest card in the row: stretch the button."""
        if card.box.x != box.x:
            dx = box.x - card.box.x
            card.button.set_relative_position((box.x, card.box.y))
            tx, ty = card.text.relative_rect.topleft
            card.text.set_relative_position((tx + dx, ty))
            card.box = Box(box.x, card.box.y, card.box.w, card.box.h)
        card.move_to(box.y)
        if card.box.h != box.h:
            card.button.set_dimensions((box.w, box.h))
            card.box = box

    def _open(self, card: ScenarioCard) -> None:
        message = self.app.open_card(card)
        if message:
            self.message = message
            self.build()

    def _open_file(self) -> None:
        self.message = None
        self.app.push(self.app.scene("open_scenario"))

    def _show(self, box: Box) -> None:
        if self.area is not None:
            self.area.ensure_visible(box.y, box.bottom)

    def _continue(self, record: SessionRecord) -> None:
        message = self.app.continue_session(record)
        if message:
            self.message = message
            self.build()

    def escape(self) -> None:
        self.app.open_menu()
