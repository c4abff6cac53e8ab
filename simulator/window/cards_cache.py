"""What the start screen shows of each scenario, without loading every scenario each start.

Loading and validating a scenario parses and checks its whole YAML; the start screen needs only
its title, summary, residents, length and difficulty. ``scenario_cards()`` keeps those in
a small JSON file beside the session journal, keyed by path, size and modification time,
so a start with unchanged scenarios parses no YAML at all. A changed or new file is
loaded (and validated) once; a broken one is left out with a logged warning. The full
scenario is loaded when the trainee opens it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from engine.scenario.errors import ScenarioError
from engine.scenario.text import Text
from simulator import catalog, places
from simulator.catalog import load_scenario  # imports the loader on first use: a warm start parses no YAML
from simulator.safewrite import WriteRefused, atomic_write
from simulator.settings import read_small_file

if TYPE_CHECKING:
    from engine.scenario.model import Scenario

CACHE_NAME = "scenario-cards.json"
CACHE_VERSION = 1
MAX_CACHE_BYTES = 16 * 1024 * 1024

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
        """A card from the cache; ``ValueError`` for anything that isn't what this module wrote."""
        lang = str(d.get("language", "nl"))
        title, summary, residents = _texts(d["title"]), _texts(d["summary"]), d["residents"]
        minutes, difficulty = d.get("minutes"), d.get("difficulty")
        if not isinstance(residents, list) or not all(isinstance(n, str) for n in residents):
            raise ValueError("residents")
        if not all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in (minutes, difficulty)):
            raise ValueError("minutes/difficulty")
        return cls(str(d["id"]), path, Text(title, lang), Text(summary, lang), tuple(residents), minutes, difficulty,
                   own)


def _texts(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not value or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("text")
    return dict(value)


def cache_path() -> Path:
    return places.data_dir() / CACHE_NAME


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _read(path: Path) -> dict[str, Any]:
    """The cached cards; anything that isn't a cache we wrote (a folder, a pipe, a huge or broken
    file) counts as no cache: the cards are built again and the file replaced."""
    try:
        data = json.loads(read_small_file(path, MAX_CACHE_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("cards"), dict):
        return {}
    return data["cards"]


def _write(path: Path, cards: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps({"version": CACHE_VERSION, "cards": cards}, ensure_ascii=False))
    except (OSError, WriteRefused) as exc:  # a cache that can't be written only costs time
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
