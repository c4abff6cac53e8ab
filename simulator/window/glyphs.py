"""Text the window's font can't draw: one visible fallback glyph instead of tofu or a crash.

The window draws everything with the font the trainee chose: the bundled Noto Sans, which
covers Latin, Greek and Cyrillic but not emoji, Arabic or Hebrew, or Atkinson Hyperlegible
(Latin only). A scenario (or a name typed into a note) may still hold other characters; each
such character is drawn as U+FFFD, the replacement character, where the font has it, and as
"?" where it doesn't, so the trainee sees that something is there and nothing breaks. Every
text the window shows passes through ``drawable``: the HTML of its text boxes (through
``html_escape``) and what it draws itself (cards, charts, the ending's names).

Coverage comes from the font file itself (FreeType reports a missing glyph), looked up
once per character and font; pygame is imported only when a character outside ASCII first
shows up, so the terminal's imports stay light.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame.freetype

from simulator.window.theme import font_path

FALLBACK = "\ufffd"  # the replacement character; Noto Sans draws it
PLAIN_FALLBACK = "?"  # for a font without it

_covered: dict[tuple[str, str], bool] = {}
_fonts: dict[str, Any] = {}


def _has_glyph(ch: str, path: str) -> bool:
    known = _covered.get((path, ch))
    if known is not None:
        return known
    if ch.isspace() or not ch.isprintable():
        found = True  # line breaks and the like are layout, not glyphs
    else:
        found = False
        for _ in range(2):  # pygame.quit() (a closed window) invalidates the font: open it again once
            font = _fonts.get(path)
            if font is None or not pygame.freetype.get_init():
                pygame.freetype.init()
                font = _fonts[path] = pygame.freetype.Font(path, 16)
            try:
                found = font.get_metrics(ch)[0] is not None
                break
            except (ValueError, UnicodeError):  # a lone surrogate and such
                break
            except pygame.error:
                _fonts.pop(path, None)
    _covered[(path, ch)] = found
    return found


def drawable(text: str) -> str:
    """``text`` with every character the active font lacks replaced by its fallback glyph."""
    if text.isascii():
        return text
    path = str(font_path("regular"))
    fallback = FALLBACK if _has_glyph(FALLBACK, path) else PLAIN_FALLBACK
    return "".join(ch if _has_glyph(ch, path) else fallback for ch in text)


def html_escape(text: str) -> str:
    """Scenario text as pygame_gui HTML: only &, < and > are special; what the font can't
    draw becomes the fallback glyph (``drawable``)."""
    return drawable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
