"""Forgetting what no future reads: the analyser's key for a state.

Two states at the same place whose futures can't tell them apart offer the same moves
with the same scores forever after, so the analyser treats them as one. Which parts of a
state the future can read is a backward data-flow problem over the scenario as written,
as in a compiler's liveness analysis: a mood slot, flag, answered question, earlier
choice, shown line or absent resident is *live* at a node when some condition that may
be evaluated later reads it before anything overwrites it.

Sound by construction: every approximation here keeps more than necessary (a read that
might happen counts, an overwrite only counts when it certainly happens), and keeping
more only means fewer states are merged, never that two different futures are.
"""

from __future__ import annotations

from typing import Callable, Hashable

from ..play.rules import Rules
from ..play.state import State
from ..scenario.conditions import BoolOp, Compare, Condition, Expr, Not, Ref
from ..scenario.model import RETURN, Scenario

Key = tuple[Hashable, ...]
Split = tuple[Key, int, int, bool]  # (the rest of the key, openers held as bits, time-outs taken, paused)


def _reads(cond: Condition, rules: Rules) -> set:
    """The parts of a state ``cond`` reads: slot numbers and ``kind:name`` strings."""
    out: set = set()
    for ref in cond.refs():
        if ref.kind == "mood":
            out.add(rules.slot_index[(ref.parts[0], ref.parts[1])])
        elif ref.kind in ("max", "min"):
            out.update(i for i, (_, var) in enumerate(rules.slots) if var == ref.parts[0])
            out.add("away:*")  # who counts depends on who is present
        elif ref.kind == "chose":
            out.add("chose:" + ".".join(ref.parts))
        else:
            out.add(f"{ref.kind}:{ref.parts[0]}")
    return out


class Liveness:
    """Per position, what of a state its future may read; ``key`` projects a state onto it."""

    def __init__(self, rules: Rules):
        self.rules = rules
        s = rules.scenario
        trigger_reads: set = set()
        for t in s.triggers:
            trigger_reads |= _reads(t.when, rules)
        for r in s.group:  # checked right after every choice, like triggers
            trigger_reads |= _reads(r.when, rules)
        # What a position reads itself, and where its moves and jumps can lead (with what they overwrite).
        own: dict[str, set] = {}
        edges: dict[str, list[tuple[str, frozenset]]] = {}
        returns = set(rules.timeouts) | {m.dest for ms in rules.table.values() for m in ms if m.dest in s.nodes}
        for position, moves in rules.table.items():
            node = s.nodes.get(position)
            reads: set = set()
            out: list[tuple[str, frozenset]] = []
            for m in moves:
                if m.source is not None and getattr(m.source, "when", None) is not None:
                    reads |= _reads(m.source.when, rules)
                out.extend((dest, self._kills(m)) for dest in self._dests(m.dest, returns))
            if node is not None and node.choices:
                reads |= trigger_reads  # checked right after every choice made here
                out.extend((t.goto, frozenset()) for t in s.triggers)
            own[position] = reads
            edges[position] = out
        for nid, node in s.nodes.items():
            own.setdefault(nid, set())
            edges.setdefault(nid, [])
            for a in node.auto:
                own[nid] |= _reads(a.when, rules)
                edges[nid].extend((dest, frozenset()) for dest in self._dests(a.goto, returns))
            shown = set(node.leaves) | set(node.rejoins)
            if shown:  # showing the node decides these residents' presence, whatever it was
                edges[nid] = [(d, k) for d, k in edges[nid]]
                own[nid].discard("away:*")
        live: dict[str, set] = {p: set(r) for p, r in own.items()}
        changed = True
        while changed:  # to a fixed point; sets only grow and are finite
            changed = False
            for position, out in edges.items():
                here = live[position]
                before = len(here)
                for dest, kills in out:
                    if dest in live:
                        here |= live[dest] - kills
                if len(here) != before:
                    changed = True
        self.live = live
        self._plans: dict[str, Callable[[State], Key]] = {}
        self._places: dict[str, Callable[[State], Key]] = {}
        # What only ever opens options (see ``openers``), and only where no situation can recur.
        self.dominance = not can_loop(s)
        self.openers = openers(s) if self.dominance else frozenset()
        self._bits = {name: 1 << i for i, name in enumerate(sorted(self.openers))}
        self._splits: dict[str, Callable[[State], Split]] = {}

    def _dests(self, dest: str, returns: set) -> list[str]:
        return sorted(returns) if dest == RETURN else [dest]

    def _kills(self, move) -> frozenset:
        """What a move certainly overwrites: flags it sets or clears, its own choice key,
        a mood slot its effect pins to one end whatever it was."""
        c = move.source
        out: set = set()
        if c is None:
            return frozenset()
        for name in getattr(c, "set_flags", ()) + getattr(c, "clear_flags", ()):
            out.add(f"flag:{name}")
        if hasattr(c, "key"):
            out.add(f"chose:{c.key}")
        for who, deltas in getattr(c, "effects", {}).items():
            for rid in (self.rules.scenario.resident_ids if who == "all" else (who,)):
                for var, delta in deltas.items():
                    i = self.rules.slot_index[(rid, var)]
                    v = self.rules.variables[i]
                    if abs(delta) >= v.maximum - v.minimum:
                        out.add(i)
        return frozenset(out)

    def key(self, s: State) -> Key:
        """``s`` without what its future can't read (a hashable tuple)."""
        plan = self._plans.get(s[0])
        if plan is None:
            plan = self._plans[s[0]] = self._plan(s[0], with_mood=True)
        return plan(s)

    def place(self, s: State) -> Key:
        """``key`` without the mood: the search keeps mood apart, as regions (``regions``)."""
        plan = self._places.get(s[0])
        if plan is None:
            plan = self._places[s[0]] = self._plan(s[0], with_mood=False)
        return plan(s)

    def split(self, s: State) -> Split:
        """``place`` in parts: what can only add options (openers held, as bits; fewer
        time-outs taken; not paused) apart from the rest. A state holding more openers,
        having taken fewer time-outs and not paused, with the rest the same, has every
        playthrough the other has (``dominance``: the search takes one's value as a bound
        for the other's)."""
        plan = self._splits.get(s[0])
        if plan is None:
            plan = self._splits[s[0]] = self._split_plan(s[0])
        return plan(s)

    def _split_plan(self, position: str) -> Callable[[State], Split]:
        live = self.live.get(position)
        if live is None:  # an ending: nothing comes after it
            return lambda s: ((s[0],), 0, 0, False)
        names = {kind: frozenset(x.split(":", 1)[1] for x in live if isinstance(x, str) and x.startswith(kind + ":"))
                 for kind in ("flag", "prep", "chose", "visited", "away")}
        opening = {kind: frozenset(n for n in names[kind] if f"{kind}:{n}" in self.openers)
                   for kind in ("flag", "prep", "chose", "visited")}
        flags, prep, chose, visited = (names[k] - opening[k] for k in ("flag", "prep", "chose", "visited"))
        bits = tuple((at, {n: self._bits[f"{kind}:{n}"] for n in opening[kind]})
                     for at, kind in ((2, "flag"), (3, "prep"), (4, "chose"), (5, "visited")) if opening[kind])
        away_live = bool(names["away"]) or any(isinstance(i, int) for i in live)
        decision = position in self.rules.timeouts

        def split(s: State) -> Split:
            held = 0
            for at, table in bits:
                for name in s[at]:
                    bit = table.get(name)
                    if bit:
                        held |= bit
            return ((s[0], s[2] & flags, s[3] & prep, s[4] & chose, s[5] & visited, s[6],
                     s[7] if away_live else None, s[8]), held, s[9], s[10] if decision else False)
        return split

    def _plan(self, position: str, with_mood: bool) -> Callable[[State], Key]:
        live = self.live.get(position)
        if live is None:  # an ending: nothing comes after it
            return lambda s: (s[0],)
        slots = tuple(sorted(i for i in live if isinstance(i, int))) if with_mood else ()
        names = {kind: frozenset(x.split(":", 1)[1] for x in live if isinstance(x, str) and x.startswith(kind + ":"))
                 for kind in ("flag", "prep", "chose", "visited", "away")}
        flags, prep, chose, visited = names["flag"], names["prep"], names["chose"], names["visited"]
        # Absent residents ignore effects on their slots, so who is away matters wherever mood does.
        away_live = bool(names["away"]) or any(isinstance(i, int) for i in live)
        decision = position in self.rules.timeouts

        def key(s: State) -> Key:
            mood = s[1]
            return (s[0], tuple(mood[i] for i in slots), s[2] & flags, s[3] & prep, s[4] & chose, s[5] & visited,
                    s[6], s[7] if away_live else None, s[8], s[9], s[10] if decision else False)
        return key


