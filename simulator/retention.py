"""Forgetting own words: typed own words may name real people, so they are kept only as long as
``own_words_days`` in the LRS settings says (0: not after the session ends).

``purge_own_words`` removes them from the journal's sessions and from the outbox's copies in one
transaction. The journal runs it each time it opens; ``privacy`` tells the trainee about it.
Takes the journal as ``Any`` (it calls ``_query`` and ``write_all``): the journal imports this
module, never the other way round.
"""

from __future__ import annotations

import json
import time
from typing import Any, Optional

from simulator.xapi import profile as p

DAY = 86400.0


def _strip_words(statement: str) -> Optional[str]:
    """The statement without own-words extensions, or None when it has none."""
    try:
        data = json.loads(statement)
    except ValueError:
        return None
    extensions = data.get("result", {}).get("extensions", {})
    if p.OWN_WORDS not in extensions:
        return None
    extensions.pop(p.OWN_WORDS, None)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def purge_own_words(journal: Any, days: int, now: Optional[float] = None) -> int:
    """Remove typed own words older than ``days`` (0: from finished sessions); returns how many
    sessions had some. One transaction: the journal and the outbox agree afterwards."""
    now = time.time() if now is None else now
    if days == 0:
        rows = journal._query("SELECT id, data FROM sessions WHERE finished = 1 AND data LIKE '%\"own\\_words\"%'"
                              " ESCAPE '\\'")
    else:
        rows = journal._query("SELECT id, data FROM sessions WHERE updated_at < ? AND data LIKE '%\"own\\_words\"%'"
                              " ESCAPE '\\'", (now - days * DAY,))
    statements: list[tuple[str, tuple[Any, ...]]] = []
    for row in rows:
        try:
            data = json.loads(row["data"])
        except (ValueError, RecursionError):
            continue  # a damaged session: what reads it says so
        history = data.get("history") if isinstance(data, dict) else None
        changed = False
        for decision in history if isinstance(history, list) else []:
            if isinstance(decision, dict) and "own_words" in decision:
                del decision["own_words"]
                changed = True
        if not changed:
            continue
        statements.append(("UPDATE sessions SET data = ? WHERE id = ?",
                           (json.dumps(data, ensure_ascii=False), row["id"])))
        if "outbox" in tables(journal):
            for out in journal._query("SELECT id, statement FROM outbox WHERE session_id = ?"
                                      " AND statement LIKE '%own-words%'", (row["id"],)):
                stripped = _strip_words(out["statement"])
                if stripped is not None:
                    statements.append(("UPDATE outbox SET statement = ? WHERE id = ?", (stripped, out["id"])))
    journal.write_all(statements)
    return sum(1 for sql, _ in statements if sql.startswith("UPDATE sessions"))


def tables(journal: Any) -> set[str]:
    return {r[0] for r in journal._query("SELECT name FROM sqlite_master WHERE type = 'table'")}
