"""The debrief's lens and the room's reactions, in the same words in every debrief.

The lens (``engine.debrief.lens``) lists the moves the author tagged as overtuigingskracht or
a level of omgevingsbewustzijn: which the trainee made and which they left, beside the nine
dimensions and never in a score. A decision after which the room reacted (``group:``) says so,
with the reaction's text and what it did to the mood. The terminal debrief renders these lines;
the window, the Markdown and the HTML exports take the names, summaries and mood words from
here, so all of them say the same. Pure text, no pygame.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from engine.debrief.lens import LensReview
from engine.debrief.review import DecisionReview, Review
from engine.debrief.seedtext import OMGEVINGSBEWUSTZIJN_LEVELS
from engine.scenario.model import Scenario
from engine.scenario.text import Text
from simulator.i18n import tr

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


def lens_summary(lens: LensReview, lang: str) -> str:
    """"gedaan bij beslissing 3, 7; laten liggen bij beslissing 5", or that it wasn't on offer."""
    return _where(tuple(i + 1 for i in lens.made), tuple(i + 1 for i in lens.missed), lang)


def lens_steps(lens: Mapping[str, Any], lang: str) -> str:
    """``lens_summary`` from the JSON export's ``lens[]`` item (1-based steps)."""
    return _where(tuple(lens["made"]), tuple(lens["missed"]), lang)


def _where(made: Sequence[int], missed: Sequence[int], lang: str) -> str:
    parts = []
    if made:
        parts.append(tr("lens_made", lang, steps=", ".join(map(str, made))))
    if missed:
        parts.append(tr("lens_missed", lang, steps=", ".join(map(str, missed))))
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
    residents = [(r.id, r.name) for r in scenario.residents]
    variables = [(v.key, v.label.get(lang), v.good) for v in scenario.mood_variables.values()]
    return mood_change_words(residents, variables, before, after, lang)


def mood_change_words(residents: Sequence[tuple[str, str]], variables: Sequence[tuple[str, str, str]],
                      before: Mapping[str, Mapping[str, int]], after: Mapping[str, Mapping[str, int]],
                      lang: str) -> list[tuple[str, str, int, bool]]:
    """``mood_changes`` from plain data: residents as (id, name), variables as (key, label, good end)
    — what the JSON export carries, so its Markdown and HTML say the same as the terminal."""
    out = []
    for rid, name in residents:
        b, a = before.get(rid, {}), after.get(rid, {})
        for key, label, good in variables:
            if b.get(key) is None or a.get(key) is None or a[key] == b[key]:
                continue
            words = tr("mood_from_to", lang, label=label.lower(), before=b[key], after=a[key])
            out.append((name, words, a[key] - b[key], (a[key] > b[key]) == (good == "high")))
    return out


def room_mood_line(changes: Sequence[tuple[str, str, int, bool]], lang: str) -> Optional[str]:
    """"Wat dat met de stemming deed: Ineke Bakker: boosheid van 5 naar 7 (+2), ..."; None for no change."""
    per: dict[str, list[str]] = {}
    for who, words, delta, _ in changes:
        per.setdefault(who, []).append(f"{words} ({delta:+d})")
    if not per:
        return None
    return f"{tr('room_mood', lang)}: " + "; ".join(f"{who}: {', '.join(c)}" for who, c in per.items())


def room_lines(scenario: Scenario, d: DecisionReview, lang: str) -> list[str]:
    """The room's reaction after a decision: each reaction's text (or that it reacted without
    words), then what it did to the mood. Empty when nothing reacted."""
    if not d.reactions:
        return []
    texts = [t for t in (reaction_text(scenario, k, lang) for k in d.reactions) if t]
    out = texts or [tr("room_reacted_silent", lang)]
    if d.room_mood is not None:
        mood = room_mood_line(mood_changes(scenario, d.decision.mood_after, d.room_mood, lang), lang)
        if mood:
            out.append(mood)
    return out


def decision_lens_lines(d: DecisionReview, lang: str) -> list[str]:
    """The lens at one decision: the tags of the move made, then each tagged option left."""
    return [f"{tr('lens_short', lang)}: {label}: {text}" for label, text in decision_lens_pairs(d, lang)]


def decision_lens_pairs(d: DecisionReview, lang: str) -> list[tuple[str, str]]:
    """(label, text) per lens line at one decision, the front end saying "Lens" before them: "Deze zet
    is een voorbeeld van" / "overtuigingskracht", then per tagged option left "Hier lag ook een zet
    van ..." / the option's text."""
    return lens_pairs(d.lens, [(tags, text.get(lang)) for _, tags, text in left_options(d)], lang)


def lens_pairs(made: Sequence[str], left: Sequence[tuple[Sequence[str], str]], lang: str) -> list[tuple[str, str]]:
    def names(tags: Sequence[str]) -> str:
        return ", ".join(lens_name(t, lang).lower() for t in tags)

    out = [(tr("lens_this_move", lang), names(made))] if made else []
    for tags, text in left:
        out.append((tr("lens_left_here", lang, name=names(tags)), text))
    return out


def left_options(d: DecisionReview) -> list[tuple[str, tuple[str, ...], Text]]:
    """The tagged options left at a decision, one per option: (id, its tags left, its text)."""
    by_id: dict[str, tuple[list[str], Text]] = {}
    for left in d.lens_missed:
        by_id.setdefault(left.choice_id, ([], left.text))[0].append(left.tag)
    return [(cid, tuple(tags), text) for cid, (tags, text) in by_id.items()]


def left_by_option(missed: Sequence[Mapping[str, Any]]) -> list[tuple[str, tuple[str, ...], str]]:
    """``left_options`` from the JSON export's ``decisions[].lens.missed``."""
    by_id: dict[str, tuple[list[str], str]] = {}
    for left in missed:
        by_id.setdefault(left["choice"], ([], left["text"]))[0].append(left["tag"])
    return [(cid, tuple(tags), text) for cid, (tags, text) in by_id.items()]


def data_mood_changes(data: Mapping[str, Any], before: Mapping[str, Mapping[str, int]],
                      after: Mapping[str, Mapping[str, int]], lang: str) -> list[tuple[str, str, int, bool]]:
    """``mood_changes`` from the JSON export's data (its residents and mood variables)."""
    scenario = data["scenario"]
    return mood_change_words([(r["id"], r["name"]) for r in scenario["residents"]],
                             [(v["key"], v["label"], v["good"]) for v in scenario["mood_variables"]],
                             before, after, lang)


def lens_section(review: Review, lang: str) -> list[tuple[str, str, str]]:
    """Per tag the scenario uses: (name, the seed's words for it, where it was made and left)."""
    return [(lens_name(lr.tag, lang), lens_about(lr.tag, lang), lens_summary(lr, lang)) for lr in review.lens]
