"""Residents' faces, drawn in code, and the small mood meters beside them.

A face is built from a ``FaceSpec`` (skin, hair colour and style, clothing, glasses,
beard). The spec comes from ``portraits/<portrait>.json`` beside the scenario file (a
trainer's own scenario brings its own faces) or else from the shipped
``assets/portraits/<portrait>.json`` (our hand-written files, see ``assets/README.md``);
otherwise it is derived from the resident's id, so two residents always look different
and the same resident always looks the same. An image ``<portrait>.png`` (or ``.jpg``,
``.jpeg``, ``.webp``) in such a folder is used as-is (its expression can't follow the
mood; the meter still does).

The expression follows *calmness* (0 = upset, 1 = calm, from
``MoodVariable.calmness``): the mouth curves from a frown to a smile, the brows slant
down towards the nose when upset, the eyes narrow and the cheeks flush when angry.

Anything missing or broken — an unknown id, an unreadable PNG, a malformed JSON file —
gives a neutral placeholder and one logged warning, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Union

import pygame

from .. import resources
from .theme import CALM, TENSE, UPSET

PORTRAITS = resources.portraits()
PORTRAIT_FOLDER = "portraits"  # beside a scenario file
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
SUPERSAMPLE = 3

log = logging.getLogger(__name__)

Colour = tuple[int, int, int]

SKIN_TONES: tuple[Colour, ...] = (
    (246, 214, 189), (234, 192, 160), (214, 164, 125), (190, 134, 96), (150, 100, 70), (110, 72, 50),
)
HAIR_COLOURS: tuple[Colour, ...] = (
    (35, 30, 28), (70, 48, 34), (112, 76, 48), (150, 82, 46), (200, 164, 104), (150, 146, 140), (222, 220, 214),
)
CLOTHING: tuple[Colour, ...] = (
    (46, 66, 102), (88, 110, 72), (122, 52, 62), (186, 146, 58), (80, 96, 110), (34, 110, 112),
    (104, 76, 120), (128, 92, 66), (176, 96, 74), (64, 64, 70),
)
BACKDROPS: tuple[Colour, ...] = (
    (221, 232, 234), (233, 226, 214), (226, 232, 220), (236, 224, 226), (226, 226, 238), (238, 232, 216),
)
HAIR_STYLES = ("short", "side_part", "bob", "long", "bun", "curly", "bald", "buzz")

_warned: set[str] = set()


def _warn_once(key: str, message: str, *args: object) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


@dataclass(frozen=True)
class FaceSpec:
    key: str
    skin: Colour
    hair: Colour
    hair_style: str
    clothing: Colour
    backdrop: Colour
    glasses: bool = False
    beard: bool = False
    placeholder: bool = False


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def derived_spec(resident_id: str) -> FaceSpec:
    """A face that belongs to this id: stable across runs and machines."""
    d = _digest(resident_id)
    style = HAIR_STYLES[d[2] % len(HAIR_STYLES)]
    return FaceSpec(
        key=resident_id,
        skin=SKIN_TONES[d[0] % len(SKIN_TONES)],
        hair=HAIR_COLOURS[d[1] % len(HAIR_COLOURS)],
        hair_style=style,
        clothing=CLOTHING[d[3] % len(CLOTHING)],
        backdrop=BACKDROPS[d[4] % len(BACKDROPS)],
        glasses=d[5] % 3 == 0,
        beard=style in ("short", "buzz", "bald") and d[6] % 3 == 0,
    )


PLACEHOLDER = FaceSpec("placeholder", (200, 200, 196), (170, 170, 166), "none", (180, 180, 176), (226, 226, 222),
                       placeholder=True)


def _colour(value: object, fallback: Colour) -> Colour:
    if isinstance(value, str):
        try:
            c = pygame.Color(value)
            return (c.r, c.g, c.b)
        except ValueError:
            return fallback
    if isinstance(value, (list, tuple)) and len(value) == 3 and all(isinstance(v, int) for v in value):
        return (int(value[0]), int(value[1]), int(value[2]))
    return fallback


def spec_from_data(key: str, data: object, base: FaceSpec) -> FaceSpec:
    if not isinstance(data, dict):
        raise ValueError("a portrait file holds a JSON object")
    style = data.get("hair_style", base.hair_style)
    return FaceSpec(
        key=key,
        skin=_colour(data.get("skin"), base.skin),
        hair=_colour(data.get("hair"), base.hair),
        hair_style=style if style in HAIR_STYLES else base.hair_style,
        clothing=_colour(data.get("clothing"), base.clothing),
        backdrop=_colour(data.get("backdrop"), base.backdrop),
        glasses=bool(data.get("glasses", base.glasses)),
        beard=bool(data.get("beard", base.beard)),
    )


def portrait_folders(scenario_path: Optional[str]) -> list[Path]:
    """Where a scenario's portraits are looked for: beside its file first, then the shipped ones."""
    folders = [Path(scenario_path).parent / PORTRAIT_FOLDER] if scenario_path else []
    return folders + [PORTRAITS]


