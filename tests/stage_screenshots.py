"""The meeting's stage as PNG files for ``docs/screenshots/``: ``python -m tests.stage_screenshots DIR``.

Headless (SDL's dummy driver draws the pixels a display would get), with a private
journal and settings, driven by the window's pilot, at 1280x720 and 1920x1080:

- ``stage-KIND-WxH.png``: every kind of room (kitchen, hall, council, phone, online) while
  a resident speaks the line after the trainee's first choice (the speaker brought
  forward, the others dimmed). The shipped scenarios hold a kitchen and halls; the
  other rooms are a shipped scenario with its ``setting.stage`` changed.
- ``stage-reaction-WxH.png``: a moment after a choice, the residents reacting and the
  +1/−1 rising beside their meters; ``stage-decision-WxH.png``: a decision, where the
  options come first and the residents sit in a strip (also at 800x600).
- ``expressions-WxH.png``: the seven expressions (``emotion:``) on one face.
- ``mood-timeline-window-WxH.png`` and ``mood-timeline-report-WxH.png``: the mood timeline
  of one played meeting in the window's debrief and in its HTML report (the report needs
  Chromium; without it that picture is skipped with a note).

Sessions use a fixed seed and fixed picks, so a run draws the same pictures again.
"""

from __future__ import annotations

import os
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

SIZES = [(1280, 720), (1920, 1080)]
SEED = 19
# Each kind of room, with the shipped scenario it is shown on.
# Each kind of room, with the shipped scenario it is shown on and (where that one is set elsewhere)
# the meeting's name the room's banner or title bar shows.
ROOMS = [("kitchen", "speeltuin-kort", None), ("hall", "verslavingsopvang", None),
         ("council", "verslavingsopvang", "Commissie Ruimte, gemeentehuis Ravenstede"),
         ("phone", "speeltuin-kort", "Telefoongesprek met Ineke Bakker en Bert Veenstra"),
         ("online", "speeltuin", "Online overleg met de buurtgroep Vogelbuurt")]
EXPRESSION_FACE = ("speeltuin", "ineke")
TIMELINE_SCENARIO = "speeltuin"
EMOTION_WORDS = {"neutral": "neutraal", "pleased": "blij", "worried": "bezorgd", "angry": "boos", "hurt": "gekwetst",
                 "sceptical": "sceptisch", "relieved": "opgelucht"}


def _fresh_dirs() -> None:
    os.environ["TUSSENWERKER_DATA"] = tempfile.mkdtemp(prefix="tw-stage-data-")
    os.environ["TUSSENWERKER_CONFIG"] = tempfile.mkdtemp(prefix="tw-stage-config-")


def _fixed_seed() -> None:
    """Every session of this run shows its options in the same order (``Session.start``'s seed)."""
    from engine.play import session as session_module
    start = session_module.Session.start.__func__  # type: ignore[attr-defined]
    if getattr(session_module.Session.start, "_screenshots", False):
        return

    def seeded(cls, scenario, seed=None):
        return start(cls, scenario, SEED if seed is None else seed)
    seeded._screenshots = True  # type: ignore[attr-defined]
    session_module.Session.start = classmethod(seeded)  # type: ignore[method-assign]


def _shipped(scenario_id: str) -> Path:
    from simulator import resources
    return resources.shipped_scenarios() / f"{scenario_id}.yaml"


def _rooms_folder() -> Path:
    """A folder with, per kind of room, a shipped scenario set in it (id ``stage-KIND``)."""
    folder = Path(tempfile.mkdtemp(prefix="tw-stage-scen-"))
    for kind, scenario, meeting in ROOMS:
        text = _shipped(scenario).read_text(encoding="utf-8")
        text = re.sub(r"^  stage: \w+$", f"  stage: {kind}", text, count=1, flags=re.M)
        if meeting:
            text = re.sub(r"^(  meeting:\n    nl: ).*$", rf'\g<1>"{meeting}"', text, count=1, flags=re.M)
        text = re.sub(r"^id: .*$", f"id: stage-{kind}", text, count=1, flags=re.M)
        (folder / f"stage-{kind}.yaml").write_text(text, encoding="utf-8")
    return folder


