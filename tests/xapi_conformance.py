"""The xAPI 1.0.3 rules for a Learning Record Provider that a JSON Schema can't state.

From xAPI-Data.md (part two): an LRP generates statement ids (2.4.1) and never sets
``stored``, ``authority`` (2.4.8, 2.4.9) or ``version`` (2.4.10, SHOULD NOT); a timestamp is
never in the future (2.4.7) and keeps milliseconds, here in UTC (4.5); no property has an
empty object as its value (2.2); ``display`` is used on every verb (2.4.3, SHOULD); every
value in ``contextActivities`` is an array (2.4.6.2, SHOULD); a score's ``min`` is below its
``max`` and ``raw`` lies between them, ``scaled`` within -1..1 (2.4.5.1); an interaction's
component ids are distinct and without whitespace (2.4.4.1); ``revision`` and ``platform``
only with an Activity object (2.4.6); IRIs are absolute; an activity id always means the same
activity (2.4.4.1: one definition per id across everything sent); statement ids are unique.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any, Iterable

SCHEMA_PATH = Path(__file__).resolve().parent / "xapi" / "statement-1.0.3.schema.json"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
IRI = re.compile(r"^https?://[^\s/]+/\S*$")


def validator():
    import jsonschema
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _empty_objects(value: Any, where: str = "") -> list[str]:
    out = []
    if isinstance(value, dict):
        if not value:
            out.append(f"{where or 'statement'} is an empty object")
        for k, v in value.items():
            out += _empty_objects(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _empty_objects(v, f"{where}[{i}]")
    return out


def _activities(s: dict[str, Any]) -> list[dict[str, Any]]:
    found = [s["object"]] if s.get("object", {}).get("objectType", "Activity") == "Activity" else []
    for value in s.get("context", {}).get("contextActivities", {}).values():
        found += value if isinstance(value, list) else [value]
    return found


def problems(s: dict[str, Any], now: float) -> list[str]:
    """What in one statement breaks a producer rule (empty: none)."""
    out = _empty_objects(s)
    for key in ("stored", "authority", "version"):
        if key in s:
            out.append(f"a Learning Record Provider doesn't set {key!r}")
    if "id" not in s:
        out.append("no statement id")
    stamp = s.get("timestamp", "")
    if not TIMESTAMP.match(stamp):
        out.append(f"timestamp {stamp!r} isn't UTC with milliseconds")
    else:
        moment = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
        if moment > now + 1.0:
            out.append(f"timestamp {stamp} is in the future")
    if "display" not in s.get("verb", {}):
        out.append("verb without display")
    if not IRI.match(s.get("verb", {}).get("id", "")):
        out.append("verb id isn't an absolute IRI")
    context = s.get("context", {})
    for key, value in context.get("contextActivities", {}).items():
        if not isinstance(value, list):
            out.append(f"contextActivities.{key} isn't an array")
    if s.get("object", {}).get("objectType", "Activity") != "Activity":
        for key in ("revision", "platform"):
            if key in context:
                out.append(f"context.{key} with an object that isn't an Activity")
    for activity in _activities(s):
        if not IRI.match(activity.get("id", "")):
            out.append(f"activity id {activity.get('id')!r} isn't an absolute IRI")
        definition = activity.get("definition", {})
        for key in ("choices", "scale", "source", "target", "steps"):
            ids = [c["id"] for c in definition.get(key, [])]
            if len(ids) != len(set(ids)):
                out.append(f"{activity['id']}: {key} ids aren't distinct")
        if "correctResponsesPattern" in definition:
            known = {c["id"] for c in definition.get("choices", [])}
            for pattern in definition["correctResponsesPattern"]:
                if any(part not in known for part in pattern.split("[,]")):
                    out.append(f"{activity['id']}: correct response {pattern!r} isn't one of its choices")
    score = s.get("result", {}).get("score")
    if score is not None:
        lo, hi, raw = score.get("min"), score.get("max"), score.get("raw")
        if lo is not None and hi is not None and not lo < hi:
            out.append(f"score min {lo} isn't below max {hi}")
        if raw is not None and ((lo is not None and raw < lo) or (hi is not None and raw > hi)):
            out.append(f"score raw {raw} outside {lo}..{hi}")
    for ext in (s.get("result", {}).get("extensions", {}), context.get("extensions", {})):
        for key in ext:
            if not IRI.match(key):
                out.append(f"extension key {key!r} isn't an absolute IRI")
    return out


def across(statements: Iterable[dict[str, Any]]) -> list[str]:
    """Rules between statements: unique ids, one definition per activity id."""
    out = []
    seen: set[str] = set()
    definitions: dict[str, str] = {}
    for s in statements:
        if s["id"] in seen:
            out.append(f"statement id {s['id']} used twice")
        seen.add(s["id"])
        for activity in _activities(s):
            if "definition" not in activity:
                continue
            text = json.dumps(activity["definition"], sort_keys=True)
            if definitions.setdefault(activity["id"], text) != text:
                out.append(f"activity {activity['id']} has two different definitions")
    return out
