"""A resident at the table: face, name, role and mood meters, drawn as one image.

Two shapes: *full* (face, name, role, a meter per mood variable) and *compact* (a
smaller face and no role) for short windows and large text.
The meeting asks ``card_height`` for each resident in both shapes and picks the one
that leaves room for what is said and the choices.

The speaker's card is tinted and outlined; after a choice, a small triangle beside a
meter shows which way it moved (green when calmer, red when not) until the next choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import pygame

from engine.scenario.model import MoodVariable, Resident

from .layout import Box, clamp, wrap_text
from .portraits import PortraitSource, draw_meter
from .theme import ACCENT, ACCENT_SOFT, CALM, CARD, INK, LINE, MUTED, UPSET
from .widgets import Fonts

DrawnText = tuple[str, Box, Box]


def calmness(var: MoodVariable, value: float) -> float:
    """Like ``MoodVariable.calmness`` but for the animated (fractional) value."""
    span = max(1, var.maximum - var.minimum)
    frac = (value - var.minimum) / span
    return max(0.0, min(1.0, frac if var.good == "high" else 1.0 - frac))


@dataclass(frozen=True)
class CardStyle:
    compact: bool
    face: int
    pad: int
    lang: str
    scale: float


def face_size(window_h: int, card_w: int, compact: bool, scale: float) -> int:
    if compact:
        return int(min(clamp(window_h * 0.07, 36, 64), card_w - 16))
    return int(min(clamp(window_h * 0.14, 56, 160), card_w - 16))


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
    pygame.draw.rect(surf, ACCENT_SOFT if speaking else CARD, surf.get_rect(), border_radius=10)
    pygame.draw.rect(surf, ACCENT if speaking else LINE, surf.get_rect(), width=2 if speaking else 1,
                     border_radius=10)
    values = [calmness(variables[k], v) for k, v in mood.items() if k in variables]
    calm = sum(values) / len(values) if values else 0.5
    face = style.face
    small = fonts.for_key("#small")
    name_font = fonts.for_key("#name")

    def text(line: str, font: pygame.font.Font, colour, x: int, y: int, limit: Box) -> None:
        img = font.render(line, True, colour)
        surf.blit(img, (x, y))
        texts.append((line, Box(box.x + x, box.y + y, img.get_width(), img.get_height()),
                      Box(box.x + limit.x, box.y + limit.y, limit.w, limit.h)))

    fx = (w - face) // 2
    surf.blit(source.render(calm, face), (fx, pad))
    if speaking:
        pygame.draw.circle(surf, ACCENT, (w // 2, pad + face // 2), face // 2 + 2, width=3)
    x, inner = pad, w - 2 * pad
    limit = Box(pad, 0, inner, h)
    y = pad + face + pad // 2
    for ln in wrap_text(r.name, inner, fonts.measure("#name")):
        img_w = name_font.size(ln)[0]
        text(ln, name_font, ACCENT if speaking else INK, (w - img_w) // 2, y, limit)
        y += fonts.line_height("#name")
    role = r.role.get(lang) if r.role.variants and not style.compact else ""
    for ln in (wrap_text(role, inner, fonts.measure("#small")) if role else []):
        img_w = small.size(ln)[0]
        text(ln, small, MUTED, (w - img_w) // 2, y, limit)
        y += fonts.line_height("#small")
    y += pad // 2

    beside, label_w, bar_h, meters_h = _meter_block(fonts, variables, lang, inner, style.scale)
    y = max(y, h - pad - meters_h)  # meters sit at the same height on every card
    lh = fonts.line_height("#small")
    for key, var in variables.items():
        value = mood.get(key, float(var.initial))
        text(var.label.get(lang), small, MUTED, x, y, limit)
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
            triangle(surf, (bar.right + 8, bar.centery), up=delta > 0, colour=CALM if better else UPSET,
                     size=max(4, bar_h))
        y = y_next
    return surf, texts


def triangle(surface: pygame.Surface, centre: tuple[int, int], up: bool, colour, size: int) -> None:
    x, y = centre
    if up:
        pts = [(x - size, y + size * 0.7), (x + size, y + size * 0.7), (x, y - size * 0.9)]
    else:
        pts = [(x - size, y - size * 0.7), (x + size, y - size * 0.7), (x, y + size * 0.9)]
    pygame.draw.polygon(surface, colour, pts)
