"""Driving the window without a person: for tests, benchmarks and screenshots.

Like Textual's ``Pilot``: ``press("1")``, ``click("Verder")``, ``resize(800, 600)``,
``step()``. Events are posted to pygame's queue exactly as a keyboard or mouse would
post them and the app runs frames with a fixed time step, so a test is repeatable and
needs no real time to pass (set ``SDL_VIDEODRIVER=dummy`` before importing pygame).
"""

from __future__ import annotations

import html as html_mod
import re
import time
from typing import Any, Callable, Optional

import pygame
from pygame_gui.elements import UIButton, UIImage, UILabel, UITextBox

from simulator.journal import Journal
from simulator.settings import Settings
from simulator.window.app import App
from simulator.window.scene import visible_area

KEY_ALIASES = {"enter": "return", "esc": "escape", "pgdn": "page down", "pgup": "page up",
               "pagedown": "page down", "pageup": "page up"}


class PilotError(AssertionError):
    pass


def open_app(size: tuple[int, int] = (1280, 720), persist: bool = True, **settings: Any) -> tuple[App, "Pilot"]:
    """A window on the start screen, with the journal and settings of the environment
    (tests point ``TUSSENWERKER_DATA`` and ``TUSSENWERKER_CONFIG`` at temporary folders)."""
    app = App(Settings(**settings), Journal(), size=size, persist_settings=persist)
    app.go_start()
    pilot = Pilot(app)
    pilot.settle()
    return app, pilot


