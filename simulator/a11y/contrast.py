"""WCAG 2.1 contrast, computed from colour values rather than judged by eye.

The themes (``simulator/window/theme.py``) and the tests use this one definition, so "AA" means
the same thing wherever it is checked: relative luminance per WCAG 2.1's definition and the
ratio ``(L1 + 0.05) / (L2 + 0.05)``. A colour with an alpha channel is first composited over
the background it is drawn on, as the screen shows it.
"""

from __future__ import annotations

from typing import Sequence, Union

Colour = Union[str, Sequence[int]]

AA_TEXT = 4.5  # success criterion 1.4.3, normal text
AA_LARGE_TEXT = 3.0  # 1.4.3, large text: 18 pt (24 px), or 14 pt (about 18.7 px) bold
AA_NON_TEXT = 3.0  # 1.4.11: focus indicators and the graphics needed to understand something
AAA_TEXT = 7.0  # 1.4.6: what the high-contrast theme holds itself to


def rgba(colour: Colour) -> tuple[int, int, int, int]:
    """``#RRGGBB``, ``#RRGGBBAA`` or an (r, g, b[, a]) sequence as four 0-255 ints."""
    if isinstance(colour, str):
        text = colour.strip().lstrip("#")
        if len(text) not in (6, 8) or any(c not in "0123456789abcdefABCDEF" for c in text):
            raise ValueError(f"not a colour: {colour!r}")
        values = [int(text[i:i + 2], 16) for i in range(0, len(text), 2)]
    else:
        values = [int(v) for v in colour]
    if len(values) == 3:
        values.append(255)
    if len(values) != 4 or not all(0 <= v <= 255 for v in values):
        raise ValueError(f"not a colour: {colour!r}")
    return values[0], values[1], values[2], values[3]


def over(colour: Colour, background: Colour) -> tuple[int, int, int]:
    """What the eye sees: ``colour`` composited over the opaque ``background``."""
    r, g, b, a = rgba(colour)
    br, bg, bb, _ = rgba(background)
    k = a / 255
    return round(r * k + br * (1 - k)), round(g * k + bg * (1 - k)), round(b * k + bb * (1 - k))


def is_transparent(colour: Colour) -> bool:
    return rgba(colour)[3] == 0


def luminance(colour: Colour) -> float:
    """Relative luminance (WCAG 2.1), 0 for black to 1 for white."""
    r, g, b, _ = rgba(colour)

    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def ratio(foreground: Colour, background: Colour) -> float:
    """The contrast ratio, 1 to 21; a translucent foreground is composited over the background first."""
    fg = over(foreground, background)
    lighter, darker = sorted((luminance(fg), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_large_text(pixel_size: float, bold: bool) -> bool:
    """WCAG's large text: at least 18 pt, or 14 pt bold (1 pt = 4/3 px)."""
    return pixel_size >= 24 or (bold and pixel_size >= 14 * 4 / 3)


def required(pixel_size: float, bold: bool) -> float:
    return AA_LARGE_TEXT if is_large_text(pixel_size, bold) else AA_TEXT
