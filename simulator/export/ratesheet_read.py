"""Reading a filled rating sheet from disk: the JSON the HTML form saves, or the CSV.

Both become the same plain data and go through ``engine.rating.ratings.sheet_from_data``;
every problem is one ``RatingError`` line naming the file and line.
"""

from __future__ import annotations

import csv
import json
import os

from engine.rating.ratings import RatingError, RatingSheet, sheet_from_data
from engine.scenario.jsonpos import JsonPositions
from engine.scenario.model import Scenario
from simulator.export.ratesheet_csv import decode, read_csv

MAX_SHEET_BYTES = 16 * 1024 * 1024


def read_sheet(path: str, scenario: Scenario) -> RatingSheet:
    """A filled sheet (the form's JSON or the CSV); anything else is one ``RatingError`` naming it."""
    try:
        return _read_sheet(path, scenario)
    except RatingError:
        raise
    except RecursionError:
        raise RatingError(path, 1, "not a rating sheet (nested far too deep)") from None
    except (ValueError, TypeError, AttributeError, KeyError, OverflowError, csv.Error) as exc:
        # What a sheet's own checks don't foresee (a cell too large for CSV, a number of thousands
        # of digits, '²' for a version): still not a sheet this command can read, said in one line.
        reason = str(exc).split(";")[0].splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise RatingError(path, 1, f"not a rating sheet this program can read ({reason})") from None


def _read_sheet(path: str, scenario: Scenario) -> RatingSheet:
    try:
        if os.path.isdir(path):
            raise RatingError(path, 1, "is a folder, not a rating sheet")
        if os.path.exists(path) and not os.path.isfile(path):  # a pipe or a device would be read for ever
            raise RatingError(path, 1, "not a regular file")
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
