"""The simulator window (pygame-ce with pygame_gui): from scenario choice to debrief.

The window's start-up boundary. Importing this package doesn't import pygame, so the
terminal player and the exports work without a display library. ``run_app`` imports in
order, on purpose: pygame and ``launch`` first, to put the title card on screen; then,
behind the card, ``startup`` with everything else (pygame_gui, the app, the journal).
These are the window's only function-local imports.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from simulator import signals


def run_app(args: Any, scenario: Any) -> int:
    """Show the title card at once (``launch``), then load and run the window behind it."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no library banner in a finished product
    signals.keep_sdl_away()  # SIGTERM/SIGINT save and close, never ask "quit the meeting?"
    with signals.window_handlers():
        return _run_window(args, scenario)


def _run_window(args: Any, scenario: Any) -> int:
    import pygame

    from simulator.window.launch import show_title_card, window_kept
    language = getattr(args, "play_lang", None) or getattr(args, "lang", None)
    try:
        show_title_card(language)
    except pygame.error as exc:
        from simulator import settings
        from simulator.i18n import tr
        print(tr("launch_no_window", language or settings.load().language, reason=exc), file=sys.stderr)
        return 1
    if getattr(args, "quit_after_first_frame", False):
        pygame.quit()
        return 0
    if getattr(args, "quit_when_ready", False):  # the app's own first frame is the start screen
        args = argparse.Namespace(**{**vars(args), "quit_after_first_frame": True})
    from simulator.window.startup import run
    with window_kept():
        return run(args, scenario)


__all__ = ["run_app"]
