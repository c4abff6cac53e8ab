"""The meeting's parts, each owning its state and its drawing: residents, line box, choices, log.

A screen composes them the way Textual composes widgets. Each part keeps what it needs
to remember (the residents' shown mood, how much of a line is typed, which option is
armed) apart from its pygame_gui widgets, so the screen can rebuild them at any moment
(a resize, a language or text size) without losing anything. A part sees its screen
only through a ``Kit``: the GUI manager, the fonts, the language and scale, where its
widgets go and how to register a button or a keyboard stop. Nothing else of the screen
is read, so a part can be reused by another screen (the preparation uses the choices
panel; the later time-out uses the mandate card).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # the pure parts (plan, decisions_ahead) import this package without pygame
    from simulator.window.scene import FocusList
    from simulator.window.widgets import Fonts


@dataclass
class Kit:
    """What a part may use of the screen it sits on."""

    manager: Any  # pygame_gui.UIManager
    fonts: "Fonts"
    lang: str
    scale: float
    root: Any  # the container the part's widgets go into
    focus: "FocusList"  # the screen's keyboard stops, in order
    on_click: Callable[[Any, Callable[[], None]], Any]  # registers a button's action with the screen
    tr: Callable[..., str]  # the interface strings in the screen's language
