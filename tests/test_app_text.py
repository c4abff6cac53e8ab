"""Dutch renders everywhere: the bundled font has every glyph the program and scenarios use."""

from __future__ import annotations

import pygame.freetype
import pytest

from engine import load_scenario
from engine.debrief.seedtext import OMGEVINGSBEWUSTZIJN_LEVELS, REFLECTION_QUESTIONS, TIPS
from engine.scenario.dimensions import DIMENSIONS
from engine.scenario.text import Text
from simulator import resources
from simulator.i18n import STRINGS
from simulator.i18n import window as app_strings
from simulator.window.theme import FONT_FILES, FONTS
from tests.conftest import ROOT, SHIPPED
from tests.matrix import matrix


@pytest.fixture(scope="module")
def fonts():
    pygame.freetype.init()
    return [pygame.freetype.Font(str(FONTS / f), 16) for f in FONT_FILES.values()]


def missing_glyphs(fonts, text: str) -> set[str]:
    out = set()
    for ch in set(text):
        if ch.isspace():
            continue
        if any(f.get_metrics(ch)[0] is None for f in fonts):
            out.add(ch)
    return out


def all_texts(value) -> list[str]:
    """Every string inside a scenario's model objects."""
    seen, out, todo = set(), [], [value]
    while todo:
        v = todo.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        if isinstance(v, Text):
            out.extend(v.variants.values())
        elif isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict) or hasattr(v, "items"):
            todo.extend(v.values())
        elif isinstance(v, (list, tuple)):
            todo.extend(v)
        elif hasattr(v, "__dataclass_fields__"):
            todo.extend(getattr(v, f) for f in v.__dataclass_fields__ if f not in ("marks",))
    return out


def test_the_font_and_its_licence_come_with_pygame_gui():
    for name in FONT_FILES.values():
        assert (FONTS / name).is_file()
    assert "SIL Open Font License" in resources.font_licence().read_text(encoding="utf-8")
    assert "OFL" in (ROOT / "assets" / "README.md").read_text(encoding="utf-8")


def test_dutch_letters_render(fonts):
    assert missing_glyphs(fonts, "ë ï é ’ ‘ — – “ ” € … ü ö ó è Ë Ï") == set()


def window_keys() -> set[str]:
    """Every i18n key the window's code asks for (literal keys and f-string prefixes)."""
    import re
    literal, prefixes = set(app_strings.STRINGS), set()
    for path in (ROOT / "simulator" / "window").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        literal |= set(re.findall(r"\btr\(\s*\"([a-z0-9_]+)\"", source))
        literal |= set(re.findall(r"\btr\(\s*'([a-z0-9_]+)'", source))
        prefixes |= set(re.findall(r"\btr\(\s*f[\"']([a-z0-9_]+)\{", source))
        prefixes |= set(re.findall(r"\btr\(\s*[\"']([a-z0-9_]+_)[\"']\s*\+", source))
    literal -= prefixes
    return literal | {k for k in STRINGS if any(k.startswith(p) for p in prefixes)}


@pytest.mark.slow
def test_every_interface_string_the_window_shows_renders(fonts):
    keys = window_keys()
    assert {"verdict_best", "kind_agreement", "rating_5", "lang_en", "ury_steps"} <= keys
    for key in keys:
        assert key in STRINGS, key
        for lang, text in STRINGS[key].items():
            assert missing_glyphs(fonts, text) == set(), (key, lang, text)


@pytest.mark.slow
def test_seed_texts_and_dimension_names_render(fonts):
    texts = [t for q in REFLECTION_QUESTIONS + TIPS for t in q.variants.values()]
    texts += [t for d in DIMENSIONS for x in (d.short, d.label) for t in x.variants.values()]
    texts += [t for title, items in OMGEVINGSBEWUSTZIJN_LEVELS for x in (title, *items) for t in x.variants.values()]
    for text in texts:
        assert missing_glyphs(fonts, text) == set(), text


@pytest.mark.slow
@pytest.mark.parametrize("path", matrix(SHIPPED, quick=lambda p: p.stem == "speeltuin-kort", ids=lambda p: p.stem))
def test_every_shipped_scenario_text_renders(fonts, path):
    scenario = load_scenario(str(path))
    for text in all_texts(scenario):
        assert missing_glyphs(fonts, text) == set(), text[:80]


def test_window_strings_are_complete_and_replace_nothing():
    for key, entry in app_strings.STRINGS.items():
        assert set(entry) == {"nl", "en"} and all(entry.values()), key
    # i18n merges the window's table without overriding a key defined elsewhere: so a window
    # key that is also used by the terminal or the exports would show the other text here.
    clashes = [key for key, entry in app_strings.STRINGS.items() if STRINGS[key] is not entry]
    assert clashes == []
