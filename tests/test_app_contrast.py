"""Readable for everyone: every text/background pair of every theme meets WCAG, computed from the values.

The standard palette holds every text colour to AA (4.5:1, 3:1 for large text) on every surface it
can sit on; the high-contrast palette to AAA (7:1). The pairs come from where the colours are
defined: the palettes (``simulator/window/theme.py``: text, verdicts, ending kinds, what charts and
cards draw), the pygame_gui theme as each palette recolours it (every widget state's text on its
background, a transparent background standing for every surface), the HTML colours written in
the window's code (each must be a palette colour, so the high-contrast theme can translate it),
and the exported HTML report's stylesheet.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from simulator import resources
from simulator.a11y.contrast import (
    AA_NON_TEXT,
    AA_TEXT,
    AAA_TEXT,
    is_large_text,
    is_transparent,
    luminance,
    ratio,
    required,
)
from simulator.window import theme
from simulator.window.components.residents import plate_text_colours
from simulator.window.stages import STAGE_FOLDER, load_stage
from simulator.window.theme import (
    HIGH_CONTRAST,
    PALETTES,
    STANDARD,
    THEME_FILE,
    hex_of,
    load_theme_file,
    recolour,
    recoloured_theme,
)

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "simulator" / "window"
STATES = ("normal", "hovered", "selected", "active", "disabled")
NEEDED = {"standard": AA_TEXT, "high_contrast": AAA_TEXT}


def test_the_ratio_is_computed_as_wcag_does():
    assert round(ratio("#000000", "#FFFFFF"), 1) == 21.0 and ratio("#777777", "#777777") == 1.0
    assert round(ratio("#767676", "#FFFFFF"), 2) == 4.54  # the well-known lightest AA grey on white
    assert ratio("#00000000", "#FFFFFF") == 1.0  # nothing drawn: no contrast
    assert is_large_text(24, False) and is_large_text(19, True) and not is_large_text(18, True)
    assert required(14, True) == AA_TEXT and required(36, True) == 3.0


def test_there_are_two_palettes_and_the_high_contrast_one_is_darker_text_on_whiter_paper():
    assert set(PALETTES) == {"standard", "high_contrast"}
    assert luminance(HIGH_CONTRAST.paper) >= luminance(STANDARD.paper)
    assert luminance(HIGH_CONTRAST.ink) <= luminance(STANDARD.ink)


def theme_for(name: str) -> dict:
    return recoloured_theme(copy.deepcopy(load_theme_file()), PALETTES[name])


def light_surfaces(name: str) -> dict[str, str]:
    """Where text can sit: the palette's surfaces and every light, opaque background of the widget theme."""
    pal = PALETTES[name]
    out = {f"palette {k}": hex_of(v) for k, v in pal.surfaces().items()}
    for key, block in theme_for(name).items():
        for prop, value in (block.get("colours", {}) if isinstance(block, dict) else {}).items():
            if prop.endswith("_bg") and not prop.startswith("disabled") and len(value) == 7 and luminance(value) > 0.6:
                out[f"{key}.{prop}"] = value
    return out


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_text_colour_reads_on_every_surface(name):
    pal, needed = PALETTES[name], NEEDED[name]
    surfaces = light_surfaces(name)
    assert len(pal.text_colours()) >= 17 and len(surfaces) >= 10
    failures = [(text, hex_of(colour), where, round(ratio(colour, bg), 2))
                for text, colour in pal.text_colours().items() for where, bg in surfaces.items()
                if ratio(colour, bg) < needed]
    assert not failures, failures


