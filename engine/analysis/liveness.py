"""Liveness: what the conditions reachable from each node can still see.

A mood slot, flag, earlier choice or visited node that no condition ahead reads can be
forgotten by the analyser, as a compiler forgets a dead variable; and what a choice
overwrites whatever it was (a slot its deltas clamp to one value, a flag it sets or
clears) is dead before that choice even if read after it.

This runs once per analysis over every node and edge, so a live set is one int with a
bit per slot and per name read (``Bits``): union and minus are then single operations,
and the fixpoint over a long meeting stays linear. The plans still need frozen sets; each
distinct one is made once, from the last one made where they differ by a few names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .abstraction import _Reads as Reads

_EMPTY: frozenset = frozenset()
# Per node (numbered, as in ``Abstraction._scan``): its own reads, its ``auto`` and ``next``
# targets, and per choice (its target, what stays live across it), as ``Bits`` sets.
Flow = tuple[int, tuple[int, ...], list[tuple[int, int]]]


def solve(order: list[int], flow: list[Flow], triggers_in: list[int], after_choice: int,
          acyclic: bool) -> list[int]:
    """What conditions reachable from each node can still see, as ``Bits`` sets.

    A fixpoint (the graph may have cycles): a node's live set is its own reads, those of
    its ``auto`` and ``next`` targets and, across a choice, what the choice doesn't
    overwrite of what its target and the triggers read. One int per set makes union and
    minus one operation each; visiting successors first settles a DAG in one pass.
    """
    live = [0] * (len(flow) + 1)  # the last: every ending (nothing live)
    while True:
        changed = False
        triggered = 0
        for t in triggers_in:
            triggered |= live[t]
        after = after_choice | triggered
        for k in order:
            new, plain, keeps = flow[k]
            if triggered:
                new |= triggered
            for m in plain:
                new |= live[m]
            for m, keep in keeps:
                new |= (after | live[m]) & keep
            if live[k] != new:
                live[k] = new
                changed = True
        if acyclic or not changed:
            return live


def present(order: list[int], ahead: list[list[tuple[int, int]]], start: int, initial: int,
            arrive: list[int], acyclic: bool) -> list[int]:
    """What may already be set on arriving at each node, as ``Bits`` sets (flags, earlier
    choices, visited nodes): the names set on some way there.

    Liveness alone keeps a promise flag live from the very start of a long meeting when
    one agenda item near the end reads it, and the plans would then carry thousands of
    names per node (quadratic in the meeting's length). A name that can't have been set
    yet is absent from every snapshot there, so cutting the live set down to what may be
    present changes no key. ``ahead[k]`` lists (target, names set on the way); ``arrive``
    what arriving at a node sets (its own visit); ``order`` has successors first, so its
    reverse settles a DAG in one pass. An over-estimate (an unreachable node's names, a
    flag cleared again) only keeps more, which is always sound.
    """
    may = [0] * (len(ahead) + 1)  # the last: every ending
    if start < len(ahead):
        may[start] = initial | arrive[start]
    while True:
        changed = False
        for k in reversed(order):
            here = may[k]
            for m, adds in ahead[k]:
                new = may[m] | here | adds | arrive[m]
                if new != may[m]:
                    may[m] = new
                    changed = True
        if acyclic or not changed:
            return may


class Live(NamedTuple):
    """What conditions reachable from a node can still see."""

    slots: frozenset[int]
    flags: frozenset[str]
    prep: frozenset[str]
    chosen: frozenset[str]
    visited: frozenset[str]


class Bits:
    """One bit per mood slot and per name a condition reads, so that a live set is one int.

    The fixpoint then unions and subtracts whole sets in one operation each. The frozen
    sets the plans need are made once per distinct set, each from the last one made where
    they differ by a few names: along a long meeting the live flags grow one promise at a
    time, and a copy in C beats rebuilding thousands of names in Python.
    """

    def __init__(self, n_slots: int):
        self.slots = (1 << n_slots) - 1
        self.names: list = list(range(n_slots))  # bit -> slot index or name
        self._bit: list[dict[str, int]] = [{}, {}, {}, {}, {}]  # per Live field (slots unused)
        self._field = [self.slots, 0, 0, 0, 0]  # per Live field, the bits it owns
        self._sets: list[dict[int, frozenset]] = [{0: _EMPTY} for _ in range(5)]
        self._last: list[tuple[int, frozenset]] = [(0, _EMPTY)] * 5

    def of(self, r: "Reads") -> int:
        """The live set of what ``r`` reads (names seen first get new bits)."""
        m = 0
        for i in r.slots:
            m |= 1 << i
        for f, names in ((1, r.flags), (2, r.prep), (3, r.chosen), (4, r.visited)):
            bit = self._bit[f]
            for name in names:
                b = bit.get(name)
                if b is None:
                    b = bit[name] = 1 << len(self.names)
                    self.names.append(name)
                    self._field[f] |= b
                m |= b
        return m

    def named(self, field: int) -> int:
        """Every bit of one field (1 flags, 2 prep, 3 chosen, 4 visited)."""
        return self._field[field]

    def known(self, field: int, names) -> int:
        """The bits of those ``names`` that some condition reads (the others are never live)."""
        bit = self._bit[field]
        m = 0
        for name in names:
            m |= bit.get(name, 0)
        return m

    def live(self, m: int) -> "Live":
        """The live set ``m`` as frozen sets of slots and names."""
        field, get = self._field, self._set
        return Live(*[get(f, m & field[f]) if m & field[f] else _EMPTY for f in range(5)])

    def _set(self, f: int, m: int) -> frozenset:
        """Field ``f`` of live set ``m`` as a frozen set, one object per distinct value."""
        fs = self._sets[f].get(m)
        if fs is None:
            last, last_fs = self._last[f]
            diff = m ^ last
            if diff.bit_count() <= 16:
                fs = last_fs
                if diff & last:
                    fs = fs - frozenset(self._names(diff & last))
                if diff & m:
                    fs = fs | frozenset(self._names(diff & m))
            else:
                fs = frozenset(self._names(m))
            self._sets[f][m] = fs
        self._last[f] = (m, fs)
        return fs

    def _names(self, m: int) -> list:
        if m.bit_count() <= 16:
            out = []
            while m:
                low = m & -m
                out.append(self.names[low.bit_length() - 1])
                m ^= low
            return out
        names = self.names
        return [names[i] for i, c in enumerate(reversed(bin(m)[2:])) if c == "1"]
