"""The decision is the screen: every option in view at the authoring limit, and nothing chosen by accident.

A decision at the limit lint allows (``MAX_OPTIONS`` options of ``CHOICE_BUDGET``
characters, after a line of ``LINE_BUDGET``) shows every option whole, without scrolling,
at 1280x720, 1920x1080 and 800x600 with every text size, in both languages; one corner
runs in the quick suite, the rest in the slow step. Space and Enter — the visual novel's
"go on" — never take an option nobody pointed at, in the meeting or the preparation.
"""

from __future__ import annotations

import pygame
import pytest

from engine.scenario.lint import CHOICE_BUDGET, MAX_OPTIONS
from simulator.window.pilot import open_app
from simulator.window.scene import visible_area
from tests.limit import limit_scenario
from tests.matrix import matrix
from tests.test_app_screens import problems_on_screen

SIZES = [(1280, 720), (1920, 1080), (800, 600)]
TEXT_SIZES = ["normal", "large", "larger"]


@pytest.fixture(autouse=True)
def limit_only(tmp_path, monkeypatch):
    """The scenario at the limit as the only one on the start screen."""
    folder = tmp_path / "scen"
    folder.mkdir()
    (folder / "grens.yaml").write_text(limit_scenario(), encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(folder))


def every_option_whole(app, texts: list[str]) -> list[str]:
    """What keeps an option from being read whole where it is: scrolling, clipping, cut text."""
    panel = app.top.panel
    out = []
    if panel.scrolls or panel.more is not None:
        out.append(f"the options scroll at {panel.px} px")
    window = pygame.Rect(0, 0, *app.size)
    assert len(panel.cards) == len(texts) == MAX_OPTIONS
    for (card, option), text in zip(panel.cards, texts):
        assert option.text == text and len(text) == CHOICE_BUDGET
        rect = pygame.Rect(card.button.rect)
        if visible_area(card.button) != rect or not window.contains(rect):
            out.append(f"option {option.id} is not wholly in view: {visible_area(card.button)} of {rect}")
        layout = card.text.text_box_layout
        if card.text.scroll_bar is not None or layout.layout_rect.height > card.text.rect.height + 2:
            out.append(f"option {option.id}'s text is cut off")
        if not rect.contains(card.text.rect):
            out.append(f"option {option.id}'s text leaves its card")
    return out


CORNERS = [(size, text, lang) for size in SIZES for text in TEXT_SIZES for lang in ("nl", "en")]


@pytest.mark.slow
@pytest.mark.parametrize("combo", matrix(CORNERS, quick=lambda c: c == ((800, 600), "larger", "nl"),
                                          ids=lambda c: f"{c[0][0]}x{c[0][1]}-{c[1]}-{c[2]}"))
def test_every_option_at_the_authoring_limit_shows_whole_without_scrolling(combo, tmp_path):
    size, text_size, lang = combo
    app, pilot = open_app(size=size, text_size=text_size, language=lang, text_speed="instant", persist=False)
    try:
        pilot.press("return")
        pilot.press("return")
        pilot.settle()
        assert pilot.scene == "preparation"
        shown = app.top.play.session.prep_options  # in the order this session shows them
        assert every_option_whole(app, [o.text.get(lang) for o in shown]) == []
        assert problems_on_screen(app) == []
        pilot.save(str(tmp_path / "preparation.png"))
        pilot.press("1")
        pilot.settle()
        assert pilot.scene == "meeting" and app.top.deciding
        choices = app.top.session.choices
        assert every_option_whole(app, [c.text.get(lang) for c in choices]) == []
        assert problems_on_screen(app) == []
        pilot.save(str(tmp_path / "decision.png"))
    finally:
        app.close()


