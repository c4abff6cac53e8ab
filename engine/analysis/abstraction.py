"""Merging analysis states that no future can tell apart.

Exploring every (node, mood, flags, ...) combination explodes with several residents:
four residents with two 0-10 scales give 11^8 moods. But the future of a meeting only
depends on what its *conditions* can still see, so two snapshots that differ only in
what no reachable condition reads lead to the same choices and the same scores. Two
sound reductions, both computed per node from the scenario graph:

- **Liveness** (as in a compiler): a mood slot, flag, earlier choice or visited node
  that no condition reachable from here reads is forgotten.
- **Saturation**: a mood value so far below every threshold that even the largest
  possible future increase can't reach one behaves like the scale's minimum (and
  symmetrically at the top), so it is replaced by it.
- **Overwriting**: a choice whose effects leave a slot at one value whatever it was
  (``all: {anger: -10}`` then ``+3``), or that sets or clears a flag, ends what came
  before: the old value is dead before that choice, even if read after it.
- **Endings** have no future, so all states at one ending are one.

Scores never depend on mood, only the choices on offer do, so best and worst totals
over the reduced graph are exactly those over the full one.

Liveness (``engine.analysis.liveness``) and saturation (``engine.analysis.bounds``) each have their own
module; this one reads the conditions, walks the graph once to give both what they need,
and turns their results into a plan per node, so that keying a snapshot during
exploration is one ``map`` and a few set intersections (``key_of``).
"""

from __future__ import annotations

from operator import getitem
from typing import TYPE_CHECKING

from ..play.rules import Snapshot
from ..scenario.conditions import BoolOp, Compare, Condition, Const, Expr, Not, Ref
from .bounds import NO_EFFECT, Bounds, Edges
from .liveness import Bits, Flow, Live, present, solve

if TYPE_CHECKING:
    from ..play.rules import Rules

