"""Scenario problems as values a person can read.

Every problem found while loading or validating a scenario becomes a ``Problem``
with the file, line and column of the YAML node it concerns, so that the CLI,
the window and the tests all print the same ``PATH:LINE:COL: message`` line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, positioned at a YAML node (line and column are 1-based)."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __post_init__(self) -> None:
        # One problem, one line: fold whatever a parser put in the message.
        if "\n" in self.message or "  " in self.message:
            object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


class ScenarioError(Exception):
    """Raised when a scenario cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, message: str, line: int = 1, column: int = 1) -> "ScenarioError":
        return cls([Problem(path, line, column, message)])


class SaveError(Exception):
    """A saved session that cannot be read back (corrupt, foreign or from a newer version)."""
