"""Asking the self-rating in the terminal, after the meeting and before the figures.

One question per line, 1 to 5, so it works piped as well as at a tty. Every question
can be skipped: Enter skips one, ``q`` skips the rest, and end of input skips what is
left — a script that pipes only the choices (or ``--no-rating``) goes straight to the
debrief, and nothing already answered is thrown away.
"""

from __future__ import annotations

import textwrap
from typing import Optional, TextIO

from engine import Scenario
from engine.debrief.selfrating import SelfRating, make_rating
from simulator.i18n import tr
from simulator.perspective import plus_delta_prompts, rating_intro, rating_questions, rating_scale
from simulator.terminal.typed import read_line

WIDTH = 78
STOP_WORDS = ("q", "quit", "stop", "exit")


class _Done(Exception):
    """The trainee skipped the rest (``q``) or the input ended."""


def _read(out: TextIO, inp: TextIO, prompt: str) -> str:
    out.write(prompt)
    out.flush()
    raw = read_line(inp)
    if raw == "":
        out.write("\n")
        raise _Done()
    answer = raw.strip()
    if answer.lower() in STOP_WORDS:
        raise _Done()
    return answer


def ask_rating(scenario: Scenario, lang: str, out: TextIO, inp: TextIO) -> Optional[SelfRating]:
    """Ask the rating; None when every question was skipped."""
    def say(text: str, indent: str = "") -> None:
        out.write("\n".join(textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent)) + "\n")

    title, intro = rating_intro(lang)
    out.write(f"\n== {title} ==\n")
    say(intro)
    say("  ".join(f"{n} = {label}" for n, label in rating_scale(lang)))
    scores: dict[str, Optional[int]] = {}
    plus = delta = ""
    try:
        for q in rating_questions(scenario, lang):
            out.write("\n")
            say(q.title)
            while True:
                answer = _read(out, inp, tr("sr_prompt", lang))
                if not answer:
                    break
                if answer.isdigit() and 1 <= int(answer) <= 5:
                    scores[q.key] = int(answer)
                    break
                say(tr("sr_invalid", lang))
        plus_q, delta_q = plus_delta_prompts(lang)
        out.write("\n")
        plus = _read(out, inp, plus_q + " ")
        delta = _read(out, inp, delta_q + " ")
    except _Done:
        pass
    rating = make_rating(scores, plus, delta)
    return None if rating.empty else rating
