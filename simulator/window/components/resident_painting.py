"""How the residents on the meeting's stage are drawn: the room, the figures, the plates.

``ResidentsRow`` (``residents``) decides what the stage shows and how it moves: who speaks,
each face's expression, fade and lean, the moods easing, who has left. This is the half
that turns that into pixels, and it reads only what the row has decided:

- the static room (wall, back layer, seats, the frames of phones and video tiles), drawn
  once per build into the screen's backdrop (``draw_room``);
- each frame (``draw``): the figures from the back to the speaker, the front layer (the
  table's edge), the plates with their meters, the +1/−1 pills rising from them; an empty
  chair for someone who left, a silhouette with sound waves for a voice on the phone.

Whatever can be drawn once is kept (the layers, each plate per way of showing, dimmed
figures, the pills) and dropped when the row is built again.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from typing import Any, Optional

import pygame

from engine.scenario.model import Scenario
from simulator.window.cards import calmness, mood_colour, triangle
from simulator.window.components import Kit
from simulator.window.components.stage_plan import Spot, StagePlan
from simulator.window.figures import darker, mix
from simulator.window.glyphs import drawable
from simulator.window.layout import Box, clamp
from simulator.window.portraits import PortraitSource, draw_meter
from simulator.window.stages import StageArt, colour, placed, render_layer
from simulator.window.theme import palette

FLOAT_S = 1.5  # a +1/−1 rises and fades
DIM = 0.38  # how far a resident who isn't speaking fades towards the room's colour
LIFT = 0.025  # how far the speaker rises (of the figure's visible height)
BEAT_LIFT = 0.035
FRONT_LIFT = 0.25  # how far above the table line the front layer may draw (of the frame's height)


@dataclass
class FaceState:
    """What one resident's figure is doing right now."""

    shown: str = "neutral"
    previous: Optional[str] = None
    fade: float = 1.0  # 0 .. 1: the crossfade from ``previous`` to ``shown``
    beat: float = 1.0  # 0 .. 1: the lean of a reaction beat (1: still)
    forward: float = 0.0  # 0 .. 1: how far brought forward (the speaker)
    reaction: Optional[str] = None
    reaction_left: float = 0.0
    floats: list[list[Any]] = field(default_factory=list)  # [variable key, delta, age]

    def show(self, emotion: str) -> None:
        if emotion != self.shown:
            self.previous = self.shown if self.fade > 0.5 else self.previous or self.shown
            self.shown, self.fade = emotion, 0.0

    @property
    def still(self) -> bool:
        return (self.fade >= 1.0 and self.beat >= 1.0 and self.reaction_left <= 0 and not self.floats
                and self.forward in (0.0, 1.0))


