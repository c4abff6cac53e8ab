"""Property tests: whatever the YAML, the loader returns a scenario or a clear error.

Random documents, random text, and structure-aware mutations of a valid scenario
(dropped keys, wrong types, dangling ids, odd Unicode) must never raise anything but
``ScenarioError``, and every problem must carry a position and a message.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import Scenario, ScenarioError, load_scenario_text
from tests.crafted import MINIMAL

BASE = yaml.safe_load(MINIMAL)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 1000), st.floats(allow_nan=False),
    st.text(max_size=30), st.sampled_from(["opening", "bert", "step3", "trust", "nl", "en", "afspraak"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=10), st.sampled_from(list(BASE))), children, max_size=6),
    ),
    max_leaves=40,
)


def check(source: str) -> None:
    try:
        result = load_scenario_text(source, "fuzz.yaml")
    except ScenarioError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.line >= 1 and p.column >= 1 and p.message and "\n" not in p.message
        return
    assert isinstance(result, Scenario)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_load_or_fail_cleanly(doc):
    check(yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_loads_or_fails_cleanly(text):
    check(text)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(BASE) if p]


@st.composite
def mutated(draw):
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            action = draw(st.sampled_from(["drop", "replace", "dangle", "unicode", "huge", "nest"]))
            if action == "drop":
                del parent[last]
            elif action == "replace":
                parent[last] = draw(scalars)
            elif action == "dangle":
                parent[last] = draw(st.sampled_from(["nergens", "opening", "bert.trust", "flag.x", "prep.y"]))
            elif action == "unicode":
                parent[last] = draw(st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x2FFF),
                                            max_size=20))
            elif action == "huge":
                parent[last] = "x" * draw(st.integers(10_000, 30_000))
            else:
                value = parent[last]
                for _ in range(draw(st.integers(1, 50))):
                    value = [value]
                parent[last] = value
        except (KeyError, IndexError, TypeError):
            continue
    return doc


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_scenarios_load_or_fail_cleanly(doc):
    check(yaml.safe_dump(doc, allow_unicode=True, width=10_000))


# -- texts with control characters and conditions of any shape -----------------------------------
@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=20), st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda ch: ch not in "\t\n" and not ch.isprintable()), st.text(max_size=20))
def test_a_control_character_anywhere_in_a_text_is_an_error_at_that_text(before, control, after):
    line = MINIMAL.splitlines().index("    name: Ineke Bakker") + 1
    source = MINIMAL.replace("name: Ineke Bakker", f"name: {yaml.safe_dump(before + control + after).strip()}"
                             .replace("\n...", ""), 1)
    try:
        load_scenario_text(source, "fuzz.yaml")
    except ScenarioError as exc:
        assert any(p.line == line and "control character" in p.message for p in exc.problems) or \
            any("invalid YAML" in p.message for p in exc.problems), exc
        return
    raise AssertionError(f"a name with {control!r} loaded")


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["ineke.trust", ">=", "<", "and", "or", "not", "(", ")", "5", "-3", "flag.x",
                                 "99999999", "max.anger", "true"]), min_size=1, max_size=60))
def test_any_condition_in_a_scenario_loads_or_is_one_positioned_error(words):
    check(MINIMAL.replace('when: "prep.belang"', f'when: "{" ".join(words)}"'))
