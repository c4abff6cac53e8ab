"""A cohort from the Learning Record Store: its statements back into ``PlayedSession`` records.

``report --lrs`` asks the LRS for the course's statements (only this profile's: its IRI is
in every statement's ``category``), filtered on the server where xAPI allows it — the
scenario's or the group's activity (``related_activities``), a ``registration``, ``since`` —
and again here, since not every LRS implements every filter. Statements are gathered per
registration (one session): ``launched`` gives the start, each ``answered``/``responded``/time-out
a decision with the verdict the review gave when it was sent, ``completed`` the ending and the
totals. Voided statements (a trainee deleted the session) are left out, as is anything not
of this profile.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any, Iterable, Optional
from urllib.parse import unquote

from simulator.cohort import OVERALL, PlayedDecision, PlayedSession
from simulator.i18n import tr
from simulator.xapi import profile as p
from simulator.xapi.client import LrsClient, LrsError
from simulator.xapi.config import ConfigError, LrsConfig, load_config


def _time(text: Any) -> Optional[float]:
    if not isinstance(text, str):
        return None
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _ours(statement: dict[str, Any]) -> bool:
    category = statement.get("context", {}).get("contextActivities", {}).get("category", [])
    if isinstance(category, dict):
        category = [category]
    return any(isinstance(a, dict) and a.get("id") == p.PROFILE for a in category)


def sessions_from(statements: Iterable[dict[str, Any]], group: Optional[str] = None) -> list[PlayedSession]:
    """The sessions the statements describe (a registration is a session)."""
    verbs = {iri: name for name, (iri, _, _) in p.VERBS.items()}
    voided: set[str] = set()
    per: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in statements:
        if not _ours(s):
            continue
        name = verbs.get(s.get("verb", {}).get("id"))
        if name == "voided":
            target = s.get("object", {})
            if target.get("objectType") == "StatementRef":
                voided.add(str(target.get("id")))
            continue
        registration = s.get("context", {}).get("registration")
        if registration:
            per[str(registration)].append(s)
    out = []
    for registration, found in per.items():
        found = [s for s in found if s.get("id") not in voided]
        played = _session(registration, found, verbs, group)
        if played is not None:
            out.append(played)
    return out


def _session(registration: str, found: list[dict[str, Any]], verbs: dict[str, str],
             group: Optional[str]) -> Optional[PlayedSession]:
    if not found:
        return None
    ext = found[0].get("context", {}).get("extensions", {})
    if group is not None and ext.get(p.GROUP) != group:
        return None
    decisions: dict[int, PlayedDecision] = {}
    started: Optional[float] = None
    done: Optional[dict[str, Any]] = None
    for s in found:
        name = verbs.get(s.get("verb", {}).get("id"))
        context = s.get("context", {}).get("extensions", {})
        result = s.get("result", {}) or {}
        extensions = result.get("extensions", {}) or {}
        if name == "launched":
            started = _time(s.get("timestamp"))
        elif name in ("answered", "responded", "timeout"):
            step = int(context.get(p.STEP, 0))
            node = str(s.get("object", {}).get("id", "")).rsplit("/", 1)[-1]
            node = unquote(node)
            if name == "timeout":
                decisions[step] = PlayedDecision("timeout", node, "timeout")
                continue
            decisions[step] = PlayedDecision(
                "prep" if name == "answered" else "meeting", node, str(result.get("response", "")),
                extensions.get(p.VERDICT), extensions.get(p.MISSED), extensions.get(p.BEST_CHOICE))
        elif name == "completed":
            done = s
    if started is None:
        started = min((t for t in (_time(s.get("timestamp")) for s in found) if t is not None), default=None)
    totals: dict[str, int] = {}
    best: dict[str, int] = {}
    ending = None
    if done is not None:
        extensions = done.get("result", {}).get("extensions", {}) or {}
        totals = {str(k): int(v) for k, v in (extensions.get(p.TOTALS) or {}).items()}
        best = {str(k): int(v) for k, v in (extensions.get(p.ROUTE_BEST) or {}).items()}
        if isinstance(extensions.get(p.BEST_ACHIEVABLE), int):
            best[OVERALL] = extensions[p.BEST_ACHIEVABLE]
        ending = (extensions.get(p.ENDING) or {}).get("id")
    return PlayedSession(
        f"lrs {registration}", str(ext.get(p.SCENARIO_ID, "")), str(ext.get(p.SCENARIO_DIGEST, "")), started,
        done is not None, ending, totals, best, tuple(decisions[k] for k in sorted(decisions)),
        p.REPLAY_OF in ext, registration)


def _iso(seconds: float) -> str:
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def read_lrs(problems: list[str], scenario_id: Optional[str] = None, since: Optional[float] = None,
             group: Optional[str] = None, registration: Optional[str] = None,
             config: Optional[LrsConfig] = None, client: Optional[LrsClient] = None) -> list[PlayedSession]:
    """The cohort in the configured LRS; a problem reaching it is one line in ``problems``."""
    try:
        config = config or load_config()
    except ConfigError as exc:
        problems.append(str(exc))
        return []
    if not config.enabled:
        problems.append(tr("lrs_not_configured", "en"))
        return []
    params: dict[str, str] = {}
    if group:
        params.update(activity=p.group_iri(group), related_activities="true")
    elif scenario_id:
        params.update(activity=p.scenario_all(scenario_id), related_activities="true")
    if registration:
        params["registration"] = registration
    if since is not None:
        params["since"] = _iso(since)  # stored since: a superset of the sessions started since
    client = client or LrsClient(config)
    try:
        statements = list(client.statements(params))
        if not statements and "activity" in params:
            # Not every LRS filters on related activities (Ralph 5's file backend finds nothing):
            # ask again without that filter; the group and the scenario are checked here anyway.
            params.pop("activity")
            params.pop("related_activities")
            statements = list(client.statements(params))
    except LrsError as exc:
        problems.append(str(exc))
        return []
    sessions = sessions_from(statements, group)
    if registration:
        sessions = [s for s in sessions if s.identity == registration]
    return sessions
