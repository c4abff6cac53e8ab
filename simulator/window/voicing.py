"""Self-voicing and the residents' voices in the window (issue 24), like Ren'Py's self-voicing (key V).

A pygame window shows nothing to NVDA or JAWS, so the window speaks for itself: what has the
keyboard focus, each line of the meeting, each option when they appear, the question of the
preparation and the page of a document screen (the briefing, the ending, each debrief page).
With the residents' voices on, each resident speaks their own lines in their own voice
(``simulator.a11y.voices``); the trainee's own words and the narrator are only read out with
self-voicing on.

It watches rather than being called: once a frame the window hands it the top screen
(``follow``) and it compares what that screen shows with what it last said, so no screen has to
know about speech. Speaking is a queue to another process (``simulator.a11y.speech``): the frame
never waits. A key press cuts the speech short (``interrupt``), as a screen reader does; a new
focus, line or page interrupts what was still being said about the old one.
"""

from __future__ import annotations

import html as html_mod
import re
from typing import Any, Optional

from simulator.a11y.speech import Silent, Speaker, Voice
from simulator.a11y.voices import resident_voice
from simulator.i18n import tr
from simulator.settings import Settings


def plain(html: str) -> str:
    """The words of a text box's HTML, as they would be read."""
    text = re.sub(r"<br\s*/?>", ". ", html)
    text = re.sub(r"<[^>]+>", "", text)
    text = html_mod.unescape(text)
    text = re.sub(r"(\.\s*){2,}", ". ", text)
    return " ".join(text.split())


