"""The residents on the meeting's stage: their room, their faces, their moods as they move.

The room is the scenario's stage (``stages``: a kitchen table, a community hall with
its audience and a banner, a council room, a phone call, an online meeting), drawn from
its vector description at the window's size. Each resident is a half-body figure with a
name plate and mood meters (``stage_plan`` says where); the figure's size comes from the
shape the meeting can spare (``stage_plan.SHAPES``, largest first), so the options keep
their room.

What moves, and only while it moves (the window rests otherwise):

- Faces: the speaker shows the line's ``emotion:`` or their mood; the others their mood
  (``expressions``). A new expression crossfades in; the speaker is brought forward
  (lifted, in full colour, drawn last) and the others are dimmed.
- A reaction beat: a figure leans in when its line starts, and so does everyone a
  choice moved, showing for a moment how it landed (``reaction_emotion``).
- Moods: the meters follow ``display_mood``, which eases to the session's mood; a
  floating +1/−1 rises beside each meter a choice moved, and a small triangle says which
  way it went until the next choice (``mood_delta``).
- A resident who left the meeting (``session.away``) is an empty chair with their plate
  greyed and their meters frozen where they were, until they come back.
- The speaker of a ``phone`` line is a voice: no face, a plain silhouette with their
  initials and sound waves beside it (``voice``); their plate and meters stay.

With ``animate`` off (a trainee who asked for less motion) nothing moves: a new
expression, the speaker's place and the meters change at once, without beats or rising
figures; the arrows beside the meters still say which way a choice moved them.

This module decides what the stage shows and how it moves; ``resident_painting`` draws it:
the static part (wall, back layer, seats, tiles' and phones' frames) once per build into
the screen's backdrop (``draw_room``), the rest each frame (``draw``).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pygame

from engine.scenario.model import NARRATOR, Scenario
from simulator.a11y.contrast import ratio
from simulator.window import motion
from simulator.window.cards import _meter_block
from simulator.window.components import Kit
from simulator.window.components.resident_painting import FLOAT_S, FaceState, ResidentsPainting
from simulator.window.components.stage_plan import (
    MOST_VISIBLE,
    SHAPES,
    StagePlan,
    fitted_height,
    plan_stage,
    stage_height,
    visible_height,
)
from simulator.window.expressions import line_emotion, mood_emotion, reaction_emotion
from simulator.window.figures import mix
from simulator.window.glyphs import drawable
from simulator.window.layout import Box, gap
from simulator.window.portraits import PortraitSource, portrait_folders
from simulator.window.stages import StageArt, load_stage, stage_folders, stage_kind
from simulator.window.theme import palette

MOOD_SPEED = 5.0  # how fast meters follow a change (per second, exponential)
FADE_S = 0.3  # a new expression crossfades in
BEAT_S = 0.55  # a reaction beat: the figure leans in and back
REACTION_S = 1.8  # how long a reaction to a choice shows before the face settles
FORWARD_SPEED = 6.0  # how fast the speaker comes forward (per second, exponential)

DrawnText = tuple[str, Box, Box]


def plate_text_colours(art: StageArt) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The colours of a nameplate's name and of its meters' labels. The labels are a shade lighter
    than the name, never below WCAG AA (4.5:1) on the plate, nor below 7:1 in the high-contrast
    theme, whatever colours a stage's author chose."""
    need = 7.0 if palette().name == "high_contrast" else 4.5
    plate, ink = art.plate, art.plate_ink
    if ratio(ink, plate) < need:
        ink = max(((0, 0, 0), (255, 255, 255)), key=lambda c: ratio(c, plate))
    for share in (0.4, 0.3, 0.2, 0.1):
        muted = mix(ink, plate, share)
        if ratio(muted, plate) >= need:
            return ink, muted
    return ink, ink


