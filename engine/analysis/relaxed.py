"""Bounds that mostly ignore conditions: the most (and least) any play could still score.

The search for the best achievable total (``search``) needs, for any state, a number no
real continuation can beat, to skip branches that can't matter. Ignoring conditions
gives one: with all choices on offer and every trigger and ``auto`` free to fire or not,
the set of possible continuations only grows, so its best total is at least the real
best and its worst at most the real worst (admissible, as A* calls it).

The relaxed meeting is small: a place is a position, the triggers already fired, the
interruptions running, and the few flags, visits and earlier choices that guard a way
back in the dialogue ("ask again, once": without them every such loop would seem to gain
points forever) or that an ``auto`` reads to route the meeting (the one read most often:
"you promised..." must not pay its repair scene to a playthrough that never promised).
What no condition can read any more from a place on (``liveness``) is forgotten there.
A time-out is a move of its own here too: right after it triggers may fire, as in the
live meeting, unless nothing can: where the meeting just looked for something to fire and
found nothing (a *calm* place, ``calm``), a time-out that moves no mood (at a provocation)
sets nothing off. Mood and every other flag are forgotten; a condition is only trusted when
the kept names decide it: certainly false, it is no way at all; certainly true, the first
``auto`` (or trigger) it guards is the only way on. Values are computed component by
component (strongly connected components in reverse topological order), one objective and
side at a time as questions ask for them, so a loop in the relaxed meeting is valued
exactly, and a loop that could still gain points forever makes its places unbounded (no
pruning there, never a wrong bound).

Forgetting mood entirely makes the bound loose exactly where trainers put their drama: a
resident who walks out at anger 10, gets up at 8, speaks up at trust 8. Each such trigger
offers its interruption's points to every relaxed playthrough, so the bound promises
points that only a meeting gone wrong can collect, and the search can prune little. So
for each mood that a trigger's condition needs (``anger >= 8``: this resident's anger, or
for ``max.anger >= 8`` the highest anger) a second relaxed meeting also follows a
*ceiling* of that mood: where it starts (the state's own value, plus what the time-outs
still allowed could add), raised by every move by the most it can raise it, never
lowered. A move, trigger or ``auto`` whose condition needs that mood above its ceiling
is not on offer there. Every real playthrough stays under the ceiling, so this is a
bound too, and a tighter one; the search takes the least of them. A place is valued for
every height of a ceiling at once (``ceilinggraph``): the same edges leave it at each.

Forgetting the preparation makes it loose after a wrong answer: the options a right answer
unlocks (``when: prep.mandaat``) stay on offer, so every evening seems worth what the best
one is, and valuing an evening gone wrong from the start is the hardest thing the debrief
asks. A *prepared* relaxed meeting also keeps the answers conditions read; it is a copy of
the meeting per combination of them, so ``search`` only turns to it once a question
shows that the plain bounds are far from the truth (``relaxed_of``).
"""

from __future__ import annotations

from typing import Callable, Hashable, Iterator, Optional

from ..play.rules import OBJECTIVES, OVERALL, TIMEOUT_MOVE, ZERO, Ops, Rules, Vector
from ..play.state import State
from ..scenario.conditions import Condition
from ..scenario.model import RETURN
from .calm import Calm
from .ceilinggraph import CeilingGraph
from .ceilings import UNKNOWN, Ceiling, ceilings, requirement, rise_of
from .keptnames import loop_guards, preparation_names, routing_names, truth
from .lazygraph import LazyGraph
from .liveness import liveness_of
from .tunnels import TUNNEL, Tunnels

# (phase, position, fired, stack, kept); phase: rest | calm | paused | timeout | after | quiet | arrive
Place = tuple[Hashable, ...]
# The phases where the meeting waits for the trainee. ``calm``: at rest at a provocation (or a line
# going on to one), and no group reaction or trigger not yet fired and no ``auto`` here holds. A
# time-out at a provocation moves no mood, so from calm it only pauses: nothing can fire after it.
# A place is calm when the meeting just looked for what fires and found nothing (``quiet``: after
# a choice, or a line that only goes on), or a real state on which all those conditions are false.
AT_REST = ("rest", "calm", "paused")
_WIDTH = len(OBJECTIVES)
Values = tuple[float, ...]
_NONE: frozenset = frozenset()
Edge = tuple[Vector, Place, Optional[Condition], Ops, bool]  # weights, where to, condition, mood effects, time-out


