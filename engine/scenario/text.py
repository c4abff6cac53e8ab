"""Localised text: every text in a scenario is a plain string or a map of languages.

Resolution falls back gracefully so that a missing translation never shows an
empty box: the requested language, then the scenario's own language, then any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@dataclass(frozen=True)
class Text:
    """A text in one or more languages. ``variants`` maps language code to string."""

    variants: Mapping[str, str] = field(default_factory=dict)
    default_language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        object.__setattr__(self, "variants", MappingProxyType(dict(self.variants)))

    @classmethod
    def plain(cls, value: str, language: str = DEFAULT_LANGUAGE) -> "Text":
        return cls({language: value}, language)

    def get(self, language: str) -> str:
        if language in self.variants:
            return self.variants[language]
        if self.default_language in self.variants:
            return self.variants[self.default_language]
        return next(iter(self.variants.values()), "")

    def has(self, language: str) -> bool:
        return bool(self.variants.get(language, "").strip())

    def to_data(self) -> dict[str, str]:
        return dict(self.variants)

    def __str__(self) -> str:
        return self.get(self.default_language)


EMPTY = Text({})


def text_of(value: "Text | str", language: str) -> str:
    """Resolve a ``Text`` (or an already plain string) in ``language``."""
    return value.get(language) if isinstance(value, Text) else value
