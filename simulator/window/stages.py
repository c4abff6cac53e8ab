"""The rooms a meeting is held in, drawn from vector descriptions so they scale with the window.

A stage is one JSON file per kind (``engine.scenario.model.STAGES``: kitchen, hall,
council, phone, online): ``stages/<kind>.json`` beside the scenario file first (a
trainer can give a meeting its own room), else the shipped ``assets/stages/<kind>.json``.
Which kind a meeting gets is ``setting.stage`` in the scenario, or else guessed from the
meeting's name (``stage_kind``).

A file describes two layers of simple shapes (``assets/README.md`` lists them):

- ``back``: the room behind the residents, in a *frame* whose height follows the
  residents' size, standing on the table line; the wall colour fills any room above it.
- ``front``: what stands in front of them — the table's edge, a desk, a toolbar — in the
  *band* from the table line to the bottom of the room.

Both layers measure in units of the back frame's height (so a cup on the table and a
clock on the wall keep their size next to the residents): ``y`` is 0 at the frame's top
in the back layer and 0 at the table line in the front layer (negative above it, for
what stands on the table). ``x`` is a fraction of the width, so walls and tables stretch
with the window; a shape with ``at`` (a fraction of the width) takes its x offsets and
its width in units of the frame's height instead, so round things stay round.
``seat`` is drawn behind each resident and ``place`` in front of each (``at`` their
middle), in the back and front layer's units.
``repeat`` lays its shapes out again and again across the width (rows of chairs, an
audience), each copy taking the next colours of its ``palette``.

``layout`` says how the residents appear: ``table`` (side by side behind the front
layer), ``phones`` (each on the screen of a phone) or ``tiles`` (each in a video tile).
A file that can't be read, or a shape that makes no sense, gives a plain room (or skips
the shape) and one logged warning, never an exception.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence

import pygame

from engine.scenario.model import STAGES, Scenario
from simulator import resources

STAGE_FOLDER = "stages"  # beside a scenario file
LAYOUTS = ("table", "phones", "tiles")
SHAPE_KEYS = ("rect", "poly", "ellipse", "circle", "line", "repeat", "text")
SUPERSAMPLE = 2
MAX_SHAPES = 2000  # a stage file is a drawing, not a data dump: more shapes than this are ignored
MAX_REPEAT = 400
MIN_TEXT_PX = 11  # a banner's or title bar's text smaller than this (on screen) isn't drawn

log = logging.getLogger(__name__)
_warned: set[str] = set()

Colour = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

# Words in the meeting's name that point to a kind of room (Dutch and English), checked in order.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("online", ("online", "video", "teams", "zoom", "beeldbel", "digitaal")),
    ("phone", ("telefo", "phone", "gebeld", "belt ", "call")),
    ("council", ("raad", "council", "commissie", "committee", "inspreek", "gemeentehuis", "town hall")),
    ("kitchen", ("keuken", "kitchen", "thuis", "huiskamer", "at home", "woonkamer", "living room")),
    ("hall", ("buurthuis", "zaal", "hall", "bewonersavond", "avond", "evening", "bijeenkomst")),
)
DEFAULT_KIND = "hall"


def _warn_once(key: str, message: str, *args: object) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


def stage_kind(scenario: Scenario) -> str:
    """The kind of room: ``setting.stage``, else guessed from the meeting's name, else a hall."""
    if scenario.setting.stage in STAGES:
        return scenario.setting.stage  # type: ignore[return-value]
    names = " ".join(scenario.setting.meeting.variants.values()).lower()
    for kind, words in KIND_WORDS:
        if any(w in names for w in words):
            return kind
    return DEFAULT_KIND


def stage_folders(scenario_path: Optional[str]) -> list[Path]:
    """Where a scenario's stages are looked for: beside its file first, then the shipped ones."""
    folders = [Path(scenario_path).parent / STAGE_FOLDER] if scenario_path else []
    return folders + [resources.assets() / STAGE_FOLDER]


# -- the description ----------------------------------------------------------------------
@dataclass(frozen=True)
class StageArt:
    kind: str
    layout: str = "table"
    wall: Colour = (233, 228, 217)
    table_top: float = 0.78  # the table line, as a fraction of the back frame's height
    back: tuple[Mapping[str, Any], ...] = ()
    front: tuple[Mapping[str, Any], ...] = ()
    seat: tuple[Mapping[str, Any], ...] = ()  # behind each resident (back frame), x around their centre
    place: tuple[Mapping[str, Any], ...] = ()  # in front of each resident (front band), x around their centre
    plate: Colour = (255, 255, 255)  # the name plates' card
    plate_ink: Colour = (30, 43, 51)
    dim: Colour = (233, 228, 217)  # what residents who don't speak fade towards
    screen: Mapping[str, Any] = field(default_factory=dict)  # phones and tiles: their colours
    source: str = "built in"


