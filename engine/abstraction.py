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
"""

from __future__ import annotations

from operator import getitem
from typing import TYPE_CHECKING, NamedTuple, Optional

from .conditions import BoolOp, Compare, Condition, Const, Expr, Not, Ref
from .rules import Snapshot

if TYPE_CHECKING:
    from .rules import Rules, _ChoiceStep

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

        # What each node's own conditions read, and what all conditions together read (for
        # thresholds and bands). Triggers are checked after every choice, on the state the
        # choice's effects left, so they count on every choice edge (below), not at the node.
        # Equal condition texts are walked once.
        global_reads = _Reads()
        for t in s.triggers:
            global_reads.add(t.when, self)
        every = _Reads()
        every.merge(global_reads)
        by_source: dict[str, _Reads] = {}
        own_reads: dict[str, _Reads] = {}
        own: dict[str, _Live] = {}
        after_choice = _live_of(global_reads)
        for nid, node in s.nodes.items():
            conds = [c.when for c in node.choices if c.when is not None] + [a.when for a in node.auto]
            if not conds:
                own[nid] = _NOTHING
                continue
            r = own_reads[nid] = _Reads()
            for cond in conds:
                one = by_source.get(cond.source)
                if one is None:
                    one = by_source[cond.source] = _Reads()
                    one.add(cond, self)
                    every.merge(one)
                r.merge(one)
            own[nid] = _live_of(r)
        succ: dict[str, list[str]] = {}
        for nid, node in s.nodes.items():
            nxt = [a.goto for a in node.auto] + [t.goto for t in s.triggers]
            if node.next is not None:
                nxt.append(node.next)
            nxt.extend(c.next for c in node.choices)
            succ[nid] = [m for m in nxt if m in s.nodes]
        # Per choice: what its effects overwrite whatever the value was before (a mood slot
        # its deltas clamp to one value, a flag it sets or clears). What is overwritten is
        # dead before the choice even if read after it: the chair's round that resets every
        # mood ends what an agenda item's moods can tell apart.
        self._overwritten: dict[tuple, frozenset[int]] = {}
        kills = {nid: [(c.next, self._kills(step)) for c, step in zip(node.choices, rules._steps[nid])]
                 for nid, node in s.nodes.items()}
        trigger_targets = [t.goto for t in s.triggers if t.goto in s.nodes]
        plain_succ = {nid: [m for m in [a.goto for a in node.auto] + [t.goto for t in s.triggers] + [node.next]
                            if m in s.nodes] for nid, node in s.nodes.items()}

        # Liveness fixpoint (the graph may have cycles). Visiting successors before their
        # predecessors settles a DAG in one pass; the sets are frozen and shared along
        # chains, so a long scenario isn't copied per node.
        live: dict[str, _Live] = {}
        order = _postorder(s.start, succ, list(s.nodes))
        rank = {nid: k for k, nid in enumerate(order)}
        acyclic = all(rank[m] < rank[nid] for nid in order for m in succ[nid])
        changed = True
        while changed:
            changed = False
            after: dict[str, _Live] = {}  # what a choice into a node leaves live (triggers too)
            for nid in order:
                new = own[nid]
                for m in plain_succ[nid]:
                    theirs = live.get(m)
                    if theirs is not None and theirs is not new:  # None: behind a cycle, next pass
                        new = _union(new, theirs)
                for m, killed in kills[nid]:
                    post = after.get(m)
                    if post is None:
                        post = after_choice
                        for t in [m, *trigger_targets]:
                            theirs = live.get(t)
                            if theirs is not None:
                                post = _union(theirs, post)
                        if m in live or m not in s.nodes:
                            after[m] = post
                    new = _union(new, _minus(post, killed))
                if live.get(nid) != new:
                    live[nid] = new
                    changed = not acyclic
        self.live = live
        self._killed = kills

        # Saturation bounds per node and slot, from the thresholds that can still be read
        # before the slot is overwritten.
        saturable = [True] * n_slots
        for i in every.unsaturable:
            saturable[i] = False
        self.lo_bound, self.hi_bound = self._bounds(own_reads, global_reads, saturable)
        # For the approximate mode: per slot, value -> band index (between critical values).
        self._band_of: list[dict[int, int]] = []
        for i in range(n_slots):
            cuts = sorted(every.cuts.get(i, ()))
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
        made: dict[tuple, tuple[tuple[dict[int, int], ...], tuple[dict[int, int], ...]]] = {}
        minima = [var.minimum for var in rules.variables]
        maxima = [var.maximum for var in rules.variables]
        for nid in s.nodes:
            lv = self.live[nid]
            sets = (lv.flags, lv.prep, lv.chosen, lv.visited)
            lo_b, hi_b = self.lo_bound[nid], self.hi_bound[nid]
            # Bounds beyond the scale saturate nothing: clamped, far more nodes share a plan.
            k = (lv.slots, tuple(map(max, lo_b, minima)), tuple(map(min, hi_b, maxima)))
            both = made.get(k)
            if both is None:
                canon, bands = [], []
                for i in range(n_slots):
                    if i in lv.slots:
                        canon.append(table(i, lo_b[i], hi_b[i], False))
                        bands.append(table(i, lo_b[i], hi_b[i], True))
                    else:
                        canon.append(dead_tables[i])
                        bands.append(dead_tables[i])
                both = made[k] = (tuple(canon), tuple(bands))
            self.canonical_plans[nid] = (both[0], sets)
            self.band_plans[nid] = (both[1], sets)
        # An ending has no future: one state per ending (and fired triggers) is enough.
        final: Plan = (tuple(dead_tables), (_EMPTY, _EMPTY, _EMPTY, _EMPTY))
        for eid in s.endings.keys() - s.nodes.keys():
            self.canonical_plans[eid] = self.band_plans[eid] = final

    def _kills(self, step: "_ChoiceStep") -> "_Live":
        """What a choice overwrites: slots its deltas clamp to one value whatever they were,
        the flags it sets or clears, and its own NODE.CHOICE (see ``Rules._choice_step``)."""
        slots = self._overwritten.get(step.ops)
        if slots is None:
            slots = self._overwritten[step.ops] = _overwritten(step.ops)
        flags = step.set_flags | step.clear_flags
        chosen = frozenset((step.chosen_key,)) if step.chosen_key is not None else _EMPTY
        if not slots and not flags and not chosen:
            return _NOTHING
        return _Live(slots, flags, _EMPTY, chosen, _EMPTY)

    def _bounds(self, own_reads: dict[str, "_Reads"], trigger_reads: "_Reads",
                saturable: list[bool]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Per node and slot: values below ``lo`` (above ``hi``) can't reach any threshold a
        condition reads from here on before the slot is overwritten, so they behave like the
        scale's minimum (maximum).

        ``lo`` is the least over those reads of (the read's lowest critical value minus the
        largest increase on the way to it); ``hi`` symmetrically. Triggers read the state
        after each choice. On a cycle nothing is bounded.
        """
        s = self.rules.scenario
        n_slots = len(self.rules.slots)
        steps, nodes = self.rules._steps, s.nodes
        no_lo, no_hi = [INF] * n_slots, [-INF] * n_slots  # nothing read: no bound needed

        def crit(r: Optional["_Reads"]) -> tuple[list[int], list[int]]:
            lo, hi = list(no_lo), list(no_hi)
            if r is not None:  # every value up to the lowest critical one reads alike (and from the top)
                for i, values in r.critical.items():
                    lo[i], hi[i] = min(values) + 1, max(values) - 1
            return lo, hi

        trig_lo, trig_hi = crit(trigger_reads)
        cyclic_lo, cyclic_hi = [-INF] * n_slots, [INF] * n_slots
        lo_of: dict[str, list[int]] = {}
        hi_of: dict[str, list[int]] = {}
        state: dict[str, int] = {}  # 1 = on stack, 2 = done
        outs: dict[str, list] = {}

        def ways_out(nid: str) -> list[tuple[str, dict[int, int], dict[int, int], frozenset[int], bool]]:
            """(target, increase per slot, decrease per slot, slots overwritten, after a choice?)."""
            out = []
            for step, (_, killed) in zip(steps[nid], self._killed[nid]):
                inc: dict[int, int] = {}
                dec: dict[int, int] = {}
                for i, delta, _, _ in step.ops:  # the choice's effects, per slot, as Rules applies them
                    if delta > 0:
                        inc[i] = inc.get(i, 0) + delta
                    elif delta < 0:
                        dec[i] = dec.get(i, 0) - delta
                out.append((step.choice.next, inc, dec, killed.slots, True))
                for t in s.triggers:  # a trigger jumps from the state the choice left
                    if t.goto in nodes:
                        out.append((t.goto, inc, dec, killed.slots, True))
            node = nodes[nid]
            for m in [a.goto for a in node.auto] + [t.goto for t in s.triggers] + [node.next]:
                if m is not None:
                    out.append((m, {}, {}, _EMPTY, False))
            return out

        for root in [s.start, *nodes]:
            if root in state or root not in nodes:
                continue
            stack: list[tuple[str, bool]] = [(root, False)]
            while stack:
                nid, done = stack.pop()
                if done:
                    lo, hi = crit(own_reads.get(nid))
                    for m, inc, dec, killed, chose in outs.pop(nid):
                        if m not in nodes:
                            if not chose:
                                continue
                            m_lo, m_hi = no_lo, no_hi
                        elif state.get(m) == 1:  # a cycle: no bound
                            m_lo, m_hi = cyclic_lo, cyclic_hi
                        else:
                            m_lo, m_hi = lo_of[m], hi_of[m]
                        if chose:  # triggers read the state the choice left
                            m_lo, m_hi = list(map(min, m_lo, trig_lo)), list(map(max, m_hi, trig_hi))
                        if inc or dec or killed:
                            m_lo, m_hi = list(m_lo), list(m_hi)
                            for i, x in inc.items():
                                m_lo[i] -= x
                            for i, x in dec.items():
                                m_hi[i] += x
                            for i in killed:  # overwritten: what follows can't see the old value
                                m_lo[i], m_hi[i] = INF, -INF
                        lo = list(map(min, lo, m_lo))
                        hi = list(map(max, hi, m_hi))
                    lo_of[nid], hi_of[nid] = lo, hi
                    state[nid] = 2
                    continue
                if nid in state:
                    continue
                state[nid] = 1
                stack.append((nid, True))
                outs[nid] = ways_out(nid)
                for m, *_ in outs[nid]:
                    if m in nodes and m not in state:
                        stack.append((m, False))
        for nid in nodes:
            lo_of[nid] = [lo if ok else -INF for ok, lo in zip(saturable, lo_of[nid])]
            hi_of[nid] = [hi if ok else INF for ok, hi in zip(saturable, hi_of[nid])]
        return lo_of, hi_of

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


