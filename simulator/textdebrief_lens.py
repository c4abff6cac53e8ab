"""The debrief's lens and the room's reactions, in the same words in every debrief.

The lens (``engine.debrief.lens``) lists the moves the author tagged as overtuigingskracht or
a level of omgevingsbewustzijn: which the trainee made and which they left, beside the nine
dimensions and never in a score. A decision after which the room reacted (``group:``) says so,
with the reaction's text and what it did to the mood. The terminal debrief renders these lines;
the window, the Markdown and the HTML exports take the names, summaries and mood words from
here, so all of them say the same. Pure text, no pygame.
"""

from __future__ import annotations

from typing import Mapping, Optional, Sequence

from engine.debrief.lens import LensReview
from engine.debrief.review import DecisionReview, Review
from engine.debrief.seedtext import OMGEVINGSBEWUSTZIJN_LEVELS
from engine.scenario.model import Scenario
from engine.scenario.text import Text

from .i18n import tr

LEVELS = {"awareness1": 0, "awareness2": 1, "awareness3": 2}


def lens_name(tag: str, lang: str) -> str:
    """"Overtuigingskracht", "Omgevingsbewustzijn niveau 2"."""
    return tr(f"lens_{tag}", lang)


def lens_about(tag: str, lang: str) -> str:
    """What the tag means, in the seed's own words (a level's title as the seed states it)."""
    if tag in LEVELS:
        title = OMGEVINGSBEWUSTZIJN_LEVELS[LEVELS[tag]][0].get(lang)
        return title.split(": ", 1)[-1]
    return tr(f"lens_about_{tag}", lang)


def steps_text(indices: Sequence[int]) -> str:
    return ", ".join(str(i + 1) for i in indices)


def lens_summary(lens: LensReview, lang: str) -> str:
    """"gedaan bij beslissing 3, 7; laten liggen bij beslissing 5", or that it wasn't on offer."""
    parts = []
    if lens.made:
        parts.append(tr("lens_made", lang, steps=steps_text(lens.made)))
    if lens.missed:
        parts.append(tr("lens_missed", lang, steps=steps_text(lens.missed)))
    return "; ".join(parts) if parts else tr("lens_not_on_route", lang)


def reaction_text(scenario: Scenario, k: int, lang: str) -> Optional[str]:
    """Group reaction ``k``'s text for the log, or None when it has none."""
    if not 0 <= k < len(scenario.group):
        return None
    text = scenario.group[k].text
    return text.get(lang) if text is not None and text.variants else None


def mood_changes(scenario: Scenario, before: Mapping[str, Mapping[str, int]],
                 after: Mapping[str, Mapping[str, int]], lang: str) -> list[tuple[str, str, int, bool]]:
    """Per resident whose mood moved: (name, "vertrouwen van 5 naar 7", change, for the better)."""
    out = []
    for r in scenario.residents:
        b, a = before.get(r.id, {}), after.get(r.id, {})
        for key, var in scenario.mood_variables.items():
            if b.get(key) is None or a.get(key) is None or a[key] == b[key]:
                continue
            words = tr("mood_from_to", lang, label=var.label.get(lang).lower(), before=b[key], after=a[key])
            out.append((r.name, words, a[key] - b[key], (a[key] > b[key]) == (var.good == "high")))
    return out


def room_lines(scenario: Scenario, d: DecisionReview, lang: str) -> list[str]:
    """The room's reaction after a decision: each reaction's text (or that it reacted without
    words), then what it did to the mood. Empty when nothing reacted."""
    if not d.reactions:
        return []
    texts = [t for t in (reaction_text(scenario, k, lang) for k in d.reactions) if t]
    out = texts or [tr("room_reacted_silent", lang)]
    if d.room_mood is not None:
        per: dict[str, list[str]] = {}
        for who, words, delta, _ in mood_changes(scenario, d.decision.mood_after, d.room_mood, lang):
            per.setdefault(who, []).append(f"{words} ({delta:+d})")
        if per:
            out.append(f"{tr('room_mood', lang)}: " + "; ".join(f"{who}: {', '.join(c)}" for who, c in per.items()))
    return out


def decision_lens_lines(d: DecisionReview, lang: str) -> list[str]:
    """The lens at one decision: the tags of the move made, then each tagged option left."""
    out = []
    if d.lens:
        out.append(f"{tr('lens_this_move', lang)}: {', '.join(lens_name(t, lang).lower() for t in d.lens)}")
    for _, tags, text in left_options(d):
        names = ", ".join(lens_name(t, lang).lower() for t in tags)
        out.append(f"{tr('lens_left_here', lang, name=names)}: {text.get(lang)}")
    return out


def left_options(d: DecisionReview) -> list[tuple[str, tuple[str, ...], Text]]:
    """The tagged options left at a decision, one per option: (id, its tags left, its text)."""
    by_id: dict[str, tuple[list[str], Text]] = {}
    for left in d.lens_missed:
        by_id.setdefault(left.choice_id, ([], left.text))[0].append(left.tag)
    return [(cid, tuple(tags), text) for cid, (tags, text) in by_id.items()]


def lens_section(review: Review, lang: str) -> list[tuple[str, str, str]]:
    """Per tag the scenario uses: (name, the seed's words for it, where it was made and left)."""
    return [(lens_name(lr.tag, lang), lens_about(lr.tag, lang), lens_summary(lr, lang)) for lr in review.lens]