class ResidentsRow(ResidentsPainting):
    """What the residents on the stage show and how it moves (drawn by ``ResidentsPainting``)."""

    def __init__(self, scenario: Scenario, mood: Mapping[str, Mapping[str, int]], play: Any = None):
        self.scenario = scenario
        self.play = play  # the session's line, who is away: read each frame (None: a stage without a meeting)
        folders = portrait_folders(scenario.path)
        self.sources = {r.id: PortraitSource(r.id, r.portrait, folders) for r in scenario.residents}
        self.kind = stage_kind(scenario)
        self.art: StageArt = load_stage(self.kind, stage_folders(scenario.path))
        self.display_mood = {rid: {k: float(v) for k, v in m.items()} for rid, m in mood.items()}
        self.mood_delta: dict[str, dict[str, int]] = {}
        self.speaker: Optional[str] = None
        self.faces = {r.id: FaceState(shown=mood_emotion(mood.get(r.id, {}), scenario.mood_variables))
                      for r in scenario.residents}
        self._line_key: Optional[tuple[int, str]] = None
        # built
        self.kit: Optional[Kit] = None
        self.room: Optional[Box] = None
        self.plan: Optional[StagePlan] = None
        self.portrait_boxes: dict[str, Box] = {}
        self.drawn: list[DrawnText] = []
        self._reset_pictures()
        self._cues: list[bool] = []  # mood shifts not yet sounded (True: for the better)
        self.animate = True  # False: faces, meters and the speaker change at once (less motion)
        self._stirred = False  # something moved in the last update
        self._rest: Optional[tuple] = None  # the session's mark when the stage was last found at rest

    # -- the session -----------------------------------------------------------------------
    @property
    def session(self) -> Any:
        return getattr(self.play, "session", None)

    @property
    def away(self) -> frozenset[str]:
        session = self.session
        return frozenset(getattr(session, "away", ())) if session is not None else frozenset()

    def _line(self) -> tuple[Optional[tuple[int, str]], Optional[str], Optional[str]]:
        """(which line, its speaker if a resident, the emotion written for it)."""
        session = self.session
        line = getattr(session, "line", None) if session is not None else None
        if line is None:
            return None, None, None
        key = (len(session.state.transcript), line.node_id)
        speaker = line.speaker if line.speaker != NARRATOR and line.speaker in self.faces else None
        return key, speaker, line_emotion(self.scenario, line.node_id, line.variant) if speaker else None

    @property
    def voice(self) -> Optional[str]:
        """The resident heard but not seen: the speaker of a line that comes by phone."""
        session = self.session
        line = getattr(session, "line", None) if session is not None else None
        if line is None or line.speaker == NARRATOR or line.speaker not in self.faces:
            return None
        node = self.scenario.nodes.get(line.node_id)
        return line.speaker if node is not None and node.channel == "phone" else None

    def _target(self, rid: str, speaker: Optional[str], written: Optional[str]) -> str:
        face = self.faces[rid]
        if rid == speaker and written:
            return written
        if face.reaction_left > 0 and face.reaction:
            return face.reaction
        mood = self.session.mood.get(rid, {}) if self.session is not None else self.display_mood.get(rid, {})
        return mood_emotion(mood, self.scenario.mood_variables)

    def follow(self) -> None:
        """Bring the faces up to the session: a new line starts a beat; every face shows its target."""
        key, speaker, written = self._line()
        if key is not None and key != self._line_key:
            self._line_key = key
            if speaker is not None and speaker not in self.away and self.animate:
                self.faces[speaker].beat = 0.0
        self.speaker = speaker
        for rid in self.faces:
            self.faces[rid].show(self._target(rid, speaker, written))

    # -- measuring -------------------------------------------------------------------------
    def _plate_metrics(self, kit: Kit, width: int) -> tuple[int, int, int]:
        """(plate height, the least plate width, padding) for plates about ``width`` wide."""
        pad = max(6, gap(kit.scale) // 2)
        inner = max(40, width - 2 * pad)
        beside, label_w, bar_h, meters_h = _meter_block(kit.fonts, self.scenario.mood_variables, kit.lang, inner,
                                                        kit.scale)
        name_h = kit.fonts.line_height("#name")
        least = label_w + 8 + 56 + 16 + 2 * pad
        return pad + name_h + pad // 2 + meters_h + pad, least, pad

    def _visible(self, kit: Kit, shape: str, width: int, window_h: int) -> tuple[int, int, int, int]:
        n = len(self.scenario.residents)
        plate_h, least, pad = self._plate_metrics(kit, 10_000)
        v = visible_height(shape, window_h, width, n, self.art.layout, least)
        plate_w = max(least, int(v * 1.1)) if shape != "strip" else least
        slot = width / max(1, n)
        plate_h, _, pad = self._plate_metrics(kit, int(min(plate_w, slot - 2 * pad)))
        return v, plate_h, plate_w, pad

    def heights(self, kit: Kit, width: int, window_h: int) -> list[tuple[str, int]]:
        """Each shape with the room it needs, largest first."""
        if not self.scenario.residents:
            return []
        out = []
        for shape in SHAPES:
            v, plate_h, _, pad = self._visible(kit, shape, width, window_h)
            out.append((shape, stage_height(shape, v, plate_h, pad, self.art.layout)))
        return out

    # -- building ---------------------------------------------------------------------------
    def build(self, kit: Kit, room: Box, shape: str, window_h: int, speaker: Optional[str]) -> None:
        """The stage in ``room``, the residents in ``shape``."""
        first = self.plan is None  # the first build places the speaker; later ones let them come forward
        self._rest = None
        self.kit, self.room = kit, room
        rids = tuple(r.id for r in self.scenario.residents)
        v, plate_h, plate_w, pad = self._visible(kit, shape, room.w, window_h)
        most = visible_height(shape, window_h, room.w, len(rids), self.art.layout, plate_w, MOST_VISIBLE)
        v = fitted_height(shape, v, room, plate_h, pad, most, self.art.layout)
        self.plan = plan_stage(room, self.art.layout, shape, rids, v, plate_h, plate_w, pad, self.art.table_top)
        self.follow()
        if speaker is not None and speaker in self.faces:
            self.speaker = speaker
        if first or not self.animate:
            for rid, face in self.faces.items():
                face.forward = 1.0 if rid == self.speaker else 0.0
        self.portrait_boxes = {s.rid: s.visible for s in self.plan.spots}
        self._prepare_texts()
        self._drop_pictures()

    def _prepare_texts(self) -> None:
        """The plates' texts, rendered once per build (and listed for the screen tests)."""
        assert self.kit is not None and self.plan is not None
        kit = self.kit
        self.drawn, self._texts, self._meters = [], {}, {}
        name_font = kit.fonts.for_key("#name")
        small = kit.fonts.for_key("#small")
        name_h = kit.fonts.line_height("#name")
        lh = kit.fonts.line_height("#small")
        variables = self.scenario.mood_variables
        ink, muted = plate_text_colours(self.art)
        for spot in self.plan.spots:
            r = self.scenario.resident(spot.rid)
            plate = spot.plate
            pad = max(6, gap(kit.scale) // 2)
            inner = max(20, plate.w - 2 * pad)
            texts: list[tuple[pygame.Surface, tuple[int, int]]] = []
            name = drawable(r.name)
            if name_font.size(name)[0] > inner:  # one line: the name shortened, never spilling
                while len(name) > 1 and name_font.size(name + "…")[0] > inner:
                    name = name[:-1]
                name = name.rstrip() + "…"
            img = name_font.render(name, True, ink)
            x = plate.x + (plate.w - img.get_width()) // 2
            y = plate.y + pad
            texts.append((img, (x, y)))
            self.drawn.append((name, Box(x, y, img.get_width(), img.get_height()), plate))
            y += name_h + pad // 2
            beside, label_w, bar_h, _ = _meter_block(kit.fonts, variables, kit.lang, inner, kit.scale)
            meters = []
            for key, var in variables.items():
                label = drawable(var.label.get(kit.lang))
                img = small.render(label, True, muted)
                texts.append((img, (plate.x + pad, y)))
                self.drawn.append((label, Box(plate.x + pad, y, img.get_width(), img.get_height()), plate))
                if beside:
                    bar = pygame.Rect(plate.x + pad + label_w + 8, y + (lh - bar_h) // 2, inner - label_w - 24,
                                      bar_h)
                    y += lh + 2
                else:
                    bar = pygame.Rect(plate.x + pad, y + lh, inner - 16, bar_h)
                    y += lh + bar_h + 4
                meters.append((key, bar))
            self._texts[spot.rid] = texts
            self._meters[spot.rid] = meters

    def refresh(self, speaker: Optional[str] = None) -> None:
        """The plates show the moods each frame: nothing to redraw here but who speaks."""
        if speaker is not None:
            self.speaker = speaker

    def teardown(self) -> None:
        self._rest = None
        self.portrait_boxes, self.drawn = {}, []
        self.room = self.plan = None
        self._back = self._front = None

    # -- moods ---------------------------------------------------------------------------------
    def mark_change(self, before: Mapping[str, Mapping[str, int]], after: Mapping[str, Mapping[str, int]],
                    react: bool = True) -> None:
        """What the last choice moved: arrows beside the meters and (``react``: the choice was made
        just now, not carried over a reload) a +1/−1 rising and a reaction beat."""
        self.mood_delta = mood_change(before, after)
        self._rest = None
        if not react:
            return
        shift = 0
        for rid, delta in self.mood_delta.items():
            for key, change in delta.items():
                var = self.scenario.mood_variables.get(key)
                if var is not None and change and rid not in self.away:
                    shift += abs(change) if (change > 0) == (var.good == "high") else -abs(change)
        if shift:
            self._cues.append(shift > 0)
        for rid, delta in self.mood_delta.items():
            face = self.faces.get(rid)
            if face is None or not delta or rid in self.away:
                continue
            face.reaction = reaction_emotion(delta, self.scenario.mood_variables)
            face.reaction_left = REACTION_S if face.reaction else 0.0
            if self.animate:
                face.beat = 0.0
                face.floats = [[key, change, 0.0] for key, change in delta.items()]

    def take_cues(self) -> list[bool]:
        """The mood shifts since last asked, for the sound (True: for the better)."""
        cues, self._cues = self._cues, []
        return cues

    def update(self, dt: float, target: Optional[Mapping[str, Mapping[str, int]]] = None) -> None:
        """One frame of time: moods ease, faces crossfade, beats and floating figures run out."""
        if target is None and self.session is not None:
            target = self.session.mood
        self._stirred = self.plan is not None and self.moving(target)  # this frame changes the stage
        if target is not None:
            self.ease(motion.step(dt), target)
        for face in self.faces.values():
            if face.reaction_left > 0:
                face.reaction_left = max(0.0, face.reaction_left - dt)
        self.follow()
        if not self.animate:
            self._settle_at_once()
            return
        dt = motion.step(dt)  # reduced motion: every fade, lean and float ends at once
        for rid, face in self.faces.items():
            face.fade = min(1.0, face.fade + dt / FADE_S)
            face.beat = min(1.0, face.beat + dt / BEAT_S)
            goal = 1.0 if rid == self.speaker else 0.0
            face.forward += (goal - face.forward) * min(1.0, dt * FORWARD_SPEED)
            if abs(goal - face.forward) < 0.02:
                face.forward = goal
            for f in face.floats:
                f[2] += dt
            face.floats = [f for f in face.floats if f[2] < FLOAT_S]

    def _settle_at_once(self) -> None:
        """Less motion: every face, place and meter where it is going, this frame."""
        for rid, face in self.faces.items():
            face.fade = face.beat = 1.0
            face.previous = None
            face.forward = 1.0 if rid == self.speaker else 0.0
            face.floats = []

    def ease(self, dt: float, target: Mapping[str, Mapping[str, int]]) -> None:
        away = self.away
        if not self.animate:
            dt = 1.0 / MOOD_SPEED  # one whole step: the meters are where the mood is
        for rid, values in self.display_mood.items():
            if rid in away:
                continue  # frozen where they left until they come back
            for k, v in values.items():
                goal = float(target[rid][k])
                if abs(goal - v) > 0.01:
                    values[k] = v + (goal - v) * min(1.0, dt * MOOD_SPEED) if dt > 0 else v
                    if abs(goal - values[k]) <= 0.02:
                        values[k] = goal

    def _mark(self) -> Optional[tuple]:
        """What the stage follows in the session: its state (replaced by every step) and the lines said."""
        session = self.session
        state = getattr(session, "state", None)
        if state is None or not hasattr(state, "current"):
            return None
        return (state.current, len(state.transcript), self.plan)

    def moving(self, target: Optional[Mapping[str, Mapping[str, int]]] = None) -> bool:
        """Whether anything on the stage moves (or is about to: a new line, a new mood)."""
        mark = self._mark()
        rest = self._rest  # the window asks many times a second while nothing moves: answer that quickly
        if mark is not None and rest is not None and mark[0] is rest[0] and mark[1] == rest[1] and mark[2] is rest[2]:
            return False
        if self._moving(target):
            self._rest = None
            return True
        self._rest = mark
        return False

    def _moving(self, target: Optional[Mapping[str, Mapping[str, int]]] = None) -> bool:
        if target is None and self.session is not None:
            target = self.session.mood
        away = self.away
        if target is not None and any(abs(float(target[rid][k]) - v) > 0.01
                                      for rid, values in self.display_mood.items() if rid not in away
                                      for k, v in values.items()):
            return True
        if self.plan is None:
            return False
        key, speaker, written = self._line()
        if key != self._line_key:
            return True
        if any(self._target(rid, speaker, written) != f.shown for rid, f in self.faces.items()):
            return True
        return not all(f.still for f in self.faces.values())

    def moving_region(self, target: Optional[Mapping[str, Mapping[str, int]]] = None) -> Optional[pygame.Rect]:
        """The part of the screen the residents change this frame, when they move (None: nothing, or
        no room on screen). Everything they draw stays inside their room."""
        if self.room is None or self.plan is None or self.room.h <= 0:
            return None
        if not (self._stirred or self.moving(target)):  # the frame a movement ends still redraws the room
            return None
        return pygame.Rect(self.room.as_tuple())


def mood_change(before: Mapping[str, Mapping[str, int]],
                after: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Per resident, the mood variables that moved and by how much."""
    return {rid: {k: v - before[rid][k] for k, v in m.items() if v != before[rid][k]} for rid, m in after.items()}