class Pilot:
    def __init__(self, app: App, dt: float = 1 / 30):
        self.app = app
        self.dt = dt

    # -- time ---------------------------------------------------------------------------
    def step(self, frames: int = 1) -> None:
        for _ in range(frames):
            if not self.app.running:
                return
            self.app.frame(pygame.event.get(), self.dt)

    def settle(self, max_frames: int = 900) -> int:
        """Run frames until nothing animates (typewriter done, transitions over)."""
        for n in range(max_frames):
            if not self.app.running:
                return n
            self.step()
            if not self.app.animating() and not pygame.event.peek():
                return n
        raise PilotError(f"still animating after {max_frames} frames on {self.scene}")

    def wait_until(self, predicate: Callable[[], bool], max_frames: int = 900, sleep: float = 0.001) -> None:
        """Run frames until ``predicate`` holds. Between frames it pauses ``sleep`` seconds, as
        the window's clock does: a background thread (the review job) gets the processor then,
        and back-to-back frames would starve it."""
        for _ in range(max_frames):
            if predicate():
                return
            self.step()
            if sleep:
                time.sleep(sleep)
        raise PilotError(f"condition not met after {max_frames} frames on {self.scene}")

    def wait_for_review(self, max_frames: int = 900) -> None:
        """Run frames until the debrief *shows* its review. The review is worked out on a thread and
        the page is rebuilt on the first frame after it arrives, so "the review is there" holds one
        frame before anything of it can be clicked; this waits for both."""
        def shown() -> bool:
            top = self.app.top
            return (self.scene == "debrief" and top.review is not None  # type: ignore[union-attr]
                    and top.waiting is None)  # type: ignore[union-attr]
        self.wait_until(shown, max_frames)
        self.settle(max_frames)

    # -- input --------------------------------------------------------------------------
    def pick(self, option_id: str) -> None:
        """Choose an option by its id, by pressing the number it is shown under (options are
        shown in a fresh order each session, so tests never rely on a place)."""
        session = self.app.top.play.session  # type: ignore[union-attr]
        shown = [o.id for o in session.prep_options] if session.question else [c.id for c in session.choices]
        self.press(str(shown.index(option_id) + 1))

    def pick_written(self, n: int) -> None:
        """Choose the n-th (1-based) option on offer in the order the scenario writes them."""
        session = self.app.top.play.session  # type: ignore[union-attr]
        if session.question:
            shown = {o.id for o in session.prep_options}
            written = [o.id for o in session.question.options if o.id in shown]
        else:
            shown = {c.id for c in session.choices}
            written = [c.id for c in session.node.choices if c.id in shown]
        self.pick(written[n - 1])

    def press(self, key: str, mod: int = 0, frames: int = 2) -> None:
        name = KEY_ALIASES.get(key.lower(), key.lower()) if len(key) > 1 else key.lower()
        code = pygame.key.key_code(name)
        uni = key if len(key) == 1 else (" " if name == "space" else "\r" if name == "return" else "")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=uni, scancode=0,
                                             window=None))
        if uni and uni.isprintable() and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            # As SDL does: a key that types a character also sends it as text (fields read this).
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=uni, window=None))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=mod, unicode=uni, scancode=0,
                                             window=None))
        self.step(frames)

    def type_text(self, text: str) -> None:
        """Type ``text`` key by key, as a person at a keyboard would (into the field with the keyboard)."""
        for ch in text:
            self.press("space" if ch == " " else ch, frames=1)
        self.step(2)

    def focus_on(self, name: str, key: str = "down", limit: int = 60) -> None:
        """Press ``key`` until the focus is on the item called ``name`` (a scenario or choice id)."""
        for _ in range(limit):
            if self.current_focus() == name:
                return
            self.press(key)
        raise PilotError(f"can't reach {name!r} with {key!r} on {self.scene}")

    def keys(self, *names: str) -> None:
        for n in names:
            self.press(n)

    def move(self, pos: tuple[int, int], frames: int = 1) -> None:
        pygame.mouse.set_pos(pos)  # pygame_gui reads hover from the cursor itself
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0),
                                             touch=False, window=None))
        self.step(frames)

    def click_at(self, pos: tuple[int, int], button: int = 1, frames: int = 3) -> None:
        self.move(pos, frames=1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False,
                                             window=None))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False,
                                             window=None))
        self.step(frames)

    def wheel(self, pos: tuple[int, int], y: int, frames: int = 3) -> None:
        self.move(pos, frames=1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0,
                                             precise_y=float(y), touch=False, window=None))
        self.step(frames)

    def click(self, text: str, nth: int = 0, frames: int = 3) -> None:
        """Click the button (or card) showing ``text``, scrolling it into view with the wheel first."""
        item = self.find(text, nth)
        for _ in range(80):
            rect, clip = pygame.Rect(item["rect"]), self._visible_rect(item)
            if clip.height >= min(rect.height, 24) and clip.width > 0:
                break
            view = _scroll_view(item["element"])
            if view is None:
                break
            self.wheel(view.center, -1 if rect.centery > view.centery else 1, frames=4)
            item = self.find(text, nth)
        clip = self._visible_rect(item)
        if clip.width <= 0 or clip.height <= 0:
            raise PilotError(f"{text!r} is scrolled out of view on {self.scene}")
        self.click_at(clip.center, frames=frames)

    def resize(self, w: int, h: int, frames: int = 2) -> None:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h), window=None))
        self.step(frames)

    def quit(self) -> None:
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        self.step(1)

    # -- looking ------------------------------------------------------------------------
    @property
    def scene(self) -> str:
        top = self.app.top
        return top.name if top is not None else ""

    def texts(self) -> list[str]:
        return [i["text"] for i in render_model(self.app) if i.get("text")]

    def has_text(self, text: str) -> bool:
        return any(text in t for t in self.texts())

    def find(self, text: str, nth: int = 0) -> dict[str, Any]:
        items = render_model(self.app)
        exact = [i for i in items if i["kind"] == "button" and i["text"] == text]
        partial = [i for i in items if i["kind"] in ("button", "text") and text in (i["text"] or "")]
        found = exact or partial
        top = self.app.top
        if top is not None and top.overlay:  # only what the overlay shows is clickable
            found = [i for i in found if _inside(i["element"], top.root)] or found
        if len(found) <= nth:
            raise PilotError(f"no {text!r} on {self.scene}; shown: {self.texts()[:40]}")
        return found[nth]

    @staticmethod
    def _visible_rect(item: dict[str, Any]) -> pygame.Rect:
        return visible_area(item["element"])

    def save(self, path: str) -> None:
        self.app.screenshot(path)

    def current_focus(self) -> Optional[str]:
        top = self.app.top
        if top is None or top.focus.current is None:
            return None
        return top.focus.current.name


