"""The card a trainee rereads mid-meeting: the mandate and goals, the preparation, the residents.

Made for two screens: "Mandaat" during the meeting (M), and the time-out on the
balcony that comes later, which shows the same card with its own title. It shows what
the trainee may bring to the table (the briefing's room to move and the municipality's
goals), what they found in the preparation (their own answers, not judged: feedback
waits for the debrief), and what the residents visibly show: each one's face and mood
meters and the last thing they said. Nothing hidden — no interests the author wrote
down for the debrief, no scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from engine.scenario.model import Resident, Scenario
from simulator.window.cards import CardStyle, card_height, draw_card
from simulator.window.components import Kit
from simulator.window.glyphs import html_escape
from simulator.window.layout import Box, gap
from simulator.window.portraits import PortraitSource, portrait_folders
from simulator.window.widgets import ScrollArea, image, text_box


@dataclass(frozen=True)
class Section:
    title_key: str
    items: tuple[str, ...]  # plain text, one bullet each


@dataclass(frozen=True)
class ResidentShown:
    resident: Resident
    last_line: Optional[str]


def sections(scenario: Scenario, session: Any, lang: str) -> list[Section]:
    """Mandate, goals and the trainee's preparation answers (in that order; empty ones left out)."""
    st = scenario.setting
    out = []
    if st.room_to_move:
        out.append(Section("room_to_move", tuple(r.get(lang) for r in st.room_to_move)))
    if st.goals:
        out.append(Section("goals", tuple(g.get(lang) for g in st.goals)))
    answers = []
    questions = {q.id: q for q in scenario.preparation.questions} if scenario.preparation else {}
    for d in session.history:
        q = questions.get(d.node_id) if d.kind == "prep" else None
        if q is None:
            continue
        try:
            answers.append(f"{q.prompt.get(lang)} — {q.option(d.choice_id).text.get(lang)}")
        except KeyError:
            continue
    if answers:
        out.append(Section("mc_your_preparation", tuple(answers)))
    return out


def residents_shown(scenario: Scenario, session: Any, lang: str) -> list[ResidentShown]:
    """Each resident with the last line they said in this meeting (None: nothing yet)."""
    last: dict[str, str] = {}
    for entry in reversed(session.state.transcript):
        if entry.kind != "line":
            continue
        try:
            line = session.line_of(entry)
        except (KeyError, IndexError):
            continue
        last.setdefault(line.speaker, line.text.get(lang))
    return [ResidentShown(r, last.get(r.id)) for r in scenario.residents]


class MandateCard:
    """The card's content in a scrolling area; the screen around it gives the title and buttons."""

    def __init__(self, scenario: Scenario, session: Any):
        self.scenario = scenario
        self.session = session
        self.sources = {r.id: PortraitSource(r.id, r.portrait, portrait_folders(scenario.path))
                        for r in scenario.residents}
        self.area: Optional[ScrollArea] = None
        self.drawn: list[tuple[str, Box, Box]] = []

    def build(self, kit: Kit, box: Box, container: Any, offset: tuple[int, int] = (0, 0)) -> None:
        """Fill ``box`` (inside ``container``, whose top left is at ``offset`` in the window)."""
        self.area = ScrollArea(kit.manager, box, container)
        self._texts: list[tuple[str, Box, Box]] = []
        self.area.fill(lambda width: self._content(kit, width))
        dx, dy = offset[0] + box.x, offset[1] + box.y
        self.drawn = [(t, w.moved(dx, dy), b.moved(dx, dy)) for t, w, b in self._texts]

    def _content(self, kit: Kit, width: int):
        g = gap(kit.scale)
        view = self.area.view  # type: ignore[union-attr]
        made: list[Any] = []
        self._texts: list[tuple[str, Box, Box]] = []
        y = 0
        for section in sections(self.scenario, self.session, kit.lang):
            html = (f"<b>{html_escape(kit.tr(section.title_key))}</b><br>"
                    + "<br>".join(f"•  {html_escape(item)}" for item in section.items))
            el = text_box(kit.manager, html, Box(0, y, width, 0), view, "#body")
            made.append(el)
            y = el.relative_rect.bottom + g
        head = text_box(kit.manager, f"<b>{html_escape(kit.tr('mc_residents_show'))}</b>", Box(0, y, width, 0), view,
                        "#body")
        made.append(head)
        y = head.relative_rect.bottom + g // 2
        card_w = min(240, max(150, width // 4))
        style = CardStyle("compact", 48, max(8, g - 2), kit.lang, kit.scale)
        variables = self.scenario.mood_variables
        for shown in residents_shown(self.scenario, self.session, kit.lang):
            r = shown.resident
            ch = card_height(kit.fonts, r, variables, card_w, style)
            box = Box(0, y, card_w, ch)
            mood = {k: float(v) for k, v in self.session.mood[r.id].items()}
            surf, texts = draw_card(kit.fonts, self.sources[r.id], r, variables, mood, {}, box, False, style)
            made.append(image(kit.manager, surf, box, view))
            self._texts += texts
            said = shown.last_line
            html = (f"<i>‘{html_escape(said)}’</i>" if said else
                    f"<font color='#55636B'>{html_escape(kit.tr('mc_nothing_said'))}</font>")
            text_w = width - card_w - g
            if text_w >= 160:
                el = text_box(kit.manager, html, Box(card_w + g, y, text_w, 0), view, "#body")
                bottom = max(box.bottom, el.relative_rect.bottom)
            else:  # narrow: the words under the card
                el = text_box(kit.manager, html, Box(0, box.bottom + 4, width, 0), view, "#body")
                bottom = el.relative_rect.bottom
            made.append(el)
            y = bottom + g
        return made, y

    def scroll_by(self, dy: int) -> None:
        if self.area is not None:
            self.area.scroll_by(dy)

    def teardown(self) -> None:
        self.area = None
        self.drawn = []
