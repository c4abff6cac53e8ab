"""How the authoring commands print a scenario's problems: one line each, in the language asked for.

The engine's problems carry their catalogue key (engine/scenario/messages.py), so each renders
in English or Dutch. Authoring output is English unless ``--lang`` asks otherwise: it is what
trainers paste into a question to a colleague or a developer, and what scripts read.
"""

from __future__ import annotations

import argparse
import sys
from typing import Iterable, Optional, TextIO

from engine import ScenarioError, load_scenario
from engine.scenario.errors import Problem
from simulator import catalog

OK = {"en": "ok", "nl": "ok"}
WARNINGS = {"en": ("warning", "warnings"), "nl": ("waarschuwing", "waarschuwingen")}


def authoring_lang(args: Optional[argparse.Namespace]) -> str:
    """The language asked for with ``--lang`` after the command, or before it; English otherwise."""
    lang = (getattr(args, "cmd_lang", None) or getattr(args, "lang", None)) if args is not None else None
    return lang if lang in ("en", "nl") else "en"


def print_problems(problems: Iterable[Problem], lang: str, out: Optional[TextIO] = None) -> None:
    for p in problems:
        print(p.render(lang), file=out or sys.stdout)


def verdict_line(path: str, problems: list[Problem], lang: str) -> str:
    """``PATH: ok`` or ``PATH: ok, N warnings`` (only called when no error is among them)."""
    if not problems:
        return f"{path}: {OK[lang]}"
    one, many = WARNINGS[lang]
    return f"{path}: {OK[lang]}, {len(problems)} {one if len(problems) == 1 else many}"


def load_or_report(name: str, lang: str = "en"):
    """The scenario named by a path or id, or None after printing its problems to stderr."""
    try:
        return load_scenario(catalog.resolve(name))
    except ScenarioError as exc:
        print_problems(exc.problems, lang, sys.stderr)
        return None
