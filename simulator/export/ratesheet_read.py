"""Reading a filled rating sheet from disk: the JSON the HTML form saves, or the CSV.

Both become the same plain data and go through ``engine.rating.ratings.sheet_from_data``;
every problem is one ``RatingError`` line naming the file and line.
"""

from __future__ import annotations

import json
import os

from engine.rating.ratings import RatingError, RatingSheet, sheet_from_data
from engine.scenario.jsonpos import JsonPositions
from engine.scenario.model import Scenario
from simulator.export.ratesheet_csv import decode, read_csv

MAX_SHEET_BYTES = 16 * 1024 * 1024


def read_sheet(path: str, scenario: Scenario) -> RatingSheet:
    try:
        if os.path.isdir(path):
            raise RatingError(path, 1, "is a folder, not a rating sheet")
        if os.path.getsize(path) > MAX_SHEET_BYTES:
            raise RatingError(path, 1, "file is too large to be a rating sheet")
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise RatingError(path, 1, "file not found") from None
    except OSError as exc:
        raise RatingError(path, 1, f"cannot read file: {exc.strerror}") from None
    text = decode(raw)
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RatingError(path, exc.lineno, f"not valid JSON: {exc.msg}") from None
        positions = JsonPositions(text, path)
        return sheet_from_data(data, scenario, path, positions.line)
    if path.lower().endswith(".json"):
        raise RatingError(path, 1, "not valid JSON: the file should start with '{'")
    data, lines = read_csv(text, path)

    def locate(at: tuple) -> int:
        while at and at not in lines:
            at = at[:-1]
        return lines.get(at, 1)
    return sheet_from_data(data, scenario, path, locate)
