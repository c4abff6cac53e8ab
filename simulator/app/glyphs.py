"""Text the bundled font can't draw: one visible fallback glyph instead of tofu or a crash.

The window draws everything with the bundled Noto Sans, which covers Latin, Greek and
Cyrillic but not emoji, Arabic or Hebrew. A scenario (or a name typed into a note) may
still hold them; each such character is drawn as U+FFFD, the replacement character the
font does have, so the trainee sees that something is there and nothing breaks. Every
text the window shows passes through ``drawable``: the HTML of its text boxes (through
``theme.html_escape``) and what it draws itself (cards, charts, the ending's names).

Coverage comes from the font file itself (FreeType reports a missing glyph), looked up
once per character; pygame is imported only when a character outside ASCII first shows
up, so the terminal's imports stay light.
"""

from __future__ import annotations

from typing import Any, Optional

from .theme import font_path

FALLBACK = "\ufffd"  # the replacement character; the bundled font draws it

_covered: dict[str, bool] = {}
_font: Optional[Any] = None


def _has_glyph(ch: str) -> bool:
    global _font
    known = _covered.get(ch)
    if known is not None:
        return known
    if ch.isspace() or not ch.isprintable():
        found = True  # line breaks and the like are layout, not glyphs
    else:
        import pygame
        import pygame.freetype
        found = False
        for _ in range(2):  # pygame.quit() (a closed window) invalidates the font: open it again once
            if _font is None or not pygame.freetype.get_init():
                pygame.freetype.init()
                _font = pygame.freetype.Font(str(font_path("regular")), 16)
            try:
                found = _font.get_metrics(ch)[0] is not None
                break
            except (ValueError, UnicodeError):  # a lone surrogate and such
                break
            except pygame.error:
                _font = None
    _covered[ch] = found
    return found


def drawable(text: str) -> str:
    """``text`` with every character the font lacks replaced by ``FALLBACK``."""
    if text.isascii():
        return text
    return "".join(ch if _has_glyph(ch) else FALLBACK for ch in text)
