"""Continuing a saved session, also after the author changed the scenario since.

A trainer edits a scenario while trainees have meetings half done. Loading the saved
state as it is would then point at choices, nodes or scores that no longer exist (and
crash as soon as the session is scored). So a session saved against another version of
the file (its digest differs) is not loaded but played again: the engine's ``replay``
re-makes each saved decision on the scenario as it is now and stops where one no longer
applies. The trainee is told, in plain words, which steps those were, and plays on from
there; the journal row gets the replayed state with the next save.
"""

from __future__ import annotations

from engine import Scenario, Session
from engine.play.replay import replay
from engine.play.state import damage_words
from engine.scenario.errors import SaveError
from simulator.debriefing import history_problem
from simulator.journal import Journal, JournalError


def continue_saved(journal: Journal, session_id: int, scenario: Scenario) -> tuple[Session, list[str]]:
    """The saved session ready to go on, and one line per step that no longer applies.

    Raises ``JournalError`` (one line) only when the saved data can't be read at all.
    """

    data = journal.load_data(session_id)
    if data.get("digest") == scenario.digest:
        try:
            session = Session.from_data(scenario, data)
            if history_problem(session) is None:  # (a journal edited by hand can name what isn't there)
                return session, []
        except SaveError:
            pass  # same digest but not loadable as is: replaying tells what is wrong
    try:
        session, notes = replay(scenario, data)
    except SaveError as exc:
        raise JournalError(f"{journal.path}: session {session_id} can't be continued: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise JournalError(f"{journal.path}: session {session_id} is damaged ({damage_words(exc)})") from None
    started = data.get("started_at")
    if isinstance(started, (int, float)) and not isinstance(started, bool):
        session.state.started_at = float(started)  # still the same meeting
    return session, notes
