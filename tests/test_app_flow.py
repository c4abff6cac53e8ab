"""The meeting flows like a visual novel: click anywhere to go on, auto-advance, skip what was read,
reread the mandate; long lines read with PgUp/PgDn; text the font can't draw shows a fallback glyph."""

from __future__ import annotations

import random

import pygame
import pytest

from simulator.window.glyphs import FALLBACK, drawable
from simulator.window.pilot import play_to_debrief
from tests.crafted import MINIMAL


def to_meeting(pilot, scenario: str = "speeltuin-kort") -> None:
    pilot.focus_on(scenario)
    pilot.press("return")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.settle()
        pilot.press("1")
        pilot.settle()
    assert pilot.scene == "meeting"


def room_point(app) -> tuple[int, int]:
    """A point on the residents' room: nothing to click there but the meeting itself."""
    room = app.top.plan.room
    return (room.x + 6, room.y + 6)


def test_a_click_anywhere_goes_on_but_never_chooses(window):
    app, pilot = window()
    to_meeting(pilot)
    scene = app.top
    assert scene.session.can_continue  # the narrator sets the scene
    position = scene.session.state.position
    pilot.click_at(room_point(app))
    assert scene.session.state.position != position  # on to the next line
    while scene.session.can_continue:
        pilot.click_at(room_point(app))
        pilot.settle()
    decided = len(scene.session.history)
    for _ in range(3):  # at a decision a click on the room is nothing
        pilot.click_at(room_point(app))
        pilot.settle()
    assert len(scene.session.history) == decided and scene.deciding


@pytest.mark.slow
def test_auto_advance_goes_on_after_a_line_and_waits_at_a_decision(window):
    app, pilot = window(auto_advance="fast")
    to_meeting(pilot)
    scene = app.top
    assert scene.session.can_continue and scene.auto.waiting
    position = scene.session.state.position
    pilot.step(int(12 / pilot.dt))  # well past the wait (a second and a half plus reading time)
    assert scene.session.state.position != position
    pilot.wait_until(lambda: scene.deciding, max_frames=2000)
    decided = len(scene.session.history)
    pilot.step(int(20 / pilot.dt))
    assert len(scene.session.history) == decided and not scene.auto.waiting  # never a choice by itself
    assert pilot.has_text(scene.tr("hk_choose", n=len(scene.panel.options)))


@pytest.mark.slow
def test_the_a_key_and_the_button_switch_auto_advance(window):
    app, pilot = window()
    to_meeting(pilot)
    assert app.settings.auto_advance == "off" and pilot.has_text(app.top.tr("auto_off"))
    pilot.press("a")
    assert app.settings.auto_advance == "normal" and pilot.has_text(app.top.tr("auto_on"))
    pilot.click(app.top.tr("auto_on"))
    assert app.settings.auto_advance == "off"


@pytest.mark.slow
def test_skip_goes_over_lines_read_before_to_the_next_decision(window):
    app, pilot = window()
    to_meeting(pilot)
    assert not pilot.has_text(app.top.tr("skip_read"))  # the first time, nothing has been read
    rnd = random.Random(5)
    play_to_debrief(pilot, lambda n: rnd.randrange(n))
    app.go_start()
    pilot.settle()
    to_meeting(pilot)  # playing it again: the opening lines were read
    scene = app.top
    assert scene.can_skip and pilot.has_text(scene.tr("skip_read"))
    pilot.press("s")
    pilot.settle()
    scene = app.top
    assert scene.deciding and scene.line_done  # at the first decision, its line (read before) whole
    assert not pilot.has_text(scene.tr("skip_read"))
    said = [e for e in scene.session.state.transcript if e.kind == "line"]
    assert len(said) > 1  # the lines passed over are in the transcript


