"""The residents at the table: their portrait cards, and moods that ease to where a choice left them.

A mixin of ``MeetingScene``, kept apart so the meeting module holds the meeting's flow:
the meters and faces show ``display_mood``, which follows the session's mood over a few
frames instead of jumping, so the trainee sees what a choice did. It reads the scene's
play, session, layout (``lay``) and card style, and owns ``sources``, ``display_mood``,
``mood_delta``, ``portrait_images`` and ``portrait_boxes``.
"""

from __future__ import annotations

from typing import Mapping, Optional

import pygame
from pygame_gui.elements import UIImage

from ..cards import draw_card
from ..layout import Box, gap
from ..play import Play
from ..portraits import PortraitSource, portrait_folders
from ..theme import PAPER, PAPER_DEEP
from ..widgets import image

MOOD_SPEED = 5.0  # how fast meters and faces follow a change (per second, exponential)


class MeetingResidents:
    sources: dict[str, PortraitSource]
    display_mood: dict[str, dict[str, float]]
    mood_delta: dict[str, dict[str, int]]
    portrait_images: dict[str, UIImage]
    portrait_boxes: dict[str, Box]

    def _init_residents(self, play: Play) -> None:
        self.sources = {r.id: PortraitSource(r.id, r.portrait, portrait_folders(play.scenario_path))
                        for r in play.scenario.residents}
        self.display_mood = {rid: {k: float(v) for k, v in m.items()} for rid, m in play.session.mood.items()}
        self.mood_delta = {}
        self.portrait_images = {}
        self.portrait_boxes = {}

    def _build_portraits(self, boxes: list[Box], speaker: Optional[str]) -> None:
        self.portrait_images = {}
        self.portrait_boxes = {}
        for r, box in zip(self.play.scenario.residents, boxes):
            self.portrait_boxes[r.id] = box
            self.portrait_images[r.id] = image(self.manager, self._card_image(r, box, r.id == speaker), box,
                                               self.root)

    def _card_image(self, r, box: Box, speaking: bool) -> pygame.Surface:
        surf, texts = draw_card(self.fonts, self.sources[r.id], r, self.play.scenario.mood_variables,
                                self.display_mood[r.id], self.mood_delta.get(r.id, {}), box, speaking, self.style)
        self.drawn_texts = [t for t in self.drawn_texts if not self.portrait_boxes[r.id].contains(t[2])]
        self.drawn_texts.extend(texts)
        return surf

    def _refresh_portraits(self) -> None:
        line = self.session.line
        speaker = line.speaker if line else None
        for r in self.play.scenario.residents:
            el = self.portrait_images.get(r.id)
            box = self.portrait_boxes.get(r.id)
            if el is None or box is None or not el.alive():
                continue
            el.set_image(self._card_image(r, box, r.id == speaker))

    # -- moods ---------------------------------------------------------------------
    def _mark_mood_change(self, before: Mapping[str, Mapping[str, int]]) -> None:
        """Remember what the last choice moved (the cards show it as arrows)."""
        self.mood_delta = mood_change(before, self.session.mood)

    def carry_mood_change(self, old: "MeetingResidents") -> None:
        """After F5 the meeting is a new scene on the reloaded text: the arrows the old one showed
        stay when the same last choice was made again, reading what it moves in the new text.
        (An empty ``mood_delta``: no choice made on that screen yet, so no arrows to keep.)"""
        before, after = old.session.history, self.session.history
        if not old.mood_delta or not after or len(after) != len(before):
            return
        made, again = before[-1], after[-1]
        if again.kind != "meeting" or (again.node_id, again.choice_id) != (made.node_id, made.choice_id):
            return
        self.mood_delta = mood_change(again.mood_before, again.mood_after)
        if self.built:
            self._refresh_portraits()

    def _ease_moods(self, dt: float) -> None:
        moving = False
        for rid, values in self.display_mood.items():
            for k, v in values.items():
                target = float(self.session.mood[rid][k])
                if abs(target - v) > 0.01:
                    values[k] = v + (target - v) * min(1.0, dt * MOOD_SPEED) if dt > 0 else v
                    if abs(target - values[k]) <= 0.02:
                        values[k] = target
                    moving = True
        if moving and self.built:
            self._refresh_portraits()

    def _moods_moving(self) -> bool:
        return any(abs(float(self.session.mood[rid][k]) - v) > 0.01
                   for rid, values in self.display_mood.items() for k, v in values.items())

    # -- drawing -------------------------------------------------------------------
    def draw_background(self, surface: pygame.Surface) -> None:
        """A quiet room: a wall behind the residents and the edge of the table they sit at."""
        surface.fill(PAPER)
        lay = self.lay
        if lay is None or not lay.portraits:
            return
        first = lay.portraits[0]
        g = gap(self.scale)
        room = pygame.Rect(lay.speech.x, first.y - g // 2, lay.speech.w, first.h + g)
        pygame.draw.rect(surface, PAPER_DEEP, room, border_radius=14)
        table = pygame.Rect(room.x + g // 2, first.bottom - g // 2 - 2, room.w - g, g)
        pygame.draw.rect(surface, (205, 182, 152), table, border_radius=6)
        pygame.draw.line(surface, (176, 150, 118), (table.x + 6, table.bottom - 1), (table.right - 6, table.bottom - 1))


def mood_change(before: Mapping[str, Mapping[str, int]],
                after: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Per resident, the mood variables that moved and by how much."""
    return {rid: {k: v - before[rid][k] for k, v in m.items() if v != before[rid][k]} for rid, m in after.items()}
