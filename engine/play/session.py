"""One playthrough: the small pull API every front end uses.

Like ink's ``Continue()`` / ``currentChoices`` / ``ChooseChoiceIndex()``: the window, the
terminal player, the bots and the tests all ask the session what to show and tell it
what the trainee picked. The session owns a ``SessionState`` (all mutable state) and
moves through the scenario's compiled state machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from ..scenario.conditions import Ref, Value
from ..scenario.errors import SaveError
from ..scenario.model import Choice, Ending, Node, PrepOption, PrepQuestion, Scenario
from ..scenario.text import Text
from .machine import CompiledMachine, Cursor, prep_state
from .state import Decision, Entry, SessionState

MAX_REDIRECTS = 64  # auto transitions in a row before we call it a loop


class EngineError(RuntimeError):
    """The caller asked for something the session can't do now (a programming error)."""


@dataclass(frozen=True)
class Line:
    """What is being said right now: a resident's (or the narrator's) line."""

    node_id: str
    speaker: str
    text: Text
    variant: int


class _StateEnvironment:
    """Answers condition references from a ``SessionState``."""

    def __init__(self, state: SessionState, scenario: Scenario):
        self.state = state
        prep = scenario.preparation
        self.correct = {(q.id, o.id) for q in prep.questions for o in q.options if o.correct} if prep else set()

    def lookup(self, ref: Ref) -> Value:
        s = self.state
        kind = ref.kind
        if kind == "mood":
            return s.mood[ref.parts[0]][ref.parts[1]]
        if kind == "flag":
            return ref.parts[0] in s.flags
        if kind == "prep":
            return (ref.parts[0], s.prep_answers.get(ref.parts[0], "")) in self.correct
        if kind == "chose":
            return f"{ref.parts[0]}.{ref.parts[1]}" in s.chosen
        if kind == "visited":
            return ref.parts[0] in s.visited
        values = [m[ref.parts[0]] for m in s.mood.values()]
        return max(values) if kind == "max" else min(values)


def compiled(scenario: Scenario) -> CompiledMachine:
    """The scenario's machine, built once and kept on the scenario object itself."""
    cached = scenario.__dict__.get("_compiled")
    if cached is None:
        cached = CompiledMachine(scenario)
        object.__setattr__(scenario, "_compiled", cached)  # a cache, not state: frozen is fine
    return cached


