"""Interface strings of the debrief, the session journal, the exports and trainer reports.

Kept apart from ``i18n.py`` (which merges this table into its own) so the debrief's many
words don't crowd the window's; ``tr()`` in ``i18n`` is still the only way to read them.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "journal_off": {"nl": "Deze sessie wordt niet opgeslagen.", "en": "This session is not being saved."},
    "saved_as": {"nl": "Opgeslagen als sessie {id}.", "en": "Saved as session {id}."},
    "resume_hint": {"nl": "Verder spelen: python -m simulator play --text --resume {id}",
                    "en": "To continue: python -m simulator play --text --resume {id}"},
    "debrief_hint": {"nl": "Nabespreking terugzien: python -m simulator debrief {id}",
                     "en": "To see the debrief again: python -m simulator debrief {id}"},
    "resuming": {"nl": "Verder met sessie {id} ({title}).", "en": "Continuing session {id} ({title})."},
    "nothing_to_resume": {"nl": "Er is geen onafgemaakte sessie om verder te spelen.",
                          "en": "There is no unfinished session to continue."},
    "already_finished": {"nl": "Sessie {id} is al afgerond; bekijk de nabespreking met: "
                               "python -m simulator debrief {id}",
                         "en": "Session {id} is already finished; see its debrief with: "
                               "python -m simulator debrief {id}"},
}