def widget_pairs(name: str):
    """(block, state, where, text colour, background, font px, bold) for every widget state that shows text.

    A state's text is the block's own colour for it, else the block's normal text, else the
    theme's default; its background the block's own, else (a text box, a label: see-through) every
    surface of the palette, else the default's. A see-through background stands for every surface."""
    theme = theme_for(name)
    defaults = theme["defaults"]["colours"]
    pal = PALETTES[name]
    for key, block in theme.items():
        if key == "defaults" or not isinstance(block, dict) or "font" not in block:
            continue
        own = block.get("colours", {})
        size = float(block["font"].get("size", 16))
        bold = str(block["font"].get("bold", "0")) == "1"
        see_through = key in ("label", "text_box") or (key.startswith("#") and not any(k.endswith("_bg") for k in own))
        for state in ("normal",) if see_through else STATES:  # a text box has no states
            text = own.get(f"{state}_text") or defaults[f"{state}_text"]  # pygame_gui: own, else the default
            bg = own.get(f"{state}_bg") or ("#00000000" if see_through else defaults[f"{state}_bg"])
            backgrounds = ({f"on {k}": hex_of(v) for k, v in pal.surfaces().items()} if is_transparent(bg)
                           else {"own": bg[:7]})
            for where, background in backgrounds.items():
                yield key, state, where, text, background, size, bold


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_widget_state_reads(name):
    failures, checked = [], 0
    for key, state, where, text, bg, size, bold in widget_pairs(name):
        if state == "disabled" and name == "standard":
            continue  # WCAG 1.4.3 exempts inactive controls; the high-contrast theme still holds them to 7:1
        needed = required(size, bold)
        if name == "high_contrast":
            needed = 4.5 if is_large_text(size, bold) else AAA_TEXT  # AAA (1.4.6)
        checked += 1
        if ratio(text, bg) < needed:
            failures.append((key, state, where, text, bg, round(ratio(text, bg), 2)))
    assert checked > 100 and not failures, failures


def test_white_text_on_the_coloured_buttons_reads_in_every_state():
    for name in PALETTES:
        theme = theme_for(name)
        checked = 0
        for key, block in theme.items():
            colours = block.get("colours", {}) if isinstance(block, dict) else {}
            for state in ("normal", "hovered", "selected", "active"):
                text, bg = colours.get(f"{state}_text"), colours.get(f"{state}_bg")
                if text and bg and text.upper() == "#FFFFFF":
                    assert ratio(text, bg) >= NEEDED[name], (name, key, state, bg)
                    checked += 1
        assert checked >= 17  # the primary button, the selected option and the five verdict colours


def test_every_colour_of_the_widget_theme_has_a_high_contrast_counterpart():
    raw = json.loads(THEME_FILE.read_text(encoding="utf-8"))
    used = {v.upper() for block in raw.values() if isinstance(block, dict)
            for v in block.get("colours", {}).values()}
    missing = sorted(used - set(HIGH_CONTRAST.theme_colours))
    assert not missing, f"add these to HIGH_CONTRAST.theme_colours: {missing}"


HTML_COLOUR = re.compile(r"color='(#[0-9A-Fa-f]{6})'")


def html_colours_in_the_code() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(APP.rglob("*.py")):
        for m in HTML_COLOUR.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(m.group(1).upper(), []).append(path.relative_to(ROOT).as_posix())
    return found


def test_every_html_colour_the_window_writes_is_a_palette_text_colour():
    found = html_colours_in_the_code()
    assert found, "the scan finds the window's <font color=...>"
    standard = {hex_of(c) for c in STANDARD.text_colours().values()}
    stray = {c: where for c, where in found.items() if c not in standard}
    assert not stray, f"use a palette colour (simulator/window/theme.py) for text: {stray}"


def test_the_high_contrast_theme_translates_each_html_colour():
    for c in html_colours_in_the_code():
        html = f"<font color='{c}'>x</font>"
        out = recolour(html, HIGH_CONTRAST)
        new = re.search(r"#[0-9A-F]{6}", out).group(0)
        assert new != c and ratio(new, "#FFFFFF") >= AAA_TEXT, (c, new)
    assert recolour("<font color='#1D6A72'>x</font>", STANDARD) == "<font color='#1D6A72'>x</font>"


