"""The debrief as plain data: the JSON export, and what the Markdown and HTML reports render.

One function turns the engine's ``Review`` (plus the session's journal record and the
progress over earlier attempts) into a dict of numbers, ids and texts resolved in one
language. The JSON export writes it as is; the Markdown and HTML exports only lay it
out, so all three always say the same. The shape is documented in
``docs/debrief-json.md``; bump ``JSON_VERSION`` on any incompatible change.

Version 2 adds the trainee's self-rating beside the measurement (``self_rating``), a
replay's two paths side by side (``paths``), where a session branched from
(``session.parent_id``, ``session.branch_step``) and whether an opportunity was taken up
(``decisions[].opportunity_met``). Added within version 2 (readers ignore keys they don't
know): time-outs as decisions of kind ``timeout``, where the trainee saw each option
(``decisions[].offered``, ``shown_as``), what they typed first in own-words mode
(``own_words``), a missed time-out at a provocation (``missed_reason`` ``provocation``) and
each dimension's one figure on the self-rating's 1-5 scale (``scale``), and the group
features: the lens beside the dimensions (``lens``, ``decisions[].lens``; null when the
scenario tags no move) and the room's reaction after a move (``decisions[].room``).
"""

from __future__ import annotations

import json
import time
from typing import Any, Mapping, Optional

from engine.debrief.branching import PathComparison
from engine.debrief.progress import Progress
from engine.debrief.review import GOOD_MAX_REGRET, INACCURACY_MAX_REGRET, DecisionReview, Review
from engine.debrief.selfrating import SelfRating, rating_rows
from engine.scenario.dimensions import BY_KEY, DIMENSIONS
from engine.scenario.text import Text
from simulator.debrief_words import overall_scale, provoked
from simulator.journal import SessionRecord
from simulator.safewrite import WriteRefused, write_output
from simulator.signoff_status import status_data, status_of
from simulator.terminal.debrief_lens import lens_about, lens_name, reaction_text
from simulator.timestamps import iso

JSON_FORMAT = "tussenwerker-debrief"
JSON_VERSION = 2


class ExportError(Exception):
    """A report couldn't be written; ``str()`` is one line naming the file."""


def _t(text: Optional[Text], lang: str) -> Optional[str]:
    if text is None or not text.variants:
        return None
    return text.get(lang)


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 1)


