"""A saved session's debrief: its scenario, its review and the trainee's progress.

The ``debrief`` command, the terminal player's closing debrief, the exports and the
trainer report all need the same three things from the journal; this module is the
one place that gets them, so each front end only renders. Problems a user can cause
(a scenario file moved or broken, a session that no longer fits its scenario) raise
``DebriefError`` with one line that names the file.
"""

from __future__ import annotations

from typing import Optional

from engine import Scenario, ScenarioError, Session, load_scenario
from engine.progress import Progress, progress
from engine.review import Review, review

from . import catalog
from .journal import Journal, JournalError, SessionRecord


class DebriefError(Exception):
    """One line for the user: what can't be shown, naming the file."""


_scenarios: dict[str, Scenario] = {}


def scenario_for(record: SessionRecord, override: Optional[str] = None) -> Scenario:
    """The scenario a session was played in (from its saved path, or ``override``)."""
    path = catalog.resolve(override) if override else record.scenario_path
    cached = _scenarios.get(path)
    if cached is not None:
        return cached
    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        first = str(exc.problems[0]) if exc.problems else f"{path}: can't be read"
        raise DebriefError(first) from None
    if scenario.id != record.scenario_id:
        raise DebriefError(f"{path}: is scenario {scenario.id!r}, but session {record.id} "
                           f"was played in {record.scenario_id!r}")
    _scenarios[path] = scenario
    return scenario


def saved_session(journal: Journal, record: SessionRecord, scenario: Scenario) -> Session:
    try:
        return journal.resume(record.id, scenario)
    except JournalError as exc:
        raise DebriefError(str(exc)) from None


def session_review(session: Session) -> Review:
    """The game review of a session, quoting the lines as they were shown."""
    s = session.state
    return review(session.scenario, s.history, s.ending, transcript=s.transcript)


def progress_for(journal: Journal, record: SessionRecord) -> Optional[Progress]:
    """The trainee's trend at this scenario up to and including this session (None if first)."""
    if not record.finished:
        return None
    return progress(journal.attempts(record.scenario_id, record.trainee, until=record.id))


def scenario_changed(journal: Journal, record: SessionRecord, scenario: Scenario) -> bool:
    """Whether the scenario file was edited since the session was played."""
    try:
        digest = journal.load_data(record.id).get("digest", "")
    except JournalError:
        return False
    return bool(digest) and bool(scenario.digest) and digest != scenario.digest
