"""The residents at the table: their cards, and moods that ease to where a choice left them.

The cards show ``display_mood``, which follows the session's mood over a few frames
instead of jumping, so the trainee sees what a choice did; after a choice a small arrow
beside a meter says which way it moved (``mood_delta``) until the next one. The row
takes the largest card shape that the screen can spare room for (``cards.SHAPES``) and
sits in a quiet room — a wall and the edge of a table — that fills whatever height the
line and the options leave.
"""

from __future__ import annotations

from typing import Mapping, Optional

import pygame
from pygame_gui.elements import UIImage

from engine.scenario.model import Resident, Scenario

from ..cards import SHAPES, CardStyle, card_height, draw_card, face_size
from ..layout import Box, clamp, gap, row
from ..portraits import PortraitSource, portrait_folders
from ..theme import PAPER_DEEP
from ..widgets import image
from . import Kit

MOOD_SPEED = 5.0  # how fast meters and faces follow a change (per second, exponential)
TABLE = (205, 182, 152)
TABLE_EDGE = (176, 150, 118)

DrawnText = tuple[str, Box, Box]


class ResidentsRow:
    def __init__(self, scenario: Scenario, mood: Mapping[str, Mapping[str, int]]):
        self.scenario = scenario
        self.sources = {r.id: PortraitSource(r.id, r.portrait, portrait_folders(scenario.path))
                        for r in scenario.residents}
        self.display_mood = {rid: {k: float(v) for k, v in m.items()} for rid, m in mood.items()}
        self.mood_delta: dict[str, dict[str, int]] = {}
        self.speaker: Optional[str] = None
        # widgets
        self.kit: Optional[Kit] = None
        self.style: Optional[CardStyle] = None
        self.room: Optional[Box] = None
        self.portrait_images: dict[str, UIImage] = {}
        self.portrait_boxes: dict[str, Box] = {}
        self.drawn: list[DrawnText] = []

    # -- measuring -----------------------------------------------------------------------
    def card_width(self, kit: Kit, width: int) -> int:
        cols = row(len(self.scenario.residents), 0, width, gap(kit.scale),
                   max_item=int(260 * clamp(kit.scale, 1.0, 1.5)))
        return cols[0][1] if cols else width

    def style_for(self, kit: Kit, shape: str, width: int, window_h: int) -> CardStyle:
        card_w = self.card_width(kit, width)
        pad = max(8, gap(kit.scale) - 2)
        return CardStyle(shape, face_size(window_h, card_w, shape, kit.scale), pad, kit.lang, kit.scale)

    def heights(self, kit: Kit, width: int, window_h: int) -> list[tuple[str, int]]:
        """Each shape with the height of its row (room included), largest first."""
        out = []
        card_w = self.card_width(kit, width)
        for shape in SHAPES:
            style = self.style_for(kit, shape, width, window_h)
            h = max((card_height(kit.fonts, r, self.scenario.mood_variables, card_w, style)
                     for r in self.scenario.residents), default=0)
            out.append((shape, h + self.room_margin(kit)))
        return out

    @staticmethod
    def room_margin(kit: Kit) -> int:
        """The room around the cards: a little wall above, the table's edge below."""
        return gap(kit.scale)

    # -- widgets -------------------------------------------------------------------------------
    def build(self, kit: Kit, room: Box, shape: str, window_h: int, speaker: Optional[str]) -> None:
        """The cards in ``shape``, standing at the table at the bottom of ``room``."""
        self.kit, self.room, self.speaker = kit, room, speaker
        self.style = self.style_for(kit, shape, room.w, window_h)
        card_w = self.card_width(kit, room.w)
        card_h = max((card_height(kit.fonts, r, self.scenario.mood_variables, card_w, self.style)
                      for r in self.scenario.residents), default=0)
        g = self.room_margin(kit)
        top = room.bottom - g // 2 - card_h
        cols = row(len(self.scenario.residents), room.x, room.w, gap(kit.scale),
                   max_item=int(260 * clamp(kit.scale, 1.0, 1.5)))
        self.portrait_images, self.portrait_boxes, self.drawn = {}, {}, []
        for r, (x, w) in zip(self.scenario.residents, cols):
            box = Box(x, top, w, card_h)
            self.portrait_boxes[r.id] = box
            self.portrait_images[r.id] = image(kit.manager, self._card(r, box), box, kit.root)

    def _card(self, r: Resident, box: Box) -> pygame.Surface:
        assert self.kit is not None and self.style is not None
        surf, texts = draw_card(self.kit.fonts, self.sources[r.id], r, self.scenario.mood_variables,
                                self.display_mood[r.id], self.mood_delta.get(r.id, {}), box, r.id == self.speaker,
                                self.style)
        self.drawn = [t for t in self.drawn if not box.contains(t[2])] + texts
        return surf

    def refresh(self, speaker: Optional[str] = None) -> None:
        """Draw the cards again (new moods, a new speaker) without rebuilding."""
        if speaker is not None:
            self.speaker = speaker
        for r in self.scenario.residents:
            el, box = self.portrait_images.get(r.id), self.portrait_boxes.get(r.id)
            if el is not None and box is not None and el.alive():
                el.set_image(self._card(r, box))

    def teardown(self) -> None:
        self.portrait_images, self.portrait_boxes, self.drawn = {}, {}, []
        self.room = None

    def draw_room(self, surface: pygame.Surface) -> None:
        """A quiet room: a wall behind the residents and the edge of the table they sit at."""
        room, kit = self.room, self.kit
        if room is None or kit is None or not self.portrait_boxes or room.h <= 0:
            return
        g = gap(kit.scale)
        pygame.draw.rect(surface, PAPER_DEEP, pygame.Rect(room.as_tuple()), border_radius=14)
        first = next(iter(self.portrait_boxes.values()))
        table = pygame.Rect(room.x + g // 2, min(room.bottom - 4, first.bottom - g // 2 - 2), room.w - g, g // 2 + 4)
        pygame.draw.rect(surface, TABLE, table, border_radius=6)
        pygame.draw.line(surface, TABLE_EDGE, (table.x + 6, table.bottom - 1), (table.right - 6, table.bottom - 1))

    # -- moods --------------------------------------------------------------------------------
    def mark_change(self, before: Mapping[str, Mapping[str, int]], after: Mapping[str, Mapping[str, int]]) -> None:
        """Remember what the last choice moved (the cards show it as arrows)."""
        self.mood_delta = mood_change(before, after)

    def ease(self, dt: float, target: Mapping[str, Mapping[str, int]]) -> None:
        moving = False
        for rid, values in self.display_mood.items():
            for k, v in values.items():
                goal = float(target[rid][k])
                if abs(goal - v) > 0.01:
                    values[k] = v + (goal - v) * min(1.0, dt * MOOD_SPEED) if dt > 0 else v
                    if abs(goal - values[k]) <= 0.02:
                        values[k] = goal
                    moving = True
        if moving:
            self.refresh()

    def moving(self, target: Mapping[str, Mapping[str, int]]) -> bool:
        return any(abs(float(target[rid][k]) - v) > 0.01
                   for rid, values in self.display_mood.items() for k, v in values.items())


def mood_change(before: Mapping[str, Mapping[str, int]],
                after: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Per resident, the mood variables that moved and by how much."""
    return {rid: {k: v - before[rid][k] for k, v in m.items() if v != before[rid][k]} for rid, m in after.items()}

