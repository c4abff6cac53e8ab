"""Sign-off status in words: "gecontroleerd door …" or "niet gecontroleerd".

Shared by ``list``, the start screen and the debriefs (terminal, window, exports), so all
say the same. A sidecar that can't be read counts as no sign-off: a damaged signature
vouches for nothing (``validate`` names the problem).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

from engine.scenario.errors import ScenarioError
from engine.scenario.signoff import SignoffError, SignoffStatus, assess, read_sidecar, sidecar_path
from simulator import catalog
from simulator.i18n.rating import say

if TYPE_CHECKING:
    from engine.scenario.model import Scenario
    from engine.scenario.signoff import Signoff


def status_of(scenario: "Scenario") -> SignoffStatus:
    try:
        sidecar = read_sidecar(scenario.path)
    except SignoffError:
        sidecar = None
    return assess(scenario, sidecar)


def _date(iso: str, lang: str) -> str:
    day = iso[:10]
    if lang == "nl" and len(day) == 10 and day[4] == "-" and day[7] == "-":
        return f"{day[8:10]}-{day[5:7]}-{day[0:4]}"
    return day


def signer(s: "Signoff", lang: str) -> str:
    return f"{s.name} ({s.role}, {_date(s.date, lang)})"


def who(status: SignoffStatus, lang: str) -> str:
    return ", ".join(signer(s, lang) for s in status.signers)


def label(status: SignoffStatus, lang: str) -> str:
    """One line for lists and cards."""
    if status.state == "unsigned":
        return say("unsigned", lang)
    text = say("signed_by", lang, who=who(status, lang))
    if status.state == "partial":
        text += "; " + say("partly_changed", lang, n=len(status.unsigned), total=len(status.decisions))
    return text


def debrief_line(status: SignoffStatus, lang: str) -> str:
    """The debrief's word on whose judgement its scores are."""
    if status.state == "unsigned":
        return say("debrief_unsigned", lang)
    if status.state == "partial":
        return say("debrief_partial", lang, who=who(status, lang), n=len(status.unsigned),
                   total=len(status.decisions))
    return say("debrief_signed", lang, who=who(status, lang))


def status_data(status: SignoffStatus, lang: str) -> dict:
    """The sign-off as the JSON export carries it (and the Markdown and HTML exports show)."""
    return {"state": status.state, "note": debrief_line(status, lang),
            "signed_by": [{"name": s.name, "role": s.role, "date": s.date} for s in status.signers],
            "unsigned_decisions": list(status.unsigned)}


_CARD_LABELS: dict[tuple, str] = {}


def _stamp(path: str) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def label_for_path(path: str, lang: str) -> str:
    """The label for a scenario file, for the start screen's cards (which don't load scenarios).

    Without a sidecar nothing is loaded. With one, the scenario is loaded once per version
    of either file to compare digests; the answer is kept for this process.
    """
    side = sidecar_path(path)
    side_stamp = _stamp(side) if side else None
    if side_stamp is None:
        return say("unsigned", lang)
    key = (path, _stamp(path), side_stamp, lang)
    if key not in _CARD_LABELS:
        try:
            _CARD_LABELS[key] = label(status_of(catalog.load_scenario(path)), lang)
        except ScenarioError:
            _CARD_LABELS[key] = say("unsigned", lang)
    return _CARD_LABELS[key]
