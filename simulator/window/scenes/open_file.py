""""Open scenario…": any scenario file, wherever it is, opened from the start screen.

A trainer trying out a scenario they are writing, or one a colleague mailed them, needn't
copy it into a folder first. pygame_gui's file dialog shows only folders and ``.yaml``
files; its delete button is hidden (picking a file to play must never be a way to lose
one). A file that can't be loaded puts its first problem on the start screen, one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pygame
import pygame_gui
from pygame_gui.windows import UIFileDialog

from engine import load_scenario
from engine.scenario.errors import ScenarioError
from simulator import catalog
from simulator.window.layout import gap
from simulator.window.scene import Scene

SUFFIXES = {".yaml", ".yml"}


def first_folder() -> Path:
    """Where the dialog starts: the trainer's own scenario folder if it exists, else home."""
    own = catalog.user_scenario_dir()
    return own if own.is_dir() else Path.home()


class OpenScenarioScene(Scene):
    name = "open_scenario"
    overlay = True

    def __init__(self, app, folder: Optional[Path] = None):
        super().__init__(app)
        self.folder = folder or first_folder()
        self.dialog: Optional[UIFileDialog] = None

    def build_widgets(self) -> None:
        w, h = self.size
        g = gap(self.scale)
        dw, dh = min(w - 2 * g, int(720 * min(self.scale, 1.3))), min(h - 2 * g, int(520 * min(self.scale, 1.3)))
        rect = pygame.Rect((w - dw) // 2, (h - dh) // 2, dw, dh)
        self.dialog = UIFileDialog(rect, self.manager, window_title=self.tr("open_scenario_title"),
                                   allowed_suffixes=SUFFIXES, initial_file_path=str(self.folder),
                                   allow_existing_files_only=True, always_on_top=True)
        self.dialog.delete_button.hide()

    def teardown(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            self.folder = Path(dialog.current_directory_path)  # a rebuild (resize) keeps the folder
            dialog.kill()
        super().teardown()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.dialog is None or getattr(event, "ui_element", None) is not self.dialog:
            return False  # also the close of a dialog a rebuild replaced
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            self.dialog = None
            self.app.pop(self)
            self.open(event.text)
            return True
        if event.type == pygame_gui.UI_WINDOW_CLOSE:  # Cancel or the window's close button
            self.dialog = None
            self.app.pop(self)
            return True
        return False

    def open(self, path: str) -> None:
        """The briefing of the scenario at ``path``, or its first problem on the screen below."""
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            self._tell(str(exc.problems[0]) if exc.problems else str(exc))
            return
        self.app.open_scenario(scenario, path)

    def _tell(self, message: str) -> None:
        below = self.app.top
        if below is not None and hasattr(below, "message"):
            below.message = message
            below.build()

    def escape(self) -> None:
        self.app.pop(self)
