"""The shape of a scenario file, declared once: every key, its type and what it means.

The loader takes its required and optional key lists (and a few bounds) from here, the
JSON Schema that editors use is generated from here (``engine/scenario/schema.py``), the guide's
key reference is generated from here, and the linter walks a YAML tree with it. One
table instead of four hand-kept copies, so a new key can't be known to one and not the
others.

Types are short names: ``text`` (a string or ``{nl: ..., en: ...}``), ``texts`` (a list of
texts), ``id``, ``string``, ``int``, ``bool``, ``enum``, ``condition``, ``flags``,
``score``, ``effects``, ``mood``, ``format``, and ``shape:NAME`` / ``list:NAME`` /
``map:NAME`` for nested parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

import yaml

from .model import CHANNELS, EMOTIONS, ENDING_KINDS, LABELS, LENS_TAGS, NARRATOR, ORDERS, STAGES
from .text import LANGUAGES

MIN_WEIGHT, MAX_WEIGHT = -2, 2
MAX_DELTA = 10
MOOD_BOUND = 100  # mood variables' min and max lie within -100..100
RESERVED_IDS = (NARRATOR, "all", "max", "min", "flag", "prep", "chose", "visited", "away", "return")
MAX_TIMEOUTS = 20


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    doc: str
    required: bool = False
    values: tuple[str, ...] = ()  # for ``enum``
    lo: Optional[int] = None  # for ``int``
    hi: Optional[int] = None
    min_items: int = 0  # for ``list:``, ``texts`` and ``map:``

    @property
    def nested(self) -> Optional[str]:
        """The shape name inside ``shape:``/``list:``/``map:`` types."""
        kind, _, name = self.type.partition(":")
        return name if kind in ("shape", "list", "map") else None


@dataclass(frozen=True)
class Shape:
    name: str
    doc: str
    fields: tuple[Field, ...]
    one_of: tuple[str, ...] = ()  # exactly one of these keys must be present
    snippet: dict = field(default_factory=dict, compare=False)  # editor completion template

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if not f.required)

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


def _f(key: str, type_: str, doc: str, required: bool = False, **kw) -> Field:
    return Field(key, type_, doc, required, **kw)


_TEXT_SNIPPET = {"nl": "$1", "en": "$2"}

SHAPES: dict[str, Shape] = {s.name: s for s in (
    Shape("scenario", "A Tussenwerker scenario: one meeting with one or more residents.", (
        _f("format", "format", "The scenario format version; always 1.", True),
        _f("id", "id", "Short unique name of the scenario, e.g. speeltuin-kort; saves and plans refer to it.",
           True),
        _f("title", "text", "Title shown in the scenario list.", True),
        _f("summary", "text", "One or two sentences shown under the title.", True),
        _f("language", "enum", "Language of texts written as a plain string (default nl).", values=LANGUAGES),
        _f("minutes", "int", "Estimated playing time in minutes.", lo=1, hi=600),
        _f("difficulty", "int", "1 (introduction) to 3 (hard).", lo=1, hi=3),
        _f("learning_goals", "texts", "What the trainee practises; shown in the briefing."),
        _f("setting", "shape:setting", "The briefing: where the meeting is, what is going on, your role and mandate.",
           True),
        _f("mood_variables", "map:mood_variable",
           "Mood scales per resident. Default: trust (0-10, starts 5, high is calm) and anger (0-10, starts 3, "
           "low is calm).", min_items=1),
        _f("residents", "list:resident", "The simulated residents in the meeting.", True, min_items=1),
        _f("preparation", "shape:preparation", "Ury step 1: questions the trainee answers before the meeting."),
        _f("start", "id", "Id of the first dialogue node.", True),
        _f("timeout", "shape:timeout",
           "What a time-out (stepping onto the balcony, key B) does: scored at a provocation, limited and costly "
           "elsewhere. Default: step2 +1 at a provocation; elsewhere at most 2 per meeting, each anger +1 for all."),
        _f("group", "list:reaction",
           "How the group reacts to one member: after every choice, each reaction whose when holds moves the "
           "others' mood, once per meeting (one participant's outburst unsettles the room)."),
        _f("triggers", "list:trigger",
           "Automatic jumps on mood thresholds, checked after every choice in order; each fires at most once."),
        _f("nodes", "map:node", "The dialogue: node id -> what is said and what the trainee can answer.", True,
           min_items=1),
        _f("endings", "map:ending", "How the meeting can end: ending id -> ending. Shares ids with nodes.", True,
           min_items=1),
    )),
    Shape("setting", "The briefing the trainee reads before the meeting.", (
        _f("meeting", "text", "What kind of meeting, where (e.g. a residents' evening in the community centre).",
           True),
        _f("situation", "text", "What is going on, in a few sentences."),
        _f("your_role", "text", "Who the trainee is in this meeting."),
        _f("goals", "texts", "What the municipality wants to achieve."),
        _f("room_to_move", "texts", "The mandate: what the trainee may and may not offer."),
        _f("stage", "enum", "The room the window draws: kitchen (table), hall (community hall with an audience), "
           "council (meeting room), phone (a call) or online (a video meeting). Default: hall.", values=STAGES),
    )),
    Shape("timeout", "A time-out: the trainee steps onto the balcony (Ury step 2) and returns to the same decision.", (
        _f("limit", "int", "Time-outs per meeting outside provocations (default 2).", lo=0, hi=MAX_TIMEOUTS),
        _f("cost", "effects", "Mood effects of a time-out outside a provocation (default: all anger +1)."),
        _f("score", "score", "Weights of a time-out at a node marked provocation (default step2 +1)."),
    )),
    Shape("mood_variable", "One mood scale, such as trust or anger; values are whole numbers, clamped to min..max.", (
        _f("label", "text", "Name shown on the mood meter.", True),
        _f("min", "int", "Lowest value (default 0).", lo=-MOOD_BOUND, hi=MOOD_BOUND),
        _f("max", "int", "Highest value (default 10).", lo=-MOOD_BOUND, hi=MOOD_BOUND),
        _f("initial", "int", "Starting value when a resident doesn't say (default halfway)."),
        _f("good", "enum", "Which end is calm: high (like trust) or low (like anger). Drives meters and faces.",
           values=("high", "low")),
    )),
    Shape("resident", "A simulated resident with a position, interests and a mood.", (
        _f("id", "id", "Short name used in speaker, effects and conditions (e.g. ineke).", True),
        _f("name", "string", "Full name shown in the dialogue.", True),
        _f("role", "text", "Role in the meeting, e.g. initiator or neighbour."),
        _f("group", "text", "Who they speak for."),
        _f("position", "text", "What they say they want."),
        _f("interests", "texts", "What lies behind the position (Ury: interests, not positions)."),
        _f("portrait", "id", "Portrait id (defaults to the resident id): portraits/ID.json or ID.png beside "
           "the scenario file, else the shipped assets/portraits/ID.json."),
        _f("mood", "mood", "Starting mood, e.g. {trust: 5, anger: 3}; missing variables take their initial value."),
        _f("voice", "shape:voice", "How the resident sounds when the residents' voices are on, e.g. "
           "{voice: female, rate: 90, pitch: 60}. Without it each resident gets a voice of their own."),
    ), snippet={"id": "$1", "name": "$2", "role": _TEXT_SNIPPET, "mood": {"trust": 5, "anger": 3}}),
    Shape("voice", "Hints for a resident's voice; the platform's speech uses what it supports.", (
        _f("voice", "string", "female, male, or the name of a voice installed on the computer (e.g. "
           "\"Microsoft Frank\"); one that isn't there gives the language's voice."),
        _f("rate", "int", "Speaking pace in percent of the normal pace (100).", lo=50, hi=200),
        _f("pitch", "int", "Pitch from 0 (low) to 100 (high), 50 normal; eSpeak NG only.", lo=0, hi=100),
    )),
    Shape("preparation", "Ury step 1: questions answered before the meeting.", (
        _f("intro", "text", "Shown before the first question."),
        _f("questions", "list:question", "The questions, in order.", True, min_items=1),
    )),
    Shape("question", "A preparation question; the trainee picks one option.", (
        _f("id", "id", "Question id; the condition prep.ID is true when it was answered correctly.", True),
        _f("prompt", "text", "The question.", True),
        _f("options", "list:option", "The possible answers; at least one has correct: true.", True, min_items=1),
        _f("order", "enum", "shuffled (default: a fresh order per session) or fixed (as written, where the order "
           "carries meaning).", values=ORDERS),
    )),
    Shape("option", "One answer to a preparation question.", (
        _f("id", "id", "Option id, unique within the question.", True),
        _f("text", "text", "The answer as the trainee reads it.", True),
        _f("correct", "bool", "Whether this is a right answer (default false)."),
        _f("feedback", "text", "Why this answer is (not) right; shown in the debrief."),
        _f("set", "flags", "Flags to set when chosen, usable later as flag.NAME."),
        _f("score", "score", "Weights on the dimensions; default step1 +1 if correct, -1 if not."),
    )),
    Shape("node", "A line in the meeting: who speaks, what they say, and how it goes on.", (
        _f("speaker", "id", "A resident id, or narrator.", True),
        _f("text", "text", "What is said.", True),
        _f("variants", "list:variant", "Mood-dependent versions of the line; the first whose when holds is shown."),
        _f("thought", "text", "What the speaker thinks but doesn't say; shown in the debrief."),
        _f("opportunity", "text",
           "The feeling or need the speaker voiced here; a reply that ignores it is a missed opportunity."),
        _f("auto", "list:auto", "Automatic jumps checked on entering the node; the first whose when holds is taken."),
        _f("next", "id", "Where a line without choices continues (a node or an ending; return ends an "
           "interruption)."),
        _f("choices", "list:choice", "The trainee's options.", min_items=1),
        _f("emotion", "enum", "The speaker's face on this line: " + ", ".join(EMOTIONS) +
           " (default: it follows their mood).", values=EMOTIONS),
        _f("provocation", "bool", "This line provokes the trainee: a time-out here is Ury's step 2 and scores."),
        _f("order", "enum", "shuffled (default: the options in a fresh order per session) or fixed (as written, "
           "where the order carries meaning).", values=ORDERS),
        _f("channel", "enum", "How the line reaches the trainee: spoken (default), chat (the meeting's chat "
           "column), email or phone (a voice, no face).", values=CHANNELS),
        _f("leaves", "flags:residents", "Residents who leave the meeting when this line is shown: they stop reacting "
           "(no mood effects) until a line rejoins them; conditions see away.RESIDENT."),
        _f("rejoins", "flags:residents", "Residents who come back into the meeting when this line is shown."),
    ), one_of=("next", "choices"),
        snippet={"speaker": "$1", "text": _TEXT_SNIPPET, "choices": [
            {"id": "$3", "text": {"nl": "$4", "en": "$5"}, "next": "$6", "score": {}, "feedback": {"nl": "", "en": ""}}
        ]}),
    Shape("variant", "A version of a node's line that is shown in some mood.", (
        _f("when", "condition", "Condition under which this version is shown.", True),
        _f("text", "text", "The line in this version.", True),
        _f("speaker", "id", "Speaker of this version (defaults to the node's speaker)."),
        _f("emotion", "enum", "The speaker's face on this version (defaults to the node's).", values=EMOTIONS),
    )),
    Shape("auto", "An automatic jump out of a node.", (
        _f("when", "condition", "Condition that makes the jump.", True),
        _f("goto", "id", "Node or ending to jump to.", True),
    )),
    Shape("reaction", "The group reacting to one of its members, once its when holds after a choice.", (
        _f("when", "condition", "Condition checked after every choice, e.g. \"ruud.anger >= 8\".", True),
        _f("effects", "effects", "Mood changes for the others, e.g. {all: {anger: 1}, sanne: {trust: -1}}.", True),
        _f("text", "text", "What the room does, shown in the log (e.g. 'Er wordt gemompeld.')."),
    )),
    Shape("trigger", "An automatic jump anywhere in the meeting, on a mood threshold.", (
        _f("when", "condition", "Condition checked after every choice, e.g. \"bert.anger >= 10\".", True),
        _f("goto", "id", "Node or ending to jump to.", True),
        _f("interrupts", "bool", "The jump interrupts the conversation: where the interruption's lines reach "
           "next: return (or goto: return), the meeting goes on where it was."),
    )),
    Shape("choice", "One option the trainee can pick.", (
        _f("id", "id", "Choice id, unique within the node; saves, plans and conditions (chose.NODE.ID) use it.",
           True),
        _f("text", "text", "What the trainee says.", True),
        _f("next", "id", "Node or ending that follows.", True),
        _f("when", "condition", "Only offered when this condition holds."),
        _f("effects", "effects", "Mood changes per resident (or all), e.g. {ineke: {trust: 2}, all: {anger: -1}}."),
        _f("set", "flags", "Flags to set, usable later as flag.NAME."),
        _f("clear", "flags", "Flags to clear."),
        _f("score", "score",
           "Weights -2..+2 on the nine dimensions, e.g. {step3: 2, e3: 1}; score: {} marks a deliberately "
           "neutral choice."),
        _f("feedback", "text", "Why this choice scores as it does, in one or two sentences; shown in the debrief."),
        _f("label", "enum", "The trainer's verdict, which overrides the computed one.", values=LABELS),
        _f("lens", "flags:tags", "What this move is an example of, for the debrief's lens beside the nine dimensions "
           "(never scored): " + ", ".join(LENS_TAGS) + "."),
        _f("balcony", "bool", "This option is a pause in words (Ury step 2, 'go to the balcony'). It is shown like "
           "every other option, in the shuffled order: no label or colour gives it away."),
    ), snippet={"id": "$1", "text": _TEXT_SNIPPET, "next": "$3", "score": {}, "feedback": {"nl": "", "en": ""}}),
    Shape("ending", "One way the meeting can end.", (
        _f("kind", "enum", "agreement, partial, postponed or escalation; colours the ending.", True,
           values=ENDING_KINDS),
        _f("title", "text", "Short title of the ending.", True),
        _f("text", "text", "What happened, in the residents' words.", True),
        _f("debrief", "text", "What the trainer says about this ending."),
        _f("speaker", "id", "Resident who speaks the ending text (optional)."),
    ), snippet={"kind": "$1", "title": _TEXT_SNIPPET, "text": {"nl": "", "en": ""}, "debrief": {"nl": "", "en": ""}}),
)}


def keys(shape: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required, optional) keys of a shape, as the loader's ``mapping()`` takes them."""
    s = SHAPES[shape]
    return s.required, s.optional