def test_shapes_are_never_used_as_text_colours():
    """Meter and edge colours (calm, tense, upset, line, track) are for shapes; text uses text colours."""
    pattern = re.compile(r"\.render\([^\n]*palette\(\)\.(calm|tense|upset|line|track)|"
                         r"put\([^\n]*palette\(\)\.(calm|tense|upset|line|track)")
    offenders = [p.relative_to(ROOT).as_posix() for p in APP.rglob("*.py")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert not offenders


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_the_focus_ring_stands_out_from_whatever_it_surrounds(name):
    """The ring is the focus colour outside and paper inside (app.draw_focus_ring): one of the two
    always differs 3:1 from what is next to it, light surface or dark button."""
    pal = PALETTES[name]
    for where, bg in pal.surfaces().items():
        assert ratio(pal.focus, bg) >= AA_NON_TEXT, (where, bg)
    dark = [c for block in theme_for(name).values() if isinstance(block, dict)
            for k, c in block.get("colours", {}).items() if k.endswith("_bg") and len(c) == 7 and luminance(c) < 0.2]
    assert dark
    for bg in dark:
        assert ratio(pal.paper, bg) >= AA_NON_TEXT, bg


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_mood_changes_in_colour_also_have_a_direction(name):
    """Green and red beside a meter are a triangle pointing up or down (cards.triangle), the float a
    signed number: the colour is never the only sign. The shapes still differ 3:1 from a white plate."""
    pal = PALETTES[name]
    for colour in (pal.calm, pal.upset):
        assert ratio(colour, (255, 255, 255)) >= AA_NON_TEXT


# -- the exported HTML report -------------------------------------------------------------------
def css_pairs():
    from simulator.export.html import CSS
    # the page and the boxes text sits in (a chip, ".v-...", brings its own background)
    boxes = re.finditer(r"([^{}]+)\{[^}]*background:\s*(#[0-9a-fA-F]{3,6})\b", CSS)
    backgrounds = {"#ffffff"} | {m.group(2).lower() for m in boxes if ".v-" not in m.group(1)}
    backgrounds = {("#" + "".join(ch * 2 for ch in b[1:])) if len(b) == 4 else b for b in backgrounds}
    for rule in re.finditer(r"([^{}]+)\{([^}]*)\}", CSS):
        selector, body = rule.group(1).strip(), rule.group(2)
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        if colour:
            own = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
            for bg in ([own.group(1)] if own else sorted(backgrounds)):
                yield selector, colour.group(1), bg


def test_the_exported_reports_text_reads_on_its_backgrounds():
    pairs = list(css_pairs())
    assert len(pairs) > 40
    failures = [(s, c, b, round(ratio(c, b), 2)) for s, c, b in pairs if ratio(c, b) < AA_TEXT]
    assert not failures, failures


# -- the residents' nameplates on the stage: colours a stage's author chose -----------------------
@pytest.mark.parametrize("theme_name,need", [("standard", AA_TEXT), ("high_contrast", AAA_TEXT)])
def test_every_nameplate_text_is_readable_on_its_plate_in_every_room(theme_name, need):
    rooms = sorted(p.stem for p in (resources.assets() / STAGE_FOLDER).glob("*.json"))
    assert len(rooms) >= 5
    theme.use(theme_name)
    try:
        for room in rooms:
            art = load_stage(room, [resources.assets() / STAGE_FOLDER])
            for plate, plate_ink in ((art.plate, art.plate_ink), ((250, 250, 250), (200, 200, 200)),
                                     ((20, 20, 30), (60, 60, 70))):  # as shipped, and careless stage authors
                ink, label = plate_text_colours(replace(art, plate=plate, plate_ink=plate_ink))
                assert ratio(ink, plate) >= need, (room, plate, ink)
                assert ratio(label, plate) >= need, (room, plate, label)
    finally:
        theme.use("standard")
