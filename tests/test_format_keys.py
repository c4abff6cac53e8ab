"""The keys of the validity and stage issues: option order, provocations, time-outs, stages and emotions."""

from __future__ import annotations

import pytest

from engine import ScenarioError, Session, load_scenario_text
from tests.crafted import GROUP, MINIMAL

OPENING = '''  opening:
    speaker: ineke
'''


def with_opening_keys(extra: str) -> str:
    assert OPENING in MINIMAL
    return MINIMAL.replace(OPENING, OPENING + extra, 1)


def test_new_keys_load_with_their_defaults():
    s = load_scenario_text(MINIMAL, "mini.yaml")
    opening = s.nodes["opening"]
    assert (opening.order, opening.provocation, opening.emotion) == ("shuffled", False, None)
    assert s.setting.stage is None
    assert s.timeout.limit == 2 and s.timeout.score == {"step2": 1}
    assert s.timeout.cost == {"all": {"anger": 1}}  # a little patience: the default scales' restless end


def test_order_provocation_emotion_stage_and_timeout_are_read():
    text = with_opening_keys("    order: fixed\n    provocation: true\n    emotion: angry\n")
    text = text.replace("setting:\n  meeting: {nl: Overleg, en: Meeting}\n",
                        "setting:\n  meeting: {nl: Overleg, en: Meeting}\n  stage: kitchen\n"
                        "timeout: {limit: 1, cost: {bert: {anger: 2}}, score: {step2: 2}}\n", 1)
    s = load_scenario_text(text, "mini.yaml")
    opening = s.nodes["opening"]
    assert (opening.order, opening.provocation, opening.emotion) == ("fixed", True, "angry")
    assert s.setting.stage == "kitchen"
    assert (s.timeout.limit, dict(s.timeout.cost), dict(s.timeout.score)) == (1, {"bert": {"anger": 2}}, {"step2": 2})


@pytest.mark.parametrize("extra, message", [
    ("    order: random\n", "order"),
    ("    emotion: furious\n", "emotion"),
    ("    provocation: maybe\n", "provocation"),
])
def test_bad_values_name_the_key(extra, message):
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(with_opening_keys(extra), "mini.yaml")
    assert message in str(err.value) and "mini.yaml:" in str(err.value)


def test_a_choice_may_not_take_the_time_outs_id():
    text = MINIMAL.replace("      - id: luisteren\n", "      - id: timeout\n", 1)
    with pytest.raises(ScenarioError, match="time-out"):
        load_scenario_text(text, "mini.yaml")


def test_a_time_out_cost_must_name_residents_and_scales():
    text = MINIMAL.replace("start: opening\n", "timeout: {cost: {henk: {anger: 1}}}\nstart: opening\n", 1)
    with pytest.raises(ScenarioError, match="henk"):
        load_scenario_text(text, "mini.yaml")


INTERRUPTION = MINIMAL.replace('''triggers:
  - when: "bert.anger >= 10"
    goto: weggelopen
''', '''triggers:
  - when: "bert.anger >= 8"
    goto: bert_staat_op
    interrupts: true
  - when: "bert.anger >= 10"
    goto: weggelopen
''', 1).replace("nodes:\n", '''nodes:
  bert_staat_op:
    speaker: narrator
    text: {nl: "Bert staat op.", en: "Bert gets up."}
    leaves: [bert]
    choices:
      - id: laten_gaan
        text: {nl: "Laat hem.", en: "Let him go."}
        next: return
        when: "not away.ineke"
''', 1)


def test_an_interruption_returns_and_residents_leave():
    s = load_scenario_text(INTERRUPTION, "mini.yaml")
    assert s.triggers[0].interrupts and not s.triggers[1].interrupts
    node = s.nodes["bert_staat_op"]
    assert node.leaves == ("bert",) and node.choices[0].next == "return"


AS_A_LINE = ("""    choices:
      - id: laten_gaan
        text: {nl: "Laat hem.", en: "Let him go."}
        next: return
        when: "not away.ineke"
""", "    next: return\n")
AS_AN_AUTO = ("""    choices:
      - id: laten_gaan
        text: {nl: "Laat hem.", en: "Let him go."}
        next: return
        when: "not away.ineke"
""", """    auto:
      - when: "not away.ineke"
        goto: return
    next: weggelopen
""")


@pytest.mark.parametrize("rewrite, written", [
    (None, "        next: return"), (AS_A_LINE, "    next: return"), (AS_AN_AUTO, "        goto: return")])
def test_return_outside_an_interruption_is_an_error_at_the_line_that_says_return(rewrite, written):
    text = INTERRUPTION.replace("    interrupts: true\n", "", 1)
    if rewrite is not None:
        assert rewrite[0] in text
        text = text.replace(*rewrite, 1)
    with pytest.raises(ScenarioError, match="without an interruption") as err:
        load_scenario_text(text, "mini.yaml")
    line = text.splitlines().index(written) + 1
    assert f"mini.yaml:{line}:" in str(err.value)


