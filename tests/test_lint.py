"""Scenario smells: each warning fires on the smell, at its position, and never blocks validation."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from engine.scenario.lint import CHOICE_BUDGET, LINE_BUDGET, lint_scenario
from engine.scenario.loader import load_scenario_text
from simulator.cli.validate import validate_path
from tests.conftest import ROOT
from tests.crafted import MINIMAL


def lint(text: str, path: str = "s.yaml") -> list[str]:
    return [str(p) for p in lint_scenario(load_scenario_text(text, path), text)]


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth]


def test_every_warning_is_one_positioned_line_marked_warning():
    for w in lint(MINIMAL):
        path, line, col, rest = w.split(":", 3)
        assert path == "s.yaml" and int(line) >= 1 and int(col) >= 1
        assert rest.startswith(" warning: ") and "\n" not in w


def test_choice_without_score_is_flagged_unless_marked_neutral():
    line = line_of(MINIMAL, "- id: later")
    assert f"s.yaml:{line}:9: warning: choice afsluiting.later has no score; add weights such as " \
           "score: {step3: 1}, or score: {} if it is deliberately neutral" in lint(MINIMAL)
    neutral = MINIMAL.replace("next: uitgesteld\nendings", "next: uitgesteld\n        score: {}\nendings")
    assert neutral != MINIMAL
    assert not [w for w in lint(neutral) if "has no score" in w]


def test_scored_choice_without_feedback_is_flagged():
    warnings = lint(MINIMAL)
    line = line_of(MINIMAL, "- id: dreigen")
    assert f"s.yaml:{line}:9: warning: choice opening.dreigen scores step5 -2, e1 -1 but has no feedback; " \
           "the debrief can't explain the weight" in warnings
    with_feedback = MINIMAL.replace(
        "score: {step5: -2, e1: -1}", "score: {step5: -2, e1: -1}\n        feedback: {nl: Niet doen., en: No.}")
    assert not [w for w in lint(with_feedback) if "opening.dreigen scores" in w]


def test_dimension_never_scored_and_dimension_only_negative():
    warnings = lint(MINIMAL)
    nodes_line = line_of(MINIMAL, "nodes:")
    assert any(w.startswith(f"s.yaml:{nodes_line}:1: warning: dimension e4 (") and "is never scored" in w
               for w in warnings)
    assert any("dimension e2 (" in w and "only has negative weights" in w for w in warnings)
    assert not any("dimension step3 " in w for w in warnings)  # +2 and -1: fine


def test_mood_changed_but_never_read():
    warnings = [w for w in lint(MINIMAL) if "no condition reads it" in w and "mood" in w]
    line = line_of(MINIMAL, "effects: {ineke: {trust: 2}")
    # ineke.trust changes but nothing reads it; ineke.anger (variant), bert.anger (trigger) and
    # bert.trust (auto) are all read somewhere.
    assert warnings == [f"s.yaml:{line}:18: warning: mood ineke.trust is changed by 1 choice but no condition "
                        "reads it; use it in a when: (e.g. \"ineke.trust >= 6\") or leave it out"]
    reading = MINIMAL.replace('when: "prep.belang"', 'when: "prep.belang or ineke.trust >= 8"')
    assert not [w for w in lint(reading) if "mood ineke.trust" in w]


def test_a_group_reaction_reads_mood_and_flags_too():
    """The room reacting to Ineke's trust reads it, as a trigger or a choice would: no warning that
    nothing reads it; the same for a flag only a reaction asks after."""
    reacting = MINIMAL.replace("start: opening\n", "start: opening\ngroup:\n  - when: \"ineke.trust >= 7 and "
                               "flag.kent_belang\"\n    effects: {bert: {anger: -1}}\n", 1)
    assert "group:" in reacting
    warnings = lint(reacting)
    assert not [w for w in warnings if "mood ineke.trust" in w]
    assert not [w for w in warnings if "'kent_belang' is set" in w]


def test_max_and_min_read_the_variable_for_every_resident():
    reading = MINIMAL.replace('when: "prep.belang"', 'when: "prep.belang or max.trust >= 8"')
    assert not [w for w in lint(reading) if w.endswith("or leave it out")]


def test_flags_set_but_never_read_and_cleared_but_never_set():
    warnings = lint(MINIMAL)
    assert any("flag 'kent_belang' is set (option belang.veilig) but no condition reads it" in w for w in warnings)
    assert not any("'kaders_genoemd' is set" in w for w in warnings)  # read by afsluiting.samen
    clearing = MINIMAL.replace("set: [kaders_genoemd]", "set: [kaders_genoemd]\n        clear: [haast]")
    assert any("choice opening.kaders clears flag 'haast', which nothing sets" in w for w in lint(clearing))


def test_missing_translations_point_at_the_text():
    plain = MINIMAL.replace('text: {nl: "En de overlast?", en: "And the nuisance?"}', 'text: "En de overlast?"')
    line = line_of(plain, 'text: "En de overlast?"')
    assert f"s.yaml:{line}:11: warning: nodes.midden.text is only in nl; add en ({{nl: ..., en: ...}})" in lint(plain)
    half = MINIMAL.replace("title: {nl: Afspraak, en: Agreement}", "title: {nl: Afspraak}")
    line = line_of(half, "title: {nl: Afspraak}")
    assert f"s.yaml:{line}:12: warning: endings.afspraak.title has no en translation" in lint(half)
    assert not [w for w in lint(MINIMAL) if "translation" in w or "only in nl" in w]


def test_a_scenario_in_one_language_gets_one_warning_not_hundreds():
    dutch = re.sub(r'\{nl: ("[^"]*"|[^,}]*), en: ("[^"]*"|[^}]*)\}', r"\1", MINIMAL)
    assert ", en:" not in dutch
    load_scenario_text(dutch)  # still valid
    warnings = [w for w in lint(dutch) if "translation" in w or "only in nl" in w]
    assert len(warnings) == 1 and "no text has a translation (en); the scenario plays in nl only" in warnings[0]
    declared = dutch.replace("format: 1\n", "format: 1\nlanguage: nl\n", 1)
    assert declared != dutch
    assert not [w for w in lint(declared) if "translation" in w or "only in nl" in w]


def test_too_long_lines_and_choices_for_the_dialogue_box():
    long_line = "x" * (LINE_BUDGET + 1)
    long_choice = "y" * (CHOICE_BUDGET + 1)
    text = (MINIMAL.replace('en: "And the nuisance?"', f'en: "{long_line}"')
            .replace("en: Tell me.}", f"en: {long_choice}}}"))
    warnings = lint(text)
    assert any(f"nodes.midden.text (en) is {LINE_BUDGET + 1} characters; the dialogue box holds about "
               f"{LINE_BUDGET}" in w and "split it over two nodes" in w for w in warnings)
    line = line_of(text, long_choice)
    assert any(w.startswith(f"s.yaml:{line}:") and f"nodes.opening.choices[luisteren].text (en) is "
               f"{CHOICE_BUDGET + 1} characters; a choice button holds about {CHOICE_BUDGET}" in w for w in warnings)
    assert not [w for w in lint(MINIMAL) if "characters" in w]


def test_opportunity_without_an_empathic_answer():
    text = MINIMAL.replace('text: {nl: "En de overlast?", en: "And the nuisance?"}',
                           'text: {nl: "En de overlast?", en: "And the nuisance?"}\n'
                           '    opportunity: {nl: Zorgen om rust, en: Worried about quiet}')
    assert any("node 'midden' marks an opportunity, but no choice scores positively on e1-e4" in w
               for w in lint(text))
    answered = text.replace("score: {step2: 1}", "score: {step2: 1, e3: 1}")
    assert not [w for w in lint(answered) if "opportunity" in w]


def test_ending_without_debrief():
    warnings = [w for w in lint(MINIMAL) if "has no debrief" in w]
    assert len(warnings) == 3
    line = line_of(MINIMAL, "  afspraak:")
    assert warnings[0].startswith(f"s.yaml:{line + 1}:5: warning: ending 'afspraak' has no debrief")


@pytest.mark.slow
def test_validate_prints_warnings_but_only_strict_fails_on_them(write_scenario):
    path = write_scenario(MINIMAL)
    problems = validate_path(path)
    assert problems and all(p.severity == "warning" for p in problems)
    run = lambda *a: subprocess.run([sys.executable, "-m", "simulator", "validate", *a], capture_output=True,
                                    text=True, cwd=ROOT, timeout=120)
    plain = run(path)
    assert plain.returncode == 0 and ": warning: " in plain.stdout
    assert plain.stdout.splitlines()[-1] == f"{path}: ok, {len(problems)} warnings"
    strict = run("--strict", path)
    assert strict.returncode == 1 and strict.stdout.splitlines() == plain.stdout.splitlines()[:-1]


def test_an_unscored_scenario_gets_one_warning_not_nine():
    unscored = "\n".join(line for line in MINIMAL.splitlines() if "score:" not in line) + "\n"
    neutral = "          score: {}\n"
    unscored = unscored.replace("          correct: true\n", "          correct: true\n" + neutral) \
        .replace("          text: {nl: Groot, en: Big}\n", "          text: {nl: Groot, en: Big}\n" + neutral)
    warnings = [w for w in lint(unscored) if "dimension" in w or "scored yet" in w]
    assert len(warnings) == 1 and "no choice or preparation answer is scored yet" in warnings[0]


WALK_OUT = """format: 1
id: weg
title: {nl: Weg, en: Gone}
summary: {nl: Bert loopt weg., en: Bert walks out.}
setting:
  meeting: {nl: Avond, en: Evening}