def _scroll_view(element: Any) -> Optional[pygame.Rect]:
    """The rectangle of the scrolling area an element sits in, if any."""
    c = getattr(element, "ui_container", None)
    seen: set[int] = set()
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        parent = getattr(c, "ui_container", None)
        if parent is not None and parent is not c and parent.rect.height < c.rect.height:
            return pygame.Rect(parent.rect)
        c = parent
    return None


def _inside(element: Any, root: Any) -> bool:
    c = getattr(element, "ui_container", None)
    seen: set[int] = set()
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        if c is root or getattr(root, "get_container", lambda: None)() is c:
            return True
        c = getattr(c, "ui_container", None)
    return False


# -- whole playthroughs ------------------------------------------------------------------
Pick = Callable[[int], int]  # number of options -> index of the one to take


def first(n: int) -> int:
    return 0


def play_to_debrief(pilot: Pilot, pick: Pick = first, mouse: bool = False, limit: int = 600,
                    words: str = "Ik luister eerst") -> list[str]:
    """Play from the briefing (or wherever the app is) to the debrief; returns what was picked.
    In own-words mode ``words`` are typed at each decision before the options show."""
    app = pilot.app
    picked: list[str] = []
    for _ in range(limit):
        pilot.settle()
        scene = app.top
        name = pilot.scene
        if name == "debrief":
            return picked
        if name == "briefing":
            forward = pilot.app.top.footer_specs()[-1][0]  # type: ignore[attr-defined]
            pilot.click(forward) if mouse else pilot.press("return")
        elif name in ("preparation", "meeting") and scene.panel.options and scene.panel.visible:  # type: ignore
            options = scene.panel.options  # type: ignore[attr-defined]  (in the order shown)
            i = pick(len(options))
            picked.append(options[i].id)
            if mouse:
                pilot.click(options[i].text[:40])
            else:
                pilot.press(str(i + 1))
        elif name == "meeting" and scene.asking and scene.line_done:  # type: ignore[attr-defined]
            if mouse:
                pilot.click_at(scene.words.entry.rect.center)  # type: ignore[attr-defined]
            pilot.type_text(words)
            pilot.click(scene.tr("ow_show")) if mouse else pilot.press("return")
        elif name == "meeting":
            if not scene.line_done:  # type: ignore[attr-defined]
                pilot.click_at((5, app.size[1] // 2)) if mouse else pilot.press("space")
            elif scene.session.can_continue:  # type: ignore[attr-defined]
                pilot.click(scene.line.continue_button.text) if mouse else pilot.press("return")  # type: ignore
            else:
                raise PilotError("a meeting with neither a line to go on from nor options")
        elif name == "ending":
            pilot.click(scene.footer_specs()[-1][0]) if mouse else pilot.press("return")  # type: ignore
        else:
            raise PilotError(f"don't know how to go on from {name!r}")
    raise PilotError(f"no debrief after {limit} steps")


def render_model(app: App) -> list[dict[str, Any]]:
    """What is shown where: every visible widget's kind, text and rectangle (for tests:
    the pilot finds and clicks by it)."""
    out: list[dict[str, Any]] = []
    for sprite in app.manager.get_sprite_group().sprites():
        if not getattr(sprite, "visible", True) or not sprite.alive():
            continue
        ids = getattr(sprite, "object_ids", []) or []
        item: dict[str, Any] = {"rect": pygame.Rect(sprite.rect), "ids": [i for i in ids if i], "element": sprite}
        if isinstance(sprite, UIButton):
            item.update(kind="button", text=sprite.text, selected=sprite.is_selected)
        elif isinstance(sprite, UITextBox):
            item.update(kind="text", text=_plain(sprite.html_text), selected=False)
        elif isinstance(sprite, UILabel):
            item.update(kind="label", text=sprite.text, selected=False)
        elif isinstance(sprite, UIImage):
            item.update(kind="image", text="", selected=False)
        else:
            continue
        out.append(item)
    for scene in app.stack:
        if scene.built:
            for text, where, box in scene.drawn_texts:
                out.append({"kind": "drawn", "text": text, "rect": pygame.Rect(where.as_tuple()),
                            "box": pygame.Rect(box.as_tuple()), "ids": [], "selected": False,
                            "element": None})
    return out


def _plain(html: str) -> str:
    """Visible text of pygame_gui HTML (for the render model)."""
    text = re.sub(r"<br\s*/?>", "\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    return html_mod.unescape(text)
