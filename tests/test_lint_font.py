"""``validate`` warns about characters the window's font can't draw and labels too long for their place."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.scenario import fontcoverage
from engine.scenario.fontcoverage import cmap_codepoints, coverage_text, drawable
from engine.scenario.lint import lint_scenario
from engine.scenario.loader import load_scenario_text
from tests.conftest import ROOT, SHIPPED
from tests.crafted import MINIMAL

FONTS = ROOT / "assets" / "fonts"


def lint(text: str) -> list:
    return lint_scenario(load_scenario_text(text, "s.yaml"), text)


@pytest.mark.skipif(not FONTS.is_dir(), reason="the bundled fonts are not in this checkout")
def test_the_coverage_file_matches_the_bundled_fonts():
    assert fontcoverage.DATA.read_text(encoding="ascii") == coverage_text(FONTS), \
        "fonts changed: run python -m engine.scenario.fontcoverage --write"


@pytest.mark.skipif(not FONTS.is_dir(), reason="the bundled fonts are not in this checkout")
def test_the_cmap_reader_knows_what_noto_sans_has():
    codes = cmap_codepoints((FONTS / "NotoSans-Regular.ttf").read_bytes())
    for ch in "Aaë’€—…İﬁЖΩ":
        assert ord(ch) in codes, ch
    for ch in "✓🙂שا中":
        assert ord(ch) not in codes, ch


@pytest.mark.parametrize("ch,ok", [("a", True), ("ë", True), ("’", True), ("€", True), ("Ж", True),
                                   ("🙂", False), ("✓", False), ("ש", False), ("ا", False), ("中", False)])
def test_drawable(ch, ok):
    assert drawable(ch) is ok


@pytest.mark.parametrize("text,what", [("Mini 🙂", "🙂"), ("שלום", "ש"), ("مرحبا", "ا"), ("✓ klaar", "✓"),
                                       ("中文", "中")])
def test_text_the_font_cannot_draw_is_a_warning_at_its_line(text, what):
    problems = lint(MINIMAL.replace("text: {nl: Vertel eens., en: Tell me.}",
                                    f"text: {{nl: '{text}', en: Tell me.}}"))
    [p] = [p for p in problems if "can't draw" in p.message]
    assert p.severity == "warning" and what in p.message and "U+" in p.message
    assert p.line == MINIMAL[: MINIMAL.index("text: {nl: Vertel eens.")].count("\n") + 1


def test_an_invisible_direction_control_is_a_warning():
    problems = lint(MINIMAL.replace("name: Ineke Bakker", "name: \"Ineke \u202eBakker\""))
    assert any("direction control (U+202E)" in p.message for p in problems)


@pytest.mark.parametrize("old,new,where", [
    ("title: {nl: Mini, en: Mini}", "title: {nl: Mini, en: " + "Long " * 13 + "}", "title (en)"),
    ("name: Ineke Bakker", "name: Ineke Bakker-van den Berg tot Oldenbarnevelt", "name"),
    ("title: {nl: Afspraak, en: Agreement}", "title: {nl: Afspraak, en: " + "x" * 61 + "}", "title (en)"),
])
def test_labels_too_long_for_their_place_are_a_warning(old, new, where):
    text = MINIMAL.replace(old, new, 1)
    assert text != MINIMAL, old
    problems = [p for p in lint(text) if "its place on screen" in p.message]
    assert len(problems) == 1 and where in problems[0].message


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_shipped_scenarios_have_no_such_warning(path: Path):
    text = path.read_text(encoding="utf-8")
    problems = lint_scenario(load_scenario_text(text, str(path)), text)
    assert not [p for p in problems if "can't draw" in p.message or "place on screen" in p.message
                or "direction control" in p.message]
