"""Interface strings of the time-out, own-words mode, the order shown and the debrief's 1-5 scale.

Merged into ``simulator.i18n`` (never replacing a key defined there); ``tr()`` is still the
only way to read them. One table for one feature across every front end — the window, the
terminal, the exports — so the words for "you saw it as option 3" or "stepping back first
would have scored" are the same wherever a trainee reads them.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # -- the time-out ---------------------------------------------------------------------
    "balcony_button": {"nl": "Even naar het balkon", "en": "Step onto the balcony"},
    "balcony_title": {"nl": "Even naar het balkon", "en": "A step onto the balcony"},
    "balcony_scores": {"nl": "Je neemt afstand voordat je reageert. Dat is hier Ury's stap 2: niet impulsief "
                             "reageren op wat je net hoorde.",
                       "en": "You step back before you respond. Here that is Ury's step 2: not reacting on "
                             "impulse to what you just heard."},
    "balcony_costs": {"nl": "Een pauze op dit moment: de bewoners wachten op je, en dat kost wat geduld.",
                      "en": "A pause at this moment: the residents wait for you, and that costs some patience."},
    "balcony_look": {"nl": "Kijk rustig naar je mandaat, je antwoorden in de voorbereiding en wat de bewoners "
                           "laten zien. Daarna ga je terug naar hetzelfde moment.",
                     "en": "Take a calm look at your mandate, your answers in the preparation and what the "
                           "residents show. Then you go back to the same moment."},
    "balcony_back": {"nl": "Terug naar het gesprek", "en": "Back to the meeting"},
    "hk_balcony": {"nl": "B: balkon", "en": "B: balcony"},
    "log_timeout": {"nl": "Even naar het balkon (time-out)", "en": "A step onto the balcony (time-out)"},
    "verdict_timeout": {"nl": "time-out", "en": "time-out"},
    "your_move": {"nl": "Jouw zet", "en": "Your move"},
    # -- own words first ------------------------------------------------------------------
    "ow_setting": {"nl": "Eerst in eigen woorden", "en": "Own words first"},
    "ow_off": {"nl": "Uit", "en": "Off"},
    "ow_on": {"nl": "Aan", "en": "On"},
    "ow_note": {"nl": "Bij elke beslissing typ je eerst wat jij zou zeggen; daarna zie je de opties en kies je "
                      "de optie die het dichtst bij komt.",
                "en": "At each decision you first type what you would say; then you see the options and pick "
                      "the one closest to it."},
    "ow_prompt": {"nl": "Wat zou jij nu zeggen? Typ het in je eigen woorden.",
                  "en": "What would you say now? Type it in your own words."},
    "own_words_keep": {"nl": "Eerder typte je: “{words}” (Enter laat dat staan).",
                       "en": "Earlier you typed: “{words}” (Enter keeps it)."},
    "ow_show": {"nl": "Toon de opties", "en": "Show the options"},
    "ow_hint": {"nl": "Enter: toon de opties · Esc: uit het tekstveld",
                "en": "Enter: show the options · Esc: leave the text field"},
    "ow_you_meant": {"nl": "Jij wilde zeggen", "en": "You meant to say"},
    "ow_pick": {"nl": "kies de optie die er het dichtst bij komt", "en": "pick the option closest to it"},
    "own_words": {"nl": "Jouw eigen woorden", "en": "Your own words"},
    "own_words_best": {"nl": "De sterkste optie", "en": "The strongest option"},
    # -- the order shown --------------------------------------------------------------------
    "shown_as": {"nl": "je zag hem als optie {n} van {total}", "en": "you saw it as option {n} of {total}"},
    "shown_as_answer": {"nl": "je zag het als antwoord {n} van {total}", "en": "you saw it as answer {n} of {total}"},
    "br_before_shown": {"nl": "De vorige keer koos je hier: {choice} ({shown})",
                        "en": "Last time you chose here: {choice} ({shown})"},
    "br_before_timeout": {"nl": "De vorige keer nam je hier eerst een time-out.",
                          "en": "Last time you took a time-out here first."},
    "hr_why_timeout": {"nl": "bij ‘{node}’ kan geen time-out meer genomen worden",
                       "en": "a time-out can no longer be taken at ‘{node}’"},
    # -- a missed time-out at a provocation -----------------------------------------------------
    "provoked": {"nl": "Uitgelokt", "en": "Provoked"},
    "missed_provocation": {"nl": "Deze opmerking was bedoeld om je uit de tent te lokken. Ury's stap 2 is dan: "
                                 "niet meteen reageren, maar eerst even naar het balkon. Een time-out vóór je "
                                 "antwoord had hier gescoord.",
                           "en": "This remark was meant to provoke you. Ury's step 2 is then: don't respond at "
                                 "once, step onto the balcony first. A time-out before your answer would have "
                                 "scored here."},
    # -- one scale per dimension ----------------------------------------------------------------
    "scale_title": {"nl": "Per dimensie, op een schaal van 1 tot 5", "en": "Per dimension, on a scale of 1 to 5"},
    "scale_legend": {"nl": "1 = het minste dat haalbaar was op de beslissingen die jij tegenkwam, 5 = het beste "
                           "dat daar haalbaar was. Dezelfde schaal als jouw eigen inschatting.",
                     "en": "1 = the least achievable on the decisions you actually faced, 5 = the best achievable "
                           "there. The same scale as your own estimate."},
    "scale_measured": {"nl": "gemeten", "en": "measured"},
    "scale_own": {"nl": "jij", "en": "you"},
    "scale_of_5": {"nl": "{value} van 5", "en": "{value} of 5"},
    "nothing_to_work_on": {"nl": "niets op deze route — op elke dimensie haalde je het beste dat er op de "
                                 "beslissingen die jij tegenkwam te halen was.",
                           "en": "nothing along this route — on every dimension you reached the best the decisions "
                                 "you faced allowed."},
    "no_tips": {"nl": "Geen tips nodig voor deze route: er is niets om aan te werken.",
                "en": "No tips needed for this route: there is nothing to work on."},
    "progress_dims": {"nl": "Per dimensie sinds de eerste keer", "en": "Per dimension since the first time"},
    "paths_dims": {"nl": "Per dimensie, deze keer tegenover de eerste",
                   "en": "Per dimension, this time against the first"},
    "trend_up": {"nl": "beter", "en": "better"},
    "trend_down": {"nl": "minder", "en": "less"},
    "trend_same": {"nl": "gelijk", "en": "the same"},
    # -- the trainer report --------------------------------------------------------------------------
    "report_own_words": {"nl": "In eigen woorden", "en": "In their own words"},
}
