"""The words of rating sheets, rating reports and sign-off labels, in Dutch and English.

Kept apart from ``i18n`` (the player's words): a trainer's tools, read by trainers.
``say(key, lang, **fields)`` falls back to Dutch, then to the key.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "rr_same_sheet": {"nl": "waarschuwing: {path}: hetzelfde formulier als {first} (dezelfde beoordelaar, dezelfde "
                            "antwoorden); één keer meegeteld",
                      "en": "warning: {path}: the same sheet as {first} (the same rater, the same answers); "
                            "counted once"},
    # -- the sheet -------------------------------------------------------------------------
    "sheet_title": {"nl": "Beoordelingsformulier", "en": "Rating sheet"},
    "sheet_intro": {
        "nl": "Je beoordeelt de keuzes in dit scenario zonder de scores van de auteur te zien. Per beslissing "
              "zie je wat de cursist op dat moment weet en hoort, en de opties die de cursist krijgt, in "
              "willekeurige volgorde.",
        "en": "You rate the choices in this scenario without seeing the author's scores. For each decision you "
              "see what the trainee knows and hears at that moment, and the options the trainee gets, in a "
              "random order."},
    "sheet_how_order": {
        "nl": "Zet de opties op volgorde: 1 is de sterkste zet (gelijke nummers mogen). Of geef elke optie "
              "simpelweg ‘beste’, ‘acceptabel’ of ‘zwak’. Niet allebei bij één beslissing.",
        "en": "Put the options in order: 1 is the strongest move (equal numbers are allowed). Or simply mark "
              "each option ‘best’, ‘acceptable’ or ‘poor’. Not both at one decision."},
    "sheet_how_rate": {
        "nl": "Wil je preciezer zijn: geef een optie op de dimensies die ze volgens jou raakt een cijfer van "
              "−2 (werkt sterk tegen) tot +2 (laat het sterk zien). Laat leeg wat de optie niet raakt: leeg "
              "telt als 0 zodra je bij die beslissing iets hebt ingevuld.",
        "en": "To be more precise: rate an option from −2 (works strongly against it) to +2 (shows it "
              "strongly) on the dimensions you think it touches. Leave empty what it doesn't touch: once you "
              "rate anything at a decision, empty counts as 0."},
    "sheet_how_skip": {
        "nl": "Een beslissing die je helemaal leeg laat, telt niet mee. Een opmerking is altijd welkom.",
        "en": "A decision you leave wholly empty doesn't count. A comment is always welcome."},
    "sheet_save_how": {
        "nl": "Klaar, of even stoppen? Klik op ‘Opslaan’: je browser bewaart een bestand (.json). Stuur dat "
              "naar wie het scenario laat toetsen. Met ‘Bestand openen’ ga je later verder waar je was.",
        "en": "Done, or stopping for now? Click ‘Save’: your browser saves a file (.json). Send it to whoever "
              "asked for the rating. With ‘Open file’ you continue later where you left off."},
    "sheet_csv_how": {
        "nl": "Vul per optie de kolom ‘volgorde’ in (1 = sterkste zet, of beste/acceptabel/zwak) en waar je "
              "wilt de dimensies (−2..+2). Verander de eerste regel en de kolommen beslissing, optie en "
              "controle niet. Sla op als CSV.",
        "en": "For each option fill in the column ‘order’ (1 = strongest move, or best/acceptable/poor) and, "
              "where you wish, the dimensions (−2..+2). Don't change the first line nor the columns decision, "
              "option and check. Save as CSV."},
    "rater_name": {"nl": "Naam", "en": "Name"},
    "rater_role": {"nl": "Rol", "en": "Role"},
    "rater_role_hint": {"nl": "bijvoorbeeld trainer, gedragsdeskundige", "en": "for example trainer, assessor"},
    "briefing": {"nl": "Wat de cursist vooraf weet", "en": "What the trainee knows beforehand"},
    "situation": {"nl": "Situatie", "en": "Situation"},
    "your_role": {"nl": "Rol van de cursist", "en": "The trainee's role"},
    "goals": {"nl": "Wat de gemeente wil", "en": "What the municipality wants"},
    "mandate": {"nl": "Mandaat", "en": "Mandate"},
    "residents": {"nl": "Bewoners", "en": "Residents"},
    "position": {"nl": "standpunt", "en": "position"},
    "preparation": {"nl": "Voorbereiding", "en": "Preparation"},
    "meeting": {"nl": "Gesprek", "en": "Meeting"},
    "decision_n": {"nl": "Beslissing {n} van {total}", "en": "Decision {n} of {total}"},
    "before": {"nl": "Daarvoor", "en": "Just before"},
    "before_paths": {"nl": "Daarvoor (afhankelijk van het verloop, een van deze)",
                     "en": "Just before (depending on the meeting, one of these)"},
    "variant": {"nl": "Afhankelijk van het verloop zegt {who} het ook zo",
                "en": "Depending on the meeting, {who} may also say"},
    "variant_narrator": {"nl": "Afhankelijk van het verloop ook", "en": "Depending on the meeting, also"},
    "prep_question": {"nl": "Voorbereidingsvraag", "en": "Preparation question"},
    "conditional": {"nl": "alleen in sommige gesprekken beschikbaar", "en": "only offered in some meetings"},
    "option": {"nl": "Optie", "en": "Option"},
    "order": {"nl": "Volgorde", "en": "Order"},
    "order_hint": {"nl": "1 = sterkste", "en": "1 = strongest"},
    "verdict_best": {"nl": "beste", "en": "best"},
    "verdict_acceptable": {"nl": "acceptabel", "en": "acceptable"},
    "verdict_poor": {"nl": "zwak", "en": "poor"},
    "or_verdict": {"nl": "of een oordeel", "en": "or a verdict"},
    "comment": {"nl": "Opmerking", "en": "Comment"},
    "comment_hint": {"nl": "Wat valt je op? Wat zou je anders scoren, en waarom?",
                     "en": "What strikes you? What would you score differently, and why?"},
    "dimensions": {"nl": "De negen dimensies", "en": "The nine dimensions"},
    "per_dimension_optional": {"nl": "Per dimensie (−2..+2, leeg = raakt het niet)",
                               "en": "Per dimension (−2..+2, empty = doesn't touch it)"},
    "save": {"nl": "Opslaan", "en": "Save"},
    "open": {"nl": "Bestand openen", "en": "Open file"},
    "clear": {"nl": "Alles wissen", "en": "Clear everything"},
    "clear_confirm": {"nl": "Alles wat je hebt ingevuld wissen?", "en": "Clear everything you filled in?"},
    "progress": {"nl": "{n} van {total} beslissingen ingevuld", "en": "{n} of {total} decisions filled in"},
    "saved_as": {"nl": "Opgeslagen als {file}. Stuur dit bestand terug.",
                 "en": "Saved as {file}. Send this file back."},
    "restored": {"nl": "Je eerdere invoer is teruggezet (bewaard in deze browser).",
                 "en": "What you filled in before has been restored (kept in this browser)."},
    "loaded": {"nl": "Bestand geopend: {file}.", "en": "File opened: {file}."},
    "load_failed": {"nl": "Dit bestand is geen beoordeling van dit scenario.",
                    "en": "This file is not a rating of this scenario."},
    "mixed": {"nl": "Gebruik óf nummers óf beste/acceptabel/zwak bij één beslissing.",
              "en": "Use either numbers or best/acceptable/poor at one decision."},
    "need_name": {"nl": "Vul eerst je naam in (bovenaan).", "en": "Fill in your name first (at the top)."},
    "no_script": {"nl": "Zet JavaScript aan om dit formulier op te slaan; er gaat niets over internet.",
                  "en": "Turn on JavaScript to save this form; nothing goes over the internet."},
    "csv_decision": {"nl": "beslissing", "en": "decision"},
    "csv_option": {"nl": "optie", "en": "option"},
    "csv_text": {"nl": "tekst", "en": "text"},
    "csv_order": {"nl": "volgorde", "en": "order"},
    "csv_comment": {"nl": "opmerking", "en": "comment"},
    "csv_check": {"nl": "controle", "en": "check"},
    "csv_explain": {"nl": "Uitleg", "en": "How to"},
    # -- the report ------------------------------------------------------------------------
    "report_title": {"nl": "Toetsing van de scores", "en": "Checking the scores"},
    "raters": {"nl": "Beoordelaars", "en": "Raters"},
    "saved": {"nl": "opgeslagen", "en": "saved"},
    "rated_n": {"nl": "beoordeeld", "en": "rated"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "summary_line": {"nl": "{total} beslissingen; {flagged} om nog eens naar te kijken: {key} waar de "
                           "beoordelaars het oneens zijn met de sleutel, {raters} waar ze het onderling oneens zijn.",
                     "en": "{total} decisions; {flagged} to look at again: {key} where the raters disagree with "
                           "the key, {raters} where they disagree with each other."},
    "dimension_signals": {"nl": "Dimensies met een signaal: {names}.", "en": "Dimensions with a signal: {names}."},
    "overall_alpha": {"nl": "α over alle dimensiecijfers: onderling {raters}; met de sleutel (per beoordelaar) {key}.",
                      "en": "α over all dimension ratings: between raters {raters}; with the key (per rater) {key}."},
    "overall_tau": {"nl": "τ met de sleutel, mediaan over de beslissingen (per beoordelaar): {key}.",
                    "en": "τ with the key, median over the decisions (per rater): {key}."},
    "per_rater_order": {"nl": "Waar een cel per beoordelaar een getal heeft: in de volgorde {names}.",
                        "en": "Where a cell has a number per rater: in the order {names}."},
    "per_decision": {"nl": "Per beslissing", "en": "Per decision"},
    "per_dimension": {"nl": "Per dimensie", "en": "Per dimension"},
    "col_decision": {"nl": "beslissing", "en": "decision"},
    "col_raters": {"nl": "beoordelaars", "en": "raters"},
    "col_tau_key": {"nl": "τ met sleutel", "en": "τ with key"},
    "col_tau_raters": {"nl": "τ onderling", "en": "τ between raters"},
    "col_alpha_key": {"nl": "α met sleutel", "en": "α with key"},
    "col_alpha_raters": {"nl": "α onderling", "en": "α between raters"},
    "col_signal": {"nl": "signaal", "en": "signal"},
    "col_dimension": {"nl": "dimensie", "en": "dimension"},
    "col_units": {"nl": "opties", "en": "options"},
    "col_bias": {"nl": "beoordelaars − sleutel", "en": "raters − key"},
    "col_key": {"nl": "sleutel (auteur)", "en": "key (author)"},
    "signal_key": {"nl": "oneens met sleutel", "en": "disagree with key"},
    "signal_raters": {"nl": "onderling oneens", "en": "raters disagree"},
    "reason_key_tau": {"nl": "De beoordelaars zetten de opties in een andere volgorde dan de sleutel "
                                "(mediaan τ = {v}).",
                       "en": "The raters order the options differently from the key (median τ = {v})."},
    "reason_key_alpha": {"nl": "De dimensiecijfers van de beoordelaars wijken af van de gewichten van de auteur "
                                  "(mediaan α = {v}).",
                         "en": "The raters' dimension ratings differ from the author's weights (median α = {v})."},
    "reason_key_top": {"nl": "De meeste beoordelaars ({v}) zetten een andere optie bovenaan dan de sleutel.",
                       "en": "Most raters ({v}) put another option first than the key does."},
    "reason_raters_tau": {"nl": "De beoordelaars zetten de opties onderling in een andere volgorde "
                                 "(gemiddelde τ tussen paren = {v}).",
                          "en": "The raters order the options differently from each other "
                                "(mean τ between pairs = {v})."},
    "reason_raters_alpha": {"nl": "De dimensiecijfers van de beoordelaars lopen uiteen (α = {v}).",
                            "en": "The raters' dimension ratings diverge (α = {v})."},
    "details": {"nl": "Beslissing voor beslissing", "en": "Decision by decision"},
    "no_flags": {"nl": "Geen signaal: de beoordelaars en de sleutel komen overeen.",
                 "en": "No signal: the raters and the key agree."},
    "not_rated": {"nl": "Door niemand beoordeeld.", "en": "Rated by nobody."},
    "label_correct": {"nl": "juist antwoord", "en": "right answer"},
    "label_best": {"nl": "beste", "en": "best"},
    "label_good": {"nl": "goed", "en": "good"},
    "label_inaccuracy": {"nl": "onnauwkeurig", "en": "inaccuracy"},
    "label_mistake": {"nl": "misser", "en": "mistake"},
    "total": {"nl": "totaal", "en": "total"},
    "place": {"nl": "plaats", "en": "place"},
    "comments": {"nl": "Opmerkingen", "en": "Comments"},
    "warnings": {"nl": "Let op", "en": "Note"},
    "how_to_read": {"nl": "Zo lees je dit rapport", "en": "How to read this report"},
    "read_tau": {
        "nl": "τ (Kendalls tau-b) vergelijkt twee volgordes paar voor paar: 1 is dezelfde volgorde, 0 geen "
              "verband, −1 precies omgekeerd. Gelijke plaatsen (en ‘beste/acceptabel/zwak’) worden meegenomen. "
              "De sleutel ordent de opties naar hun totale gewicht.",
        "en": "τ (Kendall's tau-b) compares two orders pair by pair: 1 is the same order, 0 no relation, −1 "
              "exactly reversed. Ties (and best/acceptable/poor) are accounted for. The key orders the options "
              "by their total weight."},
    "read_alpha": {
        "nl": "α (Krippendorffs alfa, intervalschaal) zegt hoeveel beter dan toeval de cijfers −2..+2 "
              "overeenkomen: 1 is volledig, 0 niet beter dan toeval, onder 0 systematisch oneens. Een lege "
              "cel telt als 0 bij een beslissing waar de beoordelaar iets heeft ingevuld. Per beslissing tellen "
              "alleen de dimensies die de sleutel of een beoordelaar daar raakt.",
        "en": "α (Krippendorff's alpha, interval scale) says how much better than chance the −2..+2 ratings "
              "agree: 1 is complete, 0 no better than chance, below 0 systematic disagreement. An empty cell "
              "counts as 0 at a decision where the rater filled in anything. Per decision only the dimensions "
              "the key or a rater touches there count."},
    "read_flags": {
        "nl": "Een signaal bij τ onder {tau} of α onder {alpha} (Krippendorffs ondergrens voor voorlopige "
              "conclusies), en wanneer de meeste beoordelaars een andere optie bovenaan zetten. Met drie of vier "
              "opties per beslissing zijn de getallen grof: lees ze als aanleiding voor een gesprek, niet als "
              "oordeel. ‘—’: niet te berekenen (te weinig ingevuld, of iedereen gaf hetzelfde).",
        "en": "A signal at τ below {tau} or α below {alpha} (Krippendorff's floor for tentative conclusions), "
              "and when most raters put another option first. With three or four options per decision the "
              "numbers are coarse: read them as a reason to talk, not as a verdict. ‘—’: can't be computed "
              "(too little filled in, or everyone gave the same)."},
    "generated": {"nl": "Gemaakt met Tussenwerker", "en": "Made with Tussenwerker"},
    # -- sign-off --------------------------------------------------------------------------
    "signed_by": {"nl": "gecontroleerd door {who}", "en": "checked by {who}"},
    "unsigned": {"nl": "niet gecontroleerd", "en": "not checked"},
    "so_decision_unsigned": {"nl": "niet afgetekend", "en": "not signed"},
    "so_decision_changed": {"nl": "gewijzigd sinds {who}", "en": "changed since {who}"},
    "partly_changed": {"nl": "{n} van {total} beslissingen sindsdien gewijzigd of nieuw",
                       "en": "{n} of {total} decisions changed or new since"},
    "debrief_unsigned": {"nl": "Dit scenario is niet gecontroleerd: de scores zijn alleen het oordeel van de "
                               "auteur.",
                         "en": "This scenario has not been checked: its scores are the author's judgement alone."},
    "debrief_partial": {"nl": "Gecontroleerd door {who}, maar {n} van {total} beslissingen zijn sindsdien gewijzigd "
                              "of nieuw: daar zijn de scores alleen het oordeel van de auteur.",
                        "en": "Checked by {who}, but {n} of {total} decisions changed or are new since: there the "
                              "scores are the author's judgement alone."},
    "debrief_signed": {"nl": "De scores zijn gecontroleerd door {who}.", "en": "The scores were checked by {who}."},
}


def say(name: str, lang: str, /, **fields: object) -> str:
    entry = WORDS.get(name)
    text = name if entry is None else entry.get(lang) or entry.get("nl", name)
    return text.format(**fields) if fields else text
