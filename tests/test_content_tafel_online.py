"""Aan één tafel and Online avond keep what they were written to train.

The rules every full scenario keeps live in test_scenario_content.py. These tests hold what is
particular to the two: at the partner table each organisation's interest decides whether the plan
holds, and the colleague who is struck back at walks out; at the online evening one participant's
outburst moves the others (authored group reactions), a calmed critic calms the room, two outbursts
at once derail the chat, a resident who only types leaves when she is passed over twice, and her
lines arrive in the chat. Both tag the seed's persuasion and the three levels of
omgevingsbewustzijn on moves that are right, never on a mistake.
"""

from __future__ import annotations

import pytest

from engine import load_scenario
from tests.conftest import SCENARIOS
from tests.test_scenario_content import _play_plan, _play_with, overall

LENS = {"persuasion", "awareness1", "awareness2", "awareness3"}


def _reactions(session) -> list[int]:
    return [e.variant for e in session.state.transcript if e.kind == "reaction"]


def _mood_at(session, node_id: str) -> dict[str, int]:
    """Unrest when the decision at ``node_id`` is put (the room's reactions to the one before included)."""
    decision = next(d for d in session.history if d.kind == "meeting" and d.node_id == node_id)
    return {rid: m["onrust"] for rid, m in decision.mood_before.items()}


# -- Online avond ----------------------------------------------------------------------------------
def test_gerard_reprimanded_out_loud_unsettles_the_chat_and_the_quiet_typist():
    # Without the ground rules up front, and with the critic's jab ignored, Gerard comes in less calm.
    start = {"welkom": "eerst_vragen", "gast_besloten": "negeren"}
    calm = _play_with("online-avond", start)
    rebuked = _play_with("online-avond", {**start, "gerard_uitval": "toon_aanspreken"})
    before, after = _mood_at(calm, "gerard_vertelt"), _mood_at(rebuked, "gerard_vertelt")
    assert after["gerard"] == 3  # he boiled over; the room reacted to him
    assert after["yasmina"] == before["yasmina"] + 1 and after["carla"] == before["carla"] + 1
    assert 0 in _reactions(rebuked) and 0 not in _reactions(calm)


def test_a_calmed_critic_calms_the_room_and_only_then_shows_his_face():
    flawless = _play_with("online-avond", {})
    assert 2 in _reactions(flawless)  # "Eerlijk antwoord, dank."
    assert "kees_vertelt" in flawless.to_data()["visited"]
    # Struck back at and never answered on Dalwijk, the critic stays a guest number.
    ignored = _play_with("online-avond", {"gast_besloten": "wie_bent_u", "gast_dalwijk": "bellen_aanbieden"})
    assert "kees_vertelt" not in ignored.to_data()["visited"] and ignored.ending.kind != "agreement"


def test_two_outbursts_at_once_derail_the_chat():
    session = _play_with("online-avond", {"gast_besloten": "wie_bent_u", "gerard_uitval": "toon_aanspreken"})
    assert 1 in _reactions(session)  # the critic's outburst spills over onto Gerard
    assert session.ending.id == "facebook"


def test_yasmina_passed_over_twice_leaves_and_the_agreement_needs_her():
    once = _play_with("online-avond", {"frank_monoloog": "chat_straks"})
    assert "yasmina" not in once.away
    twice = _play_with("online-avond", {"frank_monoloog": "chat_straks", "yasmina_koken": "microfoon_aan"})
    assert "yasmina" in twice.away
    assert twice.ending.id == "halve_avond"


def test_what_the_critic_and_the_typist_write_arrives_in_the_chat():
    s = load_scenario(str(SCENARIOS / "online-avond.yaml"))
    assert s.setting.stage == "online"
    typed = [n for n in s.nodes.values() if n.speaker in ("gast", "yasmina")]
    assert typed and all(n.channel == "chat" for n in typed)
    assert any(n.channel != "chat" for n in s.nodes.values() if n.speaker in ("gerard", "frank", "carla"))


# -- Aan één tafel ---------------------------------------------------------------------------------
def test_a_colleague_struck_back_at_and_let_go_leaves_a_plan_without_beheer():
    session = _play_with("aan-een-tafel", {"jeroen_uitval": "terugslaan", "jeroen_pakt_laptop": "laten_gaan"})
    assert "jeroen" in session.away
    assert session.ending.id == "zonder_beheer"
    called_back = _play_with("aan-een-tafel", {"jeroen_uitval": "terugslaan", "jeroen_pakt_laptop": "terugroepen"})
    assert "jeroen" not in called_back.away


@pytest.mark.slow
def test_every_partners_interest_is_needed_for_the_whole_table_to_sign():
    _, flawless = _play_plan("aan-een-tafel-best")
    assert flawless.ending.id == "beheerplan"
    for node, miss in (("jeroen_reorg", "later_zien"),        # Beheer withdraws its offer
                       ("tussenstand", "stilzwijgend"),        # Woonstede protests
                       ("ruud_namen", "lijst_vragen")):        # Nieuwe Koers draws the line
        assert _play_with("aan-een-tafel", {node: miss}).ending.kind != "agreement", miss


def test_a_promise_on_a_partners_behalf_comes_back_unless_it_is_taken_back():
    kept = _play_with("aan-een-tafel", {"ruud_eis": "ja_zeggen", "belofte_terug": "komt_goed"})
    assert kept.ending.id == "belofte_knelt"
    repaired = _play_with("aan-een-tafel", {"ruud_eis": "ja_zeggen", "belofte_terug": "partners_laten_bieden"})
    assert repaired.ending.id != "belofte_knelt"


# -- both ------------------------------------------------------------------------------------------
def test_the_lens_tags_persuasion_and_every_awareness_level_on_right_moves_only():
    for name in ("aan-een-tafel", "online-avond"):
        s = load_scenario(str(SCENARIOS / f"{name}.yaml"))
        tagged = [c for n in s.nodes.values() for c in n.choices if c.lens]
        assert {t for c in tagged for t in c.lens} == LENS, name
        assert all(overall(c) > 0 for c in tagged), [c.id for c in tagged if overall(c) <= 0]
