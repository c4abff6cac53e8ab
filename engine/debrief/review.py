"""Game review of a playthrough: every decision judged against what was possible then.

As a chess engine reviews a game: a choice's value is its own weights plus the best
continuation it still allows, Q(c) = w(c) + V(next), with V the best achievable
overall total from a state (``outlook``: exact on the state graph when it can be
explored, else the authored approximation). Its *regret* is how much of the spread
between the best and the worst option at that moment it gave away:

    regret = (max Q - Q(c)) / (max Q - min Q)

Thresholds (a design decision, tested in ``tests/test_review.py``):
``best`` regret 0; ``good`` ≤ 0.25; ``inaccuracy`` ≤ 0.5; ``mistake`` above.
A trainer's explicit ``label`` on a choice wins. A *missed opportunity* is flagged,
whatever the verdict, when
- the node is marked ``opportunity`` (the resident voiced, or hinted at, a feeling or
  need) and the reply has no positive weight on any inlevingsvermogen indicator e1-e4
  (reason ``opportunity``), or
- the choice wasn't the best and the best option was one only offered because of
  earlier play (its ``when`` doesn't hold as the meeting starts, e.g. it needs the
  preparation: ``earned_options``) with a
  positive total weight of its own: an opening earned and left unused (``unlocked``).

Why e1-e4 and not only e1-e3 (checked against the ECCS, Bylund & Makoul 2002): the
rubric anchors a weight of 0 at ECCS level 2 (implicit recognition) and +1 at level 3
(acknowledgement), so "some positive inlevingsvermogen weight" is the scenario's way of
saying "at least an acknowledgement", and anything less (denial, perfunctory or implicit
recognition) is the missed opportunity of the literature. E4 counts because the feeling
voiced at an opportunity is often a reaction to the trainee's own words (a resident
hurt by a remark, a group that feels talked down to); owning that effect out loud is
how the feeling is acknowledged there (NURSE's "supporting", which the rubric maps onto
E1/E4). The shipped scenarios rely on this: their best replies to a hurt resident score
on e4 only. A reply scoring step3 for a neat summary of the facts but nothing on e1-e4
is still a missed opportunity, whatever its verdict.

This module is the one source of debrief data: the terminal, the window and the
exports render a ``Review``; none of them picks tips or judges anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Optional, Sequence

from ..analysis.outlook import MoveValue, Outlook, outlook
from ..analysis.search import Solver
from ..play.rules import OBJECTIVES, TIMEOUT_MOVE, Vector, rules_of
from ..play.scoring import decision_weights, totals
from ..play.state import Decision, Entry, State
from ..scenario.model import Ending, Node, Scenario
from ..scenario.text import EMPTY, Text
from .lens import LensOption, LensReview, Mood, decision_lens, lens_reviews, reactions_after, room_mood
from .review_parts import (
    DimensionReview,
    PrepReview,
    dimension_reviews,
    prep_review,
    strongest_and_weakest,
    tips_for,
)
from .seedtext import REFLECTION_QUESTIONS, TIPS

GOOD_MAX_REGRET = 0.25
INACCURACY_MAX_REGRET = 0.5
EMPATHY_KEYS = ("e1", "e2", "e3", "e4")
VERDICTS = ("best", "good", "inaccuracy", "mistake")
MISSED_REASONS = ("opportunity", "unlocked", "provocation")
TIMEOUT_TEXT = Text({"nl": "Time-out: even naar het balkon", "en": "Time-out: a step onto the balcony"})
TIMEOUT_FEEDBACK = {  # by whether the line provoked
    True: Text({"nl": "De opmerking was bedoeld om je uit je tent te lokken. Door even afstand te nemen reageerde "
                      "je niet impulsief: Ury's stap 2, naar het balkon.",
                "en": "The remark was meant to provoke you. Taking a moment meant you didn't react on impulse: "
                      "Ury's step 2, going to the balcony."}),
    False: Text({"nl": "Een pauze zonder aanleiding: de bewoners wachten, en dat kost wat geduld.",
                 "en": "A pause without a reason: the residents wait, and that costs some patience."}),
}

__all__ = [
    "DecisionReview", "DimensionReview", "LensOption", "LensReview", "PrepReview", "Review", "classify", "review",
    "GOOD_MAX_REGRET", "INACCURACY_MAX_REGRET", "VERDICTS", "TIMEOUT_TEXT",
]


def classify(regret: float) -> str:
    if regret <= 1e-9:
        return "best"
    if regret <= GOOD_MAX_REGRET:
        return "good"
    if regret <= INACCURACY_MAX_REGRET:
        return "inaccuracy"
    return "mistake"


@dataclass(frozen=True)
class DecisionReview:
    index: int
    decision: Decision
    prompt: Text  # what was said (or asked) at that moment
    speaker: Optional[str]
    chosen_text: Text
    weights: Mapping[str, int]
    feedback: Text
    verdict: Optional[str]  # one of VERDICTS; None when it couldn't be judged
    regret: Optional[float]
    better_id: Optional[str]  # the best option when the choice wasn't best
    better_text: Optional[Text]
    better_feedback: Optional[Text]
    better_weights: Optional[Mapping[str, int]]
    missed_opportunity: bool
    opportunity: Optional[Text]
    thought: Optional[Text]
    missed_reason: Optional[str] = None  # one of MISSED_REASONS when missed_opportunity
    # Per objective, the totals along the best-overall continuation from this decision (through
    # its best option), and through the option that was taken.
    best_here: Mapping[str, int] = field(default_factory=dict)
    best_after: Mapping[str, int] = field(default_factory=dict)
    options: int = 0  # how many options were on offer (the time-out not counted)
    inexact: bool = False  # the value through the chosen option is a lower bound (the search ran out)
    offered_weights: tuple[Mapping[str, int], ...] = ()  # the weights of every option on offer
    skipped_timeout: Mapping[str, int] = field(default_factory=dict)  # a scoring time-out not taken first
    # The lens (``lens.py``; discussed, never scored): the tags of the move made, the tagged options left.
    lens: tuple[str, ...] = ()
    lens_missed: tuple[LensOption, ...] = ()
    # The group reactions that fired right after this move (indices into ``scenario.group``), and the
    # mood they left the room in (None when nothing reacted).
    reactions: tuple[int, ...] = ()
    room_mood: Optional[Mood] = None

    @property
    def is_prep(self) -> bool:
        return self.decision.kind == "prep"

    @property
    def is_timeout(self) -> bool:
        return self.decision.kind == "timeout"

    @property
    def route_options(self) -> tuple[Mapping[str, int], ...]:
        """The weights of what could be done here, for the route's range: the options on offer;
        at a time-out taken, pausing or not (the options follow at the next decision, and counted
        here as well they lowered the floor once per pause: pressing B raised the 1-5 figure)."""
        if self.is_timeout:
            return (self.weights, {})
        return self.offered_weights

    @property
    def better_by_what_follows(self) -> bool:
        """The stronger option scores no more in itself than the move made: its edge lies in
        what it made possible afterwards, which its own feedback doesn't say."""
        return self.better_weights is not None and sum(self.better_weights.values()) <= sum(self.weights.values())

    @property
    def route_best(self) -> Mapping[str, int]:
        """What the best move here scores: the better option if there was one, else the move
        made, plus a scoring time-out the trainee could have taken first. A time-out taken is a
        decision of its own between pausing and not (its options are the next decision's): its
        best is what the pause scored where that is more than nothing."""
        if self.is_timeout:
            return {k: w for k, w in self.weights.items() if w > 0}
        base = dict(self.better_weights if self.better_weights is not None else self.weights)
        for k, w in self.skipped_timeout.items():
            base[k] = base.get(k, 0) + w
        return base


