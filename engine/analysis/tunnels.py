"""Interruptions valued once, not once per place they can return to.

An interruption that returns (``interrupts: true``, ink's tunnels) runs its own lines and then
takes the meeting back to where it began. In the relaxed meeting (``relaxed``) a place inside
it therefore carries the way back (its ``stack``) and every name the places it can return to
still read: the same few lines become a copy per way back and per combination of those names.
On a trainer's evening with a hub and two interruptions that can begin almost anywhere, that
was nine places in ten of the whole relaxed meeting, and building it cost more than the
search it served.

So, as a compiler summarises a procedure once for all its callers, the plain relaxed meeting
can step over an interruption: its lines are valued on their own, with a stand-in
(``TUNNEL``) for the way back, into a *summary*: per way out (what it leaves fired and set as
it says ``return``, or the meeting ending inside it), the best and the worst its lines add on
each objective. Where the meeting begins the interruption it goes to a *junction* (the
interruption begun, and the way back), whose edges lead to where each way out takes the
meeting, as the return would have. The values are exactly those of the relaxed meeting with
the interruption in it (the lines of an interruption never read where it will return to), so
the bounds are neither looser nor tighter; only cheaper.

A summary costs a pass over the interruption's lines per way out; the overall total, what
nearly every bound asks, is valued at once, the other objectives only when a question about
one of them comes (``Gain``).
The ceilings (``ceilinggraph``) follow the moods a move may raise on the way and keep their
own copies, asking the plain meeting about each: where there are ceilings, ``relaxed`` copies
the interruptions in the plain meeting too (a summary would only come on top).
"""

from __future__ import annotations

from typing import Callable, Hashable, Iterable, Iterator, Optional

from ..play.rules import OBJECTIVES, OVERALL, ZERO, Vector
from .lazygraph import ALL, INF, LazyGraph

Place = tuple[Hashable, ...]  # as ``relaxed`` has them: (phase, position, fired, stack, kept names)
TUNNEL = "\x00return"  # the way back while an interruption is valued on its own (no node id can be this)
JUNCTION = "\x00junction"  # (JUNCTION, the place the interruption began in, the way back below it)
END: Place = ("rest", "\x00end", frozenset(), (), frozenset())  # a meeting that ended inside an interruption
_WIDTH = len(OBJECTIVES)


class Way:
    """One way out of an interruption begun at ``entry``: its lines valued up to there."""

    __slots__ = ("graph", "entry", "_overall", "_every")

    def __init__(self, graph: LazyGraph, entry: Place):
        self.graph, self.entry = graph, entry
        self._overall: dict[bool, float] = {}
        self._every: dict[bool, tuple[float, ...]] = {}

    def overall(self, worst: bool) -> float:
        found = self._overall.get(worst)
        if found is None:
            found = self._overall[worst] = self.graph.value(self.entry, OVERALL, worst)
        return found

    def every(self, worst: bool) -> tuple[float, ...]:
        found = self._every.get(worst)
        if found is None:
            values = list(self.graph.values(self.entry, ALL, worst))
            values[OVERALL] = self.overall(worst)
            found = self._every[worst] = tuple(values)
        return found


class Gain:
    """The weights of a junction's edge: the best (``worst``: the worst) a way through the
    interruption adds, per objective, worked out as they are read (a ``Vector`` to ``lazygraph``)."""

    __slots__ = ("way", "worst")

    def __init__(self, way: Way, worst: bool):
        self.way, self.worst = way, worst

    def __getitem__(self, k: int) -> float:
        return self.way.overall(self.worst) if k == OVERALL else self.way.every(self.worst)[k]

    def __iter__(self) -> Iterator[float]:
        return iter(self.way.every(self.worst))

    def __len__(self) -> int:
        return _WIDTH


