"""Learning from the resident's side, as one small API for the window (and any front end).

The terminal player, the ``replay`` command and the exports use the same functions, so
the window only has to draw: the self-rating questions in both languages and storing
the answers, coach hints, starting a replay from a debrief decision, and the data for
"both paths side by side". Nothing here imports pygame or prints; every problem a user
can cause is a ``PerspectiveError`` with one line to show.

Typical use from a debrief screen (``play`` being the window's current playthrough)::

    questions = rating_questions(scenario, lang)      # ask these before any figure
    save_rating(journal, session_id, {"overall": 4, "step3": 2}, plus="...", delta="...")
    rows = rating_comparison(review, load_rating(journal, session_id), lang)
    started = start_branch(journal, session_id, decision.index, scenario)  # Session, new id
    comparison = path_comparison(journal, started.session_id, started.session)  # after it ends

A playthrough that couldn't be saved uses ``make_rating`` (keep the rating in memory),
``branch_unsaved`` and ``compare_sessions`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, NamedTuple, Optional

from engine import Scenario, Session
from engine.debrief.branching import BranchError, PathComparison, PathStep, branch
from engine.debrief.review import DecisionReview, Review
from engine.debrief.selfrating import OVERALL, SCALE, SelfRating, make_rating, rated_keys, rating_rows
from engine.scenario.dimensions import BY_KEY
from engine.scenario.errors import SaveError
from simulator.coach import coach_hint
from simulator.debriefing import DebriefError, branch_comparison, saved_session, scenario_for, session_review
from simulator.debriefing import compare_sessions as _compare_sessions
from simulator.i18n import tr
from simulator.journal import Journal, JournalError
from simulator.terminal.perspective import row_numbers

__all__ = [
    "BranchStart", "PerspectiveError", "RatingLine", "RatingQuestion", "branch_unsaved", "coach_hint",
    "compare_sessions", "comparison_rows", "load_rating", "make_rating", "path_comparison", "rating_comparison",
    "rating_intro", "rating_questions", "rating_scale", "plus_delta_prompts", "review_of", "save_rating",
    "start_branch",
]


class PerspectiveError(Exception):
    """One line for the user: what couldn't be done and why."""


# -- self-rating (Plus-Delta) ----------------------------------------------------------
@dataclass(frozen=True)
class RatingQuestion:
    key: str  # "overall" or a dimension key (step1..step5, e1..e4): the key to answer under
    group: str  # "overall", "ury" or "empathy"
    title: str  # "Het gesprek als geheel", "Stap 3 — Ga naast de ander staan"
    explanation: str  # the seed's explanation of the dimension ("" for overall)


def rating_questions(scenario: Scenario, lang: str) -> list[RatingQuestion]:
    """What to ask, in order: the meeting as a whole, then each dimension the scenario scores."""
    out = []
    for key in rated_keys(scenario):
        if key == OVERALL:
            out.append(RatingQuestion(key, OVERALL, tr("sr_overall_q", lang), ""))
            continue
        dim = BY_KEY[key]
        out.append(RatingQuestion(key, dim.group, f"{dim.short.get(lang)} — {dim.label.get(lang)}",
                                  dim.explanation.get(lang)))
    return out


def rating_scale(lang: str) -> list[tuple[int, str]]:
    """The answers: (1, "ging slecht") .. (5, "ging heel goed")."""
    return [(n, tr(f"sr_scale_{n}", lang)) for n in SCALE]


def rating_intro(lang: str) -> tuple[str, str]:
    """(title, one paragraph) to show above the questions."""
    return tr("sr_title", lang), tr("sr_intro", lang)


def plus_delta_prompts(lang: str) -> tuple[str, str]:
    """The two optional one-sentence questions: what went well, what to do differently."""
    return tr("sr_plus_q", lang), tr("sr_delta_q", lang)


def save_rating(journal: Journal, session_id: int, scores: Mapping[str, Optional[int]],
                plus: str = "", delta: str = "") -> SelfRating:
    """Store the trainee's answers with the session; skipped questions are None or absent.

    Returns the rating as stored (values off the 1-5 scale and unknown keys dropped).
    """
    rating = make_rating(scores, plus, delta)
    try:
        journal.set_rating(session_id, rating)
    except JournalError as exc:
        raise PerspectiveError(str(exc)) from None
    return rating


def load_rating(journal: Journal, session_id: int) -> Optional[SelfRating]:
    try:
        return journal.rating(session_id)
    except JournalError as exc:
        raise PerspectiveError(str(exc)) from None


@dataclass(frozen=True)
class RatingLine:
    key: str
    title: str  # "Totaal" or "Stap 3 — Ga naast de ander staan"
    own: Optional[int]  # 1..5, None when skipped
    own_text: str  # "ging goed", "" when skipped
    measured: Optional[int]  # 1..5 on the same scale, None when not trained
    measured_text: str
    percent: Optional[float]  # the measurement: share of the route range, 0..100
    note: str  # "jij zag het rooskleuriger" / "jij was strenger" when the gap is 2 or more, else ""


def rating_comparison(review: Review, rating: Optional[SelfRating], lang: str) -> list[RatingLine]:
    """The trainee's rating beside the measurement, texts resolved (empty without a rating)."""
    if rating is None or rating.empty:
        return []
    lines = []
    for row in rating_rows(review, rating):
        title = tr("overall", lang) if row.key == OVERALL else \
            f"{BY_KEY[row.key].short.get(lang)} — {BY_KEY[row.key].label.get(lang)}"
        note = ""
        if row.notable and row.gap is not None:
            note = tr("sr_higher" if row.gap > 0 else "sr_lower", lang)
        lines.append(RatingLine(
            row.key, title, row.own, tr(f"sr_scale_{row.own}", lang) if row.own else "",
            row.measured, tr(f"sr_scale_{row.measured}", lang) if row.measured else "", row.percent, note))
    return lines


