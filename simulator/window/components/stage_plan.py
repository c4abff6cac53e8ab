"""Where the residents go on the meeting's stage: a pure function over sizes.

The stage has a *frame* (the room behind the residents, standing on the table line),
a *band* (the table's edge, a desk or a toolbar, from the table line to the bottom of
the room) and one *spot* per resident: the figure, and the name plate with the mood
meters on the band below it. Residents stand side by side, centred, never wider apart
than they need; the figure's size comes from the shape the meeting could give them
(``SHAPES``), so it stays the same from line to line while the room above them grows
and shrinks with what the line box and the options need.

``layout`` (from the stage file) changes what a spot holds: ``table`` (the figure
behind the table), ``phones`` (the figure on a phone's screen) or ``tiles`` (the figure
in a video tile). In the ``strip`` shape, for a decision that needs nearly all the
room, a small figure sits beside its plate instead of above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from simulator.window.layout import Box

SHAPES = ("large", "medium", "strip")
# The figure's height above the table line, as a share of the window's height, per shape.
VISIBLE = {"large": 0.28, "medium": 0.2, "small": 0.13, "strip": 0.075}
MIN_VISIBLE = 34  # px: below this a figure is no face any more
MOST_VISIBLE = 0.36  # of the window's height: figures never grow taller than this in a roomy stage
STEP = 6  # px: figure heights are rounded down to this
OVERLAP = 0.45  # of a plate's height that stands in front of the figure (not at a phone)
HEADROOM = 0.07  # of the figure's visible height, free above the tallest hair
TOP_FRACTION = 0.1  # where the figures' heads reach in the frame (a fraction of its height)
CUT = 1.12  # where the table line cuts a figure, in figure widths from its top (112 units, mid-chest)
PHONE_ASPECT = 0.62  # a phone's width over its height
TILE_ASPECT = 1.45  # a video tile's width over its height, at most
STRIP_TILE_ASPECT = 1.2  # a video tile's width over its height in the strip shape


@dataclass(frozen=True)
class Spot:
    rid: str
    figure: Box  # the figure image's whole box (it may reach below the table line, behind the band)
    plate: Box  # the name plate with the meters
    screen: Optional[Box] = None  # phones: the phone; tiles: the tile (the figure is clipped to it)

    @property
    def visible(self) -> Box:
        """What a trainee sees of this resident: the figure above the plate, and the plate."""
        top = min(self.figure.y if self.screen is None else self.screen.y, self.plate.y)
        left = min(self.plate.x, self.figure.x if self.screen is None else self.screen.x)
        right = max(self.plate.right, self.figure.right if self.screen is None else self.screen.right)
        return Box(left, top, right - left, self.plate.bottom - top)


@dataclass(frozen=True)
class StagePlan:
    room: Box
    frame: Box  # the back picture (may reach above the room: what doesn't fit is cut off)
    band: Box  # the front layer, table line to the room's bottom
    visible: int  # the figure's height above the table line
    spots: tuple[Spot, ...]
    shape: str
    layout: str


def visible_height(shape: str, window_h: int, room_w: int, n: int, layout: str, plate_min_w: int,
                   share: Optional[float] = None) -> int:
    """The figures' height above the table for this shape (or ``share`` of the window's height), as
    far as the width allows."""
    v = (VISIBLE[shape] if share is None else share) * window_h
    slot = room_w / max(1, n)
    if shape == "strip":
        v = min(v, (slot - plate_min_w) * 0.9 / screen_aspect(layout))
    elif layout == "phones":
        v = min(v, slot * 0.92 / PHONE_ASPECT)
    else:
        v = min(v, slot * 0.92)
    return max(MIN_VISIBLE, int(v))


def screen_aspect(layout: str) -> float:
    """In the ``strip`` shape, a spot's picture width over its height: a figure, a phone or a tile."""
    return {"phones": PHONE_ASPECT, "tiles": STRIP_TILE_ASPECT}.get(layout, 1.0)


def band_height(plate_h: int, pad: int, shape: str, layout: str = "table") -> int:
    """The front layer's height. At a table and in a video tile the plate stands up in front of
    the figure's chest (like a name card, like a caption), so only part of it takes room below."""
    if shape == "strip":
        return pad
    if layout == "phones":
        return plate_h + 2 * pad
    return int(plate_h * (1 - OVERLAP)) + pad


def stage_height(shape: str, visible: int, plate_h: int, pad: int, layout: str = "table") -> int:
    """The room a shape needs: headroom, the figures above the table, the band with the plates."""
    if shape == "strip":
        return max(visible, plate_h) + 2 * pad
    return int(visible * (1 + HEADROOM)) + band_height(plate_h, pad, shape, layout)


def fitted_height(shape: str, visible: int, room: Box, plate_h: int, pad: int, most: int,
                  layout: str = "table") -> int:
    """The figures' height in the room they got: at least the shape's, as much as the room holds up
    to ``most`` (the width's and the window's limit), in steps of a few pixels so that a room a
    little taller or shorter doesn't draw every figure again."""
    if shape == "strip":
        fit = room.h - 2 * pad
    else:
        fit = (room.h - band_height(plate_h, pad, shape, layout)) / (1 + HEADROOM)
    v = int(min(fit, most))
    v -= v % STEP
    return max(visible, v)


