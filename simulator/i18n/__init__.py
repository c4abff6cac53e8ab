"""Interface strings in Dutch and English, shared by the window and the terminal.

Scenario texts carry their own translations; these are the words of the program
itself. ``tr(key, lang, **fields)`` falls back to Dutch, then to the key, so a missing
string shows up in a screen test rather than crashing.

One module per string family, each a plain table that imports nothing (so the terminal
and the exports read the window's words without pygame): ``core`` (what every front end
says), ``debrief`` (the debrief, journal, exports and trainer reports), ``cohort`` (the
cohort report, the LRS sender, the privacy commands), ``window`` (the window's screens),
``balcony`` (time-out, own words, the order shown, the 1-5 scale), ``media`` (chat, e-mail
and phone, the room's reactions, the lens) and ``a11y`` (accessibility). ``rating`` holds
the trainers' rating tools' words with their own ``say()``, ``authoring`` the authoring
commands' (``new``, ``plan``, ``test``, ``list``, ``analyze``).
"""

from __future__ import annotations

from simulator.i18n import a11y, balcony, cohort, core, debrief, media, window

STRINGS: dict[str, dict[str, str]] = dict(core.STRINGS)
# The debrief's and the cohort's tables may refine a core word; the families after them
# never replace a key defined before.
STRINGS.update(debrief.STRINGS)
STRINGS.update(cohort.STRINGS)
for _family in (window, balcony, media, a11y):
    for _key, _value in _family.STRINGS.items():
        STRINGS.setdefault(_key, _value)


def tr(key: str, lang: str, **fields: object) -> str:
    entry = STRINGS.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry.get("nl") or key
    return template.format(**fields) if fields else template


def prep_heading(lang: str, correct: int, answered: int, asked: int) -> str:
    """The preparation's heading in a debrief: of all questions when all were answered, else of
    those answered, with how many are still open (an unfinished session stopped during them)."""
    if answered >= asked:
        return tr("prep_result", lang, correct=correct, total=asked)
    return tr("prep_result_partial", lang, correct=correct, answered=answered, open=asked - answered, total=asked)


def sessions_said(n: int, lang: str) -> str:
    """"3 afgeronde sessies", and "1 afgeronde sessie" for one."""
    return tr("report_sessions_one", lang) if n == 1 else tr("report_sessions", lang, n=n)
