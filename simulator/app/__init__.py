"""The simulator window (pygame-ce with pygame_gui): from scenario choice to debrief.

Importing this package doesn't import pygame; ``run_app`` does, so the terminal player
and ``i18n`` (which merges ``strings``) work without a display library.
"""

from __future__ import annotations

from typing import Any


def run_app(args: Any, scenario: Any) -> int:
    import os
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no library banner in a finished product
    from .app import run
    return run(args, scenario)


__all__ = ["run_app"]
