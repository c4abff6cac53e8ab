"""A scenario at the authoring limit: a decision with the most options of the longest text lint allows.

``validate`` warns beyond ``lint.MAX_OPTIONS`` options per decision and beyond
``lint.CHOICE_BUDGET`` characters per option; at that limit the window promises every
option fully visible without scrolling. This writes such a decision in both languages,
with a line at ``lint.LINE_BUDGET`` before it and a preparation question at the limit too,
from words of realistic length (long Dutch compounds included).
"""

from __future__ import annotations

import random

from engine.scenario.lint import CHOICE_BUDGET, LINE_BUDGET, MAX_OPTIONS

WORDS = {
    "nl": ("ik begrijp dat u zich zorgen maakt over de bestemmingsplanwijziging en de verkeersveiligheid "
           "in uw straat want de gemeente heeft toegezegd dat wij samen met bewonersvertegenwoordigers "
           "een zorgvuldige afweging maken over de inrichting van het speelterrein en het onderhoud "
           "daarvan zodat iedereen weet waar hij aan toe is wanneer de subsidieaanvraag beoordeeld wordt").split(),
    "en": ("i understand that you are worried about the zoning change and the road safety in your street "
           "because the municipality has promised that together with the residents' representatives we "
           "will carefully weigh how the playground is laid out and maintained so that everyone knows "
           "where they stand when the grant application is assessed by the council").split(),
}


def text_of(lang: str, length: int, seed: int) -> str:
    """Words of ``lang`` up to exactly ``length`` characters, a sentence with a capital and a full stop."""
    rnd = random.Random(seed)
    out = ""
    while len(out) < length:
        out += (" " if out else "") + rnd.choice(WORDS[lang])
    out = out[:length - 1]
    if out.endswith(" "):
        out = out[:-1] + "s"
    return (out[0].upper() + out[1:] + ".")[:length]


def limit_scenario(options: int = MAX_OPTIONS, length: int = CHOICE_BUDGET, residents: int = 3) -> str:
    """The YAML of a scenario whose one decision is at the authoring limit."""
    people = ["ineke", "bert", "samira", "fatima"][:residents]
    names = {"ineke": "Ineke Bakker", "bert": "Bert Veenstra", "samira": "Samira Ouali", "fatima": "Fatima el Idrissi"}
    def both(n: int, seed: int) -> str:
        return "{nl: \"%s\", en: \"%s\"}" % (text_of("nl", n, seed), text_of("en", n, seed))
    lines = ["format: 1", "id: grens", 'title: {nl: "Aan de grens", en: "At the limit"}',
             'summary: {nl: "Zoveel opties als mag.", en: "As many options as allowed."}',
             "setting:", '  meeting: {nl: "Buurthuis", en: "Community centre"}', "residents:"]
    for rid in people:
        lines += [f"  - id: {rid}", f"    name: {names[rid]}", "    role: {nl: buurtbewoner, en: neighbour}",
                  "    mood: {trust: 5, anger: 5}"]
    lines += ["preparation:", "  questions:", "    - id: vraag", f"      prompt: {both(120, 1)}", "      options:"]
    for i in range(options):
        lines += [f"        - id: p{i + 1}", f"          text: {both(length, 100 + i)}",
                  f"          correct: {'true' if i == 0 else 'false'}"]
    lines += ["start: opening", "nodes:", "  opening:", f"    speaker: {people[0]}",
              f"    text: {both(LINE_BUDGET, 2)}", "    choices:"]
    for i in range(options):
        lines += [f"      - id: k{i + 1}", f"        text: {both(length, 10 + i)}", "        next: einde",
                  f"        score: {{step3: {1 if i == 0 else 0}}}"]
    lines += ["endings:", "  einde:", "    kind: partial", '    title: {nl: "Einde", en: "The end"}',
              '    text: {nl: "Het gesprek is voorbij.", en: "The meeting is over."}']
    return "\n".join(lines) + "\n"
