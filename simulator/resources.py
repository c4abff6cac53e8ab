"""Where the data shipped with Tussenwerker lives: scenarios, theme, portraits, schema, fonts.

In the repository ``scenarios/``, ``assets/`` and ``schema/`` are top-level folders; the
build maps each into the package as ``simulator.scenarios``, ``simulator.assets`` and
``simulator.schema`` (``setup.py``), one copy, so a wheel, an editable install and a
frozen app all find them through ``importlib.resources`` and nothing here knows where
the package sits on disk. Each folder holds an ``__init__.py`` only so that it is a
package both in the wheel and through the editable install's import hook.

The four Noto Sans files are the ones pygame_gui ships in ``pygame_gui/data`` (the same
bytes our window used to carry as its own copy). They are found without importing
pygame_gui, because the title card is drawn before pygame_gui loads.

Every function returns a real ``Path``: the loader, pygame and SQLite want file names,
and every way we install (wheel, editable, PyInstaller folder) unpacks to disk.
"""

from __future__ import annotations

import importlib.util
from importlib.resources import files
from pathlib import Path
from typing import Optional

SCENARIOS_PACKAGE = "simulator.scenarios"
ASSETS_PACKAGE = "simulator.assets"
SCHEMA_PACKAGE = "simulator.schema"
FONTS_PACKAGE = "pygame_gui"  # its data/ folder; a package we depend on anyway
SCHEMA_FILE = "scenario.schema.json"
FONT_LICENCE = "licenses/NotoSans-LICENSE.txt"  # under pygame_gui/data


class MissingData(RuntimeError):
    """Shipped data that isn't there: a broken install. ``str()`` names what is missing."""


def _folder(package: str) -> Path:
    try:
        root = files(package)
    except ModuleNotFoundError:
        raise MissingData(f"{package}: the shipped data is missing; reinstall Tussenwerker") from None
    return Path(str(root))


def shipped_scenarios() -> Path:
    """The folder of scenarios that come with Tussenwerker."""
    return _folder(SCENARIOS_PACKAGE)


def assets() -> Path:
    """``assets/``: the theme, the portraits of the shipped residents, the licence notes."""
    return _folder(ASSETS_PACKAGE)


def theme_file() -> Path:
    return assets() / "theme.json"


def portraits() -> Path:
    return assets() / "portraits"


def reading_font() -> Path:
    """``assets/reading_font``: Atkinson Hyperlegible, the font a trainee can choose for easier reading."""
    return assets() / "reading_font"


def schema_file() -> Path:
    """The scenario JSON Schema that authors' editors use for completion and checks."""
    return _folder(SCHEMA_PACKAGE) / SCHEMA_FILE


def checkout() -> Optional[Path]:
    """The repository's root when running from a checkout (editable install), else None.

    ``schema --write`` regenerates source files there; an installed wheel has none to write.
    """
    root = shipped_scenarios().parent
    return root if (root / "pyproject.toml").is_file() and (root / "docs").is_dir() else None


def fonts() -> Path:
    """pygame_gui's ``data`` folder, which holds the Noto Sans files (pygame_gui not imported)."""
    spec = importlib.util.find_spec(FONTS_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise MissingData(f"{FONTS_PACKAGE}: not installed; the window needs its fonts")
    return Path(locations[0]) / "data"


def font_file(name: str) -> Path:
    return fonts() / name


def font_licence() -> Path:
    return fonts() / FONT_LICENCE
