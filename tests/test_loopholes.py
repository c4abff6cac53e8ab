"""Scoring loopholes: a mistake that pays better than doing it right is named."""

from __future__ import annotations

from engine import load_scenario_text
from engine.analysis.loopholes import loopholes

HEAD = """\
format: 1
id: lek
title: {nl: Lek, en: Leak}
summary: {nl: Een lek in de score., en: A leak in the score.}
setting: {meeting: {nl: Overleg, en: Meeting}}
residents:
  - {id: ria, name: Ria de Boer, mood: {trust: 5, anger: 3}}
"""

REPAIR = HEAD + """start: vraag
nodes:
  vraag:
    speaker: ria
    text: {nl: "Wat gaat u doen?", en: "What will you do?"}
    choices:
      - {id: goed, text: {nl: Luisteren., en: Listen.}, next: slot, score: {step3: 2}}
      - {id: fout, text: {nl: Afkappen., en: Cut short.}, next: herstel, score: {step3: -1}}
  herstel:
    speaker: ria
    text: {nl: "Dat was onaardig.", en: "That was rude."}
    choices:
      - {id: sorry, text: {nl: Sorry., en: Sorry.}, next: slot, score: {e4: 2, e1: 2}}
  slot:
    speaker: ria
    text: {nl: "Goed.", en: "Fine."}
    next: einde
endings:
  einde: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: Klaar., en: Done.}}
"""


def test_a_mistake_repaired_for_more_than_the_good_move_gives_is_named():
    problems = loopholes(load_scenario_text(REPAIR, "lek.yaml"))
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert "vraag.fout" in problems[0].message and "repaired afterwards" in problems[0].message


def test_no_loophole_when_the_repair_is_worth_less():
    fixed = REPAIR.replace("score: {e4: 2, e1: 2}", "score: {e4: 1}")
    assert loopholes(load_scenario_text(fixed, "lek.yaml")) == []


def test_a_wrong_preparation_answer_that_pays_more_is_named():
    text = HEAD + """preparation:
  questions:
    - id: belang
      prompt: {nl: "Wat wil Ria?", en: "What does Ria want?"}
      options:
        - {id: goed, text: {nl: Rust, en: Quiet}, correct: true}
        - {id: fout, text: {nl: Geld, en: Money}, set: [geld]}
start: vraag
nodes:
  vraag:
    speaker: ria
    text: {nl: "En?", en: "Well?"}
    choices:
      - {id: gewoon, text: {nl: Luisteren., en: Listen.}, next: einde, score: {step3: 1}}
      - {id: bonus, text: {nl: Geld bieden., en: Offer money.}, when: flag.geld, next: einde, score: {step5: 2, e3: 2}}
endings:
  einde: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: Klaar., en: Done.}}
"""
    problems = loopholes(load_scenario_text(text, "prep.yaml"))
    assert any("belang.fout is wrong" in p.message and "preparing badly" in p.message for p in problems)


def test_the_bounds_without_ceilings_find_the_same_loopholes():
    """``validate`` asks with the bounds that are cheap to build (no ceilings) when the tight ones
    aren't built yet: looser bounds only cost search, never a different answer."""
    from pathlib import Path

    from engine.analysis.search import Solver
    from engine.play.rules import rules_of
    root = Path(__file__).resolve().parent
    paths = sorted((root.parent / "scenarios").glob("*.yaml")) + sorted(
        (root / "scenarios" / "realistic").glob("*.yaml"))
    texts = [(p.read_text(encoding="utf-8"), p.name) for p in paths] + [(REPAIR, "repair.yaml")]
    found_any = False
    for text, name in texts:
        light, full = (loopholes(s, Solver(rules_of(s), follow=follow)) for s, follow in
                       ((load_scenario_text(text, name), False), (load_scenario_text(text, name), True)))
        assert light == full, name
        found_any = found_any or bool(full)
    assert found_any


def test_a_mistake_repaired_for_exactly_what_the_good_move_gives_is_named_as_a_tie():
    """A tie is a loophole too: the debrief, judging by what is still achievable, calls the
    mistake a best choice."""
    tied = REPAIR.replace("score: {e4: 2, e1: 2}", "score: {e4: 2, e1: 1}")
    problems = loopholes(load_scenario_text(tied, "lek.yaml"))
    assert len(problems) == 1 and "vraag.fout" in problems[0].message
    assert "pays as much as doing it right" in problems[0].message


def test_a_label_best_the_analysis_contradicts_is_named():
    """The debrief takes the author's label for its verdict and the analysis for its numbers:
    where they disagree a trainee reads "beste keuze" beside a route that reaches less."""
    ook = "      - {id: ook, text: {nl: Knikken., en: Nod.}, next: slot, score: {step3: 1}, label: best}\n"
    fixed = REPAIR.replace("score: {e4: 2, e1: 2}", "score: {e4: 1}")  # (no repair loophole)
    labelled = fixed.replace("  herstel:\n", "", 0).replace("next: herstel, score: {step3: -1}}\n",
                                                              "next: herstel, score: {step3: -1}}\n" + ook)
    problems = loopholes(load_scenario_text(labelled, "lek.yaml"))
    assert len(problems) == 1 and "vraag.ook is labelled best" in problems[0].message
    assert "'goed'" in problems[0].message
    agreed = labelled.replace("score: {step3: 1}, label: best", "score: {step3: 2}, label: best")
    assert loopholes(load_scenario_text(agreed, "lek.yaml")) == []
