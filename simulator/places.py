"""Where this program keeps a user's files: the data folder (the session journal and the
trainer's own scenarios), the config folder (settings, LRS settings) and the shipped scenarios.

Each place can be moved with an environment variable (tests, portable installs); otherwise it
is the platform's user folder (``platformdirs``). This module stands below the journal, the
settings, the catalog, ``safewrite`` and the LRS settings: each of them asks it where a file
lives, so none of them has to ask another (``safewrite`` must know every one of these files to
refuse to overwrite them, and must not need the modules that write them).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from simulator import resources

APP_NAME = "tussenwerker"
DATA_ENV = "TUSSENWERKER_DATA"  # the data folder
CONFIG_ENV = "TUSSENWERKER_CONFIG"  # the config folder
SHIPPED_ENV = "TUSSENWERKER_SCENARIOS"  # the shipped scenarios (tests point it at fixtures)
USER_ENV = "TUSSENWERKER_USER_SCENARIOS"  # the trainer's own scenarios
JOURNAL_FILE = "journal.sqlite3"
SETTINGS_FILE = "settings.json"
USER_FOLDER = "scenarios"


def data_dir() -> Path:
    """``$TUSSENWERKER_DATA``, else the platform's user data folder."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def journal_path() -> Path:
    """The session journal: ``journal.sqlite3`` in the data folder."""
    return data_dir() / JOURNAL_FILE


def config_dir() -> Path:
    """``$TUSSENWERKER_CONFIG``, else the platform's user config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def scenario_dir() -> Path:
    """The shipped scenarios' folder."""
    override = os.environ.get(SHIPPED_ENV)
    if override:
        return Path(override)
    return resources.shipped_scenarios()


def user_scenario_dir() -> Path:
    """The trainer's own scenarios: ``scenarios`` in the data folder, beside the journal (may not exist yet)."""
    override = os.environ.get(USER_ENV)
    if override:
        return Path(override)
    return data_dir() / USER_FOLDER
