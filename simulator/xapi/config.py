"""Where the statements go and who they say did it: the LRS settings and the trainee's identity.

Read from ``lrs.json`` in the settings folder (``TUSSENWERKER_CONFIG``, else the user config
folder; an IT department can name another file with ``TUSSENWERKER_LRS_CONFIG``), then the
environment: ``TUSSENWERKER_LRS_ENDPOINT`` (the xAPI base URL, e.g.
``http://127.0.0.1:8100/xAPI/``), ``TUSSENWERKER_LRS_KEY``, ``TUSSENWERKER_LRS_SECRET`` and
``TUSSENWERKER_LRS_GROUP`` override the file. No endpoint: nothing is written to the outbox
and nothing is sent.

Privacy by default: the actor is a pseudonymous account (a random id made once per user,
kept in ``lrs.json``); the trainee's name or e-mail only goes where they configured it
(``privacy identity``). Own words typed in own-words mode are only sent after the separate
opt-in ``send_own_words``. The secret never leaves this module except in the Authorization
header: ``shown()`` and ``endpoint_shown`` leave it and any user:password@ out.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit, urlunsplit

from simulator.places import config_dir
from simulator.safewrite import WriteRefused, atomic_write
from simulator.settings import read_small_file
from simulator.xapi import profile

FILE_NAME = "lrs.json"
CONFIG_FILE_ENV = "TUSSENWERKER_LRS_CONFIG"
ENV = {"endpoint": "TUSSENWERKER_LRS_ENDPOINT", "key": "TUSSENWERKER_LRS_KEY",
       "secret": "TUSSENWERKER_LRS_SECRET", "group": "TUSSENWERKER_LRS_GROUP"}
MAX_BATCH = 500


class ConfigError(Exception):
    """A setting that can't be used; ``str()`` is one line naming the file or variable."""

MAX_KEEP_DAYS = 36_500  # own_words_days: a hundred years; null keeps them for good
MAX_TEXT = 2_000  # characters of one setting (an address, a key, a secret, a name): far more than any needs

@dataclass(frozen=True)
class LrsConfig:
    endpoint: str = ""  # the xAPI base URL; empty: no LRS
    key: str = ""  # Basic auth
    secret: str = ""
    group: str = ""  # the course or cohort these sessions belong to (a trainer filters on it)
    actor_name: str = ""  # only sent when configured
    actor_email: str = ""  # only sent when configured
    account_name: str = ""  # the trainee's login at the academy, only sent when configured
    account_homepage: str = ""  # the academy's home page for that login
    pseudonym: str = ""  # the random id used when none of the above is set
    send_own_words: bool = False  # own-words text (and the self-rating's plus/delta) only after this opt-in
    own_words_days: Optional[int] = None  # keep typed own words this many days (None: keep; 0: not after the session)
    batch: int = 50  # statements per request

    @property
    def enabled(self) -> bool:
        return bool(self.endpoint)

    @property
    def statements_url(self) -> str:
        base = _without_userinfo(self.endpoint)
        return (base if base.endswith("/") else base + "/") + "statements"

    @property
    def endpoint_shown(self) -> str:
        """The endpoint as it may be printed: no user:password@, no query."""
        return _without_userinfo(self.endpoint, drop_query=True)

    @property
    def credentials(self) -> tuple[str, str]:
        """Key and secret; a user:password@ in the endpoint counts when no key is set."""
        if self.key:
            return self.key, self.secret
        parts = urlsplit(self.endpoint)
        return (parts.username or "", parts.password or "")

    def actor(self) -> dict[str, Any]:
        """The statements' actor: what the trainee configured, else the pseudonymous account."""
        out: dict[str, Any] = {"objectType": "Agent"}
        if self.actor_name:
            out["name"] = self.actor_name
        if self.actor_email:
            out["mbox"] = "mailto:" + self.actor_email
        elif self.account_name:
            out["account"] = {"homePage": self.account_homepage or _origin(self.endpoint) or profile.BASE,
                              "name": self.account_name}
        else:
            out["account"] = {"homePage": profile.PSEUDONYM_HOME, "name": self.pseudonym or "unknown"}
        return out

    @property
    def identity_kind(self) -> str:
        return "email" if self.actor_email else "account" if self.account_name else "pseudonym"

    def shown(self) -> dict[str, Any]:
        """The settings as they may be printed or exported: never the key or the secret."""
        data = asdict(self)
        data["key"] = "(set)" if self.key else ""  # the key is half of the credentials
        data["secret"] = "(set)" if self.secret else ""
        data["endpoint"] = self.endpoint_shown
        return data


def _without_userinfo(url: str, drop_query: bool = False) -> str:
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "" if drop_query else parts.query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" if parts.scheme and parts.hostname else ""


