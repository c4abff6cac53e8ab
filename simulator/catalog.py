"""Finding scenarios: the shipped ones, the trainer's own, and the one a saved session was played in.

Two folders make the catalog. The *shipped* scenarios come with the program
(``resources.shipped_scenarios()``; ``TUSSENWERKER_SCENARIOS`` points elsewhere, for
tests). The *own* folder is where a trainer drops scenarios of their own: ``scenarios``
beside the session journal in the user's data folder (``TUSSENWERKER_USER_SCENARIOS``
points elsewhere), shown by ``tussenwerker paths`` and in the window's settings. Both
are listed together, each scenario marked with where it came from; an own scenario with
a shipped scenario's id is listed beside it, never instead of it, and an id typed on the
command line means the shipped one first.

A saved session names its scenario by id and digest (the hash of the file's text) and
by the path it was played from. ``find`` gets that scenario back wherever it lives now —
moved, reinstalled, unpacked elsewhere — preferring a file with the exact digest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from engine.scenario.errors import ScenarioError
from simulator import resources
from simulator.places import scenario_dir, user_scenario_dir

if TYPE_CHECKING:  # the start screen finds scenarios without the loader (cards come from a cache)
    from engine import Scenario

SUFFIXES = (".yaml", ".yml")


def ensure_user_scenario_dir() -> Optional[str]:
    """Create the own folder so a trainer can open it; returns one line when that fails."""
    folder = user_scenario_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{folder}: can't create the folder ({exc.strerror or exc})"
    return None


def load_scenario(path: str) -> Scenario:
    """The engine's loader, imported on first use. This is the catalog's one lazy import, on
    purpose: the window's start screen lists scenario files through this module (its cards come
    from a cache, ``window.cards_cache``), and a start with unchanged files must parse no YAML."""
    from engine.scenario.loader import load_scenario as load
    return load(path)


# path -> (file stamp, scenario): a debrief, report or comparison re-reads a file only when
# it changed on disk, so an edited scenario (hot reload, a trainer at work) is never stale.
_scenarios: dict[str, tuple[tuple[int, int], Scenario]] = {}


def _stamp(path: str) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def load_cached(path: str) -> Scenario:
    """``load_scenario``, read again only when the file changed since it was last read here."""
    stamp = _stamp(path)
    cached = _scenarios.get(path)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1]
    scenario = load_scenario(path)
    if stamp is not None:
        _scenarios[path] = (stamp, scenario)
    return scenario


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    except OSError:  # missing, not a folder, or unreadable: no scenarios from there
        return []


@dataclass(frozen=True)
class Found:
    path: Path
    own: bool  # from the trainer's own folder, not shipped


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def scenario_files(directory: Optional[Path] = None) -> list[Found]:
    """Every scenario file: the shipped ones, then the own ones (or only those in ``directory``)."""
    if directory is not None:
        return [Found(p, False) for p in _yaml_files(directory)]
    shipped, own = scenario_dir(), user_scenario_dir()
    out = [Found(p, False) for p in _yaml_files(shipped)]
    if not _same_folder(shipped, own):
        out += [Found(p, True) for p in _yaml_files(own)]
    return out


@dataclass(frozen=True)
class Entry:
    path: Path
    scenario: Optional[Scenario]
    error: Optional[str]
    own: bool = False


def load_catalog(directory: Optional[Path] = None) -> list[Entry]:
    """Every scenario, shipped then own; a broken one is listed with its first error, never raised."""
    out = []
    for found in scenario_files(directory):
        try:
            out.append(Entry(found.path, load_scenario(str(found.path)), None, found.own))
        except ScenarioError as exc:
            out.append(Entry(found.path, None, str(exc.problems[0]) if exc.problems else str(exc), found.own))
    return out


def resolve(name: str) -> str:
    """A path as given, or a scenario id: shipped first (``speeltuin`` -> its file), then the own folder."""
    if os.path.exists(name) or os.sep in name or "/" in name or name.endswith(SUFFIXES):
        return name
    for folder in (scenario_dir(), user_scenario_dir()):
        for suffix in SUFFIXES:
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                return str(candidate)
    for found in scenario_files():  # an own file whose name isn't its id
        if found.own and _peek_id(found.path) == name:
            return str(found.path)
    return name


def _peek_id(path: Path) -> Optional[str]:
    try:
        return load_scenario(str(path)).id
    except ScenarioError:
        return None


def _candidates(scenario_id: str, saved_path: str) -> Iterator[str]:
    """Where a scenario may be now: where it was played, then files named after it, then the rest."""
    seen: set[str] = set()
    files = scenario_files()
    ordered = ([saved_path] if saved_path else []) + [str(f.path) for f in files if f.path.stem == scenario_id] \
        + [str(f.path) for f in files]
    for path in ordered:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen and os.path.isfile(path):
            seen.add(key)
            yield path


def find(scenario_id: str, digest: str, saved_path: str = "",
         load: Optional[Callable[[str], "Scenario"]] = None) -> "Scenario":
    """The scenario a saved session was played in, wherever it lives now.

    The file with the same id and the exact digest wins (the session fits it as played);
    without one, the same id where it was played, else shipped, else own — the session
    may then no longer fit, which the caller checks. Raises ``ScenarioError`` naming the
    saved path when no file has that id.
    """
    load = load or load_scenario
    fallback: Optional[Scenario] = None
    for path in _candidates(scenario_id, saved_path):
        try:
            scenario = load(path)
        except ScenarioError:
            continue
        if scenario.id != scenario_id:
            continue
        if digest and scenario.digest == digest:
            return scenario
        if fallback is None:
            fallback = scenario
    if fallback is not None:
        return fallback
    raise ScenarioError.single(saved_path or scenario_id,
                               f"file not found, and no scenario {scenario_id!r} among the shipped ones "
                               f"or in your own folder ({user_scenario_dir()})")


_TRAINING: list = []


def shipped_scenarios():
    """The shipped scenarios themselves (never an override folder): what the tells report's
    surface classifier learns from. Loaded once per process; a broken one is left out."""
    if not _TRAINING:
        for path in sorted(resources.shipped_scenarios().glob("*.yaml")):
            try:
                _TRAINING.append(load_scenario(str(path)))
            except ScenarioError:
                continue
    return list(_TRAINING)