PLAIN = StageArt("plain", back=({"rect": [0, 0.86, 1, 0.14], "fill": "#DDD5C6"},),
                 front=({"rect": [0, 0, 1, 1], "fill": "#CDB698"}, {"rect": [0, 0, 1, 0.12], "fill": "#B09676"}))


def colour(value: Any, fallback: Optional[Colour] = None) -> Optional[Colour]:
    if isinstance(value, str):
        try:
            c = pygame.Color(value)
            return (c.r, c.g, c.b)
        except ValueError:
            return fallback
    if isinstance(value, (list, tuple)) and len(value) == 3 and all(isinstance(v, int) for v in value):
        return (max(0, min(255, value[0])), max(0, min(255, value[1])), max(0, min(255, value[2])))
    return fallback


def art_from_data(kind: str, data: Any, source: str) -> StageArt:
    if not isinstance(data, dict):
        raise ValueError("a stage file holds a JSON object")
    layout = data.get("layout", "table")
    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r} is not one of {', '.join(LAYOUTS)}")
    layers = {key: data.get(key, []) for key in ("back", "front", "seat", "place")}
    for key, shapes in layers.items():
        if not isinstance(shapes, list):
            raise ValueError(f"{key} is a list of shapes")
    table_top = data.get("table_top", 0.78)
    if not isinstance(table_top, (int, float)) or not 0.3 <= table_top <= 0.95:
        raise ValueError("table_top is a fraction between 0.3 and 0.95")
    screen = data.get("screen", {})
    wall = colour(data.get("wall"), StageArt.wall) or StageArt.wall
    shapes = {key: tuple(s for s in value[:MAX_SHAPES] if isinstance(s, dict)) for key, value in layers.items()}
    return StageArt(kind, layout, wall, float(table_top), shapes["back"], shapes["front"], shapes["seat"],
                    shapes["place"], colour(data.get("plate"), StageArt.plate) or StageArt.plate,
                    colour(data.get("plate_ink"), StageArt.plate_ink) or StageArt.plate_ink,
                    colour(data.get("dim"), wall) or wall,
                    screen if isinstance(screen, dict) else {}, source)


def load_stage(kind: str, folders: Sequence[Path]) -> StageArt:
    """The stage of this kind from the first folder that has it; a plain room if none can be read."""
    for folder in folders:
        path = folder / f"{kind}.json"
        if not path.is_file():
            continue
        try:
            return art_from_data(kind, json.loads(path.read_text(encoding="utf-8")), str(path))
        except (OSError, ValueError, RecursionError) as exc:
            _warn_once(f"stage:{path}", "stage %s can't be read (%s); drawing a plain room", path, exc)
            return PLAIN
    _warn_once(f"stage-missing:{kind}", "no stage %r in %s; drawing a plain room", kind,
               " or ".join(str(f) for f in folders))
    return PLAIN


# -- drawing -------------------------------------------------------------------------------
@dataclass
class Layer:
    """Where a layer is drawn: its box on the target surface (already supersampled)."""

    x: float
    y: float
    w: float
    h: float
    palette: tuple[Colour, ...] = ()
    texts: Mapping[str, str] = field(default_factory=dict)
    font: Optional[Callable[[int, bool], pygame.font.Font]] = None

    def px(self, fx: float) -> float:
        return self.x + fx * self.w

    def py(self, fy: float) -> float:
        return self.y + fy * self.h


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _nums(v: Any, n: int) -> bool:
    return isinstance(v, (list, tuple)) and len(v) == n and all(_num(x) for x in v)


def _fill(shape: Mapping[str, Any], key: str, layer: Layer) -> Optional[RGBA]:
    """A shape's colour: ``#RRGGBB``, ``[r, g, b]`` or ``$n`` (the n-th colour of the repeat's palette);
    ``alpha`` (0..1) makes it see-through."""
    value = shape.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.startswith("$"):
        try:
            index = int(value[1:])
        except ValueError:
            return None
        if not layer.palette:
            return None
        rgb: Optional[Colour] = layer.palette[index % len(layer.palette)]
    else:
        rgb = colour(value)
    if rgb is None:
        return None
    alpha = shape.get("alpha", 1.0)
    a = int(255 * max(0.0, min(1.0, alpha))) if _num(alpha) else 255
    return (*rgb, a)


def draw_layer(surface: pygame.Surface, shapes: Sequence[Mapping[str, Any]], layer: Layer,
               where: str = "stage") -> None:
    for shape in shapes:
        try:
            _draw_shape(surface, shape, layer)
        except (TypeError, ValueError, KeyError, pygame.error, OverflowError) as exc:
            _warn_once(f"shape:{where}:{sorted(shape)}", "a shape in %s can't be drawn (%s); left out", where, exc)


