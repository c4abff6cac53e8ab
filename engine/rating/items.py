"""What a rater sees of each decision, and the key they must not see.

A blind item is a decision as the trainee meets it: the line (and the lines just before
it), and the options in a shuffled order, without weights, labels, feedback or ids that
give the author's verdict away ("ultimatum", "gouden_brug"). Options are known by an
opaque code derived from their id (``option_code``): stable across sheets and edits,
never a position, and meaningless to the rater.

The key is the author's: per option its weights, their total and its label; a
preparation option's ``correct`` stands in for a label.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Mapping, Optional

from ..scenario.model import NARRATOR, Scenario
from ..scenario.signoff import decision_digest, decision_ids, prep_question
from ..scenario.text import Text

CODE_LENGTH = 6


@dataclass(frozen=True)
class Line:
    speaker: Optional[str]  # a resident id; None for the narrator
    text: Text


@dataclass(frozen=True)
class Option:
    code: str
    option_id: str  # for the report only; a sheet never shows it
    text: Text
    conditional: bool  # only offered in some meetings (``when``)


@dataclass(frozen=True)
class Item:
    id: str  # the decision id: a node id, or "prep:QUESTION"
    kind: str  # "prep" or "meeting"
    line: Line  # the resident's line, or the preparation question
    variants: tuple[Line, ...]  # other wordings of the line, depending on the meeting so far
    before: tuple[Line, ...]  # lines that lead straight into this one
    options: tuple[Option, ...]  # shuffled
    digest: str


@dataclass(frozen=True)
class KeyOption:
    option_id: str
    text: Text
    weights: Mapping[str, int]
    label: Optional[str]  # best/good/inaccuracy/mistake; "correct" for a right preparation answer

    @property
    def total(self) -> int:
        return sum(self.weights.values())


# Consonants only: a code never reads as a word, and no spreadsheet takes it for a number
# ("12e456") or a date.
CODE_LETTERS = "bcdfghjkmnpqrstvwxz"


def option_code(decision_id: str, option_id: str, length: int = CODE_LENGTH) -> str:
    digest = hashlib.sha256(f"{decision_id}\x00{option_id}".encode("utf-8", "surrogatepass")).digest()
    return "".join(CODE_LETTERS[b % len(CODE_LETTERS)] for b in digest[:length])


def option_codes(decision_id: str, option_ids: tuple[str, ...]) -> dict[str, str]:
    """option id -> code, lengthened for this decision until no two options share one."""
    length = CODE_LENGTH
    while True:
        codes = {o: option_code(decision_id, o, length) for o in option_ids}
        if len(set(codes.values())) == len(codes) or length >= 32:
            return codes
        length += 2


def key(scenario: Scenario) -> dict[str, dict[str, KeyOption]]:
    """decision id -> option id -> the author's scoring, in the file's order."""
    out: dict[str, dict[str, KeyOption]] = {}
    for d in decision_ids(scenario):
        question = prep_question(scenario, d)
        if question is not None:
            out[d] = {o.id: KeyOption(o.id, o.text, dict(o.score), "correct" if o.correct else None)
                      for o in question.options}
        else:
            out[d] = {c.id: KeyOption(c.id, c.text, dict(c.score), c.label) for c in scenario.nodes[d].choices}
    return out


def _speaker(speaker: Optional[str]) -> Optional[str]:
    return None if speaker in (None, NARRATOR) else speaker


def _shuffled(options: list[Option], seed: str) -> tuple[Option, ...]:
    # ``random()`` is the one method whose sequence Python promises to keep across versions.
    rng = random.Random(seed)
    draws = [rng.random() for _ in options]
    return tuple(o for _, o in sorted(zip(draws, options), key=lambda pair: pair[0]))


def items(scenario: Scenario, seed: str = "") -> tuple[Item, ...]:
    """The blind items, one per decision, in the file's order; the same seed gives the same
    shuffles (so a sheet can be made again), another seed other ones."""
    leads: dict[str, list[Line]] = {}
    for node in scenario.nodes.values():
        if not node.is_decision and node.next is not None:
            leads.setdefault(node.next, []).append(Line(_speaker(node.speaker), node.text))
    out = []
    for d in decision_ids(scenario):
        question = prep_question(scenario, d)
        if question is not None:
            ids = tuple(o.id for o in question.options)
            codes = option_codes(d, ids)
            options = [Option(codes[o.id], o.id, o.text, False) for o in question.options]
            line, variants, before, kind = Line(None, question.prompt), (), (), "prep"
        else:
            node = scenario.nodes[d]
            ids = tuple(c.id for c in node.choices)
            codes = option_codes(d, ids)
            options = [Option(codes[c.id], c.id, c.text, c.when is not None) for c in node.choices]
            line = Line(_speaker(node.speaker), node.text)
            variants = tuple(Line(_speaker(v.speaker or node.speaker), v.text) for v in node.variants)
            before, kind = tuple(leads.get(d, ())), "meeting"
        out.append(Item(d, kind, line, variants, before, _shuffled(options, f"{seed}\x00{d}"),
                        decision_digest(scenario, d)))
    return tuple(out)


def code_map(scenario: Scenario) -> dict[str, dict[str, str]]:
    """decision id -> code -> option id: how a filled sheet's codes are read back."""
    out = {}
    for d, options in key(scenario).items():
        out[d] = {code: o for o, code in option_codes(d, tuple(options)).items()}
    return out