def _walk(pilot, stop: Callable[[], bool], pick: Callable[[int], int], limit: int = 400) -> None:
    """Play on (briefing, preparation, lines, decisions) until ``stop()`` holds after a settled frame."""
    app = pilot.app
    for _ in range(limit):
        pilot.settle()
        if stop():
            return
        scene = app.top
        if pilot.scene == "briefing":
            pilot.press("return")
        elif pilot.scene in ("preparation", "meeting") and scene.panel.options and scene.panel.visible:
            pilot.press(str(pick(len(scene.panel.options)) + 1))
            pilot.wait_until(lambda: getattr(app.top, "pending", None) is None)
        elif pilot.scene == "meeting" and scene.session.can_continue:
            pilot.press("return")
        else:
            raise RuntimeError(f"can't go on from {pilot.scene}")
    raise RuntimeError("the moment to photograph never came")


def _choices_made(app) -> int:
    session = getattr(app.top, "session", None)
    return sum(1 for d in session.history if d.kind == "meeting") if session is not None else 0


def _resident_speaks(app) -> bool:
    from engine.scenario.model import NARRATOR
    top = app.top
    if getattr(top, "name", "") != "meeting" or not top.line_done or top.session.line is None:
        return False
    return top.session.line.speaker != NARRATOR and top.session.can_continue


def _at_decision(app) -> bool:
    return app.top.name == "meeting" and bool(app.top.panel.options)


def _room(out: Path, kind: str, size: tuple[int, int]) -> None:
    """One room while a resident speaks after the first choice (the kitchen also at its first
    decision and a moment after it)."""
    from simulator.window.pilot import open_app
    w, h = size
    _fresh_dirs()
    app, pilot = open_app(size=size, text_speed="instant", persist=False)
    try:
        pilot.focus_on(f"stage-{kind}")
        pilot.press("return")
        pick = random.Random(SEED).randrange
        if kind == "kitchen":
            _walk(pilot, lambda: _at_decision(app), pick)
            pilot.save(str(out / f"stage-decision-{w}x{h}.png"))
            pilot.press("1")
            pilot.wait_until(lambda: app.top.pending is None)
            pilot.step(10)  # the reaction beat and the rising +1/−1, mid-way
            pilot.save(str(out / f"stage-reaction-{w}x{h}.png"))
        if size == (800, 600):
            _walk(pilot, lambda: _at_decision(app), pick)
            pilot.save(str(out / f"stage-decision-{w}x{h}.png"))
            return
        _walk(pilot, lambda: _choices_made(app) >= 1 and _resident_speaks(app), pick)
        pilot.save(str(out / f"stage-{kind}-{w}x{h}.png"))
    finally:
        app.close()


def stages(out: Path) -> None:
    os.environ["TUSSENWERKER_SCENARIOS"] = str(_rooms_folder())
    try:
        for size in SIZES:
            for kind, _, _ in ROOMS:
                _room(out, kind, size)
        _room(out, "hall", (800, 600))  # a decision at the smallest window: the options keep their room
    finally:
        del os.environ["TUSSENWERKER_SCENARIOS"]


