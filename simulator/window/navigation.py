"""Where the scenes go: from the start screen to a scenario, a go, its debrief and back.

A mixin of ``App``, kept apart from the window itself (display, scene stack, frame loop):
these are the trainee's routes through the program, and the scenes call them on their
app (``self.app.open_card(card)``, ``self.app.show_play(play)``) without knowing which
screen comes next. Each route is built from the stack's ``push``, ``pop``, ``replace``
and ``reset``. The scene modules are imported when a route is first taken, so the start
screen doesn't pay for the meeting or the debrief.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from engine.scenario.errors import ScenarioError
from simulator.window.cards_cache import ScenarioCard, scenario_cards
from simulator.window.play import Play
from simulator.window.scene import Scene

if TYPE_CHECKING:
    from engine import Scenario
    from simulator.journal import Journal
    from simulator.settings import Settings


class Navigation:
    """The routes between screens; the host (``App``) gives the stack: ``top``, ``push``,
    ``pop``, ``replace`` and ``reset``."""

    settings: "Settings"
    journal: Optional["Journal"]
    stack: list[Scene]
    running: bool
    catalog: Optional[list[ScenarioCard]] = None  # the start screen's cards, read once per visit

    # -- the start screen and the overlays on any screen ------------------------------
    def go_start(self) -> None:
        from simulator.window.scenes.start import StartScene
        self.catalog = None
        self.reset(StartScene(self))

    def open_menu(self) -> None:
        from simulator.window.scenes.menu import MenuScene
        if isinstance(self.top, MenuScene):
            self.pop()
            return
        self.push(MenuScene(self))

    def open_sessions(self) -> None:
        """Mijn sessies: past sessions and their debriefs."""
        from simulator.window.scenes.sessions import SessionsScene
        self.push(SessionsScene(self))

    def open_progress(self) -> None:
        """Mijn voortgang: the dimensions over the sessions, and what to practise next."""
        from simulator.window.scenes.progress import ProgressScene
        self.push(ProgressScene(self))

    def open_settings(self) -> None:
        from simulator.window.scenes.settings import SettingsScene
        self.push(SettingsScene(self))

    def request_quit(self) -> None:
        """Closing the window: ask first when a meeting is under way (it stays saved)."""
        from simulator.window.scenes.menu import ConfirmQuitScene
        if isinstance(self.top, ConfirmQuitScene):
            self.running = False
            return
        if any(s.in_session for s in self.stack):
            self.push(ConfirmQuitScene(self))
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
        from engine import load_scenario  # the loader comes with the first scenario, not the start screen
        try:
            scenario = load_scenario(card.path)
        except ScenarioError as exc:
            self.catalog = None
            return str(exc.problems[0]) if exc.problems else str(exc)
        except OSError as exc:
            self.catalog = None
            return f"{card.path}: {exc.strerror or exc}"
        self.open_scenario(scenario, card.path)
        return None

    def open_scenario(self, scenario: Scenario, path: str) -> None:
        from simulator.window.scenes.briefing import BriefingScene
        self.push(BriefingScene(self, scenario, path))

    def replace_with_briefing(self, play: Play) -> None:
        """Play again: back to the briefing, the new session remembering the old one."""
        from simulator.window.scenes.briefing import BriefingScene
        self.go_start()
        self.push(BriefingScene(self, play.scenario, play.scenario_path, parent_id=play.session_id))

    def begin(self, scenario: Scenario, path: str, parent_id: Optional[int] = None) -> None:
        """Start a new session and go to its first screen (preparation or meeting)."""
        play = Play(scenario, path, self.settings.language, self.journal, parent_id=parent_id)
        self.show_play(play)

    def show_play(self, play: Play, resumed: bool = False) -> None:
        """The screen a go is at: its preparation, its meeting or (finished) its debrief."""
        from simulator.window.scenes.debrief import DebriefScene
        from simulator.window.scenes.meeting import MeetingScene
        from simulator.window.scenes.preparation import PreparationScene
        if play.session.finished:
            self.replace(DebriefScene(self, play))
        elif play.session.in_preparation:
            self.replace(PreparationScene(self, play))
        else:
            self.replace(MeetingScene(self, play, resumed=resumed))

    def show_play_over(self, play: Play, resumed: bool = False) -> None:
        """Show a session's screen above the current one, which stays in the stack below it."""
        self.stack.append(_Placeholder(self))  # show_play replaces the top scene
        self.show_play(play, resumed=resumed)


class _Placeholder(Scene):
    """Stands in for a scene that ``replace`` is about to swap out."""

    def build_widgets(self) -> None:
        pass