def config_path() -> Path:
    override = os.environ.get(CONFIG_FILE_ENV)
    if override:
        return Path(override)
    return config_dir() / FILE_NAME


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = read_small_file(path)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: can't be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # (a BOM, as Windows Notepad writes one, is no error)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not JSON ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not usable settings (nested far too deep)") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: not a JSON object")
    return data


def _validated(data: dict[str, Any], where: str, origin: Optional[dict[str, str]] = None) -> LrsConfig:
    """The settings from ``data``; a value that can't be used is a ``ConfigError`` naming where it
    came from: the file (``where``), or the environment variable ``origin`` says set it."""
    known = {f.name: f for f in fields(LrsConfig)}
    values: dict[str, Any] = {}
    origin = origin or {}
    for key, value in data.items():
        if key not in known:
            continue
        here = origin.get(key, where)
        default = getattr(LrsConfig(), key)
        if key == "own_words_days":
            if value is not None and not (isinstance(value, int) and not isinstance(value, bool)
                                          and 0 <= value <= MAX_KEEP_DAYS):
                raise ConfigError(f"{here}: own_words_days must be a whole number of days from 0 to {MAX_KEEP_DAYS} "
                                  f"or null (keep them)")
        elif key == "batch":
            if not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_BATCH):
                raise ConfigError(f"{here}: batch must be a whole number from 1 to {MAX_BATCH}")
        elif type(value) is not type(default):
            raise ConfigError(f"{here}: {key} must be {type(default).__name__}")
        elif isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise ConfigError(f"{here}: {key} is {len(value):,} characters long; at most {MAX_TEXT:,}")
            controls = key != "endpoint"  # (the endpoint's own check names what an address may hold)
            if any((controls and ord(ch) < 32) or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
                raise ConfigError(f"{here}: {key} holds a control character or a byte that isn't UTF-8; "
                                  f"type it again")
        values[key] = value
    config = LrsConfig(**values)
    if config.endpoint:
        here = origin.get("endpoint", where)
        if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in config.endpoint):
            raise ConfigError(f"{here}: endpoint contains spaces or control characters; it should be an http(s) "
                              f"URL (e.g. https://lrs.example.org/xAPI/)")
        try:
            parts = urlsplit(config.endpoint)
        except ValueError as exc:  # e.g. "Invalid IPv6 URL"
            raise ConfigError(f"{here}: endpoint is not a usable URL ({exc})") from None
        try:
            parts.port  # noqa: B018 (raises ValueError for a port out of range or not a number)
        except ValueError:
            host = parts.netloc.rpartition("@")[2]  # as written, without any user:password@
            raise ConfigError(f"{here}: endpoint {parts.scheme}://{host}{parts.path} has no usable port number") \
                from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{here}: endpoint {config.endpoint_shown!r} is not an http(s) URL "
                              f"(e.g. https://lrs.example.org/xAPI/)")
    return config


def load_config(path: Optional[Path] = None, environ: Optional[dict[str, str]] = None) -> LrsConfig:
    """The settings: the file, then the environment over it. ``ConfigError`` on a bad file."""
    path = path or config_path()
    env = os.environ if environ is None else environ
    data = _read_file(path)
    origin = {}
    for key, name in ENV.items():
        if env.get(name):
            data[key] = env[name]
            origin[key] = name
    return _validated(data, str(path), origin)


def load_quietly() -> tuple[LrsConfig, Optional[str]]:
    """The settings, or no LRS and the one line why (a broken file never stops a session)."""
    try:
        return load_config(), None
    except ConfigError as exc:
        return LrsConfig(), str(exc)


def save_config(changes: dict[str, Any], path: Optional[Path] = None) -> LrsConfig:
    """Store ``changes`` in the file (only the file: the environment is never written down).
    The file is private to the user (mode 0600): it may hold the secret."""
    path = path or config_path()
    data = _read_file(path)
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None or k == "own_words_days"}
    config = _validated(data, str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        os.chmod(path, 0o600)
    except OSError as exc:
        raise ConfigError(f"{path}: can't be written ({exc.strerror or exc})") from None
    except WriteRefused as exc:
        raise ConfigError(str(exc)) from None
    return config


def with_pseudonym(config: LrsConfig) -> LrsConfig:
    """The settings with a pseudonym, made (random) and stored the first time one is needed."""
    if config.pseudonym:
        return config
    made = str(uuid.uuid4())
    try:
        stored = save_config({"pseudonym": made})
        return replace(config, pseudonym=stored.pseudonym)
    except ConfigError:
        return replace(config, pseudonym=made)  # this run keeps one; the next tries to store again
