"""``tussenwerker paths``: where Tussenwerker keeps things, so a trainer knows where to drop a scenario.

Prints the shipped scenarios' folder, the trainer's own scenario folder (created here,
so it can be opened at once), the session journal and the settings file. The window's
settings screen shows the own folder too.
"""

from __future__ import annotations

import argparse
import sys

from simulator import catalog, places
from simulator.i18n import tr

EXIT_OK, EXIT_FAILED = 0, 1


def paths() -> list[tuple[str, str]]:
    """(i18n key of the label, path) for every place we read or write."""
    return [
        ("path_shipped", str(places.scenario_dir())),
        ("path_own", str(places.user_scenario_dir())),
        ("path_journal", str(places.journal_path())),
        ("path_settings", str(places.settings_path())),
    ]


def cmd_paths(args: argparse.Namespace) -> int:
    lang = args.cmd_lang or args.lang or "nl"
    problem = catalog.ensure_user_scenario_dir()
    rows = [(tr(key, lang), path) for key, path in paths()]
    width = max(len(label) for label, _ in rows)
    for label, path in rows:
        print(f"{label + ':':<{width + 1}}  {path}")
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
