"""docs/accessibility.md stays true: every test it cites exists, its figures are the computed ones, and the
settings, keys and options it names are there."""

from __future__ import annotations

import math
import re

import pytest

from simulator.i18n import STRINGS
from simulator.settings import Settings
from tests.conftest import ROOT
from tests.test_app_contrast import css_pairs, light_surfaces, ratio, widget_pairs

DOC = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")


def floor2(x: float) -> str:
    return f"{math.floor(x * 100) / 100:.2f}"


def test_it_has_the_parts_of_the_dutch_model_statement():
    for heading in ("## Scope", "## Compliance status (nalevingsstatus)",
                    "## What was checked, and how (onderzoeksresultaten)", "## Known gaps (bekende knelpunten)",
                    "## Report a problem (melden)"):
        assert heading in DOC, heading


CITED = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", DOC)


def test_it_cites_tests_for_what_it_claims():
    assert len(CITED) >= 15


@pytest.mark.parametrize("path,name", CITED, ids=[f"{p}::{n}" for p, n in CITED])
def test_every_cited_test_exists(path, name):
    source = (ROOT / path).read_text(encoding="utf-8")
    if name:
        assert re.search(rf"^def {name}\(", source, re.M), f"{path} has no test {name}"


def test_every_criterion_marked_met_names_a_test():
    rows = [line for line in DOC.splitlines() if re.match(r"\| \d\.\d\.\d+ ", line)]
    assert len(rows) >= 12
    for row in rows:
        if "| met" in row:
            assert "`tests/" in row, row


def stated(pattern: str) -> str:
    m = re.search(pattern, DOC)
    assert m, pattern
    return m.group(1)


def test_the_contrast_figures_are_the_computed_ones():
    from simulator.window.theme import PALETTES
    text = {name: min(ratio(c, bg) for c in PALETTES[name].text_colours().values()
                      for bg in light_surfaces(name).values()) for name in PALETTES}
    widgets = min(ratio(t, bg) for _, s, _, t, bg, _, _ in widget_pairs("standard") if s != "disabled")
    high = min(text["high_contrast"], *(ratio(t, bg) for _, _, _, t, bg, _, _ in widget_pairs("high_contrast")))
    assert stated(r"at least \*\*([\d.]+):1\*\* \(text colours\)") == floor2(text["standard"])
    assert stated(r"\*\*([\d.]+):1\*\* \(widget states\)") == floor2(widgets)
    report = min(ratio(c, b) for _, c, b in css_pairs())
    assert stated(r"the debrief report at least \*\*([\d.]+):1\*\*") == floor2(report)
    assert stated(r"7:1: at least \*\*([\d.]+):1\*\*") == floor2(high)


def test_the_settings_keys_and_options_it_names_exist():
    labels = {v["nl"] for v in STRINGS.values()}
    for label in ("Voorlezen (V)", "Stemmen van bewoners", "Lettertype", "Beweging", "Beperkt", "Regelafstand",
                  "Hoog contrast", "Atkinson Hyperlegible"):
        assert label in labels, label
    s = Settings()
    assert {"theme", "font", "line_spacing", "reduce_motion", "self_voicing", "resident_voices"} <= set(vars(s))
    assert "pygame.K_v" in (ROOT / "simulator" / "window" / "app.py").read_text(encoding="utf-8")
    options = (ROOT / "simulator" / "cli" / "playoptions.py").read_text(encoding="utf-8")
    for flag in ("--plain", "--speak", "--own-words"):
        assert f'"{flag}"' in options, flag
    assert (ROOT / "assets" / "reading_font" / "OFL.txt").is_file()


def test_the_readme_points_at_it():
    assert "docs/accessibility.md" in (ROOT / "README.md").read_text(encoding="utf-8")