def _draw_shape(surface: pygame.Surface, shape: Mapping[str, Any], layer: Layer) -> None:
    at = shape.get("at")
    unit = layer.h  # sizes of anchored shapes, and radii, are in units of the layer's height
    if _num(at):
        ax = layer.px(float(at))

        def X(v: float) -> float:
            return ax + v * unit

        def W(v: float) -> float:
            return v * unit
    else:
        def X(v: float) -> float:
            return layer.px(v)

        def W(v: float) -> float:
            return v * layer.w

    def Y(v: float) -> float:
        return layer.py(v)

    kind = next((k for k in SHAPE_KEYS if k in shape), None)
    fill = _fill(shape, "fill", layer)
    stroke = _fill(shape, "stroke", layer)
    width = max(1, int(round(float(shape.get("width", 0.004)) * unit))) if _num(shape.get("width", 0.004)) else 1
    if kind == "repeat":
        _draw_repeat(surface, shape, layer)
        return
    if kind == "text":
        _draw_text(surface, shape, layer, X, W, Y)
        return
    target, offset = surface, (0, 0)
    translucent = (fill is not None and fill[3] < 255) or (stroke is not None and stroke[3] < 255)
    if kind == "rect":
        box = shape["rect"]
        if not _nums(box, 4):
            raise ValueError("rect is [x, y, w, h]")
        rect = pygame.Rect(int(X(box[0])), int(Y(box[1])), max(1, int(round(W(box[2])))),
                           max(1, int(round(box[3] * layer.h))))
        radius = int(float(shape.get("radius", 0)) * unit) if _num(shape.get("radius", 0)) else 0
        if translucent:
            target, offset = pygame.Surface(rect.size, pygame.SRCALPHA), rect.topleft
            rect = rect.move(-offset[0], -offset[1])
        if fill is not None:
            pygame.draw.rect(target, fill, rect, border_radius=radius)
        if stroke is not None:
            pygame.draw.rect(target, stroke, rect, width=width, border_radius=radius)
    elif kind == "poly":
        pts = shape["poly"]
        if not isinstance(pts, list) or len(pts) < 3 or not all(_nums(p, 2) for p in pts):
            raise ValueError("poly is a list of [x, y] points")
        points = [(X(p[0]), Y(p[1])) for p in pts]
        if translucent:
            target, points, offset = _local(points)
        if fill is not None:
            pygame.draw.polygon(target, fill, points)
        if stroke is not None:
            pygame.draw.polygon(target, stroke, points, width)
    elif kind in ("ellipse", "circle"):
        spec = shape[kind]
        if kind == "circle":
            if not _nums(spec, 3):
                raise ValueError("circle is [x, y, r]")
            cx, cy, rw, rh = X(spec[0]), Y(spec[1]), spec[2] * unit, spec[2] * unit
        else:
            if not _nums(spec, 4):
                raise ValueError("ellipse is [x, y, w, h] (centre and size)")
            cx, cy, rw, rh = X(spec[0]), Y(spec[1]), spec[2] * unit / 2, spec[3] * unit / 2
        rect = pygame.Rect(int(cx - rw), int(cy - rh), max(1, int(2 * rw)), max(1, int(2 * rh)))
        if translucent:
            target, offset = pygame.Surface(rect.size, pygame.SRCALPHA), rect.topleft
            rect = rect.move(-offset[0], -offset[1])
        if fill is not None:
            pygame.draw.ellipse(target, fill, rect)
        if stroke is not None:
            pygame.draw.ellipse(target, stroke, rect, width)
    elif kind == "line":
        pts = shape["line"]
        if not isinstance(pts, list) or len(pts) < 2 or not all(_nums(p, 2) for p in pts):
            raise ValueError("line is a list of [x, y] points")
        points = [(X(p[0]), Y(p[1])) for p in pts]
        colour_ = stroke or fill or (0, 0, 0, 255)
        if colour_[3] < 255:
            target, points, offset = _local(points, width)
        pygame.draw.lines(target, colour_, False, points, width)
        for p in points:  # round joints
            pygame.draw.circle(target, colour_, p, width / 2)
    else:
        raise ValueError(f"a shape is one of {', '.join(SHAPE_KEYS)}")
    if target is not surface:
        surface.blit(target, offset)


def _local(points: list[tuple[float, float]], pad: int = 1) -> tuple[pygame.Surface, list[tuple[float, float]],
                                                                     tuple[int, int]]:
    """A small see-through surface around ``points``, and the points moved onto it."""
    x0 = int(min(p[0] for p in points)) - pad
    y0 = int(min(p[1] for p in points)) - pad
    x1 = int(max(p[0] for p in points)) + pad + 1
    y1 = int(max(p[1] for p in points)) + pad + 1
    surf = pygame.Surface((max(1, x1 - x0), max(1, y1 - y0)), pygame.SRCALPHA)
    return surf, [(p[0] - x0, p[1] - y0) for p in points], (x0, y0)


