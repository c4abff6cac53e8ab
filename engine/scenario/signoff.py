"""Sign-off: which trainer checked a scenario's scoring, when, and against which content.

A sign-off is kept in a sidecar file beside the scenario (``speeltuin.yaml`` ->
``speeltuin.signoff.json``), not in the YAML itself: signing must not change what it
signs. The scenario's whole-file digest (which every saved session records) stays the
same, the author's file is never rewritten by a tool, and the schema of the format stays
as it is. Being JSON, the sidecar is not taken for a scenario by anything that looks for
``*.yaml`` in a folder.

A signature covers decisions one by one: for each it records a digest of the content
that decides a score (``decision_content``). Editing one line of one decision then
invalidates that decision's signature only; the rest stays signed. Positions, a
resident's thoughts and a line's face are left out of the digest: moving a node or
changing an emotion changes no score.

Pure apart from ``read_sidecar``, which reads the one file.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Optional, Sequence

from .errors import Problem
from .jsonpos import JsonPositions
from .messages import msg
from .model import Choice, Node, Pos, PrepQuestion, Scenario
from .text import Text

SIDECAR_SUFFIX = ".signoff.json"
SIDECAR_FORMAT = "tussenwerker-signoff"
SIDECAR_VERSION = 1
PREP_PREFIX = "prep:"  # a preparation question's decision id, as the play machine names its state
MAX_SIDECAR_BYTES = 4 * 1024 * 1024


class SignoffError(Exception):
    """A sidecar that can't be used; carries one ``Problem`` (file, line, message)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


# -- what a decision is, and its digest ---------------------------------------------------

def decision_ids(scenario: Scenario) -> tuple[str, ...]:
    """Every decision, in the order a trainee meets them in the file: preparation first."""
    prep = tuple(PREP_PREFIX + q.id for q in scenario.preparation.questions) if scenario.preparation else ()
    return prep + tuple(n.id for n in scenario.nodes.values() if n.is_decision)


def prep_question(scenario: Scenario, decision_id: str) -> Optional[PrepQuestion]:
    if not decision_id.startswith(PREP_PREFIX) or scenario.preparation is None:
        return None
    qid = decision_id[len(PREP_PREFIX):]
    return next((q for q in scenario.preparation.questions if q.id == qid), None)


def decision_pos(scenario: Scenario, decision_id: str) -> Pos:
    question = prep_question(scenario, decision_id)
    if question is not None:
        return question.pos
    node = scenario.nodes.get(decision_id)
    return node.pos if node is not None else Pos()


def _text(text: Optional[Text]) -> Optional[dict[str, str]]:
    return None if text is None else dict(sorted(text.to_data().items()))


def _condition(condition) -> Optional[str]:
    return None if condition is None else " ".join(condition.source.split())


def _choice(choice: Choice) -> dict[str, Any]:
    return {
        "id": choice.id, "text": _text(choice.text), "when": _condition(choice.when), "next": choice.next,
        "effects": {who: dict(sorted(d.items())) for who, d in sorted(choice.effects.items())},
        "set": sorted(choice.set_flags), "clear": sorted(choice.clear_flags),
        "score": dict(sorted(choice.score.items())), "label": choice.label, "feedback": _text(choice.feedback),
        "balcony": choice.balcony,
    }


def _node(node: Node) -> dict[str, Any]:
    return {
        "speaker": node.speaker, "text": _text(node.text),
        "variants": [{"when": _condition(v.when), "speaker": v.speaker, "text": _text(v.text)}
                     for v in node.variants],
        "opportunity": _text(node.opportunity), "provocation": node.provocation,
        # Options are shown shuffled unless ``order: fixed``; only then does their order matter.
        "order": node.order,
        "choices": [_choice(c) for c in (node.choices if node.order == "fixed"
                                         else sorted(node.choices, key=lambda c: c.id))],
    }


def _question(question: PrepQuestion) -> dict[str, Any]:
    options = question.options if question.order == "fixed" else sorted(question.options, key=lambda o: o.id)
    return {
        "prompt": _text(question.prompt), "order": question.order,
        "options": [{"id": o.id, "text": _text(o.text), "correct": o.correct, "feedback": _text(o.feedback),
                     "set": sorted(o.set_flags), "score": dict(sorted(o.score.items()))} for o in options],
    }


def decision_content(scenario: Scenario, decision_id: str) -> dict[str, Any]:
    """The content a signature vouches for: the line (and its variants), and per option its
    text, conditions, effects, flags, weights, label, feedback and where it leads.

    Feedback and label are in: they are the debrief's reason for a score, and a signature
    that survived a reversed reason would vouch for something nobody checked.
    """
    question = prep_question(scenario, decision_id)
    if question is not None:
        return {"kind": "prep", "id": question.id, **_question(question)}
    node = scenario.nodes.get(decision_id)
    if node is None or not node.is_decision:
        raise KeyError(decision_id)
    return {"kind": "node", "id": node.id, **_node(node)}


