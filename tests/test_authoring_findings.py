"""What a trainer met writing a scenario from the docs alone, each found by validate in plain words.

A trigger at ``anger >= 11`` on a 0..10 scale passed (it never fires); a non-breaking space
pasted from Word into the indentation was reported a line further on as a misplaced colon;
``NL:`` for ``nl:`` got no "did you mean".
"""

from __future__ import annotations

import pytest

from engine import ScenarioError, load_scenario_text
from engine.scenario.checks import check_scenario

BASE = """\
format: 1
id: schaal
title: {nl: "Schaal", en: "Scale"}
summary: {nl: "Een schaal.", en: "A scale."}
setting: {meeting: {nl: "Overleg", en: "Meeting"}}
residents:
  - {id: joke, name: Joke de Wit, mood: {trust: 5, anger: 3}}
triggers:
  - when: "joke.anger >= 11"
    goto: klaar
start: vraag
nodes:
  vraag:
    speaker: joke
    text: {nl: "Waarom hier?", en: "Why here?"}
    variants:
      - when: "joke.anger >= 70 or 3 > joke.trust"
        text: {nl: "WAAROM HIER?", en: "WHY HERE?"}
    choices:
      - id: uitleggen
        text: {nl: "Omdat het pand leeg staat.", en: "Because the building is empty."}
        next: klaar
        when: "joke.trust <= 10"
        score: {step1: 1}
endings:
  klaar: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: "Klaar.", en: "Done."}}
"""


def _problems(text: str) -> list:
    return check_scenario(load_scenario_text(text, "schaal.yaml"))


def test_a_comparison_outside_the_scale_is_named_wherever_it_stands():
    problems = [p for p in _problems(BASE) if "runs from" in p.message]
    never = [p for p in problems if "can never hold" in p.message]
    assert {p.line for p in never} == {9, 17}  # the trigger, and the variant's first part
    assert all("anger runs from 0 to 10" in p.message and p.severity == "warning" for p in never)
    always = [p for p in problems if "always holds" in p.message]
    assert [p.line for p in always] == [23] and "trust runs from 0 to 10" in always[0].message
    inside = BASE.replace(">= 11", ">= 9").replace(">= 70", ">= 7").replace("<= 10", "<= 8")
    assert not [p for p in _problems(inside) if "runs from" in p.message]  # "3 > joke.trust": within the scale


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u202f"])
def test_an_unusual_space_in_the_indentation_is_named_on_its_own_line(space):
    lines = BASE.splitlines(keepends=True)
    lines[13] = lines[13].replace("    speaker", space + "   speaker", 1)  # "    speaker: joke" of vraag
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text("".join(lines), "schaal.yaml")
    problem = caught.value.problems[0]
    assert problem.line == 14 and problem.column == 1
    assert f"U+{ord(space):04X}" in problem.message and "ordinary spaces" in problem.message


def test_a_language_key_in_capitals_gets_a_did_you_mean():
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(BASE.replace('title: {nl: "Schaal"', 'title: {NL: "Schaal"'), "schaal.yaml")
    assert any("unknown key 'NL'" in p.message and "did you mean 'nl'" in p.message for p in caught.value.problems)


INTERRUPTION = """\
format: 1
id: onderbreking
title: {nl: "Onderbreking", en: "Interruption"}
summary: {nl: "Een onderbreking.", en: "An interruption."}
setting: {meeting: {nl: "Overleg", en: "Meeting"}}
residents:
  - {id: joke, name: Joke de Wit, mood: {trust: 5, anger: 3}}
start: een
triggers:
  - {when: "joke.trust >= 6", goto: joke_spreekt, interrupts: true}
nodes:
  een:
    speaker: joke
    text: {nl: "Eerste vraag.", en: "First question."}
    choices:
      - {id: goed, text: {nl: "Goed.", en: "Good."}, next: twee, effects: {joke: {trust: 1}}, score: {step3: 1}}
      - {id: slecht, text: {nl: "Slecht.", en: "Bad."}, next: twee, score: {step3: -1}}
  twee:
    speaker: joke
    text: {nl: "Tweede vraag.", en: "Second question."}
    choices:
      - {id: goed2, text: {nl: "Goed.", en: "Good."}, next: klaar, score: {step4: 1}}
  joke_spreekt:
    speaker: joke
    text: {nl: "Mag ik iets zeggen?", en: "May I say something?"}
    choices:
      - {id: ja, text: {nl: "Ja.", en: "Yes."}, next: return, score: {e3: 1}}
      - {id: opnieuw, text: {nl: "Opnieuw.", en: "Start over."}, next: een, score: {e3: 1}}
endings:
  klaar: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: "Klaar.", en: "Done."}}
"""


def test_an_interruption_that_goes_on_into_the_meeting_is_named_where_it_does():
    problems = [p for p in _problems(INTERRUPTION) if "goes on into the meeting" in p.message]
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert problems[0].line == 28 and "'een'" in problems[0].message  # the option that leads there
    back = INTERRUPTION.replace("next: een, score: {e3: 1}", "next: return, score: {e3: 1}")
    assert not [p for p in _problems(back) if "goes on into the meeting" in p.message]
    ending = INTERRUPTION.replace("next: een, score: {e3: 1}", "next: klaar, score: {e3: 1}")  # walking out: fine
    assert not [p for p in _problems(ending) if "goes on into the meeting" in p.message]
