"""The one state of a playthrough, and the record a session keeps around it.

``State`` is where the meeting stands: position, the residents' mood, flags, what the
preparation got right, and the few earlier choices and shown lines that conditions read.
It is immutable and hashable, so the live session and the analyser use the very same
type: a session moves from state to state through the ``transitions`` machine, the
analyser searches over states, and both step them with the same compiled ``Rules``.

``SessionState`` is the record around it: the decisions taken (ids, never texts, so a
saved session can be shown in either language and survives typo fixes), the transcript
of what was shown, the seed of the option order, and when it started. Saving is
``to_data()`` and resuming ``from_data()``; every version since the first is read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, NamedTuple, Optional

from ..scenario.errors import SaveError

# Bump SAVE_VERSION when the shape of ``to_data()`` changes; keep reading every version
# from MIN_SAVE_VERSION on (convert in ``from_data``).
SAVE_VERSION = 2
MIN_SAVE_VERSION = 1

Mood = dict[str, dict[str, int]]
Slots = tuple[tuple[str, str], ...]  # (resident, variable) per entry of ``State.mood``
_EMPTY: frozenset = frozenset()


class State(NamedTuple):
    """Where a meeting stands, all that its future can depend on (hashable, immutable)."""

    position: str  # "prep:QID", a node id or an ending id
    mood: tuple[int, ...]  # one value per slot, in the scenario's (resident, variable) order
    flags: frozenset[str] = _EMPTY
    correct: frozenset[str] = _EMPTY  # preparation questions answered correctly
    chosen: frozenset[str] = _EMPTY  # NODE.CHOICE keys made, of those some condition reads
    visited: frozenset[str] = _EMPTY  # nodes shown, of those some condition reads
    fired: frozenset[int] = _EMPTY  # triggers that fired (each fires once)
    away: frozenset[str] = _EMPTY  # residents who left the meeting
    stack: tuple[str, ...] = ()  # where the running interruptions return to, innermost last
    timeouts: int = 0  # time-outs taken outside provocations
    paused: bool = False  # a time-out was taken at this decision already


@dataclass(frozen=True)
class Decision:
    """One move the trainee made: a preparation answer (``prep``), a choice in the meeting
    (``meeting``) or a time-out at a decision (``timeout``)."""

    kind: str  # "prep" | "meeting" | "timeout"
    node_id: str  # node id, or question id for preparation
    offered: tuple[str, ...]  # the options as the trainee saw them, in the order shown
    choice_id: str
    mood_before: Mapping[str, Mapping[str, int]]
    mood_after: Mapping[str, Mapping[str, int]]
    at: float
    own_words: Optional[str] = None  # what the trainee typed before seeing the options (own-words mode)

    @property
    def shown_as(self) -> Optional[int]:
        """The 1-based place the chosen option had on screen (None for a time-out)."""
        return self.offered.index(self.choice_id) + 1 if self.choice_id in self.offered else None

    def to_data(self) -> dict[str, Any]:
        data = {
            "kind": self.kind, "node": self.node_id, "offered": list(self.offered),
            "choice": self.choice_id, "mood_before": _copy_mood(self.mood_before),
            "mood_after": _copy_mood(self.mood_after), "at": self.at,
        }
        if self.own_words is not None:
            data["own_words"] = self.own_words
        return data

    @classmethod
    def from_data(cls, d: Mapping[str, Any]) -> "Decision":
        words = d.get("own_words")
        return cls(str(d["kind"]), str(d["node"]), tuple(str(x) for x in d["offered"]), str(d["choice"]),
                   _read_mood(d["mood_before"]), _read_mood(d["mood_after"]), float(d["at"]),
                   None if words is None else str(words))


@dataclass(frozen=True)
class Entry:
    """One line of the transcript: ``line`` (node shown), ``choice``, ``timeout``, ``reaction``
    (group reaction number ``variant`` fired at ``node_id``) or ``ending``."""

    kind: str
    node_id: str
    speaker: Optional[str] = None
    variant: int = -1  # index into node.variants, -1 for the base text
    choice_id: Optional[str] = None

    def to_data(self) -> list[Any]:
        return [self.kind, self.node_id, self.speaker, self.variant, self.choice_id]

    @classmethod
    def from_data(cls, d: list[Any]) -> "Entry":
        kind, node_id, speaker, variant, choice_id = d
        return cls(str(kind), str(node_id), speaker, int(variant), choice_id)


@dataclass
class SessionState:
    """A playthrough: its current ``State`` plus the record of how it got there."""

    scenario_id: str
    scenario_digest: str
    current: State
    slots: Slots
    seed: Optional[int] = None  # the option order's seed; None: options as written (older saves)
    history: list[Decision] = field(default_factory=list)
    transcript: list[Entry] = field(default_factory=list)
    ending: Optional[str] = None
    started_at: float = field(default_factory=time.time)
    prep_answers: dict[str, str] = field(default_factory=dict)  # question -> option, as answered

    # -- read-only views, in the shapes the front ends know --------------------------
    @property
    def position(self) -> str:
        return self.current.position

    @property
    def mood(self) -> Mood:
        return mood_dict(self.slots, self.current.mood)

    @property
    def flags(self) -> frozenset[str]:
        return self.current.flags

    @property
    def fired_triggers(self) -> frozenset[int]:
        return self.current.fired

    @property
    def chosen(self) -> list[str]:
        return [f"{d.node_id}.{d.choice_id}" for d in self.history if d.kind == "meeting"]

    @property
    def visited(self) -> list[str]:
        """Every node shown so far, in the order first shown."""
        seen: dict[str, None] = {}
        for e in self.transcript:
            if e.kind == "line":
                seen.setdefault(e.node_id, None)
        return list(seen)

    # -- saving ---------------------------------------------------------------------
    def to_data(self) -> dict[str, Any]:
        s = self.current
        return {
            "version": SAVE_VERSION,
            "scenario": self.scenario_id,
            "digest": self.scenario_digest,
            "seed": self.seed,
            "position": s.position,
            "mood": self.mood,
            "flags": sorted(s.flags),
            "prep": dict(self.prep_answers),
            "chosen": self.chosen,
            "visited": self.visited,
            "fired": sorted(s.fired),
            "away": sorted(s.away),
            "stack": list(s.stack),
            "timeouts": s.timeouts,
            "paused": s.paused,
            "history": [d.to_data() for d in self.history],
            "transcript": [e.to_data() for e in self.transcript],
            "ending": self.ending,
            "started_at": self.started_at,
        }

    @classmethod
    def from_data(cls, d: Any, slots: Optional[Slots] = None, chosen_read: Iterable[str] = (),
                  visited_read: Iterable[str] = ()) -> "SessionState":
        """Read a saved session (any version since ``MIN_SAVE_VERSION``).

        ``slots`` is the scenario's mood order; without it the saved mood's own order is
        used (enough to read the history). ``chosen_read``/``visited_read`` are the keys the
        scenario's conditions read: the state keeps only those (``Rules`` knows them).
        """
        if not isinstance(d, dict):
            raise SaveError("saved session is not a mapping")
        version = d.get("version")
        if not isinstance(version, int) or version < MIN_SAVE_VERSION:
            raise SaveError(f"saved session has unknown version {version!r}")
        if version > SAVE_VERSION:
            raise SaveError(f"saved session is from a newer Tussenwerker (version {version}); update to read it")
        try:
            mood = _read_mood(d["mood"])
            if slots is None:
                slots = tuple((who, var) for who, values in mood.items() for var in values)
            values = tuple(int(mood[who][var]) for who, var in slots)
            history = [Decision.from_data(x) for x in d.get("history", [])]
            prep = {str(k): str(v) for k, v in d.get("prep", {}).items()}
            chosen_read, visited_read = set(chosen_read), set(visited_read)
            current = State(
                position=str(d["position"]), mood=values,
                flags=frozenset(str(f) for f in d.get("flags", [])),
                correct=frozenset(str(q) for q in d.get("correct", [])),  # filled in by Rules.restore
                chosen=frozenset(str(c) for c in d.get("chosen", []) if str(c) in chosen_read),
                visited=frozenset(str(v) for v in d.get("visited", []) if str(v) in visited_read),
                fired=frozenset(int(i) for i in d.get("fired", [])),
                away=frozenset(str(r) for r in d.get("away", [])),
                stack=tuple(str(p) for p in d.get("stack", [])),
                timeouts=int(d.get("timeouts", 0)), paused=bool(d.get("paused", False)),
            )
            seed = d.get("seed")
            ending = d.get("ending")
            if ending is not None and not isinstance(ending, str):
                raise TypeError("ending")
            return cls(
                scenario_id=str(d["scenario"]), scenario_digest=str(d.get("digest", "")), current=current,
                slots=tuple(slots), seed=None if seed is None else int(seed), history=history,
                transcript=[Entry.from_data(x) for x in d.get("transcript", [])],
                ending=ending, started_at=float(d.get("started_at", 0.0)), prep_answers=prep,
            )
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError, OverflowError) as exc:
            raise SaveError(f"saved session is damaged ({damage_words(exc)})") from None


def damage_words(exc: BaseException) -> str:
    """What is wrong with a saved session, in words a trainee can pass on (not Python's names)."""
    if isinstance(exc, KeyError):
        return f"{exc.args[0]!r} is missing" if exc.args else "a part is missing"
    if isinstance(exc, RecursionError):
        return "nested far too deep"
    return "a part has the wrong kind of value"


def mood_dict(slots: Slots, values: tuple[int, ...]) -> Mood:
    out: Mood = {}
    for (who, var), value in zip(slots, values):
        out.setdefault(who, {})[var] = value
    return out


def _copy_mood(mood: Mapping[str, Mapping[str, int]]) -> Mood:
    return {who: dict(values) for who, values in mood.items()}


def _read_mood(raw: Any) -> Mood:
    if not isinstance(raw, dict):
        raise SaveError("saved mood is not a mapping")
    return {str(who): {str(k): int(v) for k, v in values.items()} for who, values in raw.items()}
