"""Every text colour the window uses reads at WCAG AA (4.5:1) on the backgrounds it is shown on."""

from __future__ import annotations

import json

import pytest

from simulator.app.scenes.debrief_decision import VERDICT_HEX
from simulator.app.scenes.ending import KIND_HEX
from simulator.app.theme import CARD, GOOD_TEXT, MUTED, PAPER, POOR_TEXT, THEME_FILE, hex_of

AA = 4.5
BACKGROUNDS = {"paper": hex_of(PAPER), "card": hex_of(CARD), "sheet": "#FBFAF7"}


def luminance(colour: str) -> float:
    c = colour.lstrip("#")[:6]
    channels = [int(c[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_ratio_is_computed_as_wcag_does():
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0 and contrast("#777777", "#777777") == 1.0


TEXT_COLOURS = {**{f"ending {k}": v for k, v in KIND_HEX.items()},
                **{f"verdict {k}": v for k, v in VERDICT_HEX.items()},
                "better": hex_of(GOOD_TEXT), "worse": hex_of(POOR_TEXT), "muted": hex_of(MUTED),
                "accent": "#1D6A72", "warning": "#9A4A2E"}


@pytest.mark.parametrize("name", sorted(TEXT_COLOURS))
def test_text_colours_read_on_paper_cards_and_sheets(name):
    for where, background in BACKGROUNDS.items():
        assert contrast(TEXT_COLOURS[name], background) >= AA, (name, where)


def test_white_text_on_the_themes_coloured_buttons_reads():
    theme = json.loads(THEME_FILE.read_text(encoding="utf-8"))
    checked = 0
    for key, block in theme.items():
        colours = block.get("colours", {}) if isinstance(block, dict) else {}
        for state in ("normal", "hovered", "selected"):
            text, bg = colours.get(f"{state}_text"), colours.get(f"{state}_bg")
            if text and bg and text.upper() == "#FFFFFF":
                assert contrast(text, bg) >= AA, (key, state, bg)
                checked += 1
    assert checked >= 15  # the primary button and the five verdict colours, in each state
