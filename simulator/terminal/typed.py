"""What the trainee typed, as text the journal can keep.

A terminal that is not set to UTF-8 (an old Windows console, a Latin-1 SSH session) hands
Python bytes it cannot decode; they arrive as lone surrogates ("caf\\udce9"), which SQLite
and JSON refuse, so the whole session could not be saved. Such a line is read again from its
bytes: as UTF-8 where it is, else as Windows-1252 (what such terminals mostly type: "café").
"""

from __future__ import annotations

from typing import TextIO


def typed(raw: str) -> str:
    """``raw`` with undecodable bytes read as Windows-1252 (a byte it lacks becomes U+FFFD)."""
    try:
        raw.encode("utf-8")
        return raw
    except UnicodeEncodeError:
        pass
    data = raw.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def read_line(inp: TextIO) -> str:
    """One line from ``inp`` ("" at its end), as ``typed`` text."""
    try:
        return typed(inp.readline())
    except UnicodeDecodeError:  # a stream that decodes strictly: the line is lost, not the session
        return "\n"
