"""The scenario model: validated, immutable objects that the rest of the engine uses.

The loader builds these from YAML and nothing after loading looks at YAML again.
Positions (``Pos``) are kept so that later checks and the linter can still point
an author at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping, Optional

from .conditions import Condition
from .text import Text

NARRATOR = "narrator"
ENDING_KINDS = ("agreement", "partial", "postponed", "escalation")
LABELS = ("best", "good", "inaccuracy", "mistake")
ORDERS = ("shuffled", "fixed")  # how a decision's options are shown: a fresh order per session, or as written
STAGES = ("kitchen", "hall", "council", "phone", "online")  # the room the window draws for the meeting
EMOTIONS = ("neutral", "pleased", "worried", "angry", "hurt", "sceptical", "relieved")  # a line's face
TIMEOUT = "timeout"  # the move id of a time-out (the balcony); no choice may use it
RETURN = "return"  # as a next or goto: end an interruption, back to where the conversation was
# Moves the debrief can discuss beside the nine dimensions, never added to the score: the seed's
# overtuigingskracht (persuasion) and its three levels of omgevingsbewustzijn.
LENS_TAGS = ("persuasion", "awareness1", "awareness2", "awareness3")
CHANNELS = ("spoken", "chat", "email", "phone")  # how a line reaches the trainee


@dataclass(frozen=True)
class Pos:
    """Where something was written: 1-based line and column."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class MoodVariable:
    key: str
    label: Text
    minimum: int = 0
    maximum: int = 10
    initial: int = 5
    good: str = "high"  # which end is calm: "high" or "low"

    def clamp(self, value: int) -> int:
        return max(self.minimum, min(self.maximum, value))

    def calmness(self, value: int) -> float:
        """0.0 (worst) .. 1.0 (calmest), for meters and faces."""
        span = max(1, self.maximum - self.minimum)
        frac = (value - self.minimum) / span
        return frac if self.good == "high" else 1.0 - frac


@dataclass(frozen=True)
class VoiceHint:
    """How a resident sounds when the residents' voices are on (only hints: the platform's speech decides
    what it can do). ``voice``: "female", "male" or the name of a voice on the machine; ``rate``: percent
    of the normal speaking pace; ``pitch``: 0-100, 50 normal (where the speech engine supports it)."""

    voice: Optional[str] = None
    rate: Optional[int] = None
    pitch: Optional[int] = None


@dataclass(frozen=True)
class Resident:
    id: str
    name: str
    role: Text
    group: Text
    position: Text
    interests: tuple[Text, ...]
    portrait: str
    mood: Mapping[str, int]
    pos: Pos = Pos()
    voice: Optional[VoiceHint] = None  # None: a default by the resident's place in the scenario


@dataclass(frozen=True)
class Guarded:
    """A condition plus where it was written (for analysis messages)."""

    condition: Condition
    pos: Pos = Pos()


@dataclass(frozen=True)
class Choice:
    id: str
    node_id: str
    text: Text
    next: str
    when: Optional[Condition] = None
    effects: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # resident|all -> var -> delta
    set_flags: tuple[str, ...] = ()
    clear_flags: tuple[str, ...] = ()
    score: Mapping[str, int] = field(default_factory=dict)
    feedback: Text = Text({})
    label: Optional[str] = None
    balcony: bool = False
    pos: Pos = Pos()
    lens: tuple[str, ...] = ()  # LENS_TAGS this move is an example of (discussed, not scored)

    @property
    def key(self) -> str:
        """Globally unique id: ``NODE.CHOICE``."""
        return f"{self.node_id}.{self.id}"


@dataclass(frozen=True)
class Variant:
    when: Condition
    text: Text
    speaker: Optional[str] = None
    emotion: Optional[str] = None  # one of EMOTIONS; None: the face follows the speaker's mood


@dataclass(frozen=True)
class AutoTransition:
    when: Condition
    goto: str
    pos: Pos = Pos()
    interrupts: bool = False  # (triggers) the jump is an interruption: ``return`` comes back


@dataclass(frozen=True)
class Reaction:
    """The group reacting to one of its members: once ``when`` holds after a choice, its
    effects move the others' mood (an outburst that unsettles the room), once per meeting."""

    when: Condition
    effects: Mapping[str, Mapping[str, int]]
    text: Optional[Text] = None  # what the room does, for the log
    pos: Pos = Pos()


