"""The best and worst a trainee can still score from a concrete state.

The debrief's Q(c) = w(c) + V(next) at each decision of a played path, the ``--auto best``
and ``worst`` bots and "beste haalbaar" all ask one question: from *this* state, what is
the best (or worst) total on an objective (a dimension, or the overall sum) over the
playthroughs the rules allow? The answer is a depth-first search over real states that
skips a move when its condition-free bound (``relaxed``) can't beat what was already
found, trying moves best bound first, and that remembers what it valued not per state but
per *region*: the moods around a state for which every condition the search evaluated
keeps its answer (``regions``). Any later state at the same place with a mood in that
region has the same value, so a scenario with a million moods is valued in a few
thousand steps.

Most questions need less than the exact value: the debrief asks whether an option reaches
the best total, or stays above the weakest; a path asks whether a move still reaches its
total. Each search therefore gets a floor and a ceiling: below the floor it only proves
"at most", at the ceiling it stops with the playthrough that got there ("at least"), and
only in between does it find the exact value. ``memory`` keeps all three kinds.

Every value is exact: a move is only skipped when it provably can't matter, and a region
only covers moods on which the valued future is provably the same. When a question would
take more than its budget of states, the search stops and says so (``Value.exact``): the
total of a real playthrough it found, so a lower bound of the best ("minstens") — never a
number nobody can reach.

A meeting that can come back to the very same situation (a loop) is valued over the
playthroughs that don't repeat a situation: going round in circles gains a trainee
nothing. ``validate`` tells authors about loops that could farm points.
"""

from __future__ import annotations

import math
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import Callable, Iterator, Optional

from ..play.rules import CONTINUE, OVERALL, Move, Rules, rules_of
from ..play.state import State
from ..scenario.conditions import Condition
from ..scenario.model import Scenario
from .collector import collector_paused
from .keptnames import preparation_names
from .liveness import Key, liveness_of
from .memory import AT_LEAST, AT_MOST, EXACT, Remembered, recall
from .regions import Boxes, MoveNote, Preimages, Regions, carry_back
from .relaxed import Relaxed, relaxed_built, relaxed_of

DEFAULT_BUDGET = 400_000  # states one question may value before it settles for a bound
# The bounds that keep the preparation answers are built once one question about the overall
# total has valued this share of the plain bounds' (place, height) nodes, and at least PREPARE_MIN states
# (shorter questions take milliseconds: no bounds are worth building for them); ``_bound_better``.
PREPARE_AFTER, PREPARE_MIN = 0.25, 1_000


class BudgetExceeded(Exception):
    """A search valued more states than its budget allows."""


class SearchCancelled(Exception):
    """The caller no longer needs the answer (the window reloaded the scenario)."""

CANCEL_EVERY = 1024  # states valued between two looks at ``cancel``


@dataclass(frozen=True)
class Value:
    """A best (or worst) total; ``exact`` False: a total reached by a real playthrough the
    search found before its budget ran out, so the true best is at least this (the worst
    at most this)."""

    total: int
    exact: bool = True


