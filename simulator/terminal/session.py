"""``play --text`` with the session journal: save every step, continue later.

The terminal player itself knows nothing of saving; this module opens the journal,
hands the player a hook that saves after every answer, choice and advance, and on
``--resume`` picks the saved session up again. A journal that can't be opened or
written never stops the game: the trainee is told in one line and plays on unsaved.
The self-rating asked before the debrief is stored with the session too.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable, Optional

from engine import Scenario, ScenarioError, Session
from engine.debrief.selfrating import SelfRating
from simulator import catalog, kept_values
from simulator.debriefing import DebriefError, branch_comparison, compare_sessions, journaled_review, progress_for
from simulator.i18n import tr
from simulator.journal import Journal, JournalError, SaveBehind, SessionRecord, WriteFailed
from simulator.journal_waiting import park
from simulator.places import journal_path
from simulator.resume import continue_saved
from simulator.signals import terminal_handlers
from simulator.terminal import debrief as textdebrief
from simulator.terminal.a11y import finish_speaking, plain_output, speaking_player
from simulator.terminal.player import TextPlayer, planned_chooser, random_chooser
from simulator.xapi.sender import settle, start_background

EXIT_OK, EXIT_INVALID = 0, 1


def err(message: str) -> None:
    print(message, file=sys.stderr)


class Saver:
    """Saves a session after every step, and never stops trying.

    A step the journal won't take now (busy, disk full, read-only) stays in the journal's
    memory and goes along with the next one; the trainee hears once that saving is behind
    and once that it caught up. A session that couldn't be journaled at its start is
    journaled at the next step that can. Only an error that no retry can fix (the
    session's row is gone) ends saving, and that is said too.
    """

    def __init__(self, journal: Optional[Journal], session_id: Optional[int], lang: str,
                 start: Optional[dict[str, Any]] = None, reopen: Optional[Callable[[], Optional[Journal]]] = None):
        """``start``: ``Journal.start``'s arguments, to journal the session later if it couldn't be yet;
        ``reopen``: opens the journal, for one that another program held locked as the session began
        (tried once more at the end: the whole session is in memory until then)."""
        self.journal = journal
        self.session_id = session_id
        self.lang = lang
        self._start = start if session_id is None else None
        self._reopen = reopen if journal is None else None
        self._behind: Optional[str] = None  # the cause, while saving is behind

    @property
    def active(self) -> bool:
        return self.journal is not None and self.session_id is not None

    def _told_behind(self, exc: JournalError) -> None:
        cause = getattr(exc, "cause", "error")
        if self._behind is None:
            err(str(exc))
            err(tr("save_behind", self.lang, cause=tr(f"cause_{cause}", self.lang)))
        self._behind = cause

    def _caught_up(self) -> None:
        if self._behind is not None:
            err(tr("save_caught_up", self.lang))
            self._behind = None

    def __call__(self, session: Session) -> None:
        if self.journal is None:
            return
        if self.session_id is None:
            if self._start is None:
                return
            try:
                self.session_id = self.journal.start(session, **self._start)
            except JournalError as exc:
                self._told_behind(exc if isinstance(exc, WriteFailed) else WriteFailed(str(exc), "error"))
                return
            self._start = None
            self._caught_up()
            return  # starting saved the state too
        try:
            self.journal.save(self.session_id, session)
        except SaveBehind as exc:
            self._told_behind(exc)
            return
        except JournalError as exc:
            err(str(exc))
            err(tr("journal_off", self.lang))
            self.session_id = None
            return
        self._caught_up()

    def finish(self, session: Session) -> None:
        """At the end: one last try; whatever still couldn't be saved is said plainly."""
        if self.journal is None and self._reopen is not None and self._start is not None:
            self.journal, self._reopen = self._reopen(), None  # the journal was busy as the session began
            if self.journal is None:  # still held: the session waits beside it (``journal_waiting``)
                parked = park(journal_path(), session, self._start)
                if parked is not None:
                    err(tr("session_parked", self.lang, cause=tr("cause_busy", self.lang), file=parked))
                else:
                    err(tr("session_not_saved", self.lang, cause=tr("cause_busy", self.lang)))
                return
            self._behind = "busy"  # said when it is saved now (``_caught_up``)
        if self.journal is None or (self._behind is None and self._start is None):
            return
        self(session)
        if self._behind is not None:
            err(tr("save_lost", self.lang, cause=tr(f"cause_{self._behind}", self.lang)))

    def rate(self, rating: SelfRating) -> None:
        """Store the self-rating with the session; a failure is one line and the debrief goes on."""
        if not self.active:
            return
        assert self.journal is not None and self.session_id is not None
        try:
            self.journal.set_rating(self.session_id, rating)
        except JournalError as exc:
            err(str(exc))
            err(tr("sr_saved_fail", self.lang))


class JournaledPlayer(TextPlayer):
    """The terminal player whose closing debrief also shows progress over earlier attempts."""

    def __init__(self, *args: Any, saver: Saver, parent: Optional[tuple[Session, int, Optional[int]]] = None,
                 **kwargs: Any):
        """``parent``: for a replay from a decision, (first session, decision index, its journal id)."""
        super().__init__(*args, on_step=saver, on_rating=saver.rate, **kwargs)
        self.saver = saver
        self.parent = parent

    def play(self, session: Optional[Session] = None):
        """SIGTERM and SIGHUP stop the game like Ctrl-C: every step taken is already saved."""
        with terminal_handlers():
            return super().play(session)

    def debrief(self, session: Session) -> None:
        progress = None
        if self.saver.active:
            assert self.saver.journal is not None and self.saver.session_id is not None
            try:
                progress = progress_for(self.saver.journal, self.saver.journal.get(self.saver.session_id))
            except JournalError as exc:
                err(str(exc))
        try:
            result = journaled_review(self.saver.journal, self.saver.session_id, session, keep=True)
        except DebriefError as exc:
            err(str(exc))
            return
        comparison, parent_id = None, None
        try:
            if self.parent is not None:
                first, index, parent_id = self.parent
                try:  # both reviews on values worked out already: the first attempt's kept, this one's just shown
                    first_kept = kept_values.read(self.saver.journal, parent_id, first)
                except JournalError:
                    first_kept = None
                comparison = compare_sessions(first, session, index, first_kept=first_kept, second_kept=result.outlook)
            elif self.saver.active:  # a replay continued with --resume: its first attempt is in the journal
                assert self.saver.journal is not None and self.saver.session_id is not None
                record = self.saver.journal.get(self.saver.session_id)
                parent_id = record.parent_id if record.is_branch else None
                comparison = branch_comparison(self.saver.journal, record, self.s, session)
        except (DebriefError, JournalError) as exc:
            if parent_id is not None:  # (unknown: the journal couldn't say whether this is a replay at all)
                err(tr("parent_gone", self.lang, id=parent_id, reason=exc))
        self.say()
        for line in textdebrief.render(result, self.lang, self.names, progress, self.rating, comparison, parent_id):
            self.out.write(line + "\n")


def closing_hints(saver: Saver, completed: bool, lang: str) -> None:
    """Where the session was saved and what to do next with it."""
    if not saver.active:
        return
    print()
    print(tr("saved_as", lang, id=saver.session_id))
    print(tr("debrief_again_hint" if completed else "resume_again_hint", lang, id=saver.session_id))
    if completed:
        print(tr("replay_hint", lang, id=saver.session_id))


_LAST_BUSY = False  # whether the last ``open_journal`` found the journal held by another program


def open_journal(lang: str, busy_later: bool = False, quiet_busy: bool = False) -> Optional[Journal]:
    """The journal, or None after one line why; ``busy_later``: when another program holds it,
    say the session will be saved at its end instead (``Saver``'s ``reopen``); ``quiet_busy``:
    say nothing when it is still held (the caller parks the session and says so)."""
    global _LAST_BUSY
    try:
        journal = Journal()
    except JournalError as exc:
        busy = _LAST_BUSY = getattr(exc, "cause", "") == "busy"
        if quiet_busy and busy:
            return None
        err(str(exc))
        err(tr("journal_busy_later" if busy and busy_later else "journal_off", lang))
        return None
    _LAST_BUSY = False
    if journal.notice:
        err(journal.notice)
    return journal


def _pick_record(journal: Journal, wanted: int, lang: str) -> Optional[SessionRecord]:
    if wanted:
        try:
            return journal.get(wanted)
        except JournalError as exc:
            err(str(exc))
            return None
    record = journal.last_unfinished()
    if record is None:
        err(tr("nothing_to_resume", lang))
    return record


def find_or_report(record: SessionRecord) -> Optional[Scenario]:
    """The scenario a saved session was played in, wherever it lives now; None after one line why not."""
    try:
        return catalog.find(record.scenario_id, record.scenario_digest, record.scenario_path)
    except ScenarioError as exc:
        for p in exc.problems:
            err(str(p))
        return None


def play_text(args: argparse.Namespace, scenario: Optional[Scenario]) -> int:
    """Play in the terminal; ``scenario`` is None only when resuming without naming one."""

    lang = args.play_lang or args.lang or "nl"
    resuming = args.resume is not None
    # A bot's playthrough isn't a trainee's work: it stays out of the journal and the reports.
    save = not args.no_save and not args.auto
    journal = open_journal(lang, busy_later=save and not resuming) if save or resuming else None
    session: Optional[Session] = None
    session_id: Optional[int] = None
    try:
        if resuming:
            if journal is None:
                return EXIT_INVALID
            record = _pick_record(journal, args.resume, lang)
            if record is None:
                return EXIT_INVALID
            if record.finished:
                err(tr("already_finished", lang, id=record.id))
                return EXIT_INVALID
            lang = args.play_lang or args.lang or record.language
            if scenario is None or scenario.id != record.scenario_id:
                scenario = find_or_report(record)
                if scenario is None:
                    return EXIT_INVALID
            try:
                session, notes = continue_saved(journal, record.id, scenario)
            except JournalError as exc:
                err(str(exc))
                return EXIT_INVALID
            session_id = record.id
            print(tr("resuming", lang, id=record.id, title=scenario.title.get(lang)))
            if notes:  # the author changed the scenario: what no longer applies, then play on
                print(tr("resume_notes", lang))
                for note in notes:
                    print(f"  - {note}")
        assert scenario is not None
        start: Optional[dict[str, Any]] = None
        if session is None:
            session = Session.start(scenario, seed=args.seed)
            start = {"scenario_path": os.path.abspath(scenario.path), "language": lang, "trainee": args.trainee}
        # Tried again at the end only when another program held it (a newer or damaged one stays so).
        reopen = (lambda: open_journal(lang, quiet_busy=True)) \
            if save and journal is None and not resuming and _LAST_BUSY else None
        saver = Saver(journal if save else None, session_id, lang, start, reopen)
        sender = start_background(journal) if save else None  # delivers to the LRS, if one is set up
        if start is not None:
            saver(session)  # journal it now (or, if the journal won't take it yet, at the next step)
        chooser = None
        if args.auto == "random":
            chooser = random_chooser(args.seed or 0)
        elif args.auto in ("best", "worst"):
            chooser = planned_chooser(scenario, worst=args.auto == "worst")
        player_class, speaker = speaking_player(JournaledPlayer, args, lang, err)
        player = player_class(scenario, lang, plain_output(sys.stdout, lang, args.plain), sys.stdin, chooser,
                              show_mood=not args.no_mood, saver=saver, coach=args.coach, rating=not args.no_rating,
                              own_words=args.own_words)
        player.speaker = speaker
        result = player.play(session)
        player.out.flush()
        finish_speaking(speaker, err)
        saver.finish(session)
        closing_hints(saver, result.completed, lang)
        waiting = settle(sender, lang)
        if waiting:
            err(waiting)
        return EXIT_INVALID if result.stuck else EXIT_OK
    finally:
        if session is not None:
            session.close()
        if journal is not None:
            journal.close()
