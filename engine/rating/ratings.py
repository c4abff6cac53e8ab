"""A filled rating sheet as plain values, read from the data the HTML form saves.

The CSV reader builds the same data, so both formats pass through ``sheet_from_data``:
one set of rules, one set of messages. A rater may, per decision:

- order the options: ranks 1..k (1 is strongest; equal ranks for a tie), or the coarse
  verdicts best/acceptable/poor, which are a ranking with ties. Not both at one decision.
- rate options on any of the nine dimensions, -2..+2. Once a rater rates anything at a
  decision, an empty cell there means 0 ("doesn't touch this dimension"), as an absent
  weight does in a scenario. A decision with no ratings at all is not rated on dimensions.
- comment.

A decision the rater left wholly empty is not rated. Answers given to an earlier version
of a decision (its digest differs) are kept apart as ``stale``: they rated other content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from ..scenario.dimensions import DIMENSION_KEYS, DIMENSIONS
from ..scenario.model import Scenario
from ..scenario.signoff import decision_digests, decision_ids
from .items import code_map

SHEET_FORMAT = "tussenwerker-rating"
SHEET_VERSION = 1
VERDICTS = ("best", "acceptable", "poor")  # order values 1, 2, 3
RATING_MIN, RATING_MAX = -2, 2

# What a rater may type for a verdict, in either language, any case.
VERDICT_WORDS = {
    "best": "best", "beste": "best", "acceptable": "acceptable", "acceptabel": "acceptable",
    "poor": "poor", "zwak": "poor", "weak": "poor",
}
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})  # what spreadsheets and keyboards type


class RatingError(Exception):
    """A sheet that can't be read: ``str()`` is one line naming the file and line."""

    def __init__(self, source: str, line: int, message: str):
        self.source, self.line, self.message = source, line, message
        super().__init__(f"{source}:{line}: {message}")


@dataclass(frozen=True)
class Response:
    """One rater's answers at one decision."""

    decision_id: str
    order: Mapping[str, int]  # option id -> rank (1 strongest) or verdict position (1..3)
    order_kind: Optional[str]  # "rank", "verdict" or None (no order given)
    ratings: Optional[Mapping[str, Mapping[str, int]]]  # option id -> dimension -> -2..2; None: not rated
    comment: str = ""

    @property
    def empty(self) -> bool:
        return not self.order and self.ratings is None and not self.comment

    def rating(self, option_id: str, dimension: str) -> Optional[int]:
        """The rating, 0 where left empty at a rated decision; ``None`` if not rated here."""
        if self.ratings is None:
            return None
        return self.ratings.get(option_id, {}).get(dimension, 0)


@dataclass(frozen=True)
class RatingSheet:
    source: str  # file name, for messages
    rater: str
    role: str
    scenario_id: str
    language: str
    saved_at: str
    responses: Mapping[str, Response]  # decision id -> answers, current content only
    stale: tuple[str, ...] = ()  # decisions answered for an earlier version; left out
    warnings: tuple[str, ...] = field(default_factory=tuple)


def parse_order(value: Any, n_options: int) -> tuple[Optional[str], Optional[int]]:
    """A typed rank or verdict -> ("rank", 1..k) / ("verdict", 1..3) / (None, None) if empty."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a rank (1-{n_options}) or best/acceptable/poor")
    if isinstance(value, (int, float)) and float(value).is_integer():
        text = str(int(value))
    else:
        text = str(value).strip().translate(_MINUS).casefold()
    if not text:
        return None, None
    if text in VERDICT_WORDS:
        return "verdict", VERDICTS.index(VERDICT_WORDS[text]) + 1
    if re.fullmatch(r"\d+(\.0+)?", text):
        rank = int(float(text))
        if 1 <= rank <= n_options:
            return "rank", rank
    raise ValueError(f"{value!r} is not a rank (1-{n_options}) or best/acceptable/poor (beste/acceptabel/zwak)")


def parse_rating(value: Any) -> Optional[int]:
    """A typed rating -> -2..2, ``None`` if empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a rating from -2 to +2")
    if isinstance(value, (int, float)) and float(value).is_integer():
        number = int(value)
    else:
        text = str(value).strip().translate(_MINUS).replace(" ", "")
        if not text:
            return None
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise ValueError(f"{value!r} is not a rating from -2 to +2")
        number = int(float(text))
    if not RATING_MIN <= number <= RATING_MAX:
        raise ValueError(f"{value!r} is outside -2..+2")
    return number


# A dimension as a rater or a spreadsheet header may name it: its key or its short name in any language.
DIMENSION_NAMES: dict[str, str] = {name.casefold().replace(" ", ""): d.key
                                   for d in DIMENSIONS for name in (d.key, *d.short.variants.values())}


def dimension_key(name: str) -> Optional[str]:
    """``step3``, ``Stap 3``, ``Step 3``, ``Inleving 2`` ... -> the dimension's key."""
    return DIMENSION_NAMES.get(str(name).casefold().replace(" ", ""))


