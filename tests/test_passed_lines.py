"""Lines the meeting goes through without resting on them count as reached.

A trainer's closing line that routes every evening to its ending with ``auto`` transitions
is entered on every playthrough, but the meeting never rests there: its autos take it on at
once. ``validate`` used to look only at where the meeting rests, so it called such a line
"possibly never reached" and ``validate --strict`` failed on a sound scenario. And an ending
only a trainee who takes no time-outs reaches with any odds (a random playthrough that takes
them half the time hardly ever gets there) used to be reported the same way.
"""

from __future__ import annotations

import random

import pytest

from engine import load_scenario_text
from engine.analysis import playability
from engine.play.rules import TIMEOUT_MOVE
from tests.test_frames import interrupted

ROUTED = """\
format: 1
id: routed
title: {nl: Doorgestuurd, en: Routed}
summary: {nl: Een avond met een slotregel die doorstuurt., en: An evening with a closing line that routes.}
setting:
  meeting: {nl: Overleg, en: Meeting}
residents:
  - id: henk
    name: Henk de Vries
    mood: {trust: 3, anger: 3}
start: eerste
nodes:
  eerste:
    speaker: henk
    text: {nl: "Begin.", en: "Start."}
    choices:
      - {id: luisteren, text: {nl: Luisteren., en: Listen.}, next: tweede, effects: {henk: {anger: -1}},
         score: {step3: 1}, feedback: {nl: Goed., en: Good.}}
      - {id: duwen, text: {nl: Duwen., en: Push.}, next: tweede, effects: {henk: {anger: 2}},
         score: {step5: -1}, feedback: {nl: Mis., en: Miss.}}
  tweede:
    speaker: henk
    text: {nl: "En nu?", en: "And now?"}
    choices:
      - {id: samenvatten, text: {nl: Samenvatten., en: Summarise.}, next: afsluiting, effects: {henk: {anger: -1}},
         score: {e1: 1}, feedback: {nl: Goed., en: Good.}}
      - {id: afkappen, text: {nl: Afkappen., en: Cut short.}, next: afsluiting, effects: {henk: {anger: 2}},
         score: {step5: -1}, feedback: {nl: Mis., en: Miss.}}
  afsluiting:
    speaker: narrator
    text: {nl: "Het is negen uur.", en: "It is nine o'clock."}
    auto:
      - {when: "henk.anger >= 5", goto: boos}
      - {when: "henk.anger <= 4", goto: klaar}
    next: klaar
endings:
  klaar: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: Klaar., en: Done.}}
  boos: {kind: escalation, title: {nl: Boos, en: Angry}, text: {nl: Boos weg., en: "Gone, angry."}}
"""


@pytest.mark.parametrize("max_states", [playability.VALIDATE_STATES, 1], ids=["listed", "sampled"])
def test_a_closing_line_whose_autos_always_take_the_meeting_on_is_reached(max_states):
    """Listed (every situation) and sampled (witnesses from random playthroughs): the routing
    line is reached on every playthrough, so no warning names it, and both endings are reached."""
    scenario = load_scenario_text(ROUTED, "routed.yaml")
    problems = playability.check_playability(scenario, max_states=max_states)
    assert [p.message for p in problems] == []


def test_playthroughs_without_time_outs_take_none():
    """The further random playthroughs play every other batch like a trainee who takes no
    time-outs; those never take one, and still reach the end of the meeting."""
    scenario = interrupted()
    finder = playability._Finder(playability.explore(scenario, 1, timeouts=False))
    taken: list = []
    rules = finder.rules
    original = rules.step

    def step(state, move, note=None):
        taken.append(move)
        return original(state, move, note)
    rules.step = step  # type: ignore[method-assign]
    try:
        finder._playouts(50, random.Random(3), timeouts=False)
    finally:
        del rules.step
    assert taken and not [m for m in taken if m.kind == TIMEOUT_MOVE]
    assert "klaar" in finder.seen_endings


@pytest.mark.slow
def test_a_trainers_five_resident_evening_passes_validate_strict():
    """Written from the docs alone: 62 nodes, four interruptions that return, a closing line
    that routes to nine endings. Its 'schijnakkoord' ending is reached by about one random
    player in 500 who takes no time-outs, and by hardly any that take them half the time."""
    from pathlib import Path

    from engine import load_scenario
    from engine.analysis.search import solver_of
    from simulator.cli.validate import validate_path
    path = Path(__file__).parent / "scenarios" / "witness" / "fietspad-vijf.yaml"
    problems = playability.check_playability(load_scenario(str(path)))
    assert [p.message for p in problems] == []
    assert validate_path(str(path)) == []
    # Its tells and loopholes are settled with the bounds that follow no ceilings: the tight ones
    # copy its four interruptions per way back (near a million places, most of validate's time).
    from simulator.cli import validate
    scenario = load_scenario(str(path))
    assert validate.tells_problems(scenario) == [] and validate._loopholes(scenario) == []
    assert not solver_of(scenario).warm