@pytest.mark.slow
def test_beyond_the_limit_the_options_scroll_and_say_so(tmp_path, monkeypatch):
    (tmp_path / "scen" / "grens.yaml").write_text(limit_scenario(options=9), encoding="utf-8")
    app, pilot = open_app(size=(800, 600), text_size="larger", text_speed="instant", persist=False)
    try:
        pilot.press("return")
        pilot.press("return")
        pilot.settle()
        pilot.press("1")
        pilot.settle()
        panel = app.top.panel
        assert panel.scrolls and panel.more is not None and panel.more.visible
        assert pilot.has_text(app.top.tr("more_options"))
        pilot.press("9")  # the last option, scrolled into view by the focus
        pilot.settle()
        assert app.top.__class__.__name__ == "EndingScene" or app.top.session.history[-1].choice_id == "k9"
    finally:
        app.close()


def decisions(app) -> int:
    return len(app.top.play.session.history)


@pytest.mark.slow
def test_space_and_enter_twice_after_a_line_never_choose():
    app, pilot = open_app(size=(1280, 720), text_speed="normal", persist=False)
    try:
        pilot.press("return")
        pilot.press("return")
        pilot.settle()
        for key in ("space", "return", "space", "return"):  # the preparation: no answer is pointed at
            pilot.press(key)
            pilot.settle()
            assert pilot.scene == "preparation" and decisions(app) == 0
        pilot.press("1")
        pilot.wait_until(lambda: pilot.scene == "meeting")  # its line starts typing
        assert not app.top.line_done
        for key in ("space", "space", "return", "return"):  # the first shows the line whole; then nothing
            pilot.press(key)
            assert decisions(app) == 1 and app.top.line_done
        pilot.settle()  # the options have armed: still only pointing chooses
        for key in ("space", "return", "space", "return"):
            pilot.press(key)
            pilot.settle()
        assert decisions(app) == 1 and app.top.pending is None and pilot.current_focus() is None
        pilot.press("down")  # now the trainee points at option 1, and Enter takes it
        pilot.press("return")
        pilot.settle()
        assert decisions(app) == 2
    finally:
        app.close()


@pytest.mark.slow
def test_an_option_arms_a_moment_after_it_appears():
    app, pilot = open_app(size=(1280, 720), text_speed="normal", persist=False)
    try:
        pilot.press("return")
        pilot.press("return")
        pilot.settle()
        pilot.press("1")
        pilot.wait_until(lambda: pilot.scene == "meeting")
        pilot.press("space")  # the line whole: the options appear under the pointer
        card, meant = app.top.panel.cards[1][0], app.top.panel.options[1].id
        pilot.click_at(card.button.rect.center)  # a click meant for the line lands on nothing
        pilot.press("3")  # a number before they arm only points
        assert decisions(app) == 1 and pilot.current_focus() == app.top.panel.options[2].id
        pilot.settle()
        pilot.click_at(card.button.rect.center)
        pilot.settle()
        assert decisions(app) == 2 and app.top.play.session.history[-1].choice_id == meant
    finally:
        app.close()


def test_validate_warns_beyond_the_limit_and_not_at_it():
    from engine.scenario.lint import lint_scenario
    from engine.scenario.loader import load_scenario_text

    def warnings(text: str) -> list[str]:
        return [p.message for p in lint_scenario(load_scenario_text(text, "grens.yaml"), text)]

    at_limit = warnings(limit_scenario())
    assert not [w for w in at_limit if "characters" in w or "options" in w or "answers" in w or "choices;" in w]
    too_many = warnings(limit_scenario(options=MAX_OPTIONS + 1))
    assert any(f"node 'opening' offers {MAX_OPTIONS + 1} choices" in w and f"up to {MAX_OPTIONS}" in w
               for w in too_many)
    assert any(f"preparation question 'vraag' has {MAX_OPTIONS + 1} answers" in w for w in too_many)
    too_long = warnings(limit_scenario(length=CHOICE_BUDGET + 1))
    assert any(f"is {CHOICE_BUDGET + 1} characters" in w and "choices[k1]" in w for w in too_long)