@dataclass(frozen=True)
class Review:
    scenario: Scenario
    totals: Mapping[str, int]
    best: Mapping[str, int]  # best achievable per dimension in the whole scenario
    worst: Mapping[str, int]
    decisions: tuple[DecisionReview, ...]
    ending: Optional[Ending]
    exact: bool  # False when some values come from the authored approximation
    best_overall: int = 0  # best achievable sum of all dimensions along one path
    worst_overall: int = 0
    dimensions: tuple[DimensionReview, ...] = ()
    prep: Optional[PrepReview] = None
    strongest: Optional[str] = None  # dimension key
    weakest: tuple[str, ...] = ()  # dimension keys, weakest first
    tips: tuple[int, ...] = ()  # indices into seedtext.TIPS, for the weakest dimensions first
    route_best_overall: int = 0  # per decision faced the best option's total weight, summed
    route_worst_overall: int = 0
    lens: tuple[LensReview, ...] = ()  # per lens tag the scenario uses; empty when it uses none
    # The values every judgement above rests on (``Outlook.to_data`` keeps them with the session).
    outlook: Optional[Outlook] = field(default=None, repr=False, compare=False)

    @property
    def overall(self) -> int:
        return sum(self.totals.values())

    @property
    def overall_percent(self) -> Optional[float]:
        return _percent(self.overall, self.worst_overall, self.best_overall)

    @property
    def route_overall_percent(self) -> Optional[float]:
        """The overall score as a share of what the decisions actually faced allowed."""
        return _percent(self.overall, self.route_worst_overall, self.route_best_overall)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS + ("missed_opportunity",), 0)
        for d in self.decisions:
            if d.verdict:
                out[d.verdict] += 1
            if d.missed_opportunity:
                out["missed_opportunity"] += 1
        return out

    def percent(self, dim: str) -> Optional[float]:
        """Score as 0..100 % of the range between worst and best achievable; None if untrained."""
        return _percent(self.totals[dim], self.worst[dim], self.best[dim])

    def dimension(self, key: str) -> DimensionReview:
        return next(d for d in self.dimensions if d.key == key)

    @property
    def tip_texts(self) -> tuple[Text, ...]:
        return tuple(TIPS[i] for i in self.tips)

    @property
    def reflection(self) -> tuple[Text, ...]:
        return REFLECTION_QUESTIONS