class Relaxed:
    """Best and worst totals per objective from every relaxed place, with and without ceilings."""

    def __init__(self, rules: Rules, prepared: bool = False, tunnels: bool = True, follow: bool = True):
        self.rules = rules
        # "flag:x", "visited:n", "chose:n.c" kept exactly: what guards a way back, and what routes;
        # ``prepared``: "prep:q" too, the preparation answers a condition reads (see ``relaxed_of``).
        self.kept = loop_guards(rules.scenario) | routing_names(rules.scenario)
        if prepared:
            self.kept |= preparation_names(rules.scenario)
        self._liveness = liveness_of(rules)
        self._live: dict[str, frozenset[str]] = {}
        self.limit = rules.scenario.timeout.limit
        self.interrupt: Optional[Callable[[], None]] = None  # called now and then while valuing; may raise
        self.followed = ceilings(rules)  # the moods the tight bounds follow
        self.ceilings = self.followed if follow else []  # ``follow`` False: none (``lightbounds``)
        # The plain meeting steps over interruptions (``tunnels``; ``tunnels=False`` only to check that),
        # unless there are ceilings: they copy every interruption per way back and ask the plain meeting
        # about each copy, so a summary would only come on top.
        self._tunnels = Tunnels(self._edges, self._settle, self._tick) if tunnels and not self.ceilings else None
        self._plain = LazyGraph(self._tunnels.edges if self._tunnels else self._edges, None, self._tick, OVERALL)
        self._needs: list[dict[str, object]] = [{} for _ in self.ceilings]
        self._rises: list[dict[Ops, int]] = [{} for _ in self.ceilings]
        self._graphs = [self._ceiling_graph(c) for c in self.ceilings]
        self._heights = [(c.slots, c.sign, c.cap, c.per_timeout) for c in self.ceilings]  # what ``_tops`` reads
        self._checks: dict[str, tuple[tuple[int, str, str], ...]] = {}  # position -> what ``place`` looks up
        self._bounds: dict[tuple, float] = {}
        self._holding: dict[tuple, tuple] = {}
        self._settled: dict[Place, tuple[tuple[Place, frozenset], ...]] = {}
        self._expanded: dict[Place, list] = {}  # place -> its edges to the next places at rest
        self._resumes: dict[str, str] = {}
        self._stacks: dict[tuple, tuple] = {}
        self.calm = Calm(rules)
        self.calm_because = self.calm.because  # (what ``search`` narrows a pruned move's region by)

    def _tick(self) -> None:
        if self.interrupt is not None:
            self.interrupt()

    def place(self, s: State) -> Place:
        checks = self._checks.get(s[0])
        if checks is None:
            checks = self._checks[s[0]] = self._checks_at(s[0])
        names = frozenset([name for i, key, name in checks if key in s[i]]) if checks else _NONE
        fired = frozenset(k for k in s[6] if k >= 0) if s[6] else s[6]  # triggers only: reactions move mood
        stack = s[8]
        if stack:
            found = self._stacks.get(stack)
            if found is None:
                found = self._stacks[stack] = tuple(self._resume(q) for q in stack)
            stack = found
        phase = "paused" if s[10] else "rest" if self.calm_because(s) is None else "calm"
        return (phase, s[0], fired, stack, names)

    def _checks_at(self, position: str) -> tuple[tuple[int, str, str], ...]:
        """The kept names live at ``position``, each as (where in a state it is looked up, the
        key looked up, the name)."""
        where = {"flag": 2, "prep": 3, "chose": 4, "visited": 5}
        return tuple((where[x.split(":", 1)[0]], x.split(":", 1)[1], x) for x in sorted(self._live_names(position)))

    def _resume(self, position: str) -> str:
        """Where an interruption begun at ``position`` really picks up again: past the lines
        that only go on (no choices, no ``auto``, no visit a condition reads), which score
        nothing and decide nothing. An interruption begun right after a choice comes back to
        the choice's reaction line; each option has its own, and all of them lead to the same
        next decision: told apart, they multiplied the relaxed meeting by the options of every
        decision an interruption can begin after."""
        found = self._resumes.get(position)
        if found is None:
            found, seen = position, {position}
            nodes = self.rules.scenario.nodes
            while True:
                node = nodes.get(found)
                if node is None or node.choices or node.auto or node.next is None or node.next == RETURN \
                        or f"visited:{found}" in self.kept or node.next in seen:
                    break
                found = node.next
                seen.add(found)
            self._resumes[position] = found
        return found

    def _live_names(self, position: str) -> frozenset[str]:
        """The kept names some condition may still read from a decision (or ending) at
        ``position`` on (``liveness``): the others are forgotten there, so two places that
        differ only in a flag nobody reads any more are one."""
        found = self._live.get(position)
        if found is None:
            live = self._liveness.live.get(position, ())
            found = self._live[position] = frozenset(x for x in self.kept if x in live)
        return found

    @property
    def places(self) -> int:
        """Nodes worked out so far, over the relaxed meeting (a node per place) and its ceilings
        (a node per place and height): what these bounds are worth to a search."""
        return len(self._plain) + sum(map(len, self._graphs)) + (self._tunnels.nodes if self._tunnels else 0)

    def followed_estimate(self) -> int:
        """For bounds without ceilings (``follow`` False) and with the places they valued so far:
        about how many (place, height) nodes the bounds that follow ceilings would build for the
        same questions. Each ceiling copies every interruption per way back, at every height."""
        if self._tunnels is None:
            return 0
        return self._tunnels.copied(self._plain.places()) * len(self.followed)

    def bound(self, s: State, k: int, worst: bool = False) -> float:
        """An upper bound of the best total on objective ``k`` from ``s`` (``worst``: a lower
        bound of the worst). Each objective and side is valued on its own, as asked: nearly
        every question is about the overall total, and valuing all of them at every place
        cost ten times as much."""
        p = self.place(s)
        tops = self._tops(s) if self.ceilings else ()
        key = (p, tops, k, worst)
        found = self._bounds.get(key)
        if found is None:
            found = self._plain.value(p, k, worst)
            for graph, c, top in zip(self._graphs, self.ceilings, tops):
                if c.holds_back(top, p[2]):
                    v = graph.value((p, top), k, worst)
                    found = max(found, v) if worst else min(found, v)
            self._bounds[key] = found
            if len(self._bounds) > 500_000:
                self._bounds.clear()
        return found

    def bounds(self, s: State) -> tuple[Values, Values]:
        """(upper bounds of the best, lower bounds of the worst), every objective, from ``s``."""
        return (tuple(self.bound(s, k) for k in range(_WIDTH)),
                tuple(self.bound(s, k, True) for k in range(_WIDTH)))

    def _tops(self, s: State) -> tuple[int, ...]:
        """Per ceiling, the most its mood can reach from ``s``: where it is now, plus what the
        time-outs still allowed could add."""
        mood, left = s[1], max(0, self.limit - s[9])
        return tuple(min(cap, (sign * mood[slots[0]] if len(slots) == 1 else max([sign * mood[i] for i in slots]))
                         + left * per) for slots, sign, cap, per in self._heights)

    def holding(self, s: State, k: int, worst: bool) -> tuple[tuple[tuple[int, ...], int, int], ...]:
        """The ceilings that lowered ``bound(s, k, worst)``, as (slots, sign, value): the bound
        holds for every mood where ``sign`` times each of those slots is at most ``value`` (a
        lower mood only lowers a ceiling, and so the bound)."""
        if not self.ceilings:
            return ()
        p = self.place(s)
        mood, left = s[1], max(0, self.limit - s[9])
        highs = tuple(max([c.sign * mood[i] for i in c.slots]) for c in self.ceilings)
        key = (p, highs, left, k, worst)
        found = self._holding.get(key)
        if found is None:
            plain = self._plain.value(p, k, worst)
            out = []
            for graph, c, high in zip(self._graphs, self.ceilings, highs):
                top = min(c.cap, high + left * c.per_timeout)
                if c.holds_back(top, p[2]):
                    v = graph.value((p, top), k, worst)
                    if (v > plain) if worst else (v < plain):
                        out.append((c.slots, c.sign, high))
            found = self._holding[key] = tuple(out)
            if len(self._holding) > 500_000:
                self._holding.clear()
        return found

    # -- the relaxed meeting -------------------------------------------------------------
    def _possible(self, cond: Condition | None, names: frozenset) -> bool:
        """False only when ``cond`` is certainly false from the kept names alone."""
        return cond is None or self._certain(cond, names) is not False

    def _certain(self, cond: Condition, names: frozenset) -> Optional[bool]:
        """True or False when the kept names alone decide ``cond``; None when they don't."""
        return truth(cond.expr, self.kept, names) if self.kept else None

    def _after_move(self, move, names: frozenset) -> frozenset:
        c = move.source
        if not self.kept or c is None:
            return names
        out = set(names)
        for f in getattr(c, "set_flags", ()):
            out.add(f"flag:{f}")
        for f in getattr(c, "clear_flags", ()):
            out.discard(f"flag:{f}")
        if hasattr(c, "key"):
            out.add(f"chose:{c.key}")
        if getattr(c, "correct", False):  # a right preparation answer
            out.add(f"prep:{c.question_id}")
        return frozenset(out & self.kept)

    def _edges(self, p: Place) -> list[tuple[Vector, Place]]:
        return list(dict.fromkeys((w, q) for w, q, _, _, _, _ in self._all_edges(p)))

    def _all_edges(self, p: Place) -> Iterator[tuple[Vector, Place, Optional[Condition], Ops, bool, frozenset]]:
        """The edges from a place where the meeting rests (a decision, paused or not, or an
        ending) to the next such places, through what happens in between (triggers, autos,
        showing a line), with the conditions met on the way."""
        found = self._expanded.get(p)
        if found is None:
            found = self._expanded[p] = [(w, rest, cond, ops, timeout, conds)
                                         for w, q, cond, ops, timeout in self._step_edges(p)
                                         for rest, conds in self._settle(q)]
        return iter(found)

    def _settle(self, q: Place) -> tuple[tuple[Place, frozenset], ...]:
        """Where ``q`` comes to rest, each with the conditions of the triggers and autos on the way."""
        found = self._settled.get(q)
        if found is None:
            out: set[tuple[Place, frozenset]] = set()
            todo: list[tuple[Place, frozenset]] = [(q, frozenset())]
            seen: set[tuple[Place, frozenset]] = set()
            while todo:
                node, conds = todo.pop()
                if (node, conds) in seen:
                    continue
                seen.add((node, conds))
                if node[0] in AT_REST or node[1] == TUNNEL:  # (the way out of an interruption valued on its own)
                    out.add((node, conds))
                    continue
                for _, nxt, cond, _, _ in self._step_edges(node):  # in between: no weights, no effects
                    todo.append((nxt, conds | {cond} if cond is not None else conds))
            found = self._settled[q] = tuple(out)
        return found

    def _step_edges(self, p: Place) -> Iterator[Edge]:
        phase, position, fired, stack, names = p
        rules = self.rules
        s = rules.scenario
        if phase in AT_REST:
            for m in rules.table.get(position, ()):
                if m.kind == "choose" and not self._possible(m.when, names):
                    continue
                after_names = self._after_move(m, names)
                if m.kind == "answer":  # a preparation answer may set a flag the meeting reads
                    nxt = m.dest
                    if nxt.startswith("prep:"):
                        yield m.vector, ("rest", nxt, fired, stack, after_names & self._live_names(nxt)), None, (), \
                            False
                    else:
                        yield m.vector, ("arrive", nxt, fired, stack, after_names), None, (), False
                    continue
                # A line that only goes on changes nothing: from a calm line the meeting arrives quiet.
                after = "after" if m.kind == "choose" else "quiet" if phase == "calm" else "arrive"
                for dest, rest in self._go(m.dest, stack):
                    yield m.vector, (after, dest, fired, rest, after_names), m.when, m.ops, False
            timeout = rules.timeouts.get(position)
            if timeout is None or phase == "paused":
                return
            if phase == "calm":  # a time-out that moves no mood, where nothing held: it only pauses
                if timeout.vector != ZERO:
                    yield timeout.vector, ("paused", position, fired, stack, names), None, (), True
            elif timeout.vector != ZERO or rules.triggers or rules.autos.get(position):
                yield timeout.vector, ("timeout", position, fired, stack, names), None, timeout.ops, True
            return
        if position in rules.endings:
            yield ZERO, ("rest", position, fired, stack, frozenset()), None, (), False
            return
        # The first trigger (then ``auto``) whose condition holds takes the meeting on: one the
        # kept names make certain leaves no way past it; one they rule out is no way at all.
        if phase in ("after", "timeout"):
            for t in rules.triggers:
                trig = s.triggers[t.trigger]
                if t.trigger in fired:
                    continue
                certain = self._certain(trig.when, names)
                if certain is not False:
                    pushed = stack + (self._resume(position),) if trig.interrupts else stack
                    for dest, rest in self._go(t.dest, pushed):
                        yield ZERO, ("arrive", dest, fired | {t.trigger}, rest, names), t.when, (), False
                    if certain:
                        return
            if phase == "after":  # no trigger fired: every one was found false here
                yield ZERO, ("quiet", position, fired, stack, names), None, (), False
                return
        node = s.nodes.get(position)
        for a, auto in zip(rules.autos.get(position, ()), node.auto if node is not None else ()):
            certain = self._certain(auto.when, names)
            if certain is not False:  # an auto may fire, or the meeting rests here
                for dest, rest in self._go(a.dest, stack):
                    yield ZERO, ("arrive", dest, fired, rest, names), a.when, (), False
                if certain:
                    return
        if phase == "timeout":  # nothing moved the meeting: back to the same decision, paused
            yield ZERO, ("paused", position, fired, stack, names & self._live_names(position)), None, (), False
            return
        shown = f"visited:{position}"
        if shown in self.kept:
            names = names | {shown}
        # Group reactions, triggers and this line's autos were all found false on the mood and names
        # the meeting rests with, unless showing the line changed some (a visit, who is present).
        calm = phase == "quiet" and rules.shows.get(position) is None and self.calm.at(position) is not None
        rest = "calm" if calm else "rest"
        yield ZERO, (rest, position, fired, stack, names & self._live_names(position)), None, (), False

    def _ceiling_graph(self, c: Ceiling) -> CeilingGraph:
        minimum = [v.minimum for v in self.rules.variables]
        maximum = [v.maximum for v in self.rules.variables]
        base = min(minimum[i] if c.sign > 0 else -maximum[i] for i in c.slots)  # the lowest height a state gives
        return CeilingGraph(base, c.cap, self._ceiling_edges(c), lambda p: c.triggers <= p[2], self._plain,
                            self._tick, OVERALL)

    def _ceiling_edges(self, c: Ceiling) -> Callable[[Place], list[tuple[Vector, Place, int, int]]]:
        """A place's edges under ceiling ``c``: (weights, next place, least height at which the
        edge is on offer, how much it raises the height)."""
        index = self.ceilings.index(c)
        needs, rises = self._needs[index], self._rises[index]
        never = c.cap  # a height the ceiling holds nothing back at: the edge is never on offer below it
        lowest = -(1 << 30)

        def needed(cond: Condition) -> Optional[int]:
            need = needs.get(cond.source, UNKNOWN)
            if need is UNKNOWN:
                need = needs[cond.source] = requirement(cond.expr, c, self.rules)
            return need  # type: ignore[return-value]

        def edges(p: Place) -> list[tuple[Vector, Place, int, int]]:
            out = []
            for w, q, cond, ops, timeout, conds in self._all_edges(p):
                need = needed(cond) if cond is not None else None
                least = lowest if need is None else need  # the move's own condition, before it moves the mood
                rise = 0
                if ops and not timeout:  # time-outs were counted in where the ceiling starts
                    rise = rises.get(ops)
                    if rise is None:
                        rise = rises[ops] = rise_of(ops, c)
                for x in conds:  # a trigger or auto on the way, after the move raised the height
                    n = needed(x)
                    if n is not None:
                        least = never if n > c.cap else max(least, n - rise)
                        if least >= never:
                            break
                out.append((w, q, least, rise))
            return out
        return edges

    def _go(self, dest: str, stack: tuple) -> list[tuple[str, tuple]]:
        if dest == RETURN:
            return [(stack[-1], stack[:-1])] if stack else []
        return [(dest, stack)]