def debrief_data(review: Review, lang: str, record: Optional[SessionRecord] = None,
                 progress: Optional[Progress] = None, rating: Optional[SelfRating] = None,
                 comparison: Optional[PathComparison] = None) -> dict[str, Any]:
    """Everything a debrief shows, in ``lang``, as JSON-ready data."""
    s = review.scenario
    names = {r.id: r.name for r in s.residents}
    counts = review.counts()
    ending = review.ending
    data: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "language": lang,
        "generated_at": iso(time.time()),
        "session": None if record is None else {
            "id": record.id, "trainee": record.trainee, "started_at": iso(record.started_at),
            "updated_at": iso(record.updated_at), "finished": record.finished, "language": record.language,
            "parent_id": record.parent_id,
            "branch_step": None if record.branch_index is None else record.branch_index + 1,
        },
        "scenario": {"id": s.id, "title": s.title.get(lang), "digest": s.digest,
                     "residents": [{"id": r.id, "name": r.name, "role": _t(r.role, lang)} for r in s.residents],
                     "mood_variables": _mood_variables(s, lang)},
        "ending": None if ending is None else {
            "id": ending.id, "kind": ending.kind, "title": ending.title.get(lang),
            "text": _t(ending.text, lang), "debrief": _t(ending.debrief, lang),
        },
        "exact": review.exact,
        "thresholds": {"best": 0.0, "good": GOOD_MAX_REGRET, "inaccuracy": INACCURACY_MAX_REGRET},
        "overall": {"score": review.overall, "best": review.best_overall, "worst": review.worst_overall,
                    "percent": _round(review.overall_percent), "scale": _round(overall_scale(review))},
        "counts": counts,
        "preparation": None,
        "decisions": [],
        "dimensions": [],
        "strongest": review.strongest,
        "weakest": list(review.weakest),
        "tips": [{"index": i, "text": t.get(lang)} for i, t in zip(review.tips, review.tip_texts)],
        "reflection": [q.get(lang) for q in review.reflection],
        "progress": None,
        "self_rating": _rating(review, rating, lang),
        "paths": None if comparison is None else _paths(comparison, lang, names, record),
        "signoff": status_data(status_of(s), lang),  # who checked the scores, or that nobody did
        "lens": _lens(review, lang),  # beside the dimensions, never in a score; null when nothing is tagged
    }
    if review.prep is not None:
        data["preparation"] = {
            "correct": review.prep.correct, "asked": review.prep.asked,
            "answers": [{"question": a.question_id, "prompt": a.prompt.get(lang), "answer": a.chosen_text.get(lang),
                         "correct": a.correct, "feedback": _t(a.feedback, lang),
                         "right_answer": _t(a.right_text, lang), "right_feedback": _t(a.right_feedback, lang)}
                        for a in review.prep.answers],
        }
    for d in review.decisions:
        better = None
        if d.better_id is not None:
            better = {"choice": d.better_id, "text": _t(d.better_text, lang),
                      "feedback": _t(d.better_feedback, lang), "weights": dict(d.better_weights or {})}
        data["decisions"].append({
            "step": d.index + 1, "kind": d.decision.kind, "node": d.decision.node_id,
            "choice": d.decision.choice_id, "speaker": d.speaker,
            "speaker_name": names.get(d.speaker or "", None), "prompt": d.prompt.get(lang),
            "chosen": d.chosen_text.get(lang), "weights": dict(d.weights), "feedback": _t(d.feedback, lang),
            "verdict": d.verdict, "regret": None if d.regret is None else round(d.regret, 3),
            "missed_opportunity": d.missed_opportunity, "missed_reason": d.missed_reason,
            "opportunity": _t(d.opportunity, lang),
            "opportunity_met": None if d.opportunity is None else d.missed_reason != "opportunity",
            "thought": _t(d.thought, lang), "better": better,
            "options": d.options, "best_here": dict(d.best_here), "best_after": dict(d.best_after),
            "mood_before": _mood(d.decision.mood_before), "mood_after": _mood(d.decision.mood_after),
            **_order_and_words(d),
            "lens": _decision_lens(review, d, lang),
            "room": _room(review, d, lang),
        })
    for dim in DIMENSIONS:
        dr = review.dimension(dim.key)
        data["dimensions"].append({
            "key": dim.key, "group": dim.group, "short": dim.short.get(lang), "label": dim.label.get(lang),
            "score": dr.score, "best": dr.best, "worst": dr.worst, "route_best": dr.route_best,
            "route_worst": dr.route_worst, "percent": _round(dr.percent), "route_percent": _round(dr.route_percent),
            "trained": dr.trained, "scale": _round(dr.scale),
            "strongest_step": None if dr.strongest_step is None else dr.strongest_step + 1,
            "weakest_step": None if dr.weakest_step is None else dr.weakest_step + 1,
        })
    if progress is not None:
        data["progress"] = {
            "attempts": [{"session": a.session_id, "started_at": iso(a.at), "totals": dict(a.totals),
                          "overall": a.overall} for a in progress.attempts],
            "trends": [{"key": t.key, "label": BY_KEY[t.key].short.get(lang) if t.key in BY_KEY else None,
                        "values": list(t.values), "change": t.change, "since_first": t.since_first}
                       for t in progress.trends],
        }
    return data


def _order_and_words(d: DecisionReview) -> dict[str, Any]:
    """Where the trainee saw the options (the order is shuffled per session) and what they typed
    first in own-words mode."""
    return {"offered": list(d.decision.offered), "shown_as": d.decision.shown_as,
            "own_words": d.decision.own_words, "provoked": provoked(d)}


def _lens(review: Review, lang: str) -> Optional[list[dict[str, Any]]]:
    """Per lens tag the scenario uses, where the move was made and where left (steps); None when
    the scenario tags no move. Beside the dimensions, never in a score."""
    if not review.lens:
        return None
    return [{"tag": lr.tag, "name": lens_name(lr.tag, lang), "about": lens_about(lr.tag, lang),
             "made": [i + 1 for i in lr.made], "missed": [i + 1 for i in lr.missed]} for lr in review.lens]


