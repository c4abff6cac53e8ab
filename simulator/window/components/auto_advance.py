"""Going on by itself, as a visual novel's "auto" mode: a finished line waits, then the meeting goes on.

Never at a decision (a choice is the trainee's), and any key or click of the trainee's
cancels the wait. The wait is counted in frame time (``update``, what tests advance)
and, because an idle window draws no frames, also by a one-shot pygame timer that wakes
the loop on the wall clock; whichever comes first goes on, once.
"""

from __future__ import annotations

from typing import Optional

import pygame

from simulator.window.events import AUTO_DONE

PER_CHARACTER = 0.02  # extra seconds per character of the line: longer lines get longer to read


def wait_for(seconds: float, text: str) -> float:
    return seconds + PER_CHARACTER * len(text)


class AutoAdvance:
    def __init__(self) -> None:
        self.left: Optional[float] = None
        self.token = 0

    @property
    def waiting(self) -> bool:
        return self.left is not None

    def start(self, seconds: float) -> None:
        self.token += 1
        self.left = seconds
        pygame.time.set_timer(pygame.event.Event(AUTO_DONE, token=self.token), max(1, int(seconds * 1000)), loops=1)

    def cancel(self) -> None:
        self.token += 1
        self.left = None

    def update(self, dt: float) -> bool:
        """True once, when the wait is over in frame time."""
        if self.left is None:
            return False
        self.left -= dt
        if self.left > 0:
            return False
        self.cancel()
        return True

    def fired(self, event: pygame.event.Event) -> bool:
        """True once, when the wall-clock timer of the current wait rings."""
        if event.type != AUTO_DONE or getattr(event, "token", None) != self.token or self.left is None:
            return False
        self.cancel()
        return True
