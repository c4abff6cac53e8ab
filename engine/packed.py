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