residents:
  - id: bert
    name: Bert Smit
    mood: {anger: 8}
triggers:
  - when: "bert.anger >= 9"
    goto: bert_staat_op
    interrupts: true
start: opening
nodes:
  opening:
    speaker: bert
    text: {nl: Schande., en: Disgrace.}
    choices:
      - id: terugslaan
        text: {nl: U overdrijft., en: You exaggerate.}
        next: slot
        effects: {bert: {anger: 2}}
        score: {step2: -2}
        feedback: {nl: Terugslaan., en: Hitting back.}
  bert_staat_op:
    speaker: narrator
    text: {nl: Bert pakt zijn jas., en: Bert takes his coat.}
    leaves: [bert]
    choices:
      - id: terughalen
        text: {nl: Je haalt hem terug., en: You bring him back.}
        next: bert_komt_terug
        effects: {bert: {anger: -5}}
        score: {e4: 2}
        feedback: {nl: Goed., en: Good.}
      - id: nakijken
        text: {nl: Je kijkt hem na., en: You watch him go.}
        next: return
        effects: {bert: {anger: 1}}
        score: {e4: -1}
        feedback: {nl: Jammer., en: A pity.}
  bert_komt_terug:
    speaker: bert
    text: {nl: Vooruit., en: All right.}
    rejoins: [bert]
    next: return
  slot:
    speaker: narrator
    text: {nl: Stilte., en: Silence.}
    auto:
      - when: "bert.anger <= 5"
        goto: afspraak
    next: uitgesteld
