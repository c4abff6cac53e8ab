"""What every screen has in common: building its widgets, keyboard focus, events.

A scene keeps its *state* (where the trainee is, which page is open) apart from its
*widgets*: ``build()`` makes the widgets for the current window size, language and
text size, ``teardown()`` removes them. The app calls both whenever any of those change,
so a resize never leaves a half-moved widget behind.

Keyboard use is added on top of pygame_gui (which has no focus traversal): each scene
lists its actionable widgets in a ``FocusList``; arrows and Tab move, Enter and space
activate, and the app draws a focus ring around the current one after a key press.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIButton, UIPanel, UITextEntryBox, UITextEntryLine

from simulator.i18n import tr
from simulator.window.components import Kit
from simulator.window.layout import Box
from simulator.window.theme import palette
from simulator.window.widgets import Fonts, oid

if TYPE_CHECKING:
    from simulator.window.app import App


@dataclass
class Focusable:
    element: Any  # a pygame_gui element: its rect is where the focus ring goes
    action: Callable[[], None]
    highlight: bool = False  # also show the element as selected while focused
    on_focus: Optional[Callable[[], None]] = None
    name: str = ""


@dataclass
class FocusList:
    items: list[Focusable] = field(default_factory=list)
    index: int = -1
    show_highlight: bool = True  # the selected look follows the keyboard; off while the mouse is used
    enabled: bool = True  # False while the actionable widgets are hidden

    def set_highlight(self, on: bool) -> None:
        self.show_highlight = on
        item = self.current
        if item is not None and item.highlight and isinstance(item.element, UIButton) and item.element.alive():
            if on:
                item.element.select()
            else:
                item.element.unselect()

    def clear(self) -> None:
        self.items = []
        self.index = -1
        self.enabled = True

    def add(self, element: Any, action: Callable[[], None], highlight: bool = False,
            on_focus: Optional[Callable[[], None]] = None, name: str = "") -> Focusable:
        item = Focusable(element, action, highlight, on_focus, name)
        self.items.append(item)
        return item

    @property
    def current(self) -> Optional[Focusable]:
        if self.enabled and 0 <= self.index < len(self.items):
            return self.items[self.index]
        return None

    def focus(self, index: int, quiet: bool = False) -> None:
        """Move the focus; ``quiet`` skips the item's ``on_focus`` (no scrolling on a rebuild)."""
        if not self.items or not self.enabled:
            self.index = -1
            return
        old = self.current
        self.index = max(0, min(len(self.items) - 1, index))
        new = self.current
        if old is not None and old is not new and old.highlight and isinstance(old.element, UIButton):
            old.element.unselect()
        if new is not None:
            if new.highlight and isinstance(new.element, UIButton) and self.show_highlight:
                new.element.select()
            if new.on_focus is not None and not quiet:
                new.on_focus()

    def focus_element(self, element: Any) -> None:
        for i, item in enumerate(self.items):
            if item.element is element:
                self.focus(i)
                return

    def move(self, delta: int) -> None:
        if not self.items or not self.enabled:
            return
        if self.index < 0:
            self.focus(0 if delta > 0 else len(self.items) - 1)
        else:
            self.focus((self.index + delta) % len(self.items))

    def activate(self) -> bool:
        item = self.current
        if item is None:
            return False
        item.action()
        return True


