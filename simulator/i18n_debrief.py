"""Interface strings of the debrief, the session journal, the exports and trainer reports.

Kept apart from ``i18n.py`` (which merges this table into its own) so the debrief's many
words don't crowd the window's; ``tr()`` in ``i18n`` is still the only way to read them.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "journal_off": {"nl": "Deze sessie wordt niet opgeslagen.", "en": "This session is not being saved."},
    "saved_as": {"nl": "Opgeslagen als sessie {id}.", "en": "Saved as session {id}."},
    "resume_again_hint": {"nl": "Verder spelen: python -m simulator play --text --resume {id}",
                    "en": "To continue: python -m simulator play --text --resume {id}"},
    "debrief_again_hint": {"nl": "Nabespreking terugzien: python -m simulator debrief {id}",
                     "en": "To see the debrief again: python -m simulator debrief {id}"},
    "resuming": {"nl": "Verder met sessie {id} ({title}).", "en": "Continuing session {id} ({title})."},
    "nothing_to_resume": {"nl": "Er is geen onafgemaakte sessie om verder te spelen.",
                          "en": "There is no unfinished session to continue."},
    "already_finished": {"nl": "Sessie {id} is al afgerond; bekijk de nabespreking met: "
                               "python -m simulator debrief {id}",
                         "en": "Session {id} is already finished; see its debrief with: "
                               "python -m simulator debrief {id}"},
    "overall_of_best": {"nl": "Totaalscore {score} (beste haalbaar: {best})",
                        "en": "Overall score {score} (best achievable: {best})"},
    "prep_result": {"nl": "Voorbereiding: {correct} van {total} goed", "en": "Preparation: {correct} of {total} right"},
    "prep_right_answer": {"nl": "Juist was", "en": "The right answer"},
    "on_route": {"nl": "route {best}", "en": "route {best}"},
    "route_legend": {"nl": "route = het beste dat haalbaar was op de beslissingen die jij tegenkwam",
                     "en": "route = the best achievable on the decisions you actually faced"},
    "verdict_counts": {"nl": "beste keuze: {best} · goed: {good} · onnauwkeurig: {inaccuracy} · misser: {mistake}",
                       "en": "best: {best} · good: {good} · inaccuracy: {inaccuracy} · mistake: {mistake}"},
    "reachable": {"nl": "Haalbaar vanaf hier {here}, na jouw keuze {after}",
                  "en": "Achievable from here {here}, after your choice {after}"},
    "missed_unlocked": {"nl": "Deze sterke optie was er alleen dankzij wat je eerder deed, en je liet hem liggen.",
                        "en": "This strong option was only there thanks to what you did earlier, and you left it."},
    "strongest_moment": {"nl": "sterkste moment: beslissing {n}", "en": "strongest moment: decision {n}"},
    "weakest_moment": {"nl": "zwakste moment: beslissing {n}", "en": "weakest moment: decision {n}"},
    "progress": {"nl": "Voortgang ({n} keer gespeeld)", "en": "Progress ({n} attempts)"},
    "progress_since_first": {"nl": "{sign} sinds de eerste keer", "en": "{sign} since the first time"},
    "score_col": {"nl": "score", "en": "score"},
    "best_col": {"nl": "beste", "en": "best"},
    "session_n": {"nl": "Sessie {id}", "en": "Session {id}"},
    "chart_legend": {"nl": "Groen: punten boven nul, tot het best haalbare in dit scenario (rechts); rood: punten "
                           "eronder, tot het slechtst haalbare (links). De stippellijn is het beste dat haalbaar "
                           "was op de beslissingen die jij tegenkwam.",
                     "en": "Green: points above zero, up to the best achievable in this scenario (right); red: "
                           "points below, down to the worst achievable (left). The dashed line is the best "
                           "achievable on the decisions you actually faced."},
    "written": {"nl": "Geschreven: {path}", "en": "Written: {path}"},
    "no_sessions": {"nl": "Nog geen sessies opgeslagen in {path}.", "en": "No sessions saved yet in {path}."},
    "unfinished": {"nl": "onafgemaakt ({n} stappen)", "en": "unfinished ({n} steps)"},
    "col_id": {"nl": "nr", "en": "id"},
    "col_date": {"nl": "datum", "en": "date"},
    "col_scenario": {"nl": "scenario", "en": "scenario"},
    "col_ending": {"nl": "einde", "en": "ending"},
    "col_score": {"nl": "score", "en": "score"},
    "col_trainee": {"nl": "deelnemer", "en": "trainee"},
    "scenario_changed": {"nl": "Let op: het scenario is gewijzigd sinds deze sessie; de nabespreking gebruikt de "
                               "huidige versie.",
                         "en": "Note: the scenario has changed since this session; the debrief uses the current "
                               "version."},
    "report_sessions": {"nl": "{n} afgeronde sessies", "en": "{n} finished sessions"},
    "report_common_mistakes": {"nl": "Meest gemaakte missers", "en": "Most common mistakes"},
    "report_empty": {"nl": "Geen afgeronde sessies om over te rapporteren.",
                     "en": "No finished sessions to report on."},
}
