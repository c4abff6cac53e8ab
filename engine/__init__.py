"""Tussenwerker's headless engine: scenarios, sessions, scoring and analysis.

Never imports pygame: the window, the terminal player, the analyser and the tests all
drive the same ``Session``.
"""

from .analysis import StateGraph, explore
from .dimensions import DIMENSION_KEYS, DIMENSIONS, Dimension
from .errors import Problem, SaveError, ScenarioError
from .loader import load_scenario, load_scenario_text, parse_scenario
from .model import Choice, Ending, Node, Resident, Scenario
from .scoring import totals
from .session import EngineError, Line, Session
from .text import LANGUAGES, Text

__all__ = [
    "Choice", "DIMENSIONS", "DIMENSION_KEYS", "Dimension", "Ending", "EngineError", "LANGUAGES",
    "Line", "Node", "Problem", "Resident", "SaveError", "Scenario", "ScenarioError", "Session",
    "StateGraph", "Text", "explore", "load_scenario", "load_scenario_text", "parse_scenario", "totals",
]
