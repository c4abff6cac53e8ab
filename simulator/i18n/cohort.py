"""Interface strings of the cohort report, the heat map, the LRS sender and the privacy commands.

Kept apart from ``i18n.py`` (which merges this table into its own) like the debrief's;
``tr()`` in ``i18n`` is still the only way to read them.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # the cohort report
    "cohort_no_scenario": {"nl": "(geen scenariobestand met id {id} op deze computer: alleen ids, geen teksten)",
                           "en": "(no scenario file with id {id} on this computer: ids only, no texts)"},
    "cohort_missed": {"nl": "Gemiste kansen", "en": "Missed opportunities"},
    "cohort_reason_opportunity": {"nl": "gevoel of behoefte niet erkend", "en": "feeling or need not acknowledged"},
    "cohort_reason_unlocked": {"nl": "verdiende opening niet benut", "en": "an earned opening left unused"},
    "cohort_reason_provocation": {"nl": "geen time-out bij een provocatie", "en": "no time-out at a provocation"},
    "cohort_best_left": {"nl": "Beste optie meestal niet gekozen", "en": "Best option mostly not taken"},
    "cohort_this_journal": {"nl": "de sessies op deze computer", "en": "the sessions on this computer"},
    "cohort_group": {"nl": "groep", "en": "group"},
    "cohort_since": {"nl": "vanaf", "en": "since"},
    "cohort_report_title": {"nl": "Groepsrapport", "en": "Cohort report"},
    "cohort_made": {"nl": "Gemaakt op {when} uit {source}", "en": "Made on {when} from {source}"},
    "cohort_dimension": {"nl": "Dimensie", "en": "Dimension"},
    "cohort_mean": {"nl": "Gemiddeld", "en": "Mean"},
    "cohort_sd": {"nl": "Spreiding", "en": "Spread"},
    "cohort_range": {"nl": "Laagste–hoogste", "en": "Lowest–highest"},
    "cohort_best": {"nl": "Beste haalbaar", "en": "Best achievable"},
    "cohort_endings": {"nl": "Hoe de gesprekken eindigden", "en": "How the meetings ended"},
    "cohort_heatmap": {"nl": "Hoe de groep koos", "en": "How the group chose"},
    "cohort_preparation": {"nl": "Voorbereiding", "en": "Preparation"},
    "cohort_answer_correct": {"nl": "goed antwoord", "en": "right answer"},
    "cohort_no_graph": {"nl": "Geen scenariobestand met id {id} op deze computer: de warmtekaart kan niet "
                              "op de graaf getekend worden.",
                        "en": "No scenario file with id {id} on this computer: the heat map can't be drawn "
                              "on the graph."},
    # the heat map
    "heat_title": {"nl": "{title}: hoe de groep koos ({n} sessies)",
                   "en": "{title}: how the group chose ({n} sessions)"},
    "heat_not_chosen": {"nl": "niet gekozen", "en": "not chosen"},
    "heat_timeouts_legend": {"nl": "time-outs", "en": "time-outs"},
    "heat_best_legend": {"nl": "beste optie hier", "en": "best option here"},
    "heat_reached": {"nl": "{n}× gekozen", "en": "{n} choices made"},
    "heat_timeouts": {"nl": "{n}× time-out ({pct}%)", "en": "{n} time-outs ({pct}%)"},
    "heat_other": {"nl": "+{n} keuzes voor opties die deze versie niet meer heeft",
                   "en": "+{n} choices of options this version no longer has"},
    "heat_ended": {"nl": "{n} sessies ({pct}%)", "en": "{n} sessions ({pct}%)"},
    # the LRS sender's status line
    "lrs_waiting": {"nl": "{n} resultaten wachten op verzending", "en": "{n} results waiting to be sent"},
    "lrs_waiting_retry": {"nl": "{n} resultaten wachten op verzending (LRS niet bereikbaar; nieuwe poging om {time})",
                          "en": "{n} results waiting to be sent (LRS not reachable; next try at {time})"},
    "lrs_waiting_auth": {"nl": "{n} resultaten wachten op verzending (de LRS weigert de inloggegevens)",
                         "en": "{n} results waiting to be sent (the LRS refuses the key and secret)"},
    "lrs_waiting_no_lrs": {"nl": "{n} resultaten wachten op verzending (geen LRS ingesteld)",
                           "en": "{n} results waiting to be sent (no LRS configured)"},
    "lrs_rejected": {"nl": "{n} resultaten geweigerd door de LRS (tussenwerker sync --status)",
                     "en": "{n} results refused by the LRS (tussenwerker sync --status)"},
    "lrs_settings_unusable": {"nl": "Er wordt niets naar de LRS verzonden: {problem}",
                              "en": "Nothing is sent to the LRS: {problem}"},
    "lrs_all_sent": {"nl": "Alle resultaten zijn verzonden.", "en": "All results have been sent."},
    "lrs_sent_now": {"nl": "{n} resultaten verzonden naar {where}.", "en": "{n} results sent to {where}."},
    "lrs_not_configured": {"nl": "Geen LRS ingesteld: zet TUSSENWERKER_LRS_ENDPOINT, _KEY en _SECRET, of "
                                 "gebruik tussenwerker sync --configure.",
                           "en": "No LRS configured: set TUSSENWERKER_LRS_ENDPOINT, _KEY and _SECRET, or use "
                                 "tussenwerker sync --configure."},
    # the window's privacy screen (Mijn sessies > Privacy)
    "pv_button": {"nl": "Privacy", "en": "Privacy"},
    "pv_title": {"nl": "Privacy en verzending", "en": "Privacy and sending"},
    "pv_export": {"nl": "Mijn gegevens exporteren", "en": "Export my data"},
    "pv_exported": {"nl": "Geëxporteerd naar {path}", "en": "Exported to {path}"},
    "pv_delete": {"nl": "Klik om sessie #{id} te verwijderen", "en": "Click to delete session #{id}"},
    "pv_delete_sure": {"nl": "Klik nogmaals: sessie #{id} wordt verwijderd", "en": "Click again: session #{id} "
                                                                                   "will be deleted"},
    "pv_confirm": {"nl": "Sessie #{id} verwijderen? Klik er nogmaals op om te bevestigen.",
                   "en": "Delete session #{id}? Click it again to confirm."},
    "pv_delete_all": {"nl": "Alles verwijderen", "en": "Delete everything"},
    "pv_delete_all_sure": {"nl": "Zeker? Klik nogmaals", "en": "Sure? Click again"},
    "pv_confirm_all": {"nl": "Alle sessies verwijderen? Dit kan niet ongedaan worden gemaakt. Klik nogmaals op "
                             "'Zeker? Klik nogmaals'.",
                       "en": "Delete every session? This can't be undone. Click 'Sure? Click again'."},
    "pv_deleted": {"nl": "{n} sessie(s) verwijderd.", "en": "{n} session(s) deleted."},
    "pv_voided": {"nl": "{n} resultaten die de LRS al had worden daar ingetrokken; vraag je academie ze definitief "
                        "te wissen.",
                  "en": "{n} results the LRS already had are voided there; ask your academy to erase them for good."},
    # what is kept where (``privacy.status_lines``: the privacy screen and ``privacy status``)
    "pv_st_sessions": {"nl": "sessies: {n} in {path}", "en": "sessions: {n} in {path}"},
    "pv_st_settings": {"nl": "instellingen: {settings}; LRS-instellingen: {lrs}",
                       "en": "settings: {settings}; LRS settings: {lrs}"},
    "pv_st_no_lrs": {"nl": "LRS: geen ingesteld; er wordt nergens iets heen gestuurd.",
                     "en": "LRS: none configured; nothing is sent anywhere."},
    "pv_st_lrs": {"nl": "LRS: {endpoint}; de resultaten noemen je bij {who}",
                  "en": "LRS: {endpoint}; statements name you by {who}"},
    "pv_st_lrs_name": {"nl": " en je naam ({name})", "en": " and your name ({name})"},
    "pv_who_pseudonym": {"nl": "een pseudoniem (een willekeurige code, geen naam of e-mail)",
                         "en": "a pseudonym (a random id, no name or e-mail)"},
    "pv_who_email": {"nl": "je e-mailadres", "en": "your e-mail address"},
    "pv_who_account": {"nl": "je login bij de academie", "en": "your academy login"},
    "pv_st_own_sent": {"nl": "eigen woorden: worden meegestuurd", "en": "own words: sent"},
    "pv_st_own_not_sent": {"nl": "eigen woorden: worden niet meegestuurd", "en": "own words: not sent"},
    "pv_st_own_typed": {"nl": "getypte eigen woorden: in {n} sessie(s); bewaard {kept}",
                        "en": "own words typed: in {n} session(s); kept {kept}"},
    "pv_kept_always": {"nl": "zo lang als de sessie", "en": "as long as the session"},
    "pv_kept_session": {"nl": "tot het eind van de sessie", "en": "until the session ends"},
    "pv_kept_days": {"nl": "{n} dagen", "en": "{n} days"},
    "pv_st_outbox": {"nl": "wachtrij: {waiting} resultaten wachten, {sent} verstuurd",
                     "en": "outbox: {waiting} statement(s) waiting, {sent} sent"},
    # ``privacy`` on the command line
    "pv_deleted_here": {"nl": "{n} sessie(s) verwijderd van deze computer.",
                        "en": "{n} session(s) deleted from this computer."},
    "pv_no_session": {"nl": "geen sessie {ids}", "en": "no session {ids}"},
    "pv_voided_cli": {"nl": "{n} resultaten die de LRS al had worden bij de volgende verzending ingetrokken; vraag "
                            "je academie ze daar definitief te wissen (docs/privacy.md).",
                      "en": "{n} statement(s) the LRS already had will be voided with the next delivery; to erase "
                            "them there for good, ask your academy (docs/privacy.md)."},
    "pv_ask_delete": {"nl": "{n} sessie(s) verwijderen? Dit kan niet ongedaan worden gemaakt. [j/N] ",
                      "en": "Delete {n} session(s)? This can't be undone. [y/N] "},
    "pv_written": {"nl": "geschreven: {path}", "en": "written: {path}"},
    "pv_identity_set": {"nl": "de resultaten noemen je bij: {kind}", "en": "statements will name you by: {kind}"},
    "pv_own_words_set": {"nl": "eigen woorden naar de LRS: {sent}; bewaard: {kept}",
                         "en": "own words sent to the LRS: {sent}; kept: {kept}"},
    "pv_yes": {"nl": "ja", "en": "yes"},
    "pv_no": {"nl": "nee", "en": "no"},
}