def decision_digest(scenario: Scenario, decision_id: str) -> str:
    canonical = json.dumps(decision_content(scenario, decision_id), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decision_digests(scenario: Scenario) -> dict[str, str]:
    return {d: decision_digest(scenario, d) for d in decision_ids(scenario)}


# -- the sidecar ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Signoff:
    """One trainer's signature over some decisions (usually all) of one version."""

    name: str
    role: str
    date: str  # ISO 8601, as written by the command
    decisions: Mapping[str, str]  # decision id -> digest at signing
    scenario_digest: str = ""  # the whole file's digest at signing, for the record
    note: str = ""

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "role": self.role, "date": self.date,
                                "scenario_digest": self.scenario_digest, "decisions": dict(self.decisions)}
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class SignoffFile:
    path: str
    scenario_id: str
    signoffs: tuple[Signoff, ...] = ()

    def with_signoff(self, signoff: Signoff) -> "SignoffFile":
        """This file with ``signoff`` added; it replaces an earlier one by the same person
        (a re-sign after changes), so each trainer appears once, with their latest."""
        same = _person(signoff.name)
        kept = tuple(s for s in self.signoffs if _person(s.name) != same)
        return replace(self, signoffs=kept + (signoff,))

    def to_data(self) -> dict[str, Any]:
        return {"format": SIDECAR_FORMAT, "version": SIDECAR_VERSION, "scenario": self.scenario_id,
                "signoffs": [s.to_data() for s in self.signoffs]}

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"


def _person(name: str) -> str:
    return " ".join(name.split()).casefold()


def make_signoff(scenario: Scenario, name: str, role: str, date: str,
                 decisions: Optional[Sequence[str]] = None, note: str = "") -> Signoff:
    """A signature over ``decisions`` (default: all) of the scenario as it is now."""
    name, role = " ".join(name.split()), " ".join(role.split())
    if not name:
        raise ValueError("a sign-off needs the name of who signs")
    if not role:
        raise ValueError("a sign-off needs the role of who signs (trainer, assessor, ...)")
    known = decision_ids(scenario)
    chosen = list(known) if not decisions else list(dict.fromkeys(decisions))
    unknown = [d for d in chosen if d not in known]
    if unknown:
        raise ValueError(f"no decision {unknown[0]!r} in {scenario.id}; decisions are: {', '.join(known)}")
    return Signoff(name, role, date, {d: decision_digest(scenario, d) for d in chosen}, scenario.digest,
                   " ".join(note.split()))


def sidecar_path(scenario_path: str) -> Optional[str]:
    """``dir/name.yaml`` -> ``dir/name.signoff.json``; ``None`` for a scenario without a file."""
    if not scenario_path or scenario_path.startswith("<"):
        return None
    root, ext = os.path.splitext(scenario_path)
    base = root if ext.lower() in (".yaml", ".yml") else scenario_path
    return base + SIDECAR_SUFFIX


