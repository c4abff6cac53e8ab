"""``tussenwerker new NAME``: a commented starter scenario that validates, lints clean and plays.

A trainer learns a format fastest from a small, complete, working example they can
change bit by bit. The starter shows every common key once — two residents, mood,
a preparation question, a condition, a trigger, a variant, scoring and feedback on
all nine dimensions, three endings — with a comment on what each one does.
``tests/test_new.py`` checks that it passes ``validate --strict`` and plays to an end.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional

from simulator import resources

MAX_NAME_BYTES = 105  # the id plus ".yaml": far within every file system's 255, readable in a list


def starter_path(name: str) -> tuple[Path, str]:
    """Where to write and which scenario id to use, for ``NAME`` or ``path/to/name.yaml``."""
    base = re.sub(r"\.(yaml|yml)$", "", Path(name.strip()).name)
    if not base.strip(". "):  # "", " ", ".yaml": a hidden file named after nothing
        raise ValueError(f"{name!r} gives no usable scenario id; use letters, digits, '-' or '_'")
    looks_like_path = name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name
    path = Path(name) if looks_like_path else Path(f"{name}.yaml")
    if path.suffix not in (".yaml", ".yml"):
        path = path.with_name(path.name + ".yaml")
    scenario_id = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-")
    if len(path.name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ValueError(f"{name[:40]!r}... is {len(path.name)} characters long; a scenario's file name may be "
                         f"at most {MAX_NAME_BYTES - 5} characters")
    if not scenario_id:
        raise ValueError(f"{name!r} gives no usable scenario id; use letters, digits, '-' or '_'")
    return path, scenario_id


def schema_comment(target: Path) -> Optional[str]:
    """The editor hint for the schema, relative to where the scenario is written."""
    try:
        schema = resources.schema_file()
    except resources.MissingData:
        return None
    if not schema.is_file():
        return None
    try:
        rel = os.path.relpath(schema, target.resolve().parent)
    except ValueError:  # another drive on Windows
        return None
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}"


def starter_text(scenario_id: str, target: Optional[Path] = None) -> str:
    head = schema_comment(target) if target is not None else None
    body = TEMPLATE.replace("__ID__", scenario_id)
    return (head + "\n" if head else "") + body


TEMPLATE = """\
# A starter scenario, written by `tussenwerker new`. Change it bit by bit and check often:
#   python -m simulator validate THIS_FILE      (errors and warnings, with line numbers)
#   python -m simulator play --text THIS_FILE   (play it in the terminal)
#   python -m simulator analyze THIS_FILE       (endings, best and worst paths, coverage)
# Every text is {nl: ..., en: ...}; a plain string is read in `language`.
# The guide with every key: docs/authoring.md.
format: 1
id: __ID__                      # short unique name; saves and test plans refer to it
title: {nl: "Het bankje op het plein", en: "The bench on the square"}
summary:
  nl: "Een buurvrouw wil het bankje houden, een buurman wil het weg. Jij zoekt met hen een afspraak."
  en: "One neighbour wants to keep the bench, another wants it gone. You look for an agreement with them."
language: nl
minutes: 5
difficulty: 1
learning_goals:
  - nl: "Je erkent een gevoel voordat je over regels begint."
    en: "You acknowledge a feeling before you talk rules."

setting:                        # the briefing, read before the meeting
  meeting: {nl: "Gesprek op het plein, bij het bankje", en: "A talk on the square, by the bench"}
  situation:
    nl: "Er zijn klachten over jongeren die 's nachts op het bankje zitten. De gemeente overweegt het weg te halen."
    en: "There are complaints about youths on the bench at night. The municipality is considering removing it."
  your_role:
    nl: "Je bent wijkcoördinator van de gemeente."
    en: "You are the municipality's area coordinator."
  goals:
    - nl: "Een afspraak waar beide buren mee kunnen leven."
      en: "An agreement both neighbours can live with."
  room_to_move:
    - nl: "Je mag een proef met een avondbordje toezeggen, geen camera's."
      en: "You may promise a trial with an evening sign, no cameras."

