"""A resident at the table: face, name, role and mood meters, drawn as one image.

Three shapes, largest first (``SHAPES``): *full* (face, name, role, a labelled meter per
mood variable), *compact* (a smaller face and no role) and *row* (a small face beside
the name and slim unlabelled meters), for a decision that needs the room.
The meeting asks ``card_height`` for each resident in each shape and picks the largest
that leaves room for what is said and every option.

The speaker's card is tinted and outlined; after a choice, a small triangle beside a
meter shows which way it moved (green when calmer, red when not) until the next choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import pygame

from engine.scenario.model import MoodVariable, Resident
from simulator.window.glyphs import drawable
from simulator.window.layout import Box, wrap_text
from simulator.window.portraits import PortraitSource, draw_meter
from simulator.window.theme import palette
from simulator.window.widgets import Fonts

DrawnText = tuple[str, Box, Box]


def calmness(var: MoodVariable, value: float) -> float:
    """Like ``MoodVariable.calmness`` but for the animated (fractional) value."""
    span = max(1, var.maximum - var.minimum)
    frac = (value - var.minimum) / span
    return max(0.0, min(1.0, frac if var.good == "high" else 1.0 - frac))


SHAPES = ("full", "compact", "row")


@dataclass(frozen=True)
class CardStyle:
    shape: str  # one of SHAPES
    face: int
    pad: int
    lang: str
    scale: float

    @property
    def compact(self) -> bool:
        return self.shape != "full"


def _row_bar_h(scale: float) -> int:
    return max(4, int(5 * scale))


def _meter_labels(variables: Mapping[str, MoodVariable], lang: str) -> list[str]:
    return [v.label.get(lang) for v in variables.values()]


def _meter_block(fonts: Fonts, variables: Mapping[str, MoodVariable], lang: str, width: int,
                 scale: float) -> tuple[bool, int, int, int]:
    """(label beside the bar?, label width, bar height, total height)."""
    labels = _meter_labels(variables, lang)
    label_w = max((fonts.text_width("#small", t) for t in labels), default=0)
    bar_h = max(6, int(7 * scale))
    beside = label_w + 8 + 48 + 14 <= width
    lh = fonts.line_height("#small")
    row = lh if beside else lh + bar_h + 2
    n = len(variables)
    return beside, label_w, bar_h, n * row + max(0, n - 1) * 2


def card_height(fonts: Fonts, r: Resident, variables: Mapping[str, MoodVariable], width: int,
                style: CardStyle) -> int:
    pad, lang = style.pad, style.lang
    if style.shape == "row":
        bars = len(variables) * (_row_bar_h(style.scale) + 3)
        return 2 * (pad // 2) + max(style.face, fonts.line_height("#name") + bars)
    inner = width - 2 * pad
    names = wrap_text(r.name, inner, fonts.measure("#name"))
    role = r.role.get(lang) if r.role.variants and not style.compact else ""
    roles = wrap_text(role, inner, fonts.measure("#small")) if role else []
    meters = _meter_block(fonts, variables, lang, inner, style.scale)[3]
    return (pad + style.face + pad // 2 + len(names) * fonts.line_height("#name")
            + len(roles) * fonts.line_height("#small") + pad // 2 + meters + pad)


def draw_card(fonts: Fonts, source: PortraitSource, r: Resident, variables: Mapping[str, MoodVariable],
              mood: Mapping[str, float], deltas: Mapping[str, int], box: Box, speaking: bool,
              style: CardStyle) -> tuple[pygame.Surface, list[DrawnText]]:
    """The card image and the texts drawn on it (in window coordinates, for the screen tests)."""
    w, h = box.w, box.h
    pad, lang = style.pad, style.lang
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    texts: list[DrawnText] = []
    pal = palette()
    pygame.draw.rect(surf, pal.accent_soft if speaking else pal.card, surf.get_rect(), border_radius=10)
    pygame.draw.rect(surf, pal.accent if speaking else pal.line, surf.get_rect(), width=2 if speaking else 1,
                     border_radius=10)
    values = [calmness(variables[k], v) for k, v in mood.items() if k in variables]
    calm = sum(values) / len(values) if values else 0.5
    face = style.face
    small = fonts.for_key("#small")
    name_font = fonts.for_key("#name")

    def text(line: str, font: pygame.font.Font, colour, x: int, y: int, limit: Box) -> None:
        line = drawable(line)
        img = font.render(line, True, colour)
        surf.blit(img, (x, y))
        texts.append((line, Box(box.x + x, box.y + y, img.get_width(), img.get_height()),
                      Box(box.x + limit.x, box.y + limit.y, limit.w, limit.h)))

    if style.shape == "row":
        _draw_row(surf, fonts, source, r, variables, mood, deltas, style, speaking, calm, text)
        return surf, texts
    fx = (w - face) // 2
    surf.blit(source.render(calm, face), (fx, pad))
    if speaking:
        pygame.draw.circle(surf, palette().accent, (w // 2, pad + face // 2), face // 2 + 2, width=3)
    x, inner = pad, w - 2 * pad
    limit = Box(pad, 0, inner, h)
    y = pad + face + pad // 2
    for ln in wrap_text(r.name, inner, fonts.measure("#name")):
        img_w = name_font.size(ln)[0]
        text(ln, name_font, palette().accent if speaking else palette().ink, (w - img_w) // 2, y, limit)
        y += fonts.line_height("#name")
    role = r.role.get(lang) if r.role.variants and not style.compact else ""
    for ln in (wrap_text(role, inner, fonts.measure("#small")) if role else []):
        img_w = small.size(ln)[0]
        text(ln, small, palette().muted, (w - img_w) // 2, y, limit)
        y += fonts.line_height("#small")
    y += pad // 2

    beside, label_w, bar_h, meters_h = _meter_block(fonts, variables, lang, inner, style.scale)
    y = max(y, h - pad - meters_h)  # meters sit at the same height on every card
    lh = fonts.line_height("#small")
    for key, var in variables.items():
        value = mood.get(key, float(var.initial))
        text(var.label.get(lang), small, palette().muted, x, y, limit)
        if beside:
            bar = pygame.Rect(x + label_w + 8, y + (lh - bar_h) // 2, inner - label_w - 8 - 14, bar_h)
            y_next = y + lh + 2
        else:
            bar = pygame.Rect(x, y + lh, inner - 14, bar_h)
            y_next = y + lh + bar_h + 4
        span = max(1, var.maximum - var.minimum)
        draw_meter(surf, bar, (value - var.minimum) / span, calmness(var, value))
        delta = deltas.get(key, 0)
        if delta:
            better = (delta > 0) == (var.good == "high")
            triangle(surf, (bar.right + 8, bar.centery), up=delta > 0, colour=mood_colour(better),
                     size=max(4, bar_h))
        y = y_next
    return surf, texts


def mood_colour(better: bool) -> tuple[int, int, int]:
    """The triangle beside a meter: green up or down for the better, red for the worse (its direction says which
    way the value went, so the colour is never the only sign)."""
    return palette().calm if better else palette().upset


def _draw_row(surf: pygame.Surface, fonts: Fonts, source: PortraitSource, r: Resident,
              variables: Mapping[str, MoodVariable], mood: Mapping[str, float], deltas: Mapping[str, int],
              style: CardStyle, speaking: bool, calm: float, text) -> None:
    """The row shape: the face on the left, the name and slim meters beside it."""
    w, h = surf.get_size()
    pad, face = style.pad // 2, style.face
    fy = (h - face) // 2
    surf.blit(source.render(calm, face), (pad, fy))
    if speaking:
        pygame.draw.circle(surf, palette().accent, (pad + face // 2, fy + face // 2), face // 2 + 1, width=2)
    x = pad + face + pad
    inner = max(20, w - x - pad)
    name_font = fonts.for_key("#name")
    bar_h = _row_bar_h(style.scale)
    block = fonts.line_height("#name") + len(variables) * (bar_h + 3)
    y = (h - block) // 2
    name = r.name
    while name and name_font.size(name)[0] > inner:  # one line: the name shortened, never spilling
        name = name[:-1]
    if name != r.name and len(name) > 1:
        name = name[:-1] + "…"
    text(name, name_font, palette().accent if speaking else palette().ink, x, y, Box(x, 0, inner, h))
    y += fonts.line_height("#name")
    arrow = max(3, bar_h - 1)
    for key, var in variables.items():
        value = mood.get(key, float(var.initial))
        bar = pygame.Rect(x, y + 1, max(10, inner - 3 * arrow), bar_h)
        span = max(1, var.maximum - var.minimum)
        draw_meter(surf, bar, (value - var.minimum) / span, calmness(var, value))
        delta = deltas.get(key, 0)
        if delta:
            better = (delta > 0) == (var.good == "high")
            triangle(surf, (bar.right + arrow + 2, bar.centery), up=delta > 0, colour=mood_colour(better),
                     size=arrow)
        y += bar_h + 3


def triangle(surface: pygame.Surface, centre: tuple[int, int], up: bool, colour, size: int) -> None:
    x, y = centre
    if up:
        pts = [(x - size, y + size * 0.7), (x + size, y + size * 0.7), (x, y - size * 0.9)]
    else:
        pts = [(x - size, y - size * 0.7), (x + size, y - size * 0.7), (x, y + size * 0.9)]
    pygame.draw.polygon(surface, colour, pts)
