"""The scenario format for readers outside the engine: a JSON Schema and a key reference.

Both are generated from ``shapes`` (the same table the loader takes its keys from), so
the schema that gives authors completion and inline errors in their editor, and the
reference in the authoring guide, can't drift from what the loader accepts. The schema
checks shape only (keys, types, ranges); references between parts (does ``next`` name a
node?) stay the validator's job. Draft-07, which editors' YAML plug-ins understand best.

Regenerate the shipped files with ``python -m simulator schema --write``.
"""

from __future__ import annotations

import json
from typing import Any

from .dimensions import BY_KEY, DIMENSION_KEYS
from .reader import ID_PATTERN, MAX_TEXT_CHARS
from .shapes import MAX_DELTA, MAX_WEIGHT, MIN_WEIGHT, RESERVED_IDS, SHAPES, Field, Shape
from .text import LANGUAGES

SCHEMA_PATH = "schema/scenario.schema.json"

_ID = ID_PATTERN.pattern
_LANGUAGE_NAMES = {"nl": "Dutch text", "en": "English text"}
# Shared definitions explain themselves in "$comment", not "description": editors show the
# deepest description on hover, and the field's own doc (below) says more than "an id".
_DEFS: dict[str, Any] = {
    "string": {"type": "string", "pattern": r"\S", "maxLength": MAX_TEXT_CHARS},
    "text": {
        "$comment": "A plain string in the scenario's language, or a map of languages {nl: ..., en: ...}.",
        "anyOf": [
            {"$ref": "#/definitions/string"},
            {"type": "object", "minProperties": 1, "additionalProperties": False,
             "properties": {lang: {"description": _LANGUAGE_NAMES.get(lang, lang),
                                   "allOf": [{"$ref": "#/definitions/string"}]} for lang in LANGUAGES}},
        ],
    },
    "id": {"$comment": "Letters, digits, '_' and '-'.",
           "anyOf": [{"type": "string", "pattern": _ID}, {"type": "integer"}]},
    "condition": {
        "$comment": "A condition such as \"ineke.trust >= 6 and not flag.beloofd\". References: RESIDENT.VAR, "
                       "max.VAR, min.VAR, flag.NAME, prep.QUESTION, chose.NODE.CHOICE, visited.NODE; "
                       "comparisons == != < <= > >=, and, or, not, parentheses.",
        "type": "string", "pattern": r"\S"},
    "flags": {"$comment": "One flag name or a list of flag names.",
              "anyOf": [{"$ref": "#/definitions/id"}, {"type": "array", "items": {"$ref": "#/definitions/id"}}]},
    "score": {
        "$comment": f"Weights {MIN_WEIGHT}..+{MAX_WEIGHT} per dimension.",
        "type": "object", "additionalProperties": False,
        "properties": {k: {"type": "integer", "minimum": MIN_WEIGHT, "maximum": MAX_WEIGHT,
                           "description": f"{BY_KEY[k].short.get('en')}: {BY_KEY[k].label.get('en')} "
                                          f"({BY_KEY[k].label.get('nl')})"} for k in DIMENSION_KEYS},
    },
    "effects": {
        "$comment": "Resident id (or all) -> mood variable -> change.",
        "type": "object", "propertyNames": {"pattern": _ID},
        "additionalProperties": {
            "type": "object", "propertyNames": {"pattern": _ID},
            "additionalProperties": {"type": "integer", "minimum": -MAX_DELTA, "maximum": MAX_DELTA}},
    },
    "mood": {"$comment": "Mood variable -> starting value.",
             "type": "object", "propertyNames": {"pattern": _ID}, "additionalProperties": {"type": "integer"}},
}


_HINTS = {
    "condition": " Write e.g. \"ineke.trust >= 6 and not flag.beloofd\"; also max.VAR, min.VAR, prep.QUESTION, "
                 "chose.NODE.CHOICE, visited.NODE.",
    "text": " A string, or {nl: ..., en: ...}.",
}


def _field_schema(f: Field) -> dict[str, Any]:
    kind, _, name = f.type.partition(":")
    if kind == "format":
        return {"const": 1}
    if kind == "int":
        out: dict[str, Any] = {"type": "integer"}
        if f.lo is not None:
            out["minimum"] = f.lo
        if f.hi is not None:
            out["maximum"] = f.hi
        return out
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "enum":
        return {"enum": list(f.values)}
    if kind == "texts":
        return {"type": "array", "items": {"$ref": "#/definitions/text"}}
    if kind == "shape":
        return {"$ref": f"#/definitions/{name}"}
    if kind == "list":
        out = {"type": "array", "items": {"$ref": f"#/definitions/{name}"}}
        if f.min_items:
            out["minItems"] = f.min_items
        return out
    if kind == "map":
        out = {"type": "object", "propertyNames": {"pattern": _ID},
               "additionalProperties": {"$ref": f"#/definitions/{name}"}}
        if f.min_items:
            out["minProperties"] = f.min_items
        return out
    return {"$ref": f"#/definitions/{kind}"}


