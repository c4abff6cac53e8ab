"""docs/xapi.md stays true to the code: every IRI the profile makes is documented, the page names
no IRI of ours the code doesn't make, and its example statements meet the statement schema and
the producer rules."""

from __future__ import annotations

import inspect
import json
import re
import time

from simulator.xapi import profile as p
from tests import xapi_conformance as rules
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "xapi.md").read_text(encoding="utf-8")
PLACEHOLDERS = {"scenario_id": "SCENARIO", "digest": "DIGEST", "node_id": "NODE", "question_id": "QUESTION",
                "choice_id": "CHOICE", "option_id": "OPTION", "group": "GROUP"}
OURS = re.compile(r"https://w3id\.org/tussenwerker/xapi[^\s`\"'),|]*")


def profile_constants() -> set[str]:
    """Every IRI the profile module names: its constants and the verbs' IRIs."""
    found = {v for v in vars(p).values() if isinstance(v, str) and v.startswith("http") and not v.endswith("/")}
    return found | {iri for iri, _, _ in p.VERBS.values()}


def profile_patterns() -> set[str]:
    """Every activity id the profile builds, with its parts as the page's capitals."""
    out = set()
    for name, fn in vars(p).items():
        if inspect.isfunction(fn) and fn.__module__ == p.__name__ and not name.startswith("_") and name != "ext":
            params = inspect.signature(fn).parameters
            out.add(fn(*(PLACEHOLDERS[k] for k in params)))  # a new parameter: name its capital here
    return out


def test_every_iri_of_the_profile_is_in_the_docs():
    missing = sorted(iri for iri in profile_constants() | profile_patterns() if f"`{iri}`" not in DOC)
    assert missing == []


def test_the_docs_name_no_iri_of_ours_the_code_doesnt_make():
    exact = profile_constants() | profile_patterns()
    shapes = [re.compile(re.escape(pattern).replace("SCENARIO", "[^/]+").replace("DIGEST", "[0-9a-f]+")
                         .replace("NODE", "[^/]+").replace("QUESTION", "[^/]+").replace("CHOICE", "[^/]+")
                         .replace("OPTION", "[^/]+").replace("GROUP", "[^/]+") + "$")
              for pattern in profile_patterns()]
    strays = sorted({iri for iri in OURS.findall(DOC)
                     if iri not in exact and not any(shape.match(iri) for shape in shapes)})
    assert strays == []


def test_the_example_statements_conform():
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", DOC, re.S)]
    statements = [b for b in blocks if "actor" in b and "verb" in b]
    assert statements, "docs/xapi.md shows no whole statement"
    check = rules.validator()
    for s in statements:
        assert list(check.iter_errors(s)) == []
        assert rules.problems(s, time.time()) == []
        assert s["verb"]["id"] in {iri for iri, _, _ in p.VERBS.values()}
        assert set(s["result"]["extensions"]) <= profile_constants()
        assert set(s["context"]["extensions"]) <= profile_constants()