endings:
  afspraak: {kind: agreement, title: {nl: Akkoord, en: Agreed}, text: {nl: Akkoord., en: Agreed.},
             debrief: {nl: Akkoord., en: Agreed.}}
  uitgesteld: {kind: postponed, title: {nl: Later, en: Later}, text: {nl: Later., en: Later.},
               debrief: {nl: Later., en: Later.}}
"""


def test_effects_on_a_resident_who_has_just_left_are_named_at_the_effect():
    """The docs' walk-out pattern: the choice that wins Bert back calms him, but he is still out as
    it is made, so the change does nothing; validate says so at the effect and says what works."""
    warnings = [w for w in lint(WALK_OUT) if "has left" in w or "has just left" in w]
    back = line_of(WALK_OUT, "effects: {bert: {anger: -5}}")
    gone = line_of(WALK_OUT, "effects: {bert: {anger: 1}}")
    assert warnings == [
        f"s.yaml:{back}:19: warning: choice 'terughalen' changes bert's mood, but bert has left until line "
        "'bert_komt_terug' rejoins them, so the change does nothing; to let bert come back changed, give "
        "'bert_komt_terug' a choice with these effects",
        f"s.yaml:{gone}:19: warning: choice 'nakijken' changes bert's mood, but bert has just left (node "
        "'bert_staat_op' leaves: [bert]): effects on a resident who has left do nothing"]
    assert not [w for w in lint(MINIMAL) if "has left" in w or "has just left" in w]