class Tunnels:
    """The plain relaxed meeting's edges, stepping over every interruption that returns.

    ``raw(p)``: a place's edges as the meeting has them (weights, next place at rest);
    ``settle(q)``: where a place in between comes to rest (with the conditions met, unused
    here); both from ``Relaxed``, whose ``_settle`` stops at ``TUNNEL``."""

    def __init__(self, raw: Callable[[Place], Iterable[tuple[Vector, Place]]],
                 settle: Callable[[Place], Iterable[tuple[Place, frozenset]]], tick: Optional[Callable[[], None]]):
        self._raw = raw
        self._settle = settle
        self._tick = tick
        self._edges: dict[Place, list] = {}
        self._ways: dict[Place, list[tuple[Place, Way]]] = {}  # per interruption begun (way back: TUNNEL)

    @property
    def nodes(self) -> int:
        """Places the summaries worked out: what building them has cost."""
        return sum(len(way.graph) for ways in self._ways.values() for _, way in ways)

    def copied(self, places: Iterable[Hashable]) -> int:
        """How many places a meeting that copies every interruption per way back would have had
        for these (the plain meeting's, junctions included): each junction a copy of its lines."""
        body = {entry: max((len(way.graph) for _, way in ways), default=0) for entry, ways in self._ways.items()}
        out = 0
        for p in places:
            if p[0] == JUNCTION:  # type: ignore[index]
                entry = p[1]  # type: ignore[index]
                out += body.get((entry[0], entry[1], entry[2], (TUNNEL,), entry[4]), 0)
            else:
                out += 1
        return out

    def edges(self, p: Hashable) -> list:
        found = self._edges.get(p)
        if found is None:
            if p[0] == JUNCTION:  # type: ignore[index]
                found = self._junction(p)  # type: ignore[arg-type]
            else:
                stack = p[3]  # type: ignore[index]
                found = [(w, (JUNCTION, q, stack)) if _begins(q, stack) else (w, q)
                         for w, q in self._raw(p)]  # type: ignore[arg-type]
            found = self._edges[p] = list(dict.fromkeys(found))
        return found

    def _junction(self, junction: tuple) -> list:
        """From an interruption begun (``entry``, with the way back below it, ``stack``) to where
        each of its ways out takes the meeting: the best and the worst it adds, each as an edge
        (an objective reads only its own weight, so the best edge decides a best and the worst
        edge a worst). Where the return sets off another interruption, on to its junction."""
        _, entry, stack = junction
        back = entry[3][-1]
        out: list = []
        for way_out, way in self._summary((entry[0], entry[1], entry[2], (TUNNEL,), entry[4])):
            if way_out is END:
                places = [END]
            else:
                phase, _, fired, _, names = way_out
                places = [rest for rest, _ in self._settle((phase, back, fired, stack, names))]
            for q in places:
                q = (JUNCTION, q, stack) if _begins(q, stack) else q
                out += [(Gain(way, False), q), (Gain(way, True), q)]
        return out

    def _summary(self, entry: Place) -> list[tuple[Place, Way]]:
        found = self._ways.get(entry)
        if found is None:
            found = self._ways[entry] = [
                (way_out, Way(LazyGraph(self._body_edges, _only(way_out), self._tick, OVERALL), entry))
                for way_out in self._ways_out(entry)]
        return found

    def _ways_out(self, entry: Place) -> list[Place]:
        seen, todo, out = {entry}, [entry], []
        while todo:
            for _, q in self._body_edges(todo.pop()):
                if q in seen:
                    continue
                seen.add(q)
                if q is END or q[1] == TUNNEL:
                    out.append(q)
                else:
                    todo.append(q)
        return out

    def _body_edges(self, p: Hashable) -> list:
        """Inside an interruption: the same edges, and a place with none (an ending, a dead end)
        ends the meeting there."""
        return self.edges(p) or [(ZERO, END)]


def _begins(q: Place, stack: tuple) -> bool:
    """Whether the meeting arriving at ``q`` from a place with ``stack`` began an interruption."""
    inner = q[3]
    return len(inner) == len(stack) + 1 and inner[:len(stack)] == stack


def _only(way_out: Place) -> Callable[[Hashable, object, bool], object]:
    """The value of reaching a way out, for the summary of ``way_out``: nothing added there, and
    every other way out is no way at all."""
    def at(q: Hashable, k: object, worst: bool) -> object:
        if q is not END and (q[0] == JUNCTION or q[1] != TUNNEL):  # type: ignore[index]
            return None
        v = 0.0 if q == way_out else (INF if worst else -INF)
        return (v,) * _WIDTH if k is ALL else v
    return at


__all__ = ["Tunnels", "TUNNEL", "JUNCTION", "END", "Gain", "Way"]