def _with_doc(schema: dict[str, Any], doc: str) -> dict[str, Any]:
    # In draft-07 a "$ref" hides its siblings, so a documented reference goes through allOf.
    # markdownDescription is what editors' hovers prefer over a referenced definition's own text.
    if "$ref" in schema:
        return {"description": doc, "markdownDescription": doc, "allOf": [schema]}
    return {"description": doc, "markdownDescription": doc, **schema}


def _shape_schema(s: Shape) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": s.doc, "type": "object", "additionalProperties": False,
        "properties": {f.key: _with_doc(_field_schema(f), f.doc + _HINTS.get(f.type, "")) for f in s.fields},
    }
    if s.required:
        out["required"] = list(s.required)
    if s.one_of:
        out["oneOf"] = [{"required": [k]} for k in s.one_of]
    if s.snippet:
        out["defaultSnippets"] = [{"label": s.name, "description": s.doc, "body": s.snippet}]
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a scenario file."""
    defs = dict(_DEFS)
    for name, s in SHAPES.items():
        if name != "scenario":
            defs[name] = _shape_schema(s)
    resident = defs["resident"]["properties"]["id"]
    resident["not"] = {"enum": list(RESERVED_IDS)}
    top = _shape_schema(SHAPES["scenario"])
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Tussenwerker scenario (format 1)",
        **top,
        "definitions": defs,
    }


def schema_text() -> str:
    """The schema as it is shipped in ``schema/scenario.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# -- the guide's key reference -------------------------------------------------------
REFERENCE_START = ("<!-- reference:start (generated by `python -m simulator schema --write`; "
                   "edit engine/scenario/shapes.py) -->")
REFERENCE_END = "<!-- reference:end -->"

_TYPE_WORDS = {
    "format": "`1`", "id": "id", "string": "string", "text": "text", "texts": "list of texts", "int": "number",
    "bool": "true/false", "condition": "condition", "flags": "flag or list of flags",
    "score": "score weights", "effects": "mood changes", "mood": "mood values",
}

_TITLES = {
    "scenario": "Top level", "setting": "`setting`", "mood_variable": "`mood_variables.NAME`",
    "resident": "`residents[]`", "preparation": "`preparation`", "question": "`preparation.questions[]`",
    "option": "`preparation.questions[].options[]`", "node": "`nodes.ID`", "variant": "`nodes.ID.variants[]`",
    "auto": "`nodes.ID.auto[]`", "trigger": "`triggers[]`", "choice": "`nodes.ID.choices[]`",
    "ending": "`endings.ID`", "timeout": "`timeout`", "reaction": "`group[]`", "voice": "`residents[].voice`",
}


def _type_word(f: Field) -> str:
    kind, _, name = f.type.partition(":")
    if kind == "enum":
        return " \\| ".join(f"`{v}`" for v in f.values)
    if kind == "int" and f.lo is not None and f.hi is not None:
        return f"number {f.lo}..{f.hi}"
    if kind in ("shape", "list", "map"):
        what = {"shape": "{}", "list": "list of {}s", "map": "map: id → {}"}[kind]
        return what.format(name.replace("_", " "))
    if kind == "flags" and name:  # one name or a list, of something other than flags
        return {"residents": "resident id or list of them", "tags": "tag or list of tags"}[name]
    return _TYPE_WORDS.get(kind, kind)


def reference_markdown() -> str:
    """Tables of every key of every part of a scenario, for docs/authoring.md."""
    lines = [REFERENCE_START, ""]
    for name, s in SHAPES.items():
        lines.append(f"#### {_TITLES[name]}")
        lines.append("")
        lines.append(s.doc + (f" Exactly one of {' or '.join(f'`{k}`' for k in s.one_of)}." if s.one_of else ""))
        lines.append("")
        lines.append("| key | required | type | meaning |")
        lines.append("|---|---|---|---|")
        for f in s.fields:
            doc = f.doc.replace("|", "\\|")
            lines.append(f"| `{f.key}` | {'yes' if f.required else 'no'} | {_type_word(f)} | {doc} |")
        lines.append("")
    lines.append(REFERENCE_END)
    return "\n".join(lines)
