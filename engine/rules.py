"""The scenario's rules on a compact, hashable state, for exhaustive exploration.

``Session`` plays one path through the ``transitions`` machine; the analyser must
visit every reachable state quickly, so it uses this immutable ``Snapshot`` and the
same rules: effects clamp, triggers fire once and only after a choice, then the
node's ``auto`` transitions, first match wins. ``tests/test_rules_agree.py`` plays
random sessions through both and requires identical states.
"""

from __future__ import annotations

from typing import Iterator, Mapping, NamedTuple, Optional

from .conditions import Ref, Value
from .machine import prep_state
from .model import Choice, PrepOption, Scenario

MAX_REDIRECTS = 64


class Snapshot(NamedTuple):
    """Immutable, hashable state for exploration (a named tuple: hashing is in C)."""

    position: str
    mood: tuple[int, ...]
    flags: frozenset[str]
    prep_correct: frozenset[str]
    chosen: frozenset[str]  # only choices that some condition reads
    visited: frozenset[str]  # only nodes that some condition reads
    fired: frozenset[int]


class Rules:
    """Precomputed lookups for stepping ``Snapshot``s of one scenario."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.slots = [(r.id, v) for r in scenario.residents for v in scenario.mood_variables]
        self.slot_index = {slot: i for i, slot in enumerate(self.slots)}
        self.variables = [scenario.mood_variables[v] for _, v in self.slots]
        read_chosen: set[str] = set()
        read_visited: set[str] = set()
        for cond in _all_conditions(scenario):
            for ref in cond.refs():
                if ref.kind == "chose":
                    read_chosen.add(".".join(ref.parts))
                elif ref.kind == "visited":
                    read_visited.add(ref.parts[0])
        self.read_chosen = frozenset(read_chosen)
        self.read_visited = frozenset(read_visited)
        self.questions = scenario.preparation.questions if scenario.preparation else ()

    def initial(self) -> Snapshot:
        mood = tuple(self.scenario.resident(rid).mood[var] for rid, var in self.slots)
        position = prep_state(self.questions[0].id) if self.questions else self.scenario.start
        snap = Snapshot(position, mood, frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
        return snap if self.questions else self.settle(snap, after_choice=False)

    # -- what can happen --------------------------------------------------
    def env(self, snap: Snapshot) -> "_SnapshotEnv":
        return _SnapshotEnv(self, snap)

    def options(self, snap: Snapshot) -> list[tuple[str, Mapping[str, int], Snapshot]]:
        """Every move from ``snap``: (move id, score weights, resulting snapshot).

        Move ids are option ids in preparation, choice ids at decisions, and
        ``"continue"`` for lines without choices. Empty at endings and dead ends.
        """
        s = self.scenario
        if snap.position.startswith("prep:"):
            qi = next(i for i, q in enumerate(self.questions) if prep_state(q.id) == snap.position)
            q = self.questions[qi]
            out = []
            for opt in q.options:
                out.append((opt.id, opt.score, self.answer(snap, qi, opt)))
            return out
        node = s.nodes.get(snap.position)
        if node is None:
            return []
        if node.next is not None:
            moved = Snapshot(node.next, snap.mood, snap.flags, snap.prep_correct, snap.chosen,
                             snap.visited, snap.fired)
            return [("continue", {}, self.settle(moved, after_choice=False))]
        env = self.env(snap)
        return [(c.id, c.score, self.choose(snap, c)) for c in node.choices if c.when is None or c.when(env)]

    def answer(self, snap: Snapshot, qi: int, opt: PrepOption) -> Snapshot:
        correct = snap.prep_correct | {opt.question_id} if opt.correct else snap.prep_correct
        after = prep_state(self.questions[qi + 1].id) if qi + 1 < len(self.questions) else self.scenario.start
        moved = Snapshot(after, snap.mood, snap.flags | set(opt.set_flags), frozenset(correct),
                         snap.chosen, snap.visited, snap.fired)
        return moved if after.startswith("prep:") else self.settle(moved, after_choice=False)

    def choose(self, snap: Snapshot, choice: Choice) -> Snapshot:
        mood = list(snap.mood)
        for who, deltas in choice.effects.items():
            rids = self.scenario.resident_ids if who == "all" else (who,)
            for rid in rids:
                for var, delta in deltas.items():
                    i = self.slot_index[(rid, var)]
                    mood[i] = self.variables[i].clamp(mood[i] + delta)
        flags = (snap.flags | set(choice.set_flags)) - set(choice.clear_flags)
        chosen = snap.chosen | {choice.key} if choice.key in self.read_chosen else snap.chosen
        moved = Snapshot(choice.next, tuple(mood), frozenset(flags), snap.prep_correct, chosen,
                         snap.visited, snap.fired)
        return self.settle(moved, after_choice=True)

    def settle(self, snap: Snapshot, after_choice: bool) -> Snapshot:
        s = self.scenario
        for _ in range(MAX_REDIRECTS):
            if snap.position in s.endings:
                return snap
            node = s.nodes[snap.position]
            env = self.env(snap)
            target: Optional[str] = None
            fired = snap.fired
            if after_choice:
                for k, trig in enumerate(s.triggers):
                    if k not in snap.fired and trig.when(env):
                        target, fired = trig.goto, snap.fired | {k}
                        break
            if target is None:
                target = next((a.goto for a in node.auto if a.when(env)), None)
            if target is None:
                break
            snap = Snapshot(target, snap.mood, snap.flags, snap.prep_correct, snap.chosen,
                            snap.visited, frozenset(fired))
            after_choice = False
        else:
            raise RuntimeError(f"automatic transitions loop around {snap.position!r}")
        if snap.position in self.read_visited and snap.position not in snap.visited:
            snap = Snapshot(snap.position, snap.mood, snap.flags, snap.prep_correct, snap.chosen,
                            snap.visited | {snap.position}, snap.fired)
        return snap


class _SnapshotEnv:
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


def _all_conditions(s: Scenario) -> Iterator:
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
