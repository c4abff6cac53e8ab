"""Coach mode: after each choice, one short line on which step or indicator it touched.

Off by default. Then the only feedback during play is the residents' reaction — their
words, faces and mood — and every verdict waits for the debrief, as in Communicate!.
Beginners may switch it on: a randomised trial with virtual patients (Foster et al.,
2016, in the rubric) found that immediate feedback on empathy raised later ECCS scores.

The hint names dimensions and a direction, never a grade or the trainer's feedback
text (that is the debrief's): "this builds on Step 3 (Step to their side); this works
against Step 5 (...)". At a node marked ``opportunity`` it also says whether the reply
took the resident's feeling or need up, by the same rule as the review's missed
opportunity (any positive weight on e1-e4).
"""

from __future__ import annotations

from typing import Mapping, Optional, Union

from engine.debrief.review import EMPATHY_KEYS
from engine.scenario.dimensions import DIMENSIONS
from engine.scenario.model import NARRATOR, Choice, PrepOption, Scenario
from simulator.i18n import tr


def _dims(weights: Mapping[str, int], lang: str, positive: bool) -> str:
    names = [f"{d.short.get(lang)} ({d.label.get(lang)})" for d in DIMENSIONS
             if (weights.get(d.key, 0) > 0 if positive else weights.get(d.key, 0) < 0)]
    return ", ".join(names)


def _speaker_name(scenario: Scenario, speaker: str, lang: str) -> str:
    if speaker == NARRATOR:
        return tr("coach_someone", lang)
    try:
        return scenario.resident(speaker).name.split()[0]
    except KeyError:
        return tr("coach_someone", lang)


def coach_hint(scenario: Scenario, choice: Union[Choice, PrepOption], lang: str) -> Optional[str]:
    """One line for coach mode after ``choice`` was made (None: nothing to say).

    ``choice`` is a meeting choice or a preparation option of ``scenario``.
    """
    weights = choice.score
    parts: list[str] = []
    if isinstance(choice, Choice):
        node = scenario.nodes.get(choice.node_id)
        if node is not None and node.opportunity is not None:
            name = _speaker_name(scenario, node.speaker, lang)
            met = any(weights.get(k, 0) > 0 for k in EMPATHY_KEYS)
            parts.append(tr("coach_met" if met else "coach_missed", lang, name=name))
        if choice.balcony:
            parts.append(tr("coach_balcony", lang))
    builds, against = _dims(weights, lang, True), _dims(weights, lang, False)
    if builds:
        parts.append(tr("coach_builds", lang, dims=builds))
    if against:
        parts.append(tr("coach_against", lang, dims=against))
    if not parts:
        return None
    text = "; ".join(parts)
    return f"{tr('coach_label', lang)}: {text[0].upper()}{text[1:]}."