def _minus(a: "_Live", b: "_Live") -> "_Live":
    """``a`` without what ``b`` holds; ``a`` itself when they share nothing."""
    if b is _NOTHING or not any(x and y and not x.isdisjoint(y) for x, y in zip(a, b)):
        return a
    return _Live(*(x - y if x and y else x for x, y in zip(a, b)))


def _live_of(r: "_Reads") -> "_Live":
    return _Live(frozenset(r.slots), frozenset(r.flags), frozenset(r.prep), frozenset(r.chosen),
                 frozenset(r.visited))


def _union(a: _Live, b: _Live) -> _Live:
    """``a`` with ``b`` added; ``a`` or ``b`` itself when nothing is new (sets stay shared)."""
    out = None
    for f in range(5):
        x, y = a[f], b[f]
        if y is x or not y or (x and y <= x):
            continue
        if out is None:
            out = list(a)
        out[f] = y if not x else x | y
    if out is None:
        return a
    return b if all(o is p for o, p in zip(out, b)) else _Live(*out)


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


class _Live(NamedTuple):
    """What conditions reachable from a node can still see."""

    slots: frozenset[int]
    flags: frozenset[str]
    prep: frozenset[str]
    chosen: frozenset[str]
    visited: frozenset[str]


_NOTHING = _Live(_EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY)


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
