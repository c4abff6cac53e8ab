"""All mutable state of one playthrough, in one serialisable place.

Like ink's ``StoryState``: the session's position, the residents' mood, flags and the
decision history live here and nowhere else, so saving is ``to_data()`` and resuming is
``from_data()``. The history stores ids, never texts, so a saved session can be shown
in either language and survives typo fixes in a scenario.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from ..scenario.errors import SaveError

# Bump SAVE_VERSION when the shape of ``to_data()`` changes; keep reading every version
# from MIN_SAVE_VERSION on (write a converter in ``from_data`` when bumping).
SAVE_VERSION = 1
MIN_SAVE_VERSION = 1

Mood = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Decision:
    """One decision: a preparation answer (kind ``prep``) or a choice in the meeting."""

    kind: str  # "prep" | "meeting"
    node_id: str  # node id, or question id for preparation
    offered: tuple[str, ...]
    choice_id: str
    mood_before: Mapping[str, Mapping[str, int]]
    mood_after: Mapping[str, Mapping[str, int]]
    at: float

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "node": self.node_id, "offered": list(self.offered),
            "choice": self.choice_id, "mood_before": _copy_mood(self.mood_before),
            "mood_after": _copy_mood(self.mood_after), "at": self.at,
        }

    @classmethod
    def from_data(cls, d: Mapping[str, Any]) -> "Decision":
        return cls(str(d["kind"]), str(d["node"]), tuple(str(x) for x in d["offered"]), str(d["choice"]),
                   _read_mood(d["mood_before"]), _read_mood(d["mood_after"]), float(d["at"]))


@dataclass(frozen=True)
class Entry:
    """One line of the meeting's transcript: ``line`` (node shown), ``choice`` or ``ending``."""

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
    scenario_id: str
    scenario_digest: str
    position: str  # current machine state: "prep:QID", a node id or an ending id
    mood: Mood
    flags: set[str] = field(default_factory=set)
    prep_answers: dict[str, str] = field(default_factory=dict)
    chosen: list[str] = field(default_factory=list)  # "NODE.CHOICE" in order
    visited: list[str] = field(default_factory=list)
    fired_triggers: set[int] = field(default_factory=set)
    history: list[Decision] = field(default_factory=list)
    transcript: list[Entry] = field(default_factory=list)
    ending: Optional[str] = None
    started_at: float = field(default_factory=time.time)

    def to_data(self) -> dict[str, Any]:
        return {
            "version": SAVE_VERSION,
            "scenario": self.scenario_id,
            "digest": self.scenario_digest,
            "position": self.position,
            "mood": _copy_mood(self.mood),
            "flags": sorted(self.flags),
            "prep": dict(self.prep_answers),
            "chosen": list(self.chosen),
            "visited": list(self.visited),
            "fired": sorted(self.fired_triggers),
            "history": [d.to_data() for d in self.history],
            "transcript": [e.to_data() for e in self.transcript],
            "ending": self.ending,
            "started_at": self.started_at,
        }

    @classmethod
    def from_data(cls, d: Any) -> "SessionState":
        if not isinstance(d, dict):
            raise SaveError("saved session is not a mapping")
        version = d.get("version")
        if not isinstance(version, int) or version < MIN_SAVE_VERSION:
            raise SaveError(f"saved session has unknown version {version!r}")
        if version > SAVE_VERSION:
            raise SaveError(f"saved session is from a newer Tussenwerker (version {version}); update to read it")
        try:
            return cls(
                scenario_id=str(d["scenario"]), scenario_digest=str(d.get("digest", "")),
                position=str(d["position"]), mood=_read_mood(d["mood"]),
                flags={str(f) for f in d.get("flags", [])},
                prep_answers={str(k): str(v) for k, v in d.get("prep", {}).items()},
                chosen=[str(c) for c in d.get("chosen", [])],
                visited=[str(v) for v in d.get("visited", [])],
                fired_triggers={int(i) for i in d.get("fired", [])},
                history=[Decision.from_data(x) for x in d.get("history", [])],
                transcript=[Entry.from_data(x) for x in d.get("transcript", [])],
                ending=d.get("ending"), started_at=float(d.get("started_at", 0.0)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SaveError(f"saved session is damaged ({type(exc).__name__}: {exc})") from None


def _copy_mood(mood: Mapping[str, Mapping[str, int]]) -> Mood:
    return {who: dict(values) for who, values in mood.items()}


def _read_mood(raw: Any) -> Mood:
    if not isinstance(raw, dict):
        raise SaveError("saved mood is not a mapping")
    return {str(who): {str(k): int(v) for k, v in values.items()} for who, values in raw.items()}
