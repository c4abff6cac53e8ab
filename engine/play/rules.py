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

The option order a trainee sees is part of the rules too (``shown``): a fresh order per
session from the session's seed, the same order again for a resumed or replayed
decision, the written order where the author fixed it.
"""

from __future__ import annotations

import random
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Optional, Sequence

from ..scenario.conditions import Condition, Getter, Ref, compile_condition
from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.messages import msg
from ..scenario.model import RETURN, TIMEOUT, Choice, Node, PrepOption, Scenario
from .state import Slots, State

ANSWER, CHOOSE, CONTINUE = "answer", "choose", "continue"
TIMEOUT_MOVE = TIMEOUT  # the kind and the id of a time-out are the same word
MAX_REDIRECTS = 64  # automatic transitions in a row before we call it a loop
OBJECTIVES = DIMENSION_KEYS + ("overall",)
Vector = tuple[int, ...]
ZERO: Vector = (0,) * len(OBJECTIVES)
NO_SCORE: Mapping[str, int] = MappingProxyType({})
_EMPTY: frozenset = frozenset()

Test = Callable[[State], bool]
Apply = Callable[[State], State]
# A state built from its fields in order, without the named tuple's Python-level ``_replace``:
# the analyser steps states hundreds of thousands of times. Field numbers, for the same reason:
# 0 position, 1 mood, 2 flags, 3 correct, 4 chosen, 5 visited, 6 fired, 7 away, 8 stack,
# 9 timeouts, 10 paused.
_new = tuple.__new__


class RulesError(RuntimeError):
    """The scenario's automatic transitions never come to rest (a loop of ``auto``s)."""


def prep_state(question_id: str) -> str:
    return f"prep:{question_id}"


def weight_vector(score: Mapping[str, int]) -> Vector:
    """A move's weights per dimension plus their sum (``OBJECTIVES`` order)."""
    dims = [score.get(k, 0) for k in DIMENSION_KEYS]
    if not any(dims):
        return ZERO
    return tuple(dims + [sum(dims)])


def _same(s: State) -> State:
    return s


Ops = tuple[tuple[int, int, int, int, str], ...]  # (slot, delta, min, max, resident), in order
Note = Callable[[Condition, State], None]  # told of each condition evaluated (see ``moves``)


class Move(NamedTuple):
    """One thing the trainee can do in some state."""

    id: str  # option id, choice id, "continue" or "timeout"
    kind: str  # ANSWER, CHOOSE, CONTINUE or TIMEOUT_MOVE
    guard: Optional[Test]  # when it is offered (None: always)
    apply: Apply  # its effects on the state (mood, flags, ...), not its position
    dest: str  # where it leads (RETURN: back from an interruption); a time-out stays
    vector: Vector  # its weights, ``weight_vector(score)``
    score: Mapping[str, int]
    source: Any  # the Choice or PrepOption it was compiled from (None for continue and time-out)
    when: Optional[Condition] = None  # the condition ``guard`` was compiled from
    ops: Ops = ()  # its mood effects, as ``apply`` makes them


class Redirect(NamedTuple):
    """A trigger (``trigger`` is its index) or an ``auto`` transition (``trigger`` is -1)."""

    guard: Test
    apply: Apply
    dest: str
    trigger: int
    when: Optional[Condition] = None  # the condition ``guard`` was compiled from


