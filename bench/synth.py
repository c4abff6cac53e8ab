"""Synthetic, valid scenarios of any size, for the benchmarks.

Real scenarios have tens of nodes; the benchmarks need 1k, 10k and 50k to see how
loading and analysis grow. A synthetic scenario here is a long residents' evening: a
string of agenda items ("chapters"), each a few beats of conversation with two of four
residents in focus, written the way the shipped scenarios are:

- every decision offers a listening, an explaining and a pushing answer (scored on
  all nine dimensions across the scenario, with feedback); some choices only appear
  above a mood threshold (``ineke.trust >= 4``) or after a promise (``flag.belofte_3``);
- reaction lines with mood variants, an ``auto`` jump to an escalation node when a
  resident's anger reaches 9, and a global trigger ending the evening at anger 10;
- each item closes with an agreement (only when trust allows, or after a promise) or
  a postponement; an agreement colours the next item's opening line, and the chair's round resets everyone's
  mood for the next item (``effects: {all: ...}``), so the reachable state space
  grows linearly with the number of items, as in a real evening it would.

``python -m bench.synth 10000 > big.yaml`` writes one; ``python -m simulator validate``
accepts every size (tests/test_bench_smoke.py checks a small one).
"""

from __future__ import annotations

import argparse
import sys
from typing import Iterator

RESIDENTS = (
    ("ineke", "Ineke Bakker", 5, 3),
    ("bert", "Bert Veenstra", 4, 4),
    ("samira", "Samira El Amrani", 6, 2),
    ("ruud", "Ruud de Wit", 4, 5),
)
BEATS = 4  # decisions per agenda item
NODES_PER_ITEM = 2 * BEATS + 3  # intro, BEATS decisions, BEATS reactions, escalation, close

# (choice id, nl, en, score rotation): every dimension gets positive and negative weights.
_SCORES = (
    ("{step3: 2, e3: 1}", "{step2: 1, e4: 1}", "{step5: -2, e1: -1}"),
    ("{step4: 2, e2: 1}", "{step1: 1, e4: -1}", "{step3: -1, e3: -2}"),
    ("{e1: 2, step5: 1}", "{step2: 1}", "{step4: -2, e2: -1}"),
    ("{e3: 2, step3: 1}", "{step1: 1, e1: 1}", "{step2: -2, e4: -1}"),
)


def _t(nl: str, en: str) -> str:
    return f'{{nl: "{nl}", en: "{en}"}}'


def items_for(nodes: int) -> int:
    """Agenda items needed for about ``nodes`` dialogue nodes (at least one)."""
    return max(1, round((nodes - 1) / NODES_PER_ITEM))


