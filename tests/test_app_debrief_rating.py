"""The window's self-rating (Plus-Delta), headless: every step asked before any figure, by
keys and by mouse, stored with the session, skippable, and set beside the measurement."""

from __future__ import annotations

import random

import pygame
import pytest

from engine import load_scenario
from engine.scenario.dimensions import DIMENSIONS
from simulator.debrief_words import scale_number
from simulator.journal import Journal
from simulator.perspective import rating_comparison, rating_questions
from simulator.window import play as play_mod
from simulator.window.pilot import open_app, play_to_debrief, render_model
from tests.conftest import SCENARIOS
from tests.matrix import matrix
from tests.test_app_screens import problems_on_screen

SCENARIO = load_scenario(str(SCENARIOS / "speeltuin-kort.yaml"))


@pytest.fixture
def debrief():
    """A window on the debrief's rating page after a whole speeltuin-kort meeting."""
    opened = []

    def make(size=(1280, 720), language="nl"):
        app, pilot = open_app(size=size, text_speed="instant", language=language, persist=False)
        opened.append(app)
        pilot.resize(*size)  # below the real window's minimum: laid out at exactly this size
        pilot.focus_on("speeltuin-kort")
        pilot.press("return")
        rnd = random.Random(5)
        play_to_debrief(pilot, lambda n: rnd.randrange(n))
        assert app.top.page == "rating"
        return app, pilot

    yield make
    for app in opened:
        app.close()


def type_text(pilot, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch, window=None))
    pilot.step(2)


def drawn(app, text: str) -> pygame.Rect:
    found = [i["rect"] for i in render_model(app) if i["kind"] == "drawn" and i["text"] == text]
    assert found, f"{text!r} is not drawn"
    return found[0]


def drawn_in_row(app, row: pygame.Rect) -> list[tuple[int, str]]:
    """Drawn texts to the right of a row's label, on its line: (x, text), left to right."""
    return sorted((i["rect"].x, i["text"]) for i in render_model(app)
                  if i["kind"] == "drawn" and i["rect"].x > row.right and abs(i["rect"].y - row.y) < row.height)


@pytest.mark.slow
def test_no_figure_before_the_rating_and_every_scored_step_is_asked(debrief):
    app, pilot = debrief()
    shown = " ".join(pilot.texts())
    for q in rating_questions(SCENARIO, "nl"):
        pilot.focus_on(f"rate:{q.key}")
        assert q.title in " ".join(pilot.texts())
    assert app.top.tr("ury_steps") in shown
    assert not pilot.has_text(app.top.tr("overview")) and not pilot.has_text(app.top.tr("scale_title"))
    assert [b for b in pilot.texts() if b == app.top.tr("chart_note")] == []


@pytest.mark.slow
def test_rating_with_keys_is_stored_per_step_with_plus_and_delta(debrief):
    app, pilot = debrief()
    questions = rating_questions(SCENARIO, "nl")
    answers = {q.key: 1 + i % 5 for i, q in enumerate(questions)}
    for q in questions:  # each digit rates the focused row and moves on to the next
        assert pilot.current_focus() == f"rate:{q.key}"
        pilot.press(str(answers[q.key]))
    # The last digit moved the focus into the Plus note: its character is not typed there.
    assert pilot.current_focus() == "note:plus" and app.top.rating.entries["plus"].get_text() == ""
    step3 = next(q.key for q in questions if q.key == "step3")
    pilot.focus_on(f"rate:{step3}", key="up")
    pilot.press("left")  # one lower, and the focus stays
    answers[step3] -= 1
    assert pilot.current_focus() == f"rate:{step3}"
    pilot.press("backspace")  # cleared, then right on an empty row starts in the middle
    pilot.press("right")
    assert app.top.rating.scores[step3] == 3
    answers[step3] = 3
    pilot.focus_on("note:plus")
    type_text(pilot, "Ik bleef rustig")
    pilot.press("tab")
    assert pilot.current_focus() == "note:delta"
    before = dict(app.top.rating.scores)
    pilot.press("5")  # a digit typed in the text field is text (its TEXTINPUT follows), not a rating
    type_text(pilot, " keer eerder doorvragen")
    assert app.top.rating.scores == before
    pilot.press("tab")
    pilot.focus_on(app.top.tr("rt_done"), key="tab")
    pilot.press("return")
    play = app.top.play
    assert app.top.page == "overview"

    stored = Journal().rating(play.session_id)  # read back from the file, as a new window would
    assert dict(stored.scores) == answers
    assert stored.plus == "Ik bleef rustig" and stored.delta == "5 keer eerder doorvragen"
    pilot.wait_for_review()
    assert pilot.has_text("Ik bleef rustig") and pilot.has_text("5 keer eerder doorvragen")