def plan_stage(room: Box, layout: str, shape: str, rids: tuple[str, ...], visible: int, plate_h: int,
               plate_w: int, pad: int, table_top: float) -> StagePlan:
    """Every resident's spot in ``room``; ``plate_w`` is what a plate needs at least."""
    n = max(1, len(rids))
    strip = shape == "strip"
    band_h = min(band_height(plate_h, pad, shape, layout), room.h)
    table_y = room.bottom - band_h
    band = Box(room.x, table_y, room.w, room.bottom - table_y)
    # The picture keeps its proportions to the figures, and reaches the room's top at least.
    frame_h = int(max(visible / max(0.2, table_top - TOP_FRACTION), (table_y - room.y) / table_top))
    frame = Box(room.x, table_y - int(frame_h * table_top), room.w, frame_h)
    if strip:
        unit = int(visible * screen_aspect(layout)) + pad + plate_w
        slot = min(room.w / n, unit + 3 * pad)
    elif layout == "phones":
        slot = min(room.w / n, max(visible * PHONE_ASPECT * 1.5, plate_w + 2 * pad))
    elif layout == "tiles":
        slot = min(room.w / n, max(visible * TILE_ASPECT + pad, plate_w + 2 * pad))
    else:
        slot = min(room.w / n, max(visible * 1.45, plate_w + 2 * pad))
    spots = []
    for i, rid in enumerate(rids):
        cx = room.x + room.w / 2 + (i - (n - 1) / 2) * slot
        if strip:  # the picture beside the plate: a figure, or a small phone or video tile holding one
            sw = int(visible * screen_aspect(layout))
            pw = min(plate_w, int(slot - sw - 2 * pad))  # a plate never reaches into the next one's slot
            left = int(cx - (sw + pad + pw) / 2)
            plate = Box(left + sw + pad, room.bottom - pad - plate_h, pw, plate_h)
            if layout in ("phones", "tiles"):
                screen = Box(left, room.bottom - pad - visible, sw, visible)
                spots.append(Spot(rid, _on_screen(screen, layout), plate, screen))
                continue
            figure = Box(left, room.bottom - pad - int(sw * CUT), sw, int(sw * 1.25))
            spots.append(Spot(rid, figure, plate))
            continue
        pw = int(min(slot - pad, max(plate_w, visible * 1.1)))
        plate = Box(int(cx - pw / 2), room.bottom - pad - plate_h, pw, plate_h)
        if layout == "phones":
            ph = int(visible * 1.02)
            pw_ = int(ph * PHONE_ASPECT)
            screen = Box(int(cx - pw_ / 2), table_y - visible, pw_, ph)
            spots.append(Spot(rid, _on_screen(screen, layout), plate, screen))
        elif layout == "tiles":
            tw = int(min(slot - pad, visible * TILE_ASPECT))
            tile = Box(int(cx - tw / 2), table_y - visible, tw, visible)
            spots.append(Spot(rid, _on_screen(tile, layout), plate, tile))
        else:
            fw = visible
            figure = Box(int(cx - fw / 2), table_y - int(fw * CUT), fw, int(fw * 1.25))
            spots.append(Spot(rid, figure, plate))
    if layout == "tiles" and not strip and spots:
        spots = _centred(spots, room, frame, table_y - visible, pad)
    return StagePlan(room, frame, band, visible, tuple(spots), shape, layout)


def _centred(spots: list[Spot], room: Box, frame: Box, tiles_top: int, pad: int) -> list[Spot]:
    """Video tiles with their captions in the middle of the call's window rather than at its foot
    (a call lays its tiles out so): the room above them, below the call's bar, is shared out."""
    above = tiles_top - max(room.y, frame.y + int(frame.h * TOP_FRACTION)) - pad
    below = room.bottom - max(s.plate.bottom for s in spots)
    shift = (above - below) // 2
    if shift <= 0:
        return spots

    def up(b: Box) -> Box:
        return Box(b.x, b.y - shift, b.w, b.h)
    return [Spot(s.rid, up(s.figure), up(s.plate), up(s.screen) if s.screen is not None else None) for s in spots]

def _on_screen(screen: Box, layout: str) -> Box:
    """The figure on a phone's screen (from a fifth down, a little wider than the phone) or in a
    video tile (from the top, nearly as wide as the tile is tall); the screen clips it."""
    if layout == "phones":
        fw = int(screen.w * 1.05)
        return Box(screen.x + (screen.w - fw) // 2, screen.y + int(screen.h * 0.2), fw, int(fw * 1.25))
    fw = int(screen.h * 0.98)
    return Box(screen.x + (screen.w - fw) // 2, screen.y + int(screen.h * 0.02), fw, int(fw * 1.25))
