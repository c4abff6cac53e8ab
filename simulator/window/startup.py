"""Getting the window going: settings, the journal, and picking up a saved session.

Kept apart from ``app`` (the frame loop and the scene stack) because this is the part
that reads the user's files and the command line: which language, whether the journal
opens (trouble with it turns saving off with a notice instead of stopping the window),
and which saved session to continue. ``--resume`` and the start screen's continue
button go through the same ``App.continue_session``, so both load and resume alike.

Nothing heavy at the top: the window, pygame_gui and the engine are imported when used,
after ``launch`` has put the title card up.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from simulator import settings as settings_mod
from simulator import signals
from simulator.i18n import tr
from simulator.journal import Journal, JournalError
from simulator.window.app import App
from simulator.window.journal_later import LateJournal
from simulator.window.lrs_window import attach, detach
from simulator.window.play import Play

WINDOW_RETRY_DELAYS = (0.05, 0.1)

if TYPE_CHECKING:
    from engine import Scenario


def run(args: Any, scenario: Optional[Scenario]) -> int:
    """``python -m simulator`` without a command, or ``play ID`` without ``--text``."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="tussenwerker: %(message)s")
    settings, ignored = settings_mod.load_checked()
    lang = getattr(args, "play_lang", None) or getattr(args, "lang", None)
    if lang:
        settings = settings.with_(language=lang)
    journal, notice, late = open_journal(settings.language)
    notice = " ".join(n for n in (*ignored, notice) if n) or None  # what the settings file said, too
    app = App(settings, journal, notice=notice)
    if late is not None:
        late.notice = notice
        app.late_journal = late
    attach(app)  # the background sender, if an LRS is configured
    try:
        # SIGTERM/SIGINT (simulator.signals): leave the loop after this frame, no quit question.
        signals.on_stop(lambda _signum: setattr(app, "running", False))
        app.go_start()
        if scenario is not None:
            app.open_scenario(scenario, str(scenario.path))
        resume = getattr(args, "resume", None)
        if resume is not None and journal is not None:
            _resume(app, journal, resume)
        status = app.run(quit_after_first_frame=bool(getattr(args, "quit_after_first_frame", False)))
        if signals.requested() is not None:
            save_all(app)
        return status
    finally:
        signals.on_stop(None)
        detach(app)
        app.close()


def save_all(app: App) -> None:
    """Every go on the stack saved once more (each step already was; this covers the last one)."""
    for scene in app.stack:
        play = getattr(scene, "play", None)
        if isinstance(play, Play):
            play.save()


def open_journal(language: str) -> tuple[Optional[Journal], Optional[str], Optional[LateJournal]]:
    """The journal and a line for the start screen; without a journal the window still plays.
    When another program holds it locked, also how to open it later (``journal_later``)."""
    try:
        journal = _journal()
    except JournalError as exc:
        # Busy: nothing the trainee needs to do; said in their words, the file's path in the log.
        if getattr(exc, "cause", "") == "busy":
            logging.getLogger(__name__).warning("journal: %s", exc)
            return None, tr("journal_busy_window", language), LateJournal(_journal, None)
        return None, f"{exc}. {tr('journal_off', language)}", None
    return journal, journal.notice, None


def _journal() -> Journal:
    journal = Journal()
    # The window waits for a locked journal on the frame it draws: a short wait, since a step
    # the journal won't take yet goes along with the next one anyway.
    journal.retry_delays = WINDOW_RETRY_DELAYS
    return journal


def _resume(app: App, journal: Journal, resume: str) -> None:
    """``--resume [ID]``: that session, or the last unfinished one; trouble goes to the start screen."""
    record = None
    try:
        record = journal.get(resume) if resume else journal.last_unfinished()
    except JournalError as exc:
        app.notice = str(exc)
    if record is not None:
        message = app.continue_session(record)
        if message:
            app.notice = message
