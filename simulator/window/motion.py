"""Reduced motion (WCAG 2.3.3, and anyone who gets dizzy or distracted by movement): one switch.

When it is on, nothing on screen moves by itself: lines appear whole (``Settings.chars_per_second``
is None), the mood meters jump to their value instead of easing there, faces change at once
instead of crossfading, the speaker doesn't lean in or come forward, and no +1/-1 floats up.
What a movement told (who speaks, which way a mood went) stays on screen in its still form:
the speaker's plate, the triangle beside a meter. The window sets it from the settings.
"""

from __future__ import annotations

_reduced = False

INSTANT = 1e6  # seconds: a step this long finishes any animation in one frame


def set_reduced(on: bool) -> None:
    global _reduced
    _reduced = bool(on)


def reduced() -> bool:
    return _reduced


def step(dt: float) -> float:
    """The time an animation advances by this frame: all of it at once when motion is reduced."""
    return INSTANT if _reduced and dt > 0 else dt