# Mood: every resident has trust and anger (0-10). Declare `mood_variables:` for other scales.
residents:
  - id: joke                    # used in speaker, effects and conditions
    name: Joke de Wit
    role: {nl: buurvrouw, en: neighbour}
    position: {nl: "Het bankje moet blijven.", en: "The bench must stay."}
    interests:
      - nl: "Ze spreekt op het bankje haar buren; zonder zit ze alleen thuis."
        en: "On the bench she meets her neighbours; without it she sits at home alone."
    mood: {trust: 4, anger: 5}
  - id: sander
    name: Sander Bos
    role: {nl: buurman, en: neighbour}
    position: {nl: "Het bankje moet weg.", en: "The bench must go."}
    interests:
      - {nl: "Nachtrust: hij begint om zes uur.", en: "A night's sleep: he starts work at six."}
    mood: {trust: 5, anger: 6}

preparation:                    # Ury step 1: answered before the meeting
  intro: {nl: "Bereid je voor op het gesprek.", en: "Prepare for the talk."}
  questions:
    - id: belang                # the condition prep.belang is true when answered correctly
      prompt: {nl: "Waarom wil Joke het bankje houden?", en: "Why does Joke want to keep the bench?"}
      options:
        - id: ontmoeten
          text: {nl: "Daar spreekt ze haar buren.", en: "That's where she meets her neighbours."}
          correct: true         # scores step1 +1 (a wrong answer: -1) unless you give `score:`
          set: [kent_belang]    # a flag, usable later as flag.kent_belang
          feedback:
            nl: "Klopt: achter haar standpunt zit contact met de buurt."
            en: "Right: behind her position lies contact with the neighbourhood."
        - id: gewoonte
          text:
            nl: "Ze houdt niet van verandering en wil dat alles blijft zoals het altijd is geweest."
            en: "She dislikes change and wants everything to stay the way it has always been."
          feedback:
            nl: "Dat is een oordeel, geen belang. Vraag door naar wat het bankje haar geeft."
            en: "That is a judgement, not an interest. Ask what the bench gives her."
        - id: gelijk
          text: {nl: "Ze wil gelijk krijgen.", en: "She wants to be proven right."}
          feedback:
            nl: "Dat is een oordeel over haar, geen belang. Wat geeft het bankje haar?"
            en: "That is a judgement of her, not an interest. What does the bench give her?"

start: opening                  # the first node

triggers:                       # checked after every choice; each fires at most once
  - when: "max.anger >= 10"     # max.VAR / min.VAR look at all residents
    goto: opgestapt