# -- replay from here -------------------------------------------------------------------
class BranchStart(NamedTuple):
    session: Session  # standing just before the decision, ready to play on
    session_id: Optional[int]  # its journal row; None when it couldn't be saved
    save_error: Optional[str]  # one line when the journal refused it (play on unsaved)


def start_branch(journal: Journal, session_id: int, decision_index: int,
                 scenario: Optional[Scenario] = None, language: Optional[str] = None) -> BranchStart:
    """A new attempt at decision ``decision_index`` (0-based, ``DecisionReview.index``) of a
    saved session, journaled as its own session (``parent_id`` = ``session_id``).

    ``scenario`` defaults to the one the session was played in (loaded from its path);
    ``language`` to the session's. Raises ``PerspectiveError`` when the session can't be
    read or no longer replays exactly on the scenario.
    """
    try:
        record = journal.get(session_id)
        scenario = scenario or scenario_for(record)
        parent = saved_session(journal, record, scenario)
    except (JournalError, DebriefError) as exc:
        raise PerspectiveError(str(exc)) from None
    try:
        session = branch(parent, scenario, decision_index)
    except (BranchError, SaveError) as exc:
        raise PerspectiveError(f"{scenario.path}: session {session_id}: {exc}") from None
    finally:
        parent.close()
    try:
        new_id = journal.start(session, record.scenario_path, language or record.language, parent_id=session_id,
                               trainee=record.trainee, branch_index=decision_index)
    except JournalError as exc:
        return BranchStart(session, None, str(exc))
    return BranchStart(session, new_id, None)


def branch_unsaved(parent: Session, decision_index: int) -> Session:
    """A replay from a session that isn't in the journal (it couldn't be saved)."""
    try:
        return branch(parent, parent.scenario, decision_index)
    except BranchError as exc:
        raise PerspectiveError(f"{parent.scenario.path}: {exc}") from None


def path_comparison(journal: Journal, session_id: int, session: Optional[Session] = None,
                    scenario: Optional[Scenario] = None, keep: bool = False) -> Optional[PathComparison]:
    """Both paths side by side for a journaled replay (None when the session isn't one).

    Pass the live ``session`` when you have it (the window's playthrough), else it is read
    from the journal. Both reviews rest on the values kept with each session where they hold;
    ``keep``: keep them when they had to be worked out (``debriefing.branch_comparison``).
    """
    own = None
    try:
        record = journal.get(session_id)
        if not record.is_branch:
            return None
        scenario = scenario or (session.scenario if session is not None else scenario_for(record))
        if session is None:
            session = own = saved_session(journal, record, scenario)
        return branch_comparison(journal, record, scenario, session, keep=keep)
    except (JournalError, DebriefError) as exc:
        raise PerspectiveError(str(exc)) from None
    finally:
        if own is not None:
            own.close()


def _side(d: Optional[DecisionReview], lang: str, names: Mapping[str, str]) -> Optional[dict]:
    if d is None:
        return None
    return {"node": d.decision.node_id, "choice": d.decision.choice_id, "kind": d.decision.kind,
            "speaker_name": names.get(d.speaker or ""), "prompt": d.prompt.get(lang),
            "chosen": d.chosen_text.get(lang), "verdict": d.verdict, "missed_opportunity": d.missed_opportunity,
            "weights": dict(d.weights), "mood_after": {w: dict(v) for w, v in d.decision.mood_after.items()}}


def comparison_rows(comparison: PathComparison, lang: str, names: Mapping[str, str]) -> list[dict]:
    """One dict per moment of the meeting from the branch point (the paths lined up by node, so a
    detour only one path took has rows of its own): ``step`` (1-based row position),
    ``first_step`` / ``second_step`` (that decision's 1-based number in each path, None when the
    path has none here), ``number`` (how the debrief numbers the row: "7", or "10/7" and "12/–"
    once the paths' numbers differ), ``same_moment``, ``same_choice``, ``first_elsewhere`` /
    ``second_elsewhere`` (that path didn't come to this moment but went on; else, with no
    decision here, its meeting was over), and ``first`` / ``second`` (None when that path has no
    decision here), each with ``node``, ``choice``, ``kind``, ``speaker_name``, ``prompt``,
    ``chosen``, ``verdict``, ``missed_opportunity``, ``weights`` and ``mood_after``."""
    numbers = row_numbers([(s.first_index, s.second_index) for s in comparison.steps])
    return [_row(s, n, lang, names) for s, n in zip(comparison.steps, numbers)]


def _row(step: PathStep, number: str, lang: str, names: Mapping[str, str]) -> dict:
    return {"step": step.index + 1, "number": number,
            "first_step": None if step.first_index is None else step.first_index + 1,
            "second_step": None if step.second_index is None else step.second_index + 1,
            "same_moment": step.same_moment, "same_choice": step.same_choice,
            "first_elsewhere": step.first_elsewhere, "second_elsewhere": step.second_elsewhere,
            "first": _side(step.first, lang, names), "second": _side(step.second, lang, names)}


def compare_sessions(first: Session, second: Session, branch_index: int) -> PathComparison:
    """Both paths side by side from two live sessions (e.g. when the first wasn't saved)."""
    try:
        return _compare_sessions(first, second, branch_index)
    except DebriefError as exc:
        raise PerspectiveError(str(exc)) from None


def review_of(session: Session) -> Review:
    """The review of a live session (raises ``PerspectiveError`` if it no longer fits)."""
    try:
        return session_review(session)
    except DebriefError as exc:
        raise PerspectiveError(str(exc)) from None