def _percent(value: int, lo: int, hi: int) -> Optional[float]:
    if hi - lo <= 0:
        return None
    return max(0.0, min(100.0, 100.0 * (value - lo) / (hi - lo)))


def review(scenario: Scenario, history: Sequence[Decision], ending_id: Optional[str],
           solver: Optional[Solver] = None, transcript: Optional[Sequence[Entry]] = None,
           view: Optional[Outlook] = None) -> Review:
    """Review a playthrough; pass the session's ``transcript`` to quote the lines as they were shown,
    and ``view`` when its values were worked out before (kept with the session: ``Outlook.from_data``)."""
    history = list(history)
    if view is None or len(view.moves) != len(history):
        view = outlook(scenario, history, solver)
    shown = _shown_variants(history, transcript or ())
    reacted = reactions_after(history, transcript or ())
    decisions = tuple(replace(_review_one(scenario, i, d, view.moves[i], shown[i], history[i - 1] if i else None),
                              reactions=reacted[i], room_mood=room_mood(scenario, history, i, reacted[i]))
                      for i, d in enumerate(history))
    scores = totals(scenario, history)
    dims = dimension_reviews(scenario, history, scores, decisions)
    strongest, weakest = strongest_and_weakest(dims)
    ending = scenario.endings.get(ending_id) if ending_id else None
    route_best = sum(sum(d.route_best.values()) for d in decisions)
    route_worst = sum(min((sum(w.values()) for w in d.route_options), default=sum(d.weights.values()))
                      for d in decisions)
    return Review(
        scenario, scores, {d.key: d.route_best for d in dims}, {d.key: d.route_worst for d in dims},
        decisions, ending, view.exact, view.best, view.worst, dims, prep_review(scenario, history), strongest,
        weakest, tips_for(dims, weakest), route_best, route_worst,
        lens_reviews(scenario, [(d.lens, d.lens_missed) for d in decisions]), view)


def _shown_variants(history: Sequence[Decision], transcript: Sequence[Entry]) -> list[int]:
    """Per decision, the variant of its node's line that was on screen (-1: the base text). A
    time-out is a decision of the meeting too (it has its own entry in the history)."""
    variants: list[int] = []
    last_line: dict[str, int] = {}
    for entry in transcript:
        if entry.kind == "line":
            last_line[entry.node_id] = entry.variant
        elif entry.kind in ("choice", "timeout"):
            variants.append(last_line.get(entry.node_id, -1))
    meeting = iter(variants)
    return [-1 if d.kind == "prep" else next(meeting, -1) for d in history]


def _vector(v: Vector) -> dict[str, int]:
    return dict(zip(OBJECTIVES, v))


def earned_options(scenario: Scenario, node: Node) -> set[str]:
    """The options at ``node`` only earlier play opens: their ``when`` doesn't hold as the meeting
    starts, before anything was said, answered or set. A fallback written as ``not prep.mandaat``
    holds from the start, so leaving it is never an opening earned and left unused."""
    rules = rules_of(scenario)
    start = State(scenario.start, tuple(scenario.resident(rid).mood[var] for rid, var in rules.slots))
    return {c.id for c in node.choices if c.when is not None and not rules.test(c.when)(start)}