nodes:
  opening:
    speaker: narrator           # narrator, or a resident id
    text:
      nl: "Joke zit op het bankje. Sander komt erbij staan, armen over elkaar."
      en: "Joke sits on the bench. Sander joins, arms folded."
    next: joke_begint           # a line without choices continues here

  joke_begint:
    speaker: joke
    text:
      nl: "Dit bankje is het enige plekje waar ik nog mensen spreek. En nu willen jullie het weghalen?"
      en: "This bench is the only place where I still talk to people. And now you want to take it away?"
    thought:
      nl: "Als het bankje weg is, zie ik niemand meer."
      en: "If the bench goes, I won't see anyone any more."
    opportunity:
      nl: "Eenzaamheid: het bankje is haar contact met de buurt."
      en: "Loneliness: the bench is her contact with the neighbourhood."
    choices:                    # shown in a fresh order every session; write them in any order
      - id: erkennen            # unique within the node
        text:
          nl: "Dus hier ziet u uw buren."
          en: "So this is where you see your neighbours."
        next: sander_valt_in
        effects: {joke: {trust: 2, anger: -2}}      # mood changes per resident, or `all`
        score: {step3: 2, e3: 2}                    # -2..+2 on the nine dimensions
        feedback:
          nl: "Je zegt in haar woorden terug wat het bankje voor haar betekent; meer is nu niet nodig."
          en: "You say back in her words what the bench means to her; nothing more is needed now."
        label: best             # optional: the trainer's verdict in the debrief
      - id: regels
        text:
          nl: "Er zijn klachten binnengekomen, dus er moet iets gebeuren."
          en: "We have had complaints, so something has to happen."
        next: sander_valt_in
        effects: {all: {anger: 2}}
        score: {step3: -1, e2: -1}
        feedback:
          nl: "Je begint bij de regels terwijl zij net haar zorg uitsprak."
          en: "You start with the rules just after she voiced her worry."
      # A wrong option may sound warm: trainees learn to read what it does, not how it sounds.
      - id: wegpoetsen
        text:
          nl: "Ik begrijp uw gevoel heel goed, echt, maar zullen we eerst rustig kijken wat er precies is besloten?"
          en: "I really understand how you feel, truly, but shall we first calmly look at what has been decided?"
        next: sander_valt_in
        effects: {joke: {anger: 1}}
        score: {step3: -1, e3: -1}
        feedback:
          nl: "'Ik begrijp het' en dan door naar de besluiten: haar eenzaamheid blijft liggen."
          en: "'I understand' and then on to the decisions: her loneliness is left lying."

  sander_valt_in:
    speaker: sander
    text:
      nl: "Mooi verhaal, maar ik lig elke nacht wakker van de jongeren op dat ding!"
      en: "Nice story, but I lie awake every night because of the youths on that thing!"
    provocation: true           # this line provokes: a time-out (key B) here is Ury's step 2 and scores
    variants:                   # first matching `when` replaces the text
      - when: "sander.anger >= 8"
        text:
          nl: "Ik ben er klaar mee! Elke nacht herrie en niemand doet iets!"
          en: "I've had enough! Noise every night and nobody does anything!"
    choices:
      - id: balkon
        text:
          nl: >-
            Eén moment. Ik schrijf op wat u zegt, want dit wil ik goed hebben: elke nacht, jongeren, herrie tot laat.
          en: >-
            One moment. I'm writing down what you say, because I want to get this right: every night, youths, noise.
        next: vraag
        balcony: true           # a pause in words (Ury step 2); shown like every other option
        effects: {sander: {anger: -2, trust: 1}}
        score: {step2: 2, e1: 1}
        feedback:
          nl: "Je reageert niet op de toon, je neemt even afstand en laat zien dat je het serieus neemt."
          en: "You don't react to the tone; you step back and show you take it seriously."
      - id: terugslaan
        text: {nl: "Nu overdrijft u wel een beetje, meneer Bos.", en: "You're exaggerating a little, Mr Bos."}
        next: vraag
        effects: {sander: {anger: 3}}
        score: {step2: -2, e1: -1}
        feedback:
          nl: "Terugslaan maakt hem bozer; zijn slaapgebrek is echt."
          en: "Striking back makes him angrier; his lack of sleep is real."
      - id: sussen
        text:
          nl: "Ik hoor u, en het is vast vervelend, maar laten we rustig blijven: is het echt elke nacht?"
          en: "I hear you, and it must be annoying, but let's stay calm: is it really every night?"
        next: vraag
        effects: {sander: {anger: 2}}
        score: {step2: -1, e1: -1}
        feedback:
          nl: "Je vraagt hem te kalmeren en twijfelt aan zijn verhaal: dat voelt als terugslaan in zachte woorden."
          en: "You ask him to calm down and doubt his account: striking back in soft words."

  vraag:
    speaker: joke
    text: {nl: "Dus wat gaat er nu gebeuren?", en: "So what happens now?"}
    choices:
      - id: samenvatten
        text:
          nl: "Contact en nachtrust, dat kan allebei."
          en: "Company and sleep can both work."
        when: "flag.kent_belang"                    # only offered when the condition holds
        next: voorstel
        effects: {all: {trust: 1}}
        score: {step4: 2, e2: 1}
        feedback:
          nl: "Je zegt hardop wat je al weet over hun belangen, in plaats van ernaar te vragen."
          en: "You say out loud what you already know of their interests instead of asking for it."
      - id: uitleggen
        text: {nl: "Ik leg eerst uit welke regels hier gelden.", en: "Let me first explain which rules apply here."}
        next: voorstel
        score: {step4: -1}
        feedback:
          nl: "Uitleg is nodig, maar nu voelt het als een preek."
          en: "Explaining is needed, but now it feels like a lecture."
      - id: suggestief
        text:
          nl: "U wilt toch allebei eigenlijk hetzelfde: dat het rustig en gezellig blijft in de buurt?"
          en: "Surely you both really want the same thing: for the neighbourhood to stay calm and pleasant?"
        next: voorstel
        score: {step4: -2, e2: -1}
        feedback:
          nl: "Een vraag waarop je het antwoord al weet: ze voelen zich gestuurd, niet gehoord."
          en: "A question you know the answer to: they feel steered, not heard."

  voorstel:
    speaker: sander
    text:
      nl: "Als het 's nachts rustig is, heb ik er eigenlijk niks op tegen."
      en: "If it's quiet at night, I don't really mind."
    choices:
      - id: gouden_brug
        text:
          nl: "Een maand proef dan. Het bankje blijft, na tienen een bordje, en daarna beoordeelt u het allebei."
          en: "A month's trial, then. The bench stays, a sign after ten, and after that you both judge it."
        next: slot
        effects: {all: {trust: 1}}
        score: {step5: 2, e4: 1}
        feedback:
          nl: "Je bouwt een gouden brug: de oplossing wordt van hen allebei, en zij beoordelen hem."
          en: "You build a golden bridge: the solution becomes theirs, and they judge it."
      - id: doordrukken
        text:
          nl: "Dan is het simpel: het bankje gaat vanavond weg, klaar."
          en: "Then it's simple: the bench goes tonight, done."
        next: slot
        set: [gedreigd]
        effects: {all: {anger: 3}}
        score: {step5: -2, e4: -1}
        feedback:
          nl: "Je sprint naar de eindstreep en gebruikt je macht; niemand voelt zich gehoord."
          en: "You sprint to the finish and use your power; nobody feels heard."
      - id: dichtklappen
        text:
          nl: "Fijn dat u dat zegt! Dan spreken we nu met elkaar af dat het bankje blijft en u de rest samen oplost."
          en: "Good of you to say so! Then let's agree right now that the bench stays and you two sort out the rest."
        next: slot
        effects: {all: {trust: -1}}
        score: {step5: -1, e4: -1}
        feedback:
          nl: "Je drukt door naar een afspraak op zijn eerste opening en legt het werk bij hen: te snel, te vaag."
          en: "You push for a deal at his first opening and hand them the work: too fast, too vague."

  slot:
    speaker: narrator
    text: {nl: "Het is even stil op het plein.", en: "The square is quiet for a moment."}
    auto:                       # checked on arrival; first match wins
      - when: "min.trust >= 6 and not flag.gedreigd"
        goto: afspraak
    next: uitgesteld

