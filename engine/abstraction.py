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

Scores never depend on mood, only the choices on offer do, so best and worst totals
over the reduced graph are exactly those over the full one.
"""

from __future__ import annotations

from operator import getitem
from typing import TYPE_CHECKING

from .conditions import BoolOp, Compare, Condition, Const, Expr, Not, Ref
from .rules import Snapshot

if TYPE_CHECKING:
    from .rules import Rules

_new = tuple.__new__
_EMPTY: frozenset = frozenset()
# Per node: one value -> key table per mood slot, and the live (flags, prep, chosen, visited).
Plan = tuple[tuple[dict[int, int], ...], tuple[frozenset[str], ...]]

INF = 10**9


class Abstraction:
    def __init__(self, rules: "Rules"):
        self.rules = rules
        s = rules.scenario
        n_slots = len(rules.slots)
        self.slots_of_var: dict[str, list[int]] = {}
        for i, (_, var) in enumerate(rules.slots):
            self.slots_of_var.setdefault(var, []).append(i)

        # What each node's own conditions read (triggers count everywhere: checked after every choice).
        global_reads = _Reads()
        for t in s.triggers:
            global_reads.add(t.when, self)
        reads: dict[str, _Reads] = {}
        for nid, node in s.nodes.items():
            r = _Reads()
            r.merge(global_reads)
            for c in node.choices:
                if c.when is not None:
                    r.add(c.when, self)
            for a in node.auto:
                r.add(a.when, self)
            reads[nid] = r
        succ: dict[str, list[str]] = {}
        for nid, node in s.nodes.items():
            nxt = [a.goto for a in node.auto] + [t.goto for t in s.triggers]
            if node.next is not None:
                nxt.append(node.next)
            nxt.extend(c.next for c in node.choices)
            succ[nid] = [m for m in nxt if m in s.nodes]

        # Liveness fixpoint (the graph may have cycles). Visiting successors before their
        # predecessors settles a DAG in one pass (plus one that sees nothing change).
        live = {nid: reads[nid].copy_live() for nid in s.nodes}
        order = _postorder(s.start, succ, list(s.nodes))
        changed = True
        while changed:
            changed = False
            for nid in order:
                mine = live[nid]
                for m in succ[nid]:
                    if mine.merge_live(live[m]):
                        changed = True
        self.live = live

        # Saturation bounds per node and slot.
        self.critical_lo = [INF] * n_slots
        self.critical_hi = [-INF] * n_slots
        self.saturable = [True] * n_slots
        for r in reads.values():
            for i in r.unsaturable:
                self.saturable[i] = False
            for i, values in r.critical.items():
                self.critical_lo[i] = min(self.critical_lo[i], min(values))
                self.critical_hi[i] = max(self.critical_hi[i], max(values))
        up, down = self._future_change(succ)
        self.lo_bound: dict[str, list[int]] = {}
        self.hi_bound: dict[str, list[int]] = {}
        for nid in s.nodes:
            lo, hi = [], []
            for i in range(n_slots):
                if not self.saturable[i] or self.critical_lo[i] == INF:
                    lo.append(-INF)
                    hi.append(INF)
                else:
                    lo.append(self.critical_lo[i] - up[nid][i])
                    hi.append(self.critical_hi[i] + down[nid][i])
            self.lo_bound[nid], self.hi_bound[nid] = lo, hi
        # For the approximate mode: per slot, value -> band index (between critical values).
        self._band_of: list[dict[int, int]] = []
        for i in range(n_slots):
            cuts = sorted({v for r in reads.values() for v in r.cuts.get(i, ())})
            var = rules.variables[i]
            self._band_of.append({v: (-1 - sum(1 for c in cuts if c <= v)) if cuts else v
                                  for v in range(var.minimum, var.maximum + 1)})
        # Per node, one value -> key table per slot (forgotten slots map to 0, saturated ones
        # to the scale's end) and the live flag-like sets: ``canonical`` and ``band_key`` are
        # then one ``map`` and a few set intersections. Equal tables are shared.
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
        self.canonical_plans: dict[str, Plan] = {}
        self.band_plans: dict[str, Plan] = {}
        for nid in s.nodes:
            lv = self.live[nid]
            sets = (frozenset(lv.flags), frozenset(lv.prep), frozenset(lv.chosen), frozenset(lv.visited))
            lo_b, hi_b = self.lo_bound[nid], self.hi_bound[nid]
            canon, bands = [], []
            for i in range(n_slots):
                if i in lv.slots:
                    canon.append(table(i, lo_b[i], hi_b[i], False))
                    bands.append(table(i, lo_b[i], hi_b[i], True))
                else:
                    canon.append(dead_tables[i])
                    bands.append(dead_tables[i])
            self.canonical_plans[nid] = (tuple(canon), sets)
            self.band_plans[nid] = (tuple(bands), sets)

    def _future_change(self, succ: dict[str, list[str]]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Largest possible total increase and decrease of each slot from each node on."""
        s = self.rules.scenario
        n_slots = len(self.rules.slots)
        up: dict[str, list[int]] = {}
        down: dict[str, list[int]] = {}
        state: dict[str, int] = {}  # 1 = on stack, 2 = done

        def edge_change(nid: str) -> list[tuple[str, list[int], list[int]]]:
            node = s.nodes[nid]
            out = []
            for c in node.choices:
                inc = [0] * n_slots
                dec = [0] * n_slots
                for who, deltas in c.effects.items():
                    rids = s.resident_ids if who == "all" else (who,)
                    for rid in rids:
                        for var, delta in deltas.items():
                            i = self.rules.slot_index[(rid, var)]
                            if delta > 0:
                                inc[i] += delta
                            else:
                                dec[i] -= delta
                out.append((c.next, inc, dec))
            zero = [0] * n_slots
            for m in succ[nid]:
                if not any(m == c.next for c in node.choices):
                    out.append((m, zero, zero))
            return out

        for root in s.nodes:
            if root in state:
                continue
            stack: list[tuple[str, bool]] = [(root, False)]
            while stack:
                nid, done = stack.pop()
                if done:
                    u = [0] * n_slots
                    d = [0] * n_slots
                    for m, inc, dec in edge_change(nid):
                        mu = up.get(m, [0] * n_slots) if m in s.nodes else [0] * n_slots
                        md = down.get(m, [0] * n_slots) if m in s.nodes else [0] * n_slots
                        if m in s.nodes and state.get(m) == 1:  # cycle: no bound
                            mu = md = [INF] * n_slots
                        u = [max(a, min(INF, b + c)) for a, b, c in zip(u, inc, mu)]
                        d = [max(a, min(INF, b + c)) for a, b, c in zip(d, dec, md)]
                    up[nid], down[nid] = u, d
                    state[nid] = 2
                    continue
                if nid in state:
                    continue
                state[nid] = 1
                stack.append((nid, True))
                for m in succ[nid]:
                    if m not in state:
                        stack.append((m, False))
        return up, down

    def canonical(self, snap: "Snapshot") -> "Snapshot":
        """An equivalent snapshot with what no future condition can see forgotten (exact)."""
        plan = self.canonical_plans.get(snap[0])
        if plan is None:  # preparation or an ending: nothing to merge
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


def _postorder(start: str, succ: dict[str, list[str]], nodes: list[str]) -> list[str]:
    """Every node, each after all its successors (as far as cycles allow)."""
    order: list[str] = []
    done: set[str] = set()
    for root in [start] + nodes:
        if root in done or root not in succ:
            continue
        done.add(root)
        stack = [(root, iter(succ[root]))]
        while stack:
            nid, it = stack[-1]
            for m in it:
                if m not in done:
                    done.add(m)
                    stack.append((m, iter(succ[m])))
                    break
            else:
                stack.pop()
                order.append(nid)
    return order


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

    def copy_live(self) -> "_Reads":
        """A copy of what liveness tracks (the mood slots and flag-like names)."""
        r = _Reads()
        r.merge_live(self)
        return r

    def merge_live(self, other: "_Reads") -> bool:
        """Add ``other``'s slots and names; True when something was new."""
        before = (len(self.slots), len(self.flags), len(self.prep), len(self.chosen), len(self.visited))
        self.slots |= other.slots
        self.flags |= other.flags
        self.prep |= other.prep
        self.chosen |= other.chosen
        self.visited |= other.visited
        return before != (len(self.slots), len(self.flags), len(self.prep), len(self.chosen), len(self.visited))

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
