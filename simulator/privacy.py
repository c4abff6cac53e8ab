"""The trainee's own data (AVG/GDPR): what is kept, exporting it, deleting it, forgetting own words.

A trainee can take everything this program keeps about them (``export``: every session with its
playthrough and self-rating, and every statement in the outbox — what was sent to the academy's
LRS and what waits) and can delete sessions (``delete``): the journal row and its unsent
statements go at once; statements the LRS already has are voided (a voiding statement is queued,
``xapi.outbox``) — the academy erases them for good on request (``docs/privacy.md``).

Own words typed in own-words mode may name real people; ``own_words_days`` in the LRS settings
keeps them that many days (0: not after the session ends), after which ``purge_own_words``
removes them from the journal and from the outbox's copies (``retention``, which the journal
runs when it opens). The window and the CLI (``cli.privacy``) both use these functions.
"""

from __future__ import annotations

import json
import time
from typing import Any, Optional

from simulator import settings
from simulator.i18n import tr
from simulator.journal import JournalError
from simulator.retention import tables as _tables
from simulator.settings import settings_path
from simulator.timestamps import iso
from simulator.xapi.config import config_path, load_quietly

EXPORT_FORMAT = "tussenwerker-privacy-export"
EXPORT_VERSION = 1


def _json_or_text(raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(raw, bytes):  # a damaged row: what it holds, readably
        return raw.decode("utf-8", "replace")
    try:
        return json.loads(raw)
    except (TypeError, ValueError, RecursionError):
        return raw


def _plain(value: Any) -> Any:
    """A listing column as JSON can hold it (a damaged row may hold a blob)."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _when(value: Any) -> Any:
    """A time column as an ISO date; a damaged one as it is."""
    return iso(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else _plain(value)


def export_data(journal: Any) -> dict[str, Any]:
    """Everything this program keeps about the trainee: settings (never a key or secret), every
    session with its playthrough and self-rating, and every statement in the outbox."""
    config, _ = load_quietly()
    lrs = config.shown()
    lrs["key"] = "(set)" if config.key else ""
    sessions = []
    for row in journal._query("SELECT * FROM sessions ORDER BY id"):
        item = {k: _plain(row[k]) for k in row.keys() if k not in ("data", "rating", "totals", "valued")}
        item["started_at"], item["updated_at"] = _when(row["started_at"]), _when(row["updated_at"])
        item["totals"] = _json_or_text(row["totals"])
        item["rating"] = _json_or_text(row["rating"]) if "rating" in row.keys() else None
        item["playthrough"] = _json_or_text(row["data"])
        if "valued" in row.keys():  # the debrief's values, worked out from the playthrough (``kept_values``)
            item["debrief_values"] = _json_or_text(row["valued"])
        sessions.append(item)
    outbox = []
    if "outbox" in _tables(journal):
        for row in journal._query("SELECT session_id, key, statement_id, sent_at, rejected, problem, statement"
                                  " FROM outbox ORDER BY id"):
            outbox.append({"session": row["session_id"], "key": row["key"], "statement_id": row["statement_id"],
                           "sent_at": iso(row["sent_at"]) if row["sent_at"] else None,
                           "refused": bool(row["rejected"]), "problem": row["problem"],
                           "statement": _json_or_text(row["statement"])})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "generated_at": iso(time.time()),
            "journal": str(journal.path), "settings": settings.load().to_data(), "lrs": lrs,
            "sessions": sessions, "outbox": outbox}


class Deleted:
    def __init__(self) -> None:
        self.deleted: list[int] = []
        self.missing: list[int] = []
        self.voided = 0  # statements the LRS had: voiding statements queued
        self.configured = False

    def lines(self, lang: str = "nl") -> list[str]:
        """What was done, one line each (``said``: with whether the line names a problem)."""
        return [line for _, line in self.said(lang)]

    def said(self, lang: str = "nl") -> list[tuple[bool, str]]:
        """(names a problem, line) per line: ``privacy delete`` prints the problems on stderr."""
        out = [(False, tr("pv_deleted_here", lang, n=len(self.deleted)))]
        if self.missing:
            out.append((True, tr("pv_no_session", lang, ids=", ".join(map(str, self.missing)))))
        if self.voided:
            out.append((False, tr("pv_voided_cli", lang, n=self.voided)))
        return out


def delete_sessions(journal: Any, ids: list[int]) -> Deleted:
    """Delete sessions from the journal (and their statements from the outbox; sent ones voided)."""
    done = Deleted()
    before = _void_count(journal)
    for sid in ids:
        try:
            journal.get(sid)
        except JournalError:
            done.missing.append(sid)
            continue
        journal.delete(sid)
        done.deleted.append(sid)
    done.voided = _void_count(journal) - before
    return done


def _void_count(journal: Any) -> int:
    if "outbox" not in _tables(journal):
        return 0
    return int(journal._query("SELECT count(*) AS n FROM outbox WHERE key LIKE 'void:%'")[0]["n"])


def status_lines(journal: Any, lang: str = "nl") -> list[str]:
    """What is kept where and what is sent, for ``privacy status`` and the window's privacy screen."""
    config, problem = load_quietly()
    sessions = journal._query("SELECT count(*) AS n, sum(data LIKE '%\"own\\_words\"%' ESCAPE '\\') AS w"
                              " FROM sessions")[0]
    out = [tr("pv_st_sessions", lang, n=sessions["n"], path=journal.path),
           tr("pv_st_settings", lang, settings=settings_path(), lrs=config_path())]
    if problem:
        out.append(problem)
    if not config.enabled:
        out.append(tr("pv_st_no_lrs", lang))
    else:
        out.append(tr("pv_st_lrs", lang, endpoint=config.endpoint_shown, who=tr(f"pv_who_{config.identity_kind}", lang))
                   + (tr("pv_st_lrs_name", lang, name=config.actor_name) if config.actor_name else ""))
        out.append(tr("pv_st_own_sent" if config.send_own_words else "pv_st_own_not_sent", lang))
    out.append(tr("pv_st_own_typed", lang, n=int(sessions["w"] or 0), kept=kept_words(config.own_words_days, lang)))
    if "outbox" in _tables(journal):
        row = journal._query("SELECT sum(sent_at IS NULL) AS waiting, sum(sent_at IS NOT NULL) AS sent FROM outbox")[0]
        out.append(tr("pv_st_outbox", lang, waiting=int(row["waiting"] or 0), sent=int(row["sent"] or 0)))
    return out


def kept_words(days: Optional[int], lang: str) -> str:
    """How long typed own words are kept, in words."""
    if days is None:
        return tr("pv_kept_always", lang)
    return tr("pv_kept_session", lang) if days == 0 else tr("pv_kept_days", lang, n=days)
