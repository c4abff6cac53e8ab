"""The terminal as the screen-reader route: ``play --text --plain`` and ``--speak``.

A pygame window shows nothing to NVDA, JAWS or Orca; a terminal does, line by line. ``--plain``
makes what the terminal player writes read well aloud: no rules of ``=`` signs, no bars drawn with
block characters, no arrows, ticks or box drawing, no colour codes, no columns padded with spaces;
every figure in words ("vertrouwen 6 van 10", "Stap 1 Bereid je voor: 4,5 van 5"). It is a filter
on the output stream (``PlainText``), so the player itself stays as it is and every screen of it
(preparation, time-out, own words, debrief, self-rating, replay) comes out plain.

``--speak`` lets the residents speak their own lines aloud, each in their own voice
(``voices.resident_voice``), through the same speech process the window uses.
"""

from __future__ import annotations

import re
from typing import Any, Optional, TextIO

from engine.scenario.dimensions import DIMENSIONS
from simulator.a11y.speech import Speaker, Voice
from simulator.a11y.voices import resident_voice
from simulator.terminal.debrief import LABEL_WIDTH, fit

WORDS = {
    "nl": {"of": "van", "measured": "gemeten", "right": "juist", "wrong": "onjuist", "then": "daarna",
           "up": "omhoog", "down": "omlaag", "same": "gelijk"},
    "en": {"of": "out of", "measured": "measured", "right": "right", "wrong": "wrong", "then": "then",
           "up": "up", "down": "down", "same": "same"},
}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
RULE = re.compile(r"^\s*([=\-_*─━═])\1{2,}\s*$")
HEADING = re.compile(r"^\s*(==|--)\s*(.*?)\s*\1\s*$")
BAR = re.compile(r"[█▓▒░]+")
FRACTION = re.compile(r"\b(\d+)/(\d+)\b")
SCORE_AT_END = re.compile(r"^(?P<label>.*?\S)\s+(?:(?P<mine>\S+) (?P<own>\d|–) · )?(?P<value>\d+(?:[.,]\d+)?)\s*$")
SPACES = re.compile(r"\s{2,}")


def _dimension_labels(lang: str) -> dict[str, str]:
    """The debrief's dimension labels as its table cuts them to fit (``textdebrief.fit``) -> in full."""
    out = {}
    for d in DIMENSIONS:
        full = f"{d.short.get(lang)}  {d.label.get(lang)}"
        out[fit(full, LABEL_WIDTH)] = full
    return out


class PlainText:
    """A text stream that writes what it is given as plain lines for a screen reader."""

    def __init__(self, out: TextIO, lang: str = "nl"):
        self.out = out
        self.lang = lang if lang in WORDS else "en"
        self.words = WORDS[self.lang]
        self.labels = _dimension_labels(self.lang)
        self._pending = ""

    # -- the stream ------------------------------------------------------------------
    def write(self, text: str) -> int:
        self._pending += text
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            plain = self.line(line)
            if plain is not None:
                self.out.write(plain + "\n")
        return len(text)

    def flush(self) -> None:
        """A prompt waiting for input (written without a newline) goes out now."""
        if self._pending:
            plain = self.line(self._pending)
            self._pending = ""
            if plain:
                self.out.write(plain + (" " if not plain.endswith(" ") else ""))
        self.out.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.out, "isatty", lambda: False)())

    def __getattr__(self, name: str) -> Any:  # encoding, fileno, ... of the real stream
        return getattr(self.out, name)

    # -- one line ----------------------------------------------------------------------
    def line(self, line: str) -> Optional[str]:
        """``line`` for a screen reader; None for a line that is only decoration."""
        w = self.words
        line = ANSI.sub("", line)
        if RULE.match(line):
            return None
        heading = HEADING.match(line)
        if heading:
            return heading.group(2) + ":"
        had_bar = bool(BAR.search(line))
        line = BAR.sub(" ", line)
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]") and FRACTION.search(stripped):
            line = stripped[1:-1].replace(" | ", ". ")  # the residents' mood
        line = FRACTION.sub(lambda m: f"{m.group(1)} {w['of']} {m.group(2)}", line)
        line = (line.replace("✓ ", f"{w['right']}: ").replace("✗ ", f"{w['wrong']}: ")
                .replace(" → ", f", {w['then']} ").replace("→", w["then"])
                .replace("▲", w["up"]).replace("▼", w["down"]).replace("↳", "").replace("»", "")
                .replace("│", " ").replace("┃", " "))
        for cut, full in self.labels.items():
            if cut != full and cut in line:
                line = line.replace(cut, full)
        if had_bar:
            score = SCORE_AT_END.match(line.strip())
            if score:
                label = SPACES.sub(" ", score.group("label"))
                measured = f"{score.group('value')} {w['of']} 5"
                if score.group("own") and score.group("own") != "–":  # the trainee's own estimate beside it
                    own = f"{score.group('mine')} {score.group('own')} {w['of']} 5"
                    line = f"{label}: {own}, {w['measured']} {measured}"
                else:
                    line = f"{label}: {measured}"
        line = SPACES.sub(" ", line).strip()
        if line.endswith(" ="):
            line = line[:-2] + f" {w['same']}"
        return line


def plain_output(out: TextIO, lang: str, plain: bool) -> TextIO:
    return PlainText(out, lang) if plain else out  # type: ignore[return-value]


class SpeakingLines:
    """A mixin for the terminal player (``TextPlayer``): each line of the transcript is also spoken,
    a resident's in their own voice, the narrator's in the plain one."""

    speaker: Optional[Speaker] = None

    def show_transcript(self, session: Any, start: int) -> None:
        super().show_transcript(session, start)  # type: ignore[misc]
        if self.speaker is None:
            return
        lang = self.lang  # type: ignore[attr-defined]
        residents = {r.id for r in session.scenario.residents}
        for entry in session.state.transcript[start:]:
            if entry.kind == "line":
                line = session.line_of(entry)
                voice = resident_voice(session.scenario, line.speaker) if line.speaker in residents else Voice()
                self.speaker.say(line.text.get(lang), voice=voice, lang=lang, kind="line")
            elif entry.kind == "ending":
                ending = session.scenario.endings[entry.node_id]
                self.speaker.say(ending.text.get(lang), lang=lang, kind="ending")


def with_speech(player_class: type) -> type:
    """``player_class`` whose transcript is also spoken (``--speak``)."""
    return type(f"Speaking{player_class.__name__}", (SpeakingLines, player_class), {})


def speaking_player(player_class: type, args: Any, lang: str, err: Any) -> tuple[type, Optional[Speaker]]:
    """The player class and its speaker for the command line's ``--speak`` (none without it)."""
    if not getattr(args, "speak", False):
        return with_speech(player_class), None
    return with_speech(player_class), start_speaker(lang, err)


def start_speaker(lang: str, err: Any) -> Speaker:
    """The speaker for ``--speak``; why there is no speech is said once, and the game goes on."""
    speaker = Speaker(lang)
    if not speaker.ready() and speaker.problem:
        err(f"--speak: {speaker.problem}")
        speaker.close()
    return speaker


def finish_speaking(speaker: Optional[Speaker], err: Any, timeout: float = 60.0) -> None:
    """Let what is still queued be said (the last line, the ending) before the program ends."""
    if speaker is None or not speaker.available:
        return  # nothing to wait for; why was said at the start
    if not speaker.wait(timeout) and speaker.problem:
        err(f"--speak: {speaker.problem}")
    speaker.close()
