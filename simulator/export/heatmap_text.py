"""How wide a line of SVG text will be, so the heat map cuts texts to fit their boxes.

An SVG has no text layout of its own: a label longer than its box runs over the border. The
heat map names 'DejaVu Sans' first (then Helvetica, Arial, both narrower), so the advance
widths below are DejaVu Sans's, regular and bold, in hundredths of an em, measured from the
font for printable ASCII and the few other characters the heat map writes. A character not in
the table counts as wide as the widest in it (``OTHER``): a label may end a little early, but
only a glyph wider than that (from a fallback font) could cross a border.
"""

from __future__ import annotations

_CHARS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
          "…·★◆éëèêïöüáàóúç’‘“”—–€×")
_REGULAR = (32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 30, 36, 68, 56, 86, 75, 79, 60, 79, 69, 63,
            63, 73, 68, 99, 69, 63, 69, 39, 34, 39, 84, 52, 50, 61, 63, 55, 63, 62, 38, 63, 63, 28, 30, 58, 28, 97,
            63, 61, 63, 63, 42, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84, 100, 32, 90, 77, 62, 62, 62, 62, 30,
            61, 63, 61, 61, 61, 63, 55, 32, 32, 52, 52, 100, 50, 64, 84)
_BOLD = (35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
         40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 43, 81, 64, 100, 84, 85, 73, 85, 77, 72,
         68, 81, 77, 110, 77, 75, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 45, 72, 71, 34, 38, 69, 34, 104,
         71, 69, 72, 72, 50, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84, 100, 38, 90, 77, 68, 68, 68, 68, 34,
         69, 71, 67, 67, 69, 71, 59, 38, 38, 66, 66, 100, 50, 72, 84)
REGULAR = dict(zip(_CHARS, _REGULAR))
BOLD = dict(zip(_CHARS, _BOLD))
OTHER = 110


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in pixels of ``text`` set in DejaVu Sans at ``size`` pixels."""
    table = BOLD if bold else REGULAR
    return sum(table.get(c, OTHER) for c in text) * size / 100


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` on one line of at most ``width`` pixels: whole, or cut after a word with "…"."""
    one = " ".join(text.split())
    if text_width(one, size, bold) <= width:
        return one
    room = width - text_width("…", size, bold)
    cut, used = 0, 0.0
    table = BOLD if bold else REGULAR
    for i, c in enumerate(one):
        used += table.get(c, OTHER) * size / 100
        if used > room:
            break
        cut = i + 1
    head = one[:cut]
    words = head.rsplit(" ", 1)[0] if " " in head and cut < len(one) and one[cut] != " " else head
    words = words.rstrip(" .,;:")
    return (words or head.rstrip()) + "…"
