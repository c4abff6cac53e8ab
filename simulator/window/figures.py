"""Residents drawn in code: a head with seven expressions on a half-body figure.

One drawing serves two uses. ``draw_figure`` makes the half-body portrait that sits on
the meeting's stage (head, neck, shoulders and chest, with its clothing's collar);
``portraits.draw_face`` puts the same head and shoulders in the round badge of the
mandate card. Both read a ``FaceSpec`` (skin, hair colour and style, clothing, collar,
accent colour, glasses, beard) and a ``Pose`` from ``expressions``.

Coordinates are in *units*: 1 % of the figure's width. A figure is 100 units wide and
``FIGURE_ASPECT`` x 100 tall; the head's centre sits at (50, 42), the shoulders at 76.
Everything is drawn ``SUPERSAMPLE`` times larger and scaled down, which antialiases
the edges pygame draws hard.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from simulator.window.expressions import Pose

Colour = tuple[int, int, int]

FIGURE_ASPECT = 1.25  # height / width of a half-body figure
SUPERSAMPLE = 2
HEAD_Y = 42.0
SHOULDER_Y = 76.0
COLLARS = ("crew", "vee", "shirt", "jacket", "hoodie", "turtleneck", "blouse", "scarf")
LIP = (126, 58, 54)
MOUTH_INSIDE = (92, 36, 38)
TEETH = (248, 246, 240)
EYE_WHITE = (250, 248, 244)
PUPIL = (44, 36, 34)


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
    collar: str = "crew"  # one of COLLARS: what the clothing looks like at the neck
    accent: Colour = (240, 238, 230)  # the shirt under a jacket, a collar, a scarf, a hoodie's strings


def mix(a: Colour, b: Colour, t: float) -> Colour:
    t = max(0.0, min(1.0, t))
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


def darker(c: Colour, f: float = 0.75) -> Colour:
    return (int(c[0] * f), int(c[1] * f), int(c[2] * f))


def bezier(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float],
           n: int = 16) -> list[tuple[float, float]]:
    pts = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]
        pts.append((x, y))
    return pts


def thick_curve(surface: pygame.Surface, colour, pts: list[tuple[float, float]], radius: float) -> None:
    """A curve with round ends and joints (pygame's wide lines have ragged joints)."""
    for a, b in zip(pts, pts[1:]):
        pygame.draw.line(surface, colour, a, b, max(1, int(radius * 2)))
    for p in pts:
        pygame.draw.circle(surface, colour, p, radius)


def _rect(x: float, y: float, w: float, h: float) -> pygame.Rect:
    return pygame.Rect(int(round(x)), int(round(y)), max(1, int(round(w))), max(1, int(round(h))))


def _brow_colour(spec: FaceSpec) -> Colour:
    """Brows a shade darker than the hair; light (grey, white) hair still gets visible brows."""
    hair = spec.hair
    if sum(hair) > 480:
        return mix(hair, (90, 84, 78), 0.55)
    return darker(hair, 0.7)


# -- the body ---------------------------------------------------------------------------
def draw_body(big: pygame.Surface, spec: FaceSpec, pose: Pose, cx: float, head_y: float, shoulder_y: float,
              u: float, bottom: float) -> None:
    """Neck, shoulders and chest with the collar of their clothing, down to ``bottom``."""
    sy = shoulder_y - pose.shoulders * 2.5 * u
    skin_shade = darker(spec.skin, 0.9)
    cloth = spec.clothing
    cloth_shade = darker(cloth, 0.86)
    accent = spec.accent
    collar = spec.collar
    neck_top = head_y + 10 * u
    if collar == "hoodie":  # the hood lies behind the neck
        pygame.draw.ellipse(big, darker(cloth, 0.78), _rect(cx - 17 * u, sy - 9 * u, 34 * u, 18 * u))
    pygame.draw.rect(big, skin_shade, _rect(cx - 7 * u, neck_top, 14 * u, sy + 8 * u - neck_top),
                     border_radius=int(4 * u))
    torso = _rect(cx - 40 * u, sy, 80 * u, bottom - sy + 30 * u)
    pygame.draw.rect(big, cloth, torso, border_radius=int(22 * u))
    # The arms hang along the sides: a darker band each, a seam where they meet the chest.
    for side in (-1, 1):
        arm = _rect(cx + side * 34.5 * u - 6 * u, sy + 9 * u, 12 * u, bottom - sy)
        pygame.draw.rect(big, cloth_shade, arm, border_radius=int(6 * u))
        x = cx + side * 28.5 * u
        pygame.draw.line(big, darker(cloth, 0.8), (x, sy + 14 * u), (x + side * 1.5 * u, bottom),
                         max(1, int(0.6 * u)))
    if collar == "crew":
        pygame.draw.ellipse(big, skin_shade, _rect(cx - 9 * u, sy - 5 * u, 18 * u, 11 * u))
        pts = bezier((cx - 9.5 * u, sy), (cx, sy + 13 * u), (cx + 9.5 * u, sy), 14)
        thick_curve(big, cloth_shade, pts, 0.9 * u)
    elif collar == "vee":
        pygame.draw.polygon(big, skin_shade, [(cx - 9 * u, sy - 1 * u), (cx, sy + 13 * u), (cx + 9 * u, sy - 1 * u)])
        for side in (-1, 1):
            pygame.draw.line(big, cloth_shade, (cx + side * 9.5 * u, sy - 1 * u), (cx, sy + 14 * u), max(1, int(u)))
    elif collar in ("shirt", "blouse"):
        pygame.draw.polygon(big, skin_shade, [(cx - 7 * u, sy - 1 * u), (cx, sy + 9 * u), (cx + 7 * u, sy - 1 * u)])
        for side in (-1, 1):
            if collar == "shirt":
                pts = [(cx + side * 8 * u, sy - 3 * u), (cx + side * 0.5 * u, sy + 9 * u),
                       (cx + side * 11.5 * u, sy + 6 * u)]
                pygame.draw.polygon(big, accent, pts)
                pygame.draw.polygon(big, darker(accent, 0.85), pts, max(1, int(0.5 * u)))
            else:
                pygame.draw.ellipse(big, accent, _rect(cx + (side - 1) * 6 * u + (3 * u if side < 0 else 0),
                                                       sy - 1 * u, 9 * u, 7 * u))
        if collar == "shirt":
            for i in range(3):
                pygame.draw.circle(big, darker(cloth, 0.7), (cx, sy + (14 + i * 8) * u), 0.9 * u)
    elif collar == "jacket":
        pygame.draw.polygon(big, accent, [(cx - 11 * u, sy - 1 * u), (cx, sy + 26 * u), (cx + 11 * u, sy - 1 * u)])
        pygame.draw.polygon(big, skin_shade, [(cx - 6 * u, sy - 1 * u), (cx, sy + 8 * u), (cx + 6 * u, sy - 1 * u)])
        for side in (-1, 1):
            lapel = [(cx + side * 11 * u, sy - 1 * u), (cx + side * 1 * u, sy + 27 * u),
                     (cx + side * 9 * u, sy + 28 * u), (cx + side * 18 * u, sy + 7 * u)]
            pygame.draw.polygon(big, cloth_shade, lapel)
            pygame.draw.polygon(big, darker(cloth, 0.7), lapel, max(1, int(0.5 * u)))
    elif collar == "hoodie":
        pygame.draw.ellipse(big, skin_shade, _rect(cx - 8 * u, sy - 5 * u, 16 * u, 10 * u))
        pts = bezier((cx - 14 * u, sy - 2 * u), (cx, sy + 12 * u), (cx + 14 * u, sy - 2 * u), 14)
        thick_curve(big, darker(cloth, 0.72), pts, 1.4 * u)
        for side in (-1, 1):
            x = cx + side * 5 * u
            pygame.draw.line(big, accent, (x, sy + 4 * u), (x + side * 0.8 * u, sy + 20 * u), max(1, int(1.1 * u)))
            pygame.draw.circle(big, accent, (x + side * 0.8 * u, sy + 20.5 * u), 1.3 * u)
    elif collar == "turtleneck":
        tube = _rect(cx - 8.5 * u, head_y + 16 * u, 17 * u, sy + 6 * u - head_y - 16 * u)
        pygame.draw.rect(big, cloth_shade, tube, border_radius=int(3 * u))
        for k in range(3):
            y = tube.y + (k + 1) * tube.h / 4
            pygame.draw.line(big, darker(cloth, 0.74), (tube.x + 1 * u, y), (tube.right - 1 * u, y),
                             max(1, int(0.5 * u)))
    elif collar == "scarf":
        pygame.draw.polygon(big, skin_shade, [(cx - 7 * u, sy - 1 * u), (cx, sy + 8 * u), (cx + 7 * u, sy - 1 * u)])
        pygame.draw.ellipse(big, accent, _rect(cx - 13 * u, sy - 5 * u, 26 * u, 12 * u))
        tail = _rect(cx + 3 * u, sy + 3 * u, 8 * u, 26 * u)
        pygame.draw.rect(big, darker(accent, 0.9), tail, border_radius=int(2 * u))
        for k in range(3):
            y = tail.y + (k + 1) * tail.h / 4
            pygame.draw.line(big, darker(accent, 0.75), (tail.x, y), (tail.right, y), max(1, int(0.5 * u)))


# -- the head ---------------------------------------------------------------------------
def draw_hair_behind(big: pygame.Surface, spec: FaceSpec, pose: Pose, cx: float, cy: float, u: float) -> None:
    """Long hair and a bob fall behind the shoulders: drawn before the body."""
    cx += pose.head_dx * u
    cy += pose.head_dy * u
    top = cy - 25 * u
    hair_dark = darker(spec.hair, 0.85)
    if spec.hair_style in ("long", "bob"):
        long = spec.hair_style == "long"
        pygame.draw.ellipse(big, hair_dark, _rect(cx - 26 * u, top + 1 * u, 52 * u, (62 if long else 46) * u))
        if long:
            pygame.draw.rect(big, hair_dark, _rect(cx - 26 * u, cy, 52 * u, 38 * u), border_radius=int(10 * u))


def draw_head(big: pygame.Surface, spec: FaceSpec, pose: Pose, cx: float, cy: float, u: float,
              behind_done: bool = False) -> None:
    """Hair, head and the face in ``pose``, the head 42 x 50 units around (cx, cy). The hair that
    falls behind the shoulders is drawn here too unless ``behind_done`` (``draw_hair_behind``)."""
    cx += pose.head_dx * u
    cy += pose.head_dy * u
    head = _rect(cx - 21 * u, cy - 25 * u, 42 * u, 50 * u)
    top = head.top
    style = spec.hair_style
    hair_dark = darker(spec.hair, 0.85)
    if style in ("long", "bob") and not behind_done:
        draw_hair_behind(big, spec, pose, cx - pose.head_dx * u, cy - pose.head_dy * u, u)
    if style == "bun":
        pygame.draw.circle(big, hair_dark, (cx, top - 1 * u), 10 * u)
    if style == "curly":
        for ang in range(0, 360, 30):
            r = math.radians(ang)
            pygame.draw.circle(big, hair_dark, (cx + math.cos(r) * 22 * u, cy - 8 * u + math.sin(r) * 18 * u), 9 * u)

    for side in (-1, 1):
        pygame.draw.ellipse(big, darker(spec.skin, 0.95), _rect(cx + side * 20 * u - 4 * u, cy - 2 * u, 8 * u, 11 * u))
    pygame.draw.ellipse(big, spec.skin, head)
    # A soft shade down one side of the face: it reads as round, not flat.
    shade = pygame.Surface(head.size, pygame.SRCALPHA)
    pygame.draw.ellipse(shade, (*darker(spec.skin, 0.8), 34), shade.get_rect())
    pygame.draw.ellipse(shade, (0, 0, 0, 0), _rect(-3 * u, -1 * u, 41 * u, 52 * u))
    big.blit(shade, head.topleft)

    if style in ("short", "side_part", "bob", "long", "bun", "curly"):
        pygame.draw.ellipse(big, spec.hair, _rect(cx - 21 * u, top - 3 * u, 42 * u, 26 * u))
        pygame.draw.ellipse(big, spec.skin, _rect(cx - 17 * u, top + 11 * u, 34 * u, 22 * u))
        if style == "side_part":
            pygame.draw.polygon(big, spec.hair, [(cx - 18 * u, top + 8 * u), (cx + 12 * u, top + 2 * u),
                                                 (cx - 4 * u, top + 16 * u)])
        if style in ("bob", "long"):
            for side in (-1, 1):
                pygame.draw.ellipse(big, spec.hair, _rect(cx + side * 17 * u - 6 * u, top + 6 * u, 12 * u, 30 * u))
        if style == "curly":
            for i in range(5):
                pygame.draw.circle(big, spec.hair, (cx - 16 * u + i * 8 * u, top + 4 * u), 6 * u)
    elif style == "buzz":
        pygame.draw.ellipse(big, mix(spec.hair, spec.skin, 0.45), _rect(cx - 20 * u, top - 1 * u, 40 * u, 20 * u))
        pygame.draw.ellipse(big, spec.skin, _rect(cx - 17 * u, top + 8 * u, 34 * u, 20 * u))
    elif style == "bald":
        for side in (-1, 1):
            pygame.draw.ellipse(big, mix(spec.hair, spec.skin, 0.2),
                                _rect(cx + side * 18.5 * u - 3 * u, cy - 11 * u, 6 * u, 12 * u))
    draw_features(big, spec, pose, cx, cy, u)


def draw_features(big: pygame.Surface, spec: FaceSpec, pose: Pose, cx: float, cy: float, u: float) -> None:
    eye_y = cy + 2 * u
    skin_line = darker(spec.skin, 0.82)
    if pose.flush > 0.02 or pose.blush > 0.02:
        cheek = pygame.Surface(_rect(0, 0, 10 * u, 6 * u).size, pygame.SRCALPHA)
        if pose.flush > 0.02:
            pygame.draw.ellipse(cheek, (214, 80, 70, int(150 * min(1.0, pose.flush))), cheek.get_rect())
        if pose.blush > 0.02:
            pygame.draw.ellipse(cheek, (236, 128, 118, int(90 * min(1.0, pose.blush))), cheek.get_rect())
        for side in (-1, 1):
            big.blit(cheek, _rect(cx + side * 11 * u - 5 * u, cy + 8.5 * u, 1, 1).topleft)
    if pose.creases > 0.05:  # forehead lines of worry
        box = _rect(cx - 7 * u, cy - 18 * u, 14 * u, 7 * u)
        lines = pygame.Surface(box.size, pygame.SRCALPHA)
        colour = (*darker(spec.skin, 0.8), int(200 * min(1.0, pose.creases)))
        for k, y in enumerate((2 * u, 4.8 * u)):
            half, mid = (5.5 - k) * u, box.w / 2
            thick_curve(lines, colour, bezier((mid - half, y + 0.6 * u), (mid, y - 0.8 * u), (mid + half, y + 0.6 * u),
                                              8), 0.35 * u)
        big.blit(lines, box.topleft)
    if pose.brow_inner > 0.45:  # the frown between the brows
        for side in (-1, 1):
            x = cx + side * 1.3 * u
            pygame.draw.line(big, skin_line, (x, eye_y - 6.8 * u), (x - side * 0.4 * u, eye_y - 3.6 * u),
                             max(1, int(0.6 * u)))

    # Eyes: whites, pupils where they look, upper lids, a lash line; closed arcs when nearly shut.
    ew = 6.6 * u
    for side in (-1, 1):
        ex = cx + side * 8.5 * u
        if pose.eye_open < 0.3:
            depth = (0.3 - pose.eye_open) / 0.3 * 2.2 * u + 0.4 * u
            thick_curve(big, PUPIL, bezier((ex - ew / 2, eye_y - 0.3 * u), (ex, eye_y + depth * 2),
                                           (ex + ew / 2, eye_y - 0.3 * u), 10), 0.75 * u)
            continue
        eh = 5.8 * u * min(1.2, pose.eye_open)
        pygame.draw.ellipse(big, EYE_WHITE, _rect(ex - ew / 2, eye_y - eh / 2, ew, eh))
        r = max(0.8 * u, min(2.2 * u, eh / 2 - 0.1 * u))
        px = ex + pose.look_x * (ew / 2 - r) * 0.9
        py = eye_y + pose.look_y * max(0.0, eh / 2 - r) * 0.9
        pygame.draw.circle(big, PUPIL, (px, py), r)
        pygame.draw.circle(big, EYE_WHITE, (px - r * 0.35, py - r * 0.35), max(1.0, r * 0.28))
        lid_top = eye_y - eh / 2 - 0.6 * u
        lid_edge = eye_y - eh / 2 + eh * max(0.0, min(0.9, pose.lids))
        if pose.lids > 0.02:
            pygame.draw.rect(big, spec.skin, _rect(ex - ew / 2 - 0.5 * u, lid_top, ew + 1 * u, lid_edge - lid_top))
        ctrl_y = 2 * (lid_edge - 0.15 * eh * (1 - pose.lids)) - eye_y
        lash = bezier((ex - ew / 2 - 0.3 * u, eye_y), (ex, ctrl_y), (ex + ew / 2 + 0.3 * u, eye_y), 12)
        thick_curve(big, PUPIL, lash, 0.55 * u)

    # Brows.
    brow = _brow_colour(spec)
    for side in (-1, 1):
        lift = pose.brow_raise * 2.5 * u + (pose.brow_skew * 3.0 * u if side > 0 else -pose.brow_skew * 0.6 * u)
        outer = (cx + side * 13.5 * u, eye_y - 7.0 * u - lift)
        inner = (cx + side * 4.0 * u, eye_y - 7.5 * u - lift + pose.brow_inner * 3.0 * u)
        arch = 1.6 * u * (1.0 - 0.6 * max(0.0, pose.brow_inner))
        mid = ((outer[0] + inner[0]) / 2, (outer[1] + inner[1]) / 2 - arch)
        thick_curve(big, brow, bezier(outer, mid, inner, 10), 1.3 * u)
    if spec.glasses:
        frame = (60, 60, 66)
        for side in (-1, 1):
            pygame.draw.circle(big, frame, (cx + side * 8.5 * u, eye_y), 6.2 * u, max(1, int(1.3 * u)))
        pygame.draw.line(big, frame, (cx - 2.3 * u, eye_y), (cx + 2.3 * u, eye_y), max(1, int(1.3 * u)))

    thick_curve(big, skin_line, bezier((cx + 0.5 * u, eye_y + 3 * u), (cx - 2.5 * u, eye_y + 9 * u),
                                       (cx + 1.5 * u, eye_y + 10 * u), 8), 0.8 * u)
    if spec.beard:
        pygame.draw.ellipse(big, mix(spec.hair, spec.skin, 0.4), _rect(cx - 16 * u, cy + 10 * u, 32 * u, 17 * u))
        pygame.draw.ellipse(big, mix(spec.hair, spec.skin, 0.75), _rect(cx - 9.5 * u, cy + 12.5 * u, 19 * u, 7.5 * u))
    draw_mouth(big, pose, cx, cy + 16 * u, u)


def draw_mouth(big: pygame.Surface, pose: Pose, cx: float, my: float, u: float) -> None:
    curve = max(-1.0, min(1.0, pose.mouth_curve))
    half = (7 + 2 * max(0.0, curve)) * u * pose.mouth_width
    bend = curve * 4.5 * u
    left = (cx - half, my - bend * 0.25 + pose.mouth_skew * 0.6 * u)
    right = (cx + half, my - bend * 0.25 - pose.mouth_skew * 2.6 * u)
    upper = bezier(left, (cx, my + bend - pose.mouth_skew * 0.8 * u), right, 20)
    if pose.mouth_open > 0.05:
        gap = pose.mouth_open * 7 * u
        lower = bezier(left, (cx, my + bend + gap), right, 20)
        pygame.draw.polygon(big, MOUTH_INSIDE, upper + lower[::-1])
        teeth_h = min(gap * 0.45, 2.2 * u)
        teeth = [(x, y + teeth_h * math.sin(math.pi * i / 20)) for i, (x, y) in enumerate(upper)]
        pygame.draw.polygon(big, TEETH, upper + teeth[::-1])
        thick_curve(big, LIP, lower, 0.7 * u)
        thick_curve(big, LIP, upper, 0.7 * u)
    else:
        thick_curve(big, LIP, upper, 1.1 * u)


# -- whole figures ----------------------------------------------------------------------
def figure_size(width: int) -> tuple[int, int]:
    return max(8, int(width)), max(10, int(round(width * FIGURE_ASPECT)))


def draw_figure(spec: FaceSpec, pose: Pose, width: int) -> pygame.Surface:
    """A half-body portrait ``width`` px wide (``FIGURE_ASPECT`` times as tall), on a clear background."""
    w, h = figure_size(width)
    big = pygame.Surface((w * SUPERSAMPLE, h * SUPERSAMPLE), pygame.SRCALPHA)
    u = w * SUPERSAMPLE / 100.0
    cx = 50 * u
    bottom = h * SUPERSAMPLE
    if spec.placeholder:
        draw_silhouette(big, spec.skin, cx, HEAD_Y * u, SHOULDER_Y * u, u, bottom)
    else:
        draw_hair_behind(big, spec, pose, cx, HEAD_Y * u, u)
        draw_body(big, spec, pose, cx, HEAD_Y * u, SHOULDER_Y * u, u, bottom)
        draw_head(big, spec, pose, cx, HEAD_Y * u, u, behind_done=True)
    return pygame.transform.smoothscale(big, (w, h))


def draw_silhouette(big: pygame.Surface, colour: Colour, cx: float, head_y: float, shoulder_y: float, u: float,
                    bottom: float) -> None:
    """A plain head and shoulders: the placeholder, and the empty chair's ghost."""
    pygame.draw.rect(big, colour, _rect(cx - 38 * u, shoulder_y, 76 * u, bottom - shoulder_y + 30 * u),
                     border_radius=int(22 * u))
    pygame.draw.rect(big, colour, _rect(cx - 7 * u, head_y + 10 * u, 14 * u, shoulder_y - head_y))
    pygame.draw.ellipse(big, colour, _rect(cx - 20 * u, head_y - 24 * u, 40 * u, 48 * u))
