"""Hot reload's engine half: re-playing a session on an edited scenario keeps the place, or says why not."""

from __future__ import annotations

import json

from engine.play.replay import replay
from engine.play.session import Session
from engine.scenario.loader import load_scenario_text
from tests.crafted import MINIMAL


def played(text: str = MINIMAL, choices: tuple[str, ...] = ("luisteren", "pauze"), answer: str = "veilig") -> Session:
    session = Session.start(load_scenario_text(text))
    session.answer(answer)
    for c in choices:
        while session.can_continue:
            session.advance()
        session.choose(c)
    return session


def test_replay_on_the_same_scenario_restores_place_mood_and_history():
    old = played()
    new, notes = replay(load_scenario_text(MINIMAL), old)
    assert notes == []
    assert new.state.position == old.state.position == "slot"  # the narrator line the author was reading
    assert new.mood == old.mood and new.state.flags == old.state.flags
    assert [(d.node_id, d.choice_id) for d in new.history] == [(d.node_id, d.choice_id) for d in old.history]


def test_a_reworded_line_is_shown_in_its_new_words():
    old = played()
    edited = MINIMAL.replace("Het wordt stil.", "Het wordt heel stil.")
    new, notes = replay(load_scenario_text(edited), old)
    assert notes == [] and new.line is not None and new.line.text.get("nl") == "Het wordt heel stil."


def test_saved_data_and_a_plain_list_of_decisions_both_work():
    old = played()
    data = json.loads(json.dumps(old.to_data()))
    from_data, notes = replay(load_scenario_text(MINIMAL), data)
    assert notes == [] and from_data.state.position == "slot"
    from_list, notes = replay(load_scenario_text(MINIMAL), list(old.history))
    # without a saved position, lines are followed up to the next decision
    assert notes == [] and from_list.state.position == "afsluiting" and from_list.choices


def test_an_inserted_narrator_line_is_passed_through():
    edited = MINIMAL.replace(
        "      - id: luisteren\n        text: {nl: Vertel eens., en: Tell me.}\n        next: midden\n",
        "      - id: luisteren\n        text: {nl: Vertel eens., en: Tell me.}\n        next: tussen\n").replace(
        "  slot:\n", "  tussen:\n    speaker: narrator\n    text: {nl: Ineke knikt., en: Ineke nods.}\n"
                     "    next: midden\n  slot:\n")
    new, notes = replay(load_scenario_text(edited), played())
    assert notes == [] and new.state.position == "slot"
    assert "tussen" in new.state.visited


def test_a_removed_choice_stops_replay_there_and_the_session_goes_on():
    edited = MINIMAL.replace(
        "      - id: pauze\n        text: {nl: Even pauze., en: A short break.}\n",
        "      - id: time_out\n        text: {nl: Even pauze., en: A short break.}\n")
    new, notes = replay(load_scenario_text(edited), played())
    assert notes == ["stopped at node 'midden': choice 'pauze' no longer exists"]
    assert new.state.position == "midden" and "time_out" in [c.id for c in new.choices]
    new.choose("time_out")
    assert new.state.position == "slot"


def test_a_condition_that_no_longer_holds_is_explained():
    edited = MINIMAL.replace("        balcony: true\n", "        balcony: true\n        when: \"flag.nooit\"\n") \
        .replace("set: [kaders_genoemd]", "set: [kaders_genoemd, nooit]")
    new, notes = replay(load_scenario_text(edited), played())
    assert notes == ["stopped at node 'midden': choice 'pauze' is not on offer now (its condition doesn't hold)"]


def test_a_changed_path_is_explained():
    edited = MINIMAL.replace("      - id: luisteren\n        text: {nl: Vertel eens., en: Tell me.}\n"
                             "        next: midden\n",
                             "      - id: luisteren\n        text: {nl: Vertel eens., en: Tell me.}\n"
                             "        next: afsluiting\n")
    new, notes = replay(load_scenario_text(edited), played())
    assert notes == ["stopped at node 'afsluiting': the session went to node 'midden' here, where it chose 'pauze'"]
    assert new.state.position == "afsluiting"


def test_preparation_changes_are_explained():
    renamed = MINIMAL.replace("    - id: belang\n", "    - id: belang_nieuw\n").replace("prep.belang",
                                                                                     "prep.belang_nieuw")
    new, notes = replay(load_scenario_text(renamed), played())
    assert notes == ["stopped at preparation question 'belang_nieuw': it is new, so it has no answer yet"]
    assert new.in_preparation
    option_gone = MINIMAL.replace("        - id: veilig\n", "        - id: veilig_spelen\n")
    new, notes = replay(load_scenario_text(option_gone), played())
    assert notes == ["stopped at preparation question 'belang': option 'veilig' no longer exists"]


def test_a_finished_session_replays_to_its_ending_or_says_where_it_now_ends():
    old = played(choices=("luisteren", "pauze", "later"))
    assert old.finished
    new, notes = replay(load_scenario_text(MINIMAL), old)
    assert notes == [] and new.state.ending == old.state.ending == "uitgesteld"
    sooner = MINIMAL.replace("        next: slot\n        balcony: true\n", "        next: uitgesteld\n"
                                                                        "        balcony: true\n")
    new, notes = replay(load_scenario_text(sooner), old)
    assert notes == ["the meeting now ends at 'uitgesteld' before choice afsluiting.later"]