def liveness_of(rules: Rules) -> Liveness:
    """The scenario's liveness, worked out once and kept on its rules (the solver, the relaxed
    meeting and the listed graph all read the same one)."""
    cached = rules.__dict__.get("_liveness")
    if cached is None:
        cached = rules.__dict__["_liveness"] = Liveness(rules)
    return cached


def openers(s: Scenario) -> frozenset[str]:
    """Flags, preparation answers, earlier choices and shown lines (as ``kind:name``) that
    only ever open options: read by choices' conditions alone, never negated or compared,
    never by a trigger, ``auto`` or group reaction. Holding one can only add playthroughs."""
    positive: set[str] = set()
    other: set[str] = set()

    def walk(e: Expr, opens: bool) -> None:
        if isinstance(e, Ref):
            if e.kind in ("flag", "prep", "visited"):
                (positive if opens else other).add(f"{e.kind}:{e.parts[0]}")
            elif e.kind == "chose":
                (positive if opens else other).add("chose:" + ".".join(e.parts[:2]))
        elif isinstance(e, BoolOp):
            for o in e.operands:
                walk(o, opens)
        elif isinstance(e, Not):
            walk(e.operand, False)
        elif isinstance(e, Compare):
            walk(e.left, False)
            walk(e.right, False)

    for node in s.nodes.values():
        for c in node.choices:
            if c.when is not None:
                walk(c.when.expr, True)
        for a in node.auto:
            walk(a.when.expr, False)
    for t in s.triggers:
        walk(t.when.expr, False)
    for r in s.group:
        walk(r.when.expr, False)
    return frozenset(positive - other)


def can_loop(s: Scenario) -> bool:
    """Whether a playthrough can come back to a situation it was in: only along lines,
    choices and ``auto`` transitions (a trigger fires once, so no loop runs through one, and
    an interruption's return needs one)."""
    succ = {nid: [d for d in [node.next, *(c.next for c in node.choices), *(a.goto for a in node.auto)]
                  if d in s.nodes] for nid, node in s.nodes.items()}
    colour: dict[str, int] = {}  # 1 on the path, 2 done
    for root in s.nodes:
        if root in colour:
            continue
        colour[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            nid, it = stack[-1]
            for nxt in it:
                if colour.get(nxt) == 1:
                    return True
                if nxt not in colour:
                    colour[nxt] = 1
                    stack.append((nxt, iter(succ[nxt])))
                    break
            else:
                colour[nid] = 2
                stack.pop()
    return False
