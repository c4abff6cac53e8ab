"""Both paths side by side in the window, headless: a replay from a debrief decision, played
to the end, offers the comparison with the first attempt; it shows both choices at the
branch point, in two columns on a wide window and one under the other on a narrow one,
saved or not."""

from __future__ import annotations

import pygame
import pytest

from simulator.journal import Journal, JournalError
from simulator.window import play as play_mod
from simulator.window.pilot import open_app, play_to_debrief, render_model
from tests.test_app_screens import problems_on_screen
from tests.test_app_text import missing_glyphs


@pytest.fixture
def replayed():
    """A first attempt (always the first option), then a replay from its first meeting decision
    (always the last option) played to its debrief; returns (app, pilot, first play, branch decision)."""
    opened = []

    def make(size=(1280, 720), language="nl"):
        app, pilot = open_app(size=size, text_speed="instant", language=language, persist=False)
        opened.append(app)
        pilot.resize(*size)
        pilot.focus_on("speeltuin-kort")
        pilot.press("return")
        play_to_debrief(pilot, lambda n: 0)
        pilot.click(app.top.tr("skip"))
        pilot.wait_for_review()
        first = app.top.play
        target = next(d for d in app.top.review.decisions if not d.is_prep)
        assert not app.top.play.is_replay and not pilot.has_text(app.top.tr("cmp_link"))
        pilot.click(app.top.tr("decisions"))
        for _ in range(target.index):
            pilot.press("right")
        pilot.press("r")
        pilot.settle()
        assert pilot.scene == "meeting"
        assert pilot.has_text(app.top.tr("replay_from", n=target.index + 1))  # the meeting says it is a replay
        play_to_debrief(pilot, lambda n: n - 1)
        # One decision played again: straight to the figures and both paths, no second estimate.
        assert app.top.page == "overview"
        pilot.wait_for_review()
        return app, pilot, first, target

    yield make
    for app in opened:
        app.close()


def shown_text_box(app, text: str) -> pygame.Rect:
    found = [i["rect"] for i in render_model(app) if i["kind"] == "text" and text in i["text"]]
    assert found, f"{text!r} is not on the page"
    return found[0]


def page_through(app, pilot) -> list[str]:
    """Scroll the compare page to its end; the layout problems seen on the way."""
    problems = problems_on_screen(app)
    for _ in range(12):
        pilot.press("pagedown")
        pilot.settle()
        problems += problems_on_screen(app)
    return problems


@pytest.mark.slow
def test_a_replay_played_to_the_end_compares_both_choices_at_the_branch_point(replayed):
    app, pilot, first, target = replayed()
    scene = app.top
    replay = scene.play
    assert replay.session_id != first.session_id and Journal().get(replay.session_id).parent_id == first.session_id
    assert pilot.has_text(scene.tr("cmp_tab"))
    pilot.click(scene.tr("cmp_link"))
    assert scene.page == "compare"
    assert pilot.has_text(scene.tr("paths_title", n=target.index + 1))
    before = target.chosen_text.get("nl")
    after = replay.review().decisions[target.index].chosen_text.get("nl")
    assert before != after
    assert pilot.has_text(before) and pilot.has_text(after)
    assert pilot.has_text(scene.tr("paths_first_n", id=first.session_id).capitalize())
    assert page_through(app, pilot) == []
    # The totals, first time and this time, per dimension and overall.
    comparison, _ = replay.comparison()
    total = [i for i in render_model(app) if i["kind"] == "drawn" and i["text"] == scene.tr("overall")]
    assert total
    row = total[0]["rect"]
    figures = sorted((i["rect"].x, i["text"]) for i in render_model(app)
                     if i["kind"] == "drawn" and i["rect"].x > row.right and abs(i["rect"].y - row.y) < row.height)
    change = comparison.change("overall")
    assert [t for _, t in figures] == [str(comparison.first_totals["overall"]),
                                        str(comparison.second_totals["overall"]),
                                        f"{change:+d}" if change else "0"]


@pytest.mark.slow
def test_the_pages_of_a_replay_include_the_comparison_and_arrows_reach_it(replayed):
    app, pilot, _, _ = replayed()
    assert app.top.page == "overview"
    pilot.press("right")
    assert app.top.page == "compare"
    pilot.press("right")
    assert app.top.page == "decision"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", pytest.param("en", marks=pytest.mark.slow)])
def test_wide_windows_show_two_columns_and_narrow_ones_stack_them(replayed, language):
    app, pilot, _, target = replayed(size=(1920, 1080), language=language)
    pilot.click(app.top.tr("cmp_link"))
    before = target.chosen_text.get(language)
    after = app.top.play.review().decisions[target.index].chosen_text.get(language)
    a, b = shown_text_box(app, before), shown_text_box(app, after)
    assert a.y == b.y and b.x >= a.right  # side by side
    assert page_through(app, pilot) == []

    pilot.resize(640, 400)
    pilot.settle()
    assert app.top.page == "compare"
    a, b = shown_text_box(app, before), shown_text_box(app, after)
    assert a.x == b.x and b.y >= a.bottom  # one under the other
    assert page_through(app, pilot) == []


@pytest.mark.slow
def test_every_letter_on_the_comparison_can_be_drawn(replayed):
    from simulator.window.theme import FONT_FILES, FONTS
    pygame.freetype.init()
    fonts = [pygame.freetype.Font(str(FONTS / f), 16) for f in FONT_FILES.values()]
    for language in ("nl", "en"):
        app, pilot, _, _ = replayed(language=language)
        pilot.click(app.top.tr("cmp_link"))
        texts = " ".join(pilot.texts())
        assert missing_glyphs(fonts, texts) == set(), language


@pytest.mark.slow
def test_a_replay_that_could_not_be_saved_still_compares(replayed, monkeypatch):
    def refuse(*args, **kwargs):
        raise JournalError("journal.sqlite3: disk full")

    monkeypatch.setattr(Journal, "start", refuse)
    app, pilot, first, target = replayed()
    assert first.session_id is None and app.top.play.session_id is None
    pilot.click(app.top.tr("cmp_link"))
    assert pilot.has_text(target.chosen_text.get("nl"))
    assert pilot.has_text(app.top.tr("paths_first").capitalize())


@pytest.mark.slow
def test_a_replay_opened_again_from_the_journal_compares_with_its_first_attempt(replayed):
    app, pilot, first, target = replayed()
    replay = app.top.play
    again = play_mod.Play(replay.scenario, replay.scenario_path, "nl", Journal(), session=replay.session,
                          session_id=replay.session_id)
    assert again.parent is None and again.is_replay and again.parent_id == first.session_id
    comparison, error = again.comparison()
    assert error is None and comparison.branch_index == target.index
    step = comparison.steps[0]
    assert step.first.decision.choice_id == target.decision.choice_id != step.second.decision.choice_id
