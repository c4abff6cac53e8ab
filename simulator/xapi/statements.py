"""Statements from a session's steps, in two stages: drafted with the step, finished before sending.

The journal writes a step's statements in the step's own transaction (``outbox``), so what was
played and what will be reported can never disagree. Everything a statement says is known
then — who, what, when, the option and its text, its weights, the place it was shown —
except the game review's judgement (verdict, missed opportunity, the best option, the
route's best and worst), which needs the scenario's solver: far too slow to run inside a
step of the window or the terminal. So a statement that carries a judgement is a *draft*
(``needs_review``) until the sender, in the background, reviews the session and fills it in
(``finish``) — once: from then on its JSON is fixed, and a retry sends the very same bytes
under the very same id, which an LRS stores once.

Every statement: a UUID ``id`` made when drafted, the ``actor`` from the settings, a ``verb``
and an activity ``object`` from ``profile``, a ``timestamp`` (when the step happened, never
the future), and a ``context`` with the session's ``registration``, the language it was
played in, the scenario (version and every version) and the profile as category, and the
group. No ``version``, ``stored`` or ``authority``: the LRS sets those.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from engine.debrief.selfrating import rating_rows
from engine.play.scoring import decision_weights
from engine.scenario.model import Scenario
from engine.scenario.text import Text
from simulator.xapi import profile as p

NEEDS_REVIEW = ("answered", "responded", "completed", "rated")  # verbs whose statements are drafts


def iso(seconds: float) -> str:
    """An ISO 8601 timestamp in UTC with milliseconds (xAPI's "Timestamp")."""
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(seconds: float) -> str:
    """An ISO 8601 duration (xAPI keeps 0.01 s)."""
    seconds = max(0.0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    return out + f"{secs:.2f}S"


def lang_map(text: Text) -> dict[str, str]:
    """A scenario text as an xAPI language map (keys are RFC 5646 tags: nl, en)."""
    return {lang: value for lang, value in text.variants.items() if value}


def verb(name: str) -> dict[str, Any]:
    iri, nl, en = p.VERBS[name]
    return {"id": iri, "display": {"nl": nl, "en": en}}


@dataclass(frozen=True)
class SessionContext:
    """What every statement of one session shares."""

    scenario: Scenario
    registration: str
    language: str
    actor: Mapping[str, Any]
    group: str = ""
    replay_of: Optional[str] = None  # the parent session's registration, for a replay from a decision
    branch_index: Optional[int] = None  # 0-based decision the replay started at
    send_own_words: bool = False

    @property
    def scenario_iri(self) -> str:
        return p.scenario_version(self.scenario.id, self.scenario.digest)

    def context(self, parent: bool = True, extra: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
        s = self.scenario
        # Every version shares this activity: only its type, which never changes (a name would
        # change with the title, and an activity id must always mean the same thing).
        grouping = [{"objectType": "Activity", "id": p.scenario_all(s.id), "definition": {"type": p.SCENARIO_TYPE}}]
        if self.group:
            grouping.append({"objectType": "Activity", "id": p.group_iri(self.group),
                             "definition": {"type": p.COURSE, "name": {"nl": self.group}}})
        activities: dict[str, Any] = {
            "grouping": grouping,
            "category": [{"objectType": "Activity", "id": p.PROFILE, "definition": {"type": p.PROFILE_TYPE}}],
        }
        if parent:
            activities["parent"] = [{"objectType": "Activity", "id": self.scenario_iri}]
        extensions: dict[str, Any] = {p.SCENARIO_ID: s.id, p.SCENARIO_DIGEST: s.digest}
        if self.group:
            extensions[p.GROUP] = self.group
        if self.replay_of:
            extensions[p.REPLAY_OF] = self.replay_of
            extensions[p.BRANCH_STEP] = (self.branch_index or 0) + 1
        extensions.update(extra or {})
        return {"registration": self.registration, "platform": "Tussenwerker", "language": self.language,
                "contextActivities": activities, "extensions": extensions}

    def statement(self, verb_name: str, obj: Mapping[str, Any], at: float, result: Optional[Mapping] = None,
                  parent: bool = True, extra: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
        out: dict[str, Any] = {"id": str(uuid.uuid4()), "actor": dict(self.actor), "verb": verb(verb_name),
                               "object": dict(obj)}
        if result:
            out["result"] = dict(result)
        out["context"] = self.context(parent, extra)
        out["timestamp"] = iso(at)
        return out

    # -- the activities -------------------------------------------------------------------
    def scenario_activity(self) -> dict[str, Any]:
        s = self.scenario
        definition: dict[str, Any] = {"type": p.SIMULATION, "name": lang_map(s.title)}
        if lang_map(s.summary):
            definition["description"] = lang_map(s.summary)
        return {"objectType": "Activity", "id": self.scenario_iri, "definition": definition}

    def node_activity(self, node_id: str) -> dict[str, Any]:
        s = self.scenario
        node = s.nodes[node_id]
        definition: dict[str, Any] = {
            "type": p.INTERACTION, "name": {"nl": node_id},
            "description": lang_map(node.text), "interactionType": "choice",
            "choices": [{"id": c.id, "description": lang_map(c.text)} for c in node.choices]}
        return {"objectType": "Activity", "id": p.node_iri(s.id, s.digest, node_id), "definition": definition}

    def question_activity(self, question_id: str) -> dict[str, Any]:
        s = self.scenario
        assert s.preparation is not None
        q = next(q for q in s.preparation.questions if q.id == question_id)
        correct = [o.id for o in q.options if o.correct]
        definition: dict[str, Any] = {
            "type": p.INTERACTION, "name": {"nl": question_id}, "description": lang_map(q.prompt),
            "interactionType": "choice", "choices": [{"id": o.id, "description": lang_map(o.text)} for o in q.options]}
        if correct:
            definition["correctResponsesPattern"] = correct
        return {"objectType": "Activity", "id": p.question_iri(s.id, s.digest, question_id), "definition": definition}

    def rating_activity(self) -> dict[str, Any]:
        s = self.scenario
        return {"objectType": "Activity", "id": p.self_rating_iri(s.id, s.digest),
                "definition": {"type": p.SELF_RATING_TYPE,
                               "name": {"nl": "Eigen inschatting", "en": "Self-rating"}}}


# -- drafts: one per step ----------------------------------------------------------------------
def launched(ctx: SessionContext, at: float) -> dict[str, Any]:
    return ctx.statement("launched", ctx.scenario_activity(), at, parent=False)


def initialized(ctx: SessionContext, at: float) -> dict[str, Any]:
    return ctx.statement("initialized", ctx.scenario_activity(), at, parent=False)


def decision(ctx: SessionContext, index: int, d: Any) -> dict[str, Any]:
    """A preparation answer (``answered``), a choice (``responded``) or a time-out."""
    s = ctx.scenario
    weights = {k: v for k, v in decision_weights(s, d).items() if v}
    extra = {p.STEP: index + 1}
    if d.kind == "timeout":
        node = s.nodes[d.node_id]
        result = {"extensions": {p.PROVOCATION: bool(node.provocation), **({p.WEIGHTS: weights} if weights else {})}}
        return ctx.statement("timeout", ctx.node_activity(d.node_id), d.at, result, extra=extra)
    extensions: dict[str, Any] = {p.CHOICE_ID: d.choice_id, p.OFFERED: list(d.offered)}
    if weights:  # an empty object is no value (xAPI: SHOULD NOT)
        extensions[p.WEIGHTS] = weights
    if d.shown_as is not None:
        extensions[p.SHOWN_AS] = d.shown_as
    if d.kind == "prep":
        assert s.preparation is not None
        q = next(q for q in s.preparation.questions if q.id == d.node_id)
        option = q.option(d.choice_id)
        extensions[p.CHOICE_TEXT] = lang_map(option.text)
        extensions[p.CHOICE] = p.option_iri(s.id, s.digest, d.node_id, d.choice_id)
        result = {"response": d.choice_id, "success": bool(option.correct), "extensions": extensions}
        return ctx.statement("answered", ctx.question_activity(d.node_id), d.at, result, extra=extra)
    choice = s.choice(f"{d.node_id}.{d.choice_id}")
    extensions[p.CHOICE_TEXT] = lang_map(choice.text)
    extensions[p.CHOICE] = p.choice_iri(s.id, s.digest, d.node_id, d.choice_id)
    if ctx.send_own_words and d.own_words:
        extensions[p.OWN_WORDS] = d.own_words
    result = {"response": d.choice_id, "extensions": extensions}
    return ctx.statement("responded", ctx.node_activity(d.node_id), d.at, result, extra=extra)


def completed(ctx: SessionContext, totals: Mapping[str, int], ending_id: str, started: float,
              at: float) -> dict[str, Any]:
    ending = ctx.scenario.endings[ending_id]
    result = {"completion": True, "duration": duration(at - started),
              "score": {"raw": sum(totals.values())},
              "extensions": {p.TOTALS: dict(totals), p.ENDING: {"id": ending.id, "kind": ending.kind}}}
    return ctx.statement("completed", ctx.scenario_activity(), at, result, parent=False)


def terminated(ctx: SessionContext, started: float, at: float) -> dict[str, Any]:
    return ctx.statement("terminated", ctx.scenario_activity(), at, {"duration": duration(at - started)},
                         parent=False)


def rated(ctx: SessionContext, rating: Any) -> dict[str, Any]:
    extensions: dict[str, Any] = {p.SELF_RATING: dict(rating.scores)}
    if ctx.send_own_words and (rating.plus or rating.delta):
        extensions[p.PLUS_DELTA] = {"plus": rating.plus, "delta": rating.delta}
    return ctx.statement("rated", ctx.rating_activity(), rating.at, {"extensions": extensions})


# -- finishing a draft with the review -----------------------------------------------------------
def verb_name(statement: Mapping[str, Any]) -> Optional[str]:
    iri = statement.get("verb", {}).get("id")
    return next((name for name, (v, _, _) in p.VERBS.items() if v == iri), None)


def finish(statement: dict[str, Any], review: Optional[Any], rating: Optional[Any] = None) -> dict[str, Any]:
    """The draft with the review's judgement filled in (``review`` None: sent without it — the
    scenario is gone or no longer fits — rather than never)."""
    if review is None:
        return statement
    name = verb_name(statement)
    result = statement.setdefault("result", {})
    extensions = result.setdefault("extensions", {})
    if name in ("answered", "responded"):
        index = int(statement["context"]["extensions"][p.STEP]) - 1
        if 0 <= index < len(review.decisions):
            d = review.decisions[index]
            extensions[p.VERDICT] = d.verdict
            extensions[p.REGRET] = None if d.regret is None else round(d.regret, 3)
            extensions[p.MISSED] = d.missed_reason if d.missed_opportunity else None
            best = d.better_id if d.better_id is not None else (d.decision.choice_id if d.verdict == "best" else None)
            extensions[p.BEST_CHOICE] = best
    elif name == "completed":
        raw = review.overall
        lo, hi = min(review.route_worst_overall, raw), max(review.route_best_overall, raw)
        score: dict[str, Any] = {"raw": raw}
        if lo < hi:
            score["min"], score["max"] = lo, hi
        if hi > 0:
            score["scaled"] = round(max(-1.0, min(1.0, raw / hi)), 4)
        result["score"] = score
        extensions[p.ROUTE_BEST] = {**dict(review.best), "overall": review.route_best_overall}
        extensions[p.BEST_ACHIEVABLE] = review.best_overall
    elif name == "rated" and rating is not None:
        extensions[p.MEASURED] = {row.key: row.measured for row in rating_rows(review, rating)
                                  if row.measured is not None}
    return statement
