"""A live session's runtime: the scenario's ``Rules`` as a ``transitions`` state machine.

The only module that imports ``transitions``. Positions (preparation questions ``prep:QID``,
dialogue nodes and endings) are the machine's states; the moves of ``Rules`` are its
transitions, with each move's compiled condition as the guard (evaluated once, when that
move is fired) and its compiled effects as the callback. Events:

- ``answer``  — answer the current preparation question (``move=`` the option id)
- ``choose``  — make a choice (``move=`` the choice id)
- ``proceed`` — go on after a line without choices
- ``timeout`` — step onto the balcony at a decision (an internal transition: the state stays)
- ``react``   — right after a choice: a group reaction that holds (fired until none does)
- ``interrupt`` — right after a choice: the first of the scenario's triggers that holds
- ``redirect`` — the first of the current node's ``auto`` transitions that holds

``return`` (back from an interruption) has no fixed destination, so a move that returns
has one transition per place an interruption can start, guarded by "that is where this
one began". Entering a state notifies the session (``on_enter``), which shows the line
once the meeting has come to rest. The machine holds the full ``State`` on its model
(``Cursor.game``); every callback replaces it with what ``Rules`` computes, so the
analyser, which steps the same moves without a machine, can never disagree.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from ..scenario.model import RETURN
from .rules import ANSWER, CHOOSE, TIMEOUT_MOVE, Apply, Move, Rules, Test
from .state import State

EVENT_OF = {ANSWER: "answer", CHOOSE: "choose", "continue": "proceed", TIMEOUT_MOVE: "timeout"}


class Cursor:
    """The model ``transitions`` moves: ``state`` is the position, ``game`` the whole ``State``."""

    state: str

    def __init__(self, game: State, entered: Callable[[str], None]):
        self.game = game
        self.entered = entered


def _guard(test: Test) -> Callable[[Any], bool]:
    return lambda ev: test(ev.model.game)


def _is_move(move_id: str) -> Callable[[Any], bool]:
    return lambda ev: ev.kwargs.get("move") == move_id


def _returns_to(place: str) -> Callable[[Any], bool]:
    return lambda ev: bool(ev.model.game.stack) and ev.model.game.stack[-1] == place


def _apply(apply: Apply) -> Callable[[Any], None]:
    def run(ev: Any) -> None:
        ev.model.game = apply(ev.model.game)
    return run


class LiveMachine:
    """One session's machine over the scenario's compiled rules."""

    def __init__(self, rules: Rules, start: State, entered: Callable[[str], None]):
        # Imported here, the engine's one late import: a session is made (``Session``) before
        # it plays, and listing, reviewing and the window's start screen never play.
        from transitions import Machine
        from transitions import State as MachineState

        self.rules = rules
        s = rules.scenario
        names = list(rules.table) + [nid for nid in s.nodes if nid not in rules.table] + list(s.endings)
        states = [MachineState(name, on_enter=[self._notify]) for name in dict.fromkeys(names)]
        self.cursor = Cursor(start, entered)
        self._sources: dict[str, set[str]] = {}  # event -> the positions it has a transition from
        self.machine = Machine(model=self.cursor, states=states, initial=start.position, auto_transitions=False,
                               send_event=True, ignore_invalid_triggers=True)
        # An interruption can begin wherever a choice or a time-out leaves the meeting.
        self._returns = sorted({m.dest for ms in rules.table.values() for m in ms if m.kind == CHOOSE
                                and m.dest in s.nodes} | set(rules.timeouts))
        for position, moves in rules.table.items():
            for move in moves:
                self._add_move(position, move)
            if position in rules.timeouts:
                t = rules.timeouts[position]
                self.machine.add_transition("timeout", position, None, conditions=[_guard(t.guard)],  # type: ignore
                                            before=[_apply(t.apply)])
                self._sources.setdefault("timeout", set()).add(position)
        nodes = list(s.nodes)
        for r in rules.reactions:  # internal: the meeting stays where it is, the room's mood moves
            self.machine.add_transition("react", nodes, None, conditions=[_guard(r.guard)],  # type: ignore
                                        before=[_apply(r.apply)])
            self._sources.setdefault("react", set()).update(nodes)
        for t in rules.triggers:
            self._add("interrupt", nodes, t.dest, [_guard(t.guard)], t.apply)
        for nid, autos in rules.autos.items():
            for a in autos:
                self._add("redirect", [nid], a.dest, [_guard(a.guard)], a.apply)

    def _add_move(self, position: str, move: Move) -> None:
        # Answers and choices name their move; a line has one way on, whatever is asked.
        named = [_is_move(move.id)] if move.kind in (ANSWER, CHOOSE) else []
        conditions = named + ([_guard(move.guard)] if move.guard is not None else [])
        self._add(EVENT_OF[move.kind], [position], move.dest, conditions, move.apply)

    def _add(self, event: str, sources: list[str], dest: str, conditions: list, apply: Apply) -> None:
        """One transition, or for ``return`` one per place an interruption can have begun."""
        arrive = self._arrive(dest)
        places = self._returns if dest == RETURN else [dest]
        self._sources.setdefault(event, set()).update(sources)
        for place in places:
            extra = [_returns_to(place)] if dest == RETURN else []
            self.machine.add_transition(event, sources, place, conditions=conditions + extra,
                                        before=[_apply(apply)], after=[arrive])

    def _arrive(self, dest: str) -> Callable[[Any], None]:
        go = self.rules.go

        def arrive(ev: Any) -> None:
            ev.model.game = go(ev.model.game, dest)
        return arrive

    def _notify(self, ev: Any) -> None:
        ev.model.entered(ev.state.name)

    # -- what the session asks ---------------------------------------------------------
    @property
    def game(self) -> State:
        return self.cursor.game

    @game.setter
    def game(self, value: State) -> None:
        self.cursor.game = value

    def fire(self, event: str, move: Optional[str] = None) -> bool:
        """Fire ``event``; False when no transition's guard allowed it."""
        if self.cursor.state not in self._sources.get(event, ()):
            return False  # nothing of this kind leaves the current position (no auto transition here, say)
        return bool(getattr(self.cursor, event)(move=move))
