"""Coach mode in the window: the hint card after a decision, and which decision it is about.

Off by default (``Settings.coach``): then the residents' faces, mood and words are the
only feedback during play. On, the trainee's last decision — a meeting choice or a
preparation answer — gets the line ``simulator.coach.coach_hint`` gives for it, in a calm
card below what is said, until the next decision. The card never covers the residents
and takes no input (clicks and keys go to the meeting as before). Its edge is green when
the decision only built on a step or indicator, amber when it worked against one or
passed over a feeling the resident let show; the words carry the meaning, the colour
only helps the eye.

Toggling the setting mid-meeting counts from the next decision: a decision made while
coach mode was off never gets a card afterwards, and switching it off hides the card.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any, Optional, Union

import pygame
from pygame_gui.elements import UIImage, UITextBox

from engine import Scenario, Session
from engine.debrief.review import EMPATHY_KEYS
from engine.scenario.dimensions import DIMENSIONS
from engine.scenario.model import Choice, PrepOption
from simulator.coach import coach_hint
from simulator.settings import Settings
from simulator.window.layout import Box, gap
from simulator.window.scenes.common import esc
from simulator.window.theme import hex_of, palette
from simulator.window.widgets import text_box

Decision = Union[Choice, PrepOption]

STRIPE = 5


def _edge(tone: str) -> tuple[int, int, int]:
    """The card's coloured edge (a shape: green for a good move, amber otherwise)."""
    return palette().calm if tone == "good" else palette().tense


def _label_colour(tone: str) -> str:
    """The label's colour: text, so a text colour of the palette (the edge's green and amber don't read as text)."""
    pal = palette()
    return hex_of(pal.good_text if tone == "good" else pal.verdict["inaccuracy"])


@dataclass(frozen=True)
class CoachNote:
    text: str  # exactly what ``coach_hint`` says ("Coach: Dit versterkt Stap 3 (...).")
    tone: str  # "good", "poor" or "mixed"


def coach_note(scenario: Scenario, decision: Decision, lang: str) -> Optional[CoachNote]:
    text = coach_hint(scenario, decision, lang)
    return None if text is None else CoachNote(text, _tone(scenario, decision))


def _tone(scenario: Scenario, decision: Decision) -> str:
    weights = decision.score
    good = any(v > 0 for v in weights.values()) or (isinstance(decision, Choice) and decision.balcony)
    poor = any(v < 0 for v in weights.values())
    if isinstance(decision, Choice):
        node = scenario.nodes.get(decision.node_id)
        if node is not None and node.opportunity is not None and not any(weights.get(k, 0) > 0
                                                                          for k in EMPATHY_KEYS):
            poor = True  # the same rule as the review's missed opportunity
    return "mixed" if good and poor else "poor" if poor else "good"


class CoachMemory:
    """The decision the card is about: the last one, if coach mode was on when it was made.

    The card stays while the residents react (continue lines) and goes once the next
    choices are on screen, so it never costs the trainee room to read them; a choice that
    leads straight to the next decision keeps its card there, or it would never be seen.
    """

    def __init__(self) -> None:
        self.decision: Optional[Decision] = None
        self.at = -1  # how many decisions the session held just after it
        self.seen_on_a_line = False

    def made(self, settings: Settings, session: Session, decision: Decision) -> None:
        self.decision = decision if settings.coach else None
        self.at = len(session.history)
        self.seen_on_a_line = False

    def note(self, settings: Settings, scenario: Scenario, session: Session, lang: str) -> Optional[CoachNote]:
        """What to show now (None: nothing). Asked at every build, so the language can change."""
        if not settings.coach or self.decision is None or self.at != len(session.history):
            return None
        if session.can_continue or not session.choices:  # a line to read on, or the ending
            self.seen_on_a_line = True
        elif self.seen_on_a_line:
            return None
        return coach_note(scenario, self.decision, lang)


