"""The mood timeline (window and HTML report) and the stage's sound: what a trainer projects after a
meeting must show every resident's line, every mark apart and readable, in the room it gets; the
sound is off unless asked for, and what it plays is quiet, looped and never clipped."""

from __future__ import annotations

import math
import re

import pygame
import pytest

from engine import Session, load_scenario_text
from engine.debrief.review import review
from simulator.export.json_data import debrief_data
from simulator.mood_timeline import MARKS, Timeline, Variable, timeline_svg
from simulator.settings import Settings
from simulator.window.mood_chart import PANEL_LEAST, timeline_chart
from tests.crafted import MINIMAL

NAMES = ("Ineke Bakker-van der Wetering", "Bert Veenstra", "Samira Ouali", "Ruud Verbeek", "Marloes Jansen",
         "Dennis Kok")


def timeline(residents: int = 3, steps: int = 12) -> Timeline:
    variables = (Variable("trust", "Vertrouwen", 0, 10, "high"), Variable("anger", "Boosheid", 0, 10, "low"))
    rids = tuple((f"r{k}", NAMES[k]) for k in range(residents))
    values = {rid: {"trust": tuple((k + i) % 11 for i in range(steps + 1)),
                    "anger": tuple((2 * k + i) % 11 for i in range(steps + 1))} for k, (rid, _) in enumerate(rids)}
    marks = ((1, "best"), (2, "mistake"), (2, "missed"), (5, "missed"), (steps, "best"))
    return Timeline(variables, rids, tuple(range(4, 4 + steps)), values, marks)


@pytest.fixture(scope="module")
def fonts():
    from simulator.window.theme import load_theme_file
    from simulator.window.widgets import Fonts
    pygame.font.init()
    return Fonts(load_theme_file())


def test_the_window_chart_lays_no_text_over_another_and_fits_the_view_it_gets(fonts):
    tl = timeline(6)
    chart = timeline_chart(tl, "nl", fonts, 700)
    boxes = [(text, pygame.Rect(where.as_tuple())) for text, where, _ in chart.texts]
    for i, (text, box) in enumerate(boxes):
        assert 0 <= box.x and box.right <= 700, text
        for other, o in boxes[i + 1:]:
            assert not box.colliderect(o), (text, other)
    roomy = chart.surface.get_height()
    fitted = timeline_chart(tl, "nl", fonts, 700, fit=roomy - 80)
    assert fitted.surface.get_height() <= roomy - 80
    tiny = timeline_chart(tl, "nl", fonts, 700, fit=50)  # never lower than a panel can show
    assert tiny.surface.get_height() >= len(tl.variables) * PANEL_LEAST


def test_the_report_svg_has_a_line_per_resident_and_panel_every_mark_apart_and_a_legend_inside(fonts):
    tl = timeline(6)
    svg = timeline_svg(tl, "nl")
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(lines) == len(tl.residents) * len(tl.variables)
    assert all(len(points.split()) == tl.points for points in lines)
    # Each mark once; a missed opportunity below the mistake at the same move, not on it.
    best = re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)" r="5" fill', svg)
    missed = re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)" r="4.5" fill="none"', svg)
    mistakes = re.findall(r'<path d="M[\d.]+,([\d.]+) ', svg)
    assert len(best) == 2 + 1 and len(missed) == 2 + 1 and len(mistakes) == 1 + 1  # the legend has one of each
    assert float(missed[0]) - (float(mistakes[0]) + 4.5) >= 4.5 + 2  # a clear gap between the two marks
    # The legend's texts start inside the picture and, by their length, end inside it.
    for x, text in re.findall(r'<text x="([\d.]+)" y="[\d.]+" fill="#1f2933">([^<]+)</text>', svg):
        assert float(x) + 7.4 * len(text) <= width + 1, text


def test_window_and_report_draw_the_same_lines_from_one_playthrough():
    s = load_scenario_text(MINIMAL)
    session = Session.start(s, seed=3)
    for move in ("veilig", "luisteren", "uitleggen"):
        while session.can_continue:
            session.advance()
        session.answer(move) if session.question is not None else session.choose(move)
    r = review(s, session.history, session.state.ending, transcript=session.state.transcript)
    window, report = Timeline.from_review(r, "nl"), Timeline.from_data(debrief_data(r, "nl"))
    assert window == report
    assert window.values["ineke"]["trust"] == (5, 7, 7) and window.values["bert"]["anger"] == (6, 5, 8)
    assert {kind for _, kind in window.marks} <= set(MARKS)


# -- sound ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_sound_is_off_by_default_and_then_no_audio_device_is_opened():
    from simulator.window.pilot import open_app
    assert Settings().sound == "off"
    app, pilot = open_app(persist=False, text_speed="instant")
    try:
        pilot.press("return")
        pilot.settle()
        assert app.sound.level == "off"
        assert not pygame.mixer.get_init()
    finally:
        app.close()


@pytest.mark.parametrize("kind", ("kitchen", "hall", "council", "phone", "online"))
def test_each_room_has_a_quiet_ambience_that_loops_without_a_click(kind):
    from simulator.window import sound_synth
    samples = sound_synth.ambience(kind, seconds=1.0)
    assert len(samples) == sound_synth.RATE
    peak = max(abs(x) for x in samples)
    rms = math.sqrt(sum(x * x for x in samples) / len(samples))
    assert 0.002 < rms and peak <= 0.5  # audible, and quiet under what is said
    typical = sum(abs(b - a) for a, b in zip(samples, samples[1:])) / len(samples)
    assert abs(samples[0] - samples[-1]) <= max(6 * typical, 0.02)  # the seam is like any other step


def test_a_mood_cue_rises_for_the_better_and_falls_for_the_worse():
    from simulator.window import sound_synth

    def pitch(samples: list[float]) -> float:  # zero crossings per sample, over the second half
        half = samples[len(samples) // 2:]
        return sum(1 for a, b in zip(half, half[1:]) if a < 0 <= b) / len(half)

    up, down = sound_synth.cue(True), sound_synth.cue(False)
    assert max(abs(x) for x in up + down) < 1.0
    first_up, first_down = up[: len(up) // 3], down[: len(down) // 3]
    assert pitch(up) > pitch(first_up) * 0.99 and pitch(down) < pitch(first_down) * 1.01