def _decision_lens(review: Review, d: DecisionReview, lang: str) -> Optional[dict[str, Any]]:
    """The lens tags of the move made and the tagged options left; None when the scenario tags no move."""
    if not review.lens:
        return None
    return {"made": list(d.lens),
            "missed": [{"tag": o.tag, "choice": o.choice_id, "text": o.text.get(lang)} for o in d.lens_missed]}


def _room(review: Review, d: DecisionReview, lang: str) -> Optional[dict[str, Any]]:
    """The group reactions that fired right after this move, and the mood they left; None when none did."""
    if not d.reactions:
        return None
    return {"reactions": [{"index": k, "text": reaction_text(review.scenario, k, lang)} for k in d.reactions],
            "mood_after": None if d.room_mood is None else _mood(d.room_mood)}


def _rating(review: Review, rating: Optional[SelfRating], lang: str) -> Optional[dict[str, Any]]:
    if rating is None or rating.empty:
        return None
    rows = []
    for row in rating_rows(review, rating):
        rows.append({"key": row.key, "label": BY_KEY[row.key].short.get(lang) if row.key in BY_KEY else None,
                     "own": row.own, "measured": row.measured, "percent": _round(row.percent),
                     "scale": _round(overall_scale(review) if row.key == "overall" else
                                     review.dimension(row.key).scale if row.measured is not None else None),
                     "gap": row.gap, "notable": row.notable})
    return {"rated_at": iso(rating.at), "plus": rating.plus or None, "delta": rating.delta or None, "rows": rows}


def _side(d: Optional[DecisionReview], lang: str, names: Mapping[str, str]) -> Optional[dict[str, Any]]:
    if d is None:
        return None
    return {"kind": d.decision.kind, "node": d.decision.node_id, "choice": d.decision.choice_id,
            "speaker_name": names.get(d.speaker or "", None), "prompt": d.prompt.get(lang),
            "chosen": d.chosen_text.get(lang), "weights": dict(d.weights), "verdict": d.verdict,
            "missed_opportunity": d.missed_opportunity, "missed_reason": d.missed_reason,
            "mood_after": _mood(d.decision.mood_after)}


def _ending(ending: Any, lang: str) -> Optional[dict[str, Any]]:
    return None if ending is None else {"id": ending.id, "kind": ending.kind, "title": ending.title.get(lang)}


def _paths(c: PathComparison, lang: str, names: Mapping[str, str],
           record: Optional[SessionRecord]) -> dict[str, Any]:
    keys = [d.key for d in DIMENSIONS] + ["overall"]
    return {
        "branch_step": c.branch_index + 1,
        "first_session": record.parent_id if record is not None else None,
        "first_difference": None if c.first_difference is None else c.first_difference + 1,
        "steps": [{"step": s.index + 1, "same_moment": s.same_moment, "same_choice": s.same_choice,
                   "first_step": None if s.first_index is None else s.first_index + 1,
                   "second_step": None if s.second_index is None else s.second_index + 1,
                   "first_elsewhere": s.first_elsewhere, "second_elsewhere": s.second_elsewhere,
                   "first": _side(s.first, lang, names), "second": _side(s.second, lang, names)} for s in c.steps],
        "first_ending": _ending(c.first_ending, lang), "second_ending": _ending(c.second_ending, lang),
        "totals": [{"key": k, "first": c.first_totals.get(k, 0), "second": c.second_totals.get(k, 0),
                    "change": c.change(k)} for k in keys],
        "first_counts": dict(c.first_counts), "second_counts": dict(c.second_counts),
        "first_mood": _mood(c.first_mood), "second_mood": _mood(c.second_mood),
    }


def _mood_variables(scenario: Any, lang: str) -> list[dict[str, Any]]:
    """The mood variables' labels and ranges: what the mood timeline's axes need."""
    return [{"key": v.key, "label": v.label.get(lang), "min": v.minimum, "max": v.maximum, "good": v.good}
            for v in scenario.mood_variables.values()]


def _mood(mood: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    return {who: dict(values) for who, values in mood.items()}


def write_text(path: str, text: str, force: bool = False) -> None:
    """Write a report by ``safewrite``'s rules: never over the journal, the settings or a scenario,
    over another existing file only with ``force``, atomically (a failure leaves the old file)."""
    try:
        write_output(path, text, force=force)
    except WriteRefused as exc:
        raise ExportError(str(exc)) from None


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
