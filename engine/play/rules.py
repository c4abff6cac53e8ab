"""A scenario compiled once into rules: what a state offers, and what a move does.

This is the one implementation of the meeting's rules. The live session runs them
through the ``transitions`` machine (``machine.py``: each move below is one of its
transitions, each guard its condition, each ``apply`` its callback); the analyser, the
bots and the tells report step the very same moves directly with ``step``. Nothing about
how a meeting behaves is written down anywhere else.

A *move* is what the trainee does: answer a preparation question, make a choice, go on
after a line without choices, or take a time-out at a decision. After a move the
meeting *settles*: right after a choice or time-out the scenario's triggers are tried
(in order, each fires once; an interrupting one remembers where to come back), then the
current node's ``auto`` transitions, first match wins, until nothing moves. The node it
comes to rest on is *shown*: residents leave or rejoin, and a visit some condition reads
is remembered.

How each condition, effect, choice and trigger becomes a function of a state is
``compiler``'s; here they are put in tables and run.

The option order a trainee sees is part of the rules too (``shown``): a fresh order per
session from the session's seed, the same order again for a resumed or replayed
decision, the written order where the author fixed it.
"""

from __future__ import annotations

import random
from typing import Mapping, Optional, Sequence

from ..scenario.messages import msg
from ..scenario.model import RETURN, Scenario
from .compiler import (  # noqa: F401  (re-exported: the rules' vocabulary is imported from here)
    ANSWER,
    CHOOSE,
    CONTINUE,
    NO_SCORE,
    OBJECTIVES,
    OVERALL,
    TIMEOUT_MOVE,
    ZERO,
    Apply,
    Compiler,
    Move,
    Note,
    Ops,
    Redirect,
    Test,
    Vector,
    _new,
    _same,
    conditions_of,
    prep_state,
    weight_vector,
)
from .state import State

MAX_REDIRECTS = 64  # automatic transitions in a row before we call it a loop

MOST_MOVES_PER_NODE, MOST_MOVES_MIN = 20, 500  # (``Rules.most_moves``)


class RulesError(RuntimeError):
    """The scenario's automatic transitions never come to rest (a loop of ``auto``s)."""