def scenario_lines(nodes: int, scenario_id: str = "synthetisch") -> Iterator[str]:
    """The YAML text of a valid scenario with about ``nodes`` nodes, line by line."""
    items = items_for(nodes)
    yield "format: 1"
    yield f"id: {scenario_id}"
    yield f"title: {_t(f'Lange bewonersavond ({items} punten)', f'Long residents evening ({items} items)')}"
    yield f"summary: {_t('Een synthetisch scenario voor metingen.', 'A synthetic scenario for benchmarks.')}"
    yield "minutes: 30"
    yield "difficulty: 2"
    yield "setting:"
    yield f"  meeting: {_t('Bewonersavond', 'Residents evening')}"
    yield f"  situation: {_t('Een lange agenda met steeds andere bewoners.', 'A long agenda.')}"
    yield f"  your_role: {_t('Je bent gespreksleider namens de gemeente.', 'You chair for the municipality.')}"
    yield "residents:"
    for rid, name, trust, anger in RESIDENTS:
        yield f"  - {{id: {rid}, name: {name}, mood: {{trust: {trust}, anger: {anger}}}}}"
    yield "preparation:"
    yield "  questions:"
    yield "    - id: belang"
    yield f"      prompt: {_t('Wat is het belang achter de wensen?', 'What is the interest behind the wishes?')}"
    yield "      options:"
    yield f"        - {{id: veiligheid, text: {_t('Veiligheid', 'Safety')}, correct: true,"
    yield f"           feedback: {_t('Ja, dat speelt.', 'Yes.')}}}"
    yield f"        - {{id: geld, text: {_t('Geld', 'Money')}, feedback: {_t('Nee.', 'No.')}}}"
    yield "start: k0_intro"
    yield "triggers:"
    yield '  - when: "max.anger >= 10"'
    yield "    goto: opgestapt"
    yield "nodes:"
    reset = ", ".join(f"{rid}: {{trust: {t}, anger: {a}}}" for rid, _, t, a in RESIDENTS)
    for k in range(items):
        yield from _item(k, items, reset)
    yield "  slot:"
    yield "    speaker: narrator"
    yield f"    text: {_t('De avond loopt ten einde.', 'The evening draws to a close.')}"
    yield "    auto:"
    yield f'      - when: "flag.afspraak_{items - 1} and max.anger <= 6"'
    yield "        goto: akkoord"
    yield "    choices:"
    yield f"      - {{id: afronden, text: {_t('Afronden', 'Wrap up')}, next: deels, score: {{step5: 1}},"
    yield f"         feedback: {_t('Netjes afgerond.', 'Wrapped up.')}}}"
    yield f"      - {{id: uitstellen, text: {_t('Later verder', 'Continue later')}, next: uitgesteld,"
    yield f"         score: {{step5: -1}}, feedback: {_t('Uitgesteld.', 'Postponed.')}}}"
    yield "endings:"
    for eid, kind, nl, en in (("akkoord", "agreement", "Een akkoord", "An agreement"),
                              ("deels", "partial", "Deels eens", "Partly agreed"),
                              ("uitgesteld", "postponed", "Uitgesteld", "Postponed"),
                              ("opgestapt", "escalation", "Opgestapt", "Walked out")):
        yield f"  {eid}: {{kind: {kind}, title: {_t(nl, en)}, text: {_t(nl + '.', en + '.')},"
        yield f"    debrief: {_t('Wat de trainer zegt.', 'What the trainer says.')}}}"


