"""The scenario's rules on a compact, hashable state, for exhaustive exploration.

``Session`` plays one path through the ``transitions`` machine; the analyser must
visit every reachable state quickly, so it uses this immutable ``Snapshot`` and the
same rules: effects clamp, triggers fire once and only after a choice, then the
node's ``auto`` transitions, first match wins. ``tests/test_rules_agree.py`` plays
random sessions through both and requires identical states.

Speed matters here (``validate``, ``analyze`` and every debrief explore thousands of
states), so everything a step needs is worked out once per scenario: conditions are
compiled to closures over the snapshot, each choice's effects become a list of
(slot, delta, min, max) and its flags frozensets, and each node keeps its compiled
``auto`` list.
"""

from __future__ import annotations

from operator import itemgetter
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Optional

from ..scenario.conditions import Condition, Getter, Ref, Value, compile_condition
from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.model import Choice, PrepOption, Scenario
from .machine import prep_state

MAX_REDIRECTS = 64
OBJECTIVES = DIMENSION_KEYS + ("overall",)
Vector = tuple[int, ...]
ZERO: Vector = (0,) * len(OBJECTIVES)
NO_SCORE: Mapping[str, int] = MappingProxyType({})  # the score of "continue" (shared, read-only)
_EMPTY: frozenset = frozenset()
_UNKNOWN = object()


class Snapshot(NamedTuple):
    """Immutable, hashable state for exploration (a named tuple: hashing is in C)."""

    position: str
    mood: tuple[int, ...]
    flags: frozenset[str]
    prep_correct: frozenset[str]
    chosen: frozenset[str]  # only choices that some condition reads
    visited: frozenset[str]  # only nodes that some condition reads
    fired: frozenset[int]


def weight_vector(score: Mapping[str, int]) -> Vector:
    """A move's weights per dimension plus their sum (``OBJECTIVES`` order)."""
    dims = [score.get(k, 0) for k in DIMENSION_KEYS]
    if not any(dims):
        return ZERO  # shared: the value tables skip adding it
    return tuple(dims + [sum(dims)])


_new = tuple.__new__  # builds a Snapshot without the named tuple's Python-level __new__

Test = Callable[[Snapshot], bool]


class _ChoiceStep(NamedTuple):
    """One authored choice, ready to apply to a snapshot."""

    choice: Choice
    when: Optional[Test]
    ops: tuple[tuple[int, int, int, int], ...]  # (slot, delta, min, max), in the session's order
    set_flags: frozenset[str]
    clear_flags: frozenset[str]
    chosen_key: Optional[str]  # NODE.CHOICE when some condition reads it
    vector: "Vector"  # weight_vector(choice.score)
    moods: dict  # mood before -> mood after these ops (shared by choices with equal effects)