class Voicing:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.speaker: Any = Silent()
        self._focus: Optional[tuple[int, str]] = None
        self._line: Optional[tuple[int, int]] = None
        self._options: Optional[tuple[int, tuple[str, ...]]] = None
        self._page: Optional[tuple[int, str]] = None
        self._question: Optional[tuple[int, str]] = None
        self._told: Optional[str] = None
        self.configure(settings)

    # -- settings ------------------------------------------------------------------------
    @property
    def on(self) -> bool:
        return self.settings.self_voicing

    @property
    def speaking(self) -> bool:
        return self.settings.self_voicing or self.settings.resident_voices

    @property
    def problem(self) -> Optional[str]:
        self.speaker.poll()
        return self.speaker.problem

    def new_problem(self) -> bool:
        """True once, when the speech process has just said it can't speak (the settings show why)."""
        if not self.speaking:
            return False
        self.speaker.poll()
        problem = self.speaker.problem
        if problem and problem != self._told:
            self._told = problem
            return True
        return False

    def configure(self, settings: Settings) -> None:
        """Start the speech process when speech is first wanted; end it when none is."""
        self.settings = settings
        if self.speaking and isinstance(self.speaker, Silent):
            self.speaker = Speaker(settings.language)
            self.forget()
        elif not self.speaking and not isinstance(self.speaker, Silent):
            self.speaker.close()
            self.speaker = Silent()
        if isinstance(self.speaker, Speaker):
            self.speaker.lang = settings.language

    def use(self, speaker: Any) -> None:
        """Speak through ``speaker`` from now on (a test's, recording to WAV files)."""
        self.speaker.close()
        self.speaker = speaker
        self.forget()

    def forget(self) -> None:
        """Say the current screen again from the start (after turning speech on)."""
        self._focus = self._line = self._options = self._page = self._question = None

    def close(self) -> None:
        self.speaker.close()
        self.speaker = Silent()

    def interrupt(self) -> None:
        self.speaker.stop()

    def say(self, text: str, kind: str, interrupt: bool = False, voice: Optional[Voice] = None) -> None:
        self.speaker.say(text, voice=voice, lang=self.settings.language, interrupt=interrupt, kind=kind)

    def announce(self, key: str) -> None:
        """A word about the voicing itself ("Voorlezen staat aan"): said even when it was just turned off."""
        speaker = self.speaker if not isinstance(self.speaker, Silent) else None
        if speaker is not None:
            speaker.say(tr(key, self.settings.language), lang=self.settings.language, interrupt=True, kind="state")

    # -- each frame -------------------------------------------------------------------------
    def follow(self, scene: Any) -> None:
        """Say what changed on ``scene`` since the last frame."""
        if not self.speaking or scene is None or not getattr(scene, "built", False):
            return
        self.speaker.poll()
        self._follow_meeting(scene)
        if self.on:
            self._follow_question(scene)
            self._follow_options(scene)
            self._follow_page(scene)
            self._follow_focus(scene)

    def _follow_meeting(self, scene: Any) -> None:
        session = getattr(scene, "session", None)
        play = getattr(scene, "play", None)
        if session is None or play is None or getattr(scene, "name", "") != "meeting":
            return
        key = (id(session), len(session.state.transcript))
        if key == self._line:
            return
        self._line = key
        line = session.line
        if line is None:
            return
        lang = self.settings.language
        text = line.text.get(lang)
        names = {r.id: r.name for r in session.scenario.residents}
        resident = names.get(line.speaker)
        if resident is not None and self.settings.resident_voices:
            if self.on:
                self.say(resident, "name", interrupt=True)
            self.say(text, "line", interrupt=not self.on, voice=resident_voice(session.scenario, line.speaker))
        elif self.on:
            self.say(f"{resident}: {text}" if resident else text, "line", interrupt=True)

    def _follow_question(self, scene: Any) -> None:
        question = getattr(scene, "question", None)
        if question is None or getattr(scene, "name", "") != "preparation":
            return
        key = (id(scene), question.id)
        if key != self._question:
            self._question = key
            self.say(question.prompt.get(self.settings.language), "question", interrupt=True)

    def _follow_options(self, scene: Any) -> None:
        panel = getattr(scene, "panel", None)
        options = list(getattr(panel, "options", None) or [])
        if panel is None or not options or not getattr(panel, "visible", True):
            return
        key = (id(scene), tuple(o.id for o in options))
        if key == self._options:
            return
        self._options = key
        lang = self.settings.language
        for n, option in enumerate(options, 1):
            self.say(tr("say_option", lang, n=n, total=len(options), text=option.text), "option")

    def _follow_page(self, scene: Any) -> None:
        doc = getattr(scene, "doc", None)
        html = getattr(doc, "html_text", None)
        if not html or not doc.alive():
            return
        key = (id(scene), html)
        if key == self._page:
            return
        self._page = key
        heading = " ".join(filter(None, (self._call(scene, "title"), self._call(scene, "subtitle"))))
        self.say(". ".join(filter(None, (heading, plain(html)))), "page", interrupt=True)

    @staticmethod
    def _call(scene: Any, name: str) -> str:
        try:
            value = getattr(scene, name, None)
            return str(value()) if callable(value) else ""
        except (AttributeError, AssertionError, TypeError, ValueError):
            return ""

    def _follow_focus(self, scene: Any) -> None:
        focus = getattr(scene, "focus", None)
        item = getattr(focus, "current", None)
        if item is None:
            self._focus = None
            return
        key = (id(item.element), item.name)
        if key == self._focus:
            return
        first = self._focus is None
        self._focus = key
        words = self.describe(scene, item)
        if words and not first:  # the screen's own text says where the focus starts
            self.say(words, "focus", interrupt=True)

    def describe(self, scene: Any, item: Any) -> str:
        """What a focused element is, in words: its caption, a card's text, a setting and its value."""
        lang = self.settings.language
        element = item.element
        if item.name.startswith("row:") and getattr(scene, "name", "") == "settings":
            field = item.name[4:]
            for label, choices, name in getattr(scene, "options", lambda: [])():
                if name == field:
                    value = getattr(self.settings, field)
                    caption = next((c for v, c in choices if v == value), str(value))
                    return tr("say_setting", lang, label=label, value=caption)
        caption = getattr(element, "text", "") or ""
        if caption:
            return f"{caption}, {tr('say_button', lang)}"
        inside = []
        rect = getattr(element, "rect", None)
        manager = getattr(scene, "manager", None)
        if rect is not None and manager is not None:
            for sprite in manager.get_sprite_group().sprites():
                html = getattr(sprite, "html_text", None)
                if html and sprite is not element and rect.contains(sprite.rect):
                    inside.append((sprite.rect.x, sprite.rect.y, plain(html)))
        return " ".join(t for _, _, t in sorted(inside))