Locate = Callable[[tuple], int]


def sheet_from_data(data: Any, scenario: Scenario, source: str, locate: Optional[Locate] = None) -> RatingSheet:
    """Check a filled sheet against the scenario and read it; ``RatingError`` on anything
    that can't be meant (an unknown option, a rank out of range, ranks and verdicts mixed).

    ``locate`` turns a key path (``("decisions", "ineke_plan", "order")``) into a line of
    the source for messages; without it, line 1.
    """
    where = locate or (lambda at: 1)

    def fail(at: tuple, message: str) -> RatingError:
        return RatingError(source, where(at), message)

    if not isinstance(data, dict) or data.get("format") != SHEET_FORMAT:
        raise fail((), f"not a Tussenwerker rating sheet (expected format {SHEET_FORMAT!r})")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise fail(("version",), "rating sheet has no valid version")
    if version > SHEET_VERSION:
        raise fail(("version",), f"rating sheet is version {version}, from a newer Tussenwerker; update to read it")
    if data.get("scenario") != scenario.id:
        raise fail(("scenario",), f"this sheet rates scenario {data.get('scenario')!r}, not {scenario.id!r}")
    rater = data.get("rater") if isinstance(data.get("rater"), dict) else {}
    name = " ".join(str(rater.get("name") or "").split())
    role = " ".join(str(rater.get("role") or "").split())
    warnings = []
    if not name:
        name = source.replace("\\", "/").rsplit("/", 1)[-1]
        warnings.append(f"{source}: the rater left their name empty; called {name!r} in the report")
    decisions = data.get("decisions")
    if not isinstance(decisions, dict):
        raise fail(("decisions",), "rating sheet has no decisions")
    digests = decision_digests(scenario)
    codes = code_map(scenario)
    known = set(decision_ids(scenario))
    responses: dict[str, Response] = {}
    stale = []
    for d, answer in decisions.items():
        at = ("decisions", d)
        if d not in known:
            warnings.append(f"{source}:{where(at)}: decision {d!r} is no longer in the scenario; left out")
            continue
        if not isinstance(answer, dict):
            raise fail(at, f"decision {d}: expected order, ratings and comment")
        response = _response(d, answer, codes[d], at, fail)
        if response.empty:
            continue
        if answer.get("digest") and answer["digest"] != digests[d]:
            stale.append(d)
            continue
        responses[d] = response
    if stale:
        warnings.append(f"{source}: {len(stale)} decision(s) changed since this sheet was made and are left out: "
                        + ", ".join(stale))
    return RatingSheet(source, name, role, scenario.id, str(data.get("language") or ""),
                       str(data.get("saved_at") or ""), responses, tuple(stale), tuple(warnings))


def _response(d: str, answer: Mapping[str, Any], codes: Mapping[str, str], at: tuple, fail) -> Response:
    def option(code: Any, where: tuple) -> str:
        text = str(code).strip()
        if text in codes:
            return codes[text]
        if text in codes.values():  # a sheet written by hand with the real ids
            return text
        raise fail(where, f"decision {d}: no option {text!r} (was the sheet made for another version?)")

    order: dict[str, int] = {}
    kinds = set()
    raw_order = answer.get("order") or {}
    if not isinstance(raw_order, dict):
        raise fail(at + ("order",), f"decision {d}: order should map options to ranks")
    for code, value in raw_order.items():
        try:
            kind, number = parse_order(value, len(codes))
        except ValueError as exc:
            raise fail(at + ("order", code), f"decision {d}: {exc}") from None
        if kind is None:
            continue
        order[option(code, at + ("order", code))] = number  # type: ignore[assignment]
        kinds.add(kind)
    if len(kinds) > 1:
        raise fail(at + ("order",), f"decision {d}: use either ranks or best/acceptable/poor, not both")

    ratings: Optional[dict[str, dict[str, int]]] = None
    raw_ratings = answer.get("ratings") or {}
    if not isinstance(raw_ratings, dict):
        raise fail(at + ("ratings",), f"decision {d}: ratings should map options to dimensions")
    for code, dims in raw_ratings.items():
        if not isinstance(dims, dict):
            raise fail(at + ("ratings", code), f"decision {d}: ratings of an option map dimensions to -2..+2")
        oid = option(code, at + ("ratings", code))
        for dim, value in dims.items():
            key = dimension_key(dim)
            if key is None:
                raise fail(at + ("ratings", code, dim),
                           f"decision {d}: no dimension {dim!r} (use {', '.join(DIMENSION_KEYS)})")
            try:
                number = parse_rating(value)
            except ValueError as exc:
                raise fail(at + ("ratings", code, dim), f"decision {d}: {exc}") from None
            if number is None:
                continue
            ratings = ratings if ratings is not None else {}
            ratings.setdefault(oid, {})[key] = number
    comment = str(answer.get("comment") or "").strip()
    return Response(d, order, kinds.pop() if kinds else None, ratings, comment)
