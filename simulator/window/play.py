"""One go at one scenario, as the window sees it: the session, its journal row, the review.

Every answer, choice and advance is saved to the journal straight away, so closing the
window (or a crash) never loses more than the step being taken. A journal that can't be
opened never stops the meeting: ``save_error`` says so once and the meeting goes on
unsaved. A journal that won't take a step right now (another program holds it, the disk
is full, it is read-only) doesn't end saving: the journal keeps the step and sends it
with the next one, and ``take_save_note()`` gives the screen one line when saving falls
behind and one when it has caught up.

The debrief's game review is warmed up by the shared review service
(``simulator.review_service.ReviewJob``) from the moment the scenario is opened.
"""

from __future__ import annotations

import logging
from typing import Mapping, Optional

from engine import Scenario, Session
from engine.analysis.outlook import Outlook
from engine.debrief.branching import PathComparison
from engine.debrief.review import Review, review
from engine.debrief.selfrating import SelfRating
from simulator import kept_values
from simulator.i18n import tr
from simulator.journal import Journal, JournalError, SaveBehind
from simulator.perspective import (
    PerspectiveError,
    branch_unsaved,
    compare_sessions,
    load_rating,
    make_rating,
    path_comparison,
    save_rating,
    start_branch,
)
from simulator.review_service import ReviewJob

log = logging.getLogger(__name__)

