"""Replay from here: try one decision of a playthrough again, and compare the two paths.

The debrief shows the trainee where a meeting turned. Reading "stronger would have been"
teaches less than trying it: ``branch`` rebuilds the session exactly as it stood just
before a chosen decision — same machine position, mood, flags, fired triggers, visited
nodes, transcript and history — so the trainee can take that decision again and play
on. The rebuild replays the earlier decisions through the ordinary session API (never
by patching state), so everything a choice does on the way is done again exactly.

Unlike hot reload (``replay``), which tolerates an edited scenario and stops where the
path changed, a branch must be exact: if the scenario no longer leads through the same
moments with the same mood, ``BranchError`` says where it parted, in one line.

``compare_paths`` lines up the two reviews from the branch point on, for the debrief's
"both paths side by side": by the moment of the meeting (the node, or the preparation
question), so a detour only one path took stands on rows of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Optional, Sequence, Union

from ..play.session import Session
from ..play.state import Decision, SessionState
from ..scenario.messages import msg
from ..scenario.model import Ending, Scenario
from .review import DecisionReview, Review

Source = Union[Session, SessionState, Mapping[str, Any], Sequence[Decision]]
MAX_CONTINUES = 10_000  # lines without choices in a row; the loader forbids real loops


class BranchError(Exception):
    """A branch can't be rebuilt exactly; ``str()`` is one line for the user."""


def _decisions(source: Source) -> list[Decision]:
    if isinstance(source, Session):
        return list(source.history)
    if isinstance(source, SessionState):
        return list(source.history)
    if isinstance(source, Mapping):
        return list(SessionState.from_data(dict(source)).history)
    return list(source)


def _continue(session: Session) -> None:
    for _ in range(MAX_CONTINUES):
        if not session.can_continue:
            return
        session.advance()


def _where(d: Decision) -> str:
    return f"preparation question {d.node_id!r}" if d.kind == "prep" else f"node {d.node_id!r}"


def _check_at(session: Session, d: Decision, index: int) -> None:
    """Raise unless ``session`` stands exactly where decision ``index`` was taken."""
    step = index + 1
    if session.finished:
        raise BranchError(f"decision {step}: the meeting now ends at {session.state.ending!r} before "
                          f"{_where(d)}; the scenario has changed since")
    if d.kind == "prep":
        q = session.question
        here, offered = (q.id if q else None), tuple(o.id for o in session.prep_options) if q else ()
    else:
        node = session.node
        here = node.id if node is not None and node.choices and not session.in_preparation else None
        offered = tuple(c.id for c in session.choices)
    if here != d.node_id:
        now = session.state.position
        raise BranchError(f"decision {step}: the meeting is now at {now!r}, not at {_where(d)}; "
                          "the scenario has changed since")
    if d.offered and sorted(offered) != sorted(d.offered):  # the order shown is the seed's, not the scenario's
        raise BranchError(f"decision {step}: {_where(d)} now offers {', '.join(offered)} instead of "
                          f"{', '.join(d.offered)}; the scenario has changed since")
    mood = {who: dict(v) for who, v in session.mood.items()}
    if mood != {who: dict(v) for who, v in d.mood_before.items()}:
        raise BranchError(f"decision {step}: the residents' mood at {_where(d)} is not what it was; "
                          "the scenario has changed since")


def branch(source: Source, scenario: Scenario, decision_index: int) -> Session:
    """A new session standing just before decision ``decision_index`` (0-based, preparation
    answers included, as ``DecisionReview.index``) of ``source`` — a session, its state, its
    saved data or its list of decisions.

    The decisions before it are made again and keep their original timestamps, so the new
    history is the parent's up to that point, entry for entry. Raises ``BranchError`` when
    the index is out of range or the scenario no longer replays exactly (``SaveError`` for
    saved data that can't be read).
    """
    decisions = _decisions(source)
    seed = source.seed if isinstance(source, Session) else source.seed if isinstance(source, SessionState) else \
        source.get("seed") if isinstance(source, Mapping) else None
    if not 0 <= decision_index < len(decisions):
        raise BranchError(msg("branch.no_decision" if len(decisions) != 1 else "branch.no_decision_one",
                              n=decision_index + 1, total=len(decisions)))
    session = Session.start(scenario, seed=seed)  # the same seed: the options in the order first seen
    try:
        for i, d in enumerate(decisions[:decision_index]):
            _continue(session)
            if d.kind == "timeout":
                if not session.timeout_available:
                    raise BranchError(f"decision {i + 1}: a time-out can no longer be taken at {_where(d)}; "
                                      "the scenario has changed since")
                session.take_timeout()
                continue
            _check_at(session, d, i)
            if d.kind == "prep":
                session.answer(d.choice_id)
            else:
                session.choose(d.choice_id, own_words=d.own_words)
        _continue(session)
        _check_at(session, decisions[decision_index], decision_index)
    except BranchError:
        session.close()
        raise
    history = session.state.history
    history[:] = [replace(new, at=old.at, offered=old.offered) for new, old in zip(history, decisions)]
    return session