class Scene:
    """One screen. Subclasses fill ``build_widgets`` and react in ``on_key``."""

    name = "scene"
    overlay = False  # drawn over the scene below (menu, dialogs)
    in_session = False  # closing the window here asks first

    def __init__(self, app: "App"):
        self.app = app
        self.focus = FocusList()
        self.root: Optional[Any] = None
        self.built = False
        self.buttons: dict[Any, Callable[[], None]] = {}
        self.drawn_texts: list[tuple[str, Box, Box]] = []  # text we draw ourselves: (text, where, its box)

    # -- conveniences ---------------------------------------------------------------
    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def lang(self) -> str:
        return self.app.settings.language

    @property
    def scale(self) -> float:
        return self.app.text_scale

    @property
    def size(self) -> tuple[int, int]:
        return self.app.size

    @property
    def fonts(self) -> Fonts:
        return self.app.fonts

    def tr(self, key: str, **fields: object) -> str:
        return tr(key, self.lang, **fields)

    def on_click(self, element: Any, action: Callable[[], None]) -> Any:
        self.buttons[element] = action
        return element

    def kit(self, root: Any = None) -> "Kit":
        """What a component (``components``) may use of this screen."""
        return Kit(self.manager, self.fonts, self.lang, self.scale, root if root is not None else self.root,
                   self.focus, self.on_click, self.tr)

    def typing_in_field(self) -> bool:
        """Whether a text field has the keyboard (then letters, digits, space and Enter are its text)."""
        focused = self.manager.get_focus_set() if self.manager is not None else None
        return any(isinstance(el, (UITextEntryLine, UITextEntryBox)) and el.alive() and el.is_focused
                   for el in (focused or ()))

    # -- lifecycle ------------------------------------------------------------------
    def build(self) -> None:
        self.teardown()
        w, h = self.size
        depth = self.app.depth_of(self)
        if self.overlay:
            self.root = UIPanel(pygame.Rect(0, 0, w, h), starting_height=100 * depth + 1, manager=self.manager,
                                object_id=oid("#dim"))
        else:
            self.root = UIContainer(pygame.Rect(0, 0, w, h), self.manager, starting_height=1)
        self.buttons = {}
        self.drawn_texts = []
        old_index = self.focus.index
        self.focus.clear()
        self.focus.show_highlight = self.app.keyboard_mode
        self.build_widgets()
        self.built = True
        if self.focus.items:
            index = self.initial_focus(old_index)
            if index >= 0:
                self.focus.focus(index, quiet=True)
            else:
                self.focus.index = -1

    def initial_focus(self, previous: int) -> int:
        """Which keyboard stop has the focus after a build (-1: none until the trainee moves)."""
        return max(0, previous)

    def build_widgets(self) -> None:
        raise NotImplementedError

    def teardown(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None
        self.built = False

    def on_enter(self) -> None:
        """Called when the scene becomes the top of the stack (again)."""

    # -- F5: the scenario again from disk (``hotreload`` asks, the scene answers) ----
    def reload_owner(self, below: Optional["Scene"]) -> Optional["Scene"]:
        """The scene whose scenario F5 reloads while this one is on top (``below`` is the
        scene under it); None: nothing to reload here. A screen of a go answers itself."""
        play = getattr(self, "play", None)
        return self if play is not None else None

    def reload_path(self) -> str:
        """The scenario file this scene shows (asked of a ``reload_owner`` only)."""
        return self.play.scenario_path  # type: ignore[attr-defined]

    def show_reloaded(self, play: Any) -> None:
        """Show the replayed go on the screen it was on (an ending that moved still shows as the ending)."""
        if play.session.finished:
            self.app.replace(self.app.scene("ending", play))
        else:
            self.app.show_play(play, resumed=True)

    def carry_over(self, old: "Scene") -> None:
        """What this scene, built anew by F5, keeps from the one it replaced (nothing by default)."""

    # -- events ---------------------------------------------------------------------
    def handle_button(self, element: Any) -> bool:
        action = self.buttons.get(element)
        if action is None:
            return False
        self.focus.focus_element(element)
        action()
        return True

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Events other than keys and button presses (clicks on drawn things)."""
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        """Scene-specific keys; return True when handled."""
        return False

    def swallow_text(self, event: pygame.event.Event) -> bool:
        """Whether a TEXTINPUT event must not reach a text field (its key already did something else)."""
        return False

    def handle_key(self, event: pygame.event.Event) -> bool:
        typing = self.typing_in_field()
        if typing and event.unicode and event.unicode.isprintable():
            return True  # a letter, digit or space is text in the field: never a choice or a rating
        if self.on_key(event):
            return True
        key = event.key
        if typing and key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return True  # Enter in a field never presses the focused button
        if key in (pygame.K_DOWN, pygame.K_RIGHT) or (key == pygame.K_TAB and not event.mod & pygame.KMOD_SHIFT):
            self.focus.move(1)
            return True
        if key in (pygame.K_UP, pygame.K_LEFT) or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT):
            self.focus.move(-1)
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.focus.activate()
        if key == pygame.K_ESCAPE:
            self.escape()
            return True
        return False

    def escape(self) -> None:
        self.app.open_menu()

    def modal_root(self) -> Optional[Any]:
        """The container that covers everything else right now (an overlay sheet), if any."""
        return self.root if self.overlay else None

    # -- frame ----------------------------------------------------------------------
    def update(self, dt: float) -> None:
        pass

    def animating(self) -> bool:
        return False

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(palette().paper)

    def focus_rect(self) -> Optional[tuple[pygame.Rect, pygame.Rect]]:
        """The focused widget's rectangle and the part of the screen it is visible in."""
        item = self.focus.current
        if item is None or not getattr(item.element, "alive", lambda: False)():
            return None
        rect = pygame.Rect(item.element.rect)
        if rect.width <= 0 or not getattr(item.element, "visible", True):
            return None
        modal = self.modal_root()
        if modal is not None and not self.overlay and not _inside(item.element, modal):
            return None  # covered by a sheet of this scene (the log)
        return rect, visible_area(item.element)


def _inside(element: Any, root: Any) -> bool:
    container = getattr(element, "ui_container", None)
    seen: set[int] = set()
    while container is not None and id(container) not in seen:
        seen.add(id(container))
        if container is root or getattr(root, "get_container", lambda: None)() is container:
            return True
        container = getattr(container, "ui_container", None)
    return False


def visible_area(element: Any) -> pygame.Rect:
    """Where an element can be seen: its rectangle clipped by every container it sits in."""
    rect = pygame.Rect(element.rect)
    container = getattr(element, "ui_container", None)
    seen: set[int] = set()
    while container is not None and id(container) not in seen:
        seen.add(id(container))
        crect = getattr(container, "rect", None)
        if crect is not None:
            rect = rect.clip(crect)
        container = getattr(container, "ui_container", None)
    return rect
