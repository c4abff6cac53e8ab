"""SIGTERM and SIGINT: save and exit cleanly, in the window and in the terminal.

A laptop shutting down, a trainer's script stopping a run, or Ctrl-C: none of them may
lose a trainee's work or open a dialog nobody will answer. Every step is saved to the
journal the moment it is taken, so stopping is a matter of leaving at a safe point:

- the window (``window_handlers``): the handler only records the signal and calls the
  app's stop hook, which ends the frame loop after the current frame; the session is
  saved once more on the way out and the window closes. SDL is told not to turn the
  signals into a window-close event (that would ask "quit the meeting?" instead).
- the terminal (``terminal_handlers``): SIGTERM (and SIGHUP, a closed terminal) stop the
  player like Ctrl-C does, by raising ``KeyboardInterrupt`` in the main thread; a step
  being written is rolled back whole (the journal writes each step in one transaction)
  and ``--resume`` continues from the last saved one.

Handlers can only be installed from the main thread; elsewhere (a test's worker thread)
the process keeps its own.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import Callable, Iterator, Optional

SIGNAL_NAMES = ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK")  # SIGBREAK: Ctrl-Break on Windows
SDL_HINT = "SDL_NO_SIGNAL_HANDLERS"

_requested: Optional[int] = None
_on_stop: Optional[Callable[[int], None]] = None


def _signals() -> list[int]:
    return [getattr(signal, name) for name in SIGNAL_NAMES if hasattr(signal, name)]


def requested() -> Optional[int]:
    """The signal that asked the window to stop, if one did."""
    return _requested


def on_stop(callback: Optional[Callable[[int], None]]) -> None:
    """What the window does when asked to stop (called from the handler: keep it to setting flags)."""
    global _on_stop
    _on_stop = callback
    if callback is not None and _requested is not None:
        callback(_requested)


def _record(signum: int, _frame: object) -> None:
    global _requested
    _requested = signum
    if _on_stop is not None:
        _on_stop(signum)


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def keep_sdl_away() -> None:
    """Before SDL starts: don't let it turn SIGINT/SIGTERM into a window-close event."""
    os.environ.setdefault(SDL_HINT, "1")


def _install(handler: Callable[[int, object], None]) -> dict[int, object]:
    previous: dict[int, object] = {}
    for sig in _signals():
        try:
            previous[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):  # not the main thread, or a signal this platform won't let us catch
            continue
    return previous


def _restore(previous: dict[int, object]) -> None:
    for sig, handler in previous.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(sig, handler)  # type: ignore[arg-type]


@contextlib.contextmanager
def window_handlers() -> Iterator[None]:
    """For the window's whole life: a signal asks the app to stop at the end of the frame."""
    global _requested, _on_stop
    _requested, _on_stop = None, None
    previous = _install(_record)
    try:
        yield
    finally:
        _restore(previous)
        _on_stop = None


@contextlib.contextmanager
def terminal_handlers() -> Iterator[None]:
    """For the terminal player: SIGTERM and SIGHUP stop it the way Ctrl-C does."""
    previous = _install(_interrupt)
    try:
        yield
    finally:
        _restore(previous)
