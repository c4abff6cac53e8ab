"""A learner's progress over sessions, and what to practise next — the data behind "Mijn voortgang".

Per scenario, the finished attempts (a replay from a decision is not a new attempt) and
their trend per dimension come from the journal and ``engine.debrief.progress``, as the
terminal's debrief shows them. What to practise next needs each scenario's reviewed
latest attempt: a dimension's score as a share of what was achievable in that scenario
(``Review.percent``), so scenarios of different sizes compare. The weakest dimension is
the one with the lowest share on average; it is practised in the scenario where its
share was lowest, at the decision of that attempt where the options on offer allowed
the most more on it than the choice made. The journal is only read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from engine.debrief.progress import Attempt, Progress, progress
from engine.debrief.review import Review
from engine.scenario.dimensions import DIMENSION_KEYS
from simulator.debriefing import DebriefError, saved_session, scenario_for
from simulator.journal import Journal, JournalError, SessionRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScenarioTrend:
    scenario_id: str
    attempts: tuple[Attempt, ...]  # oldest first
    progress: Optional[Progress]  # None for a single attempt
    latest: SessionRecord  # the newest finished attempt


def scenario_trends(journal: Journal) -> list[ScenarioTrend]:
    """Every scenario with a finished attempt, the most recently played first."""
    out = []
    seen: set[str] = set()
    for record in journal.sessions():
        if not record.finished or record.is_branch or record.totals is None or record.scenario_id in seen:
            continue
        seen.add(record.scenario_id)
        attempts = tuple(journal.attempts(record.scenario_id, record.trainee))
        out.append(ScenarioTrend(record.scenario_id, attempts, progress(attempts), record))
    return out


@dataclass(frozen=True)
class Reviewed:
    """A scenario's latest attempt with its review (``Review.scenario`` is the scenario)."""

    record: SessionRecord
    review: Review


@dataclass(frozen=True)
class PractiseNext:
    dimension: str  # the weakest dimension's key
    share: float  # its average share (0..100) of what was achievable
    scenario_id: str
    session_id: int
    decision: Optional[int]  # the decision (index in that session's history) to replay; None: play it again
    missed: int  # how much more that decision's best option scored on the dimension


def shares(reviewed: Sequence[Reviewed]) -> dict[str, list[tuple[float, Reviewed]]]:
    """Per dimension, its share in each reviewed scenario that trains it."""
    out: dict[str, list[tuple[float, Reviewed]]] = {k: [] for k in DIMENSION_KEYS}
    for r in reviewed:
        for key in DIMENSION_KEYS:
            share = r.review.percent(key)
            if share is not None:
                out[key].append((share, r))
    return out


def practise_next(reviewed: Sequence[Reviewed]) -> Optional[PractiseNext]:
    """The weakest dimension and where to practise it; None when nothing could be reviewed or
    every dimension already got all that was achievable."""
    found = {k: v for k, v in shares(reviewed).items() if v}
    if not found:
        return None
    mean = {k: sum(s for s, _ in v) / len(v) for k, v in found.items()}
    weakest = min(found, key=lambda k: (mean[k], DIMENSION_KEYS.index(k)))
    if mean[weakest] >= 100.0:
        return None
    share, where = min(found[weakest], key=lambda sr: sr[0])
    index, missed = _decision_to_replay(where.review, weakest)
    return PractiseNext(weakest, mean[weakest], where.record.scenario_id, where.record.id, index, missed)


def _decision_to_replay(review: Review, key: str) -> tuple[Optional[int], int]:
    """The decision whose options allowed the most more on ``key`` than the one chosen."""
    scenario = review.scenario
    questions = {q.id: q for q in scenario.preparation.questions} if scenario.preparation else {}
    best: tuple[Optional[int], int] = (None, 0)
    for d in review.decisions:
        made = d.decision
        if made.kind == "prep":
            q = questions.get(made.node_id)
            offered = [o.score.get(key, 0) for o in q.options] if q is not None else []
        else:
            node = scenario.nodes.get(made.node_id)
            offered = [c.score.get(key, 0) for c in node.choices] if node is not None else []
        if not offered:
            continue
        gap = max(offered) - d.weights.get(key, 0)
        if gap > best[1]:
            best = (d.index, gap)
    return best


def load_latest(journal: Journal, record: SessionRecord) -> Optional[Any]:
    """The scenario and saved session of a record, or None (moved, broken, no longer fitting)."""
    try:
        scenario = scenario_for(record)
        return scenario, saved_session(journal, record, scenario)
    except (DebriefError, JournalError) as exc:
        log.info("session %s left out of the progress: %s", record.id, exc)
        return None