class Play:
    def __init__(self, scenario: Scenario, scenario_path: str, language: str, journal: Optional[Journal],
                 session: Optional[Session] = None, session_id: Optional[int] = None,
                 parent_id: Optional[int] = None):
        self.scenario = scenario
        self.scenario_path = scenario_path
        self.language = language
        self.journal = journal
        self.save_error: Optional[str] = None
        self.save_behind: Optional[str] = None  # the cause, while the journal is behind
        self._save_note: Optional[str] = None  # one line for the screen, shown once
        self.rating: Optional[SelfRating] = None  # the trainee's own estimate, once given
        self.rated = False  # answered or skipped: the debrief then shows the figures
        self.parent: Optional["Play"] = None  # the first attempt, for a replay started in this window
        self.branch_index: Optional[int] = None  # the decision that replay started at
        self._comparison: Optional[tuple[Optional[PathComparison], Optional[str]]] = None
        self._parent_id: "Optional[int] | bool" = False  # False: not looked up yet
        self.review_job = ReviewJob.for_scenario(scenario)
        self._review: Optional[Review] = None
        self._kept_view: "Optional[Outlook] | bool" = False  # False: not read yet (``_kept``)
        self._begun_after = parent_id  # the session this go replays, for a journal row begun later (``adopt``)
        if session is None:
            session = Session.start(scenario)
            session_id = None
            if journal is not None:
                try:
                    session_id = journal.start(session, scenario_path, language, parent_id=parent_id)
                except JournalError as exc:
                    self._failed(exc)
        self.session = session
        self.session_id = session_id
        if session_id is not None and journal is not None and session.finished:
            self._load_rating()

    # -- acting (each step saved) --------------------------------------------------
    def answer(self, option_id: str) -> None:
        self.session.answer(option_id)
        self.save()
        self.review_job.follow(self.session.state.history)  # valued while the trainee reads on

    def choose(self, choice_id: str, own_words: Optional[str] = None) -> None:
        """A choice, with what the trainee typed first in own-words mode (kept with the decision)."""
        self.session.choose(choice_id, own_words=own_words)
        self.save()
        self.review_job.follow(self.session.state.history)  # valued while the trainee reads on

    def take_timeout(self) -> None:
        """A step onto the balcony: a move of its own, saved like a choice; the same decision follows."""
        self.session.take_timeout()
        self.save()
        self.review_job.follow(self.session.state.history)  # valued while the trainee reads on

    def advance(self) -> None:
        self.session.advance()
        self.save()

    def save(self) -> None:
        if self.journal is None or self.session_id is None:
            return
        try:
            self.journal.save(self.session_id, self.session)
        except SaveBehind as exc:
            log.warning("journal: %s", exc)
            if self.save_behind is None:
                self._save_note = tr("save_behind", self.language, cause=tr(f"cause_{exc.cause}", self.language))
            self.save_behind = exc.cause
            return
        except JournalError as exc:
            self._failed(exc)
            return
        if self.save_behind is not None:
            self.save_behind = None
            self._save_note = tr("save_caught_up", self.language)

    def take_save_note(self) -> Optional[str]:
        """The line to show about saving (fallen behind, caught up), once; None when there is none."""
        note, self._save_note = self._save_note, None
        return note

    def set_language(self, language: str) -> None:
        self.language = language
        if self.journal is not None and self.session_id is not None:
            try:
                self.journal.set_language(self.session_id, language)
            except (JournalError, AttributeError) as exc:
                log.warning("can't store the language of session %s: %s", self.session_id, exc)

    def adopt(self, journal: Journal) -> bool:
        """Journal this go now, whole, with the estimate given so far: the journal could not be
        opened as it began (another program held it; ``journal_later``). False when it was
        journaled already or the journal refused it (``save_error`` says why)."""
        if self.journal is not None or self.session_id is not None:
            return False
        try:
            session_id = journal.start(self.session, self.scenario_path, self.language, parent_id=self._begun_after)
        except JournalError as exc:
            self._failed(exc)
            return False
        self.journal, self.session_id, self.save_error = journal, session_id, None
        if self.rating is not None and not self.rating.empty:
            try:
                journal.set_rating(session_id, self.rating)
            except JournalError as exc:
                log.warning("can't store the self-rating: %s", exc)
        self._save_note = tr("saved_late", self.language)
        return True

    def note_unsaved(self) -> None:
        """Say once on the screen that this finished go still waits for the journal."""
        self._save_note = tr("not_saved_yet", self.language)

    def _failed(self, exc: Exception) -> None:
        log.warning("journal: %s", exc)
        self.save_error = str(exc)
        self.session_id = None

    @property
    def saved(self) -> bool:
        return self.session_id is not None

    # -- learning from the other side (simulator.perspective) ----------------------------
    def _load_rating(self) -> None:
        """A finished session opened again keeps the estimate given before (no second ask)."""
        try:
            rating = load_rating(self.journal, self.session_id)  # type: ignore[arg-type]
        except PerspectiveError as exc:
            log.warning("can't read the self-rating: %s", exc)
            return
        if rating is not None and not rating.empty:
            self.rating, self.rated = rating, True

    def store_rating(self, scores: Mapping[str, Optional[int]], plus: str = "", delta: str = "") -> Optional[str]:
        """The trainee's own estimate, kept with the session (in memory when unsaved).

        Returns one line when the journal refused it (the estimate is still shown)."""
        self.rated = True
        if self.journal is None or self.session_id is None:
            self.rating = make_rating(scores, plus, delta)
            return None
        try:
            self.rating = save_rating(self.journal, self.session_id, scores, plus, delta)
        except PerspectiveError as exc:
            log.warning("can't store the self-rating: %s", exc)
            self.rating = make_rating(scores, plus, delta)
            return str(exc)
        return None

    def skip_rating(self) -> None:
        """Straight to the figures: nothing is stored."""
        self.rated = True

    def branch(self, decision_index: int) -> "Play | str":
        """A new playthrough standing just before one of this one's decisions, or one line why not."""
        try:
            if self.journal is not None and self.session_id is not None:
                started = start_branch(self.journal, self.session_id, decision_index, self.scenario, self.language)
                play = Play(self.scenario, self.scenario_path, self.language, self.journal,
                            session=started.session, session_id=started.session_id)
                play.save_error = started.save_error
            else:
                session = branch_unsaved(self.session, decision_index)
                play = Play(self.scenario, self.scenario_path, self.language, None, session=session)
        except PerspectiveError as exc:
            return str(exc)
        play.parent, play.branch_index = self, decision_index
        return play

    @property
    def is_replay(self) -> bool:
        """A replay from a debrief decision: its debrief can set both paths side by side."""
        return self.parent is not None or self._journal_parent() is not None

    @property
    def parent_id(self) -> Optional[int]:
        return self.parent.session_id if self.parent is not None else self._journal_parent()

    def _journal_parent(self) -> Optional[int]:
        """The first attempt's id for a replay read back from the journal (read once)."""
        if self._parent_id is False:
            self._parent_id = None
            if self.journal is not None and self.session_id is not None:
                try:
                    record = self.journal.get(self.session_id)
                    self._parent_id = record.parent_id if record.is_branch else None
                except JournalError as exc:
                    log.warning("can't read session %s: %s", self.session_id, exc)
        return self._parent_id  # type: ignore[return-value]

    def comparison(self) -> tuple[Optional[PathComparison], Optional[str]]:
        """Both paths from the branch point, or (None, one line why not); computed once.

        A replay started here compares the two live sessions, so it works unsaved too; a
        replay resumed from the journal reads its first attempt from there."""
        if self._comparison is None:
            try:
                if self.parent is not None and self.branch_index is not None:
                    found = compare_sessions(self.parent.session, self.session, self.branch_index)
                elif self.journal is not None and self.session_id is not None:
                    found = path_comparison(self.journal, self.session_id, self.session, self.scenario, keep=True)
                else:
                    found = None
                self._comparison = (found, None)
            except PerspectiveError as exc:
                self._comparison = (None, str(exc))
        return self._comparison

    # -- the review -------------------------------------------------------------------
    @property
    def review_ready(self) -> bool:
        return self._review is not None or self._kept() is not None \
            or self.review_job.ready_for(self.session.state.history)

    def _kept(self) -> Optional[Outlook]:
        """The values kept with this session in the journal, where they still hold (read once it
        has finished: only a finished session's are kept)."""
        if self._kept_view is False:
            if not self.session.finished:
                return None
            self._kept_view = kept_values.read(self.journal, self.session_id, self.session)
        return self._kept_view  # type: ignore[return-value]

    def review(self) -> Review:
        """The debrief's review: on the values kept with a journaled session where they still
        hold, else worked out (mostly valued already while the trainee played) and, for a
        finished session, kept with it for the next look (``kept_values``)."""
        if self._review is None:
            state = self.session.state
            kept = self._kept()
            self._review = review(self.scenario, state.history, state.ending, transcript=state.transcript, view=kept)
            if kept is None:
                kept_values.keep(self.journal, self.session_id, self.session, self._review)
        return self._review
