"""The trainee's preferences: language, text size, text speed, auto-advance, window or fullscreen, coach mode.

Stored as a small JSON file in the platform's user config folder
(``platformdirs.user_config_dir("tussenwerker")``); ``TUSSENWERKER_CONFIG`` names another
folder (tests use a temporary one). A missing, unreadable or half-valid file never
stops the program: every value that can't be read takes its default, and a file that
can't be written is reported by ``save()`` returning the reason instead of raising.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Optional

APP_NAME = "tussenwerker"
CONFIG_ENV = "TUSSENWERKER_CONFIG"
FILE_NAME = "settings.json"

LANGUAGES = ("nl", "en")
TEXT_SIZES = ("normal", "large", "larger")
TEXT_SCALE = {"normal": 1.0, "large": 1.2, "larger": 1.45}
TEXT_SPEEDS = ("slow", "normal", "fast", "instant")
# Characters per second of the typewriter; ``None`` shows a line at once.
CHARS_PER_SECOND: dict[str, Optional[float]] = {"slow": 28.0, "normal": 55.0, "fast": 120.0, "instant": None}
AUTO_ADVANCE = ("off", "slow", "normal", "fast")
# The window's auto-advance: seconds a finished line stays before the meeting goes on by itself
# (plus a little per character, for reading); ``None``: only the trainee goes on.
AUTO_ADVANCE_SECONDS: dict[str, Optional[float]] = {"off": None, "slow": 5.0, "normal": 3.0, "fast": 1.5}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    language: str = "nl"
    text_size: str = "normal"
    text_speed: str = "normal"
    fullscreen: bool = False
    coach: bool = False  # a hint after each choice (simulator/coach.py); off, only the residents react
    auto_advance: str = "off"  # the window goes on by itself after a line (not at a decision)

    @property
    def text_scale(self) -> float:
        return TEXT_SCALE[self.text_size]

    @property
    def chars_per_second(self) -> Optional[float]:
        return CHARS_PER_SECOND[self.text_speed]

    @property
    def auto_advance_seconds(self) -> Optional[float]:
        return AUTO_ADVANCE_SECONDS[self.auto_advance]

    def with_(self, **changes: Any) -> "Settings":
        return _validated(replace(self, **changes))

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Any) -> "Settings":
        """Every readable, valid value from ``data``; the defaults for the rest."""
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return _validated(cls(**{k: v for k, v in data.items() if k in known}))


def _validated(s: Settings) -> Settings:
    default = Settings()
    return Settings(
        language=s.language if s.language in LANGUAGES else default.language,
        text_size=s.text_size if s.text_size in TEXT_SIZES else default.text_size,
        text_speed=s.text_speed if s.text_speed in TEXT_SPEEDS else default.text_speed,
        fullscreen=s.fullscreen if isinstance(s.fullscreen, bool) else default.fullscreen,
        coach=s.coach if isinstance(s.coach, bool) else default.coach,
        auto_advance=s.auto_advance if s.auto_advance in AUTO_ADVANCE else default.auto_advance,
    )


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    import platformdirs
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load(path: Optional[Path] = None) -> Settings:
    path = path or settings_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        log.warning("can't read settings %s (%s); using defaults", path, exc)
        return Settings()
    try:
        return Settings.from_data(json.loads(raw))
    except ValueError as exc:
        log.warning("settings file %s is not valid JSON (%s); using defaults", path, exc)
        return Settings()


def save(settings: Settings, path: Optional[Path] = None) -> Optional[str]:
    """Write the settings atomically; returns None, or one line saying why it failed."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(settings.to_data(), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("can't save settings to %s (%s)", path, exc)
        return f"{path}: {exc.strerror or exc}"
    return None
