"""The trainee's preferences: language, text size, text speed, auto-advance, window or fullscreen, coach mode,
own words first, sound, and the accessibility settings (colours, font, line spacing, reduced motion,
self-voicing, the residents' voices).

Stored as a small JSON file in the user's config folder (``places.settings_path``;
``TUSSENWERKER_CONFIG`` names another folder, tests use a temporary one). A missing, unreadable or half-valid file never
stops the program: every value that can't be read takes its default, and a file that
can't be written is reported by ``save()`` returning the reason instead of raising.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Optional

from simulator.places import settings_path
from simulator.safewrite import WriteRefused, atomic_write

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
SOUND_LEVELS = ("off", "quiet", "normal", "loud")
# The window's sound (simulator/window/sound.py): the room's ambience and a cue when a mood shifts.
SOUND_VOLUME: dict[str, float] = {"off": 0.0, "quiet": 0.3, "normal": 0.6, "loud": 1.0}
# Accessibility (issue 24): the palette (simulator/window/theme.py), the font (Noto Sans or Atkinson
# Hyperlegible), the line spacing (times the theme's own).
THEMES = ("standard", "high_contrast")
FONTS = ("standard", "reading")
LINE_SPACINGS = ("normal", "wide", "wider")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    language: str = "nl"
    text_size: str = "normal"
    text_speed: str = "normal"
    fullscreen: bool = False
    coach: bool = False  # a hint after each choice (simulator/coach.py); off, only the residents react
    auto_advance: str = "off"  # the window goes on by itself after a line (not at a decision)
    own_words: bool = False  # at each decision, first type what you would say, then see the options
    sound: str = "off"  # the window's ambience and mood cues, one of SOUND_LEVELS; off: no audio device opened
    theme: str = "standard"  # one of THEMES: the colours
    font: str = "standard"  # one of FONTS: "reading" is Atkinson Hyperlegible
    line_spacing: str = "normal"  # one of LINE_SPACINGS
    reduce_motion: bool = False  # no typewriter, no easing meters, no moving faces
    self_voicing: bool = False  # read aloud what has the focus, each line, each option, the debrief (key V)
    resident_voices: bool = False  # the residents speak their lines, each with their own voice

    @property
    def look(self) -> tuple[str, str, str]:
        """What the window's theme is built from besides the text size."""
        return self.theme, self.font, self.line_spacing

    @property
    def text_scale(self) -> float:
        return TEXT_SCALE[self.text_size]

    @property
    def chars_per_second(self) -> Optional[float]:
        """The typewriter's speed; reduced motion shows every line at once."""
        return None if self.reduce_motion else CHARS_PER_SECOND[self.text_speed]

    @property
    def auto_advance_seconds(self) -> Optional[float]:
        return AUTO_ADVANCE_SECONDS[self.auto_advance]

    @property
    def volume(self) -> float:
        return SOUND_VOLUME[self.sound]

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
        own_words=s.own_words if isinstance(s.own_words, bool) else default.own_words,
        sound=s.sound if s.sound in SOUND_LEVELS else default.sound,
        theme=s.theme if s.theme in THEMES else default.theme,
        font=s.font if s.font in FONTS else default.font,
        line_spacing=s.line_spacing if s.line_spacing in LINE_SPACINGS else default.line_spacing,
        reduce_motion=s.reduce_motion if isinstance(s.reduce_motion, bool) else default.reduce_motion,
        self_voicing=s.self_voicing if isinstance(s.self_voicing, bool) else default.self_voicing,
        resident_voices=s.resident_voices if isinstance(s.resident_voices, bool) else default.resident_voices,
    )


MAX_FILE_BYTES = 64 * 1024  # a settings file is a few hundred bytes; anything far bigger isn't one


def read_small_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a small regular file; ``OSError`` for anything else (a folder, a pipe, a
    device, a file over ``limit``), without ever waiting on a pipe or reading a device endlessly."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError("not a regular file")
        if info.st_size > limit:
            raise OSError(f"{info.st_size} bytes, more than a settings file can be")
        data = os.read(fd, limit + 1)
        if len(data) > limit:
            raise OSError("more than a settings file can be")
        return data
    finally:
        os.close(fd)


def load(path: Optional[Path] = None) -> Settings:
    return load_checked(path)[0]


def load_checked(path: Optional[Path] = None) -> tuple[Settings, list[str]]:
    """The settings, and one line per thing in the file that was ignored (for the start screen).

    A missing file is no problem (the defaults, nothing to say); a file that isn't a small
    UTF-8 JSON object is ignored as a whole; a value that isn't one of its choices is ignored
    and its default used. The program starts either way.
    """
    path = path or settings_path()
    try:
        raw = read_small_file(path)
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        log.warning("can't read settings %s (%s); using defaults", path, exc)
        return Settings(), [f"{path}: can't be read ({exc.strerror or exc}); using the default settings"]
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        log.warning("settings file %s is not valid JSON (%s); using defaults", path, exc)
        return Settings(), [f"{path}: not a settings file (not JSON text); using the default settings"]
    if not isinstance(data, dict):
        return Settings(), [f"{path}: not a settings file (no JSON object); using the default settings"]
    settings = Settings.from_data(data)
    known = {f.name for f in fields(Settings)}
    default = Settings()
    ignored = []
    for key, value in data.items():
        if key not in known:
            ignored.append(f"unknown {str(key)[:30]!r}")
        elif getattr(settings, key) != value or type(getattr(settings, key)) is not type(value):
            ignored.append(f"{key}={str(value)[:30]!r} (using {getattr(default, key)!r})")
    if not ignored:
        return settings, []
    return settings, [f"{path}: ignored {', '.join(ignored)}"]


def save(settings: Settings, path: Optional[Path] = None) -> Optional[str]:
    """Write the settings atomically; returns None, or one line saying why it failed."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(settings.to_data(), indent=2) + "\n")
    except OSError as exc:
        log.warning("can't save settings to %s (%s)", path, exc)
        return f"{path}: {exc.strerror or exc}"
    except WriteRefused as exc:
        log.warning("can't save settings: %s", exc)
        return str(exc)
    return None
