"""Compiling a scenario into a ``transitions`` state machine.

The only module that imports ``transitions``. States are preparation questions
(``prep:QID``), dialogue nodes and endings; events are few and generic so the
machine stays small however large the scenario is:

- ``answer_K``  — pick option K of a preparation question
- ``choice_K``  — pick the K-th authored choice of a node (guarded by its ``when``)
- ``continue``  — a line without choices goes on to its ``next``
- ``auto_K``    — the node's K-th automatic transition (guarded by its ``when``)
- ``trigger_K`` — the scenario's K-th global trigger (guarded, fires at most once)

The machine is built once per scenario and shared: each session adds a small cursor
object as a model, whose ``state`` attribute is the current position.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any, Callable, Protocol

from ..analysis.gcpause import paused_gc
from ..scenario.conditions import Condition, Environment
from ..scenario.model import Choice, PrepOption, Scenario

if TYPE_CHECKING:
    from transitions import Transition


class CursorOwner(Protocol):
    env: Environment

    def apply_choice(self, choice: Choice) -> None: ...
    def apply_answer(self, option: PrepOption) -> None: ...
    def mark_trigger(self, index: int) -> None: ...
    def trigger_fired(self, index: int) -> bool: ...


class Cursor:
    """The model object ``transitions`` moves between states.

    It points back to its session weakly: the shared machine keeps its models alive,
    and a session a front end simply drops must still be freed (its finaliser detaches).
    """

    state: str

    def __init__(self, owner: CursorOwner):
        self._owner = weakref.ref(owner)

    @property
    def owner(self) -> CursorOwner:
        owner = self._owner()
        if owner is None:
            raise RuntimeError("the session of this cursor is gone")
        return owner


def prep_state(question_id: str) -> str:
    return f"prep:{question_id}"


def _guard(condition: Condition) -> Callable[[Any], bool]:
    return lambda event: condition(event.model.owner.env)


def _trigger_guard(index: int, condition: Condition) -> Callable[[Any], bool]:
    return lambda event: (not event.model.owner.trigger_fired(index)) and condition(event.model.owner.env)


def _machine_class() -> type:
    """``transitions.Machine`` without the per-state ``is_<state>`` helpers on each model.

    ``add_model`` gives every session's cursor one bound helper per state: 50,000 objects
    and half a second for each session of a 50k-node scenario. Nothing here calls them
    (the session asks ``cursor.state``), so a cursor gets only the event triggers.
    """
    global _MACHINE
    if _MACHINE is None:
        from transitions import Machine

        class _LeanMachine(Machine):  # type: ignore[misc]
            def _add_model_to_state(self, state: Any, model: Any) -> None:
                pass

        _MACHINE = _LeanMachine
    return _MACHINE


_MACHINE: type | None = None


class CompiledMachine:
    """A scenario's machine plus the lookups the session needs."""

    def __init__(self, scenario: Scenario):
        # A big scenario's machine is tens of thousands of states, transitions and guards that
        # all stay alive: built with the collector running, it set off full collections over
        # the freshly loaded scenario too (9 of the 11 s it took at 50k nodes).
        with paused_gc():
            self._build(scenario)

    def _build(self, scenario: Scenario) -> None:
        # Imported here, not at the top: listing and loading scenarios (the window's first
        # screen) never builds a machine, and ``transitions`` is a fifth of the engine's import time.
        from transitions import Transition
        self._transition = Transition
        self.scenario = scenario
        questions = scenario.preparation.questions if scenario.preparation else ()
        states = [prep_state(q.id) for q in questions] + list(scenario.nodes) + list(scenario.endings)
        self.initial = prep_state(questions[0].id) if questions else scenario.start
        self.machine = _machine_class()(
            model=None, states=states, initial=self.initial, auto_transitions=False,
            send_event=True, ignore_invalid_triggers=False, model_attribute="state",
        )
        self._events: dict[str, list[tuple[str, Transition]]] = {}

        for i, q in enumerate(questions):
            after = prep_state(questions[i + 1].id) if i + 1 < len(questions) else scenario.start
            for k, option in enumerate(q.options):
                self._add(f"answer_{k}", prep_state(q.id), after,
                          before=[_apply_answer(option)])
        for nid, node in scenario.nodes.items():
            for k, choice in enumerate(node.choices):
                conditions = [_guard(choice.when)] if choice.when is not None else []
                self._add(f"choice_{k}", nid, choice.next, conditions=conditions,
                          before=[_apply_choice(choice)])
            if node.next is not None:
                self._add("continue", nid, node.next)
            for k, auto in enumerate(node.auto):
                self._add(f"auto_{k}", nid, auto.goto, conditions=[_guard(auto.when)])
            for k, trig in enumerate(scenario.triggers):
                self._add(f"trigger_{k}", nid, trig.goto, conditions=[_trigger_guard(k, trig.when)],
                          before=[_mark_trigger(k)])
        self._flush()

    def _add(self, trigger: str, source: str, dest: str, conditions: list[Any] | None = None,
             before: list[Any] | None = None) -> None:
        self._events.setdefault(trigger, []).append(
            (source, self._transition(source, dest, conditions=conditions, before=before)))

    def _flush(self) -> None:
        # Building Transition objects directly and registering them per event is several
        # times faster than Machine.add_transitions for scenarios with thousands of nodes.
        for trigger, items in self._events.items():
            self.machine.add_transition(trigger, items[0][0], items[0][1].dest)  # creates the Event
            event = self.machine.events[trigger]
            event.transitions.clear()
            for source, transition in items:
                event.transitions[source].append(transition)
        self._events.clear()

    def attach(self, owner: CursorOwner, position: str) -> Cursor:
        cursor = Cursor(owner)
        self.machine.add_model(cursor, initial=position)
        return cursor

    def detach(self, cursor: Cursor) -> None:
        if cursor in self.machine.models:
            self.machine.remove_model(cursor)

    def fire(self, cursor: Cursor, event: str) -> bool:
        """Fire ``event``; False when no transition's conditions allowed it."""
        return bool(cursor.trigger(event))  # type: ignore[attr-defined]

    def may(self, cursor: Cursor, event: str) -> bool:
        if event not in self.machine.events:
            return False
        return bool(cursor.may_trigger(event))  # type: ignore[attr-defined]


def _apply_choice(choice: Choice) -> Callable[[Any], None]:
    return lambda event: event.model.owner.apply_choice(choice)


def _apply_answer(option: PrepOption) -> Callable[[Any], None]:
    return lambda event: event.model.owner.apply_answer(option)


def _mark_trigger(index: int) -> Callable[[Any], None]:
    return lambda event: event.model.owner.mark_trigger(index)
