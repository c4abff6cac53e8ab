"""Small scenarios written inline, for tests that need a precise shape."""

MINIMAL = """\
format: 1
id: mini
title: {nl: Mini, en: Mini}
summary: {nl: Een klein gesprek., en: A small talk.}
setting:
  meeting: {nl: Overleg, en: Meeting}
residents:
  - id: ineke
    name: Ineke Bakker
    mood: {trust: 5, anger: 3}
  - id: bert
    name: Bert Veenstra
    mood: {trust: 3, anger: 6}
preparation:
  questions:
    - id: belang
      prompt: {nl: "Wat is het belang?", en: "What is the interest?"}
      options:
        - id: veilig
          text: {nl: Veilig spelen, en: Safe play}
          correct: true
          set: [kent_belang]
        - id: groot
          text: {nl: Groot, en: Big}
start: opening
triggers:
  - when: "bert.anger >= 10"
    goto: weggelopen
nodes:
  opening:
    speaker: ineke
    text: {nl: "Wanneer begint het?", en: "When does it start?"}
    variants:
      - when: "ineke.anger >= 8"
        text: {nl: "Nou?", en: "Well?"}
    choices:
      - id: luisteren
        text: {nl: Vertel eens., en: Tell me.}
        next: midden
        effects: {ineke: {trust: 2}, bert: {anger: -1}}
        score: {step3: 2, e3: 1}
      - id: kaders
        text: {nl: Eerst de kaders., en: First the rules.}
        next: midden
        effects: {all: {anger: 2}}
        set: [kaders_genoemd]
        score: {step3: -1}
      - id: dreigen
        text: {nl: Dan gaat het niet door., en: Then it's off.}
        next: midden
        effects: {bert: {anger: 5}}
        score: {step5: -2, e1: -1}
  midden:
    speaker: bert
    text: {nl: "En de overlast?", en: "And the nuisance?"}
    auto:
      - when: "bert.trust >= 9"
        goto: afspraak
    choices:
      - id: herkaderen
        text: {nl: "Wat zou u doen?", en: "What would you do?"}
        when: "prep.belang"
        next: slot
        score: {step4: 2}
      - id: uitleggen
        text: {nl: Het valt mee., en: It's not so bad.}
        next: slot
        effects: {bert: {anger: 3}}
        score: {step3: -1, e2: -1}
      - id: pauze
        text: {nl: Even pauze., en: A short break.}
        next: slot
        balcony: true
        score: {step2: 1}
  slot:
    speaker: narrator
    text: {nl: Het wordt stil., en: It goes quiet.}
    next: afsluiting
  afsluiting:
    speaker: ineke
    text: {nl: "En nu?", en: "And now?"}
    choices:
      - id: samen
        text: {nl: Samen verder., en: Onwards together.}
        when: "not flag.kaders_genoemd or chose.midden.herkaderen"
        next: afspraak
        score: {step5: 2}
      - id: later
        text: {nl: Later verder., en: Later.}
        next: uitgesteld
endings:
  afspraak:
    kind: agreement
    title: {nl: Afspraak, en: Agreement}
    text: {nl: Ze spreken iets af., en: They agree.}
  uitgesteld:
    kind: postponed
    title: {nl: Uitgesteld, en: Postponed}
    text: {nl: Later verder., en: Later.}
  weggelopen:
    kind: escalation
    title: {nl: Weggelopen, en: Walked out}
    text: {nl: Bert loopt weg., en: Bert walks out.}
"""


# MINIMAL with a room that reacts: Bert's anger unsettles Ineke, once; and the other way round.
GROUP = MINIMAL.replace("start: opening\n", """\
group:
  - when: "bert.anger >= 8"
    effects: {ineke: {anger: 2, trust: -1}}
    text: {nl: Ineke schuift ongemakkelijk op haar stoel., en: Ineke shifts uneasily in her chair.}
  - when: "ineke.anger >= 7"
    effects: {bert: {trust: -2}}
start: opening
""", 1).replace("    text: {nl: \"En de overlast?\", en: \"And the nuisance?\"}\n",
                "    text: {nl: \"En de overlast?\", en: \"And the nuisance?\"}\n    channel: chat\n", 1) \
    .replace("        score: {step3: 2, e3: 1}\n",
             "        score: {step3: 2, e3: 1}\n        lens: [persuasion, awareness2]\n", 1)