def relaxed_of(rules: Rules, prepared: bool = False, follow: bool = True) -> Relaxed:
    """The scenario's relaxed meeting, kept on its rules. ``prepared``: the one that also keeps
    the preparation answers conditions read, so an option a right answer unlocks is no way
    after a wrong one. Its bounds are much tighter after a wrong answer (the evening the
    search finds hardest to value: the bound promises every unlocked option) but it is a copy
    of the meeting per combination of answers; ``search`` turns to it once one of its
    questions runs long (``Solver._bound_better``)."""
    cached = relaxed_built(rules, prepared, follow)
    if cached is None:
        cached = rules.__dict__[_key(prepared, follow)] = Relaxed(rules, prepared, follow=follow)
    return cached


def relaxed_built(rules: Rules, prepared: bool = False, follow: bool = True) -> Optional[Relaxed]:
    """``relaxed_of`` if it was asked for already, else None (nothing is built)."""
    return rules.__dict__.get(_key(prepared, follow))


def _key(prepared: bool, follow: bool) -> str:
    return ("_relaxed_prepared" if prepared else "_relaxed") + ("" if follow else "_unfollowed")


__all__ = ["Relaxed", "relaxed_of", "relaxed_built", "Ceiling", "ceilings", "TIMEOUT_MOVE"]
