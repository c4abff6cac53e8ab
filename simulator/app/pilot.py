"""Driving the window without a person: for tests, benchmarks and screenshots.

Like Textual's ``Pilot``: ``press("1")``, ``click("Verder")``, ``resize(800, 600)``,
``step()``. Events are posted to pygame's queue exactly as a keyboard or mouse would
post them and the app runs frames with a fixed time step, so a test is repeatable and
needs no real time to pass (set ``SDL_VIDEODRIVER=dummy`` before importing pygame).
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import pygame

from .app import App

KEY_ALIASES = {"enter": "return", "esc": "escape", "pgdn": "page down", "pgup": "page up",
               "pagedown": "page down", "pageup": "page up"}


class PilotError(AssertionError):
    pass


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

    def wait_until(self, predicate: Callable[[], bool], max_frames: int = 900, sleep: float = 0.0) -> None:
        import time
        for _ in range(max_frames):
            if predicate():
                return
            self.step()
            if sleep:
                time.sleep(sleep)
        raise PilotError(f"condition not met after {max_frames} frames on {self.scene}")

    # -- input --------------------------------------------------------------------------
    def press(self, key: str, mod: int = 0, frames: int = 2) -> None:
        name = KEY_ALIASES.get(key.lower(), key.lower()) if len(key) > 1 else key.lower()
        code = pygame.key.key_code(name)
        uni = key if len(key) == 1 else (" " if name == "space" else "\r" if name == "return" else "")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=uni, scancode=0,
                                             window=None))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=mod, unicode=uni, scancode=0,
                                             window=None))
        self.step(frames)

    def keys(self, *names: str) -> None:
        for n in names:
            self.press(n)

    def move(self, pos: tuple[int, int], frames: int = 1) -> None:
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
        """Click the button (or card) showing ``text``."""
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
        return [i["text"] for i in self.app.render_model() if i.get("text")]

    def has_text(self, text: str) -> bool:
        return any(text in t for t in self.texts())

    def find(self, text: str, nth: int = 0) -> dict[str, Any]:
        items = self.app.render_model()
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
        el = item["element"]
        rect = pygame.Rect(item["rect"])
        clip = getattr(el, "ui_container", None)
        seen: set[int] = set()
        while clip is not None and id(clip) not in seen:
            seen.add(id(clip))
            crect = getattr(clip, "rect", None)
            if crect is not None:
                rect = rect.clip(crect)
            clip = getattr(clip, "ui_container", None)
        return rect

    def save(self, path: str) -> None:
        self.app.screenshot(path)

    def current_focus(self) -> Optional[str]:
        top = self.app.top
        if top is None or top.focus.current is None:
            return None
        return top.focus.current.name


def _inside(element: Any, root: Any) -> bool:
    c = getattr(element, "ui_container", None)
    seen: set[int] = set()
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        if c is root or getattr(root, "get_container", lambda: None)() is c:
            return True
        c = getattr(c, "ui_container", None)
    return False
