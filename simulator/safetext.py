"""Text from scenarios and trainees, made harmless for where it is shown: terminal, CSV, Markdown.

A scenario comes from whoever wrote it and a trainee types what they like, and both end
up in places that interpret text: a terminal obeys escape sequences (set the window's
title, clear the screen, write the clipboard), a spreadsheet runs a cell that starts with
``=``, a Markdown viewer turns ``[x](javascript:...)`` into a link and ``<img>`` into HTML.
Each channel gets one function here, and the terminal gets a stream guard so that
nothing printed by any command can slip past it:

- ``terminal_text``: drops C0/C1 control characters (newline stays; a tab becomes a
  space), whole ESC/CSI/OSC/DCS sequences and the bidi embeddings, overrides and isolates
  (U+202A-U+202E, U+2066-U+2069) that make text read differently from what it is. All
  printable Unicode (ë, é, ’, emoji) stays.
- ``degrade``: for a console whose encoding can't show a character (a Windows console
  in cp1252 and ✓, ✗, █), an ASCII mark instead of a crash; letters lose their accents
  only when the encoding has no room for them at all.
- ``csv_cell``: a cell that a spreadsheet would read as a formula (starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, as OWASP
  and the spreadsheet makers advise; plain numbers (``-3``, ``-1.50``) stay numbers.
- ``md_text``: Markdown's and HTML's special characters backslash-escaped, so text is
  shown as written and never becomes a link, an image, a heading or markup.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from contextlib import contextmanager
from typing import Any, Iterator, TextIO

# ESC sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... up to BEL or ST,
# or to the end of the text when unterminated, as a terminal would swallow it), and the
# two-character ones (ESC 7, ESC c, ESC ( B ...). Then the 8-bit C1 forms of CSI and OSC.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|[ -/]*[0-~])?"
    r"|\x9b[0-?]*[ -/]*[@-~]?|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CSV_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # a terminal's, not the text's direction
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def terminal_text(text: str) -> str:
    """``text`` without anything a terminal would act on instead of showing."""
    if not text or (text.isprintable() and "\x1b" not in text):
        return text  # the usual case, at the cost of one scan
    text = _ESCAPES.sub("", text).replace("\t", " ")
    return _CONTROLS.sub("", text)


# -- consoles that can't show everything ------------------------------------------------------
ASCII_MARKS = {
    "✓": "+", "✗": "x", "█": "#", "░": ".", "▲": "^", "▼": "v", "○": "o", "●": "*", "│": "|",
    "→": "->", "↳": "->", "≤": "<=", "≥": ">=", "—": "-", "–": "-", "…": "...", "·": ".", "’": "'",
    "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "×": "x", "±": "+/-", "€": "EUR",
    "\u00a0": " ",
}
ERROR_HANDLER = "tussenwerker.ascii"


def _ascii_for(ch: str) -> str:
    if ch in ASCII_MARKS:
        return ASCII_MARKS[ch]
    if 0xD800 <= ord(ch) <= 0xDFFF:  # a byte that wasn't UTF-8 (surrogateescape)
        return "?"
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
    return plain or "?"


def _replace_unencodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_ascii_for(ch) for ch in exc.object[exc.start:exc.end]), exc.end


codecs.register_error(ERROR_HANDLER, _replace_unencodable)


def degrade(text: str, encoding: str) -> str:
    """``text`` as ``encoding`` can show it: what it can't becomes an ASCII mark."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        return text.encode(encoding, ERROR_HANDLER).decode(encoding)
    except LookupError:
        return text


class GuardedStream:
    """A text stream that passes everything through ``terminal_text`` and ``degrade``."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._encoding = getattr(stream, "encoding", None)

    def write(self, text: str) -> int:
        cleaned = terminal_text(text)
        if self._encoding:
            cleaned = degrade(cleaned, self._encoding)
        self._stream.write(cleaned)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, ...
        return getattr(self._stream, name)


@contextmanager
def guarded_terminal() -> Iterator[None]:
    """While inside: everything written to stdout and stderr is made safe to show."""
    old_out, old_err = sys.stdout, sys.stderr
    if not isinstance(old_out, GuardedStream):
        sys.stdout = GuardedStream(old_out)  # type: ignore[assignment]
    if not isinstance(old_err, GuardedStream):
        sys.stderr = GuardedStream(old_err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = old_out, old_err


# -- CSV and Markdown ---------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?\Z")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: formulas get a leading apostrophe; and
    nothing in it a terminal would act on (``cat report.csv`` of a hostile debrief's names)."""
    if not value.isprintable():
        value = _CSV_CONTROLS.sub("", _ESCAPES.sub("", value))  # (tabs and line breaks are the CSV's business)
    if value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


# Inline Markdown and HTML: emphasis, code, links and images, HTML and autolinks, tables,
# strike-through, entities. At the start of the text also what would open a list, a
# heading or a quote, since the text may follow a list marker ("- - x" nests a list).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"([-+=])|(\d+)(?=[.)])")


def md_text(text: str) -> str:
    """Text for inline Markdown, one line, shown exactly as written (no links, markup or HTML)."""
    one_line = " ".join(terminal_text(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line)
    start = _MD_LINE_START.match(escaped)
    if start is None:
        return escaped
    if start.group(1):
        return "\\" + escaped
    return escaped[:start.end()] + "\\" + escaped[start.end():]