def _review_one(scenario: Scenario, i: int, d: Decision, moves: tuple[MoveValue, ...], variant: int,
                previous: Optional[Decision]) -> DecisionReview:
    weights = decision_weights(scenario, d)
    conditional: set[str] = set()
    label: Optional[str] = None
    if d.kind == "prep":
        assert scenario.preparation is not None
        q = next(q for q in scenario.preparation.questions if q.id == d.node_id)
        prompt, speaker, thought, opportunity = q.prompt, None, None, None
        chosen = q.option(d.choice_id)
        chosen_text, feedback = chosen.text, chosen.feedback
        lookup = {o.id: (o.text, o.feedback, o.score) for o in q.options}
    else:
        node = scenario.nodes[d.node_id]
        prompt, speaker, thought, opportunity = node.text, node.speaker, node.thought, node.opportunity
        if 0 <= variant < len(node.variants):
            prompt, speaker = node.variants[variant].text, node.variants[variant].speaker or node.speaker
        lookup = {c.id: (c.text, c.feedback, c.score) for c in node.choices}
        conditional = earned_options(scenario, node)
        if d.kind == "timeout":
            chosen_text, feedback = TIMEOUT_TEXT, TIMEOUT_FEEDBACK[node.provocation]
            opportunity = None
        else:
            choice = scenario.choice(f"{d.node_id}.{d.choice_id}")
            chosen_text, feedback, label = choice.text, choice.feedback, choice.label

    # A choice is judged among the choices; a time-out is a pause, not an answer, and isn't judged.
    options = [mv for mv in moves if mv.kind != TIMEOUT_MOVE]
    q_values = {mv.move: mv.best for mv in options if mv.best is not None}  # the best, weakest and taken, at least
    mine = next((mv for mv in moves if mv.move == d.choice_id), None)
    verdict: Optional[str] = None
    regret: Optional[float] = None
    better: Optional[str] = None
    if mine is not None and d.kind != "timeout" and q_values:
        top, bottom = max(q_values.values()), min(q_values.values())
        regret = 0.0 if top == bottom else (top - q_values[d.choice_id]) / (top - bottom)
        verdict = classify(regret)
        if q_values[d.choice_id] < top:
            better = next(m for m, v in q_values.items() if v == top)  # the first, as written
    if label is not None:
        verdict = label
        if label == "best":
            better = None

    missed_reason: Optional[str] = None
    # A pause taken: a time-out right before, or an option that is a pause in words (``balcony``).
    paused = d.kind == "meeting" and (
        (previous is not None and previous.kind == "timeout" and previous.node_id == d.node_id)
        or scenario.choice(f"{d.node_id}.{d.choice_id}").balcony)
    if d.kind == "meeting":
        if opportunity is not None and not any(weights.get(k, 0) > 0 for k in EMPATHY_KEYS):
            missed_reason = "opportunity"
        elif better is not None and better in conditional and sum(lookup[better][2].values()) > 0:
            missed_reason = "unlocked"
        elif scenario.nodes[d.node_id].provocation and not paused and \
                any(mv.kind == TIMEOUT_MOVE for mv in moves):
            missed_reason = "provocation"  # Ury's step 2: the line provoked, and no time-out was taken

    b_text = b_feedback = None
    b_weights: Optional[Mapping[str, int]] = None
    if better is not None:
        b_text, b_feedback, b_weights = lookup[better]
    best_here: dict[str, int] = {}
    reached = [mv for mv in moves if mv.best is not None and mv.path is not None]
    if reached:  # the best from here: an option's, or a time-out's that beats every option (ties: the option)
        best_here = _vector(max(reached, key=lambda mv: mv.best).path)  # type: ignore[arg-type,return-value]
    offered = tuple(dict(lookup[mv.move][2]) for mv in options if mv.move in lookup)
    skipped: Mapping[str, int] = {}
    # (an option that pauses in words still leaves the time-out's own points: the total says so)
    if missed_reason == "provocation" or (d.kind == "meeting" and scenario.nodes[d.node_id].provocation
                                          and not (previous is not None and previous.kind == "timeout"
                                                   and previous.node_id == d.node_id)):
        timeout = next((mv for mv in moves if mv.kind == TIMEOUT_MOVE), None)
        pause_value = timeout.best if timeout is not None else None  # known when the time-out beats every option
        if pause_value is not None and pause_value > max(q_values.values(), default=pause_value):
            skipped = scenario.timeout.score
    lens, lens_missed = decision_lens(scenario, d)
    return DecisionReview(
        i, d, prompt, speaker, chosen_text, weights, feedback or EMPTY, verdict, regret,
        better, b_text, b_feedback, b_weights, missed_reason is not None, opportunity, thought,
        missed_reason, best_here, _vector(mine.path) if mine is not None else {}, len(options),
        mine is not None and not mine.exact, offered, skipped, lens, lens_missed)