_new = tuple.__new__
_EMPTY: frozenset = frozenset()
# Per node: one value -> key table per mood slot, and the live (flags, prep, chosen, visited).
Plan = tuple[tuple[dict[int, int], ...], tuple[frozenset[str], ...]]
class Abstraction:
    def __init__(self, rules: "Rules"):
        self.rules = rules
        s = rules.scenario
        nodes = s.nodes
        n_slots = len(rules.slots)
        self.slots_of_var: dict[str, list[int]] = {}
        for i, (_, var) in enumerate(rules.slots):
            self.slots_of_var.setdefault(var, []).append(i)

        # What all conditions together read (for thresholds and bands). Triggers are
        # checked after every choice, on the state the choice's effects left, so they count
        # on every choice edge, not at a node.
        global_reads = _Reads()
        for t in s.triggers:
            global_reads.add(t.when, self)
        every = _Reads()
        every.merge(global_reads)
        bits = Bits(n_slots)
        bounds = Bounds(n_slots, global_reads.critical)
        after_choice = bits.of(global_reads)
        # Nodes are numbered (in ``s.nodes`` order; number ``len(nodes)`` stands for every
        # ending), so the passes below index lists instead of hashing node ids.
        index = {nid: k for k, nid in enumerate(nodes)}
        own_bound, edges, flow, ways = self._scan(index, bits, bounds, every)
        # Saturation bounds per node and slot (see ``engine.analysis.bounds``); their walk also gives
        # an order with every node after its successors, as far as cycles allow.
        start = [index[s.start]] if s.start in index else []
        bound, order, acyclic = bounds.solve(start + list(range(len(nodes))), edges, own_bound)
        triggers_in = [index[t.goto] for t in s.triggers if t.goto in index]
        live = solve(order, flow, triggers_in, after_choice, acyclic)
        # Names that can't have been set yet on arriving at a node are absent from every
        # snapshot there: leaving them out of its plan changes no key (see ``present``).
        questions = rules.questions
        initial = bits.known(1, [f for q in questions for o in q.options for f in o.set_flags])
        arrive = [bits.known(4, (nid,)) for nid in nodes] + [0]
        may = present(order, ways, start[0] if start else len(nodes), initial, arrive, acyclic)
        named = bits.named(1) | bits.named(3) | bits.named(4)
        live = [lm & (m | ~named) for lm, m in zip(live, may)]

        self._plans(live, bound, order, bits, bounds, every)

    def _plans(self, live: list[int], bound: list[int], order: list[int], bits: Bits, bounds: Bounds,
               every: "_Reads") -> None:
        """Per node, one value -> key table per slot (forgotten slots map to 0, saturated
        ones to the scale's end) and the live flag-like sets: ``canonical`` and
        ``band_key`` are then one ``map`` and a few set intersections. Equal tables are
        shared, and worked out once per (live slots, bound)."""
        rules = self.rules
        nodes = rules.scenario.nodes
        n_slots = len(rules.slots)
        saturable = [True] * n_slots
        for i in every.unsaturable:
            saturable[i] = False
        # For the approximate mode: per slot, value -> band index (between critical values).
        self._band_of: list[dict[int, int]] = []
        for i in range(n_slots):
            cuts = sorted(every.cuts.get(i, ()))
            var = rules.variables[i]
            self._band_of.append({v: (-1 - sum(1 for c in cuts if c <= v)) if cuts else v
                                  for v in range(var.minimum, var.maximum + 1)})
        shared: dict[tuple, dict[int, int]] = {}

        def table(i: int, lo: int, hi: int, band: bool) -> dict[int, int]:
            var = rules.variables[i]
            k = (i if band else -1, lo, hi, var.minimum, var.maximum, band)
            t = shared.get(k)
            if t is None:
                t = {}
                for v in range(var.minimum, var.maximum + 1):
                    c = var.minimum if v < lo else var.maximum if v > hi else v
                    t[v] = self._band_of[i][c] if band else c
                shared[k] = t
            return t

        dead_tables = [{v: 0 for v in range(var.minimum, var.maximum + 1)} for var in rules.variables]
        self.live: dict[str, Live] = {}
        self.lo_bound: dict[str, tuple[int, ...]] = {}
        self.hi_bound: dict[str, tuple[int, ...]] = {}
        self.canonical_plans: dict[str, Plan] = {}
        self.band_plans: dict[str, Plan] = {}
        lives, los, his = self.live, self.lo_bound, self.hi_bound
        canonical, banded = self.canonical_plans, self.band_plans
        by_live: dict[int, tuple[Live, tuple[frozenset[str], ...]]] = {}
        by_bound: dict[int, tuple] = {}  # (bound, live slots) -> (lo, hi, canonical tables, band tables)
        # Successors first: a live set mostly grows from one node to the next, and adding a
        # few names to a frozen set copies it in C, where removing them rehashes every name.
        of_node: list = [None] * len(nodes)
        for k in order:
            lm = live[k]
            lv = by_live.get(lm)
            if lv is None:
                one = bits.live(lm)
                lv = by_live[lm] = (one, one[1:])
            of_node[k] = lv
        slots = bits.slots
        for nid, lm, b, lv in zip(nodes, live, bound, of_node):
            lives[nid] = lv[0]
            k = b << n_slots | lm & slots
            tb = by_bound.get(k)
            if tb is None:
                lo_b, hi_b = bounds.saturable_only(b, saturable)
                canon = tuple(table(i, lo_b[i], hi_b[i], False) if lm >> i & 1 else dead_tables[i]
                              for i in range(n_slots))
                bands = tuple(table(i, lo_b[i], hi_b[i], True) if lm >> i & 1 else dead_tables[i]
                              for i in range(n_slots))
                tb = by_bound[k] = (lo_b, hi_b, canon, bands)
            los[nid], his[nid] = tb[0], tb[1]
            canonical[nid] = (tb[2], lv[1])
            banded[nid] = (tb[3], lv[1])
        # An ending has no future: one state per ending (and fired triggers) is enough.
        final: Plan = (tuple(dead_tables), (_EMPTY, _EMPTY, _EMPTY, _EMPTY))
        for eid in rules.scenario.endings.keys() - nodes.keys():
            canonical[eid] = banded[eid] = final

    def _scan(self, index: dict[str, int], bits: Bits, bounds: Bounds, every: "_Reads") -> tuple[
            list[int], list[Edges], list[Flow], list[list[tuple[int, int]]]]:
        """One pass over the nodes: per node its own reads' bound, its ways out for the
        bounds (in the order their walk has always taken them) and, for liveness, (its own
        reads' live set, its ``auto`` and ``next`` targets, per choice (next, what stays
        live across it)) and, for ``present``, the bounds' ways out with the names each
        sets.

        A choice's effects may overwrite a value whatever it was before (a mood slot its
        deltas clamp to one value, a flag it sets or clears, its own NODE.CHOICE): that is
        dead before the choice even if read after it, so the chair's round that resets
        every mood ends what an agenda item's moods can tell apart. Equal condition texts
        are walked once, equal lists of them and equal effects worked out once.
        """
        s, steps = self.rules.scenario, self.rules._steps
        nodes = s.nodes
        trigger_targets = [t.goto for t in s.triggers]
        triggers_in = [index[m] for m in trigger_targets if m in index]
        ending = len(nodes)
        by_source: dict[str, tuple[int, int]] = {}  # condition text -> (live set, bound)
        by_conds: dict[tuple[str, ...], tuple[int, int]] = {}
        by_ops: dict[tuple, tuple[int, int]] = {}  # -> (effect index, what stays live across)
        by_id: dict[int, tuple[int, int]] = {}  # the same by identity: equal effects share their ops
        own_bound: list[int] = []
        edges: list[Edges] = []
        flow: list[Flow] = []
        ways: list[list[tuple[int, int]]] = []  # per node: (target, names set on the way)
        sets_names = []  # (ways out, first index, count, step): a choice's names are known at the end
        named_kills = []  # choices that set or clear flags or are read: their names are known at the end
        none = bounds.none
        for nid, node in nodes.items():
            out: Edges = []
            keeps: list[tuple[int, int]] = []
            conds = []
            for step in steps[nid]:
                choice, ops = step.choice, step.ops
                if choice.when is not None:
                    conds.append(choice.when)
                effect = by_id.get(id(ops))
                if effect is None:
                    effect = by_ops.get(ops)
                    if effect is None:
                        over = _overwritten(ops)
                        effect = by_ops[ops] = (bounds.effect(ops, over), ~sum(1 << i for i in over))
                    by_id[id(ops)] = effect
                e, keep = effect
                m = index.get(choice.next, ending)
                first = len(out)
                out.append((m, e))
                if triggers_in:  # a trigger jumps from the state the choice left
                    out += [(t, e) for t in triggers_in]
                if step.set_flags or step.chosen_key is not None:
                    sets_names.append((len(edges), first, len(out) - first, step))
                if step.set_flags or step.clear_flags or step.chosen_key is not None:
                    named_kills.append((keeps, len(keeps), step))
                keeps.append((m, keep))
            if node.auto:
                conds += [a.when for a in node.auto]
                ahead = [index[m] for m in [a.goto for a in node.auto] + trigger_targets + [node.next] if m in index]
                out += [(m, NO_EFFECT) for m in ahead]
                plain = tuple(m for m in ahead if m not in triggers_in)
            else:
                if triggers_in:
                    out += [(t, NO_EFFECT) for t in triggers_in]
                m = index.get(node.next, ending)
                plain = (m,) if m != ending else ()
                if plain:
                    out.append((m, NO_EFFECT))
            edges.append(out)
            ways.append([(m, 0) for m, _ in out])
            if not conds:
                own_bound.append(none)
                flow.append((0, plain, keeps))
                continue
            for cond in conds:
                if cond.source not in by_source:
                    r = _Reads()
                    r.add(cond, self)
                    every.merge(r)
                    by_source[cond.source] = (bits.of(r), bounds.critical(r.critical))
            if len(conds) == 1:
                got = by_source[conds[0].source]
            else:
                key = tuple([c.source for c in conds])
                got = by_conds.get(key)
                if got is None:
                    mask, b = 0, none
                    for k in key:
                        mask, b = mask | by_source[k][0], bounds.join(b, by_source[k][1])
                    got = by_conds[key] = (mask, b)
            own_bound.append(got[1])
            flow.append((got[0], plain, keeps))
        for keeps, k, step in named_kills:
            kills = bits.known(1, step.set_flags | step.clear_flags) | bits.known(3, (step.chosen_key,))
            keeps[k] = (keeps[k][0], keeps[k][1] & ~kills)
        for node_k, first, count, step in sets_names:
            adds = bits.known(1, step.set_flags) | bits.known(3, (step.chosen_key,))
            if adds:
                way = ways[node_k]
                for j in range(first, first + count):
                    way[j] = (way[j][0], adds)
        return own_bound, edges, flow, ways

    def canonical(self, snap: "Snapshot") -> "Snapshot":
        """An equivalent snapshot with what no future condition can see forgotten (exact)."""
        plan = self.canonical_plans.get(snap[0])
        if plan is None:  # preparation: nothing to merge
            return snap
        return key_of(snap, plan)

    def band_key(self, snap: "Snapshot") -> "Snapshot":
        """A coarser key: each live mood value reduced to its band between thresholds.

        Not exact — two moods in one band may drift apart later — so a graph built on
        these keys is marked approximate. Conditions *now* agree within a band.
        """
        plan = self.band_plans.get(snap[0])
        if plan is None:
            return snap
        return key_of(snap, plan)