def read_sidecar(scenario_path: str) -> Optional[SignoffFile]:
    """The sign-offs beside a scenario file; ``None`` when there are none (no file)."""
    path = sidecar_path(scenario_path)
    if path is None or not os.path.exists(path):
        return None
    try:
        if not os.path.isfile(path):  # a pipe or a device would be read for ever
            raise SignoffError(Problem(path, 1, 1, msg("signoff.cannot_read", reason=msg("file.kind_other"))))
        if os.path.getsize(path) > MAX_SIDECAR_BYTES:
            raise SignoffError(Problem(path, 1, 1, msg("signoff.too_large")))
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise SignoffError(Problem(path, 1, 1, msg("signoff.cannot_read", reason=exc.strerror))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SignoffError(Problem(path, line, 1, msg("signoff.not_utf8"))) from None
    return parse_sidecar(text, path)


def parse_sidecar(text: str, path: str) -> SignoffFile:
    """Read a sidecar's text; any problem raises ``SignoffError`` naming the line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SignoffError(Problem(path, exc.lineno, exc.colno, msg("signoff.not_json", reason=exc.msg))) \
            from None
    except (ValueError, RecursionError) as exc:  # a number of thousands of digits; nesting thousands deep
        reason = str(exc).split(";")[0] if isinstance(exc, ValueError) else "nested far too deep"
        raise SignoffError(Problem(path, 1, 1, msg("signoff.not_json", reason=reason))) from None
    where = JsonPositions(text, path)

    def fail(at: tuple, message: str) -> SignoffError:
        line, col = where.of(at)
        return SignoffError(Problem(path, line, col, message))

    if not isinstance(data, dict) or data.get("format") != SIDECAR_FORMAT:
        raise fail((), msg("signoff.not_signoff", format=SIDECAR_FORMAT))
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise fail(("version",), msg("signoff.no_version"))
    if version > SIDECAR_VERSION:
        raise fail(("version",), msg("signoff.newer", version=version))
    scenario_id = data.get("scenario")
    if not isinstance(scenario_id, str) or not scenario_id:
        raise fail(("scenario",), msg("signoff.no_scenario"))
    entries = data.get("signoffs")
    if not isinstance(entries, list):
        raise fail(("signoffs",), msg("signoff.not_list"))
    signoffs = []
    for i, entry in enumerate(entries):
        at = ("signoffs", i)
        if not isinstance(entry, dict):
            raise fail(at, msg("signoff.entry_not_mapping", i=i))
        for key in ("name", "role", "date"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise fail(at + ((key,) if key in entry else ()), msg("signoff.entry_needs", i=i, key=key))
        decisions = entry.get("decisions")
        if not isinstance(decisions, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                      for k, v in decisions.items()):
            raise fail(at + (("decisions",) if "decisions" in entry else ()),
                       msg("signoff.bad_decisions", i=i))
        signoffs.append(Signoff(entry["name"].strip(), entry["role"].strip(), entry["date"].strip(),
                                dict(decisions), str(entry.get("scenario_digest", "")), str(entry.get("note", ""))))
    return SignoffFile(path, scenario_id, tuple(signoffs))


# -- comparing a sidecar with the scenario as it is now -------------------------------------------

@dataclass(frozen=True)
class SignoffStatus:
    """What the sign-offs in a sidecar still vouch for.

    ``signed`` maps each current decision to the signatures whose digest still matches;
    ``changed`` lists (decision, signature) where a signature's digest no longer matches;
    ``unsigned`` the current decisions no signature covers as they are now.
    """

    scenario_id: str
    decisions: tuple[str, ...]
    signoffs: tuple[Signoff, ...]
    signed: Mapping[str, tuple[Signoff, ...]] = field(default_factory=dict)
    changed: tuple[tuple[str, Signoff], ...] = ()
    unsigned: tuple[str, ...] = ()
    foreign: Optional[str] = None  # the sidecar names another scenario: ignored

    @property
    def state(self) -> str:
        """``unsigned`` (no signature holds for any decision), ``signed`` (every decision
        carries a signature that still holds) or ``partial``."""
        if not any(self.signed.values()):
            return "unsigned"
        return "partial" if self.unsigned else "signed"

    @property
    def signers(self) -> tuple[Signoff, ...]:
        """The signatures that still hold for at least one decision, in signing order."""
        holding = {id(s) for sigs in self.signed.values() for s in sigs}
        return tuple(s for s in self.signoffs if id(s) in holding)


def assess(scenario: Scenario, sidecar: Optional[SignoffFile]) -> SignoffStatus:
    ids = decision_ids(scenario)
    if sidecar is None or not sidecar.signoffs:
        return SignoffStatus(scenario.id, ids, (), {d: () for d in ids}, (), ids)
    if sidecar.scenario_id != scenario.id:
        return SignoffStatus(scenario.id, ids, (), {d: () for d in ids}, (), ids, foreign=sidecar.scenario_id)
    digests = decision_digests(scenario)
    signed: dict[str, tuple[Signoff, ...]] = {}
    changed: list[tuple[str, Signoff]] = []
    for d in ids:
        holding = []
        for s in sidecar.signoffs:
            if d not in s.decisions:
                continue
            if s.decisions[d] == digests[d]:
                holding.append(s)
            else:
                changed.append((d, s))
        signed[d] = tuple(holding)
    unsigned = tuple(d for d in ids if not signed[d])
    return SignoffStatus(scenario.id, ids, sidecar.signoffs, signed, tuple(changed), unsigned)


def signoff_problems(scenario: Scenario) -> list[Problem]:
    """``validate``'s warnings: a signed decision that changed since, a decision added after
    a sign-off, a sidecar that is broken or belongs to another scenario."""
    try:
        sidecar = read_sidecar(scenario.path)
    except SignoffError as exc:
        return [replace(exc.problem, severity="warning")]
    if sidecar is None or not sidecar.signoffs:
        return []
    status = assess(scenario, sidecar)
    if status.foreign is not None:
        return [Problem(sidecar.path, 1, 1, msg("signoff.foreign", foreign=status.foreign, scenario=scenario.id),
                        "warning")]
    out = []
    for d, s in status.changed:
        pos = decision_pos(scenario, d)
        out.append(Problem(scenario.path, pos.line, pos.column,
                           msg("signoff.changed", decision=d, name=s.name, role=s.role, date=s.date[:10]),
                           "warning"))
    changed = {d for d, _ in status.changed}
    for d in status.unsigned:
        if d in changed:
            continue
        pos = decision_pos(scenario, d)
        out.append(Problem(scenario.path, pos.line, pos.column,
                           msg("signoff.unsigned", decision=d), "warning"))
    return out
