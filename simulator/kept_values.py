"""The values a session's debrief rests on, kept with the session in the journal.

A debrief judges every decision against what was possible then, and on a large evening
(five residents, a hundred lines) finding those values takes the solver seconds per session.
The front ends find them anyway while the trainee plays (``review_service``), so when a
finished session's debrief is first shown in the window or the terminal, its values are
kept in the session's journal row (``Journal.keep_values``). Opening that debrief again,
``debrief N``, a trainer's report over a course and the statements for the academy's record
store then read them instead of searching again.

Kept values are used only where they hold: the same scenario as written (its digest), the
same decisions in the same order, and the same analysis (``VALUES_VERSION``); anything
else, a damaged row included, is worked out again. The commands that only read a session
(``debrief``, reports) never write them: a read leaves the journal as it was.
Nothing in them is the trainee's own: they follow from the playthrough and the scenario,
and go with the session's row when it is deleted.
"""

from __future__ import annotations

import json
import logging
from typing import Optional

from engine import Session
from engine.analysis.outlook import Outlook
from engine.debrief.review import Review
from simulator.journal import Journal, JournalError

log = logging.getLogger(__name__)


def read(journal: Optional[Journal], session_id: Optional[int], session: Session) -> Optional[Outlook]:
    """The values kept with the session when they hold for it as it is now; else None."""
    if journal is None or session_id is None:
        return None
    return parse(journal.kept_values(session_id), session)


def parse(raw: Optional[str], session: Session) -> Optional[Outlook]:
    """Values as kept in a journal row (JSON text; also a journal file handed in for a report)
    when they hold for the session as it is now; else None."""
    if not raw or not session.scenario.digest:
        return None
    try:
        data = json.loads(raw)
    except (TypeError, ValueError, RecursionError):
        return None
    return Outlook.from_data(data, session.scenario, session.history)


def keep(journal: Optional[Journal], session_id: Optional[int], session: Session, review: Review) -> None:
    """Keep a finished session's values with it; never stands in the way of the debrief."""
    if journal is None or session_id is None or review.outlook is None or not session.finished \
            or not session.scenario.digest:
        return
    try:
        journal.keep_values(session_id, json.dumps(review.outlook.to_data(session.scenario, session.history),
                                                   separators=(",", ":")))
    except JournalError as exc:  # busy or full: kept with the next write, or worked out again next time
        log.info("debrief values not kept now: %s", exc)


__all__ = ["read", "parse", "keep"]
