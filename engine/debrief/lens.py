"""The debrief's lens and the room's reactions: what a trainer discusses beside the nine dimensions.

The lens (a choice's ``lens`` tags) marks moves as examples of what the seed teaches beside
Ury's steps: overtuigingskracht (``persuasion``) and the three levels of omgevingsbewustzijn
(``awareness1``..``awareness3``). It is never scored: these functions only say, per
decision, which tagged moves the trainee made and which tagged options they left, and per
tag, where. Rules (tested in ``tests/test_lens_debrief.py``):

- A tag is *made* at a decision when the move taken carries it.
- A tag is *missed* at a decision when an option on offer there carries it and the move
  taken doesn't; one miss per tag per decision, naming the first such option as shown.
- A time-out offers nothing: a tag is made or missed at the choice that follows it.
- The lens exists only for a scenario that tags some choice: ``lens_reviews`` is empty
  otherwise, so no front end shows a lens heading over nothing.

Group reactions (``scenario.group``) fire right after a move; the transcript records each
as an entry of kind ``reaction`` after that move's ``choice`` or ``timeout`` entry. The
debrief shows them with the decision they followed, with the mood they left the room in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from ..play.state import Decision, Entry
from ..scenario.model import LENS_TAGS, Scenario
from ..scenario.text import Text

Mood = Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class LensOption:
    """A tagged option left at a decision: the tag, the option's id and its text."""

    tag: str
    choice_id: str
    text: Text


@dataclass(frozen=True)
class LensReview:
    """One lens tag over the whole meeting: the decisions (0-based indices into the review's
    decisions) where the trainee made a move with it, and where one was on offer and left."""

    tag: str
    made: tuple[int, ...] = ()
    missed: tuple[int, ...] = ()

    @property
    def on_offer(self) -> int:
        return len(self.made) + len(self.missed)


def tags_used(scenario: Scenario) -> tuple[str, ...]:
    """The lens tags some choice of the scenario carries, in ``LENS_TAGS`` order."""
    used = {tag for node in scenario.nodes.values() for c in node.choices for tag in c.lens}
    return tuple(tag for tag in LENS_TAGS if tag in used)


def decision_lens(scenario: Scenario, d: Decision) -> tuple[tuple[str, ...], tuple[LensOption, ...]]:
    """(the tags of the move made, the tagged options left) at one decision."""
    if d.kind != "meeting":
        return (), ()
    node = scenario.nodes.get(d.node_id)
    if node is None:
        return (), ()
    by_id = {c.id: c for c in node.choices}
    chosen = by_id.get(d.choice_id)
    made = tuple(tag for tag in LENS_TAGS if chosen is not None and tag in chosen.lens)
    left: dict[str, LensOption] = {}
    for cid in d.offered:  # in the order shown: the first tagged option left names the tag
        c = by_id.get(cid)
        if c is None or cid == d.choice_id:
            continue
        for tag in c.lens:
            if tag not in made and tag not in left:
                left[tag] = LensOption(tag, c.id, c.text)
    return made, tuple(left[tag] for tag in LENS_TAGS if tag in left)


def lens_reviews(scenario: Scenario, per_decision: Sequence[tuple[tuple[str, ...], tuple[LensOption, ...]]]
                 ) -> tuple[LensReview, ...]:
    """Per tag the scenario uses, where it was made and where it was left."""
    out = []
    for tag in tags_used(scenario):
        made = tuple(i for i, (tags, _) in enumerate(per_decision) if tag in tags)
        missed = tuple(i for i, (_, left) in enumerate(per_decision) if any(o.tag == tag for o in left))
        out.append(LensReview(tag, made, missed))
    return tuple(out)


def reactions_after(history: Sequence[Decision], transcript: Sequence[Entry]) -> list[tuple[int, ...]]:
    """Per decision, the group reactions (indices into ``scenario.group``) that fired right after it."""
    fired: list[list[int]] = []
    for entry in transcript:
        if entry.kind in ("choice", "timeout"):
            fired.append([])
        elif entry.kind == "reaction" and fired:
            fired[-1].append(entry.variant)
    moves = iter(fired)
    return [() if d.kind == "prep" else tuple(next(moves, ())) for d in history]


def room_mood(scenario: Scenario, history: Sequence[Decision], i: int, reactions: Sequence[int]) -> Optional[Mood]:
    """The mood the room was in once it had reacted to decision ``i``: the next decision's mood
    before it (nothing but the reactions moves the mood in between), else the reactions' effects
    applied to the mood after the move. None when nothing reacted."""
    if not reactions:
        return None
    if i + 1 < len(history):
        return history[i + 1].mood_before
    mood = {rid: dict(values) for rid, values in history[i].mood_after.items()}
    for k in reactions:
        if not 0 <= k < len(scenario.group):
            continue
        for who, changes in scenario.group[k].effects.items():
            for rid in (mood if who == "all" else [who]):
                for var, delta in changes.items():
                    if rid in mood and var in mood[rid] and var in scenario.mood_variables:
                        mood[rid][var] = scenario.mood_variables[var].clamp(mood[rid][var] + delta)
    return mood
