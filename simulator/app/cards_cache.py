"""What the start screen shows of each scenario, without loading every scenario each start.

Loading and validating a scenario takes tens of milliseconds; the start screen needs only
its title, summary, residents, length and difficulty. ``scenario_cards()`` keeps those in
a small JSON file beside the session journal, keyed by path, size and modification time,
so a start with unchanged scenarios parses no YAML at all. A changed or new file is
loaded (and validated) once; a broken one is left out with a logged warning. The full
scenario is loaded when the trainee opens it.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from engine.scenario.errors import ScenarioError
from engine.scenario.text import Text

from .. import catalog

if TYPE_CHECKING:
    from engine.scenario.model import Scenario

CACHE_NAME = "scenario-cards.json"
CACHE_VERSION = 1

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScenarioCard:
    id: str
    path: str
    title: Text
    summary: Text
    residents: tuple[str, ...]
    minutes: Optional[int]
    difficulty: Optional[int]
    own: bool = False  # from the trainer's own folder (catalog.user_scenario_dir), not shipped

    @classmethod
    def of(cls, scenario: Scenario, path: str, own: bool = False) -> "ScenarioCard":
        return cls(scenario.id, path, scenario.title, scenario.summary, tuple(r.name for r in scenario.residents),
                   scenario.minutes, scenario.difficulty, own)

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title.to_data(), "summary": self.summary.to_data(),
                "language": self.title.default_language, "residents": list(self.residents),
                "minutes": self.minutes, "difficulty": self.difficulty}

    @classmethod
    def from_data(cls, path: str, d: dict[str, Any], own: bool = False) -> "ScenarioCard":
        lang = str(d.get("language", "nl"))
        return cls(str(d["id"]), path, Text(dict(d["title"]), lang), Text(dict(d["summary"]), lang),
                   tuple(str(n) for n in d["residents"]), d.get("minutes"), d.get("difficulty"), own)


def load_scenario(path: str) -> "Scenario":
    """The engine's loader, imported on first use: a start with unchanged files never needs it."""
    from engine.scenario.loader import load_scenario as load
    return load(path)


def cache_path() -> Path:
    from ..journal import default_path
    return default_path().parent / CACHE_NAME


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("cards"), dict):
        return {}
    return data["cards"]


def _write(path: Path, cards: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"version": CACHE_VERSION, "cards": cards}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # a cache that can't be written only costs time
        log.info("can't write the scenario card cache %s: %s", path, exc)


def scenario_cards(directory: Optional[Path] = None, cache: Optional[Path] = None) -> list[ScenarioCard]:
    """The valid scenarios, as cards: shipped then own, each sorted by file name (or those in ``directory``)."""
    cache = cache or cache_path()
    known = _read(cache)
    fresh: dict[str, Any] = {}
    out = []
    for found in catalog.scenario_files(directory):
        path, key = found.path, str(found.path)
        try:
            stamp = _stamp(path)
        except OSError:
            continue
        entry = known.get(key)
        card: Optional[ScenarioCard] = None
        if isinstance(entry, dict) and entry.get("stamp") == stamp:
            try:
                card = ScenarioCard.from_data(key, entry["card"], found.own)
            except (KeyError, TypeError, ValueError):
                card = None
        if card is None:
            try:
                card = ScenarioCard.of(load_scenario(key), key, found.own)
            except ScenarioError as exc:
                first = exc.problems[0] if exc.problems else exc
                log.warning("scenario %s can't be loaded: %s", path, first)
                continue
        fresh[key] = {"stamp": stamp, "card": card.to_data()}
        out.append(card)
    if fresh != known:
        _write(cache, fresh)
    return out
