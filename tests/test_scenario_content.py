"""The shipped scenarios keep the content rules trainers rely on.

Full scenarios: at least 30 dialogue nodes, 12 decision points and 3 endings; every one
of the nine dimensions tested by at least two choices that score well and one that
scores badly (preparation answers count for step 1); a provocation with a balcony
move; at least two empathic opportunities. Every scenario: every text in Dutch and
English.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from engine import DIMENSION_KEYS, Text, load_scenario
from tests.conftest import SHIPPED

FULL = [p for p in SHIPPED if p.stem in ("speeltuin", "verslavingsopvang")]


def weights(scenario):
    for node in scenario.nodes.values():
        for choice in node.choices:
            yield choice.score
    if scenario.preparation:
        for q in scenario.preparation.questions:
            for option in q.options:
                yield option.score


@pytest.mark.parametrize("path", FULL, ids=lambda p: p.stem)
def test_full_scenario_size(path):
    s = load_scenario(str(path))
    assert len(s.nodes) >= 30 and s.decision_count >= 12 and len(s.endings) >= 3
    assert len({e.kind for e in s.endings.values()}) >= 3


@pytest.mark.parametrize("path", FULL, ids=lambda p: p.stem)
def test_every_dimension_has_two_good_and_one_bad_choice(path):
    s = load_scenario(str(path))
    good, bad = Counter(), Counter()
    for score in weights(s):
        for dim, w in score.items():
            (good if w > 0 else bad)[dim] += 1
    short = [d for d in DIMENSION_KEYS if good[d] < 2 or bad[d] < 1]
    assert not short, f"too few good/bad choices for {short}: good={dict(good)} bad={dict(bad)}"


@pytest.mark.parametrize("path", FULL, ids=lambda p: p.stem)
def test_provocation_balcony_and_opportunities(path):
    s = load_scenario(str(path))
    assert any(c.balcony for n in s.nodes.values() for c in n.choices)
    assert sum(1 for n in s.nodes.values() if n.opportunity is not None) >= 2
    assert s.preparation is not None and any(
        r.kind == "prep" for n in s.nodes.values() for c in n.choices if c.when for r in c.when.refs())


def _texts(obj, where="scenario"):
    if isinstance(obj, Text):
        yield where, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.name != "marks":
                yield from _texts(getattr(obj, f.name), f"{where}.{f.name}")
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{where}[{i}]")
    elif isinstance(obj, dict) or hasattr(obj, "items"):
        for k, v in obj.items():
            yield from _texts(v, f"{where}.{k}")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_text_has_dutch_and_english(path):
    s = load_scenario(str(path))
    texts = list(_texts(s))
    assert len(texts) > 50
    missing = [where for where, t in texts if t.variants and not (t.has("nl") and t.has("en"))]
    assert not missing, f"texts without both languages: {missing[:5]}"