# -- both paths side by side ------------------------------------------------------
@dataclass(frozen=True)
class PathStep:
    """One row from the branch point on: what each path did at one moment of the meeting.

    ``first`` / ``second`` is None when that path has no decision at this moment: it never
    came here (``first_elsewhere`` / ``second_elsewhere``: the meeting went another way, and
    that path's own decision follows on another row), or its meeting was already over.
    """

    index: int  # 0-based row position: branch_index + row; the decision index of both paths until they part
    first: Optional[DecisionReview]
    second: Optional[DecisionReview]
    first_elsewhere: bool = False
    second_elsewhere: bool = False

    @property
    def same_moment(self) -> bool:
        """Both paths faced the same decision here (so the choices can be compared directly)."""
        a, b = self.first, self.second
        return a is not None and b is not None and _moment(a) == _moment(b)

    @property
    def same_choice(self) -> bool:
        a, b = self.first, self.second
        return self.same_moment and a is not None and b is not None and a.decision.choice_id == b.decision.choice_id

    @property
    def first_index(self) -> Optional[int]:
        """This decision's 0-based index in the first path (None: that path has none here)."""
        return None if self.first is None else self.first.index

    @property
    def second_index(self) -> Optional[int]:
        return None if self.second is None else self.second.index

    @property
    def first_over(self) -> bool:
        """The first path has no decision here because its meeting was already over."""
        return self.first is None and not self.first_elsewhere

    @property
    def second_over(self) -> bool:
        return self.second is None and not self.second_elsewhere


@dataclass(frozen=True)
class PathComparison:
    """The first attempt and the replay, from the decision the replay started at."""

    branch_index: int
    steps: tuple[PathStep, ...]
    first_ending: Optional[Ending]
    second_ending: Optional[Ending]
    first_totals: Mapping[str, int]  # whole session, per dimension key and "overall"
    second_totals: Mapping[str, int]
    first_mood: Mapping[str, Mapping[str, int]]  # the residents' mood at the end of each path
    second_mood: Mapping[str, Mapping[str, int]]
    first_counts: Mapping[str, int]  # verdicts and missed opportunities from the branch point on
    second_counts: Mapping[str, int]

    @property
    def first_difference(self) -> Optional[int]:
        """Row index (``PathStep.index``) of the first row where the paths differ (None: the same choices again)."""
        return next((s.index for s in self.steps if not s.same_choice), None)

    @property
    def numbers_differ(self) -> bool:
        """Some moment has a different decision number in the two paths (one took a detour)."""
        return any(s.first is not None and s.second is not None and s.first.index != s.second.index
                   for s in self.steps)

    def change(self, key: str) -> int:
        return self.second_totals.get(key, 0) - self.first_totals.get(key, 0)


def _moment(d: DecisionReview) -> tuple[str, str]:
    """The moment of the meeting a decision was taken at: the node (or preparation question)
    and whether it was the answer, the choice or a time-out there."""
    return d.decision.kind, d.decision.node_id


ALIGN_CELLS = 4_000_000  # beyond this many (decisions x decisions) the paths are lined up greedily


