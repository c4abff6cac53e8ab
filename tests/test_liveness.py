"""Live sets are ints inside the analyser; the plans get them back as frozen sets, built
from the last set made when only a few names differ. Whatever order the sets come in
(growing, shrinking, jumping), each must hold exactly its own names."""

from __future__ import annotations

import random
from types import SimpleNamespace

from engine.analysis.liveness import Bits


def reads(slots=(), flags=(), prep=(), chosen=(), visited=()):
    return SimpleNamespace(slots=set(slots), flags=set(flags), prep=set(prep), chosen=set(chosen),
                           visited=set(visited))


def test_every_live_set_comes_back_with_exactly_its_names():
    bits = Bits(3)
    rng = random.Random(7)
    names = [f"belofte_{k}" for k in range(60)]
    wanted = []
    for _ in range(300):
        r = reads(slots=rng.sample(range(3), rng.randint(0, 3)), flags=rng.sample(names, rng.choice([0, 1, 5, 40])),
                  chosen=rng.sample(["a.x", "b.y"], rng.randint(0, 2)), visited=rng.sample(["n1"], rng.randint(0, 1)))
        wanted.append((bits.of(r), r))
    # A meeting's sets mostly grow by a name or two, then jump: both orders, then at random.
    grown = sorted(wanted, key=lambda w: len(w[1].flags))
    for m, r in grown + grown[::-1] + rng.sample(wanted, len(wanted)):
        live = bits.live(m)
        assert (live.slots, live.flags, live.prep, live.chosen, live.visited) == (
            r.slots, r.flags, r.prep, r.chosen, r.visited)


def test_names_nothing_reads_are_never_live():
    bits = Bits(2)
    m = bits.of(reads(slots=[1], flags=["kaders_genoemd"]))
    assert bits.known(1, {"kaders_genoemd", "nooit_gelezen"}) == bits.known(1, {"kaders_genoemd"}) != 0
    assert bits.known(3, [None]) == 0
    assert bits.live(m & ~bits.known(1, {"kaders_genoemd"})).flags == frozenset()
