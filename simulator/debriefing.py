"""A saved session's debrief: its scenario, its review and the trainee's progress.

The ``debrief`` command, the terminal player's closing debrief, the exports and the
trainer report all need the same things from the journal — the scenario, the review,
the progress, and for a replay from a decision the first attempt to compare with; this
module is the one place that gets them, so each front end only renders. Problems a user can cause
(a scenario file moved or broken, a session that no longer fits its scenario) raise
``DebriefError`` with one line that names the file.
"""

from __future__ import annotations

from typing import Optional

from engine import Scenario, ScenarioError, Session
from engine.analysis.outlook import Outlook
from engine.debrief.branching import PathComparison, compare_paths
from engine.debrief.progress import Progress, progress
from engine.debrief.review import Review, review
from simulator import catalog, kept_values
from simulator.journal import Journal, JournalError, SessionRecord


class DebriefError(Exception):
    """One line for the user: what can't be shown, naming the file."""


def scenario_for(record: SessionRecord, override: Optional[str] = None) -> Scenario:
    """The scenario a session was played in: ``override``, or found by id and digest wherever it
    lives now (``catalog.find``: the file may have moved since, or come with a newer install)."""
    try:
        if not override:
            return catalog.find(record.scenario_id, record.scenario_digest, record.scenario_path, catalog.load_cached)
        path = catalog.resolve(override)
        scenario = catalog.load_cached(path)
    except ScenarioError as exc:
        first = str(exc.problems[0]) if exc.problems else f"{record.scenario_path}: can't be read"
        raise DebriefError(first) from None
    if scenario.id != record.scenario_id:
        raise DebriefError(f"{path}: is scenario {scenario.id!r}, but session {record.id} "
                           f"was played in {record.scenario_id!r}")
    return scenario


def saved_session(journal: Journal, record: SessionRecord, scenario: Scenario) -> Session:
    try:
        session = journal.resume(record.id, scenario)
    except JournalError as exc:
        raise DebriefError(str(exc)) from None
    problem = history_problem(session)
    if problem:
        session.close()
        raise DebriefError(f"{scenario.path}: session {record.id} no longer fits this scenario ({problem})")
    return session


def history_problem(session: Session) -> Optional[str]:
    """Why a saved history can't be reviewed against the scenario as it is now (None: it can)."""
    s = session.scenario
    questions = {q.id: q for q in s.preparation.questions} if s.preparation else {}
    for d in session.history:
        if d.kind == "prep":
            q = questions.get(d.node_id)
            if q is None or all(o.id != d.choice_id for o in q.options):
                return f"preparation answer {d.node_id}.{d.choice_id} was removed"
            continue
        node = s.nodes.get(d.node_id)
        if d.kind == "timeout":
            if node is None or not node.choices:
                return f"the decision {d.node_id} where a time-out was taken was removed"
            continue
        if node is None or all(c.id != d.choice_id for c in node.choices):
            return f"choice {d.node_id}.{d.choice_id} was removed"
    return None


def session_review(session: Session, kept: Optional[Outlook] = None) -> Review:
    """The game review of a session, quoting the lines as they were shown; ``kept``: the values
    kept with it in the journal (``kept_values.read``), used where they still hold."""
    problem = history_problem(session)
    if problem:
        raise DebriefError(f"{session.scenario.path}: this session no longer fits the scenario ({problem})")
    s = session.state
    return review(session.scenario, s.history, s.ending, transcript=s.transcript, view=kept)


def journaled_review(journal: Optional[Journal], session_id: Optional[int], session: Session,
                     keep: bool = False) -> Review:
    """``session_review`` on the values kept with the session where they still hold; ``keep``:
    keep them when they had to be worked out (the front ends, as a finished session's debrief is
    shown; a command that only reads leaves the journal as it was)."""
    kept = kept_values.read(journal, session_id, session)
    result = session_review(session, kept)
    if keep and kept is None:
        kept_values.keep(journal, session_id, session, result)
    return result


def progress_for(journal: Journal, record: SessionRecord) -> Optional[Progress]:
    """The trainee's trend at this scenario up to and including this session (None if first)."""
    if not record.finished or record.is_branch:
        return None  # a replay from a decision is compared with its first attempt instead
    return progress(journal.attempts(record.scenario_id, record.trainee, until=record.id))


def scenario_changed(journal: Journal, record: SessionRecord, scenario: Scenario) -> bool:
    """Whether the scenario file was edited since the session was played."""
    try:
        digest = journal.load_data(record.id).get("digest", "")
    except JournalError:
        return False
    return bool(digest) and bool(scenario.digest) and digest != scenario.digest


def compare_sessions(first: Session, second: Session, branch_index: int,
                     first_kept: Optional[Outlook] = None, second_kept: Optional[Outlook] = None) -> PathComparison:
    """Both paths side by side: a session and its replay from decision ``branch_index``;
    ``first_kept`` / ``second_kept``: the values kept with each in the journal (``kept_values.read``),
    used where they still hold."""
    return _compare(session_review(first, first_kept), session_review(second, second_kept), second, branch_index)


def _compare(first: Review, second: Review, session: Session, branch_index: int) -> PathComparison:
    try:
        return compare_paths(first, second, branch_index)
    except ValueError as exc:
        raise DebriefError(f"{session.scenario.path}: {exc}") from None


def branch_comparison(journal: Journal, record: SessionRecord, scenario: Scenario,
                      session: Session, keep: bool = False) -> Optional[PathComparison]:
    """For a replay from a decision, both paths side by side (None for any other session).

    Both reviews rest on the values kept with each session in the journal where they still
    hold (``journaled_review``), so a replay's debrief needs no search either; ``keep``: keep
    them when they had to be worked out (a front end showing a finished session's debrief; a
    command that only reads leaves the journal as it was).

    The first attempt may since have been deleted or no longer fit the scenario; that is
    a ``DebriefError`` (one line), and the replay's own debrief can still be shown.
    """
    if not record.is_branch:
        return None
    assert record.parent_id is not None and record.branch_index is not None
    try:
        parent_record = journal.get(record.parent_id)
    except JournalError as exc:
        raise DebriefError(str(exc)) from None
    if parent_record.scenario_id != record.scenario_id:
        raise DebriefError(f"session {record.parent_id} was played in {parent_record.scenario_id!r}, "
                           f"not {record.scenario_id!r}")
    parent = saved_session(journal, parent_record, scenario)
    try:
        first = journaled_review(journal, parent_record.id, parent, keep=keep)
        second = journaled_review(journal, record.id, session, keep=keep)
        return _compare(first, second, session, record.branch_index)
    finally:
        parent.close()
