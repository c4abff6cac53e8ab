"""Re-playing a session's decisions on a freshly loaded scenario: the engine half of hot reload.

An author plays, spots a clumsy line, fixes the YAML and presses F5; the window reloads
the scenario and calls ``replay`` with the old session, and the author is back where
they were, on the new text. Decisions are matched by id — preparation answers by
question and option id, meeting choices by node and choice id — and lines without
choices are continued, so rewording, re-scoring or inserting a narrator line never
loses the place. When the edit changed the path (a choice renamed or removed, a
condition that no longer holds, a new decision in between), replay stops at that point
and says why in plain words; the session is still usable from there.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from ..scenario.model import Scenario
from .session import Session
from .state import Decision, SessionState

History = Union[Session, SessionState, Mapping[str, Any], Sequence[Decision]]
MAX_CONTINUES = 10_000  # lines without choices in a row; the loader forbids real loops


def _decisions(source: History) -> list[Decision]:
    if isinstance(source, Session):
        return list(source.history)
    if isinstance(source, SessionState):
        return list(source.history)
    if isinstance(source, Mapping):
        return list(SessionState.from_data(dict(source)).history)
    return list(source)


def _position(source: History) -> Optional[str]:
    """Where the old session was, when the source says (a list of decisions doesn't)."""
    if isinstance(source, Session):
        return source.state.position
    if isinstance(source, SessionState):
        return source.position
    if isinstance(source, Mapping):
        return str(source.get("position", "")) or None
    return None


def _continue_lines(session: Session, until: Optional[str] = None) -> None:
    for _ in range(MAX_CONTINUES):
        if not session.can_continue or session.state.position == until:
            return
        session.advance()


def replay(scenario: Scenario, history: History) -> tuple[Session, list[str]]:
    """Start ``scenario`` afresh and re-make the decisions of ``history`` (a session, its
    state, its saved data or a list of decisions).

    Returns the new session and the notes of where replay had to stop (empty when every
    decision could be made again). Raises ``SaveError`` only for saved data that can't be read.
    """
    decisions = _decisions(history)
    seed = history.seed if isinstance(history, (Session, SessionState)) else \
        history.get("seed") if isinstance(history, Mapping) else None
    session = Session.start(scenario, seed=seed)  # the same seed: the options in the order seen before
    notes: list[str] = []
    prep_answers = {d.node_id: d.choice_id for d in decisions if d.kind == "prep"}
    meeting: Iterable[Decision] = [d for d in decisions if d.kind != "prep"]

    while session.in_preparation:
        q = session.question
        assert q is not None
        answer = prep_answers.get(q.id)
        if answer is None:
            notes.append(f"stopped at preparation question {q.id!r}: it is new, so it has no answer yet")
            return session, notes
        if answer not in {o.id for o in q.options}:
            notes.append(f"stopped at preparation question {q.id!r}: option {answer!r} no longer exists")
            return session, notes
        session.answer(answer)
    gone = sorted(set(prep_answers) - {q.id for q in (scenario.preparation.questions if scenario.preparation
                                                          else ())})
    if gone:
        notes.append("preparation question(s) no longer in the scenario, answers dropped: " + ", ".join(gone))

    for d in meeting:
        _continue_lines(session)
        if session.finished:
            notes.append(f"the meeting now ends at {session.state.ending!r} before choice "
                         f"{d.node_id}.{d.choice_id}")
            return session, notes
        node = session.node
        assert node is not None
        if node.id != d.node_id:
            notes.append(f"stopped at node {node.id!r}: the session went to node {d.node_id!r} here, "
                         f"where it chose {d.choice_id!r}")
            return session, notes
        if d.kind == "timeout":
            if not session.timeout_available:
                notes.append(f"stopped at node {node.id!r}: a time-out can't be taken there any more")
                return session, notes
            session.take_timeout()
            continue
        if d.choice_id not in {c.id for c in node.choices}:
            notes.append(f"stopped at node {node.id!r}: choice {d.choice_id!r} no longer exists")
            return session, notes
        if d.choice_id not in {c.id for c in session.choices}:
            notes.append(f"stopped at node {node.id!r}: choice {d.choice_id!r} is not on offer now "
                         "(its condition doesn't hold)")
            return session, notes
        session.choose(d.choice_id, own_words=d.own_words)
    # Back to the line the author was reading: lines after the last choice are followed up
    # to the old position (or, without one, up to the next decision).
    _continue_lines(session, until=_position(history))
    return session, notes
