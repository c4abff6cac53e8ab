"""Saturation bounds: how far below (above) every threshold ahead a mood value may be.

A mood value so low that even the largest increase still possible before the next
condition reads it can't reach that condition's threshold behaves exactly like the
scale's minimum, so the analyser may replace it by the minimum (and symmetrically at the
top). Per node and slot, ``lo`` is the least over the reads ahead of (the read's lowest
critical value minus the increases on the way to it), and ``hi`` symmetrically; a choice
that overwrites a slot hides the old value from everything after it, and on a cycle
nothing is bounded.

This runs once per analysis on every node, so it must stay linear and cheap on long
scenarios: a bound is a vector (every slot's ``lo``, then every ``hi``) interned to a
small int, and combining two vectors or passing one back through a choice's effects is
memoised on those ints. Long meetings repeat a few shapes (the same agenda item, the same
kind of choice), so nearly every step is one dictionary lookup.
"""

from __future__ import annotations

from typing import Iterable, Mapping

INF = 10**9
NO_EFFECT = -1  # the effect index of an edge that is not a choice (``next``, ``auto``, a trigger)

# Per node (numbered from 0): its ways out as (target node, effect index). The target one
# past the last node stands for every ending; effects index ``Bounds.effect``.
Edges = list[tuple[int, int]]
_UNSEEN, _OPEN = -2, -1


class Bounds:
    """Interned bound vectors for one scenario, and the memoised operations on them."""

    def __init__(self, n_slots: int, trigger_critical: Mapping[int, Iterable[int]]):
        self.n = n_slots
        self._index: dict[tuple[int, ...], int] = {}
        self.vectors: list[tuple[int, ...]] = []
        self.none = self.intern((INF,) * n_slots + (-INF,) * n_slots)  # nothing read: no bound
        self.cyclic = self.intern((-INF,) * n_slots + (INF,) * n_slots)  # on a cycle: none either
        self.trigger = self.critical(trigger_critical)  # triggers read the state each choice left
        self._effects: list[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], frozenset[int]]] = []
        self._joined: dict[int, int] = {}
        self._through: dict[int, int] = {}

    def intern(self, vector: tuple[int, ...]) -> int:
        k = self._index.get(vector)
        if k is None:
            k = self._index[vector] = len(self.vectors)
            self.vectors.append(vector)
        return k

    def critical(self, critical: Mapping[int, Iterable[int]]) -> int:
        """The bound of one node's own reads: every value up to the lowest critical one
        reads alike (and from the top)."""
        lo, hi = [INF] * self.n, [-INF] * self.n
        for i, values in critical.items():
            lo[i], hi[i] = min(values) + 1, max(values) - 1
        return self.intern(tuple(lo + hi))

    def effect(self, ops: tuple[tuple[int, int, int, int], ...], overwritten: frozenset[int]) -> int:
        """A new index for a choice's effects (call it once per distinct ``ops``, before
        ``solve``): the increase and decrease per slot, as ``Rules`` applies the (slot,
        delta, min, max) ops, and the slots they overwrite."""
        inc: dict[int, int] = {}
        dec: dict[int, int] = {}
        for i, delta, _, _ in ops:
            if delta > 0:
                inc[i] = inc.get(i, 0) + delta
            elif delta < 0:
                dec[i] = dec.get(i, 0) - delta
        self._effects.append((tuple(inc.items()), tuple(dec.items()), overwritten))
        return len(self._effects) - 1

    def join(self, a: int, b: int) -> int:
        """Both bounds at once: the lower ``lo`` and the higher ``hi`` per slot."""
        if a == b or b == self.none:
            return a
        if a == self.none:
            return b
        key = a << 32 | b if a < b else b << 32 | a
        out = self._joined.get(key)
        if out is None:
            n, x, y = self.n, self.vectors[a], self.vectors[b]
            out = self._joined[key] = self.intern(tuple(map(min, x[:n], y[:n])) + tuple(map(max, x[n:], y[n:])))
        return out

    def through(self, effect: int, b: int) -> int:
        """The bound before a choice, given ``b`` after it: the triggers read what the
        choice left, its increases lower ``lo`` (decreases raise ``hi``), and what it
        overwrites is bounded by nothing after it."""
        key = b << 32 | effect
        out = self._through.get(key)
        if out is None:
            inc, dec, overwritten = self._effects[effect]
            n, v, t = self.n, self.vectors[b], self.vectors[self.trigger]
            lo, hi = list(map(min, v[:n], t[:n])), list(map(max, v[n:], t[n:]))
            for i, x in inc:
                lo[i] -= x
            for i, x in dec:
                hi[i] += x
            for i in overwritten:
                lo[i], hi[i] = INF, -INF
            out = self._through[key] = self.intern(tuple(lo + hi))
        return out

    def solve(self, roots: list[int], edges: list[Edges], own: list[int]) -> tuple[list[int], list[int], bool]:
        """Every node's bound, depth first from each root in turn.

        Returns (the bound per node, the nodes each after its successors as far as cycles
        allow, whether the graph is acyclic). A successor still open when its predecessor
        finishes is on a cycle and bounds nothing: which edge closes a cycle depends on the
        walk, so the walk's order is part of the result and is kept as it was written.
        """
        bound = [_UNSEEN] * len(edges) + [self.none]  # then open, then the node's bound
        order: list[int] = []
        acyclic = True
        none, cyclic = self.none, self.cyclic
        joined, passed, join, through = self._joined, self._through, self.join, self.through
        for root in roots:
            if bound[root] != _UNSEEN:
                continue
            stack = [root]  # a node to open, or ~node to finish
            while stack:
                nid = stack.pop()
                if nid < 0:  # every successor is done (or open: a cycle)
                    nid = ~nid
                    acc = own[nid]
                    for m, effect in edges[nid]:
                        v = bound[m]
                        if v < 0:
                            v, acyclic = cyclic, False
                        if effect != NO_EFFECT:
                            w = passed.get(v << 32 | effect)
                            v = through(effect, v) if w is None else w
                        if v != acc and v != none:
                            w = joined.get(acc << 32 | v if acc < v else v << 32 | acc)
                            acc = join(acc, v) if w is None else w
                    bound[nid] = acc
                    order.append(nid)
                elif bound[nid] == _UNSEEN:
                    bound[nid] = _OPEN
                    stack.append(~nid)
                    for m, _ in edges[nid]:
                        if bound[m] == _UNSEEN:
                            stack.append(m)
        return bound, order, acyclic

    def saturable_only(self, b: int, saturable: list[bool]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(lo, hi) of bound ``b`` with the slots that must never saturate unbounded."""
        v = self.vectors[b]
        n = self.n
        return (tuple(x if ok else -INF for ok, x in zip(saturable, v[:n])),
                tuple(x if ok else INF for ok, x in zip(saturable, v[n:])))
