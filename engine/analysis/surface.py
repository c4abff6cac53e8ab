"""The surface classifier: how likely an option is the best, from what a reader notices without reading.

The tells report plays it as one more content-blind strategy: trained on *other* scenarios
(the shipped ones), it finds the tells nobody thought to list (length, punctuation, "we",
a number). Training means loading every scenario it learns from and a few hundred rounds of
gradient descent over their options: one to three seconds that every ``validate`` and
``analyze`` would pay again for the same answer. So the weights learned from the shipped
scenarios ship with them (``simulator/surface_model.py`` writes them), recorded with the
digest of every scenario they were learned from. ``StoredWeights`` hands them out only while
those digests are exactly the shipped files' digests; one changed file and it trains afresh,
so stored weights are never stale, only a shortcut.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from operator import mul
from typing import Callable, Mapping, Optional, Sequence

import yaml

from ..scenario.model import Scenario

ROUNDS = 300
RATE = 0.5
MODEL_VERSION = 1  # of the stored weights' format; another version is not read


# -- features of an option's text ---------------------------------------------------------------
def _cues() -> dict[str, list[str]]:
    text = resources.files(__package__).joinpath("cue_words.yaml").read_text(encoding="utf-8")
    return {lang: [str(w).lower() for w in words] for lang, words in yaml.safe_load(text).items()}


CUES = _cues()

_CUE_PATTERNS = {lang: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")")
                 for lang, words in CUES.items()}


def ends_in_question(text: str) -> bool:
    return text.rstrip().rstrip(")]'\"’”").endswith("?")


# The house style of options written by one hand: the right ones an open "wat/hoe" question or a
# proposal set out after a colon, the wrong ones "ja, maar", "!" and a pile of "ik" (an audit of the
# shipped scenarios found a reader who knew only this reaching 0.79 of the range).
_STYLE = {"nl": (re.compile(r"\b(?:wat|hoe)\b"), re.compile(r"\bmaar\b"), re.compile(r"\bik\b")),
          "en": (re.compile(r"\b(?:what|how)\b"), re.compile(r"\bbut\b"), re.compile(r"\bi\b"))}


@lru_cache(maxsize=4096)
def style_score(text: str, lang: str) -> float:
    """How much an option looks like a right one by house style alone: an open question word, a
    colon; against: "maar", "!", and each "ik" half as much."""
    ask, but, me = _STYLE.get(lang, _STYLE["en"])
    low = text.lower()
    return (bool(ask.search(low)) + (":" in text) - bool(but.search(low)) - ("!" in text)
            - 0.5 * len(me.findall(low)))


@lru_cache(maxsize=4096)
def cue_count(text: str, lang: str) -> int:
    pattern = _CUE_PATTERNS.get(lang)
    return len(pattern.findall(text.lower())) if pattern is not None else 0


def resident_names(s: Scenario) -> list[str]:
    return sorted({part.lower() for r in s.residents for part in r.name.split() if len(part) > 2})


def features(texts: Sequence[str], lang: str, names: Sequence[str]) -> list[list[float]]:
    """Per option: what a reader could notice without reading (relative to the others on offer)."""
    lengths = [len(t) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: -lengths[i])
    longest = max(lengths) or 1
    out = []
    for i, t in enumerate(texts):
        low = t.lower()
        out.append([
            lengths[i] / longest,
            1.0 if order[0] == i else 0.0,
            1.0 if order[-1] == i else 0.0,
            1.0 if ends_in_question(t) else 0.0,
            min(3, cue_count(t, lang)) / 3,
            1.0 if any(n in low for n in names) else 0.0,
            1.0 if "!" in t else 0.0,
            min(4, t.count(",")) / 4,
            1.0 if re.search(r"\b(u|jij|je|you)\b", low) else 0.0,
            1.0 if re.search(r"\b(we|wij|ons|onze|us|our)\b", low) else 0.0,
            1.0 if re.search(r"\b(niet|geen|nee|not|no|never|nooit)\b", low) else 0.0,
            1.0 if re.search(r"\d", t) else 0.0,
        ])
    return out


def overall(option) -> int:
    return sum(option.score.values())


def named_decisions(s: Scenario) -> list[tuple[str, list]]:
    """Every decision as written where there is a choice, named ("prep:QUESTION" or the node),
    with its options (preparation questions too)."""
    out = [(f"prep:{q.id}", list(q.options)) for q in (s.preparation.questions if s.preparation else ())
           if len(q.options) > 1]
    out += [(n.id, list(n.choices)) for n in s.nodes.values() if len(n.choices) > 1]
    return out


# -- the classifier ------------------------------------------------------------------------------------
class Classifier:
    """Logistic regression on ``features``: how likely an option is the best, from its surface alone."""

    def __init__(self, examples: list[tuple[list[float], int]], rounds: int = ROUNDS, rate: float = RATE):
        width = len(examples[0][0]) if examples else 12
        self.w = [0.0] * (width + 1)
        # Plain gradient descent, written per feature column so the sums run in C; every sum
        # adds the same terms in the same order as an example-by-example loop would.
        rows = [x + [1.0] for x, _ in examples]
        columns = list(zip(*rows))
        ys = [float(y) for _, y in examples]
        for _ in range(rounds if examples else 0):
            w = self.w
            errors = [_sigmoid(sum(map(mul, w, row))) - y for row, y in zip(rows, ys)]
            self.w = [wk - rate * sum(map(mul, errors, column)) / len(examples) for wk, column in zip(w, columns)]

    @classmethod
    def from_weights(cls, weights: Sequence[float]) -> "Classifier":
        model = cls([])
        model.w = [float(v) for v in weights]
        return model

    def probability(self, x: list[float]) -> float:
        return _sigmoid(sum(w * v for w, v in zip(self.w, x + [1.0])))

    @classmethod
    def trained_on(cls, scenarios: Sequence[Scenario], lang: str) -> "Classifier":
        examples: list[tuple[list[float], int]] = []
        for s in scenarios:
            names = resident_names(s)
            for _, options in named_decisions(s):
                texts = [o.text.get(lang) for o in options]
                top = max(overall(o) for o in options)
                for x, o in zip(features(texts, lang, names), options):
                    examples.append((x, 1 if overall(o) == top else 0))
        return cls(examples)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# -- what a classifier learns from -------------------------------------------------------------------
class Training:
    """Where the classifier for a scenario comes from: never from the scenario itself."""

    def classifier(self, lang: str, without: str) -> Optional[Classifier]:
        """Learned from every training scenario whose id is not ``without``; None if there are none."""
        raise NotImplementedError


class Examples(Training):
    """Trains on scenarios (loaded only when a classifier is first asked for), once per set and language."""

    def __init__(self, scenarios: Callable[[], Sequence[Scenario]] | Sequence[Scenario]):
        self._load = scenarios if callable(scenarios) else (lambda: scenarios)
        self._models: dict[tuple, Classifier] = {}

    def scenarios(self, without: str) -> list[Scenario]:
        return [s for s in self._load() if s.id != without]

    def classifier(self, lang: str, without: str) -> Optional[Classifier]:
        others = self.scenarios(without)
        if not others:
            return None
        key = (tuple(sorted(o.digest or o.id for o in others)), lang)
        model = self._models.get(key)
        if model is None:
            model = self._models[key] = Classifier.trained_on(others, lang)
        return model


class StoredWeights(Training):
    """Weights learned before, while the scenarios they came from are unchanged; else ``fallback``.

    ``current``: the digest of every training scenario's file as it is now. The stored record
    names the digest and id of each scenario it learned from; only when the two sets of
    digests are equal are the stored weights the ones training would give.
    """

    def __init__(self, stored: Mapping, current: Sequence[str], fallback: Training):
        self._fallback = fallback
        self._weights: Optional[dict[str, dict[str, list[float]]]] = None  # without (or "") -> lang -> w
        self._ids: set[str] = set()
        if (isinstance(stored, Mapping) and stored.get("version") == MODEL_VERSION
                and isinstance(stored.get("scenarios"), Mapping)
                and set(stored["scenarios"]) == set(current) and len(set(current)) == len(current)):
            self._ids = {str(i) for i in stored["scenarios"].values()}
            self._weights = {str(m.get("without") or ""): m["weights"] for m in stored.get("models", ())}

    @property
    def fresh(self) -> bool:
        """The stored weights are the ones the current training scenarios give."""
        return self._weights is not None

    def classifier(self, lang: str, without: str) -> Optional[Classifier]:
        if self._weights is not None:
            key = without if without in self._ids else ""
            weights = self._weights.get(key, {}).get(lang)
            if weights is not None:
                return Classifier.from_weights(weights)
        return self._fallback.classifier(lang, without)


def stored_record(scenarios: Sequence[Scenario], languages: Sequence[str]) -> dict:
    """What ``StoredWeights`` reads: the weights learned from all of ``scenarios`` and from all but
    each one, per language, with the digest and id of every scenario learned from."""
    examples = Examples(scenarios)
    ids = [None] + sorted({s.id for s in scenarios})
    return {
        "version": MODEL_VERSION,
        "scenarios": {s.digest: s.id for s in sorted(scenarios, key=lambda s: s.id)},
        "models": [{"without": without,
                    "weights": {lang: examples.classifier(lang, without or "").w for lang in languages}}
                   for without in ids if examples.scenarios(without or "")],
    }


__all__ = ["Classifier", "Training", "Examples", "StoredWeights", "stored_record", "features", "cue_count",
           "ends_in_question", "resident_names", "named_decisions", "CUES"]
