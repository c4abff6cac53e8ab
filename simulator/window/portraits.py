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
from pathlib import Path
from typing import Optional, Sequence, Union

import pygame

from simulator import resources
from simulator.window.expressions import POSES, pose_for_calmness
from simulator.window.figures import COLLARS, Colour, FaceSpec, draw_body, draw_figure, draw_head, figure_size
from simulator.window.theme import palette

PORTRAITS = resources.portraits()
PORTRAIT_FOLDER = "portraits"  # beside a scenario file
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
SUPERSAMPLE = 3
MAX_SPEC_BYTES = 256 * 1024  # a portrait's drawing as JSON is a few KB
MAX_IMAGE_PIXELS = 4096 * 4096  # a photo larger than this is not a portrait: decoding it would take gigabytes
FIGURE_CACHE = 32  # figures kept per resident (expressions x sizes); a resize starts over

log = logging.getLogger(__name__)

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
ACCENTS: tuple[Colour, ...] = (
    (240, 238, 230), (214, 226, 240), (236, 214, 160), (200, 90, 70), (120, 150, 190), (230, 230, 230),
)

_warned: set[str] = set()


def _warn_once(key: str, message: str, *args: object) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


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
        collar=COLLARS[d[7] % len(COLLARS)],
        accent=ACCENTS[d[8] % len(ACCENTS)],
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
    collar = data.get("collar", base.collar)
    return FaceSpec(
        key=key,
        skin=_colour(data.get("skin"), base.skin),
        hair=_colour(data.get("hair"), base.hair),
        hair_style=style if style in HAIR_STYLES else base.hair_style,
        clothing=_colour(data.get("clothing"), base.clothing),
        backdrop=_colour(data.get("backdrop"), base.backdrop),
        glasses=bool(data.get("glasses", base.glasses)),
        beard=bool(data.get("beard", base.beard)),
        collar=collar if collar in COLLARS else base.collar,
        accent=_colour(data.get("accent"), base.accent),
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
        self.image_path = png
        if png is not None:
            try:
                if _too_many_pixels(png):
                    raise pygame.error(f"larger than {MAX_IMAGE_PIXELS:,} pixels")
                self.image = pygame.image.load(str(png))
            except (pygame.error, OSError) as exc:
                _warn_once(f"png:{png}", "portrait %s can't be loaded (%s); showing a placeholder", png, exc)
                self.spec = PLACEHOLDER
        elif spec is not None:
            try:
                if not spec.is_file() or spec.stat().st_size > MAX_SPEC_BYTES:  # a pipe, a device, a huge file
                    raise ValueError("not a portrait file")
                self.spec = spec_from_data(resident_id, json.loads(spec.read_text(encoding="utf-8")), self.spec)
            except (OSError, ValueError, TypeError, AttributeError, RecursionError) as exc:
                _warn_once(f"json:{spec}", "portrait %s can't be read (%s); showing a placeholder", spec, exc)
                self.spec = PLACEHOLDER
        else:
            _warn_once(f"missing:{self.portrait}", "no portrait %r in %s; drawing a face from the resident id",
                       self.portrait, " or ".join(str(f) for f in folders))
        self._cache: dict[tuple[int, int], pygame.Surface] = {}
        self._figures: dict[tuple[str, int], pygame.Surface] = {}
        self._images: dict[str, Optional[pygame.Surface]] = {}

    # -- the stage's half-body figure --------------------------------------------------------
    def figure(self, emotion: str, width: int) -> pygame.Surface:
        """The half-body figure with this expression, ``width`` px wide (``figures.FIGURE_ASPECT``
        times as tall), on a clear background. Drawn once per expression and size."""
        width = max(8, int(width))
        key = (emotion, width)
        surf = self._figures.get(key)
        if surf is None:
            try:
                image = self._emotion_image(emotion)
                if image is not None:
                    surf = cover(image, figure_size(width))
                else:
                    surf = draw_figure(self.spec, POSES.get(emotion, POSES["neutral"]), width)
            except (pygame.error, ValueError, ZeroDivisionError) as exc:  # never let a face crash the meeting
                _warn_once(f"figure:{self.portrait}", "portrait %r failed to draw (%s)", self.portrait, exc)
                surf = draw_figure(PLACEHOLDER, POSES["neutral"], width)
            if len(self._figures) > FIGURE_CACHE:
                self._figures.clear()
            self._figures[key] = surf
        return surf

    def _emotion_image(self, emotion: str) -> Optional[pygame.Surface]:
        """An image portrait for this expression: ``<portrait>-<emotion>.png`` beside the portrait's
        own image if there is one, else the portrait's image itself (None for a face drawn in code)."""
        if self.image is None or self.image_path is None:
            return None
        if emotion not in self._images:
            found = None
            for suffix in IMAGE_SUFFIXES:
                path = self.image_path.parent / f"{self.portrait}-{emotion}{suffix}"
                if path.is_file():
                    try:
                        if _too_many_pixels(path):  # (the same guard as the portrait's own image)
                            raise pygame.error(f"larger than {MAX_IMAGE_PIXELS:,} pixels")
                        found = pygame.image.load(str(path))
                    except (pygame.error, OSError) as exc:
                        _warn_once(f"png:{path}", "portrait %s can't be loaded (%s); using %s", path, exc,
                                   self.image_path.name)
                    break
            self._images[emotion] = found
        return self._images[emotion] or self.image

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


def cover(image: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    """An image scaled to fill ``size``, cut at the sides or the bottom (a face sits near the top)."""
    w, h = image.get_size()
    tw, th = size
    factor = max(tw / max(1, w), th / max(1, h))
    sw, sh = max(tw, int(round(w * factor))), max(th, int(round(h * factor)))
    src = image.convert_alpha() if pygame.display.get_surface() else image
    scaled = pygame.transform.smoothscale(src, (sw, sh))
    out = pygame.Surface((tw, th), pygame.SRCALPHA)
    out.blit(scaled, ((tw - sw) // 2, 0))
    return out


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


def draw_face(spec: FaceSpec, calmness: float, diameter: int) -> pygame.Surface:
    """The round badge at this calmness: the stage figure's head and shoulders in a circle,
    antialiased by drawing large and scaling down."""
    S = diameter * SUPERSAMPLE
    u = S / 100.0  # one unit = 1 % of the diameter
    big = pygame.Surface((S, S), pygame.SRCALPHA)
    cx = S / 2
    pygame.draw.circle(big, spec.backdrop, (cx, cx), S / 2)
    if spec.placeholder:
        body = pygame.Rect(0, 0, int(80 * u), int(60 * u))
        body.midtop = (int(cx), int(72 * u))
        pygame.draw.ellipse(big, spec.clothing, body)
        head = pygame.Rect(0, 0, int(40 * u), int(46 * u))
        head.center = (int(cx), int(44 * u))
        pygame.draw.ellipse(big, spec.skin, head)
        return _finish(big, diameter)
    pose = pose_for_calmness(calmness)
    draw_body(big, spec, pose, cx, 44 * u, 73 * u, u, S)
    draw_head(big, spec, pose, cx, 44 * u, u)
    return _finish(big, diameter)


def _finish(big: pygame.Surface, diameter: int) -> pygame.Surface:
    mask = pygame.Surface(big.get_size(), pygame.SRCALPHA)
    s = big.get_width()
    pygame.draw.circle(mask, (255, 255, 255, 255), (s / 2, s / 2), s / 2)
    big.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return pygame.transform.smoothscale(big, (diameter, diameter))


def meter_colour(calmness: float) -> Colour:
    """Red when upset, amber in between, green when calm."""
    c = max(0.0, min(1.0, calmness))
    pal = palette()
    if c < 0.5:
        return _mix(pal.upset, pal.tense, c / 0.5)
    return _mix(pal.tense, pal.calm, (c - 0.5) / 0.5)


def draw_meter(surface: pygame.Surface, rect: pygame.Rect, fraction: float, calmness: float,
               track: Colour = (226, 221, 211)) -> None:
    """A slim rounded bar filled to ``fraction`` in the colour of its calmness."""
    radius = rect.height // 2
    pygame.draw.rect(surface, track, rect, border_radius=radius)
    filled = int(round(max(0.0, min(1.0, fraction)) * rect.width))
    if filled > 0:
        fill = pygame.Rect(rect.x, rect.y, max(filled, rect.height), rect.height)
        pygame.draw.rect(surface, meter_colour(calmness), fill, border_radius=radius)


def _too_many_pixels(path: Path) -> bool:
    """Whether a PNG says in its header that it is larger than ``MAX_IMAGE_PIXELS`` (read before
    decoding: a small file can decode to gigabytes). Other formats are decoded as they are."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(24)
    except OSError:
        return False
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return False
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    return width * height > MAX_IMAGE_PIXELS