class Rules:
    """The compiled rules of one scenario (build with ``rules_of`` to share them)."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        s = scenario
        self.slots: Slots = tuple((r.id, v) for r in s.residents for v in s.mood_variables)
        self.slot_index = {slot: i for i, slot in enumerate(self.slots)}
        self.variables = tuple(s.mood_variables[v] for _, v in self.slots)
        self.questions = s.preparation.questions if s.preparation else ()
        self.endings = frozenset(s.endings)
        read_chosen: set[str] = set()
        read_visited: set[str] = set()
        for cond in conditions_of(s):
            for ref in cond.refs():
                if ref.kind == "chose":
                    read_chosen.add(".".join(ref.parts))
                elif ref.kind == "visited":
                    read_visited.add(ref.parts[0])
        self.read_chosen = frozenset(read_chosen)
        self.read_visited = frozenset(read_visited)
        self._tests: dict[str, Test] = {}
        self.triggers = tuple(self._trigger(k) for k in range(len(s.triggers)))
        self.reactions = tuple(self._reaction(k) for k in range(len(s.group)))
        self.table: dict[str, tuple[Move, ...]] = {}  # position -> its moves, as written
        self.autos: dict[str, tuple[Redirect, ...]] = {}
        self.timeouts: dict[str, Move] = {}  # decision node -> its time-out
        self.shows: dict[str, Optional[Apply]] = {}  # node -> what showing it changes
        self.variants: dict[str, tuple[Test, ...]] = {}
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

    # -- compiling ---------------------------------------------------------------------
    def test(self, condition: Condition) -> Test:
        """``condition`` as a function of a state, compiled once per condition text."""
        fn = self._tests.get(condition.source)
        if fn is None:
            fn = self._tests[condition.source] = compile_condition(condition, self._getter)
        return fn

    def _getter(self, ref: Ref) -> Getter:
        kind, parts = ref.kind, ref.parts
        if kind == "mood":
            i = self.slot_index[(parts[0], parts[1])]
            getter = lambda s: s[1][i]
            getter.path = (1, i)  # type: ignore[attr-defined]
            return getter
        if kind in ("flag", "prep", "visited", "away"):
            name = parts[0]
            at = {"flag": 2, "prep": 3, "visited": 5, "away": 7}[kind]
            return lambda s: name in s[at]
        if kind == "chose":
            key = f"{parts[0]}.{parts[1]}"
            return lambda s: key in s[4]
        # max.VAR / min.VAR: over the residents still in the meeting (all, if nobody is)
        pick = max if kind == "max" else min
        pairs = tuple((i, who) for i, (who, var) in enumerate(self.slots) if var == parts[0])
        everyone = itemgetter(*[i for i, _ in pairs]) if len(pairs) > 1 else None

        def extreme(s: State) -> int:
            if s[7]:
                present = [s[1][i] for i, who in pairs if who not in s[7]]
                if present:
                    return pick(present)
            if everyone is None:
                return s[1][pairs[0][0]]
            return pick(everyone(s[1]))
        return extreme

    def _ops(self, effects: Mapping[str, Mapping[str, int]]) -> Ops:
        """Effects as (slot, delta, min, max, resident) in the order they apply."""
        ops = []
        for who, deltas in effects.items():
            for rid in (self.scenario.resident_ids if who == "all" else (who,)):
                for var, delta in deltas.items():
                    i = self.slot_index[(rid, var)]
                    v = self.variables[i]
                    ops.append((i, delta, v.minimum, v.maximum, rid))
        return tuple(ops)

    def _effects(self, effects: Mapping[str, Mapping[str, int]], set_flags: Sequence[str] = (),
                 clear_flags: Sequence[str] = (), chosen: Optional[str] = None) -> Apply:
        ops = self._ops(effects)
        adds, drops = frozenset(set_flags), frozenset(clear_flags)
        if not (ops or adds or drops or chosen):
            return _same

        def apply(s: State) -> State:
            mood = s[1]
            if ops:
                values = list(mood)
                away = s[7]
                for i, delta, lo, hi, who in ops:
                    if away and who in away:
                        continue  # a resident who left doesn't react
                    v = values[i] + delta
                    values[i] = lo if v < lo else hi if v > hi else v
                mood = tuple(values)
            flags = s[2]
            if adds:
                flags = flags | adds
            if drops:
                flags = flags - drops
            return _new(State, (s[0], mood, flags, s[3], s[4] | {chosen} if chosen else s[4],
                                s[5], s[6], s[7], s[8], s[9], s[10]))
        return apply

    def _choice(self, c: Choice) -> Move:
        key = c.key if c.key in self.read_chosen else None
        return Move(c.id, CHOOSE, self.test(c.when) if c.when is not None else None,
                    self._effects(c.effects, c.set_flags, c.clear_flags, key), c.next,
                    weight_vector(c.score), c.score, c, c.when, self._ops(c.effects))

    def _answer(self, o: PrepOption, after: str) -> Move:
        flags = self._effects({}, o.set_flags)
        if o.correct:
            qid = o.question_id
            def apply(s: State) -> State:
                t = flags(s)
                return _new(State, t[:3] + (t[3] | {qid},) + t[4:])
        else:
            apply = flags
        return Move(o.id, ANSWER, None, apply, after, weight_vector(o.score), o.score, o)

    def _timeout(self, node: Node) -> Move:
        rule = self.scenario.timeout
        if node.provocation:  # Ury's step 2: it scores, costs nothing and is never used up
            return Move(TIMEOUT_MOVE, TIMEOUT_MOVE, lambda s: not s[10],
                        lambda s: _new(State, s[:10] + (True,)), node.id, weight_vector(rule.score), rule.score, None)
        cost, limit = self._effects(rule.cost), rule.limit

        def pause(s: State) -> State:
            t = cost(s)
            return _new(State, t[:9] + (t[9] + 1, True))
        return Move(TIMEOUT_MOVE, TIMEOUT_MOVE, lambda s: not s[10] and s[9] < limit, pause, node.id, ZERO,
                    NO_SCORE, None, None, self._ops(rule.cost))

    def _trigger(self, k: int) -> Redirect:
        t = self.scenario.triggers[k]
        when = self.test(t.when)
        if t.interrupts:
            apply = lambda s: _new(State, s[:6] + (s[6] | {k}, s[7], s[8] + (s[0],), s[9], s[10]))
        else:
            apply = lambda s: _new(State, s[:6] + (s[6] | {k},) + s[7:])
        return Redirect(lambda s: k not in s[6] and when(s), apply, t.goto, k, t.when)

    def _reaction(self, k: int) -> Redirect:
        """Group reaction ``k``; it fires once, marked in ``fired`` as ``-1 - k`` (triggers count up from 0)."""
        r = self.scenario.group[k]
        when, mark = self.test(r.when), -1 - k
        effects = self._effects(r.effects)

        def apply(s: State) -> State:
            t = effects(s)
            return _new(State, t[:6] + (t[6] | {mark},) + t[7:])
        return Redirect(lambda s: mark not in s[6] and when(s), apply, "", mark, r.when)

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

    def _show(self, node: Node) -> Optional[Apply]:
        leaves, rejoins = frozenset(node.leaves), frozenset(node.rejoins)
        visit = node.id if node.id in self.read_visited else None
        if not (leaves or rejoins or visit):
            return None

        def show(s: State) -> State:
            away = (s[7] | leaves) - rejoins if leaves or rejoins else s[7]
            return _new(State, s[:5] + (s[5] | {visit} if visit else s[5], s[6], away) + s[8:])
        return show

    # -- what can happen ---------------------------------------------------------------
    def initial(self) -> State:
        mood = tuple(self.scenario.resident(rid).mood[var] for rid, var in self.slots)
        if self.questions:
            return State(prep_state(self.questions[0].id), mood)
        return self.settle(State(self.scenario.start, mood), after_choice=False)

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


def conditions_of(s: Scenario) -> Iterator[Condition]:
    for r in s.group:
        yield r.when
    for t in s.triggers:
        yield t.when
    for node in s.nodes.values():
        for v in node.variants:
            yield v.when
        for a in node.auto:
            yield a.when
        for c in node.choices:
            if c.when is not None:
                yield c.when
