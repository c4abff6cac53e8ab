"""The authoring commands' own words (besides problems), in Dutch and English (``--lang``).

Kept apart from ``i18n`` (the player's words), like ``rating``: a trainer's tools, read by
trainers. Problems come from the engine's message catalogue; these are the commands' own lines:
what was written, what to do next, how the golden playthroughs went, what a scenario in the
list holds, and ``analyze``'s report. ``say(key, lang, **fields)`` falls back to English, the
language the authoring commands speak unless asked.
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, dict[str, str]] = {
    "wrote": {"en": "wrote {path}", "nl": "geschreven: {path}"},
    "next_steps": {"en": "next: python -m simulator validate {path}   and   python -m simulator play --text {path}",
                   "nl": "daarna: python -m simulator validate {path}   en   python -m simulator play --text {path}"},
    "folder_not_found": {"en": "{path}: folder not found", "nl": "{path}: map niet gevonden"},
    "file_not_found": {"en": "{path}:1:1: file not found", "nl": "{path}:1:1: bestand niet gevonden"},
    "no_plans": {"en": "{path}: no .plan files in this folder", "nl": "{path}: geen .plan-bestanden in deze map"},
    "plan_ok": {"en": "{path}: ok (ending {ending})", "nl": "{path}: ok (einde {ending})"},
    "plans_result": {"en": "{passed} passed, {failed} failed", "nl": "{passed} geslaagd, {failed} mislukt"},
    "list_size": {"en": "{nodes} nodes, {decisions} decisions", "nl": "{nodes} knopen, {decisions} beslissingen"},
    "list_invalid": {"en": "(invalid: {error})", "nl": "(ongeldig: {error})"},
    "waiting_validate": {"en": "checking {path} ...", "nl": "{path} wordt gecontroleerd ..."},
    "waiting_analyze": {"en": "analysing {path} ...", "nl": "{path} wordt geanalyseerd ..."},
    # -- the analyze report (``analyze_report``)
    "an.exact": {"en": "exact: explored all {states} reachable states in {seconds} s",
                 "nl": "exact: alle {states} bereikbare situaties doorlopen in {seconds} s"},
    "an.sampled": {"en": "sampled: a random player alone meets more than {states} situations (a quarter of the "
                         "limit of {limit}; time-outs multiply them several times over), too many to list, so odds, "
                         "counts and coverage come from {samples} random playthroughs (95% intervals on the odds); "
                         "the best and worst totals are searched, not sampled",
                   "nl": "steekproef: een willekeurige speler alleen komt al meer dan {states} situaties tegen (een "
                         "kwart van de grens van {limit}; time-outs vermenigvuldigen ze nog eens), te veel om op te "
                         "sommen, dus kansen, aantallen en dekking komen uit {samples} willekeurige doorspelingen "
                         "(95%-intervallen bij de kansen); de beste en slechtste totalen zijn gezocht, niet geschat"},
    "an.inexact": {"en": "not searched to the end (at least / at most what is shown): {names}",
                   "nl": "niet tot het eind gezocht (minstens / hoogstens wat er staat): {names}"},
    "an.inexact_dimensions": {
        "en": "the overall best and worst are exact; per dimension a side note on a small search budget, so for "
              "{names} the totals shown are what a real playthrough reaches (the best is at least that, the "
              "worst at most)",
        "nl": "het beste en slechtste totaal zijn exact; per dimensie een kanttekening met een kleine zoekruimte, "
              "dus bij {names} staat wat een echte doorspeling haalt (het beste is minstens dat, het slechtste "
              "hoogstens)"},
    "an.playthroughs_capped": {
        "en": "playthroughs: more than 10^{power} different ones (each preparation answer and choice counts; "
              "counted exactly only up to there)",
        "nl": "doorspelingen: meer dan 10^{power} verschillende (elk voorbereidingsantwoord en elke keuze telt; "
              "alleen tot daar precies geteld)"},
    "an.playthroughs": {"en": "playthroughs: {n} different ones (each preparation answer and choice counts)",
                        "nl": "doorspelingen: {n} verschillende (elk voorbereidingsantwoord en elke keuze telt)"},
    "an.playthroughs_loop": {"en": "playthroughs: unbounded — the meeting can go round in a loop",
                             "nl": "doorspelingen: onbegrensd — het gesprek kan in een kringetje gaan"},
    "an.playthroughs_sampled": {"en": "playthroughs: at least {n} different ones (distinct among the samples)",
                                "nl": "doorspelingen: minstens {n} verschillende (verschillend in de steekproef)"},
    "an.unbounded": {"en": "unbounded (loops)", "nl": "onbegrensd (kringetjes)"},
    "an.decisions": {"en": "decisions per playthrough: {lo} to {top}; a random player makes {mean} on average",
                     "nl": "beslissingen per doorspeling: {lo} tot {top}; een willekeurige speler neemt er "
                           "gemiddeld {mean}"},
    "an.endings": {"en": "endings (chance for a player who picks at random):",
                   "nl": "eindes (kans voor een speler die willekeurig kiest):"},
    "an.never": {"en": "never", "nl": "nooit"},
    "an.no_ending": {"en": "(no ending)", "nl": "(geen einde)"},
    "an.stuck": {"en": "stuck or looping", "nl": "vast of in een kringetje"},
    "an.scores": {"en": "scores per dimension (worst .. best, and a path that reaches each):",
                  "nl": "scores per dimensie (slechtst .. best, en een pad dat elk haalt):"},
    "an.not_scored": {"en": "not scored", "nl": "niet gescoord"},
    "an.paths": {"en": "paths:", "nl": "paden:"},
    "an.flat": {"en": "decisions where the choice doesn't change the score:",
                "nl": "beslissingen waar de keuze de score niet verandert:"},
    "an.none": {"en": "none", "nl": "geen"},
    "an.coverage": {"en": "coverage:", "nl": "dekking:"},
    "an.coverage_sampled": {"en": "coverage (in the samples):", "nl": "dekking (in de steekproef):"},
    "an.nodes_shown": {"en": "nodes shown", "nl": "knopen getoond"},
    "an.choices_taken": {"en": "choices that can be taken", "nl": "keuzes die genomen kunnen worden"},
    "an.endings_reached": {"en": "endings reached", "nl": "eindes bereikt"},
    "an.never_list": {"en": " — never: {names}", "nl": " — nooit: {names}"},
    "an.unseen_list": {"en": " — not in the samples: {names}", "nl": " — niet in de steekproef: {names}"},
    "an.kind.agreement": {"en": "agreement", "nl": "akkoord"},
    "an.kind.partial": {"en": "partial", "nl": "gedeeltelijk"},
    "an.kind.postponed": {"en": "postponed", "nl": "uitgesteld"},
    "an.kind.escalation": {"en": "escalation", "nl": "escalatie"},
    "an.growth": {"en": "what multiplies the situations (more than {states}; the most values at one line):",
                  "nl": "wat de situaties vermenigvuldigt (meer dan {states}; de meeste waarden op één regel):"},
    "an.growth_hint": {"en": "fewer conditions on these, smaller mood scales or flags that are cleared when done "
                             "keep a scenario small enough to list (the best and worst totals are searched either "
                             "way; the header says which of them are exact)",
                       "nl": "minder voorwaarden hierop, kleinere stemmingsschalen of vlaggen die na gebruik gewist "
                             "worden houden een scenario klein genoeg om op te sommen (de beste en slechtste totalen "
                             "worden hoe dan ook gezocht; bovenaan staat welke exact zijn)"},
    "an.tells": {"en": "content-blind play (share of the worst..best range; above 50% the surface gives the answer "
                       "away):",
                 "nl": "spelen zonder te lezen (aandeel van het bereik slechtst..best; boven 50% verraadt de vorm het "
                       "antwoord):"},
    "an.too_high": {"en": "  <- too high", "nl": "  <- te hoog"},
    "an.longest": {"en": "longest", "nl": "langste"},
    "an.by_length": {"en": "best option by length ({language}): {shares}; ends in '?': best {best}%, others {others}%",
                     "nl": "beste optie naar lengte ({language}): {shares}; eindigt op '?': beste {best}%, andere "
                           "{others}%"},
    "an.fixed": {"en": "decisions shown in written order (order: fixed): {names}",
                 "nl": "beslissingen in geschreven volgorde (order: fixed): {names}"},
}


def count(n: int, lang: str) -> str:
    """A count with its thousands grouped the way ``lang`` writes them (12,345 / 12.345)."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "nl" else text


def decimal(x: float, lang: str, places: int = 1) -> str:
    """``x`` with one decimal (or ``places``), as ``lang`` writes it (4.5 / 4,5)."""
    text = f"{x:.{places}f}"
    return text.replace(".", ",") if lang == "nl" else text


def say(key: str, lang: str, **params: Any) -> str:
    """``key``'s line in ``lang`` (English when it is neither language), filled in."""
    entry = WORDS[key]
    return (entry.get(lang) or entry["en"]).format(**params)
