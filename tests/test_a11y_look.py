"""Readable for everyone, in the window: high contrast, the reading font, line spacing, reduced motion,
a visible focus, verdicts that carry a mark and a word besides their colour."""

from __future__ import annotations

import json

import pygame
import pytest

from simulator import resources
from simulator import settings as settings_mod
from simulator.a11y.marks import VERDICT_MARKS, marked, verdict_mark
from simulator.settings import Settings
from simulator.window import motion, theme
from simulator.window.glyphs import drawable
from simulator.window.pilot import play_to_debrief


# -- settings ------------------------------------------------------------------------------------
def test_the_accessibility_settings_are_off_by_default_and_kept():
    s = Settings()
    assert (s.theme, s.font, s.line_spacing, s.reduce_motion, s.self_voicing, s.resident_voices) == \
        ("standard", "standard", "normal", False, False, False)
    chosen = Settings(theme="high_contrast", font="reading", line_spacing="wider", reduce_motion=True,
                      self_voicing=True, resident_voices=True)
    assert settings_mod.save(chosen) is None
    assert settings_mod.load_checked() == (chosen, [])


def test_unknown_accessibility_values_fall_back_to_their_defaults():
    path = settings_mod.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"theme": "neon", "font": "comic", "line_spacing": 3, "reduce_motion": "yes",
                                "self_voicing": 1, "resident_voices": None}), encoding="utf-8")
    s, problems = settings_mod.load_checked()
    assert s == Settings() and len(problems) == 1 and "theme='neon'" in problems[0]


def test_reduced_motion_shows_every_line_at_once():
    assert Settings(text_speed="slow", reduce_motion=True).chars_per_second is None
    assert Settings(text_speed="slow").chars_per_second


# -- the reading font -----------------------------------------------------------------------------
def test_the_reading_font_ships_with_its_licence():
    folder = resources.reading_font()
    for style in theme.READING_FONT_FILES:
        assert theme.font_path(style, "reading").is_file()
        assert theme.font_path(style, "reading").parent == folder
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Braille Institute" in licence


def test_the_theme_points_every_font_at_the_chosen_family():
    try:
        theme.use(font="reading")
        built, preload = theme.build_theme(1.0)
        paths = {block["font"]["regular_path"] for block in built.values()
                 if isinstance(block, dict) and "font" in block}
        assert paths == {str(theme.font_path("regular", "reading"))}
        assert all(p["name"] != theme.FONT_NAME for p in preload)  # its own name: never a cached Noto
        # Dutch text is drawn as is; a character the font lacks becomes one visible "?" (it has no U+FFFD)
        assert drawable("Eén ideeën, naïef") == "Eén ideeën, naïef"
        assert drawable("a → b") == "a ? b"
    finally:
        theme.use()
    assert drawable("a → b") == "a \ufffd b"  # Noto Sans has the replacement character


def test_the_reading_font_draws_every_letter_the_shipped_scenarios_use():
    from tests.conftest import SHIPPED
    text = "".join(p.read_text(encoding="utf-8") for p in SHIPPED)
    try:
        theme.use(font="reading")
        letters = {ch for ch in text if ch.isalpha()}
        assert letters and drawable("".join(sorted(letters))) == "".join(sorted(letters))
    finally:
        theme.use()


# -- line spacing -----------------------------------------------------------------------------------
@pytest.mark.parametrize("spacing,factor", [("normal", 1.0), ("wide", 1.25), ("wider", 1.5)])
def test_line_spacing_widens_every_text_block(spacing, factor):
    try:
        theme.use(line_spacing=spacing)
        built, _ = theme.build_theme(1.0)
    finally:
        theme.use()
    base = theme.load_theme_file()
    assert float(built["text_box"]["misc"]["line_spacing"]) == pytest.approx(1.15 * factor, abs=0.01)
    assert float(built["#speech"]["misc"]["line_spacing"]) == pytest.approx(
        float(base["#speech"]["misc"]["line_spacing"]) * factor, abs=0.01)


@pytest.mark.slow
def test_wider_lines_make_the_same_text_taller_in_the_window(window):
    app, pilot = window()
    long = "Wat zou u doen als u in mijn schoenen stond? " * 8

    def height():
        from simulator.window.layout import Box
        from simulator.window.widgets import text_box
        box = text_box(app.manager, long, Box(0, 0, 300, 0))
        h = box.rect.height
        box.kill()
        return h

    normal = height()
    app.apply_settings(app.settings.with_(line_spacing="wider"))
    assert height() > normal * 1.3


# -- high contrast in the window ----------------------------------------------------------------------
@pytest.mark.slow
def test_high_contrast_turns_the_window_black_on_white(window):
    app, pilot = window()
    assert app.screen.get_at((2, 2))[:3] == theme.STANDARD.paper
    app.apply_settings(app.settings.with_(theme="high_contrast"))
    pilot.settle()
    assert theme.palette() is theme.HIGH_CONTRAST
    assert app.screen.get_at((2, 2))[:3] == (255, 255, 255)
    # the text boxes' HTML colours follow: no standard accent or muted grey is left on screen
    shown = [s.html_text for s in app.manager.get_sprite_group().sprites() if hasattr(s, "html_text")]
    assert shown and not any("#55636B" in h.upper() or "#1D6A72" in h.upper() for h in shown)
    assert app.manager.ui_theme.get_colour("normal_text", ["text_box"]) == pygame.Color("#000000")
    app.apply_settings(app.settings.with_(theme="standard"))
    pilot.settle()
    assert app.screen.get_at((2, 2))[:3] == theme.STANDARD.paper


