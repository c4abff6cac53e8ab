"""Interface strings in Dutch and English, shared by the window and the terminal.

Scenario texts carry their own translations; these are the words of the program
itself. ``tr(key, lang, **fields)`` falls back to Dutch, then to the key, so a missing
string shows up in a screen test rather than crashing.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"nl": "Tussenwerker", "en": "Tussenwerker"},
    "tagline": {"nl": "Oefenen met lastige gesprekken met bewoners",
                "en": "Practise difficult meetings with residents"},
    "preparation": {"nl": "Voorbereiding", "en": "Preparation"},
    "briefing": {"nl": "Briefing", "en": "Briefing"},
    "meeting": {"nl": "Bijeenkomst", "en": "Meeting"},
    "situation": {"nl": "Situatie", "en": "Situation"},
    "your_role": {"nl": "Jouw rol", "en": "Your role"},
    "goals": {"nl": "Wat de gemeente wil", "en": "What the municipality wants"},
    "room_to_move": {"nl": "Jouw mandaat", "en": "Your mandate"},
    "residents": {"nl": "Bewoners", "en": "Residents"},
    "question_n": {"nl": "Vraag {n} van {total}", "en": "Question {n} of {total}"},
    "your_choice": {"nl": "Jouw keuze", "en": "Your choice"},
    "you": {"nl": "Jij", "en": "You"},
    "narrator": {"nl": "", "en": ""},
    "choose_prompt": {"nl": "Kies 1-{n} (of q om te stoppen): ", "en": "Choose 1-{n} (or q to quit): "},
    "choose_prompt_timeout": {"nl": "Kies 1-{n}, b voor een time-out (of q om te stoppen): ",
                              "en": "Choose 1-{n}, b for a time-out (or q to quit): "},
    "own_words_prompt": {"nl": "Wat zou jij zeggen? Typ het in je eigen woorden: ",
                         "en": "What would you say? Type it in your own words: "},
    "own_words_then": {"nl": "Kies nu de optie die het dichtst komt bij wat je bedoelde.",
                       "en": "Now pick the option closest to what you meant."},
    "timeout_title": {"nl": "Even naar het balkon", "en": "A step onto the balcony"},
    "timeout_prepared": {"nl": "Wat je in de voorbereiding vond", "en": "What you found in the preparation"},
    "timeout_back": {"nl": "Terug naar het gesprek.", "en": "Back to the meeting."},
    "bot_timeout": {"nl": "(bot neemt een time-out)", "en": "(bot takes a time-out)"},
    "invalid_choice": {"nl": "Dat is geen keuze. Typ een nummer van 1 tot {n}.",
                       "en": "That is not a choice. Type a number from 1 to {n}."},
    "stopped": {"nl": "Sessie gestopt.", "en": "Session stopped."},
    "continue": {"nl": "Verder", "en": "Continue"},
    "ending": {"nl": "Einde", "en": "Ending"},
    "debrief": {"nl": "Nabespreking", "en": "Debrief"},
    "per_decision": {"nl": "Beslissing voor beslissing", "en": "Decision by decision"},
    "per_dimension": {"nl": "Per dimensie", "en": "Per dimension"},
    "decision_n": {"nl": "Beslissing {n}", "en": "Decision {n}"},
    "score": {"nl": "Score", "en": "Score"},
    "feedback": {"nl": "Feedback", "en": "Feedback"},
    "better": {"nl": "Sterker was", "en": "Stronger would have been"},
    "why": {"nl": "Waarom", "en": "Why"},
    "no_tags": {"nl": "geen scoretags", "en": "no score tags"},
    "best_achievable": {"nl": "beste haalbaar", "en": "best achievable"},
    "not_trained": {"nl": "niet geoefend in dit scenario", "en": "not trained in this scenario"},
    "overall": {"nl": "Totaal", "en": "Overall"},
    "ury_steps": {"nl": "De vijf stappen van Ury", "en": "Ury's five steps"},
    "empathy": {"nl": "Inlevingsvermogen", "en": "Empathy (inlevingsvermogen)"},
    "reflection": {"nl": "Reflectievragen", "en": "Reflection questions"},
    "tips": {"nl": "Tips", "en": "Tips"},
    "levels": {"nl": "Omgevingsbewustzijn: drie niveaus", "en": "Environmental awareness: three levels"},
    "verdict_best": {"nl": "beste keuze", "en": "best move"},
    "verdict_good": {"nl": "goed", "en": "good"},
    "verdict_inaccuracy": {"nl": "onnauwkeurig", "en": "inaccuracy"},
    "verdict_mistake": {"nl": "misser", "en": "mistake"},
    "missed_opportunity": {"nl": "gemiste kans", "en": "missed opportunity"},
    "opportunity": {"nl": "Wat er onder de woorden zat", "en": "What lay beneath the words"},
    "thought": {"nl": "Wat {name} dacht", "en": "What {name} thought"},
    "kind_agreement": {"nl": "akkoord", "en": "agreement"},
    "kind_partial": {"nl": "gedeeltelijk akkoord", "en": "partial agreement"},
    "kind_postponed": {"nl": "uitgesteld", "en": "postponed"},
    "kind_escalation": {"nl": "escalatie", "en": "escalation"},
    "summary_counts": {"nl": "{best} beste, {good} goed, {inaccuracy} onnauwkeurig, {mistake} misser",
                       "en": "{best} best, {good} good, {inaccuracy} inaccuracies, {mistake} mistakes"},
    "approximate": {"nl": "(benadering: het scenario is te groot om volledig door te rekenen)",
                    "en": "(approximate: the scenario is too large to compute exactly)"},
    "minutes": {"nl": "{n} min", "en": "{n} min"},
    "difficulty": {"nl": "Moeilijkheid", "en": "Difficulty"},
    "bot_chose": {"nl": "(bot kiest {n})", "en": "(bot chooses {n})"},
    "preparation_done": {"nl": "Voorbereiding klaar. De bijeenkomst begint.",
                         "en": "Preparation done. The meeting begins."},
    "strongest": {"nl": "Sterkste punt", "en": "Strongest"},
    "weakest": {"nl": "Om aan te werken", "en": "To work on"},
}

# The debrief, journal, export and report strings live in their own table.
from .i18n_debrief import STRINGS as _DEBRIEF_STRINGS  # noqa: E402

STRINGS.update(_DEBRIEF_STRINGS)
# The cohort report's, the LRS sender's and the privacy commands' strings too.
from .i18n_cohort import STRINGS as _COHORT_STRINGS  # noqa: E402

STRINGS.update(_COHORT_STRINGS)


def tr(key: str, lang: str, **fields: object) -> str:
    entry = STRINGS.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry.get("nl") or key
    return template.format(**fields) if fields else template

# The window's strings live in their own table too (simulator/app/strings.py, no pygame);
# they never replace a key defined above.
from .app.strings import STRINGS as _APP_STRINGS  # noqa: E402

for _key, _value in _APP_STRINGS.items():
    STRINGS.setdefault(_key, _value)

# The time-out, own words, the order shown and the 1-5 scale (simulator/i18n_balcony.py).
from .i18n_balcony import STRINGS as _BALCONY_STRINGS  # noqa: E402

for _key, _value in _BALCONY_STRINGS.items():
    STRINGS.setdefault(_key, _value)

# Chat, e-mail and phone lines, the room's reactions and the debrief's lens (simulator/i18n_media.py).
from .i18n_media import STRINGS as _MEDIA_STRINGS  # noqa: E402

for _key, _value in _MEDIA_STRINGS.items():
    STRINGS.setdefault(_key, _value)

# Accessibility: settings rows, self-voicing, the plain terminal mode (simulator/i18n_a11y.py).
from .i18n_a11y import STRINGS as _A11Y_STRINGS  # noqa: E402

for _key, _value in _A11Y_STRINGS.items():
    STRINGS.setdefault(_key, _value)