def key_of(snap: Snapshot, plan: "Plan") -> Snapshot:
    """``snap`` as a key: mood values through the plan's tables, names cut to the live ones."""
    tables, (flags, prep, chosen, visited) = plan
    f, p, c, v = snap[2], snap[3], snap[4], snap[5]
    # An empty live set gives the shared empty frozenset: fewer objects for the collector.
    return _new(Snapshot, (
        snap[0], tuple(map(getitem, tables, snap[1])),
        (f & flags if flags else _EMPTY) if f else f, (p & prep if prep else _EMPTY) if p else p,
        (c & chosen if chosen else _EMPTY) if c else c, (v & visited if visited else _EMPTY) if v else v,
        snap[6]))


def _overwritten(ops: tuple[tuple[int, int, int, int], ...]) -> frozenset[int]:
    """The slots that (slot, delta, min, max) effects leave at one value whatever it was."""
    out = []
    for i in {op[0] for op in ops if abs(op[1]) >= op[3] - op[2]}:  # only a full-scale delta can
        ends = set()
        minimum, maximum = next((op[2], op[3]) for op in ops if op[0] == i)  # the slot's scale
        for v in range(minimum, maximum + 1):
            for j, delta, lo, hi in ops:
                if j == i:
                    v = lo if v + delta < lo else hi if v + delta > hi else v + delta
            ends.add(v)
        if len(ends) == 1:
            out.append(i)
    return frozenset(out)


