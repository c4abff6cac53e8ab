"""Finding the shipped scenarios.

They live in ``scenarios/`` at the project root; ``TUSSENWERKER_SCENARIOS`` points
elsewhere (a trainer's own folder, a test's temporary one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from engine.scenario.errors import ScenarioError

if TYPE_CHECKING:  # the start screen finds scenarios without the loader (cards come from a cache)
    from engine import Scenario

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def scenario_dir() -> Path:
    override = os.environ.get("TUSSENWERKER_SCENARIOS")
    return Path(override) if override else PROJECT_ROOT / "scenarios"


def scenario_paths(directory: Optional[Path] = None) -> list[Path]:
    folder = directory or scenario_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass(frozen=True)
class Entry:
    path: Path
    scenario: Optional[Scenario]
    error: Optional[str]


def load_catalog(directory: Optional[Path] = None) -> list[Entry]:
    """Every scenario in the folder; a broken one is listed with its first error, never raised."""
    from engine import load_scenario
    out = []
    for path in scenario_paths(directory):
        try:
            out.append(Entry(path, load_scenario(str(path)), None))
        except ScenarioError as exc:
            out.append(Entry(path, None, str(exc.problems[0]) if exc.problems else str(exc)))
    return out


def resolve(name: str) -> str:
    """A path as given, or the id of a shipped scenario (``speeltuin`` -> scenarios/speeltuin.yaml)."""
    if os.path.exists(name) or os.sep in name or name.endswith((".yaml", ".yml")):
        return name
    candidate = scenario_dir() / f"{name}.yaml"
    return str(candidate) if candidate.exists() else name
