"""Every screen at 800×600, 1280×720 and 1920×1080, normal and extra large text: rendered to
PNG (in the test's temporary folder) and checked from the render model — nothing outside
the window, no text outside its box, no two texts on top of each other — and the pixels
of a highlighted choice."""

from __future__ import annotations

import itertools

import pygame
import pytest

from simulator.window.pilot import open_app, render_model
from simulator.window.scene import visible_area
from tests.matrix import matrix

BALCONY_SCENARIO = """\
format: 1
id: balkon
title: {nl: "Balkontest", en: "Balcony test"}
summary: {nl: "Een kort gesprek met één bewoner en een balkon.", en: "A short talk with one resident and a balcony."}
minutes: 2
difficulty: 1
setting:
  meeting: {nl: "Buurthuis De Kwikstaart", en: "Community centre De Kwikstaart"}
  situation: {nl: "Ineke is boos over de speeltuin.", en: "Ineke is angry about the playground."}
  your_role: {nl: "Je bent beleidsmedewerker.", en: "You are a policy officer."}
residents:
  - id: ineke
    name: Ineke Bakker
    role: {nl: initiatiefnemer, en: initiator}
    portrait: ineke
    mood: {trust: 5, anger: 6}
start: opening
nodes:
  opening:
    speaker: ineke
    text: {nl: "Jullie doen toch wat jullie willen! Waarom zit ik hier eigenlijk?", en: "You'll do what you want anyway! Why am I even here?"}
    choices:
      - id: luisteren
        text: {nl: "U bent boos, dat begrijp ik. Wat maakt het zo zwaar?", en: "You're angry, I understand. What makes it so hard?"}
        next: einde
        effects: {ineke: {trust: 2, anger: -2}}
        score: {step3: 2, e3: 1}
        feedback: {nl: "Je benoemt het gevoel.", en: "You name the feeling."}
      - id: terugslaan
        text: {nl: "Met die toon komen we niet verder.", en: "That tone won't get us anywhere."}
        next: einde
        effects: {ineke: {anger: 2}}
        score: {step2: -2}
        feedback: {nl: "Terugslaan.", en: "Striking back."}
      - id: balkon
        text: {nl: "Mag ik even opschrijven wat u zegt? Dan weet ik zeker dat ik het goed heb.", en: "May I write down what you're saying? Then I'm sure I have it right."}
        next: einde
        balcony: true
        effects: {ineke: {anger: -1}}
        score: {step2: 2}
        feedback: {nl: "Je neemt afstand.", en: "You step back."}
endings:
  einde:
    kind: partial
    title: {nl: "Een begin", en: "A start"}
    text: {nl: "Ineke blijft zitten. ‘Goed,’ zegt ze, ‘één keer nog.’", en: "Ineke stays. ‘Fine,’ she says, ‘one more time.’"}
    debrief: {nl: "Een kort gesprek; het balkon hielp.", en: "A short talk; the balcony helped."}
"""  # noqa: E501

SIZES = [(800, 600), (1280, 720), (1920, 1080)]
SCROLLING = {"#doc", "#log", "#speech"}  # text boxes meant to scroll when their text is long


def problems_on_screen(app) -> list[str]:
    """What a trainee would see as broken: text cut off, outside the window, or overlapping."""
    out = []
    window = pygame.Rect(0, 0, *app.size)
    top = app.top
    model = render_model(app)
    shown = []
    for item in model:
        el = item["element"]
        if item["kind"] == "drawn":
            if not item["box"].contains(item["rect"]):
                out.append(f"drawn text {item['text']!r} leaves its box")
            continue
        area = visible_area(el)
        if area.width <= 0 or area.height <= 0:
            continue  # scrolled out of view
        if not window.contains(area):
            out.append(f"{item['kind']} {item['text'][:30]!r} outside the window: {area}")
        modal = top.modal_root() if top is not None else None
        if modal is not None and not _in(el, modal):
            continue  # the dimmed screen below an overlay
        if item["kind"] == "button" and item["text"]:
            width = el.font.size(item["text"])[0]
            if width > el.rect.width - 4:
                out.append(f"button text {item['text']!r} wider than its button ({width} > {el.rect.width})")
        if item["kind"] == "text":
            layout = el.text_box_layout
            scrolls = el.scroll_bar is not None
            if scrolls and not SCROLLING & set(item["ids"]):
                out.append(f"text box {item['text'][:30]!r} {item['ids']} needs a scroll bar")
            if layout is not None and not scrolls and layout.layout_rect.height > el.rect.height + 2:
                out.append(f"text {item['text'][:30]!r} taller than its box")
        if item["kind"] in ("text", "label") or (item["kind"] == "button" and item["text"]):
            if item["text"].strip():
                shown.append((item, area))
    for (a, ra), (b, rb) in itertools.combinations(shown, 2):
        if ra.colliderect(rb):
            inter = ra.clip(rb)
            if inter.width > 2 and inter.height > 2:
                out.append(f"{a['text'][:25]!r} overlaps {b['text'][:25]!r}")
    return out


def _in(element, root) -> bool:
    c = getattr(element, "ui_container", None)
    seen = set()
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        if c is root:
            return True
        c = getattr(c, "ui_container", None)
    return False


