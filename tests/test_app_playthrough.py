"""Whole meetings in the window, headless: by keyboard and by mouse, start screen to debrief."""

from __future__ import annotations

import random

import pytest

from engine import load_scenario
from simulator.journal import Journal
from simulator.window.layout import SIDE_LOG_MIN_WIDTH
from simulator.window.pilot import play_to_debrief
from tests.conftest import SHIPPED, opened_windows
from tests.matrix import matrix


@pytest.fixture
def window():
    """Windows that save settings and the journal as the real one does (text shown at once)."""
    yield from opened_windows(text_speed="instant")


def seeded(seed: int):
    rnd = random.Random(seed)
    return lambda n: rnd.randrange(n)


def open_scenario(pilot, scenario_id: str, mouse: bool = False) -> None:
    if mouse:
        scenario = load_scenario(str(next(p for p in SHIPPED if p.stem == scenario_id)))
        pilot.click(scenario.title.get(pilot.app.settings.language))
    else:
        pilot.focus_on(scenario_id)
        pilot.press("return")
    pilot.settle()
    assert pilot.scene == "briefing"


def finish_debrief(pilot, mouse: bool) -> None:
    app = pilot.app
    assert pilot.scene == "debrief"
    if mouse:
        pilot.click_at(app.top.rating.digits["overall"][3].rect.center)
        pilot.click(app.top.tr("rt_done"))
    else:
        pilot.press("4")
        pilot.focus_on(app.top.tr("rt_done"), key="tab")
        pilot.press("return")
    assert app.top.page == "overview"
    pilot.wait_for_review()
    assert pilot.has_text(app.top.tr("ury_steps")) and pilot.has_text(app.top.tr("empathy"))
    review = app.top.review
    for i in range(len(review.decisions)):
        if mouse:
            pilot.click(app.top.tr("next"))
        else:
            pilot.press("right")
        pilot.settle()
        assert pilot.has_text(app.top.tr("decision_of", n=i + 1, total=len(review.decisions)))
    pilot.press("right") if not mouse else pilot.click(app.top.tr("next"))
    assert pilot.has_text(app.top.tr("reflection")) and pilot.has_text(app.top.tr("tips"))


@pytest.mark.slow
@pytest.mark.parametrize("path", matrix(SHIPPED, quick=lambda p: p.stem == "speeltuin-kort", ids=lambda p: p.stem))
def test_a_whole_meeting_by_keyboard(window, path):
    app, pilot = window()
    open_scenario(pilot, path.stem)
    picked = play_to_debrief(pilot, seeded(len(path.stem)))
    assert picked
    finish_debrief(pilot, mouse=False)
    record = Journal().sessions(path.stem)[0]
    assert record.finished and record.ending and record.steps == len(app.top.play.session.history)


@pytest.mark.slow
@pytest.mark.parametrize("path", matrix(SHIPPED, quick=lambda p: p.stem == "speeltuin", ids=lambda p: p.stem))
def test_a_whole_meeting_by_mouse(window, path):
    app, pilot = window(size=(1280, 720))
    open_scenario(pilot, path.stem, mouse=True)
    play_to_debrief(pilot, seeded(7), mouse=True)
    finish_debrief(pilot, mouse=True)
    assert Journal().sessions(path.stem)[0].finished


@pytest.mark.slow
def test_arrow_keys_and_enter_choose_the_highlighted_choice(window):
    app, pilot = window()
    open_scenario(pilot, "speeltuin-kort")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.settle()
        pilot.press("down")  # from nothing to the first answer
        pilot.press("return")
        pilot.settle()
    scene = app.top
    while not scene.session.choices:
        pilot.press("return")
        pilot.settle()
        scene = app.top
    node, second = scene.session.node.id, scene.session.choices[1].id
    assert pilot.current_focus() is None  # nothing has the focus until the trainee moves
    pilot.press("down")
    pilot.press("down")
    assert scene.panel.cards[1][0].button.is_selected and pilot.current_focus() == second
    pilot.press("return")
    pilot.settle()
    assert scene.session.history[-1].node_id == node and scene.session.history[-1].choice_id == second


