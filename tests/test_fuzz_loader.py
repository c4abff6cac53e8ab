"""Structure-aware fuzzing of the loader, seeded with the shipped scenarios.

Each example takes a real scenario (every shipped one, and the crafted minimal one) and
breaks it the way people and tools do: keys dropped, values of the wrong type or out of
range, ids that point nowhere, conditions that are gibberish, nesting far too deep,
enormous strings, odd Unicode; and, on the text, duplicated lines, truncation, anchors and
aliases, foreign tags. Whatever comes out, ``load_scenario_text`` must return a scenario
or raise ``ScenarioError`` whose problems carry a line, a column and a one-line message —
never any other exception. For the small seeds, a scenario that loads must also pass
through everything ``validate`` runs (playability, smells) and play a few random steps.

tests/test_loader_property.py covers random documents; bench/fuzz_atheris.py is the
coverage-guided, long-running version of this (its finds land in tests/fuzz_corpus/,
replayed here).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz_contract import check
from engine import ScenarioError
from engine.scenario.yamlsafe import _check_graph, check_structure, compose
from tests.conftest import SHIPPED
from tests.crafted import MINIMAL

CORPUS = Path(__file__).parent / "fuzz_corpus"
SEEDS: dict[str, str] = {"mini": MINIMAL, **{p.stem: p.read_text(encoding="utf-8") for p in SHIPPED}}
DOCS = {name: yaml.safe_load(text) for name, text in SEEDS.items()}
SMALL = ("mini", "speeltuin-kort")  # cheap enough to validate and play on every example
EXAMPLES = 100
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

ODD_TEXT = [
    "", " ", "\u200b", "\u202eevil", "e\u0301\u0301\u0301", "🙂" * 50, "\ufeffbom", "\x00", "\x85next",
    "\u2028line", "ﬁ", "İstanbul", "\U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1", "a" * 5000, "null", "~", "yes",
    "no", "1e309", "0x1F", "0o17", "-0", ".inf", "2001-12-14", "flag.x and", "ineke.trust >=", "((((((",
]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-11, -3, -2, -1, 0, 1, 2, 3, 10, 11, 100, 101, 2**63]), st.sampled_from(ODD_TEXT),
    st.text(max_size=40),
)
CONDITION_BITS = ["ineke.trust", "bert.anger", "max.anger", "min.trust", "flag.x", "prep.belang", "visited.opening",
                  "chose.opening.luisteren", "nobody.trust", "ineke.mood", ">=", "<", "==", "!=", "and", "or", "not",
                  "(", ")", "5", "-3", "true", "false", "99999999999999999999", "ineke", "chose.a", "."]


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, prefix + (k,)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, prefix + (i,)))
    return out


PATHS = {name: [p for p in _paths(doc) if p] for name, doc in DOCS.items()}
IDS = sorted({str(k) for doc in DOCS.values() for k in (doc.get("nodes") or {})} |
             {str(k) for doc in DOCS.values() for k in (doc.get("endings") or {})})


@st.composite
def broken(draw: Any, seeds: tuple[str, ...] = tuple(SEEDS)) -> tuple[str, str]:
    """(seed name, YAML text) of a scenario broken in one to four ways."""
    name = draw(st.sampled_from(seeds))
    doc = copy.deepcopy(DOCS[name])
    paths = PATHS[name]
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths))
        _mutate(draw, doc, path, paths)
    text = yaml.dump(doc, Dumper=DUMPER, allow_unicode=draw(st.booleans()),
                     width=draw(st.sampled_from([80, 10_000])), sort_keys=False)
    if draw(st.integers(0, 3)) == 0:
        text = _mutate_text(draw, text)
    return name, text


def _mutate(draw: Any, doc: Any, path: tuple, paths: list[tuple]) -> None:
    parent = doc
    try:
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        value = parent[last]
    except (KeyError, IndexError, TypeError):
        return
    action = draw(st.sampled_from(["drop", "scalar", "container", "dangle", "unicode", "huge", "nest",
                                   "condition", "graft", "rename", "empty"]))
    if action == "drop":
        del parent[last]
    elif action == "scalar":
        parent[last] = draw(SCALARS)
    elif action == "container":
        parent[last] = [value] if not isinstance(value, list) else {"x": value}
    elif action == "dangle":
        parent[last] = draw(st.sampled_from(IDS + ["nergens", "prep:belang", "all", "narrator", "0"]))
    elif action == "unicode":
        parent[last] = draw(st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x10FFFF,
                                                           blacklist_categories=("Cs",)), max_size=30))
    elif action == "huge":
        parent[last] = "x" * draw(st.sampled_from([19_999, 20_001, 100_000]))
    elif action == "nest":
        for _ in range(draw(st.integers(1, 60))):
            value = [value] if draw(st.booleans()) else {"k": value}
        parent[last] = value
    elif action == "condition":
        parent[last] = " ".join(draw(st.lists(st.sampled_from(CONDITION_BITS), min_size=1, max_size=8)))
    elif action == "graft":  # a subtree from elsewhere in the same scenario
        other = draw(st.sampled_from(paths))
        node = doc
        try:
            for key in other:
                node = node[key]
        except (KeyError, IndexError, TypeError):
            return
        parent[last] = copy.deepcopy(node)
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(ODD_TEXT + IDS + ["when", "next", "choices", "id"]))] = parent.pop(last)
    elif action == "empty":
        parent[last] = type(value)() if isinstance(value, (dict, list, str)) else None


def _mutate_text(draw: Any, text: str) -> str:
    lines = text.split("\n")
    action = draw(st.sampled_from(["duplicate", "truncate", "alias", "tag", "flip", "indent"]))
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    if action == "duplicate":  # duplicate keys, mostly
        lines.insert(i, lines[i])
    elif action == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    elif action == "alias":
        lines.insert(i, "x_anchor: &a [1, 2, 3]")
        lines.append("x_alias: *a")
        lines.append("x_missing: *nowhere" if draw(st.booleans()) else "x_self: &s [*s]")
    elif action == "tag":
        lines[i] = lines[i].replace(": ", ": !!python/object/apply:os.system ", 1)
    elif action == "flip":
        pos = draw(st.integers(0, max(0, len(text) - 1)))
        return text[:pos] + draw(st.sampled_from(["\t", "{", "[", "'", '"', "&", "*", "!", "%", ":", "\r", "\x07"])) \
            + text[pos + 1:]
    else:
        lines[i] = "   " + lines[i]
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])
@given(broken())
def test_broken_scenarios_load_or_fail_cleanly(case):
    check(case[1], deep=False)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])
@given(broken(SMALL))
def test_broken_small_scenarios_validate_and_play_cleanly(case):
    check(case[1], deep=True)


# -- the structure check's quick path agrees with the careful one ---------------------------
aliased = st.recursive(
    st.sampled_from(["x", "1", "true", "'s'", "!!python/name:os.system ''", "*a", "*b"]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(["k", "m", "n"]), inner), max_size=3).map(
            lambda kv: "{" + ", ".join(f"{k}{i}: {v}" for i, (k, v) in enumerate(kv)) + "}"),
        inner.map(lambda x: f"&a {x}"), inner.map(lambda x: f"&b {x}"),
    ),
    max_leaves=25,
)


def _outcome(fn: Any, node: yaml.Node) -> str:
    try:
        fn(node, "f.yaml")
    except ScenarioError as exc:
        return str(exc)
    return "ok"


@settings(max_examples=200, deadline=None)
@given(aliased)
def test_quick_structure_check_reports_what_the_careful_one_does(source):
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if node is None:
        return
    assert _outcome(check_structure, node) == _outcome(_check_graph, node)


def test_deep_nesting_is_the_same_error_both_ways():
    source = "[" * 45 + "]" * 45
    node = yaml.compose(source, Loader=yaml.SafeLoader)
    assert "nested more than" in _outcome(check_structure, node) == _outcome(_check_graph, node)
    with pytest.raises(ScenarioError, match="nested more than"):
        compose(source, "f.yaml")


# -- what the coverage-guided fuzzer kept ------------------------------------------------------
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*")) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_corpus_inputs_load_or_fail_cleanly(path):
    text = path.read_bytes().decode("utf-8", "replace")
    check(text, deep=len(text) < 4000)


# -- the condition language on its own ----------------------------------------------------------
condition_text = st.one_of(
    st.lists(st.sampled_from(CONDITION_BITS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(CONDITION_BITS + ["(", ")", "not", "  ", "\t", "\n"]), max_size=400).map("".join),
    st.text(max_size=200),
    st.text(alphabet="()notand 1-9.a_<=>!", max_size=1200),
    st.integers(0, 2000).map(lambda n: "(" * n + "flag.x" + ")" * n),
    st.integers(1, 5000).map(lambda n: "ineke.trust >= " + "9" * n),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(condition_text)
def test_conditions_parse_or_fail_with_an_offset_inside_the_text(source):
    from bench.fuzz_contract import check_condition
    check_condition(source)