class _Reads:
    """The state a set of conditions can see."""

    def __init__(self) -> None:
        self.slots: set[int] = set()
        self.flags: set[str] = set()
        self.prep: set[str] = set()
        self.chosen: set[str] = set()
        self.visited: set[str] = set()
        self.critical: dict[int, set[int]] = {}  # values on either side of a flip
        self.cuts: dict[int, set[int]] = {}  # the lowest value of each new outcome
        self.unsaturable: set[int] = set()

    def copy(self) -> "_Reads":
        r = _Reads()
        r.merge(self)
        return r

    def merge(self, other: "_Reads") -> bool:
        before = (len(self.slots), len(self.flags), len(self.prep), len(self.chosen), len(self.visited))
        self.slots |= other.slots
        self.flags |= other.flags
        self.prep |= other.prep
        self.chosen |= other.chosen
        self.visited |= other.visited
        for i, values in other.critical.items():
            self.critical.setdefault(i, set()).update(values)
        for i, values in other.cuts.items():
            self.cuts.setdefault(i, set()).update(values)
        self.unsaturable |= other.unsaturable
        return before != (len(self.slots), len(self.flags), len(self.prep), len(self.chosen), len(self.visited))

    def add(self, cond: Condition, ab: Abstraction) -> None:
        self._walk(cond.expr, ab)

    def _slot_refs(self, ref: Ref, ab: Abstraction) -> list[int]:
        if ref.kind == "mood":
            return [ab.rules.slot_index[(ref.parts[0], ref.parts[1])]]
        return list(ab.slots_of_var.get(ref.parts[0], []))

    def _walk(self, e: Expr, ab: Abstraction) -> None:
        if isinstance(e, Ref):
            if e.is_numeric:  # a bare number used as truth: no saturation
                for i in self._slot_refs(e, ab):
                    self.slots.add(i)
                    self.unsaturable.add(i)
            else:
                self._bool_ref(e)
        elif isinstance(e, Not):
            self._walk(e.operand, ab)
        elif isinstance(e, BoolOp):
            for o in e.operands:
                self._walk(o, ab)
        elif isinstance(e, Compare):
            self._compare(e, ab)

    def _bool_ref(self, ref: Ref) -> None:
        key = ".".join(ref.parts)
        {"flag": self.flags, "prep": self.prep, "chose": self.chosen, "visited": self.visited}[ref.kind].add(key)

    def _compare(self, e: Compare, ab: Abstraction) -> None:
        left, right, op = e.left, e.right, e.op
        if isinstance(left, Const) and isinstance(right, Ref):
            left, right = right, left
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        if isinstance(left, Ref) and left.is_numeric and isinstance(right, Const):
            c = int(right.value)
            crit = {">=": (c - 1, c), "<": (c - 1, c), ">": (c, c + 1), "<=": (c, c + 1)}.get(op, (c - 1, c, c + 1))
            cuts = {">=": (c,), "<": (c,), ">": (c + 1,), "<=": (c + 1,)}.get(op, (c, c + 1))
            for i in self._slot_refs(left, ab):
                self.slots.add(i)
                self.critical.setdefault(i, set()).update(crit)
                self.cuts.setdefault(i, set()).update(cuts)
            return
        for side in (e.left, e.right):  # anything else: track fully, never saturate
            if isinstance(side, Ref):
                if side.is_numeric:
                    for i in self._slot_refs(side, ab):
                        self.slots.add(i)
                        self.unsaturable.add(i)
                else:
                    self._bool_ref(side)
            else:
                self._walk(side, ab)
