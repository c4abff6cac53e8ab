"""The window's own event types, never a number pygame_gui uses.

``pygame.event.custom_type()`` hands out numbers from a counter that ``pygame.quit()`` resets,
while pygame_gui takes its numbers once, when it is first imported. A type taken after a quit
(a module imported later in a process that opened a window before) would otherwise be one of
pygame_gui's, and a timer of ours would arrive as a button press. So the window's types are
taken here, all at once, skipping every number pygame_gui has taken.
"""

from __future__ import annotations

import pygame
import pygame_gui

_GUI_TYPES = frozenset(v for k, v in vars(pygame_gui).items() if k.startswith("UI_") and isinstance(v, int))


def _free_type() -> int:
    while True:
        number = pygame.event.custom_type()
        if number not in _GUI_TYPES:
            return number


AUTO_DONE = _free_type()  # the auto-advance's wall-clock timer rang (components/auto_advance.py)
TOAST_DONE = _free_type()  # a toast's time is up (toast.py)
