"""Verdicts as a symbol as well as a word and a colour (WCAG 1.4.1: never colour alone).

The debrief reviews a meeting the way a chess engine reviews a game, so its symbols are the
annotation marks chess players read at a glance: ``!!`` the best move, ``!`` a good one,
``?!`` an inaccuracy, ``?`` a mistake. They are plain ASCII, so every font draws them, a
screen reader says them, and the terminal's plain mode can print them.
"""

from __future__ import annotations

from typing import Optional

VERDICT_MARKS: dict[Optional[str], str] = {
    "best": "!!",
    "good": "!",
    "inaccuracy": "?!",
    "mistake": "?",
    None: "-",  # not judged (a time-out, a line without options)
}


def verdict_mark(verdict: Optional[str]) -> str:
    return VERDICT_MARKS.get(verdict, VERDICT_MARKS[None])


def marked(verdict: Optional[str], words: str) -> str:
    """``words`` with the verdict's mark before them ("?! onnauwkeurig"); an unjudged one stays as it is."""
    return f"{verdict_mark(verdict)} {words}" if verdict in VERDICT_MARKS and verdict is not None else words
