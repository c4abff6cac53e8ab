"""Score vectors packed into one int, for the analyser's best/worst tables.

Working out the best and worst totals of every state adds a move's weights to the next
state's totals on every edge and takes the per-dimension maximum (minimum) over a state's
moves. On tuples that is one Python-level ``max`` call per dimension and move: most of the
time a long meeting's values took. Packed as one int with a 32-bit field per objective
(each stored as value + ``OFFSET``, so every field stays positive), an addition is one int
addition and a per-field maximum a handful of whole-int operations (the classic
"SIMD within a register" select), whatever the number of objectives.

Exact as long as every total stays within ``±LIMIT``; ``fits`` says whether a graph's
totals can't leave it (they can't unless a path makes tens of millions of moves).
"""

from __future__ import annotations

import struct
from operator import sub
from typing import Iterable

WIDTH = 32
OFFSET = 1 << (WIDTH - 2)  # a total t is stored as t + OFFSET, in [0, 2^(WIDTH-1))
LIMIT = OFFSET - 1
FIELD = (1 << WIDTH) - 1


class Packing:
    """Packing for vectors of ``n`` objectives."""

    def __init__(self, n: int):
        self.n = n
        self.guards = sum(1 << (WIDTH * i + WIDTH - 1) for i in range(n))  # the top bit of every field
        self.zero = sum(OFFSET << (WIDTH * i) for i in range(n))  # the all-zero vector
        self._fields = struct.Struct(f"<{n}I")  # one C call reads every field
        self._offsets = (OFFSET,) * n
        self.below_guard = sum(((1 << (WIDTH - 1)) - 1) << (WIDTH * i) for i in range(n))
        self._by_id: dict[int, int] = {}

    def guard(self, k: int) -> int:
        """The top bit of field ``k``: how ``equal`` marks that field."""
        return 1 << (WIDTH * k + WIDTH - 1)

    def field(self, v: int, k: int) -> int:
        """Field ``k`` of ``v``, still offset (comparable with the same field of another total)."""
        return (v >> (WIDTH * k)) & FIELD

    def equal(self, a: int, b: int) -> int:
        """The guard bit of every field in which the totals ``a`` and ``b`` are equal.

        Fields of a total stay below their top bit, so in ``a ^ b`` a field is nonzero
        exactly when adding ``2^(WIDTH-1) - 1`` lifts it into its top bit, with no carry
        into the next field.
        """
        return self.guards & ~((a ^ b) + self.below_guard)

    def weights_of(self, w: tuple[int, ...]) -> int:
        """``weights(w)``, remembered per vector object: the graph's edges share a few
        weight tuples (one per distinct score), which stay alive as long as the graph."""
        p = self._by_id.get(id(w))
        if p is None:
            p = self._by_id[id(w)] = self.weights(w)
        return p

    def weights_by_id(self) -> dict[int, int]:
        """The packed weights ``weights_of`` has seen, by ``id`` of the vector (a plain dict
        for hot loops: every weight vector of a graph's edges is in it once its values are
        worked out)."""
        return self._by_id

    def weights(self, w: Iterable[int]) -> int:
        """A move's weights as an int to add to a packed total (no offset: it is a change)."""
        return sum(x << (WIDTH * i) for i, x in enumerate(w))

    def unpack(self, v: int) -> tuple[int, ...]:
        return tuple(map(sub, self._fields.unpack(v.to_bytes(self._fields.size, "little")), self._offsets))

    def max(self, a: int, b: int) -> int:
        """Per field, the larger of ``a`` and ``b``."""
        ge = ((a | self.guards) - b) & self.guards  # a field's top bit survives where a >= b
        mask = (ge >> (WIDTH - 1)) * FIELD  # ... and widens to the whole field
        return (a & mask) | (b & ~mask)

    def min(self, a: int, b: int) -> int:
        """Per field, the smaller of ``a`` and ``b``."""
        ge = ((a | self.guards) - b) & self.guards
        mask = (ge >> (WIDTH - 1)) * FIELD
        return (b & mask) | (a & ~mask)


def fits(moves: int, largest_step: int) -> bool:
    """Whether totals over at most ``moves`` moves of at most ``largest_step`` each stay exact."""
    return moves * largest_step <= LIMIT
