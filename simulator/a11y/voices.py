"""Each resident's voice: the scenario's ``voice:`` hint where the author wrote one, else a default that
sets them apart from the others in the same meeting.

The defaults take turns, in the order the residents are listed, through voices that differ in timbre
(eSpeak NG's female and male variants; another engine's female and male voices), pitch and pace, so
two residents in one scene never sound alike even when the author said nothing about them.
"""

from __future__ import annotations

from typing import Any, Optional

from simulator.a11y.speech import Voice

DEFAULTS = (
    Voice("female", 1.0, 58),
    Voice("male", 0.95, 40),
    Voice("female", 1.08, 70),
    Voice("male", 1.05, 52),
    Voice("female", 0.92, 48),
    Voice("male", 0.9, 32),
)


def default_voice(index: int) -> Voice:
    return DEFAULTS[index % len(DEFAULTS)]


def resident_voice(scenario: Any, resident_id: Optional[str]) -> Voice:
    """The voice ``resident_id`` speaks in; the plain voice for anyone else (the narrator)."""
    for i, r in enumerate(getattr(scenario, "residents", ())):
        if r.id != resident_id:
            continue
        base = default_voice(i)
        hint = getattr(r, "voice", None)
        if hint is None:
            return base
        return Voice(hint.voice if hint.voice is not None else base.voice,
                     hint.rate / 100 if hint.rate is not None else base.rate,
                     hint.pitch if hint.pitch is not None else base.pitch)
    return Voice()