class Session:
    def __init__(self, scenario: Scenario, state: SessionState):
        self.scenario = scenario
        self.state = state
        self.env = _StateEnvironment(state, scenario)
        self._compiled = compiled(scenario)
        self._cursor: Optional[Cursor] = self._compiled.attach(self, state.position)
        if state.ending is not None:
            self._release()

    # -- creation and saving ------------------------------------------------
    @classmethod
    def start(cls, scenario: Scenario) -> "Session":
        mood = {r.id: dict(r.mood) for r in scenario.residents}
        position = compiled(scenario).initial
        state = SessionState(scenario.id, scenario.digest, position, mood)
        session = cls(scenario, state)
        if position == scenario.start:
            session._settle(after_choice=False)
        return session

    @classmethod
    def from_data(cls, scenario: Scenario, data: Any) -> "Session":
        """Resume a saved session; raises ``SaveError`` if it doesn't fit this scenario."""
        state = SessionState.from_data(data)
        if state.scenario_id != scenario.id:
            raise SaveError(f"saved session is for scenario {state.scenario_id!r}, not {scenario.id!r}")
        valid = set(scenario.nodes) | set(scenario.endings)
        if scenario.preparation:
            valid |= {prep_state(q.id) for q in scenario.preparation.questions}
        if state.position not in valid:
            raise SaveError(f"saved position {state.position!r} no longer exists in scenario {scenario.id!r}")
        if set(state.mood) != set(scenario.resident_ids):
            raise SaveError("saved residents don't match the scenario's residents")
        return cls(scenario, state)

    def to_data(self) -> dict[str, Any]:
        return self.state.to_data()

    def close(self) -> None:
        """Detach from the shared machine (sessions that end do this themselves)."""
        self._release()

    def _release(self) -> None:
        if self._cursor is not None:
            self._compiled.detach(self._cursor)
            self._cursor = None

    def __del__(self) -> None:
        try:
            self._release()
        except Exception:  # interpreter shutdown: nothing left to tidy
            pass

    # -- where are we -------------------------------------------------------
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
        if not self.in_preparation or self.scenario.preparation is None:
            return None
        qid = self.state.position[len("prep:"):]
        return next(q for q in self.scenario.preparation.questions if q.id == qid)

    @property
    def node(self) -> Optional[Node]:
        return self.scenario.nodes.get(self.state.position)

    @property
    def line(self) -> Optional[Line]:
        """The line being said now, as it was resolved when the node was entered."""
        node = self.node
        if node is None:
            return None
        if self.state.transcript:
            last = self.state.transcript[-1]
            if last.kind == "line" and last.node_id == node.id:
                return self.line_of(last)
        return self._resolve_line(node)

    def line_of(self, entry: Entry) -> Line:
        """The line a transcript entry recorded (for logs and debriefs)."""
        node = self.scenario.nodes[entry.node_id]
        if 0 <= entry.variant < len(node.variants):
            v = node.variants[entry.variant]
            return Line(node.id, v.speaker or node.speaker, v.text, entry.variant)
        return Line(node.id, node.speaker, node.text, -1)

    def _resolve_line(self, node: Node) -> Line:
        for i, v in enumerate(node.variants):
            if v.when(self.env):
                return Line(node.id, v.speaker or node.speaker, v.text, i)
        return Line(node.id, node.speaker, node.text, -1)

    @property
    def choices(self) -> list[Choice]:
        """The choices offered now (conditions applied), in authored order."""
        node = self.node
        if node is None or self.finished:
            return []
        return [c for c in node.choices if c.when is None or c.when(self.env)]

    @property
    def can_continue(self) -> bool:
        node = self.node
        return node is not None and node.next is not None and not self.finished

    @property
    def mood(self) -> Mapping[str, Mapping[str, int]]:
        return self.state.mood

    @property
    def history(self) -> list[Decision]:
        return self.state.history

    # -- acting ---------------------------------------------------------------
    def answer(self, option_id: str) -> None:
        """Answer the current preparation question."""
        q = self.question
        if q is None:
            raise EngineError("not in the preparation phase")
        index = next((k for k, o in enumerate(q.options) if o.id == option_id), None)
        if index is None:
            raise EngineError(f"question {q.id!r} has no option {option_id!r}")
        before = self._mood_copy()
        offered = tuple(o.id for o in q.options)
        self._fire(f"answer_{index}")
        self.state.history.append(Decision("prep", q.id, offered, option_id, before, self._mood_copy(), time.time()))
        if not self.in_preparation:
            self._settle(after_choice=False)

    def choose(self, choice_id: str) -> None:
        """Make a choice at the current decision node."""
        node = self.node
        if node is None or self.finished or not node.choices:
            raise EngineError("there is no decision to make now")
        offered = self.choices
        if choice_id not in {c.id for c in offered}:
            raise EngineError(f"choice {choice_id!r} is not offered at node {node.id!r}")
        index = next(k for k, c in enumerate(node.choices) if c.id == choice_id)
        before = self._mood_copy()
        self.state.transcript.append(Entry("choice", node.id, choice_id=choice_id))
        self._fire(f"choice_{index}")
        self.state.history.append(Decision(
            "meeting", node.id, tuple(c.id for c in offered), choice_id, before, self._mood_copy(), time.time()))
        self._settle(after_choice=True)

    def advance(self) -> None:
        """Go on from a line that has no choices."""
        if not self.can_continue:
            raise EngineError("this line has no 'next'; make a choice instead")
        self._fire("continue")
        self._settle(after_choice=False)

    # -- callbacks from the machine (CursorOwner) ----------------------------
    def apply_choice(self, choice: Choice) -> None:
        self._apply_effects(choice.effects)
        self.state.flags.update(choice.set_flags)
        self.state.flags.difference_update(choice.clear_flags)
        self.state.chosen.append(choice.key)

    def apply_answer(self, option: PrepOption) -> None:
        self.state.prep_answers[option.question_id] = option.id
        self.state.flags.update(option.set_flags)

    def mark_trigger(self, index: int) -> None:
        self.state.fired_triggers.add(index)

    def trigger_fired(self, index: int) -> bool:
        return index in self.state.fired_triggers

    # -- internals ------------------------------------------------------------
    def _fire(self, event: str) -> None:
        assert self._cursor is not None
        if not self._compiled.fire(self._cursor, event):
            raise EngineError(f"event {event!r} was refused at {self.state.position!r}")
        self.state.position = self._cursor.state

    def _settle(self, after_choice: bool) -> None:
        """Follow triggers and auto transitions, then record what is shown."""
        assert self._cursor is not None
        for _ in range(MAX_REDIRECTS):
            position = self.state.position
            if position in self.scenario.endings:
                break
            node = self.scenario.nodes[position]
            moved = False
            if after_choice:
                for k in range(len(self.scenario.triggers)):
                    if self._compiled.may(self._cursor, f"trigger_{k}"):
                        self._fire(f"trigger_{k}")
                        moved = True
                        break
            if not moved:
                for k in range(len(node.auto)):
                    if self._compiled.may(self._cursor, f"auto_{k}"):
                        self._fire(f"auto_{k}")
                        moved = True
                        break
            if not moved:
                break
            after_choice = False
        else:
            raise EngineError(f"automatic transitions loop around {self.state.position!r}")
        position = self.state.position
        if position in self.scenario.endings:
            self.state.ending = position
            ending = self.scenario.endings[position]
            self.state.transcript.append(Entry("ending", position, speaker=ending.speaker))
            self._release()
            return
        if position not in self.state.visited:
            self.state.visited.append(position)
        line = self._resolve_line(self.scenario.nodes[position])
        self.state.transcript.append(Entry("line", position, line.speaker, line.variant))

    def _apply_effects(self, effects: Mapping[str, Mapping[str, int]]) -> None:
        variables = self.scenario.mood_variables
        for who, deltas in effects.items():
            targets = self.state.mood.keys() if who == "all" else (who,)
            for rid in targets:
                values = self.state.mood[rid]
                for var, delta in deltas.items():
                    values[var] = variables[var].clamp(values[var] + delta)

    def _mood_copy(self) -> dict[str, dict[str, int]]:
        return {who: dict(values) for who, values in self.state.mood.items()}
