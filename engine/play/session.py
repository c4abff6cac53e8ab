"""One playthrough: the small pull API every front end uses.

Like ink's ``Continue()`` / ``currentChoices`` / ``ChooseChoiceIndex()``: the window, the
terminal player, the bots and the tests all ask the session what to show and tell it
what the trainee did. The session runs the scenario's compiled ``Rules`` through its
``transitions`` machine (``LiveMachine``) and keeps the record of the playthrough
(``SessionState``): every decision with the options in the order the trainee saw them,
the transcript, and the seed that order was drawn from.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from ..scenario.errors import SaveError
from ..scenario.model import Choice, Ending, Node, PrepOption, PrepQuestion, Scenario
from ..scenario.text import Text
from .machine import LiveMachine
from .rules import MAX_REDIRECTS, TIMEOUT_MOVE, Move, prep_state, rules_of
from .state import Decision, Entry, SessionState, State, mood_dict


class EngineError(RuntimeError):
    """The caller asked for something the session can't do now (a programming error)."""


@dataclass(frozen=True)
class Line:
    """What is being said right now: a resident's (or the narrator's) line."""

    node_id: str
    speaker: str
    text: Text
    variant: int


class Session:
    def __init__(self, scenario: Scenario, record: SessionState):
        self.scenario = scenario
        self.rules = rules_of(scenario)
        self.state = record
        self._offer: Optional[tuple[State, int, list[Move]]] = None  # the options shown now, cached
        self._machine = LiveMachine(self.rules, record.current, self._entered)
        # The situations gone on from since the last decision (at that length of the history): a
        # line that comes round again unchanged goes round for ever (``going_round``).
        self._read_on: tuple[int, set[State]] = (-1, set())

    # -- creation and saving ------------------------------------------------------------
    @classmethod
    def start(cls, scenario: Scenario, seed: Optional[int] = None) -> "Session":
        """A new playthrough. Without ``seed`` a fresh random one is drawn (and stored):
        every session shows the options in a new order; a given seed repeats an order."""
        rules = rules_of(scenario)
        first = rules.initial() if rules.questions else None
        mood = tuple(scenario.resident(rid).mood[var] for rid, var in rules.slots)
        start = first or State(scenario.start, mood)
        seed = secrets.randbits(31) if seed is None else seed
        session = cls(scenario, SessionState(scenario.id, scenario.digest, start, rules.slots, seed))
        if first is None:
            session._settle(after_choice=False)
        return session

    @classmethod
    def from_data(cls, scenario: Scenario, data: Any) -> "Session":
        """Resume a saved session; raises ``SaveError`` if it doesn't fit this scenario."""
        rules = rules_of(scenario)
        if isinstance(data, dict) and isinstance(data.get("mood"), dict):
            saved = set(map(str, data["mood"]))
            if saved != set(scenario.resident_ids):
                raise SaveError("saved residents don't match the scenario's residents")
            data = dict(data, mood=_fill_mood(scenario, data["mood"]))
        record = SessionState.from_data(data, rules.slots, rules.read_chosen, rules.read_visited)
        if record.scenario_id != scenario.id:
            raise SaveError(f"saved session is for scenario {record.scenario_id!r}, not {scenario.id!r}")
        valid = set(scenario.nodes) | set(scenario.endings) | {prep_state(q.id) for q in rules.questions}
        if record.position not in valid or any(p not in scenario.nodes for p in record.current.stack):
            raise SaveError(f"saved position {record.position!r} no longer exists in scenario {scenario.id!r}")
        record.current = record.current._replace(correct=rules.correct_answers(record.prep_answers))
        return cls(scenario, record)

    def to_data(self) -> dict[str, Any]:
        return self.state.to_data()

    def close(self) -> None:
        """Nothing to release: kept for front ends that say goodbye to a session."""

    # -- where are we -----------------------------------------------------------------------
    @property
    def seed(self) -> Optional[int]:
        return self.state.seed

    @property
    def game(self) -> State:
        """The meeting's current ``State`` (what the analyser takes)."""
        return self.state.current

    @property
    def in_preparation(self) -> bool:
        return self.state.position.startswith("prep:")

    @property
    def finished(self) -> bool:
        return self.state.ending is not None

    @property
    def ending(self) -> Optional[Ending]:
        return self.scenario.endings[self.state.ending] if self.state.ending else None

    @property
    def question(self) -> Optional[PrepQuestion]:
        if not self.in_preparation:
            return None
        qid = self.state.position[len("prep:"):]
        return next(q for q in self.rules.questions if q.id == qid)

    @property
    def node(self) -> Optional[Node]:
        return self.scenario.nodes.get(self.state.position)

    @property
    def line(self) -> Optional[Line]:
        """The line being said now, as it was resolved when the node was shown."""
        node = self.node
        if node is None:
            return None
        for entry in reversed(self.state.transcript):
            if entry.kind == "line":
                if entry.node_id == node.id:
                    return self.line_of(entry)
                break
        return self.line_of(Entry("line", node.id, variant=self.rules.variant(self.game)))

    def line_of(self, entry: Entry) -> Line:
        """The line a transcript entry recorded (for logs and debriefs)."""
        node = self.scenario.nodes[entry.node_id]
        if 0 <= entry.variant < len(node.variants):
            v = node.variants[entry.variant]
            return Line(node.id, v.speaker or node.speaker, v.text, entry.variant)
        return Line(node.id, node.speaker, node.text, -1)

    def _shown(self) -> list[Move]:
        # The order is drawn per decision; a time-out is a pause at the same decision, so it
        # doesn't count: back from the balcony, the options stand where they stood.
        game, index = self.game, sum(1 for d in self.state.history if d.kind != "timeout")
        if self._offer is None or self._offer[0] is not game or self._offer[1] != index:
            moves = [] if self.finished else self.rules.moves(game)
            self._offer = (game, index, self.rules.shown(game, moves, self.state.seed, index))
        return self._offer[2]

    @property
    def choices(self) -> list[Choice]:
        """The choices offered now (conditions applied), in the order the trainee sees them."""
        if self.in_preparation or self.node is None or not self.node.choices:
            return []
        return [m.source for m in self._shown()]

    @property
    def prep_options(self) -> list[PrepOption]:
        """The current preparation question's options, in the order the trainee sees them."""
        return [m.source for m in self._shown()] if self.in_preparation else []

    @property
    def timeout_available(self) -> bool:
        """Whether the trainee may step onto the balcony now (see ``take_timeout``)."""
        if self.finished or self.in_preparation or not self.choices:
            return False
        timeout = self.rules.timeouts.get(self.state.position)
        return timeout is not None and timeout.guard(self.game)  # type: ignore[misc]

    @property
    def timeout_scores(self) -> bool:
        """Whether a time-out now is Ury's step 2 (the line provokes) rather than a delay."""
        node = self.node
        return node is not None and node.provocation

    @property
    def can_continue(self) -> bool:
        node = self.node
        return node is not None and node.next is not None and not self.finished and not self.going_round

    @property
    def going_round(self) -> bool:
        """Whether the meeting came round to a line it showed since the last decision, nothing
        changed: lines that only an ``auto`` could lead out of, and none holds. It would show them
        for ever; ``validate`` warns of such lines (``checks.line_loop_auto``)."""
        count, seen = self._read_on
        return count == len(self.state.history) and self.game in seen and self.node is not None \
            and not self.node.choices

    @property
    def stuck(self) -> bool:
        """Whether the meeting can't go on although it hasn't ended: a dead end (no option's
        condition holds) or lines going round (``going_round``). ``validate`` reports both; a
        front end that meets one says so and stops, rather than ask for a choice nobody can make."""
        return not self.finished and not self.in_preparation and not self.choices and not self.can_continue

    @property
    def mood(self) -> Mapping[str, Mapping[str, int]]:
        return self.state.mood

    @property
    def away(self) -> frozenset[str]:
        """Residents who have left the meeting (they don't react until they rejoin)."""
        return self.game.away

    @property
    def history(self) -> list[Decision]:
        return self.state.history

    # -- acting ---------------------------------------------------------------------------
    def answer(self, option_id: str) -> None:
        """Answer the current preparation question."""
        q = self.question
        if q is None:
            raise EngineError("not in the preparation phase")
        offered = tuple(o.id for o in self.prep_options)
        if option_id not in offered:
            raise EngineError(f"question {q.id!r} has no option {option_id!r}")
        before = self._mood()
        self._fire("answer", option_id)
        self.state.prep_answers[q.id] = option_id
        self.state.history.append(Decision("prep", q.id, offered, option_id, before, self._mood(), time.time()))
        if not self.in_preparation:
            self._settle(after_choice=False)

    def choose(self, choice_id: str, own_words: Optional[str] = None) -> None:
        """Make a choice at the current decision; ``own_words`` is what the trainee typed first
        (own-words mode), kept with the decision."""
        node = self.node
        if node is None or self.finished or not node.choices:
            raise EngineError("there is no decision to make now")
        offered = tuple(c.id for c in self.choices)
        if choice_id not in offered:
            raise EngineError(f"choice {choice_id!r} is not offered at node {node.id!r}")
        before = self._mood()
        self.state.transcript.append(Entry("choice", node.id, choice_id=choice_id))
        self._fire("choose", choice_id)
        self.state.history.append(Decision("meeting", node.id, offered, choice_id, before, self._mood(), time.time(),
                                           own_words))
        self._settle(after_choice=True)

    def take_timeout(self) -> None:
        """Step onto the balcony: the meeting pauses and the trainee returns to the same decision."""
        node = self.node
        if node is None or not self.timeout_available:
            raise EngineError("no time-out can be taken now")
        before = self._mood()
        self.state.transcript.append(Entry("timeout", node.id))
        self._fire("timeout")
        self.state.history.append(Decision("timeout", node.id, (), TIMEOUT_MOVE, before, self._mood(), time.time()))
        self._settle(after_choice=True, same_node=node.id)

    def advance(self) -> None:
        """Go on from a line that has no choices."""
        if not self.can_continue:
            raise EngineError("this line has no 'next'; make a choice instead")
        count, seen = self._read_on
        if count != len(self.state.history):
            seen = set()
            self._read_on = (len(self.state.history), seen)
        seen.add(self.game)
        self._fire("proceed")
        self._settle(after_choice=False)

    # -- internals ----------------------------------------------------------------------------
    def _entered(self, position: str) -> None:
        """The machine entered ``position`` (it may still move on before the meeting rests)."""

    def _fire(self, event: str, move: Optional[str] = None) -> None:
        if not self._machine.fire(event, move):
            raise EngineError(f"{event} {move or ''} was refused at {self.state.position!r}".replace("  ", " "))
        self.state.current = self._machine.game

    def _settle(self, after_choice: bool, same_node: Optional[str] = None) -> None:
        """Follow triggers (right after a choice) and ``auto`` transitions, then show where
        the meeting rests: its line, or its ending."""
        machine, endings = self._machine, self.scenario.endings
        moved = False
        if after_choice and machine.game.position not in endings:
            for _ in range(len(self.rules.reactions)):  # each fires once: the room reacts, in order
                before = machine.game.fired
                if not machine.fire("react"):
                    break
                for mark in sorted(machine.game.fired - before, reverse=True):  # -1 - k: reaction k
                    self.state.transcript.append(Entry("reaction", machine.game.position, variant=-1 - mark))
            moved = machine.fire("interrupt")
        for _ in range(MAX_REDIRECTS):
            if machine.game.position in endings or not machine.fire("redirect"):
                break
            moved = True
        else:
            raise EngineError(f"automatic transitions loop around {machine.game.position!r}")
        position = machine.game.position
        if position in endings:
            self.state.current = machine.game
            self.state.ending = position
            self.state.transcript.append(Entry("ending", position, speaker=endings[position].speaker))
            return
        machine.game = self.rules.show(machine.game)
        self.state.current = machine.game
        if position == same_node and not moved:
            return  # back from the balcony: the same line is still being said
        node = self.scenario.nodes[position]
        variant = self.rules.variant(self.game)
        speaker = node.variants[variant].speaker or node.speaker if variant >= 0 else node.speaker
        self.state.transcript.append(Entry("line", position, speaker, variant))

    def _mood(self) -> dict[str, dict[str, int]]:
        return mood_dict(self.rules.slots, self.game.mood)


def _fill_mood(scenario: Scenario, saved: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A saved mood with a variable the author added since taking its starting value."""
    out: dict[str, dict[str, Any]] = {}
    for r in scenario.residents:
        values = saved.get(r.id)
        values = dict(values) if isinstance(values, dict) else {}
        out[r.id] = {var: values.get(var, r.mood[var]) for var in scenario.mood_variables}
    return out
