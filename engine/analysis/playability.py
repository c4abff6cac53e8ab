"""Checks that need the playable situations, not just the drawn graph.

A node can be wired up correctly and still strand a trainee: every choice has a condition
and in some mood none holds (a dead end), or a loop has no way out once entered. An
ending, a line or a choice can be drawn and still never happen under any mood.

A finding is an *error* only with a witness: the moves of a playthrough that reaches the
trouble, replayed through a live ``Session`` to confirm it (the message quotes them). When
the situations are few enough to list (``graph``), every check is exact. When they are
not, witnesses come from the listed part, random playthroughs and a search aimed at each
target, a condition-free over-approximation proves what can never happen, and whatever
neither settles is a warning marked "possibly" — never a guess presented as fact.
"""

from __future__ import annotations

import random
from collections import deque
from typing import Callable, Iterable, Optional

from ..play.rules import CONTINUE, TIMEOUT_MOVE, Move, Rules, RulesError, rules_of
from ..play.session import EngineError, Session
from ..play.state import State
from ..scenario.conditions import Condition
from ..scenario.errors import Problem
from ..scenario.messages import msg
from ..scenario.model import RETURN, Scenario
from .collector import collector_paused
from .frames import Frames
from .graph import StateGraph, auto_passes, explore, land
from .intervals import Intervals
from .liveness import Liveness
from .traps import trap_on
from .witness import Witnesses

PLAYOUTS = 400  # random playthroughs whenever not every situation could be listed
# More of them for what none of those reached and a search aimed at it could not settle in its
# budget (it wanders the wrong branches first): an ending one random playthrough in a few hundred
# reaches is then found rather than reported "possibly never reached". At most this many, over all.
MORE_PLAYOUTS = 3_600
# Before a search aimed at something none of them reached, one batch of further playthroughs
# (a few hundred cost less than one aimed search that runs out of its budget): at most this many
# over all items, on top of ``MORE_PLAYOUTS``.
FIRST_PLAYOUTS = 2_000
SEARCH_BUDGET = 10_000  # states a search aimed at one target may value
MAX_ROUND = 8  # playthroughs that went round without end kept, for ``traps`` to look at
# Situations listed before validate turns to witnesses and proofs: enough for every scenario
# whose situations can be listed in about a second; beyond that, listing costs more than it settles.
VALIDATE_STATES = 8_000
PLAYER_SHARE = 4  # a player's situations without time-outs are listed first, up to this share