class Solver:
    """Answers best/worst questions about one scenario, remembering what it valued."""

    def __init__(self, rules: Rules, budget: int = DEFAULT_BUDGET, follow: bool = True):
        self.rules = rules
        self.follow = follow  # bounds with ceilings (``lightbounds`` says when not)
        self.liveness = liveness_of(rules)
        minimum, maximum = [v.minimum for v in rules.variables], [v.maximum for v in rules.variables]
        self.regions = Regions(rules.slot_index, rules.slots, minimum, maximum)
        self.preimages = Preimages(minimum, maximum)
        self.boxes = Boxes(minimum, maximum)
        self._minimum, self._maximum = tuple(minimum), tuple(maximum)
        self._child_note = MoveNote(self.regions, rules.reaction_ops)
        self.budget = budget
        self.valued = 0  # states valued so far, over all questions
        self._limit = 0  # ``valued`` at which the running question gives up
        self._lock = threading.RLock()  # the window values in the background while the debrief may ask
        self._cancel: Optional[Callable[[], bool]] = None
        self._memo: dict[tuple[int, bool], dict[Key, dict]] = {}  # place -> (held, used, paused) -> entries
        # The debrief's valued decisions (``outlook``): (state, move made, provocation) -> its row.
        self.decisions: dict[tuple, tuple] = {}
        # Per question, each state a best (or worst) path went through -> its next step there.
        self._steps: dict[tuple[int, bool], dict[State, Optional[tuple[Move, State, int]]]] = {}
        self._prepared = False  # bounding the overall total with the preparation answers kept (``_bound_better``)
        self._preparable = bool(preparation_names(rules.scenario))
        self._question_start = 0  # ``valued`` when the running question began
        self._prepare_at = math.inf  # ``valued`` at which the running question looks again whether they pay
        # Questions whose budget ran out, with what they settled for: asked again with the same budget
        # (``path`` asks what ``value`` just did), the search would only run out the same way.
        self._gave_up: dict[tuple[State, int, bool, int], Value] = {}
        self.ran_out = 0  # questions ``value`` and ``beats`` could not settle in their budget

    @property
    def relaxed(self) -> Relaxed:
        """The condition-free bounds of the best overall total, built on first use."""
        return relaxed_of(self.rules, self._prepared, self.follow)

    @property
    def warm(self) -> bool:
        """Whether its bounds are built already (a question now costs only its search)."""
        found = relaxed_built(self.rules, follow=self.follow)
        return found is not None and found.places > 0

    def _relaxed_for(self, k: int, worst: bool) -> Relaxed:
        """The bounds a question about objective ``k`` uses: only the best overall total turns to
        the prepared ones. A dimension's questions (``analyze``'s extremes, each on a small budget)
        share the plain ones with every other dimension, and the worst is hardly helped by them
        (what a right answer unlocks is a good option, which the worst playthrough leaves alone):
        for both a second copy per preparation answer cost more than it saved."""
        return relaxed_of(self.rules, self._prepared and k == OVERALL and not worst, self.follow)

    def _bound_better(self) -> None:
        """Turn to the bounds that keep the preparation answers (``relaxed_of``) once one question
        about the overall total has valued ``PREPARE_AFTER`` of the plain bounds' nodes (``places``;
        or of its own budget, where that is smaller: a debrief's decision may value fewer states
        than the bounds of a five-resident evening have nodes): a question that long is one whose
        bounds are far from the truth, which is what a wrong answer does to them, and the
        prepared bounds cost about one plain meeting per combination of answers. Scenarios whose
        questions stay short never build them (a review that only adds up many short questions
        gains nothing from them at its end).
        A search may turn mid-question: each state is valued with one set of bounds throughout
        (``_search`` takes them once), and every set is admissible, so values stay exact; only
        how soon they are found changes."""
        plain = self.relaxed
        spent = self.valued - self._question_start
        allowed = self._limit - self._question_start  # a question with a small budget never gets that long
        price = max(PREPARE_MIN, int(PREPARE_AFTER * min(plain.places, allowed)))
        if spent <= price or not plain.places:  # (none yet: the first state's moves build them)
            self._prepare_at = self.valued + max(1, price - spent)  # the bounds grow as the question reaches further
            return
        self._prepared, self._prepare_at = True, math.inf
        self.relaxed.interrupt = plain.interrupt

    # -- the questions -------------------------------------------------------------------
    def value(self, s: State, objective: int = OVERALL, worst: bool = False) -> Value:
        """The best (or worst) total on ``objective`` from ``s`` to the end of the meeting."""
        with self._lock:
            asked = (s, objective, worst, self.budget)
            found = self._gave_up.get(asked)
            if found is not None:
                return found
            try:
                return Value(self._solve(s, objective, worst))
            except BudgetExceeded:
                self.ran_out += 1
                found = self._gave_up[asked] = Value(self._playout(s, objective, worst), exact=False)
                return found

    def beats(self, s: State, threshold: int, objective: int = OVERALL) -> Optional[bool]:
        """Whether the best total from ``s`` is above ``threshold`` (None: the budget ran out).
        Cheaper than ``value``: the search stops as soon as one playthrough gets above the
        threshold, and a branch as soon as it can't."""
        with self._lock:
            try:
                value, kind = self._ask(s, objective, 1, threshold, threshold + 1)
            except BudgetExceeded:
                self.ran_out += 1
                return None
            return kind != AT_MOST and value > threshold

    def bounded(self, s: State, floor: float, ceil: float, objective: int = OVERALL,
                budget: Optional[int] = None) -> tuple[int, int]:
        """The best total from ``s`` as far as a question needs it: (value, kind), the value
        EXACT when it lies between ``floor`` and ``ceil``, else AT_MOST the floor or AT_LEAST
        the ceiling (see ``memory``). Raises ``BudgetExceeded`` when the budget (the solver's,
        or a smaller one the caller can afford) runs out."""
        with self._lock:
            return self._ask(s, objective, 1, floor, ceil, budget)

    def beyond(self, s: State, known: int, objective: int = OVERALL, worst: bool = False,
               budget: Optional[int] = None) -> Optional[int]:
        """The best (``worst``: the worst) total on ``objective`` from ``s`` when it beats ``known``,
        a total some playthrough from ``s`` reaches; None when nothing does (so ``known`` is the
        answer). Far cheaper than ``value`` when ``known`` is good: every branch that can't beat
        it is cut. Raises ``BudgetExceeded`` when the budget (the solver's, or a smaller one the
        caller can afford) runs out."""
        sign = -1 if worst else 1
        with self._lock:
            value, kind = self._ask(s, objective, sign, sign * known, math.inf, budget)
        return None if kind == AT_MOST else sign * value

    def reachable(self, s: State, objective: int = OVERALL) -> int:
        """At once, a total some real playthrough from ``s`` reaches: a lower bound of the best."""
        with self._lock:
            return self._playout(s, objective, False)

    def reachable_path(self, s: State, objective: int = OVERALL, worst: bool = False) -> list[tuple[State, Move]]:
        """The moves of the playthrough ``reachable`` scores (``worst``: one low on ``objective``), found at once."""
        with self._lock:
            return self._playout_path(s, objective, worst)

    def warm_up(self, cancel: Optional[Callable[[], bool]] = None) -> None:
        """Value the start both ways, as a debrief will ask; ``cancel`` may stop it."""
        with self.interruptible(cancel):
            self._check_cancel()  # a job replaced before it began does nothing at all
            start = self.rules.initial()
            self.value(start)
            self.value(start, worst=True)

    @contextmanager
    def interruptible(self, cancel: Optional[Callable[[], bool]]) -> Iterator[None]:
        """Inside, every search looks at ``cancel`` now and then and raises ``SearchCancelled``
        when it says so (the window reloaded the scenario). Holds the solver meanwhile."""
        with self._lock:
            self._cancel = cancel
            relaxed = self.relaxed
            relaxed.interrupt = self._check_cancel  # the bounds take time to build too
            try:
                yield
            finally:
                self._cancel = None
                relaxed.interrupt = self.relaxed.interrupt = None  # the bounds may have changed meanwhile

    def _check_cancel(self) -> None:
        if self._cancel is not None and self._cancel():
            raise SearchCancelled()

    @collector_paused()
    def path(self, s: State, objective: int = OVERALL, worst: bool = False,
             promising_first: bool = False, known: Optional[int] = None,
             been: frozenset = frozenset()) -> list[tuple[State, Move]]:
        """The moves of a playthrough from ``s`` that reaches ``value(s)``: at each step the
        first move (as written) through which that total is still reachable. When the value
        is a bound (the budget ran out), the playthrough that found it.

        ``promising_first``: where several moves reach it, the one the plain bounds rate highest
        (ties as written). That is the move the search tries first, so whether it reaches the
        total is nearly always remembered, where "first as written" must first prove of every
        earlier move that it falls short: on long evenings most of what a debrief's breakdown
        of the best continuation per dimension cost. The bots and plans keep the first as written.

        ``known``: ``value(s)``, when the caller knows it exactly already (a debrief does, for
        each option it shows): a question with a narrower window may have found it, and asking
        for the value outright would search again for what is already known.

        ``been``: the situations (``Liveness.key``) the playthrough went through before ``s``; the
        path never comes back into one of them, nor into one of its own (a loop: what a trainee
        would score going round is counted once)."""
        if known is None:
            target = self.value(s, objective, worst)
            if not target.exact:
                return self._playout_path(s, objective, worst)
            known = target.total
        out: list[tuple[State, Move]] = []
        seen: set[Key] = set(been)
        key = self.liveness.key
        total = known
        sign = -1 if worst else 1
        steps = self._steps.setdefault((objective, worst, promising_first), {})
        while True:
            if key(s) in seen:
                return out
            seen.add(key(s))
            step = steps.get(s, _UNKNOWN)
            if step is _UNKNOWN or (step is not None and key(step[1]) in seen):
                # (a step another path took from here may lead back into this one: a loop)
                step = steps[s] = self._next_step(s, objective, sign, total, promising_first, frozenset(seen))
            if step is None and self.rules.moves(s):
                # Only round a loop could this playthrough still reach ``total`` (a value the search
                # found where it met the loop elsewhere first): the best it can without coming back.
                value, _ = self._ask(s, objective, sign, -math.inf, math.inf, been=frozenset(seen - {key(s)}))
                total = sign * value
                step = steps[s] = self._next_step(s, objective, sign, total, promising_first, frozenset(seen))
            if step is None:
                return out
            m, nxt, total = step
            out.append((s, m))
            s = nxt

    def next_move(self, s: State, objective: int = OVERALL, worst: bool = False,
                  been: frozenset = frozenset()) -> Optional[Move]:
        """The first move of ``path(s)``: what the best (or worst) bot plays; ``been``: the
        situations its playthrough went through before (see ``path``). A state a path asked
        before went through answers at once."""
        with self._lock:
            step = self._steps.get((objective, worst, False), {}).get(s)
            if step is not None and self.liveness.key(step[1]) not in been:
                return step[0]
            path = self.path(s, objective, worst, been=been)
            return path[0][1] if path else None

    def _next_step(self, s: State, k: int, sign: int, total: int, promising_first: bool = False,
                   been: frozenset = frozenset()) -> Optional[tuple[Move, State, int]]:
        """The first move (as written; ``promising_first``: see ``path``) from ``s`` through which
        ``total`` (the best from ``s``) is still reachable without coming back to a situation in
        ``been`` (the playthrough's so far, ``s`` included), where it leads and what the rest must
        score; None at the end."""
        worst = sign < 0
        # Which move is tried first must not depend on which bounds this solver turned to so far.
        bound = (relaxed_of(self.rules, False, self.follow) if promising_first else self._relaxed_for(k, worst)).bound

        key = self.liveness.key

        def candidates() -> Iterator[tuple[float, int, Move, State, int]]:
            for i, m in enumerate(self.rules.moves(s)):
                nxt = self.rules.step(s, m)
                if been and key(nxt) in been:  # round a loop: points a playthrough can't count
                    continue
                need = total - m.vector[k]  # the rest must still reach exactly this
                most = sign * bound(nxt, k, worst)  # what the rest could score at most (for the worst: least)
                if most >= sign * need:
                    yield -(sign * m.vector[k] + most), i, m, nxt, need
        # As written, each move is only stepped once the ones before it fell short.
        ordered = sorted(candidates(), key=itemgetter(0, 1)) if promising_first else candidates()
        for _, _, m, nxt, need in ordered:
            if self._reaches(nxt, k, sign, sign * need, been):
                return m, nxt, need
        return None  # the end, or (cannot happen for an exact value) nowhere: stop rather than guess

    def _reaches(self, s: State, k: int, sign: int, need: int, been: frozenset = frozenset()) -> bool:
        """Whether ``sign`` times the best total on ``k`` from ``s`` is at least ``need``, without
        coming back to a situation in ``been``."""
        with self._lock:
            try:
                value, kind = self._ask(s, k, sign, need - 1, need, been=been)
            except BudgetExceeded:
                return False
            return kind != AT_MOST and value >= need

    def _playout_path(self, s: State, k: int, worst: bool) -> list[tuple[State, Move]]:
        """A real playthrough from ``s`` that follows the bounds greedily."""
        rules, out, seen = self.rules, [], set()
        while True:
            moves = rules.moves(s)
            key = self.liveness.key(s)
            if not moves or key in seen:
                return out
            seen.add(key)
            scored = []
            for m in moves:
                nxt = rules.step(s, m)
                bound = m.vector[k] + self._relaxed_for(k, worst).bound(nxt, k, worst)
                scored.append((bound if math.isfinite(bound) else 0, m, nxt))
            _, m, nxt = (min if worst else max)(scored, key=lambda c: c[0])
            out.append((s, m))
            s = nxt

    # -- the search ------------------------------------------------------------------------
    def _solve(self, s: State, k: int, worst: bool) -> int:
        sign = -1 if worst else 1  # the worst is the best of the negated weights
        return sign * self._ask(s, k, sign, -math.inf, math.inf)[0]

    @collector_paused()
    def _ask(self, s: State, k: int, sign: int, floor: float, ceil: float,
             budget: Optional[int] = None, been: frozenset = frozenset()) -> tuple[int, int]:
        """(value, kind) of one search from ``s`` with its own budget (see ``_search``); ``been``:
        the situations (``Liveness.key``) a playthrough went through before ``s``, which it may
        not come back to."""
        memo = self._memo.setdefault((k, sign < 0), {})
        needed = 4 * len(self.rules.table) + 200
        if sys.getrecursionlimit() < needed:
            sys.setrecursionlimit(needed)  # one frame per decision on the way; scenarios are short
        self._limit = self.valued + (self.budget if budget is None else min(budget, self.budget))
        overall = k == OVERALL and sign > 0 and self._preparable
        self._question_start = self.valued
        self._prepare_at = self.valued if overall and not self._prepared else math.inf
        try:
            value, kind = self._search(s, k, sign, floor, ceil, memo, dict.fromkeys(been, -1))[:2]
        finally:
            self._prepare_at = math.inf
        return (0 if value is None else value), kind

    def _search(self, s: State, k: int, sign: int, floor: float, ceil: float, memo: dict,
                on_path: dict) -> tuple[Optional[int], int, list, list, float]:
        """(value, kind, lo, hi, low) of ``s`` for maximising ``sign`` times objective ``k``.

        ``kind`` EXACT when the value lies between ``floor`` and ``ceil``; AT_MOST, an upper
        bound at or below ``floor`` (the caller has something at least as good already:
        alpha-beta's fail-low); AT_LEAST, the total of a real playthrough at or above ``ceil``
        (the caller needs no more: fail-high). [lo, hi] is the region of moods around
        ``s.mood`` on which the answer holds. None: every way on leads back into a situation
        on the current path. ``on_path``: the situations on that path, each with its depth.

        ``low``: the depth of the shallowest situation above ``s`` on the path that the answer
        counted out (a move back into it gains nothing), infinite when none; -1 for a situation
        the playthrough asking (``path``) went through before: such an answer is not remembered.
        """
        rules, minimum, maximum, narrower = self.rules, self._minimum, self._maximum, self.regions.narrower
        lo, hi = list(minimum), list(maximum)

        def note(cond: Condition, st: State) -> None:
            narrower(cond)(st, lo, hi)
        moves = rules.moves(s, note)
        lines = 0
        while len(moves) == 1 and moves[0].kind == CONTINUE:  # a line that only goes on: nothing to decide
            lines += 1
            if lines > rules.most_lines:  # lines that go round for ever: a loop, which gains nothing
                return None, EXACT, [*s[1]], [*s[1]], math.inf
            s = rules.step(s, moves[0], note)
            moves = rules.moves(s, note)
        place, held, used, paused = self.liveness.split(s)
        mood = s[1]
        table = memo.get(place)
        if table is not None:
            found_entry = recall(table, (held, used, paused), self.boxes, mood, floor, ceil, self.liveness.dominance)
            if found_entry is not None:
                elo, ehi, value, kind = found_entry
                lo[:] = map(max, lo, elo)
                hi[:] = map(min, hi, ehi)
                return value, kind, lo, hi, math.inf
        else:
            table = memo[place] = {}
        entries = table.get((held, used, paused))
        if entries is None:
            entries = table[(held, used, paused)] = Remembered()
        if not moves:  # an ending (or a dead end, which validate reports)
            entries.add((tuple(lo), tuple(hi), 0, EXACT, *self.boxes.region(lo, hi)))
            return 0, EXACT, lo, hi, math.inf
        here = self.liveness.key(s)  # the situation, as far as anything to come can tell
        if here in on_path:  # back into this very situation: a loop gains nothing
            return None, EXACT, [*mood], [*mood], on_path[here]
        self.valued += 1
        if self.valued > self._limit:
            raise BudgetExceeded()
        if self.valued > self._prepare_at:
            self._bound_better()
        if self._cancel is not None and not self.valued % CANCEL_EVERY and self._cancel():
            raise SearchCancelled()
        depth = on_path[here] = len(on_path)
        low = math.inf  # (see the docstring)
        relaxed = self._relaxed_for(k, sign < 0)  # one set of bounds for every move from here (see ``_bound_better``)
        away, preimages, bound, step, holding = s[7], self.preimages, relaxed.bound, rules.step, relaxed.holding
        before, calm_because = preimages.before, relaxed.calm_because
        child = self._child_note
        children = []
        for m in moves:
            clo, chi, reacted = child.start()
            nxt = step(s, m, child)
            children.append((sign * (m.vector[k] + bound(nxt, k, sign < 0)), m, nxt, clo, chi, reacted))
        children.sort(key=_first, reverse=True)
        found: Optional[int] = None
        ceiling = -math.inf  # what no move can beat, as far as this search knows
        looped = high = False
        for bound, m, nxt, clo, chi, reacted in children:
            bar = floor if found is None or found < floor else found
            if bound <= bar:  # neither this move nor any after it (sorted) can beat the bar
                if bound > ceiling:
                    ceiling = bound
                for slots, up, most in holding(nxt, k, sign < 0):  # moods that keep the bound this low
                    for i in slots:
                        if up > 0:
                            if chi[i] > most:
                                chi[i] = most
                        elif clo[i] < -most:
                            clo[i] = -most
                for cond in calm_because(nxt) or ():  # and that keep it calm (``Relaxed.calm_because``)
                    narrower(cond)(nxt, clo, chi)
            else:
                weight = sign * m.vector[k]
                v, kind, vlo, vhi, vlow = self._search(nxt, k, sign, bar - weight, ceil - weight, memo, on_path)
                if vlow < low:
                    low = vlow
                if v is None:
                    looped = True
                else:
                    clo[:] = map(max, clo, vlo)
                    chi[:] = map(min, chi, vhi)
                    total = weight + v
                    if total > ceiling:
                        ceiling = total
                    if kind != AT_MOST and (found is None or total > found):
                        found = total
                        high = total >= ceil
            # Where each move lands (and so its bound) must not change inside the region either.
            if reacted:  # back through the group reactions the move set off (``MoveNote``)
                clo, chi = carry_back(preimages, reacted, clo, chi)
            if m.ops:
                clo, chi = before(m.ops, away, clo, chi)
            lo[:] = map(max, lo, clo)
            hi[:] = map(min, hi, chi)
            if high:  # a real playthrough reaches the ceiling: the moves not yet tried don't matter
                break
        del on_path[here]
        if low >= depth:  # nothing above ``s`` was counted out
            low = math.inf
        # An answer that counted out a situation a playthrough went through before the question
        # (``been``, depth -1) holds for that playthrough only: kept nowhere. (Within one question
        # a loop is counted out wherever the search meets it first, as the analysis always did.)
        remember = entries.add if low >= 0 else _forget
        if looped:  # path-dependent: this mood only
            lo[:], hi[:] = list(mood), list(mood)
        entry = (tuple(lo), tuple(hi))
        packed = self.boxes.region(lo, hi)
        if high:
            remember((*entry, found, AT_LEAST, *packed))
            return found, AT_LEAST, lo, hi, low
        if found is not None and found > floor:
            remember((*entry, found, EXACT, *packed))
            return found, EXACT, lo, hi, low
        if found is None and ceiling == -math.inf:  # every move leads back round: nowhere to go
            remember((*entry, 0, EXACT, *packed))
            return 0, EXACT, lo, hi, low
        bound_value = int(ceiling) if math.isfinite(ceiling) else ceiling
        remember((*entry, bound_value, AT_MOST, *packed))
        return bound_value, AT_MOST, lo, hi, low  # type: ignore[return-value]

    def _playout(self, s: State, k: int, worst: bool) -> int:
        """The total of ``_playout_path``: one a trainee can reach, so a lower bound of the
        best (an upper bound of the worst)."""
        return sum(m.vector[k] for _, m in self._playout_path(s, k, worst))


_UNKNOWN = object()  # (``path``: no step remembered from a state yet)


def _forget(entry: tuple) -> None:
    """Where an answer depends on the path that reached its state: kept nowhere."""


def _first(child: tuple) -> float:
    return child[0]


def solver_of(scenario: Scenario) -> Solver:
    """The scenario's solver, kept on its rules: what one debrief valued, the next reuses."""
    rules = rules_of(scenario)
    cached = rules.__dict__.get("_solver")
    if cached is None:
        cached = rules.__dict__["_solver"] = Solver(rules)
    return cached