def check(app, pilot, tmp_path, name: str) -> None:
    pilot.settle()
    path = tmp_path / f"{name}.png"
    pilot.save(str(path))
    assert path.stat().st_size > 0
    assert problems_on_screen(app) == [], name


@pytest.mark.slow
@pytest.mark.parametrize("combo", matrix([(size, text) for text in ("normal", "larger") for size in SIZES],
                                          quick=lambda c: c == ((1280, 720), "normal"),
                                          ids=lambda c: f"{c[1]}-{c[0][0]}x{c[0][1]}"))
def test_every_screen_fits(combo, tmp_path):
    size, text_size = combo
    app, pilot = open_app(size=size, text_size=text_size, text_speed="instant")
    try:
        tag = f"{size[0]}x{size[1]}-{text_size}"
        check(app, pilot, tmp_path, f"{tag}-start")
        pilot.focus_on("verslavingsopvang" if size != (1280, 720) else "speeltuin-kort")
        pilot.press("return")
        check(app, pilot, tmp_path, f"{tag}-briefing")
        pilot.press("return")
        check(app, pilot, tmp_path, f"{tag}-preparation")
        while pilot.scene == "preparation":
            pilot.press("2")
            pilot.settle()
        check(app, pilot, tmp_path, f"{tag}-meeting")
        pilot.press("l")
        check(app, pilot, tmp_path, f"{tag}-log")
        pilot.press("l")
        pilot.press("escape")
        check(app, pilot, tmp_path, f"{tag}-menu")
        pilot.press("escape")
        checked = False
        while pilot.scene == "meeting":
            scene = app.top
            if scene.session.can_continue:
                pilot.press("return")
            else:
                if not checked:
                    check(app, pilot, tmp_path, f"{tag}-choices")
                    checked = True
                pilot.press(str(len(scene.panel.options)))
            pilot.settle()
        assert checked
        check(app, pilot, tmp_path, f"{tag}-ending")
        pilot.press("return")
        check(app, pilot, tmp_path, f"{tag}-rating")
        pilot.press("3")
        pilot.click(app.top.tr("rt_done"))  # the figures only after the own estimate
        pilot.wait_for_review()
        assert app.top.page == "overview"
        check(app, pilot, tmp_path, f"{tag}-overview")
        pilot.press("right")
        assert app.top.page == "decision"
        check(app, pilot, tmp_path, f"{tag}-decision")
        for _ in range(40):
            pilot.press("right", frames=1)
        check(app, pilot, tmp_path, f"{tag}-reflection")
        pilot.quit()
        check(app, pilot, tmp_path, f"{tag}-quit")  # not in a meeting any more: no question
        assert not app.running
    finally:
        app.close()


@pytest.mark.slow
@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings_and_the_quit_question_fit(size, tmp_path):
    app, pilot = open_app(size=size, text_size="larger", persist=False)
    try:
        pilot.click(app.top.tr("settings"))
        check(app, pilot, tmp_path, "settings")
        pilot.press("escape")
        pilot.focus_on("speeltuin-kort")
        pilot.press("return")
        pilot.press("return")
        pilot.press("1")
        pilot.quit()
        assert pilot.scene == "confirm_quit"
        check(app, pilot, tmp_path, "confirm")
    finally:
        app.close()


def _colour_at(app, x: int, y: int) -> tuple[int, int, int]:
    return tuple(app.screen.get_at((x, y)))[:3]


@pytest.mark.slow
def test_the_highlighted_and_the_chosen_choice_stand_out(tmp_path, monkeypatch):
    (tmp_path / "scen").mkdir()
    (tmp_path / "scen" / "balkon.yaml").write_text(BALCONY_SCENARIO, encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(tmp_path / "scen"))
    app, pilot = open_app(size=(1280, 720), text_speed="instant")
    try:
        pilot.press("return")
        pilot.press("return")
        pilot.settle()
        scene = app.top
        first, second, balcony = (card.button.rect for card, _ in scene.panel.cards)
        unfocused = [_colour_at(app, r.x + 4, r.centery) for r in (first, second, balcony)]
        assert unfocused == [(255, 255, 255)] * 3  # nothing focused yet, and the balcony looks like the rest
        pilot.press("down")
        pilot.press("down")  # keyboard focus on the second choice
        pilot.settle()
        pilot.save(str(tmp_path / "highlight.png"))
        assert _colour_at(app, first.x + 4, first.centery) == (255, 255, 255)
        assert _colour_at(app, second.x + 4, second.centery) == (0xE2, 0xEF, 0xEF)
        assert _colour_at(app, balcony.x + 4, balcony.centery) == (255, 255, 255)
        pilot.press("1", frames=1)  # chosen: stays highlighted a moment, the others fade
        pilot.save(str(tmp_path / "chosen.png"))
        assert _colour_at(app, first.x + 4, first.centery) == (0xE2, 0xEF, 0xEF)
        assert _colour_at(app, second.x + 4, second.centery) == (0xF6, 0xF3, 0xEC)
        assert problems_on_screen(app) == []
    finally:
        app.close()