class Rules:
    """Precomputed lookups for stepping ``Snapshot``s of one scenario."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.slots = [(r.id, v) for r in scenario.residents for v in scenario.mood_variables]
        self.slot_index = {slot: i for i, slot in enumerate(self.slots)}
        self.variables = [scenario.mood_variables[v] for _, v in self.slots]
        read_chosen: set[str] = set()
        read_visited: set[str] = set()
        walked: set[str] = set()  # long scenarios repeat condition texts: walk each once
        for cond in _all_conditions(scenario):
            if cond.source in walked:
                continue
            walked.add(cond.source)
            for ref in cond.refs():
                if ref.kind == "chose":
                    read_chosen.add(".".join(ref.parts))
                elif ref.kind == "visited":
                    read_visited.add(ref.parts[0])
        self.read_chosen = frozenset(read_chosen)
        self.read_visited = frozenset(read_visited)
        self.questions = scenario.preparation.questions if scenario.preparation else ()
        self._prep_index = {prep_state(q.id): i for i, q in enumerate(self.questions)}
        self._compiled: dict[str, Test] = {}
        self._by_score: dict[tuple, Vector] = {}  # weight vectors by score content (``_vector``)
        self._by_effects: dict[tuple, tuple[tuple[int, int, int, int], ...]] = {}  # ops by effects content
        # Per distinct ops: the mood each mood becomes. Explored moods repeat a lot, and a
        # lookup beats clamping slot by slot in Python (a chair's round touches every slot).
        self._moods_after: dict[tuple, dict[tuple[int, ...], tuple[int, ...]]] = {}
        # Nodes where ``settle`` may move on or record a visit; elsewhere, after a line
        # without choices, it has nothing to do.
        self._busy = frozenset(nid for nid, node in scenario.nodes.items() if node.auto) | self.read_visited
        self._endings = frozenset(scenario.endings)
        # Lines that only say something and go on: one move ("continue"), worth nothing,
        # and nothing for ``settle`` to do there. The analyser passes straight through them.
        self.plain_lines = frozenset(
            nid for nid, node in scenario.nodes.items()
            if not node.choices and not node.auto and node.next is not None and nid not in self.read_visited
            and nid not in scenario.endings)
        self._next_of = {nid: scenario.nodes[nid].next for nid in self.plain_lines}
        self._runs: dict[str, Any] = {}  # plain line -> ``plain_run``
        self._triggers = tuple((k, self.test(t.when), t.goto) for k, t in enumerate(scenario.triggers))
        self._auto: dict[str, tuple[tuple[Test, str], ...]] = {}
        self._steps: dict[str, tuple[_ChoiceStep, ...]] = {}
        self._by_choice: Optional[dict[str, _ChoiceStep]] = None  # for ``choose``, made when first asked
        step, test = self._choice_step, self.test
        for nid, node in scenario.nodes.items():
            self._auto[nid] = tuple([(test(a.when), a.goto) for a in node.auto]) if node.auto else ()
            self._steps[nid] = tuple([step(c) for c in node.choices]) if node.choices else ()

    # -- compiling ----------------------------------------------------------------------
    def test(self, condition: Condition) -> Test:
        """``condition`` compiled to a function of a snapshot (once per condition text)."""
        fn = self._compiled.get(condition.source)
        if fn is None:
            fn = self._compiled[condition.source] = compile_condition(condition, self._getter)
        return fn

    def _getter(self, ref: Ref) -> Getter:
        """Reads what ``_SnapshotEnv.lookup`` reads, straight from the snapshot tuple."""
        kind = ref.kind
        if kind == "mood":
            i = self.slot_index[(ref.parts[0], ref.parts[1])]
            getter = lambda s: s[1][i]
            getter.path = (1, i)  # type: ignore[attr-defined]
            return getter
        if kind in ("flag", "prep", "visited"):
            name = ref.parts[0]
            field = {"flag": 2, "prep": 3, "visited": 5}[kind]
            return lambda s: name in s[field]
        if kind == "chose":
            key = f"{ref.parts[0]}.{ref.parts[1]}"
            return lambda s: key in s[4]
        idxs = tuple(i for i, (_, var) in enumerate(self.slots) if var == ref.parts[0])
        pick = max if kind == "max" else min
        if not idxs:  # no resident has it: the environment would fail the same way
            return lambda s: pick([])
        if len(idxs) == 1:
            only = idxs[0]
            return lambda s: s[1][only]
        values = itemgetter(*idxs)
        getter = lambda s: pick(values(s[1]))
        getter.reduce = (pick, 1, values)  # type: ignore[attr-defined]
        return getter

    def _choice_step(self, c: Choice) -> _ChoiceStep:
        # Long scenarios repeat the same effects and scores on many choices: each distinct
        # one is worked out once (scores in ``_vector``).
        effects = c.effects
        sig = tuple([(who, tuple(deltas.items())) for who, deltas in effects.items()]) if effects else ()
        ops = self._by_effects.get(sig)
        if ops is None:
            ops = self._by_effects[sig] = self._ops(effects)
            self._moods_after[ops] = {}
        chosen_key = None
        if self.read_chosen:
            key = c.key
            if key in self.read_chosen:
                chosen_key = key
        return _new(_ChoiceStep, (  # without the named tuple's Python-level __new__: 15k at 10k nodes
            c, self.test(c.when) if c.when is not None else None, ops,
            frozenset(c.set_flags) if c.set_flags else _EMPTY, frozenset(c.clear_flags) if c.clear_flags else _EMPTY,
            chosen_key, self._vector(c.score), self._moods_after[ops]))

    def _ops(self, effects: Mapping[str, Mapping[str, int]]) -> tuple[tuple[int, int, int, int], ...]:
        """A choice's effects as (slot, delta, min, max), in the order the session applies them."""
        ops: list[tuple[int, int, int, int]] = []
        for who, deltas in effects.items():
            rids = self.scenario.resident_ids if who == "all" else (who,)
            for rid in rids:
                for var, delta in deltas.items():
                    i = self.slot_index[(rid, var)]
                    v = self.variables[i]
                    ops.append((i, delta, v.minimum, v.maximum))
        return tuple(ops)

    # -- what can happen --------------------------------------------------------------
    def initial(self) -> Snapshot:
        mood = tuple(self.scenario.resident(rid).mood[var] for rid, var in self.slots)
        position = prep_state(self.questions[0].id) if self.questions else self.scenario.start
        snap = Snapshot(position, mood, frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
        return snap if self.questions else self.settle(snap, after_choice=False)

    def env(self, snap: Snapshot) -> "_SnapshotEnv":
        return _SnapshotEnv(self, snap)

    def options(self, snap: Snapshot) -> list[tuple[str, Mapping[str, int], Snapshot]]:
        """Every move from ``snap``: (move id, score weights, resulting snapshot).

        Move ids are option ids in preparation, choice ids at decisions, and
        ``"continue"`` for lines without choices. Empty at endings and dead ends.
        """
        return [(move, score, nxt) for move, score, _, nxt in self.successors(snap)]

    def successors(self, snap: Snapshot) -> list[tuple[str, Mapping[str, int], Vector, Snapshot]]:
        """``options`` with each move's weight vector (``weight_vector(score)``) as well."""
        position = snap[0]
        steps = self._steps.get(position)
        if steps is None:
            qi = self._prep_index.get(position)
            if qi is None:
                return []
            return [(opt.id, opt.score, self._vector(opt.score), self.answer(snap, qi, opt))
                    for opt in self.questions[qi].options]
        if not steps:
            nxt = self.scenario.nodes[position].next
            if nxt is None:
                return []
            moved = _new(Snapshot, (nxt, snap[1], snap[2], snap[3], snap[4], snap[5], snap[6]))
            return [("continue", NO_SCORE, ZERO, self.settle(moved, False))]
        out = []
        settle = self.settle
        for st in steps:
            if st.when is not None and not st.when(snap):
                continue
            choice, ops, mood = st.choice, st.ops, snap[1]
            if ops:  # the same as _apply, inlined and remembered: the analyser's innermost loop
                after = st.moods.get(mood)
                if after is None:
                    values = list(mood)
                    for i, delta, lo, hi in ops:
                        v = values[i] + delta
                        values[i] = lo if v < lo else hi if v > hi else v
                    after = st.moods[mood] = tuple(values)
                mood = after
            flags = snap[2]
            if st.set_flags:
                flags = flags | st.set_flags
            if st.clear_flags:
                flags = flags - st.clear_flags
            chosen = snap[4] if st.chosen_key is None else snap[4] | {st.chosen_key}
            out.append((choice.id, choice.score, st.vector,
                        settle(_new(Snapshot, (choice.next, mood, flags, snap[3], chosen, snap[5], snap[6])), True)))
        return out

    def plain_run(self, position: str) -> Optional[tuple[str, tuple[str, ...], bool]]:
        """From a line in ``plain_lines``: the first position after it that isn't one, the
        lines on the way, and whether ``settle`` may have something to do there; None when
        they go round in a circle. Passing a plain line changes nothing but the position
        (``settle`` has nothing to do on one), so a run of them is one step to its end,
        worked out once per line."""
        run = self._runs.get(position, _UNKNOWN)
        if run is _UNKNOWN:
            lines: list[str] = []
            p = position
            while p in self.plain_lines:
                if p in lines:
                    run = None
                    break
                lines.append(p)
                p = self._next_of[p]
            else:
                run = (p, tuple(lines), p in self._busy or p not in self._auto)
            self._runs[position] = run
        return run  # type: ignore[return-value]

    def pass_line(self, snap: Snapshot) -> Snapshot:
        """The one move from a line in ``plain_lines``: on to its ``next`` (``successors``'
        "continue", without building the list)."""
        moved = _new(Snapshot, (self._next_of[snap[0]], snap[1], snap[2], snap[3], snap[4], snap[5], snap[6]))
        return self.settle(moved, False)

    def _vector(self, score: Mapping[str, int]) -> Vector:
        """``weight_vector(score)``, one shared tuple per distinct score (equal scores repeat a lot)."""
        sig = tuple(score.items())
        vector = self._by_score.get(sig)
        if vector is None:
            vector = self._by_score[sig] = weight_vector(score)
        return vector

    def answer(self, snap: Snapshot, qi: int, opt: PrepOption) -> Snapshot:
        correct = snap.prep_correct | {opt.question_id} if opt.correct else snap.prep_correct
        after = prep_state(self.questions[qi + 1].id) if qi + 1 < len(self.questions) else self.scenario.start
        moved = Snapshot(after, snap.mood, snap.flags | set(opt.set_flags), frozenset(correct),
                         snap.chosen, snap.visited, snap.fired)
        return moved if after.startswith("prep:") else self.settle(moved, after_choice=False)

    def choose(self, snap: Snapshot, choice: Choice) -> Snapshot:
        if self._by_choice is None:
            self._by_choice = {st.choice.key: st for steps in self._steps.values() for st in steps}
        step = self._by_choice.get(choice.key)
        if step is None or step.choice is not choice:
            step = self._choice_step(choice)
        return self._apply(snap, step)

    def _apply(self, snap: Snapshot, step: _ChoiceStep) -> Snapshot:
        mood = snap[1]
        if step.ops:
            values = list(mood)
            for i, delta, lo, hi in step.ops:
                v = values[i] + delta
                values[i] = lo if v < lo else hi if v > hi else v
            mood = tuple(values)
        flags = snap[2]
        if step.set_flags:
            flags = flags | step.set_flags
        if step.clear_flags:
            flags = flags - step.clear_flags
        chosen = snap[4]
        if step.chosen_key is not None:
            chosen = chosen | {step.chosen_key}
        moved = _new(Snapshot, (step.choice.next, mood, flags, snap[3], chosen, snap[5], snap[6]))
        return self.settle(moved, True)

    def settle(self, snap: Snapshot, after_choice: bool) -> Snapshot:
        if not after_choice and snap[0] not in self._busy and snap[0] in self._auto:
            return snap  # a plain node reached without a choice: no trigger, auto or visit
        endings, autos, triggers = self._endings, self._auto, self._triggers
        for _ in range(MAX_REDIRECTS):
            position = snap[0]
            if position in endings:
                return snap
            node_autos = autos[position]
            target: Optional[str] = None
            fired = snap[6]
            if after_choice:
                for k, test, goto in triggers:
                    if k not in fired and test(snap):
                        target, fired = goto, fired | {k}
                        break
            if target is None:
                for test, goto in node_autos:
                    if test(snap):
                        target = goto
                        break
            if target is None:
                break
            snap = _new(Snapshot, (target, snap[1], snap[2], snap[3], snap[4], snap[5], fired))
            after_choice = False
        else:
            raise RuntimeError(f"automatic transitions loop around {snap.position!r}")
        position = snap[0]
        if position in self.read_visited and position not in snap[5]:
            snap = _new(Snapshot, (position, snap[1], snap[2], snap[3], snap[4], snap[5] | {position}, snap[6]))
        return snap


class _SnapshotEnv:
    """Answers condition references from a snapshot (the uncompiled, reference path)."""

    def __init__(self, rules: Rules, snap: Snapshot):
        self.rules = rules
        self.snap = snap

    def lookup(self, ref: Ref) -> Value:
        kind = ref.kind
        snap = self.snap
        if kind == "mood":
            return snap.mood[self.rules.slot_index[(ref.parts[0], ref.parts[1])]]
        if kind == "flag":
            return ref.parts[0] in snap.flags
        if kind == "prep":
            return ref.parts[0] in snap.prep_correct
        if kind == "chose":
            return f"{ref.parts[0]}.{ref.parts[1]}" in snap.chosen
        if kind == "visited":
            return ref.parts[0] in snap.visited
        values = [snap.mood[i] for i, (_, var) in enumerate(self.rules.slots) if var == ref.parts[0]]
        return max(values) if kind == "max" else min(values)


def _all_conditions(s: Scenario) -> Iterator[Any]:
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