@collector_paused()
def check_playability(s: Scenario, max_states: int = VALIDATE_STATES) -> list[Problem]:
    try:
        # The situations of a player who takes no time-outs first (several times fewer): if even
        # they can't all be listed, neither can all situations, and the listed ones serve as witnesses.
        played = explore(s, max(1, max_states // PLAYER_SHARE), timeouts=False)
        graph = explore(s, max_states) if played.complete else played
    except RulesError as exc:  # automatic transitions that never settle
        return [Problem(s.path, 1, 1, exc.args[0] if exc.args else str(exc))]  # a catalogue message
    finder = _Finder(graph)
    out: list[Problem] = []
    out += _dead_ends(finder)
    out += _stuck(finder)
    out += _never(finder)
    out += _farming_loops(graph) if graph.complete else _farmed(finder)
    return out


class _Finder:
    """Witnesses for one scenario: the listed graph first, then playouts and aimed searches."""

    def __init__(self, graph: StateGraph):
        self.graph = graph
        self.s = graph.scenario
        self.rules: Rules = graph.rules
        self.exact = graph.complete
        self.live: Liveness = graph.liveness
        self.reach = _relaxed_reach(self.s)
        self.frames = Frames(self.s) if not self.exact else None
        self.hull = Intervals(self.rules) if not self.exact else None
        self.witnesses = Witnesses(self.rules)
        self.seen_nodes: dict[str, list[Move]] = {}
        self.seen_choices: dict[str, list[Move]] = {}
        self.seen_endings: dict[str, list[Move]] = {}
        self.dead: dict[str, tuple[list[Move], State]] = {}
        self.round: list[list[Move]] = []  # playthroughs that went round without end (``_playouts``)
        # node -> a scoring choice a playthrough made twice, or on a loop it went round back into a
        # situation it was in: a trainee who goes round collects its points again
        self.farmed: dict[str, str] = {}
        for key, out in graph.edges.items():
            state = graph.states[key]
            self._note(state, lambda key=key: graph.witness(key))
            if not out and key[0] not in self.s.endings:
                self.dead.setdefault(key[0], (graph.witness(key), state))
        for node in graph.passed:
            self.seen_nodes.setdefault(node, [])
        self._more_left = 0 if self.exact else MORE_PLAYOUTS  # further playouts still to run, when asked
        self._first_left = 0 if self.exact else FIRST_PLAYOUTS  # ... and those tried before an aimed search
        self._more_random = random.Random(1)
        self._without_timeouts = False  # how the last batch of further playouts played
        if not self.exact:
            self._playouts(PLAYOUTS, random.Random(0))

    def _note(self, state: State, path: Callable[[], list[Move]], moves: Optional[list[Move]] = None) -> None:
        """Remember what ``state`` shows first reached, with the moves that got there (``path()``,
        asked for only then); ``moves``: those ``state`` offers, when known."""
        position = state[0]
        if position in self.s.endings:
            if position not in self.seen_endings:
                self.seen_endings[position] = path()
            return
        if position in self.s.nodes and position not in self.seen_nodes:
            self.seen_nodes[position] = path()
        for m in self.rules.moves(state) if moves is None else moves:
            if m.kind == "choose" and f"{position}.{m.id}" not in self.seen_choices:
                self.seen_choices[f"{position}.{m.id}"] = path()

    def _playouts(self, runs: int, rnd: random.Random, timeouts: bool = True) -> None:
        """``runs`` random playthroughs, noting what each reaches; without ``timeouts``, like a
        trainee who never takes one (most don't): its playthroughs go further down the options."""
        start = self.rules.initial()
        passed: set[str] = set()  # lines an ``auto`` took on at once, during the last step
        note = auto_passes(self.rules, passed)
        key = self.live.key
        for _ in range(runs):
            state, path, positions = start, [], []
            been = {key(start): 0}  # situation -> how many moves the playthrough had made there
            scored: set[tuple[str, str]] = set()  # the scoring choices it made
            for _ in range(self.rules.most_moves):
                moves = self.rules.moves(state)
                self._note(state, path.copy, moves)  # (a copy only of what is kept: ``_note`` asks at once)
                if not moves:
                    if state[0] not in self.s.endings:
                        self.dead.setdefault(state[0], (list(path), state))
                    break
                offered = moves if timeouts or moves[-1].kind != TIMEOUT_MOVE or len(moves) == 1 else moves[:-1]
                move = offered[rnd.randrange(len(offered))]
                path.append(move)
                positions.append(state[0])
                if move.kind == "choose" and move.vector[-1] > 0:
                    made = (state[0], move.id)
                    if made in scored:  # made again: its points counted again
                        self.farmed.setdefault(state[0], move.id)
                    scored.add(made)
                state = self.rules.step(state, move, note)
                back = been.setdefault(key(state), len(path))
                if back < len(path):
                    self._farming(path, positions, back)
                if passed:
                    for position in passed:
                        if position not in self.seen_nodes:
                            self.seen_nodes[position] = list(path)
                    passed.clear()
            else:  # no ending after all those moves: going round (``_stuck`` looks whether it can get out)
                if len(self.round) < MAX_ROUND:
                    self.round.append(path)

    def _farming(self, path: list[Move], positions: list[str], back: int) -> None:
        """The moves ``path[back:]`` (made at ``positions[back:]``) went round, back into a situation:
        when they score on the whole, remember the first scoring choice on the way
        (``play.farming_loop``)."""
        if sum(m.vector[-1] for m in path[back:]) <= 0:
            return
        for m, position in zip(path[back:], positions[back:]):
            if m.kind == "choose" and m.vector[-1] > 0:
                self.farmed.setdefault(position, m.id)
                return

    def seen_after_a_few(self, seen: dict, item: str) -> bool:
        """Whether a playthrough reached ``item``, running one batch of further random ones first
        (while ``FIRST_PLAYOUTS`` last)."""
        if item not in seen and self._first_left > 0:
            self._first_left -= self._batch(self._first_left)
        return item in seen

    def seen_after_more(self, seen: dict, item: str) -> bool:
        """Whether a playthrough reached ``item`` (a key of ``seen``), running more random ones
        until one does, up to ``MORE_PLAYOUTS`` over all items asked about."""
        while item not in seen and self._more_left > 0:
            self._more_left -= self._batch(self._more_left)
        return item in seen

    def _batch(self, left: int) -> int:
        """One batch of further random playthroughs (at most ``left``); how many it ran. Every
        other batch takes no time-outs."""
        runs = min(PLAYOUTS, left)
        self._without_timeouts = not self._without_timeouts
        self._playouts(runs, self._more_random, timeouts=not self._without_timeouts)
        return runs

    def find(self, goal: str, cond: Optional[Condition] = None,
             stuck: bool = False) -> tuple[Optional[bool], list[Move]]:
        """Can the meeting reach ``goal`` with ``cond`` holding (or, ``stuck``, with nothing on
        offer)? Decided by an aimed search that never enters a state from which ``goal`` is
        out of reach (``frames``): True with a witness, False, or None when its budget ran out."""
        towards = self.frames.towards(goal) if self.frames is not None else None
        return self.witnesses.witness(goal, cond, stuck, towards, SEARCH_BUDGET)

    def confirm(self, path: list[Move], check: Callable[[Session], bool]) -> bool:
        """Replay ``path`` through a live session; True when ``check`` holds where it ends."""
        try:
            session = Session.start(self.s, seed=0)
            for move in path:
                if move.kind != CONTINUE:
                    _read_on(session)
                if move.kind == CONTINUE:
                    session.advance()
                elif move.kind == "answer":
                    session.answer(move.id)
                elif move.kind == TIMEOUT_MOVE:
                    session.take_timeout()
                else:
                    session.choose(move.id)
            _read_on(session)
            return check(session)
        except (EngineError, RulesError):
            return False


def _read_on(session: Session) -> None:
    """Go on past lines without choices, as a trainee does; lines that go round for ever (only
    an ``auto`` could lead out, and none holds: ``checks.line_loop_auto``) are left where they
    are once a line comes round a second time with nothing changed."""
    seen: set = set()
    while session.can_continue:
        here = session.game
        if here in seen:
            return
        seen.add(here)
        session.advance()


def _describe(path: list[Move]) -> str:
    moves = [m.id for m in path if m.kind != CONTINUE]
    if not moves:
        return msg("play.at_start")
    return msg("play.after", moves=", ".join(moves))  # every move: the author replays them to see it


def _mood(rules: Rules, state: State) -> str:
    return ", ".join(f"{who}.{var}={v}" for (who, var), v in zip(rules.slots, state[1]))


def _dead_ends(f: _Finder) -> list[Problem]:
    out = []
    s = f.s
    candidates = [nid for nid, node in s.nodes.items()
                  if node.choices and all(c.when is not None for c in node.choices)]
    for nid in candidates:
        found = f.dead.get(nid)
        undecided = False
        if found is None and not f.exact:
            decided, path = f.find(nid, stuck=True) if not _never_stuck(f, nid) else (False, [])
            if decided:
                found = (path, _end_of(f.rules, path))
            elif decided is None:
                undecided = True
        node = s.nodes[nid]
        if found is not None:
            path, state = found
            if f.confirm(path, lambda session: not session.finished and not session.choices):
                out.append(Problem(s.path, node.pos.line, node.pos.column,
                                   msg("play.dead_end", node=nid, path=_describe(path), mood=_mood(f.rules, state))))
        elif not f.exact and nid in f.seen_nodes and undecided:
            out.append(Problem(s.path, node.pos.line, node.pos.column,
                               msg("play.maybe_dead_end", node=nid), "warning"))
    return out


def _never_stuck(f: _Finder, nid: str) -> bool:
    """Proved: in every mood the node can be reached in, some choice is on offer."""
    if f.hull is None or nid not in f.hull.boxes:
        return True
    box = f.hull.boxes[nid]
    node = f.s.nodes[nid]
    if any(f.hull.truth(c.when, box) is True for c in node.choices):
        return True
    # Between them: the choices, and the node's autos (the meeting only rests here when none
    # held), unless showing the line changes what an auto read (who is present, this visit).
    conds = [c.when for c in node.choices]
    reads_own_visit = any(r.kind == "visited" and r.parts == (nid,) for a in node.auto for r in a.when.refs())
    if not (node.leaves or node.rejoins or reads_own_visit):
        conds += [a.when for a in node.auto]
    return f.hull.always_one_of(conds, box)


def _end_of(rules: Rules, path: list[Move]) -> State:
    state = rules.initial()
    for m in path:
        state = rules.step(state, m)
    return state


def _stuck(f: _Finder) -> list[Problem]:
    """Loops the meeting can enter and never leave (dead ends are reported on their own)."""
    out = []
    s, g = f.s, f.graph
    if f.exact:
        dead = {k for k in g.dead_ends()}
        trapped: dict[str, tuple] = {}
        for key in g.stuck():
            if key not in dead and key[0] not in trapped:
                trapped[key[0]] = key
        for position, key in trapped.items():
            node = s.nodes.get(position)
            path = g.witness(key)
            if node is not None and f.confirm(path, lambda session: not session.finished):
                out.append(Problem(s.path, node.pos.line, node.pos.column,
                                   msg("play.trapped", node=position, path=_describe(path))))
        return out
    endings = set(s.endings)
    named: set[str] = set()
    for nid, node in s.nodes.items():
        if nid in f.seen_nodes and not (f.reach.get(nid, set()) & endings):
            path = f.seen_nodes[nid]
            named.add(nid)
            out.append(Problem(s.path, node.pos.line, node.pos.column,
                               msg("play.trapped_any_mood", node=nid, path=_describe(path))))
    for path in f.round:  # (only what the drawn graph can't show: an ``auto`` or a trigger seems to lead out)
        found = trap_on(f.rules, f.live, path)
        if found is None:
            continue
        trapped, into = found
        position = _end_of(f.rules, into)[0]
        node = s.nodes.get(position)
        if node is None or position in named:
            continue
        named.add(position)
        if trapped and f.confirm(into, lambda session: not session.finished):
            out.append(Problem(s.path, node.pos.line, node.pos.column,
                               msg("play.trapped", node=position, path=_describe(into))))
        elif not trapped:
            out.append(Problem(s.path, node.pos.line, node.pos.column,
                               msg("play.maybe_trapped", node=position, path=_describe(into)), "warning"))
    return out


def _never(f: _Finder) -> list[Problem]:
    out = []
    s = f.s
    start_reach = f.reach.get("<start>", set())

    def settle(what: str, item: str, pos, seen: dict, target: str) -> None:
        thing = msg(what, name=item)
        if item in seen:
            return
        if not f.exact and target in start_reach and (f.hull is None or target in f.hull.boxes):
            if f.seen_after_a_few(seen, item):
                return
            decided, _ = f.find(target)
            if decided or (decided is None and f.seen_after_more(seen, item)):
                return
            if decided is False:
                out.append(Problem(s.path, pos.line, pos.column, msg("play.never_reached", what=thing), "warning"))
                return
            out.append(Problem(s.path, pos.line, pos.column, msg("play.maybe_never_reached", what=thing), "warning"))
            return
        out.append(Problem(s.path, pos.line, pos.column, msg("play.never_reached", what=thing), "warning"))

    for eid, ending in s.endings.items():
        settle("where.ending", eid, ending.pos, f.seen_endings, eid)
    for nid, node in s.nodes.items():
        settle("where.node", nid, node.pos, f.seen_nodes, nid)
    for nid, node in s.nodes.items():
        if nid not in f.seen_nodes:
            continue  # already reported as a node
        for c in node.choices:
            if c.when is None:
                continue
            key = f"{nid}.{c.id}"
            if key in f.seen_choices:
                continue
            if not f.exact and f.hull is not None and nid in f.hull.boxes and \
                    f.hull.truth(c.when, f.hull.boxes[nid]) is not False:
                if f.seen_after_a_few(f.seen_choices, key):
                    continue
                decided, _ = f.find(nid, c.when)
                if decided or (decided is None and f.seen_after_more(f.seen_choices, key)):
                    continue
                if decided is False:
                    out.append(Problem(s.path, c.pos.line, c.pos.column, msg("play.never_offered", choice=key),
                                       "warning"))
                    continue
                out.append(Problem(s.path, c.pos.line, c.pos.column, msg("play.maybe_never_offered", choice=key),
                                   "warning"))
                continue
            out.append(Problem(s.path, c.pos.line, c.pos.column, msg("play.never_offered", choice=key), "warning"))
    return out


def _farmed(f: _Finder) -> list[Problem]:
    """The loops through a scoring move that random playthroughs went round (too many situations
    to look for every loop)."""
    out = []
    for position, choice in f.farmed.items():
        node = f.s.nodes[position]
        out.append(Problem(f.s.path, node.pos.line, node.pos.column,
                           msg("play.farming_loop", node=position, choice=choice), "warning"))
    return out


def _farming_loops(g: StateGraph) -> list[Problem]:
    """A loop through a scoring move: the analysis counts each situation once, a trainee
    who goes round might expect more (the author most likely didn't mean it)."""
    if not g.complete:
        return []
    index: dict = {}
    order: list = []
    on: set = set()
    out = []
    reported: set[str] = set()
    for root in [g.initial]:
        stack = [(root, iter(g.edges.get(root, ())))]
        index[root] = 0
        on.add(root)
        order.append(root)
        while stack:
            key, it = stack[-1]
            for move, nxt in it:
                if nxt in on and move.vector[-1] > 0 and key[0] not in reported:
                    node = g.scenario.nodes.get(key[0])
                    if node is not None:
                        reported.add(key[0])
                        out.append(Problem(g.scenario.path, node.pos.line, node.pos.column,
                                           msg("play.farming_loop", node=key[0], choice=move.id), "warning"))
                if nxt not in index:
                    index[nxt] = len(index)
                    on.add(nxt)
                    stack.append((nxt, iter(g.edges.get(nxt, ()))))
                    break
            else:
                stack.pop()
                on.discard(key)
    return out


def _relaxed_reach(s: Scenario) -> dict[str, set[str]]:
    """Per position (and ``<start>``), every node and ending reachable ignoring conditions:
    what this can't reach, no playthrough ever reaches."""
    succ: dict[str, set[str]] = {}
    returns = {c.next for n in s.nodes.values() for c in n.choices if c.next in s.nodes} | \
              {nid for nid, n in s.nodes.items() if n.choices}
    triggers = {t.goto for t in s.triggers}
    for nid, node in s.nodes.items():
        out = {a.goto for a in node.auto}
        if node.next is not None:
            out.add(node.next)
        out |= {c.next for c in node.choices}
        if node.choices:
            out |= triggers
        if RETURN in out:
            out.discard(RETURN)
            out |= returns
        succ[nid] = out
    questions = s.preparation.questions if s.preparation else ()
    succ["<start>"] = {s.start}
    for q in questions:
        succ[f"prep:{q.id}"] = {s.start}
    reach: dict[str, set[str]] = {}

    def walk(roots: Iterable[str]) -> set[str]:
        seen = set(roots)
        queue = deque(seen)
        while queue:
            for nxt in succ.get(queue.popleft(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    for position in succ:
        reach[position] = walk(succ[position]) | ({position} if position in s.nodes else set())
    return reach


__all__ = ["check_playability", "rules_of", "land"]