def _draw_repeat(surface: pygame.Surface, shape: Mapping[str, Any], layer: Layer) -> None:
    """``{"repeat": [from, to, step], "shapes": [...], "palette": [...]}``: copies at ``at`` = from,
    from + step, ... (``from``/``to`` fractions of the width, ``step`` in units of the height)."""
    spec = shape["repeat"]
    if not _nums(spec, 3) or spec[2] <= 0:
        raise ValueError("repeat is [from, to, step] with a step above 0")
    children = shape.get("shapes", [])
    if not isinstance(children, list):
        raise ValueError("a repeat's shapes are a list")
    palette = tuple(c for c in (colour(v) for v in shape.get("palette", [])) if c is not None) or layer.palette
    shift = int(shape.get("shift", 1)) if _num(shape.get("shift", 1)) else 1
    step_px = spec[2] * layer.h
    start, stop = layer.px(spec[0]), layer.px(spec[1])
    count = min(MAX_REPEAT, int((stop - start) // step_px) + 1) if stop >= start else 0
    for k in range(count):
        at = (start + k * step_px - layer.x) / layer.w if layer.w else 0.0
        rotated = palette[(k * shift) % len(palette):] + palette[:(k * shift) % len(palette)] if palette else ()
        sub = Layer(layer.x, layer.y, layer.w, layer.h, rotated, layer.texts, layer.font)
        for child in children:
            if isinstance(child, dict):
                _draw_shape(surface, {**child, "at": at + (child.get("at", 0) if _num(child.get("at")) else 0)}, sub)


def _draw_text(surface: pygame.Surface, shape: Mapping[str, Any], layer: Layer, X, W, Y) -> None:
    """``{"text": "meeting", "box": [x, y, w, h], "fill": ink}``: a named text of the scenario
    (the meeting's name), as large as fits the box on one line, shortened if it must; centred,
    or from the box's left with ``"align": "left"``. Left out where it would be too small to read."""
    name, box = shape["text"], shape.get("box")
    text = layer.texts.get(str(name), "")
    if not text or layer.font is None or not _nums(box, 4):
        return
    ink = _fill(shape, "fill", layer) or (255, 255, 255, 255)
    rect = pygame.Rect(int(X(box[0])), int(Y(box[1])), int(W(box[2])), int(box[3] * layer.h))
    size = max(6, int(rect.h * 0.62))
    bold = bool(shape.get("bold", True))
    font = layer.font(size, bold)
    wide = font.size(text)[0]
    if wide > rect.w:  # one smaller font that fits (the text is shortened below if it still doesn't)
        size = max(8, int(size * rect.w / wide))
        font = layer.font(size, bold)
    if size < MIN_TEXT_PX * SUPERSAMPLE:  # a room drawn small: a text too small to read is left out
        return
    shown = text
    while len(shown) > 1 and font.size(shown)[0] > rect.w:
        shown = shown[:-2].rstrip() + "…"
    img = font.render(shown, True, ink[:3])
    if ink[3] < 255:
        img.set_alpha(ink[3])
    x = rect.x if shape.get("align") == "left" else rect.centerx - img.get_width() // 2
    surface.blit(img, (x, rect.centery - img.get_height() // 2))


def placed(shapes: Sequence[Mapping[str, Any]], at: float) -> list[Mapping[str, Any]]:
    """``shapes`` anchored at ``at`` (a fraction of the width): x in units of the layer's height from there."""
    out = []
    for shape in shapes:
        own = shape.get("at", 0)
        out.append({**shape, "at": at + (own if _num(own) else 0)})
    return out


Font = Callable[[int, bool], pygame.font.Font]  # (pixel size, bold) -> a font


def render_layer(shapes: Sequence[Mapping[str, Any]], size: tuple[int, int], base: Optional[Colour],
                 texts: Optional[Mapping[str, str]] = None, font: Optional[Font] = None, where: str = "stage",
                 origin: int = 0, span: Optional[int] = None) -> pygame.Surface:
    """One layer at ``size``, drawn large and scaled down; clear where nothing is drawn (no ``base``).

    The shapes' y = 0 lies ``origin`` px from the top and y = 1 ``span`` px below that (by
    default the whole height): the front layer's surface starts above the table line."""
    w, h = max(1, size[0]), max(1, size[1])
    span = h - origin if span is None else span
    big = pygame.Surface((w * SUPERSAMPLE, h * SUPERSAMPLE), pygame.SRCALPHA)
    if base is not None:
        big.fill((*base, 255))
    layer = Layer(0, origin * SUPERSAMPLE, w * SUPERSAMPLE, max(1, span) * SUPERSAMPLE, (), texts or {}, font)
    draw_layer(big, shapes, layer, where)
    return pygame.transform.smoothscale(big, (w, h))
