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
}
