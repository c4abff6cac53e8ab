"""The look: the pygame_gui theme from ``assets/theme.json``, scaled for the text size, in the
trainee's colours, font and line spacing.

The JSON file is written for the normal text size in the standard colours; ``build_theme(scale)``
multiplies every font size, points every font at the chosen font's files, recolours the theme
for the chosen palette, widens the line spacing if asked, and lists the fonts to preload.

Two palettes (``PALETTES``): *standard* (every text colour at least 4.5:1 on every surface it
can sit on, WCAG 2.1 AA) and *high contrast* (black on white, every text colour at least 7:1,
WCAG AAA, with firm borders). Colours used for what we draw ourselves (backgrounds, portraits,
meters, charts) come from ``palette()`` at draw time, so the drawn parts and the widgets share
one palette; HTML colours written into text boxes in the standard palette are translated to
the active one by ``recolour`` (``widgets.text_box`` does it for every text box).
``tests/test_app_contrast.py`` computes every pair from these values.

Two fonts (``FONT_FAMILIES``): Noto Sans (the files pygame_gui ships) and, for readers who find
it easier, Atkinson Hyperlegible (``assets/reading_font``, SIL OFL), designed by the Braille
Institute so that letters that look alike (b d p q, I l 1, O 0) don't.

What is active is one process-wide choice (``use``), set by the window from the settings before
it builds its theme, like the text size.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Optional

from simulator import resources

FONTS = resources.fonts()
THEME_FILE = resources.theme_file()
FONT_NAME = "tw"
FONT_FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
    "bold_italic": "NotoSans-BoldItalic.ttf",
}
READING_FONT_FILES = {
    "regular": "AtkinsonHyperlegible-Regular.ttf",
    "bold": "AtkinsonHyperlegible-Bold.ttf",
    "italic": "AtkinsonHyperlegible-Italic.ttf",
    "bold_italic": "AtkinsonHyperlegible-BoldItalic.ttf",
}

log = logging.getLogger(__name__)

Colour = tuple[int, int, int]


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


@dataclass(frozen=True)
class Palette:
    """Every colour the window draws itself or writes into text, for one theme.

    Surfaces are what text can sit on; text colours must read on every one of them (AA in the
    standard palette, AAA in high contrast); graphics (lines, meters, the focus ring) are
    shapes, held to 3:1 where they carry meaning.
    """

    name: str
    # surfaces
    paper: Colour  # the screen
    paper_deep: Colour  # the meeting room's wall and such
    card: Colour  # cards, panels, buttons
    sheet: Colour  # overlays, the log
    accent_soft: Colour  # the speaker's card, a selected row
    chosen: Colour  # the option the trainee took
    hint: Colour  # the coach's note card
    # text
    ink: Colour
    muted: Colour
    accent: Colour  # names, the trainee's own words, links
    title: Colour
    warning: Colour  # a message that something went wrong
    good_text: Colour  # a change for the better, in words
    poor_text: Colour  # a change for the worse, in words
    balcony: Colour  # the time-out's colour
    # graphics
    line: Colour  # separators, chart grid, card borders
    track: Colour  # an empty bar
    calm: Colour  # meters: a resident at ease
    tense: Colour
    upset: Colour
    focus: Colour  # the keyboard focus ring
    hint_border: Colour
    verdict: dict[Optional[str], Colour] = field(default_factory=dict)  # debrief verdicts, as text
    kinds: dict[str, Colour] = field(default_factory=dict)  # ending kinds, as text
    # pygame_gui theme: every colour of assets/theme.json -> this palette's (empty: as written)
    theme_colours: dict[str, str] = field(default_factory=dict)
    theme_misc: dict[str, dict[str, str]] = field(default_factory=dict)  # per block, e.g. firmer borders

    SURFACES = ("paper", "paper_deep", "card", "sheet", "accent_soft", "chosen", "hint")
    TEXT = ("ink", "muted", "accent", "title", "warning", "good_text", "poor_text", "balcony")

    def text_colours(self) -> dict[str, Colour]:
        """Every colour text is written in, by name (verdicts and ending kinds included)."""
        out = {name: getattr(self, name) for name in self.TEXT}
        out.update({f"verdict {key or 'none'}": c for key, c in self.verdict.items()})
        out.update({f"ending {key}": c for key, c in self.kinds.items()})
        return out

    def surfaces(self) -> dict[str, Colour]:
        return {name: getattr(self, name) for name in self.SURFACES}

    def hex(self, name: str) -> str:
        return hex_of(getattr(self, name))


STANDARD = Palette(
    name="standard",
    paper=(243, 240, 232), paper_deep=(233, 228, 217), card=(255, 255, 255), sheet=(251, 250, 247),
    accent_soft=(226, 239, 239), chosen=(213, 232, 232), hint=(238, 243, 236),
    ink=(30, 43, 51), muted=(85, 99, 107), accent=(29, 106, 114), title=(23, 71, 77), warning=(154, 74, 46),
    good_text=(36, 107, 65), poor_text=(163, 64, 47), balcony=(74, 87, 149),
    line=(213, 206, 193), track=(230, 225, 215), calm=(78, 150, 104), tense=(201, 140, 38), upset=(183, 72, 59),
    focus=(29, 106, 114), hint_border=(200, 212, 198),
    verdict={"best": (36, 107, 65),  # #246B41
             "good": (63, 107, 51),  # #3F6B33: 4.5:1 also on the chosen card's tint
             "inaccuracy": (133, 86, 6),  # #855606
             "mistake": (163, 64, 47),  # #A3402F
             None: (86, 95, 101)},  # #565F65
    kinds={"agreement": (36, 107, 65), "partial": (133, 86, 6), "postponed": (74, 87, 149),
           "escalation": (163, 64, 47)},
)

HIGH_CONTRAST = Palette(
    name="high_contrast",
    paper=(255, 255, 255), paper_deep=(240, 240, 240), card=(255, 255, 255), sheet=(255, 255, 255),
    accent_soft=(232, 243, 244), chosen=(232, 243, 244), hint=(255, 255, 255),
    ink=(0, 0, 0), muted=(43, 43, 43), accent=(0, 71, 77), title=(0, 0, 0), warning=(139, 26, 10),
    good_text=(10, 80, 38), poor_text=(139, 26, 10), balcony=(46, 58, 122),
    line=(0, 0, 0), track=(204, 204, 204), calm=(10, 110, 50), tense=(150, 95, 0), upset=(170, 30, 15),
    focus=(0, 0, 0), hint_border=(0, 0, 0),
    verdict={"best": (10, 80, 38), "good": (36, 74, 24), "inaccuracy": (92, 58, 0), "mistake": (139, 26, 10),
             None: (58, 63, 68)},
    kinds={"agreement": (10, 80, 38), "partial": (92, 58, 0), "postponed": (46, 58, 122),
           "escalation": (139, 26, 10)},
    theme_colours={
        # surfaces: white, with a light grey or teal tint where a state must show
        "#FFFFFF": "#FFFFFF", "#F6F3EC": "#FFFFFF", "#FBFAF7": "#FFFFFF", "#F4F8F8": "#F0F0F0",
        "#F2F7F7": "#F0F0F0", "#E6E2D8": "#F0F0F0", "#E2EFEF": "#E8F3F4", "#D5E8E8": "#E8F3F4",
        "#EEEBE4": "#F0F0F0", "#E6E1D7": "#E0E0E0", "#ECE7DE": "#E0E0E0", "#F3F4F9": "#F0F0F0",
        "#EEF0F8": "#F0F2FA", "#E3E7F6": "#F0F2FA", "#D9DEF3": "#E8EBF7",
        # borders: black, grey where disabled
        "#D5CEC1": "#000000", "#DDD6CA": "#000000", "#B9B1A2": "#000000", "#E0DBD2": "#767676",
        "#D0D4E6": "#767676", "#EFEBE3": "#E0E0E0", "#7380B5": "#2E3A7A", "#4A5795": "#2E3A7A",
        # the scroll bar's thumb
        "#C9C2B4": "#595959", "#A9A192": "#333333", "#8E8676": "#000000", "#C2BAAB": "#595959",
        "#A39A89": "#333333",
        # text
        "#1E2B33": "#000000", "#55636B": "#2B2B2B", "#8A949A": "#4D4D4D", "#17474D": "#000000",
        # the accent, as text, border and filled button
        "#1D6A72": "#00474D", "#23808A": "#00363C", "#164F55": "#00363C", "#0E3A3F": "#000000",
        # verdict buttons (white text on them)
        "#246B41": "#0A5026", "#2B7A4B": "#0C5E2D", "#1A5030": "#063A1B",
        "#467538": "#244A18", "#4F8140": "#2D5A1F", "#36592B": "#1A3811",
        "#855606": "#5C3A00", "#935F08": "#6B4400", "#6A4405": "#3F2800",
        "#A3402F": "#8B1A0A", "#B04537": "#9C1F0C", "#7F3125": "#5E1206",
        "#5D676D": "#3A3F44", "#67727A": "#454B50", "#4A5358": "#2A2E31",
        # the dimming veil under a sheet, and what is never drawn
        "#1E2B33A6": "#000000B3", "#00000000": "#00000000",
    },
    theme_misc={"button": {"border_width": "2"}, "#card": {"border_width": "2"}, "#chosen": {"border_width": "3"},
                "#balcony": {"border_width": "2"}, "#sheet": {"border_width": "2"}, "panel": {"border_width": "2"},
                "#log": {"border_width": "2"}},
)

PALETTES: dict[str, Palette] = {p.name: p for p in (STANDARD, HIGH_CONTRAST)}
FONT_FAMILIES = ("standard", "reading")
LINE_SPACING = {"normal": 1.0, "wide": 1.25, "wider": 1.5}  # times the theme's own spacing

# -- the standard palette by name, for code that draws in it directly (and the title card) ----------
PAPER = STANDARD.paper
INK = STANDARD.ink
MUTED = STANDARD.muted
LINE = STANDARD.line
ACCENT = STANDARD.accent
GOOD_TEXT = STANDARD.good_text  # #246B41
POOR_TEXT = STANDARD.poor_text  # #A3402F
VERDICT_COLOURS = STANDARD.verdict


@dataclass
class _Look:
    palette: Palette = STANDARD
    font: str = "standard"
    line_spacing: float = 1.0


_look = _Look()


def use(palette: str = "standard", font: str = "standard", line_spacing: str = "normal") -> None:
    """Make this look the active one (the window calls it from the settings before building its theme)."""
    _look.palette = PALETTES.get(palette, STANDARD)
    _look.font = font if font in FONT_FAMILIES else "standard"
    _look.line_spacing = LINE_SPACING.get(line_spacing, 1.0)


def palette() -> Palette:
    """The active palette: what to draw in now."""
    return _look.palette


def font_family() -> str:
    return _look.font


def font_path(style: str = "regular", family: Optional[str] = None) -> Path:
    if (family or _look.font) == "reading":
        return resources.reading_font() / READING_FONT_FILES[style]
    return FONTS / FONT_FILES[style]


def scaled(size: float, scale: float) -> int:
    return max(8, int(round(size * scale)))


def load_theme_file(path: Path = THEME_FILE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a theme is a JSON object")
    return data


def recoloured_theme(theme: dict[str, Any], pal: Palette) -> dict[str, Any]:
    """``theme`` (as written, standard colours) in ``pal``'s colours and borders."""
    if not pal.theme_colours and not pal.theme_misc:
        return theme
    for block in theme.values():
        if not isinstance(block, dict):
            continue
        colours = block.get("colours")
        if isinstance(colours, dict):
            for key, value in colours.items():
                if isinstance(value, str):
                    colours[key] = pal.theme_colours.get(value.upper(), value)
    for key, misc in pal.theme_misc.items():
        block = theme.setdefault(key, {})
        block.setdefault("misc", {}).update(misc)
    return theme