def bounds(shape: str, key: str) -> tuple[Optional[int], Optional[int]]:
    f = SHAPES[shape].field(key)
    return f.lo, f.hi


# -- walking a YAML tree by shape ------------------------------------------------
@dataclass(frozen=True)
class Instance:
    """One mapping in a scenario file that has a known shape, e.g. one choice."""

    path: str  # readable location, e.g. "nodes.opening.choices[luisteren]"
    shape: Shape
    node: yaml.MappingNode
    fields: dict[str, tuple[yaml.Node, yaml.Node]]  # key -> (key node, value node)


@dataclass(frozen=True)
class TextSite:
    """One text in a scenario file: a plain string or a map of languages."""

    path: str
    shape: Shape
    key: str
    node: yaml.Node


def instances(root: yaml.Node, shape: str = "scenario", path: str = "") -> Iterator[Instance]:
    """Every shaped mapping below ``root``, parents first. Skips parts of the wrong type."""
    if not isinstance(root, yaml.MappingNode):
        return
    s = SHAPES[shape]
    fields = {str(k.value): (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    yield Instance(path, s, root, fields)
    for key, (_, value) in fields.items():
        f = next((x for x in s.fields if x.key == key), None)
        if f is None or f.nested is None:
            continue
        here = f"{path}.{key}" if path else key
        kind = f.type.split(":")[0]
        if kind == "shape":
            yield from instances(value, f.nested, here)
        elif kind == "list" and isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                yield from instances(item, f.nested, f"{here}[{_item_name(item, i)}]")
        elif kind == "map" and isinstance(value, yaml.MappingNode):
            for k, item in value.value:
                yield from instances(item, f.nested, f"{here}.{getattr(k, 'value', '?')}")


def texts(root: yaml.Node) -> Iterator[TextSite]:
    """Every text in the file (``text`` fields and the items of ``texts`` lists)."""
    for inst in instances(root):
        for f in inst.shape.fields:
            if f.key not in inst.fields or f.type not in ("text", "texts"):
                continue
            value = inst.fields[f.key][1]
            here = f"{inst.path}.{f.key}" if inst.path else f.key
            if f.type == "text":
                yield TextSite(here, inst.shape, f.key, value)
            elif isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    yield TextSite(f"{here}[{i}]", inst.shape, f.key, item)


def _item_name(item: yaml.Node, index: int) -> str:
    if isinstance(item, yaml.MappingNode):
        for k, v in item.value:
            if getattr(k, "value", None) == "id" and isinstance(v, yaml.ScalarNode):
                return str(v.value)
    return str(index)