def _portrait_files(folders: Sequence[Path], portrait: str) -> tuple[Optional[Path], Optional[Path]]:
    """The image or face spec of the first folder that has either."""
    for folder in folders:
        for suffix in IMAGE_SUFFIXES:
            if (folder / f"{portrait}{suffix}").is_file():
                return folder / f"{portrait}{suffix}", None
        if (folder / f"{portrait}.json").is_file():
            return None, folder / f"{portrait}.json"
    return None, None


class PortraitSource:
    """Resolves a resident's portrait once: an image, a JSON face spec, or a derived face."""

    def __init__(self, resident_id: str, portrait: str, folder: Union[Path, Sequence[Path]] = PORTRAITS):
        self.resident_id = resident_id
        self.portrait = portrait or resident_id
        self.image: Optional[pygame.Surface] = None
        self.spec = derived_spec(resident_id)
        folders = [folder] if isinstance(folder, Path) else list(folder)
        png, spec = _portrait_files(folders, self.portrait)
        if png is not None:
            try:
                self.image = pygame.image.load(str(png))
            except (pygame.error, OSError) as exc:
                _warn_once(f"png:{png}", "portrait %s can't be loaded (%s); showing a placeholder", png, exc)
                self.spec = PLACEHOLDER
        elif spec is not None:
            try:
                self.spec = spec_from_data(resident_id, json.loads(spec.read_text(encoding="utf-8")), self.spec)
            except (OSError, ValueError) as exc:
                _warn_once(f"json:{spec}", "portrait %s can't be read (%s); showing a placeholder", spec, exc)
                self.spec = PLACEHOLDER
        else:
            _warn_once(f"missing:{self.portrait}", "no portrait %r in %s; drawing a face from the resident id",
                       self.portrait, " or ".join(str(f) for f in folders))
        self._cache: dict[tuple[int, int], pygame.Surface] = {}

    def render(self, calmness: float, diameter: int) -> pygame.Surface:
        diameter = max(8, int(diameter))
        step = int(round(max(0.0, min(1.0, calmness)) * 40))
        key = (step, diameter)
        surf = self._cache.get(key)
        if surf is None:
            try:
                surf = self._render(step / 40, diameter)
            except (pygame.error, ValueError, ZeroDivisionError) as exc:  # never let a face crash the meeting
                _warn_once(f"render:{self.portrait}", "portrait %r failed to draw (%s)", self.portrait, exc)
                surf = draw_face(PLACEHOLDER, 0.5, diameter)
            if len(self._cache) > 200:
                self._cache.clear()
            self._cache[key] = surf
        return surf

    def _render(self, calmness: float, diameter: int) -> pygame.Surface:
        if self.image is not None:
            return circular(self.image, diameter)
        return draw_face(self.spec, calmness, diameter)


