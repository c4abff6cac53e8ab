"""A journal another program held locked as the window started: the goes are saved later, not lost.

A backup or sync client can hold the journal for seconds just as the window opens. Saving
then began switched off for the whole run, and every meeting played in it was lost. Now
the window remembers how to open the journal and tries again at moments where a short
wait on the lock costs nothing: at the end of each meeting and when the window closes. The
goes begun meanwhile are journaled whole then (``Play.adopt``), their self-rating with them.
It is not tried on every step: each try may wait a second or two on the lock, which the
meeting screen must not.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from simulator.i18n import tr
from simulator.journal import JournalError
from simulator.journal_waiting import park
from simulator.places import journal_path
from simulator.window.lrs_window import attach

log = logging.getLogger(__name__)


class LateJournal:
    """How to open the journal, and the goes that wait for it."""

    def __init__(self, opener: Callable[[], Any], notice: Optional[str]):
        self._opener = opener  # returns the journal; raises JournalError (``cause``: "busy" while still locked)
        self.notice = notice  # what the start screen said about it, taken away once it is open
        self.waiting: list[Any] = []  # ``Play``s begun without a journal, oldest first

    def wait(self, play: Any) -> None:
        if play not in self.waiting:
            self.waiting.append(play)

    def open(self) -> tuple[Optional[Any], bool]:
        """(the journal, or None; whether to try again later: only while another program holds it)."""
        try:
            return self._opener(), False
        except JournalError as exc:
            busy = getattr(exc, "cause", "") == "busy"
            log.warning("journal: %s", exc)
            return None, busy


def catch_up(app: Any, closing: bool = False) -> None:
    """Open the journal if it is free now, and journal every go that waited for it.

    Still locked: a finished go says so on the screen (tried again when the window closes);
    still locked as the window closes: the go waits beside the journal (``journal_waiting``) and
    goes in the next time Tussenwerker opens it, said in the log. A journal that now
    fails for another reason (damaged, read-only folder) is not tried again."""
    late: Optional[LateJournal] = getattr(app, "late_journal", None)
    if late is None or app.journal is not None:
        return
    for scene in app.stack:  # a go shown on the screen that began some other way waits too
        play = getattr(scene, "play", None)
        if play is not None and hasattr(play, "adopt") and play.session_id is None and play.journal is None:
            late.wait(play)
    journal, again = late.open()
    if journal is None:
        if not again:
            app.late_journal = None
        for play in late.waiting:
            if closing:  # the go waits beside the journal and goes in the next time it opens (``journal_waiting``)
                start = {"scenario_path": play.scenario_path, "language": play.language,
                         "parent_id": getattr(play, "_begun_after", None)}
                parked = park(journal_path(), play.session, start)
                if parked is not None:
                    log.warning("%s", tr("session_parked", play.language, cause=tr("cause_busy", play.language),
                                         file=parked))
                else:
                    log.warning("%s", tr("session_not_saved", play.language, cause=tr("cause_busy", play.language)))
            elif again and play.session.finished:
                play.note_unsaved()
        return
    app.late_journal, app.journal = None, journal
    if app.notice == late.notice:
        app.notice = None
    for play in late.waiting:
        play.adopt(journal)
    if getattr(app, "lrs_sender", None) is None:
        attach(app)
