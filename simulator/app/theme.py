"""The look: the pygame_gui theme from ``assets/theme.json``, scaled for the text size.

The JSON file is written for the normal text size; ``build_theme(scale)`` multiplies
every font size, points every font at the Noto Sans files that come with pygame_gui
(``resources.fonts()``, so nothing depends on fonts installed on the machine) and lists
the fonts to preload.
Colours used for what we draw ourselves (backgrounds, portraits, meters, charts) live
here too, so the drawn parts and the widgets share one palette.
"""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

from .. import resources

FONTS = resources.fonts()
THEME_FILE = resources.theme_file()
FONT_NAME = "tw"
FONT_FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
    "bold_italic": "NotoSans-BoldItalic.ttf",
}

log = logging.getLogger(__name__)

# -- palette (RGB) for what we draw ourselves -----------------------------------
PAPER = (243, 240, 232)
PAPER_DEEP = (233, 228, 217)
INK = (30, 43, 51)
MUTED = (85, 99, 107)
LINE = (213, 206, 193)
ACCENT = (29, 106, 114)
ACCENT_SOFT = (226, 239, 239)
BALCONY = (74, 87, 149)
CARD = (255, 255, 255)
CALM = (78, 150, 104)
TENSE = (201, 140, 38)
UPSET = (183, 72, 59)
# Text colours on paper and on white: each at least 4.5:1 (WCAG AA) against both (tests/test_app_contrast.py).
GOOD_TEXT = (36, 107, 65)  # #246B41
POOR_TEXT = (163, 64, 47)  # #A3402F
VERDICT_COLOURS = {
    "best": GOOD_TEXT,
    "good": (70, 117, 56),  # #467538
    "inaccuracy": (133, 86, 6),  # #855606
    "mistake": POOR_TEXT,
    None: (93, 103, 109),  # #5D676D
}


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def font_path(style: str = "regular") -> Path:
    return FONTS / FONT_FILES[style]


def scaled(size: float, scale: float) -> int:
    return max(8, int(round(size * scale)))


def load_theme_file(path: Path = THEME_FILE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a theme is a JSON object")
    return data


def build_theme(scale: float = 1.0, base: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The theme dict for ``UIManager`` at this text scale, and the fonts to preload."""
    theme = copy.deepcopy(base if base is not None else load_theme_file())
    paths = {f"{style}_path": str(font_path(style)) for style in FONT_FILES}
    preload: dict[tuple[int, str], dict[str, Any]] = {}
    for block in theme.values():
        if not isinstance(block, dict) or "font" not in block:
            continue
        font = block["font"]
        size = scaled(float(font.get("size", "16")), scale)
        font["size"] = str(size)
        font["name"] = FONT_NAME
        font.update(paths)
        # Text boxes mix styles (<b>, <i>) at their own size: preload all four.
        for style in FONT_FILES:
            preload[(size, style)] = {"name": FONT_NAME, "point_size": size, "style": style}
    return theme, list(preload.values())


def html_escape(text: str) -> str:
    """Scenario text as pygame_gui HTML: only &, < and > are special; what the font can't
    draw becomes the fallback glyph (``glyphs``)."""
    from .glyphs import drawable
    return drawable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def theme_font_size(theme: dict[str, Any], key: str) -> int:
    block = theme.get(key) or theme.get("text_box") or {}
    return int(block.get("font", {}).get("size", "16"))