@pytest.mark.slow
def test_the_settings_screen_offers_every_accessibility_row_and_applies_it(window):
    app, pilot = window(language="en")
    pilot.click(app.top.tr("settings"))
    assert pilot.scene == "settings"
    for label in ("Colours", "Font", "Line spacing", "Motion", "Self-voicing (V)", "Residents' voices"):
        assert pilot.has_text(label), label
    pilot.click("High contrast")
    pilot.click("Atkinson Hyperlegible")
    pilot.click("Reduced")
    assert app.settings.theme == "high_contrast" and app.settings.font == "reading" and app.settings.reduce_motion
    assert theme.font_family() == "reading" and motion.reduced()
    assert app.screen.get_at((2, 2))[:3] == (255, 255, 255)


# -- reduced motion ---------------------------------------------------------------------------------------
def to_meeting(pilot, scenario: str = "speeltuin-kort") -> None:
    pilot.focus_on(scenario)
    pilot.press("return")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.settle()
        pilot.press("1")
        pilot.settle()
    assert pilot.scene == "meeting"


@pytest.mark.slow
def test_reduced_motion_stops_meters_and_faces_moving_after_one_frame(window):
    app, pilot = window(reduce_motion=True, text_speed="slow")
    to_meeting(pilot)
    scene = app.top
    assert scene.line.done(app.settings.chars_per_second)  # no typewriter
    pilot.wait_until(lambda: scene.deciding, max_frames=400) if scene.deciding else None
    while not scene.deciding:
        pilot.press("return")
        pilot.settle()
    pilot.press("1")
    pilot.step(1)  # one frame after the choice: everything is where it goes
    rows = scene.residents
    target = scene.session.mood
    for rid, values in rows.display_mood.items():
        for k, v in values.items():
            assert v == float(target[rid][k])
    assert all(f.fade == 1.0 and f.beat == 1.0 and not f.floats for f in rows.faces.values())


@pytest.mark.slow
def test_with_motion_the_meters_ease_over_several_frames(window):
    app, pilot = window()
    assert motion.step(0.03) == 0.03 and not motion.reduced()


# -- verdicts: a mark and a word, never the colour alone ----------------------------------------------------
def test_every_verdict_has_its_own_ascii_mark():
    marks = [VERDICT_MARKS[k] for k in ("best", "good", "inaccuracy", "mistake")]
    assert len(set(marks)) == 4 and all(m.isascii() for m in marks)
    assert marked("inaccuracy", "onnauwkeurig") == "?! onnauwkeurig" and marked(None, "time-out") == "time-out"
    assert verdict_mark("unknown") == VERDICT_MARKS[None]


@pytest.mark.slow
def test_the_debriefs_decision_buttons_and_heading_carry_the_mark(window):
    app, pilot = window(language="en")
    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    play_to_debrief(pilot)
    scene = app.top
    pilot.wait_until(lambda: scene.play.review_ready, max_frames=3000, sleep=0.01)
    pilot.settle()
    review = scene.play.review()
    scene.go("decision", 0)
    pilot.settle()
    from simulator.window.scenes.debrief_decision import verdict_key
    buttons = [t for t in pilot.texts() if t[:1].isdigit() and " " in t]
    assert len(buttons) == len(review.decisions)
    for i, (text, d) in enumerate(zip(buttons, review.decisions)):
        assert text == f"{i + 1} {verdict_mark(verdict_key(review, d))}"
    key = verdict_key(review, review.decisions[0])
    if key is not None:
        assert pilot.has_text(verdict_mark(key) + " ")


# -- focus always visible -------------------------------------------------------------------------------
def ring_is_drawn(app) -> bool:
    """The ring around the focused element is there: drawn in keyboard mode and not without it, in the focus
    colour, on the band just outside the element (where the element itself never draws)."""
    rect, visible = app.top.focus_rect()
    band = rect.inflate(7, 7)  # the middle of the 3 px ring (app.draw_focus_ring)
    w, h = app.screen.get_size()
    clip = visible.inflate(10, 10)
    points = [(x, y) for x in range(band.left + 6, band.right - 6, 3) for y in (band.top, band.bottom - 1)]
    points = [(x, y) for x, y in points if 0 <= x < w and 0 <= y < h and clip.collidepoint(x, y)]

    def pixels():
        app.draw()
        return [tuple(app.screen.get_at(p)[:3]) for p in points]

    with_ring = pixels()
    app.keyboard_mode = False
    without = pixels()
    app.keyboard_mode = True
    app.draw()
    focus = tuple(theme.palette().focus)
    drawn = sum(1 for a, b in zip(with_ring, without) if a == focus and a != b)
    return bool(points) and drawn >= len(points) // 2


@pytest.mark.slow
@pytest.mark.parametrize("look", ["standard", "high_contrast"])
def test_the_focus_ring_is_drawn_around_every_focused_element(window, look):
    """Tab through the start screen, the settings and a decision: each stop has the ring, on screen."""
    app, pilot = window(theme=look, language="en")

    def tab_through(limit: int = 40) -> int:
        seen, checked = set(), 0
        for _ in range(limit):
            pilot.press("tab")
            item = app.top.focus.current
            if item is None or item.name in seen:
                break
            seen.add(item.name)
            rect, visible = app.top.focus_rect()
            assert visible.width > 0 and visible.height > 0, item.name
            assert app.screen.get_rect().colliderect(rect), item.name
            assert ring_is_drawn(app), (app.top.name, item.name)
            checked += 1
        return checked

    assert tab_through() >= 4  # the scenarios, my sessions, progress, settings, quit
    pilot.click("Settings")
    pilot.press("tab")
    assert tab_through() >= 14  # every settings row and the buttons
    pilot.press("escape")
    pilot.settle()
    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.settle()
        pilot.press("1")
        pilot.settle()
    scene = app.top
    while scene.session.can_continue:
        pilot.press("return")
        pilot.settle()
    assert tab_through() >= len(scene.session.choices)