TEXT_BLOCK_SPACING = 1.15  # text_box's own line spacing in theme.json; blocks without one inherit it


def spaced_theme(theme: dict[str, Any], factor: float) -> dict[str, Any]:
    """Wider line spacing for every block that lays out lines of text."""
    if factor == 1.0:
        return theme
    base = float(theme.get("text_box", {}).get("misc", {}).get("line_spacing", TEXT_BLOCK_SPACING))
    for key, block in theme.items():
        if not isinstance(block, dict):
            continue
        misc = block.get("misc", {})
        if key == "text_box" or "line_spacing" in misc or (key.startswith("#") and "font" in block):
            own = float(misc.get("line_spacing", base))
            block.setdefault("misc", {})["line_spacing"] = f"{own * factor:.2f}"
    return theme


def build_theme(scale: float = 1.0, base: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The theme dict for ``UIManager`` at this text scale, in the active look, and the fonts to preload."""
    theme = copy.deepcopy(base if base is not None else load_theme_file())
    theme = spaced_theme(recoloured_theme(theme, _look.palette), _look.line_spacing)
    paths = {f"{style}_path": str(font_path(style)) for style in FONT_FILES}
    name = FONT_NAME if _look.font == "standard" else f"{FONT_NAME}_{_look.font}"
    preload: dict[tuple[int, str], dict[str, Any]] = {}
    for block in theme.values():
        if not isinstance(block, dict) or "font" not in block:
            continue
        font = block["font"]
        size = scaled(float(font.get("size", "16")), scale)
        font["size"] = str(size)
        font["name"] = name
        font.update(paths)
        # Text boxes mix styles (<b>, <i>) at their own size: preload all four.
        for style in FONT_FILES:
            preload[(size, style)] = {"name": name, "point_size": size, "style": style}
    return theme, list(preload.values())


_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def _standard_to(pal: Palette) -> dict[str, str]:
    """Each standard text colour's hex -> the same role's hex in ``pal``."""
    out: dict[str, str] = {}
    for f in fields(Palette):
        value = getattr(STANDARD, f.name)
        if isinstance(value, tuple) and len(value) == 3:
            out.setdefault(hex_of(value), hex_of(getattr(pal, f.name)))
    for key, rgb in STANDARD.verdict.items():
        out.setdefault(hex_of(rgb), hex_of(pal.verdict[key]))
    for key, rgb in STANDARD.kinds.items():
        out.setdefault(hex_of(rgb), hex_of(pal.kinds[key]))
    return out


def recolour(html: str, pal: Optional[Palette] = None) -> str:
    """Text-box HTML written in the standard palette's colours, in ``pal``'s (the active one)."""
    pal = pal or _look.palette
    if pal is STANDARD or "#" not in html:
        return html
    table = _standard_to(pal)
    return _HEX.sub(lambda m: table.get(m.group(0).upper(), m.group(0)), html)