def expressions(out: Path) -> None:
    """One resident's seven faces side by side, in two rows, named by their ``emotion:`` key."""
    import pygame

    from engine import load_scenario
    from engine.scenario.model import EMOTIONS
    from simulator.window.figures import HEAD_Y
    from simulator.window.portraits import PortraitSource, portrait_folders
    from simulator.window.theme import INK, MUTED, PAPER, font_path
    scenario = load_scenario(str(_shipped(EXPRESSION_FACE[0])))
    resident = scenario.resident(EXPRESSION_FACE[1])
    pygame.display.init()
    pygame.font.init()
    try:
        source = PortraitSource(resident.id, resident.portrait, portrait_folders(scenario.path))
        for (w, h) in SIZES:
            s = h / 720
            margin, gap_ = int(40 * s), int(24 * s)
            title_font = pygame.font.Font(str(font_path("bold")), int(26 * s))
            key_font = pygame.font.Font(str(font_path("bold")), int(20 * s))
            word_font = pygame.font.Font(str(font_path("regular")), int(17 * s))
            sheet = pygame.Surface((w, h))
            sheet.fill(PAPER)
            title = title_font.render(f"{resident.name}: zeven uitdrukkingen (emotion:)", True, INK)
            sheet.blit(title, (margin, margin))
            top = margin + title.get_height() + gap_
            label_h = key_font.get_linesize() + word_font.get_linesize()
            row_h = (h - top - margin - gap_) // 2
            card_h = row_h - label_h
            per_row = 4
            card_w = min(int(card_h * 0.85), (w - 2 * margin - (per_row - 1) * gap_) // per_row)
            for i, emotion in enumerate(EMOTIONS):
                row, col = divmod(i, per_row)
                n = per_row if row == 0 else len(EMOTIONS) - per_row
                left = (w - n * card_w - (n - 1) * gap_) // 2
                x, y = left + col * (card_w + gap_), top + row * (row_h + gap_)
                card = pygame.Rect(x, y, card_w, card_h)
                pygame.draw.rect(sheet, source.spec.backdrop, card, border_radius=int(12 * s))
                # Closer than on the stage: head and shoulders fill the card, the head a little above its middle.
                big = int(card_w * 1.45)
                figure = source.figure(emotion, big)
                clip = sheet.get_clip()
                sheet.set_clip(card)
                sheet.blit(figure, (x + (card_w - big) // 2, y + int(card_h * 0.44) - int(big * HEAD_Y / 100)))
                sheet.set_clip(clip)
                key = key_font.render(emotion, True, INK)
                sheet.blit(key, (x + (card_w - key.get_width()) // 2, card.bottom + int(4 * s)))
                word = word_font.render(EMOTION_WORDS[emotion], True, MUTED)
                sheet.blit(word, (x + (card_w - word.get_width()) // 2, card.bottom + int(4 * s) + key.get_height()))
            pygame.image.save(sheet, str(out / f"expressions-{w}x{h}.png"))
    finally:
        pygame.quit()


def _timeline_window(out: Path, size: tuple[int, int]) -> dict:
    """One meeting played to its debrief, its timeline photographed; returns the debrief's data."""
    from simulator.export.json_data import debrief_data
    from simulator.window.layout import gap
    from simulator.window.pilot import open_app, play_to_debrief
    w, h = size
    _fresh_dirs()
    app, pilot = open_app(size=size, text_speed="instant", persist=False)
    try:
        pilot.focus_on(TIMELINE_SCENARIO)
        pilot.press("return")
        rng = random.Random(SEED)

        def pick(n: int) -> int:
            """Mostly the best-scored option, now and then the worst: a route with both marks."""
            top = app.top
            if top.name != "meeting":
                return 0
            choices = {c.id: c for c in top.session.node.choices}
            totals = [sum(choices[o.id].score.values()) if o.id in choices else 0 for o in top.panel.options]
            goal = max(totals) if rng.random() < 0.7 else min(totals)
            return totals.index(goal)
        play_to_debrief(pilot, pick)
        pilot.press("3")
        pilot.click(app.top.tr("rt_done"))
        pilot.wait_for_review()
        top = app.top
        # The timeline is the overview's last chart: its legend's last row at the view's bottom.
        bottom = max(where.bottom for _, where, _ in top.drawn_texts)
        top.area.scroll_to(max(0, bottom + gap(top.scale) - top.area.box.y - top.area.box.h))
        pilot.step(3)
        pilot.save(str(out / f"mood-timeline-window-{w}x{h}.png"))
        return debrief_data(top.review, "nl")
    finally:
        app.close()


def timelines(out: Path) -> None:
    """One meeting played to its debrief; its mood timeline in the window and in the HTML report."""
    from simulator.export.html import render_html
    from simulator.mood_timeline import word
    html_path = Path(tempfile.mkdtemp(prefix="tw-stage-report-")) / "verslag.html"
    for size in SIZES:
        data = _timeline_window(out, size)
        if size == SIZES[0]:
            html_path.write_text(render_html(data), encoding="utf-8")
    from tests.browser import Browser, BrowserError, find_chromium
    if find_chromium() is None:
        print("no Chromium: the report's timeline is not photographed", file=sys.stderr)
        return
    title = word("title", "nl")
    for (w, h) in SIZES:
        try:
            with Browser(width=w, height=h) as browser:
                browser.open(html_path)
                browser.js("[...document.querySelectorAll('h2')].find(e => e.textContent === "
                           f"{title!r}).scrollIntoView()")
                browser.screenshot(out / f"mood-timeline-report-{w}x{h}.png")
        except BrowserError as exc:
            print(f"the report's timeline at {w}x{h} is not photographed: {exc}", file=sys.stderr)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    _fixed_seed()
    only = set(argv[1].split(",")) if len(argv) > 1 else {"stages", "expressions", "timelines"}
    if "stages" in only:
        stages(out)
    if "expressions" in only:
        expressions(out)
    if "timelines" in only:
        timelines(out)
    print(f"stage screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