@pytest.mark.slow
def test_the_typewriter_shows_the_whole_line_on_a_key(window):
    app, pilot = window(text_speed="slow")
    open_scenario(pilot, "speeltuin-kort")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.press("1")
        pilot.wait_until(lambda: app.top.pending is None)
    pilot.step(3)
    scene = app.top
    assert scene.line.typewriter is not None and not scene.line.typewriter.done
    def shown() -> list:
        items = [card.button for card, _ in scene.panel.cards] + [scene.line.continue_button]
        return [b for b in items if b is not None and b.visible]

    assert shown() == []  # the choices wait for the line
    pilot.press("x")
    assert scene.line.typewriter.done
    assert shown()


@pytest.mark.slow
def test_closing_mid_meeting_asks_first_and_the_session_can_be_continued(window):
    app, pilot = window()
    open_scenario(pilot, "speeltuin-kort")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.press("1")
        pilot.settle()
    pilot.press("return")
    pilot.settle()
    node = app.top.session.node.id
    history = len(app.top.session.history)
    pilot.quit()
    assert app.running and pilot.scene == "confirm_quit"
    pilot.press("escape")
    assert pilot.scene == "meeting"
    pilot.quit()
    pilot.click(app.top.tr("stop"))
    assert not app.running

    app2, pilot2 = window()
    assert pilot2.has_text(app2.top.tr("continue_last"))
    pilot2.click(app2.top.tr("continue_last"))
    pilot2.settle()
    assert pilot2.scene == "meeting"
    assert app2.top.session.node.id == node and len(app2.top.session.history) == history


@pytest.mark.slow
def test_escape_opens_the_menu_and_back_to_start_keeps_the_session(window):
    app, pilot = window()
    open_scenario(pilot, "speeltuin-kort")
    pilot.press("return")
    pilot.settle()
    pilot.press("1")
    pilot.settle()
    pilot.press("escape")
    assert pilot.scene == "menu"
    pilot.press("escape")
    assert pilot.scene == "preparation"
    pilot.press("escape")
    pilot.click(app.top.tr("to_start"))
    assert pilot.scene == "start"
    assert pilot.has_text(app.top.tr("continue_last"))


@pytest.mark.slow
def test_settings_change_the_language_at_once_and_persist(window):
    app, pilot = window()
    pilot.click(app.top.tr("settings"))
    assert pilot.scene == "settings"
    pilot.click("English")
    assert pilot.has_text("Text size") and app.settings.language == "en"
    pilot.click("Extra large")
    assert app.settings.text_size == "larger"
    pilot.press("escape")
    assert pilot.scene == "start" and pilot.has_text("Choose a meeting")

    from simulator import settings
    stored = settings.load()
    assert stored.language == "en" and stored.text_size == "larger"


@pytest.mark.slow
def test_settings_by_keyboard_left_and_right_change_the_focused_row(window):
    app, pilot = window()
    pilot.focus_on(app.top.focus.items[-2].name)  # the settings button
    pilot.press("return")
    assert pilot.scene == "settings"
    pilot.focus_on("row:text_speed")
    pilot.press("right")
    assert app.settings.text_speed != "instant"
    pilot.focus_on("row:language")
    pilot.press("right")
    assert app.settings.language == "en"