endings:
  afspraak:
    kind: agreement             # agreement | partial | postponed | escalation
    title: {nl: "Een proef met het bankje", en: "A trial with the bench"}
    text:
      nl: "Joke en Sander spreken een proef af: het bankje blijft, na tienen een bordje."
      en: "Joke and Sander agree on a trial: the bench stays, with a sign after ten."
    debrief:
      nl: "Je erkende eerst hun zorgen en liet hen zelf de oplossing bedenken."
      en: "You first acknowledged their worries and let them shape the solution."
  uitgesteld:
    kind: postponed
    title: {nl: "Wordt vervolgd", en: "To be continued"}
    text: {nl: "Je spreekt af er later op terug te komen.", en: "You agree to come back to it later."}
    debrief:
      nl: "Geen ruzie, maar ook geen afspraak. Wat had hun vertrouwen nodig gehad?"
      en: "No quarrel, but no agreement either. What would their trust have needed?"
  opgestapt:
    kind: escalation
    speaker: sander
    title: {nl: "Sander loopt weg", en: "Sander walks off"}
    text:
      nl: "Sander draait zich om: 'Dan regel ik het zelf wel.'"
      en: "Sander turns away: 'Then I'll sort it out myself.'"
    debrief:
      nl: "Zijn boosheid liep op tot hij wegliep. Waar had je kunnen vertragen?"
      en: "His anger rose until he walked off. Where could you have slowed down?"
"""