def circular(image: pygame.Surface, diameter: int) -> pygame.Surface:
    """An image cropped to a circle (for PNG portraits)."""
    w, h = image.get_size()
    side = min(w, h)
    square = image.subsurface(pygame.Rect((w - side) // 2, (h - side) // 2, side, side)).copy()
    scaled = pygame.transform.smoothscale(square.convert_alpha() if pygame.display.get_surface() else square,
                                          (diameter, diameter))
    mask = pygame.Surface((diameter, diameter), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (diameter // 2, diameter // 2), diameter // 2)
    out = pygame.Surface((diameter, diameter), pygame.SRCALPHA)
    out.blit(scaled, (0, 0))
    out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return out


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    t = max(0.0, min(1.0, t))
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


def _darker(c: Colour, f: float = 0.75) -> Colour:
    return (int(c[0] * f), int(c[1] * f), int(c[2] * f))


def _bezier(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float],
            n: int = 16) -> list[tuple[float, float]]:
    pts = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]
        pts.append((x, y))
    return pts


def draw_face(spec: FaceSpec, calmness: float, diameter: int) -> pygame.Surface:
    """The face at this calmness, antialiased by drawing large and scaling down."""
    S = diameter * SUPERSAMPLE
    u = S / 100.0  # one unit = 1 % of the diameter
    big = pygame.Surface((S, S), pygame.SRCALPHA)
    cx = S / 2
    pygame.draw.circle(big, spec.backdrop, (cx, cx), S / 2)

    # Shoulders and clothing.
    body = pygame.Rect(0, 0, int(80 * u), int(60 * u))
    body.midtop = (int(cx), int(72 * u))
    pygame.draw.ellipse(big, spec.clothing, body)
    neck = pygame.Rect(0, 0, int(15 * u), int(14 * u))
    neck.midtop = (int(cx), int(62 * u))
    pygame.draw.rect(big, _darker(spec.skin, 0.9), neck, border_radius=int(4 * u))
    collar = [(cx - 8.5 * u, 72.5 * u), (cx, 81 * u), (cx + 8.5 * u, 72.5 * u)]
    pygame.draw.polygon(big, _darker(spec.skin, 0.9), collar)

    if spec.placeholder:
        head = pygame.Rect(0, 0, int(40 * u), int(46 * u))
        head.center = (int(cx), int(44 * u))
        pygame.draw.ellipse(big, spec.skin, head)
        return _finish(big, diameter)

    head_w, head_h = 42 * u, 50 * u
    head = pygame.Rect(0, 0, int(head_w), int(head_h))
    head.center = (int(cx), int(44 * u))
    hair_dark = _darker(spec.hair, 0.85)

    # Hair behind the head.
    style = spec.hair_style
    if style in ("long", "bob"):
        back = pygame.Rect(0, 0, int(52 * u), int((62 if style == "long" else 46) * u))
        back.midtop = (int(cx), int(20 * u))
        pygame.draw.ellipse(big, hair_dark, back)
        if style == "long":
            pygame.draw.rect(big, hair_dark, pygame.Rect(int(cx - 26 * u), int(44 * u), int(52 * u), int(32 * u)),
                             border_radius=int(10 * u))
    if style == "bun":
        pygame.draw.circle(big, hair_dark, (cx, 18 * u), 10 * u)
    if style == "curly":
        for ang in range(0, 360, 30):
            r = math.radians(ang)
            pygame.draw.circle(big, hair_dark, (cx + math.cos(r) * 22 * u, 36 * u + math.sin(r) * 18 * u), 9 * u)

    # Ears and head.
    for side in (-1, 1):
        pygame.draw.ellipse(big, _darker(spec.skin, 0.95),
                            pygame.Rect(int(cx + side * 20 * u - 4 * u), int(42 * u), int(8 * u), int(11 * u)))
    pygame.draw.ellipse(big, spec.skin, head)

    # Hair on top.
    top = head.top
    if style in ("short", "side_part", "bob", "long", "bun", "curly"):
        cap = pygame.Rect(int(cx - 21 * u), int(top - 3 * u), int(42 * u), int(26 * u))
        pygame.draw.ellipse(big, spec.hair, cap)
        # Cut the fringe line so the forehead shows.
        brow_line = pygame.Rect(int(cx - 17 * u), int(top + 11 * u), int(34 * u), int(22 * u))
        pygame.draw.ellipse(big, spec.skin, brow_line)
        if style == "side_part":
            pygame.draw.polygon(big, spec.hair, [(cx - 18 * u, top + 8 * u), (cx + 12 * u, top + 2 * u),
                                                 (cx - 4 * u, top + 16 * u)])
        if style in ("bob", "long"):
            for side in (-1, 1):
                pygame.draw.ellipse(big, spec.hair, pygame.Rect(int(cx + side * 17 * u - 6 * u), int(top + 6 * u),
                                                                int(12 * u), int(30 * u)))
        if style == "curly":
            for i in range(5):
                pygame.draw.circle(big, spec.hair, (cx - 16 * u + i * 8 * u, top + 4 * u), 6 * u)
    elif style == "buzz":
        cap = pygame.Rect(int(cx - 20 * u), int(top - 1 * u), int(40 * u), int(20 * u))
        pygame.draw.ellipse(big, _mix(spec.hair, spec.skin, 0.45), cap)
        pygame.draw.ellipse(big, spec.skin, pygame.Rect(int(cx - 17 * u), int(top + 8 * u), int(34 * u), int(20 * u)))
    elif style == "bald":
        for side in (-1, 1):
            pygame.draw.ellipse(big, _mix(spec.hair, spec.skin, 0.2),
                                pygame.Rect(int(cx + side * 18.5 * u - 3 * u), int(33 * u), int(6 * u), int(12 * u)))

    calm = max(0.0, min(1.0, calmness))
    upset = 1.0 - calm
    eye_y = 46 * u
    line = max(2, int(2.2 * u))

    # Cheeks flush with anger.
    if upset > 0.55:
        flush = pygame.Surface((S, S), pygame.SRCALPHA)
        alpha = int(150 * (upset - 0.55) / 0.45)
        for side in (-1, 1):
            pygame.draw.ellipse(flush, (214, 80, 70, alpha),
                                pygame.Rect(int(cx + side * 11 * u - 5 * u), int(53 * u), int(10 * u), int(6 * u)))
        big.blit(flush, (0, 0))

    # Eyes: narrower when upset.
    eye_h = (5.2 - 2.2 * max(0.0, upset - 0.4)) * u
    for side in (-1, 1):
        ex = cx + side * 8.5 * u
        pygame.draw.ellipse(big, (40, 36, 34), pygame.Rect(int(ex - 2.6 * u), int(eye_y - eye_h / 2),
                                                           int(5.2 * u), int(eye_h)))
    # Brows: inner ends drop when upset; a soft arch when calm.
    drop = max(0.0, upset - 0.4) * 12 * u
    arch = max(0.0, calm - 0.5) * 3 * u
    for side in (-1, 1):
        outer = (cx + side * 13.5 * u, eye_y - 7 * u)
        inner = (cx + side * 4 * u, eye_y - 7.5 * u + drop)
        mid = ((outer[0] + inner[0]) / 2, (outer[1] + inner[1]) / 2 - 1.5 * u - arch)
        _thick_curve(big, _darker(spec.hair, 0.7), _bezier(outer, mid, inner, 10), 1.3 * u)
    if spec.glasses:
        for side in (-1, 1):
            ex = cx + side * 8.5 * u
            pygame.draw.circle(big, (60, 60, 66), (ex, eye_y), 6.2 * u, max(1, int(1.4 * u)))
        pygame.draw.line(big, (60, 60, 66), (cx - 2.3 * u, eye_y), (cx + 2.3 * u, eye_y), max(1, int(1.4 * u)))

    # Nose.
    _thick_curve(big, _darker(spec.skin, 0.82), _bezier((cx + 0.5 * u, eye_y + 3 * u), (cx - 2.5 * u, eye_y + 9 * u),
                                                     (cx + 1.5 * u, eye_y + 10 * u), 8), 0.8 * u)

    # Beard.
    if spec.beard:
        beard = pygame.Rect(int(cx - 16 * u), int(54 * u), int(32 * u), int(17 * u))
        pygame.draw.ellipse(big, _mix(spec.hair, spec.skin, 0.4), beard)
        pygame.draw.ellipse(big, _mix(spec.hair, spec.skin, 0.75),
                            pygame.Rect(int(cx - 9.5 * u), int(56.5 * u), int(19 * u), int(7.5 * u)))

    # Mouth: a curve from frown to smile.
    curve = (calm - 0.5) * 2  # -1 .. 1
    mouth_y = 60 * u
    half = (7 + 2 * max(0.0, curve)) * u
    bend = curve * 5 * u
    pts = _bezier((cx - half, mouth_y - bend * 0.2), (cx, mouth_y + bend), (cx + half, mouth_y - bend * 0.2), 24)
    _thick_curve(big, (120, 56, 52), pts, line / 2)
    return _finish(big, diameter)


def _thick_curve(surface: pygame.Surface, colour: Colour, pts: list[tuple[float, float]], radius: float) -> None:
    """A curve with round ends and joints (pygame's wide lines have ragged joints)."""
    for a, b in zip(pts, pts[1:]):
        pygame.draw.line(surface, colour, a, b, max(1, int(radius * 2)))
    for p in pts:
        pygame.draw.circle(surface, colour, p, radius)


def _finish(big: pygame.Surface, diameter: int) -> pygame.Surface:
    mask = pygame.Surface(big.get_size(), pygame.SRCALPHA)
    s = big.get_width()
    pygame.draw.circle(mask, (255, 255, 255, 255), (s / 2, s / 2), s / 2)
    big.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return pygame.transform.smoothscale(big, (diameter, diameter))


def meter_colour(calmness: float) -> Colour:
    """Red when upset, amber in between, green when calm."""
    c = max(0.0, min(1.0, calmness))
    if c < 0.5:
        return _mix(UPSET, TENSE, c / 0.5)
    return _mix(TENSE, CALM, (c - 0.5) / 0.5)


def draw_meter(surface: pygame.Surface, rect: pygame.Rect, fraction: float, calmness: float,
               track: Colour = (226, 221, 211)) -> None:
    """A slim rounded bar filled to ``fraction`` in the colour of its calmness."""
    radius = rect.height // 2
    pygame.draw.rect(surface, track, rect, border_radius=radius)
    filled = int(round(max(0.0, min(1.0, fraction)) * rect.width))
    if filled > 0:
        fill = pygame.Rect(rect.x, rect.y, max(filled, rect.height), rect.height)
        pygame.draw.rect(surface, meter_colour(calmness), fill, border_radius=radius)