class ResidentsPainting:
    """The drawing half of ``ResidentsRow``: everything here reads the row's decisions (its plan,
    faces, speaker, moods) and keeps only pictures."""

    scenario: Scenario
    art: StageArt
    sources: dict[str, PortraitSource]
    faces: dict[str, FaceState]
    speaker: Optional[str]
    display_mood: dict[str, dict[str, float]]
    mood_delta: dict[str, dict[str, int]]
    kit: Optional[Kit]
    room: Optional[Box]
    plan: Optional[StagePlan]

    def _reset_pictures(self) -> None:
        """No picture drawn yet (a new row)."""
        self._texts: dict[str, list[tuple[pygame.Surface, tuple[int, int]]]] = {}
        self._meters: dict[str, list[tuple[str, pygame.Rect]]] = {}
        self._back: Optional[pygame.Surface] = None
        self._front: Optional[pygame.Surface] = None
        self._front_at = (0, 0)
        self._layer_key: Optional[tuple] = None
        self._dimmed: dict[tuple[str, str, int], pygame.Surface] = {}
        self._veil: Optional[pygame.Surface] = None
        self._float_cache: dict[tuple[str, bool], pygame.Surface] = {}
        self._cards: dict[tuple[str, bool, bool], pygame.Surface] = {}  # the plates, by (rid, speaking, away)

    def _drop_pictures(self) -> None:
        """After a build: the layers, plates and pills are drawn again at the new size; dimmed
        figures of the same width stay."""
        assert self.plan is not None
        self._layer_key = None
        self._veil = None
        self._float_cache = {}  # the text size may have changed
        self._cards = {}
        self._dimmed = {k: v for k, v in self._dimmed.items() if k[2] == self.plan.spots[0].figure.w} \
            if self.plan.spots else {}

    @property
    def away(self) -> frozenset[str]:
        """Who has left the meeting (the row reads it from the session)."""
        raise NotImplementedError

    @property
    def voice(self) -> Optional[str]:
        """Who is heard but not seen (the row reads it from the session's line)."""
        raise NotImplementedError

    # -- the static room ------------------------------------------------------------------------
    def _font(self, px: int, bold: bool) -> pygame.font.Font:
        assert self.kit is not None
        return self.kit.fonts.font(max(6, px), "bold" if bold else "regular")

    def _layers(self) -> None:
        """The back (wall, room, seats, frames) and front (table edge, places) layers for this plan."""
        plan, art = self.plan, self.art
        assert plan is not None and self.kit is not None
        key = (plan, art.source, self.kit.lang)
        if key == self._layer_key and self._back is not None:
            return
        texts = {"meeting": banner_text(self.scenario, self.kit.lang)}
        frame = plan.frame
        fw = max(1, frame.w)

        def at(spot: Spot) -> float:
            return (spot.figure.x + spot.figure.w / 2 - frame.x) / fw

        back_shapes = list(art.back)
        if art.layout == "table":
            for spot in plan.spots:
                back_shapes += placed(art.seat, at(spot))
        self._back = render_layer(back_shapes, (frame.w, frame.h), art.wall, texts, self._font, art.source)
        band = plan.band
        lift = int(frame.h * FRONT_LIFT)  # what stands on the table reaches above its edge
        front_shapes = list(art.front)
        for spot in plan.spots:
            front_shapes += placed(art.place, at(spot))
        front = render_layer(front_shapes, (band.w, band.h + lift), None, texts, self._font, art.source,
                             origin=lift, span=frame.h)
        self._front, self._front_at = front, (band.x, band.y - lift)
        self._layer_key = key

    def draw_room(self, surface: pygame.Surface) -> None:
        """The room behind the residents, into the screen's backdrop (once per build)."""
        room, plan = self.room, self.plan
        if room is None or plan is None or room.h <= 0 or self.kit is None:
            return
        self._layers()
        clip = surface.get_clip()
        rect = pygame.Rect(room.as_tuple())
        surface.set_clip(rect)
        pygame.draw.rect(surface, self.art.wall, rect)
        if self._back is not None:
            surface.blit(self._back, plan.frame.as_tuple()[:2])
        if plan.layout in ("tiles", "phones"):
            for spot in plan.spots:
                self._draw_screen_back(surface, spot)
        surface.set_clip(clip)
        _round_corners(surface, rect, 14)

    def _draw_screen_back(self, surface: pygame.Surface, spot: Spot) -> None:
        """A phone's body or a video tile's frame, and the resident's own room behind them."""
        screen = spot.screen
        if screen is None:
            return
        art = self.art
        spec = self.sources[spot.rid].spec
        rect = pygame.Rect(screen.as_tuple())
        if art.layout == "phones":
            device = _colour(art.screen.get("device"), (35, 39, 43))
            pygame.draw.rect(surface, device, rect, border_radius=max(6, rect.w // 8))
            glass = rect.inflate(-max(6, rect.w // 14) * 2, -max(6, rect.w // 14) * 2)
            pygame.draw.rect(surface, spec.backdrop, glass, border_radius=max(4, rect.w // 12))
            bar = _colour(art.screen.get("bar"), palette().accent)
            top = pygame.Rect(glass.x, glass.y, glass.w, max(8, glass.h // 7))
            pygame.draw.rect(surface, bar, top, border_top_left_radius=max(4, rect.w // 12),
                             border_top_right_radius=max(4, rect.w // 12))
            pygame.draw.circle(surface, darker(device, 0.6), (rect.centerx, rect.y + max(3, rect.w // 28)),
                               max(2, rect.w // 40))
        else:
            frame = _colour(art.screen.get("frame"), (43, 48, 54))
            pygame.draw.rect(surface, frame, rect.inflate(4, 4), border_radius=10)
            pygame.draw.rect(surface, spec.backdrop, rect, border_radius=8)
            _home(surface, rect, spec.backdrop, spot.rid)

    # -- each frame ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The residents, the front layer and the plates, over the room in the backdrop."""
        plan, room, kit = self.plan, self.room, self.kit
        if plan is None or room is None or kit is None or room.h <= 0:
            return
        self._layers()
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(room.as_tuple()))
        away = self.away
        voice = self.voice
        order = sorted(plan.spots, key=lambda s: self.faces[s.rid].forward)
        for spot in order:
            if spot.rid in away:
                self._draw_absent(surface, spot)
            else:
                self._draw_figure(surface, spot, heard_only=spot.rid == voice)
        if self._front is not None:
            surface.blit(self._front, self._front_at)
        for spot in plan.spots:
            self._draw_plate(surface, spot, spot.rid in away)
        surface.set_clip(clip)

    def _figure_image(self, rid: str, emotion: str, width: int, dim: bool) -> pygame.Surface:
        img = self.sources[rid].figure(emotion, width)
        if not dim:
            return img
        key = (rid, emotion, width)
        out = self._dimmed.get(key)
        if out is None:
            out = _faded(img, self.art.dim, DIM)
            if len(self._dimmed) > 64:
                self._dimmed.clear()
            self._dimmed[key] = out
        return out

    def _draw_figure(self, surface: pygame.Surface, spot: Spot, heard_only: bool = False) -> None:
        face = self.faces[spot.rid]
        plan = self.plan
        assert plan is not None
        v = plan.visible
        lift = face.forward * LIFT * v + math.sin(math.pi * face.beat) * BEAT_LIFT * v if face.beat < 1 else \
            face.forward * LIFT * v
        box = spot.figure
        pos = (box.x, int(box.y - lift))
        clip = None
        if spot.screen is not None:
            clip = surface.get_clip()
            surface.set_clip(pygame.Rect(spot.screen.as_tuple()).inflate(-4, -4).clip(clip))
        layers: list[tuple[pygame.Surface, int]] = []
        # On a screen (a phone, a tile) a veil over the picture dims who isn't speaking.
        dim_share = 1.0 - face.forward if spot.screen is None else 0.0
        emotions = [(face.previous, 255)] if face.fade < 1 and face.previous else []
        emotions.append((face.shown, 255 if not emotions else int(255 * face.fade)))
        if heard_only:  # on the phone: a voice, no face
            emotions = []
            self._draw_voice(surface, spot, pos)
        for emotion, alpha in emotions:
            if dim_share >= 0.99:
                layers.append((self._figure_image(spot.rid, emotion, box.w, True), alpha))
            elif dim_share <= 0.01:
                layers.append((self._figure_image(spot.rid, emotion, box.w, False), alpha))
            else:  # coming forward or stepping back: the dimmed figure under the bright one
                layers.append((self._figure_image(spot.rid, emotion, box.w, True), alpha))
                layers.append((self._figure_image(spot.rid, emotion, box.w, False), int(alpha * face.forward)))
        for img, alpha in layers:
            if alpha >= 255:
                surface.blit(img, pos)
            elif alpha > 0:
                img.set_alpha(alpha)
                surface.blit(img, pos)
                img.set_alpha(255)
        if spot.screen is not None:
            self._draw_screen_front(surface, spot, face)
            surface.set_clip(clip)

    def _draw_voice(self, surface: pygame.Surface, spot: Spot, pos: tuple[int, int]) -> None:
        """A resident heard on the phone: a plain silhouette with their initials, sound waves beside it."""
        assert self.kit is not None
        w = spot.figure.w
        cx, cy = pos[0] + w // 2, pos[1] + int(w * 0.42)
        r = max(8, int(w * 0.24))
        body_colour = mix(self.art.dim, palette().muted, 0.45)
        body = pygame.Rect(0, 0, int(w * 0.7), int(w * 0.55))
        body.midtop = (cx, cy + r + max(3, r // 4))
        pygame.draw.rect(surface, body_colour, body, border_top_left_radius=r, border_top_right_radius=r)
        pygame.draw.circle(surface, mix(self.art.dim, palette().muted, 0.6), (cx, cy), r)
        name = self.scenario.resident(spot.rid).name
        initials = drawable("".join(part[0] for part in name.split()[:2] if part).upper() or "?")
        font = self._font(int(r * 0.8), True)
        img = font.render(initials, True, self.art.plate)
        surface.blit(img, (cx - img.get_width() // 2, cy - img.get_height() // 2))
        width = max(2, r // 10)
        for i in range(3):  # the voice: three arcs, growing away from the head
            rr = r + (i + 1) * max(4, r // 3)
            arc = pygame.Rect(0, 0, 2 * rr, 2 * rr)
            arc.center = (cx, cy)
            pygame.draw.arc(surface, palette().accent, arc, -0.55, 0.55, width)
            pygame.draw.arc(surface, palette().accent, arc, math.pi - 0.55, math.pi + 0.55, width)

    def _draw_screen_front(self, surface: pygame.Surface, spot: Spot, face: FaceState) -> None:
        """What lies over a phone's or tile's picture: its bars, buttons, name, the speaker's ring."""
        assert spot.screen is not None and self.kit is not None
        rect = pygame.Rect(spot.screen.as_tuple())
        art = self.art
        speaking = spot.rid == self.speaker
        if art.layout == "phones":
            inset = max(6, rect.w // 14)
            glass = rect.inflate(-inset * 2, -inset * 2)
            bar = _colour(art.screen.get("bar"), palette().accent)
            top = pygame.Rect(glass.x, glass.y, glass.w, max(8, glass.h // 7))
            pygame.draw.rect(surface, bar, top, border_top_left_radius=max(4, rect.w // 12),
                             border_top_right_radius=max(4, rect.w // 12))
            ink = _colour(art.screen.get("ink"), (255, 255, 255))
            if speaking:  # a little level meter: this one is talking
                n, w = 4, max(2, top.h // 6)
                for i in range(n):
                    h = int(top.h * (0.3 + 0.15 * ((i * 7 + 3) % 4)))
                    x = top.centerx - (n * 2 * w) // 2 + i * 2 * w
                    pygame.draw.rect(surface, ink, pygame.Rect(x, top.centery - h // 2, w, h), border_radius=w // 2)
            else:
                pygame.draw.circle(surface, ink, top.center, max(2, top.h // 6), 1)
            hang = _colour(art.screen.get("hang_up"), palette().upset)
            r = max(5, glass.w // 9)
            pygame.draw.circle(surface, hang, (glass.centerx, glass.bottom - r - max(3, r // 2)), r)
            pygame.draw.line(surface, ink, (glass.centerx - r // 2, glass.bottom - r - max(3, r // 2)),
                             (glass.centerx + r // 2, glass.bottom - r - max(3, r // 2)), max(2, r // 4))
            if not speaking:
                surface.blit(self._veil_for(glass.size), glass.topleft)
        else:
            if speaking:
                active = _colour(art.screen.get("active"), palette().accent)
                pygame.draw.rect(surface, active, rect, width=3, border_radius=8)
            else:
                surface.blit(self._veil_for(rect.size), rect.topleft)

    def _veil_for(self, size: tuple[int, int]) -> pygame.Surface:
        """A see-through layer of the room's colour: a screen whose resident isn't speaking."""
        if self._veil is None or self._veil.get_size() != size:
            self._veil = pygame.Surface(size, pygame.SRCALPHA)
            self._veil.fill((*self.art.dim, int(255 * DIM * 0.6)))
        return self._veil

    def _draw_absent(self, surface: pygame.Surface, spot: Spot) -> None:
        """Someone who left: their chair empty (the seat is in the back layer), a faint outline."""
        box = spot.figure if spot.screen is None else spot.screen
        rect = pygame.Rect(box.as_tuple())
        if spot.screen is not None:
            pygame.draw.rect(surface, darker(self.art.dim, 0.8), rect, border_radius=8)
        head = max(6, spot.figure.w // 5)
        cx = spot.figure.x + spot.figure.w // 2
        cy = spot.figure.y + int(spot.figure.w * 0.42)
        colour = mix(self.art.dim, palette().muted, 0.35)
        pygame.draw.circle(surface, colour, (cx, cy), head, max(1, head // 10))
        body = pygame.Rect(0, 0, int(spot.figure.w * 0.76), int(spot.figure.w * 0.6))
        body.midtop = (cx, cy + head + max(4, head // 2))
        pygame.draw.rect(surface, colour, body, max(1, head // 10), border_radius=head)

    def _draw_plate(self, surface: pygame.Surface, spot: Spot, absent: bool) -> None:
        assert self.kit is not None
        rect = pygame.Rect(spot.plate.as_tuple())
        speaking = spot.rid == self.speaker and not absent
        art = self.art
        surface.blit(self._plate_card(spot, speaking, absent), rect.topleft)
        variables = self.scenario.mood_variables
        mood = self.display_mood.get(spot.rid, {})
        face = self.faces[spot.rid]
        for key, bar in self._meters.get(spot.rid, []):
            var = variables[key]
            value = mood.get(key, float(var.initial))
            span = max(1, var.maximum - var.minimum)
            calm = calmness(var, value)
            fraction = (value - var.minimum) / span
            # The track a shade towards the plate's ink: visible on a light plate and on a dark one.
            draw_meter(surface, bar, fraction, 0.5 if absent else calm, track=mix(art.plate, art.plate_ink, 0.14))
            delta = self.mood_delta.get(spot.rid, {}).get(key, 0)
            if delta and not absent:
                better = (delta > 0) == (var.good == "high")
                triangle(surface, (bar.right + 8, bar.centery), up=delta > 0, colour=mood_colour(better),
                         size=max(4, bar.h))
        bars = dict(self._meters.get(spot.rid, []))
        for order, (key, change, age) in enumerate(reversed(face.floats)):  # stacked above the plate as the
            # meters are in it (the first meter's change on top)
            var, bar = variables.get(key), bars.get(key)
            if var is not None and bar is not None:
                value = mood.get(key, float(var.initial))
                fraction = (value - var.minimum) / max(1, var.maximum - var.minimum)
                self._draw_float(surface, bar, fraction, rect, order, change, var.good, age)

    def _plate_card(self, spot: Spot, speaking: bool, absent: bool) -> pygame.Surface:
        """The plate with its name and labels, drawn once per build (and way of showing): each frame
        only the meters on it are drawn."""
        key = (spot.rid, speaking, absent, palette().name)
        card = self._cards.get(key)
        if card is None:
            art = self.art
            rect = pygame.Rect(spot.plate.as_tuple())
            card = pygame.Surface(rect.size, pygame.SRCALPHA)
            local = card.get_rect()
            pygame.draw.rect(card, mix(art.plate, art.dim, 0.5) if absent else art.plate, local, border_radius=8)
            pygame.draw.rect(card, palette().accent if speaking else mix(art.plate, palette().ink, 0.18), local,
                             width=2 if speaking else 1, border_radius=8)
            for img, pos in self._texts.get(spot.rid, []):
                if absent:
                    img.set_alpha(120)
                card.blit(img, (pos[0] - rect.x, pos[1] - rect.y))
                img.set_alpha(255)
            self._cards[key] = card
        return card

    def _draw_float(self, surface: pygame.Surface, bar: pygame.Rect, fraction: float, plate: pygame.Rect,
                    order: int, change: int, good: str, age: float) -> None:
        """A +1 or −1 in a pill of its own that leaves the tip of the meter's fill, rises out of the
        plate to hover above it (``order`` pills up) and fades: it says where the
        meter moved and which way, without covering the plate's names for longer than a glance."""
        assert self.kit is not None
        better = (change > 0) == (good == "high")
        text = f"+{change}" if change > 0 else f"\u2212{-change}"
        key = (text, better, palette().name)
        img = self._float_cache.get(key)
        if img is None:
            font = self.kit.fonts.for_key("#body", "bold")
            ink = palette().good_text if better else palette().poor_text
            label = font.render(drawable(text), True, ink)
            px, py = max(5, label.get_height() // 3), max(1, label.get_height() // 12)
            img = pygame.Surface((label.get_width() + 2 * px, label.get_height() + 2 * py), pygame.SRCALPHA)
            radius = img.get_height() // 2
            pygame.draw.rect(img, (*self.art.plate, 255), img.get_rect(), border_radius=radius)
            pygame.draw.rect(img, ink, img.get_rect(), width=max(2, img.get_height() // 12), border_radius=radius)
            img.blit(label, (px, py))
            self._float_cache[key] = img
        t = clamp(age / FLOAT_S, 0.0, 1.0)
        travel = clamp(t / 0.35, 0.0, 1.0)
        travel = 1 - (1 - travel) ** 3  # quick out of the meter, slowing as it arrives
        start = bar.centery - img.get_height() / 2
        end = plate.y - img.get_height() * (1.15 + 1.05 * order)
        x = bar.x + int(clamp(fraction, 0.0, 1.0) * bar.w) - img.get_width() // 2
        x = int(clamp(x, plate.x + 2, plate.right - 2 - img.get_width()))
        img.set_alpha(255 if t < 0.7 else int(255 * (1 - (t - 0.7) / 0.3)))
        surface.blit(img, (x, int(start + (end - start) * travel)))
        img.set_alpha(255)


def banner_text(scenario: Scenario, lang: str) -> str:
    """What a banner or a call's title bar says: the meeting's name up to its first comma or full stop
    ("Bewonersavond in buurthuis De Kwikstaart"), else the scenario's title."""
    name = scenario.setting.meeting.get(lang) if scenario.setting.meeting.variants else ""
    for mark in (". ", ", ", ": ", " – ", " - "):
        name = name.split(mark)[0]
    name = name.strip().rstrip(".")
    return name or scenario.title.get(lang)


def _colour(value: Any, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    return colour(value, fallback) or fallback


def _faded(img: pygame.Surface, towards: tuple[int, int, int], amount: float) -> pygame.Surface:
    """``img`` faded ``amount`` of the way towards a colour, its transparency kept."""
    out = img.copy()
    keep = int(255 * (1 - amount))
    out.fill((keep, keep, keep, 255), special_flags=pygame.BLEND_RGBA_MULT)
    tint = pygame.Surface(img.get_size(), pygame.SRCALPHA)
    tint.fill((int(towards[0] * amount), int(towards[1] * amount), int(towards[2] * amount), 0))
    out.blit(tint, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    # BLEND_RGB_ADD also tints the clear pixels' colour, but they stay clear.
    return out


def _round_corners(surface: pygame.Surface, rect: pygame.Rect, radius: int) -> None:
    """Cut the room's corners round, in the colour that lies outside it."""
    if rect.w < 2 * radius or rect.h < 2 * radius:
        return
    outside = surface.get_at((max(0, rect.x - 1), max(0, rect.y - 1)))
    corner = pygame.Surface((radius, radius), pygame.SRCALPHA)
    corner.fill(outside)
    pygame.draw.circle(corner, (0, 0, 0, 0), (radius, radius), radius)
    for flip_x, flip_y, pos in ((False, False, rect.topleft), (True, False, (rect.right - radius, rect.y)),
                                (False, True, (rect.x, rect.bottom - radius)),
                                (True, True, (rect.right - radius, rect.bottom - radius))):
        surface.blit(pygame.transform.flip(corner, flip_x, flip_y), pos)


def _home(surface: pygame.Surface, rect: pygame.Rect, backdrop: tuple[int, int, int], rid: str) -> None:
    """A resident's own room behind them in a video tile: a shelf, a picture or a plant, by their id."""
    d = hashlib.sha256(rid.encode("utf-8")).digest()
    shade = darker(backdrop, 0.86)
    kind = d[0] % 3
    h, w = rect.h, rect.w
    if kind == 0:  # a bookshelf
        shelf = pygame.Rect(rect.x + int(w * 0.06), rect.y + int(h * 0.12), int(w * 0.22), int(h * 0.6))
        pygame.draw.rect(surface, shade, shelf)
        colours = [(62, 110, 158), (201, 79, 61), (224, 178, 76), (78, 138, 94), (110, 90, 142)]
        for row in range(3):
            y = shelf.y + row * shelf.h // 3
            x = shelf.x + 3
            k = 0
            while x < shelf.right - 6:
                bw = max(3, shelf.w // 9)
                bh = shelf.h // 3 - 6 - (d[(row * 5 + k) % 32] % 4)
                book = pygame.Rect(x, y + shelf.h // 3 - 3 - bh, bw, bh)
                pygame.draw.rect(surface, colours[(d[row + k] + k) % 5], book)
                x += bw + 1
                k += 1
    elif kind == 1:  # a picture on the wall
        pic = pygame.Rect(rect.right - int(w * 0.3), rect.y + int(h * 0.12), int(w * 0.2), int(h * 0.26))
        pygame.draw.rect(surface, (250, 248, 242), pic)
        pygame.draw.rect(surface, darker(backdrop, 0.6), pic, 3)
        hill = [(pic.x + 4, pic.bottom - 4), (pic.centerx - 2, pic.y + pic.h // 3), (pic.right - 4, pic.bottom - 4)]
        pygame.draw.polygon(surface, (143, 179, 160), hill)
    else:  # a plant
        pot = pygame.Rect(rect.x + int(w * 0.08), rect.bottom - int(h * 0.28), int(w * 0.1), int(h * 0.16))
        pygame.draw.rect(surface, (184, 106, 78), pot, border_radius=3)
        for dx, dy, r in ((0, -0.1, 0.09), (-0.04, -0.05, 0.07), (0.05, -0.06, 0.07)):
            pygame.draw.circle(surface, (94, 140, 78), (pot.centerx + int(dx * w), pot.y + int(dy * h)), int(r * h))