def align(first: Sequence[Any], second: Sequence[Any]) -> list[tuple[Optional[int], Optional[int]]]:
    """Pair two sequences of moments by a longest common subsequence (pure).

    Returns ``(i, j)`` pairs in order, covering every index of both once: ``(i, j)`` where the
    two are the same moment, ``(i, None)`` / ``(None, j)`` for a moment only one sequence met.
    Equal items pair as early as possible; between two pairs, the first sequence's own
    moments come before the second's.
    """
    n, m = len(first), len(second)
    head = 0
    while head < n and head < m and first[head] == second[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and first[n - 1 - tail] == second[m - 1 - tail]:
        tail += 1
    a, b = first[head:n - tail], second[head:m - tail]
    out: list[tuple[Optional[int], Optional[int]]] = [(k, k) for k in range(head)]
    if len(a) * len(b) > ALIGN_CELLS:  # not a meeting anyone played: pair equal moments in step
        i = j = 0
        while i < len(a) or j < len(b):
            if i < len(a) and j < len(b) and a[i] == b[j]:
                out.append((head + i, head + j))
                i, j = i + 1, j + 1
                continue
            if i < len(a):
                out.append((head + i, None))
                i += 1
            if j < len(b):
                out.append((None, head + j))
                j += 1
    else:
        # rest[i][j]: the longest common subsequence of a[i:] and b[j:]
        rest = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
        for i in range(len(a) - 1, -1, -1):
            row, below = rest[i], rest[i + 1]
            for j in range(len(b) - 1, -1, -1):
                row[j] = below[j + 1] + 1 if a[i] == b[j] else max(below[j], row[j + 1])
        i = j = 0
        while i < len(a) and j < len(b):
            if a[i] == b[j]:  # pairing equal items is always on a longest path
                out.append((head + i, head + j))
                i, j = i + 1, j + 1
            elif rest[i + 1][j] >= rest[i][j + 1]:
                out.append((head + i, None))
                i += 1
            else:
                out.append((None, head + j))
                j += 1
        out.extend((head + k, None) for k in range(i, len(a)))
        out.extend((None, head + k) for k in range(j, len(b)))
    out.extend((n - tail + k, m - tail + k) for k in range(tail))
    return out


def _with_overall(totals: Mapping[str, int]) -> dict[str, int]:
    out = dict(totals)
    out["overall"] = sum(totals.values())
    return out


def _counts(decisions: Sequence[DecisionReview]) -> dict[str, int]:
    out = dict.fromkeys(("best", "good", "inaccuracy", "mistake", "missed_opportunity"), 0)
    for d in decisions:
        if d.verdict in out:
            out[d.verdict] += 1
        if d.missed_opportunity:
            out["missed_opportunity"] += 1
    return out


def _final_mood(review: Review) -> dict[str, dict[str, int]]:
    if not review.decisions:
        return {r.id: dict(r.mood) for r in review.scenario.residents}
    last = review.decisions[-1].decision
    return {who: dict(v) for who, v in last.mood_after.items()}


def compare_paths(first: Review, second: Review, branch_index: int) -> PathComparison:
    """Line up two reviews of the same scenario from ``branch_index`` on (pure).

    The decisions are paired by the moment of the meeting (``align``), not by their number:
    when one path took a detour (a resident walked out and was won back), its extra
    decisions get rows of their own, and the moments both paths met stay side by side.

    Raises ``ValueError`` when the two don't share the decisions before the branch point
    (they are then not a session and its replay).
    """
    a, b = first.decisions, second.decisions
    if branch_index < 0 or len(a) < branch_index or len(b) < branch_index:
        raise ValueError(f"both paths must have at least {branch_index} decisions")
    for i in range(branch_index):
        da, db = a[i].decision, b[i].decision
        if (da.kind, da.node_id, da.choice_id) != (db.kind, db.node_id, db.choice_id):
            raise ValueError(f"the paths already differ at decision {i + 1}, before the branch point")
    pairs = align([_moment(d) for d in a[branch_index:]], [_moment(d) for d in b[branch_index:]])
    last_a = max((k for k, (i, _) in enumerate(pairs) if i is not None), default=-1)
    last_b = max((k for k, (_, j) in enumerate(pairs) if j is not None), default=-1)
    steps = tuple(PathStep(branch_index + k,
                           None if i is None else a[branch_index + i], None if j is None else b[branch_index + j],
                           first_elsewhere=i is None and k < last_a, second_elsewhere=j is None and k < last_b)
                  for k, (i, j) in enumerate(pairs))
    return PathComparison(
        branch_index, steps, first.ending, second.ending,
        _with_overall(first.totals), _with_overall(second.totals),
        _final_mood(first), _final_mood(second),
        _counts(a[branch_index:]), _counts(b[branch_index:]))