@dataclass(frozen=True)
class Node:
    id: str
    speaker: str
    text: Text
    variants: tuple[Variant, ...] = ()
    thought: Optional[Text] = None
    opportunity: Optional[Text] = None
    auto: tuple[AutoTransition, ...] = ()
    next: Optional[str] = None
    choices: tuple[Choice, ...] = ()
    pos: Pos = Pos()
    emotion: Optional[str] = None  # one of EMOTIONS; None: the face follows the speaker's mood
    provocation: bool = False  # the line provokes: a time-out here is Ury's step 2, not a delay
    order: str = "shuffled"  # one of ORDERS
    leaves: tuple[str, ...] = ()  # residents who leave the meeting when this line is shown
    rejoins: tuple[str, ...] = ()  # residents who come back when this line is shown
    channel: str = "spoken"  # one of CHANNELS

    @property
    def is_decision(self) -> bool:
        return bool(self.choices)

    @property
    def says_return(self) -> bool:
        """Whether this line ends an interruption somewhere: its ``next``, a choice's or an ``auto``'s."""
        return self.next == RETURN or any(c.next == RETURN for c in self.choices) or \
            any(a.goto == RETURN for a in self.auto)


@dataclass(frozen=True)
class Ending:
    id: str
    kind: str
    title: Text
    text: Text
    debrief: Text
    speaker: Optional[str] = None
    pos: Pos = Pos()


@dataclass(frozen=True)
class PrepOption:
    id: str
    question_id: str
    text: Text
    correct: bool
    feedback: Text
    set_flags: tuple[str, ...] = ()
    score: Mapping[str, int] = field(default_factory=dict)
    pos: Pos = Pos()


@dataclass(frozen=True)
class PrepQuestion:
    id: str
    prompt: Text
    options: tuple[PrepOption, ...]
    pos: Pos = Pos()
    order: str = "shuffled"  # one of ORDERS

    def option(self, option_id: str) -> PrepOption:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)


@dataclass(frozen=True)
class Preparation:
    intro: Text
    questions: tuple[PrepQuestion, ...]


@dataclass(frozen=True)
class Setting:
    meeting: Text
    situation: Text
    your_role: Text
    goals: tuple[Text, ...]
    room_to_move: tuple[Text, ...]
    stage: Optional[str] = None  # one of STAGES; None: the window picks by the meeting's kind


@dataclass(frozen=True)
class TimeoutRule:
    """What stepping onto the balcony (a time-out at a decision) does.

    At a node marked ``provocation`` it is Ury's step 2 and scores ``score``; elsewhere it
    delays the meeting: at most ``limit`` per meeting, and each costs ``cost`` (mood effects,
    like a choice's). So "a time-out at every decision" is a strategy the tells report can
    measure, not a free pass.
    """

    limit: int = 2
    cost: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    score: Mapping[str, int] = field(default_factory=lambda: {"step2": 1})


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    summary: Text
    language: str
    learning_goals: tuple[Text, ...]
    minutes: Optional[int]
    difficulty: Optional[int]
    setting: Setting
    mood_variables: Mapping[str, MoodVariable]
    residents: tuple[Resident, ...]
    preparation: Optional[Preparation]
    start: str
    triggers: tuple[AutoTransition, ...]
    nodes: Mapping[str, Node]
    endings: Mapping[str, Ending]
    timeout: TimeoutRule = TimeoutRule()
    group: tuple[Reaction, ...] = ()
    path: str = "<scenario>"
    digest: str = ""
    marks: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    def mark(self, key: str, fallback: Pos = Pos()) -> Pos:
        return self.marks.get(key, fallback)

    def resident(self, resident_id: str) -> Resident:
        for r in self.residents:
            if r.id == resident_id:
                return r
        raise KeyError(resident_id)

    @property
    def resident_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.residents)

    @property
    def decision_count(self) -> int:
        return sum(1 for n in self.nodes.values() if n.is_decision)

    def conditions(self) -> Iterator[Condition]:
        """Every condition the scenario can evaluate: group reactions, triggers, and per node its
        line variants, ``auto`` transitions and choices. Whatever asks "does anything read
        this?" (the compiled rules, lint) asks here, so no reader is forgotten."""
        for r in self.group:
            yield r.when
        for t in self.triggers:
            yield t.when
        for node in self.nodes.values():
            for v in node.variants:
                yield v.when
            for a in node.auto:
                yield a.when
            for c in node.choices:
                if c.when is not None:
                    yield c.when

    def choice(self, key: str) -> Choice:
        node_id, _, choice_id = key.rpartition(".")
        for c in self.nodes[node_id].choices:
            if c.id == choice_id:
                return c
        raise KeyError(key)
