"""Where the scenes go: from the start screen to a scenario, a go, its debrief and back.

A mixin of ``App``, kept apart from the window itself (display, scene stack, frame loop):
these are the trainee's routes through the program, and the scenes call them on their
app (``self.app.open_card(card)``, ``self.app.show_play(play)``) without knowing which
screen comes next. Each route is built from the stack's ``push``, ``pop``, ``replace``
and ``reset``.

Scenes don't know each other: a screen is named (``self.app.scene("debrief", play)``) and
``SCENES`` is the one place that says which module draws it. That module is imported
when its screen is first shown — the window's start-up boundary (``launch``), so the start
screen doesn't pay for the meeting or the debrief.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Optional

from engine.scenario.errors import ScenarioError
from simulator import catalog
from simulator.i18n import tr
from simulator.journal import JournalError, SessionRecord
from simulator.resume import continue_saved
from simulator.window.cards_cache import ScenarioCard, scenario_cards
from simulator.window.play import Play
from simulator.window.scene import Scene
from simulator.window.toast import show_toast

if TYPE_CHECKING:
    from engine import Scenario
    from simulator.journal import Journal
    from simulator.settings import Settings


# Every screen by name: (module, class). The only place that names a scene's module.
SCENES: dict[str, tuple[str, str]] = {
    "start": ("simulator.window.scenes.start", "StartScene"),
    "menu": ("simulator.window.scenes.menu", "MenuScene"),
    "confirm_quit": ("simulator.window.scenes.menu", "ConfirmQuitScene"),
    "sessions": ("simulator.window.scenes.sessions", "SessionsScene"),
    "progress": ("simulator.window.scenes.progress", "ProgressScene"),
    "settings": ("simulator.window.scenes.settings", "SettingsScene"),
    "privacy": ("simulator.window.scenes.privacy", "PrivacyScene"),
    "open_scenario": ("simulator.window.scenes.open_file", "OpenScenarioScene"),
    "briefing": ("simulator.window.scenes.briefing", "BriefingScene"),
    "mandate": ("simulator.window.scenes.mandate", "MandateScene"),
    "balcony": ("simulator.window.scenes.mandate", "BalconyScene"),
    "preparation": ("simulator.window.scenes.preparation", "PreparationScene"),
    "meeting": ("simulator.window.scenes.meeting", "MeetingScene"),
    "ending": ("simulator.window.scenes.ending", "EndingScene"),
    "debrief": ("simulator.window.scenes.debrief", "DebriefScene"),
    "reload_problems": ("simulator.window.scenes.reload_problems", "ReloadProblemsScene"),
}


class Navigation:
    """The routes between screens; the host (``App``) gives the stack: ``top``, ``push``,
    ``pop``, ``replace`` and ``reset``."""

    settings: "Settings"
    journal: Optional["Journal"]
    stack: list[Scene]
    running: bool
    catalog: Optional[list[ScenarioCard]] = None  # the start screen's cards, read once per visit

    def scene(self, name: str, *args: Any, **kwargs: Any) -> Scene:
        """A new screen of the kind ``name`` (a key of ``SCENES``) on this app."""
        module, cls = SCENES[name]
        return getattr(importlib.import_module(module), cls)(self, *args, **kwargs)

    def _on_top(self, name: str) -> bool:
        return self.top is not None and self.top.name == name

    # -- the start screen and the overlays on any screen ------------------------------
    def go_start(self) -> None:
        self.catalog = None
        self.reset(self.scene("start"))

    def open_menu(self) -> None:
        if self._on_top("menu"):
            self.pop()
            return
        self.push(self.scene("menu"))

    def open_sessions(self) -> None:
        """Mijn sessies: past sessions and their debriefs."""
        self.push(self.scene("sessions"))

    def open_progress(self) -> None:
        """Mijn voortgang: the dimensions over the sessions, and what to practise next."""
        self.push(self.scene("progress"))

    def open_settings(self) -> None:
        self.push(self.scene("settings"))

    def request_quit(self) -> None:
        """Closing the window: ask first when a meeting is under way (it stays saved)."""
        if self._on_top("confirm_quit"):
            self.running = False
            return
        if any(s.in_session for s in self.stack):
            self.push(self.scene("confirm_quit"))
        else:
            self.running = False

    # -- a scenario and its goes ------------------------------------------------------
    def load_catalog(self) -> list[ScenarioCard]:
        """The scenarios for the start screen (from the card cache when unchanged)."""
        if self.catalog is None:
            self.catalog = scenario_cards()
        return self.catalog

    def open_card(self, card: ScenarioCard) -> Optional[str]:
        """Open a scenario from its card; returns a message for the trainee when it can't be loaded."""
        try:
            scenario = catalog.load_scenario(card.path)  # the loader comes with the first scenario
        except ScenarioError as exc:
            self.catalog = None
            return str(exc.problems[0]) if exc.problems else str(exc)
        except OSError as exc:
            self.catalog = None
            return f"{card.path}: {exc.strerror or exc}"
        self.open_scenario(scenario, card.path)
        return None

    def open_scenario(self, scenario: Scenario, path: str) -> None:
        self.push(self.scene("briefing", scenario, path))

    def replace_with_briefing(self, play: Play) -> None:
        """Play again: back to the briefing, the new session remembering the old one."""
        self.go_start()
        self.push(self.scene("briefing", play.scenario, play.scenario_path, parent_id=play.session_id))

    def begin(self, scenario: Scenario, path: str, parent_id: Optional[int] = None) -> None:
        """Start a new session and go to its first screen (preparation or meeting)."""
        play = Play(scenario, path, self.settings.language, self.journal, parent_id=parent_id)
        late = getattr(self, "late_journal", None)
        if late is not None and play.journal is None:
            late.wait(play)  # journaled once the journal is free (``journal_later``)
        self.show_play(play)

    def show_play(self, play: Play, resumed: bool = False) -> None:
        """The screen a go is at: its preparation, its meeting or (finished) its debrief."""
        if play.session.finished:
            self.replace(self.scene("debrief", play))
        elif play.session.in_preparation:
            self.replace(self.scene("preparation", play))
        else:
            self.replace(self.scene("meeting", play, resumed=resumed))

    def show_play_over(self, play: Play, resumed: bool = False) -> None:
        """Show a session's screen above the current one, which stays in the stack below it."""
        self.stack.append(_Placeholder(self))  # show_play replaces the top scene
        self.show_play(play, resumed=resumed)

    def continue_session(self, record: SessionRecord) -> Optional[str]:
        """Resume a saved session (``--resume``, the start screen, Mijn sessies); returns a
        message for the trainee when it can't."""
        language = self.settings.language
        if self.journal is None:
            return tr("journal_off", language)
        try:
            scenario = catalog.find(record.scenario_id, record.scenario_digest, record.scenario_path)
            session, notes = continue_saved(self.journal, record.id, scenario)
        except (JournalError, ScenarioError, OSError) as exc:
            return tr("cant_continue", language, error=str(exc).splitlines()[0])
        play = Play(scenario, record.scenario_path, language, self.journal, session=session, session_id=record.id)
        self.show_play_over(play, resumed=True)
        if notes:  # the author changed the scenario since: what no longer applies (play goes on)
            show_toast(self, " ".join([tr("resume_notes", language), *notes]), 10.0)
        return None


class _Placeholder(Scene):
    """Stands in for a scene that ``replace`` is about to swap out."""

    def build_widgets(self) -> None:
        pass