class Rules(Compiler):
    """The compiled rules of one scenario (build with ``rules_of`` to share them)."""

    def __init__(self, scenario: Scenario):
        super().__init__(scenario)
        s = scenario
        self.triggers = tuple(self._trigger(k) for k in range(len(s.triggers)))
        self.reactions = tuple(self._reaction(k) for k in range(len(s.group)))
        self.reaction_ops = tuple(self._ops(r.effects) for r in s.group)  # per reaction, its effects
        self.table: dict[str, tuple[Move, ...]] = {}  # position -> its moves, as written
        self.autos: dict[str, tuple[Redirect, ...]] = {}
        self.timeouts: dict[str, Move] = {}  # decision node -> its time-out
        self.shows: dict[str, Optional[Apply]] = {}  # node -> what showing it changes
        self.variants: dict[str, tuple[Test, ...]] = {}
        self._fixed: dict[str, bool] = {}  # position -> whether its options keep the written order
        for i, q in enumerate(self.questions):
            after = prep_state(self.questions[i + 1].id) if i + 1 < len(self.questions) else s.start
            self.table[prep_state(q.id)] = tuple(self._answer(o, after) for o in q.options)
        # Where settling without a choice has something to do: an auto transition or a show.
        self._busy = frozenset(nid for nid, node in s.nodes.items()
                               if node.auto or node.leaves or node.rejoins or nid in self.read_visited)
        for nid, node in s.nodes.items():
            if node.choices:
                self.table[nid] = tuple(self._choice(c) for c in node.choices)
                self.timeouts[nid] = self._timeout(node)
            elif node.next is not None:
                self.table[nid] = (Move(CONTINUE, CONTINUE, None, _same, node.next, ZERO, NO_SCORE, None),)
            self.autos[nid] = tuple(Redirect(self.test(a.when), _same, a.goto, -1, a.when) for a in node.auto)
            self.shows[nid] = self._show(node)
            self.variants[nid] = tuple(self.test(v.when) for v in node.variants)

    # -- what a move sets off ----------------------------------------------------------
    def react(self, s: State, note: Optional[Note] = None) -> State:
        """Right after a choice, before any trigger: the first group reaction that holds fires,
        then the first that holds after it, until none does (each fires once; the live machine
        fires ``react`` the same way). ``note`` hears every condition read, and ``None`` when one
        fired: the mood changed between the move and the triggers."""
        for _ in range(len(self.reactions)):
            for r in self.reactions:
                if r.trigger in s[6]:
                    continue
                if note is not None:
                    note(r.when, s)  # type: ignore[arg-type]
                if r.guard(s):
                    s = r.apply(s)
                    if note is not None:
                        note(None, s)  # type: ignore[arg-type]
                    break
            else:
                return s
        return s

    # -- what can happen ---------------------------------------------------------------
    def initial(self) -> State:
        mood = tuple(self.scenario.resident(rid).mood[var] for rid, var in self.slots)
        if self.questions:
            return State(prep_state(self.questions[0].id), mood)
        return self.settle(State(self.scenario.start, mood), after_choice=False)

    @property
    def most_lines(self) -> int:
        """Lines without choices a meeting can go through in a row and still go on: each line at
        most twice (an ``auto`` may read that its line was shown, once round). Beyond that, lines
        go round for ever (``checks.line_loop_auto``: only an ``auto`` could lead out, none holds)."""
        return 2 * len(self.table) + 2

    @property
    def most_moves(self) -> int:
        """Moves a playthrough can make and still be on its way to an ending: many rounds of
        every node. A random player or a bot that makes more is going round a loop it never
        leaves (``play.trapped``), and stops there rather than play for ever."""
        return max(MOST_MOVES_MIN, MOST_MOVES_PER_NODE * len(self.table))

    def moves(self, s: State, note: Optional[Note] = None) -> list[Move]:
        """The moves offered in ``s``, as written, the time-out last. Empty at an ending
        and at a dead end (a decision where no choice's condition holds). ``note``, when
        given, is told of every condition this evaluates (the analyser's memo uses it)."""
        table = self.table.get(s[0])
        if table is None:
            return []
        if note is None:
            out = [m for m in table if m.guard is None or m.guard(s)]
        else:
            out = []
            for m in table:
                if m.guard is not None:
                    note(m.when, s)  # type: ignore[arg-type]
                    if not m.guard(s):
                        continue
                out.append(m)
        timeout = self.timeouts.get(s[0])
        if timeout is not None and out and timeout.guard(s):  # type: ignore[misc]
            out.append(timeout)
        return out

    def move(self, s: State, move_id: str) -> Optional[Move]:
        """The move called ``move_id`` if it is offered in ``s``."""
        return next((m for m in self.moves(s) if m.id == move_id), None)

    def step(self, s: State, move: Move, note: Optional[Note] = None) -> State:
        """The state after ``move`` (which ``s`` offers) and everything it sets off; ``note``
        is told of every trigger and ``auto`` condition evaluated on the way."""
        if move.arrive is not None:  # a choice that leads to a node
            return self.settle(move.arrive(s), True, note)
        s = move.apply(s)
        kind = move.kind
        if kind == TIMEOUT_MOVE:
            return self.settle(s, True, note)
        if kind == ANSWER:
            s = _new(State, (move.dest,) + s[1:])
            return s if move.dest.startswith("prep:") else self.settle(s, False, note)
        return self.settle(self.go(s, move.dest), kind == CHOOSE, note)

    def go(self, s: State, dest: str) -> State:
        """``s`` moved to ``dest``; ``return`` goes back to where the innermost interruption began."""
        stack = s[8]
        if dest == RETURN:
            if not stack:
                raise RulesError(msg("rules.return_outside", node=s[0]))
            dest, stack = stack[-1], stack[:-1]
        return _new(State, (dest,) + s[1:8] + (stack, s[9], False))

    def redirect(self, s: State, after_choice: bool, note: Optional[Note] = None) -> Optional[Redirect]:
        """The trigger or ``auto`` transition that takes ``s`` elsewhere, if any."""
        if after_choice:
            for t in self.triggers:
                if note is not None and t.trigger not in s[6]:
                    note(t.when, s)  # type: ignore[arg-type]
                if t.guard(s):
                    return t
        for a in self.autos.get(s[0], ()):
            if note is not None:
                note(a.when, s)  # type: ignore[arg-type]
            if a.guard(s):
                return a
        return None

    def settle(self, s: State, after_choice: bool, note: Optional[Note] = None) -> State:
        if not after_choice and s[0] not in self._busy:
            return s  # no auto transition here and nothing to show: at rest already
        if after_choice and self.reactions and s[0] not in self.endings:
            s = self.react(s, note)
        for _ in range(MAX_REDIRECTS):
            if s[0] in self.endings:
                return s
            r = self.redirect(s, after_choice, note)
            if r is None:
                return self.show(s)
            s = self.go(r.apply(s), r.dest)
            after_choice = False
        raise RulesError(msg("rules.auto_loop", node=s[0]))

    def show(self, s: State) -> State:
        """``s`` with what showing its node changes (residents leaving or rejoining, a visit)."""
        show = self.shows.get(s[0])
        return show(s) if show is not None else s

    def variant(self, s: State) -> int:
        """Which version of the node's line ``s`` shows (-1: the base text)."""
        for i, test in enumerate(self.variants.get(s[0], ())):
            if test(s):
                return i
        return -1

    def is_decision(self, s: State) -> bool:
        """A preparation question or a node with choices (lines without choices are not)."""
        first = self.table.get(s[0])
        return bool(first) and first[0].kind in (ANSWER, CHOOSE)

    # -- the order the trainee sees ----------------------------------------------------
    def shown(self, s: State, offered: Sequence[Move], seed: Optional[int], index: int) -> list[Move]:
        """``offered`` (without the time-out) in the order the trainee sees them.

        A fresh order per session and per decision (``index``: how many decisions came
        before), from the session's ``seed``, so a resumed or replayed decision shows the
        same order again. Options as written where the author fixed the order, and for
        sessions saved before options were shuffled (``seed`` None).
        """
        options = [m for m in offered if m.kind != TIMEOUT_MOVE]
        if seed is None or len(options) < 2 or self.fixed_order(s[0]):
            return options
        order = list(options)
        random.Random(f"{seed}/{s[0]}/{index}").shuffle(order)
        return order

    def fixed_order(self, position: str) -> bool:
        """Whether the author fixed the order of the options at ``position``."""
        known = self._fixed.get(position)
        if known is None:
            known = self._fixed[position] = self._fixed_order(position)
        return known

    def _fixed_order(self, position: str) -> bool:
        if position.startswith("prep:"):
            qid = position[len("prep:"):]
            return any(q.id == qid and q.order == "fixed" for q in self.questions)
        node = self.scenario.nodes.get(position)
        return node is not None and node.order == "fixed"

    # -- saved sessions ------------------------------------------------------------------
    def correct_answers(self, answers: Mapping[str, str]) -> frozenset[str]:
        """The questions ``answers`` (question -> option) got right."""
        right = {(q.id, o.id) for q in self.questions for o in q.options if o.correct}
        return frozenset(q for q, o in answers.items() if (q, o) in right)


def rules_of(scenario: Scenario) -> Rules:
    """The scenario's rules, compiled once and kept on the scenario object itself."""
    cached = scenario.__dict__.get("_rules")
    if cached is None:
        cached = Rules(scenario)
        object.__setattr__(scenario, "_rules", cached)  # a cache, not state: frozen is fine
    return cached
