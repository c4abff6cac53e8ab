"""Interface strings of the debrief, the session journal, the exports and trainer reports.

Kept apart from ``i18n.py`` (which merges this table into its own) so the debrief's many
words don't crowd the window's; ``tr()`` in ``i18n`` is still the only way to read them.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "journal_off": {"nl": "Deze sessie wordt niet opgeslagen.", "en": "This session is not being saved."},
    "session_not_saved": {"nl": "Deze sessie is niet opgeslagen ({cause}).",
                          "en": "This session was not saved ({cause})."},
    "session_parked": {"nl": "Deze sessie staat klaar in {file} ({cause}); ze komt in het sessielogboek zodra "
                             "Tussenwerker het weer opent.",
                       "en": "This session waits in {file} ({cause}); it goes into the session journal the next "
                             "time Tussenwerker opens it."},
    "journal_busy_later": {"nl": "Een ander programma gebruikt het sessielogboek; de sessie wordt aan het eind "
                                 "opgeslagen.",
                           "en": "Another program is using the journal; the session will be saved at its end."},
    "journal_busy_window": {"nl": "Een ander programma gebruikt het sessielogboek; je sessie wordt opgeslagen aan het "
                                  "eind van het gesprek of bij het sluiten van het venster.",
                            "en": "Another program is using the session journal; your session will be saved at the end "
                                  "of the meeting or when the window closes."},
    "saved_late": {"nl": "Het sessielogboek is weer vrij: deze sessie is nu opgeslagen.",
                   "en": "The session journal is free again: this session is saved now."},
    "not_saved_yet": {"nl": "Het sessielogboek is nog bezet door een ander programma: deze sessie is nog niet "
                            "opgeslagen. Bij het sluiten van het venster wordt het opnieuw geprobeerd.",
                      "en": "Another program is still using the session journal: this session isn't saved yet. "
                            "It is tried again when the window closes."},
    "save_behind": {"nl": "Opslaan loopt achter ({cause}); je keuzes blijven bewaard en gaan mee met de "
                          "volgende stap.",
                    "en": "Saving is behind ({cause}); your choices are kept and saved with the next step."},
    "save_caught_up": {"nl": "Opslaan is bijgewerkt: alle stappen staan er weer in.",
                       "en": "Saving has caught up: every step is saved again."},
    "save_lost": {"nl": "Niet alles is opgeslagen ({cause}): de laatste stappen ontbreken in het sessielogboek.",
                  "en": "Not everything was saved ({cause}): the last steps are missing from the session journal."},
    "cause_busy": {"nl": "het sessielogboek is bezet door een ander programma",
                   "en": "another program is using the session journal"},
    "cause_disk full": {"nl": "schijf vol", "en": "disk full"},
    "cause_read-only": {"nl": "alleen-lezen: het sessielogboek kan niet beschreven worden",
                        "en": "read-only: the session journal can't be written"},
    "cause_error": {"nl": "fout bij schrijven", "en": "write error"},
    "resume_notes": {"nl": "Het scenario is veranderd sinds deze sessie; niet alles kon opnieuw gespeeld worden:",
                     "en": "The scenario changed since this session; not everything could be played again:"},
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
    "prep_result_partial": {"nl": "Voorbereiding: {correct} van {answered} beantwoorde vragen goed "
                                  "({open} van {total} niet beantwoord)",
                            "en": "Preparation: {correct} of {answered} answered right "
                                  "({open} of {total} not answered)"},
    "unfinished_note": {"nl": "Nog niet afgelopen: deze nabespreking gaat over de beslissingen tot nu toe ({n}).",
                        "en": "Not finished yet: this debrief covers the decisions so far ({n})."},
    "prep_right_answer": {"nl": "Juist was", "en": "The right answer"},
    "on_route": {"nl": "route {best}", "en": "route {best}"},
    "route_legend": {"nl": "route = het beste dat haalbaar was op de beslissingen die jij tegenkwam",
                     "en": "route = the best achievable on the decisions you actually faced"},
    "verdict_counts": {"nl": "beste keuze: {best} · goed: {good} · onnauwkeurig: {inaccuracy} · misser: {mistake}",
                       "en": "best: {best} · good: {good} · inaccuracy: {inaccuracy} · mistake: {mistake}"},
    # Both count from this decision on, the option's own score included: "after your choice" read
    # as the next decision's "from here", which is lower or higher by exactly the choice's score.
    "reachable": {"nl": "Nog haalbaar vanaf deze beslissing {here}, met jouw keuze {after}",
                  "en": "Still achievable from this decision {here}, with your choice {after}"},
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
    # -- Plus-Delta: the trainee's own rating before the figures (engine/debrief/selfrating.py) --
    "sr_title": {"nl": "Eerst jouw eigen inschatting", "en": "First, your own estimate"},
    "sr_intro": {"nl": "Hoe ging het volgens jou, vóór je de cijfers ziet? Geef per onderdeel een cijfer van 1 "
                       "(ging slecht) tot 5 (ging heel goed). Enter slaat een vraag over, q de rest.",
                 "en": "How did it go, in your view, before you see the figures? Rate each part from 1 (went "
                       "badly) to 5 (went very well). Enter skips a question, q skips the rest."},
    "sr_overall_q": {"nl": "Het gesprek als geheel", "en": "The meeting as a whole"},
    "sr_prompt": {"nl": "1-5, Enter = overslaan: ", "en": "1-5, Enter = skip: "},
    "sr_invalid": {"nl": "Typ een cijfer van 1 tot 5, of Enter om over te slaan.",
                   "en": "Type a number from 1 to 5, or Enter to skip."},
    "sr_scale_1": {"nl": "ging slecht", "en": "went badly"},
    "sr_scale_2": {"nl": "ging matig", "en": "not so well"},
    "sr_scale_3": {"nl": "ging redelijk", "en": "reasonably"},
    "sr_scale_4": {"nl": "ging goed", "en": "went well"},
    "sr_scale_5": {"nl": "ging heel goed", "en": "went very well"},
    "sr_plus_q": {"nl": "Plus: wat ging goed? (één zin, Enter = overslaan)",
                  "en": "Plus: what went well? (one sentence, Enter = skip)"},
    "sr_delta_q": {"nl": "Delta: wat zou je een volgende keer anders doen? (Enter = overslaan)",
                   "en": "Delta: what would you do differently next time? (Enter = skip)"},
    "sr_plus": {"nl": "Plus (ging goed)", "en": "Plus (went well)"},
    "sr_delta": {"nl": "Delta (anders doen)", "en": "Delta (do differently)"},
    "sr_section": {"nl": "Jouw inschatting naast de meting", "en": "Your estimate beside the measurement"},
    "sr_own": {"nl": "jij", "en": "you"},
    "sr_measured": {"nl": "gemeten", "en": "measured"},
    "sr_higher": {"nl": "jij zag het rooskleuriger", "en": "you saw it more positively"},
    "sr_lower": {"nl": "jij was strenger", "en": "you were harsher"},
    "sr_legend": {"nl": "gemeten = je score als deel van wat haalbaar was op de beslissingen die jij tegenkwam, "
                        "op dezelfde schaal van 1 tot 5; een verschil van 2 of meer is een goed gespreksonderwerp",
                  "en": "measured = your score as a share of what was achievable on the decisions you faced, on "
                        "the same 1 to 5 scale; a difference of 2 or more is worth talking about"},
    "sr_saved_fail": {"nl": "Je inschatting kon niet worden bewaard.", "en": "Your estimate could not be saved."},
    # -- coach mode: a hint after each choice (simulator/coach.py) --
    "coach_label": {"nl": "Coach", "en": "Coach"},
    "coach_builds": {"nl": "dit versterkt {dims}", "en": "this builds on {dims}"},
    "coach_against": {"nl": "dit gaat in tegen {dims}", "en": "this works against {dims}"},
    "coach_missed": {"nl": "{name} liet een gevoel of behoefte doorschemeren, en daar ging je niet op in",
                     "en": "{name} let a feeling or need show, and you didn't respond to it"},
    "coach_met": {"nl": "je ging in op wat {name} liet doorschemeren",
                  "en": "you responded to what {name} let show"},
    "coach_balcony": {"nl": "even naar het balkon: tijd winnen in plaats van impulsief reageren",
                      "en": "a trip to the balcony: buying time instead of reacting on impulse"},
    "coach_someone": {"nl": "de bewoner", "en": "the resident"},
    # -- replay from here and both paths side by side (engine/debrief/branching.py) --
    "br_heading": {"nl": "Opnieuw vanaf beslissing {n} van sessie {id}",
                   "en": "Again from decision {n} of session {id}"},
    "br_before": {"nl": "De vorige keer koos je hier: {choice}", "en": "Last time you chose here: {choice}"},
    "br_recap": {"nl": "Tot nu toe", "en": "So far"},
    "replay_of": {"nl": "opnieuw: sessie {id} vanaf {n}", "en": "replay of session {id} from {n}"},
    "replay_hint": {"nl": "Een beslissing opnieuw proberen: python -m simulator replay {id} NUMMER",
                    "en": "To try a decision again: python -m simulator replay {id} NUMBER"},
    "paths_title": {"nl": "Twee routes vanaf beslissing {n}", "en": "Two paths from decision {n}"},
    "paths_first": {"nl": "eerste keer", "en": "first time"},
    "paths_first_n": {"nl": "eerste keer (sessie {id})", "en": "first time (session {id})"},
    "paths_second": {"nl": "nu", "en": "this time"},
    "paths_same_choice": {"nl": "dezelfde keuze", "en": "the same choice"},
    "paths_other_moment": {"nl": "een ander moment", "en": "a different moment"},
    "paths_over": {"nl": "(het gesprek was al afgelopen)", "en": "(the meeting was already over)"},
    "paths_not_here": {"nl": "(op deze route kwam je hier niet)", "en": "(this path didn't come here)"},
    "paths_numbers": {"nl": "Twee nummers, zoals {a}/{b}: de eerste keer was dit beslissing {a}, nu beslissing {b}; "
                            "een streepje: die route kwam hier niet.",
                      "en": "Two numbers, as {a}/{b}: the first time this was decision {a}, this time decision {b}; "
                            "a dash: that path didn't come here."},
    "paths_identical": {"nl": "Je maakte vanaf hier dezelfde keuzes als de eerste keer.",
                        "en": "From here you made the same choices as the first time."},
    "paths_totals": {"nl": "Score: eerste keer → nu", "en": "Score: first time → this time"},
    "paths_mood": {"nl": "Stemming aan het eind", "en": "Mood at the end"},
    "paths_counts": {"nl": "vanaf hier beste keuze: {best} · misser: {mistake} · gemiste kans: {missed}",
                     "en": "from here best: {best} · mistake: {mistake} · missed opportunity: {missed}"},
    "unfinished_short": {"nl": "nog niet afgelopen", "en": "not finished"},
    "opportunity_met": {"nl": "je ging erop in", "en": "you took it up"},
    "waiting_debrief": {"nl": "De nabespreking wordt voorbereid ...", "en": "Preparing the debrief ..."},
    "parent_gone": {"nl": "De eerste keer (sessie {id}) is niet meer te vergelijken: {reason}",
                    "en": "The first time (session {id}) can no longer be compared: {reason}"},
    "report_sessions": {"nl": "{n} afgeronde sessies", "en": "{n} finished sessions"},
    "report_sessions_one": {"nl": "1 afgeronde sessie", "en": "1 finished session"},
    "replay_session": {"nl": "sessie {id}", "en": "session {id}"},
    "report_replays": {"nl": "({n} keer opnieuw gespeeld vanaf een beslissing; niet meegeteld in de cijfers)",
                       "en": "({n} replays from a decision; not counted in the figures)"},
    "report_replays_label": {"nl": "opnieuw gespeeld vanaf een beslissing (niet meegeteld)",
                             "en": "replays from a decision (not counted)"},
    "report_common_mistakes": {"nl": "Meest gemaakte missers", "en": "Most common mistakes"},
    "report_empty": {"nl": "Geen afgeronde sessies om over te rapporteren.",
                     "en": "No finished sessions to report on."},
}