def test_an_authored_balcony_choice_looks_like_every_other_option(window, tmp_path, monkeypatch):
    """Issue 14: a balcony move gives itself away by nothing — not its colour, number, place or label."""
    from tests.test_app_screens import BALCONY_SCENARIO
    (tmp_path / "scen").mkdir()
    (tmp_path / "scen" / "balkon.yaml").write_text(BALCONY_SCENARIO, encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(tmp_path / "scen"))
    app, pilot = window()
    pilot.press("return")
    pilot.press("return")
    pilot.settle()
    scene = app.top
    assert pilot.scene == "meeting"
    shown = [c.id for c in scene.session.choices]  # the engine's order: the window never reorders
    assert [option.id for _, option in scene.panel.cards] == shown
    assert {card.object_id for card, _ in scene.panel.cards} == {"#card"}
    numbers = [card.gutter.html_text for card, _ in scene.panel.cards]
    assert [n.count(f">{i + 1}<") for i, n in enumerate(numbers)] == [1] * len(shown)
    gaps = {b.box.y - a.box.bottom for (a, _), (b, _) in zip(scene.panel.cards, scene.panel.cards[1:])}
    assert len(gaps) == 1  # evenly spaced: the balcony is not set apart
    cards = " ".join(card.text.html_text for card, _ in scene.panel.cards)
    assert "balkon" not in cards.lower()  # the old label; B is the time-out, open at every decision alike
    assert len(scene.session.history) == 0
    pilot.press(str(shown.index("balkon") + 1))
    pilot.settle()
    assert scene.session.history[-1].choice_id == "balkon"


@pytest.mark.slow
def test_resizing_mid_meeting_keeps_the_meeting(window):
    app, pilot = window()
    open_scenario(pilot, "speeltuin-kort")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.press("1")
        pilot.settle()
    before = app.top.session.node.id
    for w, h in ((800, 600), (1920, 1080), (1024, 700)):
        pilot.resize(w, h)
        pilot.settle()
        assert app.size == (w, h) and pilot.scene == "meeting" and app.top.session.node.id == before
    assert (app.top.plan.log is None) == (app.size[0] < SIDE_LOG_MIN_WIDTH)
    pilot.press("l")
    assert app.top.log.open and pilot.has_text(app.top.tr("log"))
    pilot.press("escape")
    assert not app.top.log.open and pilot.scene == "meeting"



@pytest.mark.slow
def test_a_journal_that_fails_never_stops_the_meeting(window, monkeypatch):
    from simulator.journal import Journal as J
    from simulator.journal import JournalError

    def broken(self, session_id, session):
        raise JournalError("/tmp/journal.sqlite3: can't save the session (disk full)")

    monkeypatch.setattr(J, "save", broken)
    app, pilot = window()
    open_scenario(pilot, "speeltuin-kort")
    pilot.press("return")
    pilot.press("1")
    pilot.settle()
    assert pilot.scene == "preparation" and app.top.play.save_error and not app.top.play.saved
    pilot.quit()
    assert pilot.scene == "confirm_quit"
    assert pilot.has_text(app.top.tr("confirm_quit_unsaved"))


@pytest.mark.slow
def test_f11_switches_to_full_screen_and_back(window):
    app, pilot = window(persist=False)
    pilot.press("f11")
    pilot.settle()
    assert app.settings.fullscreen and pilot.scene == "start" and pilot.has_text(app.top.tr("choose_scenario"))
    pilot.press("f11")
    pilot.settle()
    assert not app.settings.fullscreen and pilot.scene == "start"


@pytest.mark.slow
def test_the_own_estimate_is_kept_and_a_decision_can_be_replayed(window):
    app, pilot = window()
    open_scenario(pilot, "speeltuin-kort")
    play_to_debrief(pilot, seeded(3))
    first = app.top.play
    pilot.press("2")
    pilot.click(app.top.tr("rt_done"))
    pilot.wait_for_review()
    assert Journal().rating(first.session_id).scores == {"overall": 2}
    own = f"{app.top.tr('scale_own')} 2 · "  # the estimate beside the measurement, on one scale
    assert any(t.startswith(own) for t in pilot.texts())
    decisions = app.top.review.decisions
    target = next(d for d in decisions if not d.is_prep)
    for _ in range(target.index + 1):
        pilot.press("right")
    pilot.click(app.top.tr("replay_from_here") + " (R)")
    pilot.settle()
    assert pilot.scene == "meeting"
    replay = app.top.play
    assert replay.session_id != first.session_id and replay.session.node.id == target.decision.node_id
    assert len(replay.session.history) == target.index
    assert Journal().get(replay.session_id).parent_id == first.session_id
