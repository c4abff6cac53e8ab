"""What every debrief says in the same words: the order shown, own words, time-outs, the 1-5 scale.

The window, the terminal and the exports each lay a ``Review`` out their own way, but a
few things must read the same everywhere, so they are decided here once:

- where the trainee saw the option they took ("je zag hem als optie 3 van 4"), from
  ``Decision.shown_as`` — options are shuffled per session, so a place means nothing
  across sessions but a lot to the trainee who remembers the screen;
- a dimension's one figure: the score on the self-rating's 1-5 scale
  (``DimensionReview.scale``), written with one decimal in the reader's convention
  ("3,4" in Dutch); raw points belong to the trainer report only;
- a run with nothing to work on says so, instead of showing an empty heading;
- a provocation answered without stepping back first is explained in Ury's words.

Pure text, no pygame: the exports and the terminal import it too.
"""

from __future__ import annotations

from typing import Iterable, Optional

from engine.debrief.review import DecisionReview, Review
from simulator.i18n import tr


def shown_as(d: DecisionReview, lang: str) -> Optional[str]:
    """"je zag hem als optie 3 van 4"; None for a time-out or a decision without a recorded order."""
    n = d.decision.shown_as
    if n is None or d.is_timeout or not d.decision.offered:
        return None
    key = "shown_as_answer" if d.is_prep else "shown_as"
    return tr(key, lang, n=n, total=len(d.decision.offered))


def scale_number(value: Optional[float], lang: str) -> str:
    """A 1-5 value with one decimal, in the language's convention ("3,4" / "3.4"); "–" for none."""
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def overall_scale(review: Review) -> Optional[float]:
    """The meeting as a whole on the 1-5 scale: the total as a share of what the decisions faced allowed."""
    share = review.route_overall_percent
    return None if share is None else 1 + 4 * share / 100.0


def provoked(d: DecisionReview) -> bool:
    """The line was meant to provoke and the trainee answered without stepping back first, where a
    time-out would have scored (also when the review names another missed chance first)."""
    return d.missed_reason == "provocation" or bool(d.skipped_timeout)


def missed_provocation(d: DecisionReview, lang: str) -> Optional[str]:
    """Ury's step 2 in words when the line provoked and no time-out came first; else None."""
    return tr("missed_provocation", lang) if provoked(d) else None


def missed_word(reason: Optional[str], lang: str) -> str:
    """The mark of a decision flagged as missed: a provocation answered without a time-out is
    "geen time-out" (the trainee may well have taken up what lay under the words: calling it a
    missed opportunity read as a contradiction), anything else a missed opportunity."""
    return tr("missed_no_timeout" if reason == "provocation" else "missed_opportunity", lang)


def missed_counts(reasons: Iterable[Optional[str]], lang: str) -> list[str]:
    """"gemiste kans: 2", "geen time-out: 1" for the reasons of the decisions flagged as missed
    (only those that occur; "label: n" avoids plurals a template can't get right)."""
    reasons = list(reasons)
    timeouts = sum(1 for r in reasons if r == "provocation")
    out = []
    if len(reasons) - timeouts:
        out.append(f"{tr('missed_opportunity', lang)}: {len(reasons) - timeouts}")
    if timeouts:
        out.append(f"{tr('missed_no_timeout', lang)}: {timeouts}")
    return out


def nothing_to_work_on(review: Review) -> bool:
    """A run the review gives no weakest dimension (and so no tips): nothing to work on."""
    return not review.weakest


def verdict_key(d: DecisionReview) -> Optional[str]:
    """The verdict word's key: a time-out is a pause, not a judged answer."""
    if d.is_timeout:
        return "verdict_timeout"
    return f"verdict_{d.verdict}" if d.verdict else None
