"""The JSON Schema editors use: generated from the same table as the loader, and true to it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
import yaml

from engine.scenario.errors import ScenarioError
from engine.scenario.loader import load_scenario_text
from engine.scenario.schema import SCHEMA_PATH, schema_text
from engine.scenario.shapes import SHAPES
from engine.scenario.yamlsafe import SafeLoader
from tests.conftest import ROOT, SHIPPED
from tests.crafted import MINIMAL

SCHEMA = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
INVALID = Path(__file__).parent / "scenarios" / "invalid"

# MINIMAL plus the parts it leaves out, so every shape in the table has an instance.
FULL = MINIMAL.replace("residents:\n", """\
mood_variables:
  trust: {label: {nl: Vertrouwen, en: Trust}, min: 0, max: 10, initial: 5, good: high}
  anger: {label: {nl: Boosheid, en: Anger}, min: 0, max: 10, initial: 3, good: low}
timeout: {limit: 2, cost: {all: {anger: 1}}, score: {step2: 1}}
group:
  - when: "bert.anger >= 8"
    effects: {all: {anger: 1}}
    text: {nl: Er wordt gemompeld., en: People mutter.}
residents:
""", 1).replace("    mood: {trust: 5, anger: 3}\n",
               "    mood: {trust: 5, anger: 3}\n    voice: {voice: female, rate: 95, pitch: 60}\n", 1)


def data_of(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)


def schema_errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_shipped_schema_is_the_generated_one():
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(), \
        "schema/scenario.schema.json is out of date: run `python -m simulator schema --write`"


def test_schema_is_a_valid_draft7_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_conform_to_the_schema(path):
    assert schema_errors(data_of(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_point_editors_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/scenario.schema.json", \
        f"{path.name}: make that comment the first line, so editors complete and check it against the schema"


def test_crafted_scenarios_conform():
    assert schema_errors(data_of(MINIMAL)) == []
    assert schema_errors(data_of(FULL)) == []
    load_scenario_text(FULL)


@pytest.mark.parametrize("name", [
    "Keys-NoUnknownKeys", "Keys-RequiredKeysPresent", "Root-MustBeMapping", "Types-ScoreKeysAreDimensions",
    "Types-TextIsStringOrLanguages", "Types-WeightsBetweenMinusTwoAndTwo", "Graph-NodeNeedsWayForward",
    "Graph-NotBothNextAndChoices",
])
def test_schema_rejects_what_breaks_a_shape_rule(name):
    assert schema_errors(data_of((INVALID / f"{name}.yaml").read_text(encoding="utf-8")))


def _instances(data: Any, shape: str) -> Iterator[tuple[str, dict]]:
    """Every mapping in plain data with a known shape (like ``shapes.instances`` for YAML nodes)."""
    if not isinstance(data, dict):
        return
    yield shape, data
    for f in SHAPES[shape].fields:
        if f.key not in data or f.nested is None:
            continue
        kind = f.type.split(":")[0]
        value = data[f.key]
        items = [value] if kind == "shape" else list(value.values()) if kind == "map" else list(value)
        for item in items:
            yield from _instances(item, f.nested)


def _first(data: Any, shape: str) -> dict:
    return next(d for name, d in _instances(data, "scenario") if name == shape)


def test_every_shape_has_an_instance_in_the_full_example():
    found = {name for name, _ in _instances(data_of(FULL), "scenario")}
    assert found == set(SHAPES)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_loader_and_schema_both_refuse_an_unknown_key(shape):
    data = copy.deepcopy(data_of(FULL))
    _first(data, shape)["zz_unknown"] = 1
    assert any("zz_unknown" in e for e in schema_errors(data))
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(yaml.safe_dump(data, allow_unicode=True))
    assert "unknown key 'zz_unknown'" in str(err.value)


@pytest.mark.parametrize("shape,key", [(s.name, k) for s in SHAPES.values() for k in s.required])
def test_loader_and_schema_both_require_each_required_key(shape, key):
    data = copy.deepcopy(data_of(FULL))
    del _first(data, shape)[key]
    assert any(f"'{key}' is a required property" in e for e in schema_errors(data))
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(yaml.safe_dump(data, allow_unicode=True))
    assert f"missing required key {key!r}" in str(err.value)


@pytest.mark.parametrize("shape,key", [(s.name, f.key) for s in SHAPES.values() for f in s.fields
                                       if f.type == "int" and f.hi is not None])
def test_loader_and_schema_agree_on_number_bounds(shape, key):
    f = SHAPES[shape].field(key)
    data = copy.deepcopy(data_of(FULL))
    _first(data, shape)[key] = f.hi + 1
    assert any("is greater than the maximum" in e for e in schema_errors(data))
    with pytest.raises(ScenarioError):
        load_scenario_text(yaml.safe_dump(data, allow_unicode=True))


def test_reserved_resident_ids_are_refused_by_both():
    data = copy.deepcopy(data_of(FULL))
    data["residents"][1]["id"] = "narrator"
    assert schema_errors(data)
    with pytest.raises(ScenarioError, match="reserved word"):
        load_scenario_text(yaml.safe_dump(data, allow_unicode=True))


def test_schema_documents_every_key_for_editor_hovers():
    def walk(node: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                yield key, value
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)
    undocumented = [k for k, v in walk(SCHEMA) if isinstance(v, dict) and "description" not in v]
    assert undocumented == []


def test_schema_command_prints_the_schema():
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "simulator", "schema"], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0 and result.stdout == schema_text()