@pytest.mark.slow
def test_the_overview_shows_the_own_rating_beside_the_measurement(debrief):
    app, pilot = debrief()
    for key in ("overall", "step1", "step2", "step3"):
        pilot.focus_on(f"rate:{key}")
        pilot.press({"overall": "4", "step1": "1", "step2": "2", "step3": "5"}[key])
    pilot.click(app.top.tr("rt_done"))
    pilot.wait_for_review()
    lines = {line.key: line for line in rating_comparison(app.top.review, app.top.play.rating, "nl")}
    step3 = lines["step3"]
    assert step3.own == 5 and step3.measured is not None
    dims = {d.key: d for d in DIMENSIONS}

    def title(key: str) -> str:
        return f"{dims[key].short.get('nl')} · {dims[key].label.get('nl')}"
    cells = [t for _, t in drawn_in_row(app, drawn(app, title("step3")))]
    own_word = app.top.tr("scale_own")
    measured = scale_number(app.top.review.dimension("step3").scale, "nl")
    assert cells[0] == f"{own_word} 5 · {measured}"  # own first, then measured, on one 1-5 scale
    unrated = next(k for k in ("step4", "step5", "e1", "e2", "e3", "e4")
                   if app.top.review.dimension(k).scale is not None and len(title(k)) < 40)
    assert [t for _, t in drawn_in_row(app, drawn(app, title(unrated)))][0].startswith(f"{own_word} – · ")
    if step3.note:
        assert pilot.has_text(step3.note)
    assert problems_on_screen(app) == []


@pytest.mark.slow
def test_the_mouse_rates_and_skipping_stores_nothing(debrief):
    app, pilot = debrief()
    scene = app.top
    row = scene.rating.digits["step2"]
    pilot.click_at(row[2].rect.center)  # "3" in the step 2 row
    assert scene.rating.scores == {"step2": 3} and row[2].is_selected
    pilot.click(scene.tr("skip"))
    assert scene.page == "overview" and scene.play.rated
    assert Journal().rating(scene.play.session_id) is None
    pilot.wait_for_review()
    own = scene.tr("scale_own") + " "
    assert not [t for t in pilot.texts() if t.startswith(own) and " · " in t]  # no estimate beside the figures


@pytest.mark.slow
def test_the_overall_rating_alone_is_kept(debrief):
    app, pilot = debrief(language="en")
    pilot.press("2")
    pilot.click("Show the figures")
    stored = Journal().rating(app.top.play.session_id)
    assert dict(stored.scores) == {"overall": 2} and stored.plus == "" and stored.delta == ""


@pytest.mark.slow
def test_a_rated_session_opened_again_goes_straight_to_the_figures(debrief):
    app, pilot = debrief()
    pilot.press("3")
    pilot.click(app.top.tr("rt_done"))
    play = app.top.play
    again = play_mod.Play(play.scenario, play.scenario_path, "nl", Journal(), session=play.session,
                          session_id=play.session_id)
    assert again.rated and again.rating.scores == {"overall": 3}


@pytest.mark.slow
@pytest.mark.parametrize("size", matrix([(640, 400), (1920, 1080)], quick=lambda s: s == (640, 400),
                                         ids=lambda s: f"{s[0]}x{s[1]}"))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rating_page_and_the_overview_fit(debrief, size, language):
    app, pilot = debrief(size, language)
    assert problems_on_screen(app) == []
    for _ in rating_questions(SCENARIO, language):
        pilot.press("4")
    assert pilot.current_focus() == "note:plus"
    pilot.settle()
    entry = app.top.rating.entries["plus"]
    assert pygame.Rect(app.top.rating.area.box.as_tuple()).contains(entry.rect)  # scrolled into view
    assert problems_on_screen(app) == []
    pilot.click(app.top.tr("rt_done"))
    pilot.wait_for_review()
    assert problems_on_screen(app) == []
    # The charts are drawn (not widgets): none of their texts may stick out at the sides.
    assert all(0 <= i["rect"].x and i["rect"].right <= size[0] for i in render_model(app) if i["kind"] == "drawn")
