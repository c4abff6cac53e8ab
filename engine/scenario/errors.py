"""Scenario problems as values a person can read.

Every problem found while loading or validating a scenario becomes a ``Problem``
with the file, line and column of the YAML node it concerns, so that the CLI,
the window and the tests all print the same ``PATH:LINE:COL: message`` line.

A problem made from a catalogue ``Message`` (``messages``) keeps its key and parameters,
so ``render(lang)`` can give the same line in the trainer's language; ``str()`` stays English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .messages import Message, render, severity_word


def _one_line(text: str) -> str:
    # One problem, one line: fold whatever a parser put in the message.
    return " ".join(text.split()) if "\n" in text or "  " in text else text


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, positioned at a YAML node (line and column are 1-based)."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"
    # The catalogue key and parameters of ``message`` (empty for a message made elsewhere);
    # taken from ``message`` when it is a ``Message``. Not compared: the English text says it all.
    key: str = field(default="", compare=False)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Message) and not self.key:
            object.__setattr__(self, "key", self.message.key)
            object.__setattr__(self, "params", self.message.params)
        object.__setattr__(self, "message", _one_line(str.__str__(self.message)))

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"

    def text(self, lang: str) -> str:
        """The message alone, in ``lang`` (English when its key or the language is unknown)."""
        if not self.key:
            return self.message
        return _one_line(render(self.key, self.params, lang))

    def render(self, lang: str) -> str:
        """The ``PATH:LINE:COL: [warning: ]message`` line in ``lang``; ``render("en") == str(self)``."""
        prefix = "" if self.severity == "error" else f"{severity_word(self.severity, lang)}: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.text(lang)}"


class ScenarioError(Exception):
    """Raised when a scenario cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, message: str, line: int = 1, column: int = 1) -> "ScenarioError":
        return cls([Problem(path, line, column, message)])

    def render(self, lang: str) -> str:
        """Every problem, one line each, in ``lang``."""
        return "\n".join(p.render(lang) for p in self.problems)


class SaveError(Exception):
    """A saved session that cannot be read back (corrupt, foreign or from a newer version)."""