@pytest.mark.parametrize("old, new, message", [
    ("    leaves: [bert]\n", "    leaves: [henk]\n", "henk"),
    ('"not away.ineke"', '"not away.henk"', "henk"),
])
def test_leaving_names_residents(old, new, message):
    with pytest.raises(ScenarioError, match=message):
        load_scenario_text(INTERRUPTION.replace(old, new, 1), "mini.yaml")


def test_the_room_reacts_to_an_outburst_once_in_order_and_the_transcript_says_so():
    s = load_scenario_text(GROUP, "group.yaml")
    session = Session.start(s, seed=3)
    session.answer("veilig")
    session.choose("kaders")  # everyone's anger +2: Bert reaches 8, the room reacts, and then Ineke's 7 does too
    assert session.mood["ineke"] == {"trust": 4, "anger": 7}
    assert session.mood["bert"] == {"trust": 1, "anger": 8}
    fired = [e.variant for e in session.state.transcript if e.kind == "reaction"]
    assert fired == [0, 1]
    session.choose("uitleggen")  # Bert angrier still: each reaction fired once, never again
    assert session.mood["ineke"] == {"trust": 4, "anger": 7}
    assert [e.variant for e in session.state.transcript if e.kind == "reaction"] == [0, 1]


def test_a_calm_choice_leaves_the_room_alone():
    session = Session.start(load_scenario_text(GROUP, "group.yaml"), seed=3)
    session.answer("veilig")
    session.choose("luisteren")
    assert not [e for e in session.state.transcript if e.kind == "reaction"]
    assert session.mood["ineke"] == {"trust": 7, "anger": 3}


def test_channel_and_lens_are_read_and_default_to_spoken_and_none():
    s = load_scenario_text(GROUP, "group.yaml")
    assert s.nodes["midden"].channel == "chat" and s.nodes["opening"].channel == "spoken"
    by_id = {c.id: c for c in s.nodes["opening"].choices}
    assert by_id["luisteren"].lens == ("persuasion", "awareness2") and by_id["kaders"].lens == ()


@pytest.mark.parametrize("old, new, message", [
    ("lens: [persuasion, awareness2]", "lens: [charm]", "lens"),
    ("    channel: chat\n", "    channel: pigeon\n", "channel"),
    ("effects: {ineke: {anger: 2, trust: -1}}", "effects: {henk: {anger: 2}}", "henk"),
    ("effects: {bert: {trust: -2}}", "effects: {bert: {woede: -2}}", "woede"),
    ('when: "ineke.anger >= 7"', 'when: "ineke.anger >= "', "group.yaml:"),
])
def test_bad_group_lens_and_channel_values_name_the_place(old, new, message):
    assert old in GROUP
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(GROUP.replace(old, new, 1), "group.yaml")
    assert message in str(err.value) and "group.yaml:" in str(err.value)



WALKS_OUT = """\
format: 1
id: weg
title: {nl: Weg, en: Gone}
summary: {nl: Bert loopt weg., en: Bert walks out.}
setting: {meeting: {nl: Overleg, en: Meeting}}
residents:
  - {id: ineke, name: Ineke Bakker, mood: {trust: 5, anger: 3}}
  - {id: bert, name: Bert Smit, mood: {trust: 4, anger: 9}}
start: begin
nodes:
  begin:
    speaker: bert
    text: {nl: "Ik ga.", en: "I am leaving."}
    choices:
      - {id: laten, text: {nl: Laat hem gaan., en: Let him go.}, next: zonder, score: {step5: 1}}
  zonder:
    speaker: ineke
    text: {nl: "Hij is weg.", en: "He has gone."}
    leaves: [bert]
    choices:
      - {id: verder, text: {nl: Verder., en: Go on.}, next: einde, score: {step3: 1}}
endings:
  einde: {kind: partial, title: {nl: Einde, en: End}, text: {nl: Einde., en: End.}}
"""


def test_the_terminal_marks_a_resident_who_walked_out_beside_the_meters():
    from engine import Session
    from simulator.terminal.player import mood_line
    session = Session.start(load_scenario_text(WALKS_OUT, "weg.yaml"))
    assert "(vertrokken)" not in mood_line(session, "nl")
    session.choose("laten")
    while session.can_continue:
        session.advance()
    assert mood_line(session, "nl") == "[Ineke: vertrouwen 5/10, boosheid 3/10 | Bert (vertrokken): vertrouwen 4/10, " \
                                       "boosheid 9/10]"
    assert "Bert (has left): trust 4/10" in mood_line(session, "en")