def _item(k: int, items: int, reset: str) -> Iterator[str]:
    a, b = RESIDENTS[k % 4][0], RESIDENTS[(k + 1) % 4][0]
    p = f"k{k}_"
    after = f"k{k + 1}_intro" if k + 1 < items else "slot"
    yield f"  {p}intro:"
    yield "    speaker: narrator"
    yield f"    text: {_t(f'Agendapunt {k + 1}.', f'Agenda item {k + 1}.')}"
    if k > 0:
        yield "    variants:"
        yield f'      - when: "flag.afspraak_{k - 1}"'
        yield f"        text: {_t('De vorige afspraak geeft lucht.', 'The last agreement helps.')}"
    yield f"    next: {p}b0"
    for j in range(BEATS):
        good, neutral, bad = _SCORES[(k + j) % len(_SCORES)]
        nxt = f"{p}b{j + 1}" if j + 1 < BEATS else f"{p}close"
        speaker = a if j % 2 == 0 else b
        yield f"  {p}b{j}:"
        yield f"    speaker: {speaker}"
        yield f"    text: {_t(f'Punt {k + 1}, vraag {j + 1}: wat gaat u doen?', f'Item {k + 1}, question {j + 1}.')}"
        yield "    variants:"
        yield f'      - when: "{speaker}.anger >= 7"'
        yield f"        text: {_t('Ik word hier echt boos van.', 'This makes me angry.')}"
        if j == BEATS // 2:
            yield "    auto:"
            yield f'      - when: "{a}.anger >= 7"'
            yield f"        goto: {p}escalatie"
        yield "    choices:"
        when = f', when: "{a}.trust >= 5"' if j % 2 == 1 else ""
        yield f"      - {{id: luisteren, text: {_t('Vertelt u eens.', 'Tell me more.')}, next: {p}r{j}{when},"
        yield f"         effects: {{{a}: {{trust: 1, anger: -1}}}}, score: {good},"
        yield f"         feedback: {_t('Je luistert eerst.', 'You listen first.')}}}"
        yield f"      - {{id: uitleggen, text: {_t('Ik leg het uit.', 'Let me explain.')}, next: {nxt},"
        yield f"         effects: {{{b}: {{anger: 1}}}}, score: {neutral},"
        yield f"         feedback: {_t('Uitleg helpt een beetje.', 'Explaining helps a bit.')}}}"
        yield f"      - {{id: drukzetten, text: {_t('Zo gaat het nu eenmaal.', 'That is how it is.')}, next: {p}r{j},"
        yield f"         effects: {{{a}: {{anger: 2}}, {b}: {{trust: -1}}}}, score: {bad},"
        yield f"         feedback: {_t('Druk werkt averechts.', 'Pressure backfires.')}}}"
        if j == 1:
            cond = "prep.belang" if k < 2 else f"{b}.trust >= 5"
            promise = _t("Ik zeg toe dat...", "I promise...")
            yield f'      - {{id: belofte, text: {promise}, next: {nxt}, when: "{cond}",'
            yield f"         effects: {{{b}: {{trust: 2}}}}, set: [belofte_{k}], score: {{e2: 1, step1: 1}},"
            yield f"         feedback: {_t('Een toezegging binnen je mandaat.', 'A promise within your mandate.')}}}"
        yield f"  {p}r{j}:"
        yield f"    speaker: {b}"
        yield f"    text: {_t('Hm. Daar moet ik over nadenken.', 'Hm. I need to think about that.')}"
        yield "    variants:"
        yield f'      - when: "{b}.trust <= 2"'
        yield f"        text: {_t('Dat geloof ik niet.', 'I do not believe that.')}"
        yield f"    next: {nxt}"
    yield f"  {p}escalatie:"
    yield f"    speaker: {a}"
    yield f"    text: {_t('Nu is het genoeg!', 'Enough is enough!')}"
    yield "    choices:"
    yield f"      - {{id: balkon, text: {_t('Even pauze.', 'A short break.')}, next: {p}close, balcony: true,"
    yield f"         effects: {{{a}: {{anger: -3}}}}, score: {{step2: 2, e1: 1}},"
    yield f"         feedback: {_t('Eerst naar het balkon.', 'To the balcony first.')}}}"
    yield f"      - {{id: doorduwen, text: {_t('We gaan door.', 'We carry on.')}, next: {p}close,"
    yield f"         effects: {{{a}: {{anger: 1}}}}, score: {{step2: -2}},"
    yield f"         feedback: {_t('Doorduwen escaleert.', 'Pushing on escalates.')}}}"
    yield f"  {p}close:"
    yield f"    speaker: {b}"
    yield f"    text: {_t('Wat spreken we af?', 'What do we agree?')}"
    yield "    choices:"
    yield f"      - {{id: afspraak, text: {_t('Een afspraak.', 'An agreement.')}, next: {after},"
    yield f'         when: "{a}.trust >= 6 or flag.belofte_{k}", set: [afspraak_{k}],'
    yield f"         effects: {{all: {{trust: -10, anger: -10}}, {reset}}},"
    yield f"         score: {{step5: 2, e4: 1}}, feedback: {_t('Samen afgesproken.', 'Agreed together.')}}}"
    yield f"      - {{id: uitstel, text: {_t('Volgende keer verder.', 'Next time.')}, next: {after},"
    yield f"         effects: {{all: {{trust: -10, anger: -10}}, {reset}}},"
    yield f"         score: {{step5: -1}}, feedback: {_t('Uitstel.', 'Postponed.')}}}"


def scenario_text(nodes: int, scenario_id: str = "synthetisch") -> str:
    return "\n".join(scenario_lines(nodes, scenario_id)) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.splitlines()[0])
    p.add_argument("nodes", type=int, help="about this many dialogue nodes")
    p.add_argument("--id", default="synthetisch", help="scenario id")
    args = p.parse_args(argv)
    sys.stdout.write(scenario_text(args.nodes, args.id))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