@pytest.mark.slow
def test_the_mandate_card_rereads_the_briefing_mid_meeting(window):
    app, pilot = window(size=(1280, 720))
    to_meeting(pilot)
    scene = app.top
    while scene.session.can_continue:
        pilot.press("return")
        pilot.settle()
    position, history = scene.session.state.position, len(scene.session.history)
    pilot.press("m")
    assert pilot.scene == "mandate"
    s = scene.play.scenario
    assert pilot.has_text(s.setting.room_to_move[0].get("nl")[:40])
    assert pilot.has_text(s.setting.goals[0].get("nl")[:40])
    assert pilot.has_text(app.top.tr("mc_your_preparation"))
    answer = s.preparation.questions[0].option(scene.session.history[0].choice_id).text.get("nl")
    assert pilot.has_text(answer[:40])
    assert pilot.has_text(scene.session.line.text.get("nl")[:40])  # what the speaker said last
    for r in s.residents:
        assert pilot.has_text(r.name)
    pilot.press("escape")
    assert pilot.scene == "meeting" and scene.session.state.position == position
    assert len(scene.session.history) == history
    pilot.click(scene.tr("mc_button") + " (M)")
    assert pilot.scene == "mandate"
    pilot.click(app.top.tr("mc_back") + " (Esc)")
    assert pilot.scene == "meeting"


@pytest.mark.slow
def test_the_progress_says_which_decision_of_about_how_many(window):
    app, pilot = window()
    to_meeting(pilot)
    scene = app.top
    decided = len(scene.session.history)  # the preparation's answers count, as in the debrief
    assert pilot.has_text(scene.tr("meeting_progress", n=decided + 1, total=scene._progress()[1]))
    assert scene._progress()[1] > decided


LONG = " ".join(["Dit is een lange zin die de ruimte van het tekstvak ruim te boven gaat."] * 6)


@pytest.mark.slow
def test_pgdn_and_pgup_move_a_long_lines_text(window, tmp_path, monkeypatch):
    long_line = MINIMAL.replace('text: {nl: "Wanneer begint het?", en: "When does it start?"}',
                                f'text: {{nl: "{LONG}", en: "{LONG}"}}')
    (tmp_path / "scen").mkdir()
    (tmp_path / "scen" / "mini.yaml").write_text(long_line, encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(tmp_path / "scen"))
    app, pilot = window(size=(800, 600), text_size="larger")
    pilot.press("return")
    pilot.press("return")
    pilot.settle()
    pilot.press("1")
    pilot.settle()
    box = app.top.line.box
    assert box.scroll_bar is not None  # the line is longer than its box
    before = pygame.image.tobytes(box.image, "RGBA")
    pilot.press("page down")
    after = pygame.image.tobytes(box.image, "RGBA")
    assert after != before and box.scroll_bar.start_percentage > 0  # the text moved, not only the bar
    pilot.press("page up")
    assert pygame.image.tobytes(box.image, "RGBA") == before


@pytest.mark.slow
def test_text_the_font_cant_draw_shows_a_fallback_glyph(window, tmp_path, monkeypatch):
    assert drawable("Ineke 😀 شكرا שלום ë —") == f"Ineke {FALLBACK} {FALLBACK * 4} {FALLBACK * 4} ë —"
    odd = (MINIMAL.replace("name: Ineke Bakker", "name: Ineke 😀 Bakker")
           .replace('text: {nl: "Wanneer begint het?", en: "When does it start?"}',
                    'text: {nl: "Wanneer? شكرا שלום 🎉", en: "When? شكرا שלום 🎉"}'))
    (tmp_path / "scen").mkdir()
    (tmp_path / "scen" / "mini.yaml").write_text(odd, encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(tmp_path / "scen"))
    app, pilot = window()
    pilot.press("return")
    pilot.press("return")
    pilot.settle()
    pilot.press("1")
    pilot.settle()
    assert pilot.scene == "meeting"
    assert pilot.has_text(f"Wanneer? {FALLBACK * 4} {FALLBACK * 4} {FALLBACK}")
    assert pilot.has_text(f"Ineke {FALLBACK} Bakker")  # the name drawn on her card
    pilot.press("m")  # and on the mandate card
    assert pilot.has_text(f"Ineke {FALLBACK} Bakker")