# One memory per playthrough, so the last preparation answer's hint carries into the meeting
# and a resumed or replayed playthrough starts without one.
_memories: "weakref.WeakKeyDictionary[Any, CoachMemory]" = weakref.WeakKeyDictionary()


def memory_for(play: Any) -> CoachMemory:
    memory = _memories.get(play)
    if memory is None:
        memory = _memories[play] = CoachMemory()
    return memory


class CoachCard:
    """The note as a card: a pale background with a coloured edge and the text on top.

    Built at its final width; ``height`` is known at once so the caller can place it.
    Neither part takes the mouse: the card can't get in the way of a click.
    """

    def __init__(self, manager: Any, note: CoachNote, box: Box, container: Any, scale: float,
                 starting_height: int = 2, tight: bool = False):
        self.note = note
        g = gap(scale)
        self.pad_x, self.pad_y = (g * 2 // 3, 1) if tight else (g, max(6, g * 2 // 3))
        label, _, rest = note.text.partition(": ")
        colour = _label_colour(note.tone)
        ink = hex_of(palette().ink)
        html = (f"<font color='{colour}'><b>{esc(label)}:</b></font> <font color='{ink}'>{esc(rest)}</font>"
                if rest else f"<font color='{ink}'>{esc(note.text)}</font>")
        where = Box(box.x + STRIPE + self.pad_x, box.y + self.pad_y, max(40, box.w - STRIPE - 2 * self.pad_x), 0)
        self.text: UITextBox = text_box(manager, html, where, container, "#small", passthrough=True,
                                        starting_height=starting_height + 1)
        self.box = Box(box.x, box.y, box.w, self.text.rect.height + 2 * self.pad_y)
        self.image = UIImage(pygame.Rect(self.box.as_tuple()), _background(self.box.w, self.box.h, note.tone),
                             manager, container=container, starting_height=starting_height)

    @property
    def height(self) -> int:
        return self.box.h

    def move_to(self, x: int, y: int) -> None:
        dx, dy = x - self.box.x, y - self.box.y
        if not dx and not dy:
            return
        self.box = self.box.moved(dx, dy)
        self.image.set_relative_position((self.box.x, self.box.y))
        tx, ty = self.text.relative_rect.topleft
        self.text.set_relative_position((tx + dx, ty + dy))

    def kill(self) -> None:
        self.image.kill()
        self.text.kill()


def short_note(note: CoachNote, lang: str) -> CoachNote:
    """The note without the dimensions' long names ("Stap 3" for "Stap 3 (Ga naast de ander
    staan)"): one line, for a window too tight for the whole card."""
    text = note.text
    for d in DIMENSIONS:
        text = text.replace(f" ({d.label.get(lang)})", "")
    return CoachNote(text, note.tone)


def _background(w: int, h: int, tone: str) -> pygame.Surface:
    surf = pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA)
    rect = surf.get_rect()
    pal = palette()
    pygame.draw.rect(surf, pal.hint, rect, border_radius=8)
    pygame.draw.rect(surf, pal.hint_border, rect, width=1, border_radius=8)
    pygame.draw.rect(surf, _edge(tone), pygame.Rect(0, 0, STRIPE + 3, h), border_top_left_radius=8,
                     border_bottom_left_radius=8)
    if tone == "mixed":  # built on one thing, worked against another: half green, half amber
        pygame.draw.rect(surf, _edge("good"), pygame.Rect(0, 0, STRIPE + 3, h // 2), border_top_left_radius=8)
    pygame.draw.rect(surf, pal.hint, pygame.Rect(STRIPE, 1, 3, h - 2))
    return surf


def coach_card_height(manager: Any, note: Optional[CoachNote], width: int, container: Any, scale: float) -> int:
    """How tall the card for ``note`` is at ``width`` (0 without a note); builds and drops a probe."""
    if note is None:
        return 0
    probe = CoachCard(manager, note, Box(0, 0, width, 0), container, scale)
    h = probe.height
    probe.kill()
    return h
