"""Tussenwerker's headless engine: scenarios, sessions, scoring and analysis.

Never imports pygame: the window, the terminal player, the analyser and the tests all
drive the same ``Session``.

The names below are re-exported lazily (PEP 562): ``from engine import Session`` imports
only ``engine.play.session``, not the loader, YAML and the analyser as well. A command that
needs none of them (``--help``, the window's first frame) then starts that much sooner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real imports, for type checkers and editors
    from .analysis.graph import StateGraph, explore
    from .play.scoring import totals
    from .play.session import EngineError, Line, Session
    from .scenario.dimensions import DIMENSION_KEYS, DIMENSIONS, Dimension
    from .scenario.errors import Problem, SaveError, ScenarioError
    from .scenario.loader import load_scenario, load_scenario_text, parse_scenario
    from .scenario.model import Choice, Ending, Node, Resident, Scenario
    from .scenario.text import LANGUAGES, Text

# name -> the submodule that defines it
_EXPORTS = {
    "StateGraph": "analysis.graph", "explore": "analysis.graph",
    "DIMENSION_KEYS": "scenario.dimensions", "DIMENSIONS": "scenario.dimensions", "Dimension": "scenario.dimensions",
    "Problem": "scenario.errors", "SaveError": "scenario.errors", "ScenarioError": "scenario.errors",
    "load_scenario": "scenario.loader", "load_scenario_text": "scenario.loader", "parse_scenario": "scenario.loader",
    "Choice": "scenario.model", "Ending": "scenario.model", "Node": "scenario.model",
    "Resident": "scenario.model", "Scenario": "scenario.model",
    "totals": "play.scoring",
    "EngineError": "play.session", "Line": "play.session", "Session": "play.session",
    "LANGUAGES": "scenario.text", "Text": "scenario.text",
}

__all__ = [
    "Choice", "DIMENSIONS", "DIMENSION_KEYS", "Dimension", "Ending", "EngineError", "LANGUAGES",
    "Line", "Node", "Problem", "Resident", "SaveError", "Scenario", "ScenarioError", "Session",
    "StateGraph", "Text", "explore", "load_scenario", "load_scenario_text", "parse_scenario", "totals",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:  # also how ``from engine.scenario import loader`` falls through to the submodule
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next lookup is a plain module attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
