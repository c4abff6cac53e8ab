"""A scenario's parts compiled into functions of a state: the moves, triggers and lines of ``Rules``.

Conditions become tests (``compile_condition`` over getters into the state's fields),
effects become one function that moves the mood within its scale and sets or clears flags,
and each choice, preparation answer, time-out, trigger, group reaction and shown line
becomes a ``Move`` or ``Redirect`` carrying them. ``Rules`` (``rules``) puts them in tables
and runs them; everything here is compiled once per scenario.
"""

from __future__ import annotations

from operator import itemgetter
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Optional, Sequence

from ..scenario.conditions import Condition, Getter, Ref, compile_condition
from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.model import RETURN, TIMEOUT, Choice, Node, PrepOption, Scenario
from .state import Slots, State

ANSWER, CHOOSE, CONTINUE = "answer", "choose", "continue"
TIMEOUT_MOVE = TIMEOUT  # the kind and the id of a time-out are the same word
OBJECTIVES = DIMENSION_KEYS + ("overall",)
OVERALL = OBJECTIVES.index("overall")  # the sum of every dimension, last in a vector
Vector = tuple[int, ...]
ZERO: Vector = (0,) * len(OBJECTIVES)
NO_SCORE: Mapping[str, int] = MappingProxyType({})

Test = Callable[[State], bool]
Apply = Callable[[State], State]
# A state built from its fields in order, without the named tuple's Python-level ``_replace``:
# the analyser steps states hundreds of thousands of times. Field numbers, for the same reason:
# 0 position, 1 mood, 2 flags, 3 correct, 4 chosen, 5 visited, 6 fired, 7 away, 8 stack,
# 9 timeouts, 10 paused.
_new = tuple.__new__


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
    # A choice that leads to a node: ``apply`` and the arrival at ``dest`` as one new state (what
    # ``Rules.step`` does before the meeting settles; the analysis steps millions of these).
    arrive: Optional[Apply] = None


class Redirect(NamedTuple):
    """A trigger (``trigger`` is its index) or an ``auto`` transition (``trigger`` is -1)."""

    guard: Test
    apply: Apply
    dest: str
    trigger: int
    when: Optional[Condition] = None  # the condition ``guard`` was compiled from

class Compiler:
    """Compiles the parts of one scenario; ``Rules`` is one, with the tables built from them."""

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
                 clear_flags: Sequence[str] = (), chosen: Optional[str] = None,
                 arrive_at: Optional[str] = None) -> Apply:
        """The effects as a function of a state; ``arrive_at``: and the arrival at that node too (no
        longer paused), one new state where applying and moving on would make two."""
        ops = self._ops(effects)
        adds, drops = frozenset(set_flags), frozenset(clear_flags)
        at = arrive_at
        if not (ops or adds or drops or chosen):
            return _same if at is None else (lambda s: _new(State, (at,) + s[1:10] + (False,)))

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
            return _new(State, (at or s[0], mood, flags, s[3], s[4] | {chosen} if chosen else s[4],
                                s[5], s[6], s[7], s[8], s[9], s[10] and not at))
        return apply

    def _choice(self, c: Choice) -> Move:
        key = c.key if c.key in self.read_chosen else None
        arrive = self._effects(c.effects, c.set_flags, c.clear_flags, key, c.next) if c.next != RETURN else None
        return Move(c.id, CHOOSE, self.test(c.when) if c.when is not None else None,
                    self._effects(c.effects, c.set_flags, c.clear_flags, key), c.next,
                    weight_vector(c.score), c.score, c, c.when, self._ops(c.effects), arrive)

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

    def _show(self, node: Node) -> Optional[Apply]:
        leaves, rejoins = frozenset(node.leaves), frozenset(node.rejoins)
        visit = node.id if node.id in self.read_visited else None
        if not (leaves or rejoins or visit):
            return None

        def show(s: State) -> State:
            away = (s[7] | leaves) - rejoins if leaves or rejoins else s[7]
            return _new(State, s[:5] + (s[5] | {visit} if visit else s[5], s[6], away) + s[8:])
        return show


def conditions_of(s: Scenario) -> Iterator[Condition]:
    """Every condition of ``s`` (``Scenario.conditions``)."""
    return s.conditions()
