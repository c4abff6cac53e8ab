"""Coach mode in the window: with it on, each decision is followed by the hint ``coach_hint``
gives for it, in a card that stays until the next decision and never covers the residents,
what they say, or the choices; with it off (the default) nothing of the kind is shown."""

from __future__ import annotations

import json

import pygame
import pytest

from engine import load_scenario_text
from simulator import settings as settings_mod
from simulator.coach import coach_hint
from simulator.window.pilot import open_app, render_model
from simulator.window.scene import visible_area
from tests.crafted import MINIMAL
from tests.test_app_screens import problems_on_screen

MINI = load_scenario_text(MINIMAL, "mini.yaml")


@pytest.fixture(autouse=True)
def mini_only(tmp_path, monkeypatch):
    """The crafted scenario as the only one on the start screen."""
    folder = tmp_path / "scen"
    folder.mkdir()
    (folder / "mini.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(folder))


def coach_texts(pilot) -> list[str]:
    return [t for t in pilot.texts() if t.startswith("Coach:")]


def to_meeting(pilot, answer: str = "1") -> None:
    """Start screen -> briefing -> the one preparation question -> the meeting."""
    pilot.press("return")
    pilot.settle()
    pilot.press("return")
    pilot.settle()
    assert pilot.scene == "preparation"
    pilot.pick_written(int(answer))
    pilot.settle()
    assert pilot.scene == "meeting"


def choose(pilot, key: str) -> None:
    """The key-th option as the scenario writes it (the window shows them in a fresh order)."""
    pilot.pick_written(int(key))
    pilot.settle()


def go_on(pilot) -> None:
    while pilot.scene == "meeting" and pilot.app.top.session.can_continue:
        pilot.press("return")
        pilot.settle()


@pytest.mark.slow
def test_with_coach_mode_each_decision_is_followed_by_its_hint_until_the_next():
    app, pilot = open_app(size=(1280, 720), persist=False, text_speed="instant", coach=True)
    try:
        to_meeting(pilot, "1")
        # The preparation answer's hint carries into the meeting, up to the first choice.
        prep = coach_hint(MINI, MINI.preparation.questions[0].option("veilig"), "nl")
        assert coach_texts(pilot) == [prep] and prep == "Coach: Dit versterkt Stap 1 (Bereid je voor)."
        choose(pilot, "1")  # luisteren leads straight to the next decision: the card is there
        assert not app.top.session.can_continue and app.top.session.choices
        assert coach_texts(pilot) == [coach_hint(MINI, MINI.choice("opening.luisteren"), "nl")]
        assert "Stap 3 (Ga naast de ander staan)" in coach_texts(pilot)[0]
        choose(pilot, "2")  # uitleggen: works against step 3 and e2
        hint = coach_hint(MINI, MINI.choice("midden.uitleggen"), "nl")
        assert coach_texts(pilot) == [hint] and "gaat in tegen" in hint
        assert app.top.coach_card.note.tone == "poor"
        assert app.top.session.can_continue  # the narrator's line: the card beside "continue"
        pilot.press("return")  # on to the next choices: the card has been read, it makes room
        pilot.settle()
        assert app.top.session.choices and coach_texts(pilot) == []
        go_on(pilot)
        choose(pilot, "1")  # 'later' scores nothing: no hint, and the previous one is gone
        assert pilot.scene == "ending"
        assert coach_texts(pilot) == []
    finally:
        app.close()


@pytest.mark.slow
def test_without_coach_mode_the_residents_reaction_is_the_only_feedback():
    app, pilot = open_app(size=(1280, 720), persist=False, text_speed="instant")
    assert not app.settings.coach  # off by default
    try:
        to_meeting(pilot, "1")
        for key in ("1", "2"):
            choose(pilot, key)
            assert coach_texts(pilot) == [] and app.top.coach_card is None
            go_on(pilot)
        assert not any("Stap" in t for t in pilot.texts())
    finally:
        app.close()


@pytest.mark.slow
def test_a_preparation_answer_heads_the_next_question_with_its_hint(monkeypatch):
    monkeypatch.delenv("TUSSENWERKER_SCENARIOS")  # the shipped short scenario has three questions
    app, pilot = open_app(size=(1280, 720), persist=False, text_speed="instant", coach=True, language="en")
    try:
        pilot.focus_on("speeltuin-kort")
        pilot.press("return")
        pilot.settle()
        pilot.press("return")
        pilot.settle()
        scene = app.top
        first = scene.question.options[1]
        assert coach_texts(pilot) == []
        choose(pilot, "2")
        assert pilot.scene == "preparation"
        assert coach_texts(pilot) == [coach_hint(scene.play.scenario, first, "en")]
    finally:
        app.close()


def _settings_row(pilot, value: str) -> None:
    """In the settings screen: the coach row, then the option showing ``value``."""
    pilot.click(value, nth=_option_index(pilot, value))
    pilot.settle()


def _option_index(pilot, value: str) -> int:
    """The button with that text on the coach row ('Aan'/'Uit' occur on other rows too)."""
    items = render_model(pilot.app)
    label = next(i["rect"] for i in items if i.get("text") == pilot.app.top.tr("cm_setting"))
    buttons = [i for i in items if i["kind"] == "button" and i["text"] == value]
    return next(n for n, b in enumerate(buttons) if abs(b["rect"].centery - label.centery) <= label.height)


@pytest.mark.slow
def test_the_setting_is_a_row_in_settings_and_is_kept(tmp_path):
    app, pilot = open_app(size=(1280, 720), text_speed="instant")
    try:
        pilot.click(app.top.tr("settings"))
        assert pilot.has_text("Coachmodus") and pilot.has_text("alleen de reactie van de bewoners")
        _settings_row(pilot, "Aan")
        assert app.settings.coach is True
        stored = json.loads(settings_mod.settings_path().read_text(encoding="utf-8"))
        assert stored["coach"] is True
        assert settings_mod.load().coach is True  # the next start has it on
        # The keyboard works as on the other rows: left/right on the focused row.
        pilot.focus_on("row:coach")
        pilot.press("left")
        assert app.settings.coach is False and settings_mod.load().coach is False
    finally:
        app.close()


@pytest.mark.slow
def test_switching_it_on_mid_meeting_counts_from_the_next_choice():
    app, pilot = open_app(size=(1280, 720), persist=False, text_speed="instant")
    try:
        to_meeting(pilot, "1")
        choose(pilot, "1")  # made with coach mode off
        pilot.press("escape")
        pilot.click(app.top.tr("settings"))
        _settings_row(pilot, "Aan")
        pilot.press("escape")
        pilot.settle()
        assert pilot.scene == "meeting"
        assert coach_texts(pilot) == []  # no hint for a choice made before
        choose(pilot, "2")
        assert coach_texts(pilot) == [coach_hint(MINI, MINI.choice("midden.uitleggen"), "nl")]
        pilot.press("escape")  # switched off again: the card goes at once
        pilot.click(app.top.tr("settings"))
        _settings_row(pilot, "Uit")
        pilot.press("escape")
        pilot.settle()
        assert pilot.scene == "meeting" and coach_texts(pilot) == []
    finally:
        app.close()


def _apart(a: pygame.Rect, b: pygame.Rect) -> bool:
    inter = a.clip(b)
    return inter.width <= 1 or inter.height <= 1


@pytest.mark.slow
@pytest.mark.parametrize("size,text_size", [((640, 400), "normal"), ((800, 600), "larger"), ((1920, 1080), "larger")],
                         ids=["640x400", "800x600-larger", "1920x1080-larger"])
def test_the_card_fits_and_leaves_the_residents_and_the_choices_free(size, text_size, tmp_path):
    app, pilot = open_app(size=(1280, 720), persist=False, text_speed="instant", text_size=text_size, coach=True)
    try:
        pilot.resize(*size)
        to_meeting(pilot, "1")
        choose(pilot, "1")
        pilot.save(str(tmp_path / "coach.png"))
        scene = app.top
        assert scene.coach_card is not None, "no coach card shown"
        rects = [visible_area(scene.coach_card.image), visible_area(scene.coach_card.text)]
        window = pygame.Rect(0, 0, *size)
        others = [visible_area(c.button) for c, _ in scene.panel.cards] + [
            pygame.Rect(b.as_tuple()) for b in scene.residents.portrait_boxes.values()]
        others.append(pygame.Rect(scene.line.rect.as_tuple()))
        for rect in rects:
            assert window.contains(rect), (rect, window)
            for other in others:
                assert _apart(rect, other), (rect, other)
        assert problems_on_screen(app) == []
    finally:
        app.close()
