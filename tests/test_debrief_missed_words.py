"""A provocation answered without a time-out is marked "geen time-out", not "gemiste kans".

A trainee who took up exactly what lay under a provocation ("je ging erop in") read "gemiste
kans" on the same card: the mark meant "no time-out first" but said "you missed the feeling".
"""

from __future__ import annotations

from engine import Session, load_scenario
from engine.debrief.review import review
from simulator.export.json_data import debrief_data
from simulator.export.markdown import render_md
from simulator.terminal import debrief as textdebrief
from tests.conftest import SCENARIOS
from tests.fixtures.playthrough import play_at_random


def _answered_a_provocation_directly():
    scenario = load_scenario(str(SCENARIOS / "speeltuin-kort.yaml"))
    for seed in range(40):
        session = Session.start(scenario, seed=seed)
        for _ in play_at_random(session, seed):
            pass
        result = review(scenario, session.history, session.ending.id, transcript=session.state.transcript)
        reasons = [d.missed_reason for d in result.decisions if d.missed_opportunity]
        if "provocation" in reasons:
            return scenario, session, result, reasons
    raise AssertionError("no playthrough answered a provocation without a time-out")


def test_the_terminal_and_the_exports_say_no_time_out_where_that_is_what_was_missed():
    scenario, session, result, reasons = _answered_a_provocation_directly()
    text = "\n".join(textdebrief.render(result, "nl", {}))
    provoked = [d for d in result.decisions if d.missed_reason == "provocation"]
    assert "geen time-out" in text
    assert f"geen time-out: {len(provoked)}" in text
    others = len(reasons) - len(provoked)
    assert (f"gemiste kans: {others}" in text) == bool(others)
    for d in provoked:  # its own mark reads "geen time-out", never "gemiste kans"
        line = next(line for line in text.splitlines() if line.startswith(f"{d.index + 1:>2}. ["))
        assert "geen time-out" in line and "gemiste kans" not in line
    markdown = render_md(debrief_data(result, "en"))
    assert "no time-out" in markdown and f"no time-out: {len(provoked)}" in markdown


BALCONY_IN_WORDS = """\
format: 1
id: balkon-in-woorden
title: {nl: "Balkon", en: "Balcony"}
summary: {nl: "Een provocatie met een balkon-optie.", en: "A provocation with a balcony option."}
setting: {meeting: {nl: "Test", en: "Test"}}
residents:
  - {id: henk, name: Henk Brouwer, mood: {trust: 3, anger: 6}}
start: aanval
nodes:
  aanval:
    speaker: henk
    provocation: true
    text: {nl: "U woont hier zelf niet eens!", en: "You don't even live here!"}
    choices:
      - id: balkon
        balcony: true
        text: {nl: "Dat wil ik goed beantwoorden. Ik schrijf het even op.", en: "Let me write that down first."}
        next: klaar
        score: {step2: 2, e1: 1}
        feedback: {nl: "Je neemt afstand.", en: "You step back."}
      - id: terugslaan
        text: {nl: "Waar ik woon doet er niet toe.", en: "Where I live is beside the point."}
        next: klaar
        score: {step2: -2}
        feedback: {nl: "Terugslaan.", en: "Striking back."}
endings:
  klaar: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: "Klaar.", en: "Done."}, debrief: {nl: "x", en: "x"}}
"""


def test_an_option_that_pauses_in_words_is_no_missed_time_out():
    """A provocation answered with a ``balcony: true`` option was a pause: the debrief doesn't mark
    it "geen time-out" and a trainer's report doesn't count the best move among the misses (the
    time-out's own points still show in what was achievable)."""
    from engine import load_scenario_text
    scenario = load_scenario_text(BALCONY_IN_WORDS, "balkon.yaml")
    for choice, missed in (("balkon", False), ("terugslaan", True)):
        session = Session.start(scenario, seed=1)
        session.choose(choice)
        result = review(scenario, session.history, session.ending.id)
        d = result.decisions[0]
        assert d.missed_opportunity is missed
        assert (d.missed_reason == "provocation") is missed
        assert result.counts()["missed_opportunity"] == int(missed)
