"""The two scenarios of issue 23 that leave the residents' evening: managing upward (ochtend-erna) and a
written then spoken channel (drie-maanden-later).

They meet the bar of the shipped full scenarios (ochtend-erna: 30 nodes; drie-maanden-later is the short one:
15), and what makes each of them worth playing is held here: in drie-maanden-later the reply is judged as a
whole, so a warm tone without a concrete offer reads as hollow and Bert calls angry; in ochtend-erna a promise
outside the mandate that is agreed to and never taken back goes into the paper. The tells, the golden plans
and the flawless run are checked for every shipped scenario elsewhere (test_scenario_content, test_tells,
test_playthroughs, test_best_agrees).
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from engine import DIMENSION_KEYS, Session, load_scenario
from engine.play.scoring import totals
from tests.conftest import SCENARIOS

MIN_NODES = {"ochtend-erna": 30, "drie-maanden-later": 15}
NEW = sorted(MIN_NODES)
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/scenario.schema.json"
LENS = {"persuasion", "awareness1", "awareness2", "awareness3"}


def scenario(name):
    return load_scenario(str(SCENARIOS / f"{name}.yaml"))


def overall(option) -> int:
    return sum(option.score.values())


@pytest.mark.parametrize("name", NEW)
def test_size_endings_and_what_the_start_screen_shows(name):
    s = scenario(name)
    assert (SCENARIOS / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    assert len(s.nodes) >= MIN_NODES[name] and s.decision_count >= 12
    assert len({e.kind for e in s.endings.values()}) >= 3
    assert s.minutes and s.difficulty


@pytest.mark.parametrize("name", NEW)
def test_every_dimension_has_two_good_and_one_bad_choice(name):
    s = scenario(name)
    good, bad = Counter(), Counter()
    scores = [c.score for n in s.nodes.values() for c in n.choices]
    scores += [o.score for q in s.preparation.questions for o in q.options]
    for score in scores:
        for dim, w in score.items():
            (good if w > 0 else bad)[dim] += 1
    assert not [d for d in DIMENSION_KEYS if good[d] < 2 or bad[d] < 1], (dict(good), dict(bad))


@pytest.mark.parametrize("name", NEW)
def test_provocations_balcony_opportunities_thoughts_and_preparation_that_unlocks(name):
    s = scenario(name)
    assert any(c.balcony for n in s.nodes.values() for c in n.choices)
    assert sum(1 for n in s.nodes.values() if n.provocation) >= 2
    assert sum(1 for n in s.nodes.values() if n.opportunity is not None) >= 2
    assert sum(1 for n in s.nodes.values() if n.thought is not None) >= s.decision_count // 2
    unlocked = [c for n in s.nodes.values() for c in n.choices
                if c.when and any(r.kind == "prep" for r in c.when.refs())]
    assert len(unlocked) >= 2 and all(overall(c) > 0 for c in unlocked)


@pytest.mark.parametrize("name", NEW)
def test_the_lens_tags_moves_the_seed_holds_up_and_never_a_mistake(name):
    s = scenario(name)
    tagged = [c for n in s.nodes.values() for c in n.choices if c.lens]
    assert tagged and all(set(c.lens) <= LENS and overall(c) >= 0 for c in tagged)
    seen = {t for c in tagged for t in c.lens}
    assert seen == LENS if name == "ochtend-erna" else {"awareness2", "awareness3"} <= seen


# -- drie-maanden-later: a written channel, then a spoken one -------------------------------
MAIL_NODES = {"mail_kop", "mail_bert", "mail_bert_slot", "aanhef", "erkenning", "feiten", "feiten_zonder", "aanbod",
              "concept", "versturen", "versturen_heel", "versturen_hol", "versturen_kil"}
CALL_NODES = {"telefoon", "wie_belt", "bert_belt_boos", "bert_belt_afwachtend", "bert_avonden", "bert_eist",
              "bert_brug", "bert_idee", "bert_raadsleden", "afronding", "bert_hangt_op"}


def test_the_mail_is_an_email_and_the_call_a_voice():
    s = scenario("drie-maanden-later")
    assert {n for n in s.nodes if s.nodes[n].channel == "email"} == MAIL_NODES
    assert {n for n in s.nodes if s.nodes[n].channel == "phone"} == CALL_NODES
    assert s.setting.stage == "phone"


CALL_OPENS = {"bert_belt_boos", "bert_belt_afwachtend", "bert_hangt_op"}  # how the call starts, if it does


def _compose(tone: str, acknowledgement: str, facts: str, offer: str, call_beheer: bool = True) -> Session:
    """The flawless preparation and night, then the reply built from these fragments; stops where Bert's call
    begins."""
    s = scenario("drie-maanden-later")
    session = Session.start(s, seed=1)
    answers = {"afspraak": "afspraak_precies", "belang": "rust_en_woord", "netwerk": "beheer_en_jongerenwerk"}
    picks = {"mail_bert_slot": "kort_bericht", "eerst": "beheer_bellen" if call_beheer else "meteen_schrijven",
             "aanhef": tone, "erkenning": acknowledgement, "feiten": facts, "feiten_zonder": facts, "aanbod": offer}
    while not session.finished and (session.node is None or session.node.id not in CALL_OPENS):
        if session.question is not None:
            session.answer(answers[session.question.id])
        elif session.can_continue:
            session.advance()
        elif session.node.id in picks:
            session.choose(picks[session.node.id])
        else:  # the send step: to Bert alone, the alderman and the spokesperson informed
            session.choose(next(c.id for c in session.choices if c.id.startswith("alleen_bert")))
    return session


def _sent(session) -> str:
    return next(d.node_id for d in session.history if d.node_id.startswith("versturen"))


def test_a_warm_tone_without_a_concrete_offer_reads_as_hollow_and_bert_calls_angry():
    hollow = _compose("toon_warm", "erkent_afspraak", "feiten_eerlijk", "aanbod_vaag")
    assert _sent(hollow) == "versturen_hol" and hollow.node.id == "bert_belt_boos"
    warm_with_offer = _compose("toon_warm", "erkent_afspraak", "feiten_eerlijk", "aanbod_concreet")
    assert _sent(warm_with_offer) == "versturen_heel" and warm_with_offer.node.id == "bert_belt_afwachtend"
    send = {d.node_id: d.choice_id for d in hollow.history}
    assert scenario("drie-maanden-later").choice(f"versturen_hol.{send['versturen_hol']}").score["e4"] < 0
    assert hollow.mood["bert"]["anger"] > warm_with_offer.mood["bert"]["anger"]


@pytest.mark.slow
def test_every_combination_of_fragments_is_judged_as_one_kind_of_mail():
    """Tone x acknowledgement x facts x offer, with and without the call to Beheer: each mail reaches exactly
    one send step, and the judgement follows the combination, not any one fragment."""
    s = scenario("drie-maanden-later")
    kinds = Counter()
    for beheer in (True, False):
        tones = [c.id for c in s.nodes["aanhef"].choices]
        acks = [c.id for c in s.nodes["erkenning"].choices]
        facts = [c.id for c in s.nodes["feiten" if beheer else "feiten_zonder"].choices]
        offers = [c.id for c in s.nodes["aanbod"].choices if beheer or c.id != "aanbod_concreet"]
        for tone, ack, fact, offer in itertools.product(tones, acks, facts, offers):
            session = _compose(tone, ack, fact, offer, call_beheer=beheer)
            sent = [d.node_id for d in session.history if d.node_id.startswith("versturen")]
            assert len(sent) == 1 and len(s.nodes[sent[0]].choices) == 3
            kind = sent[0].removeprefix("versturen").strip("_") or "half"
            kinds[kind] += 1
            hollow = tone == "toon_warm" and offer in ("aanbod_vaag", "aanbod_vraag")
            assert (kind == "hol") == hollow, (tone, ack, fact, offer, kind)
            assert (session.node.id == "bert_belt_boos") == (kind in ("hol", "kil"))
    assert set(kinds) == {"heel", "hol", "kil", "half"}


def test_the_mixed_run_is_kept_from_the_agreement_by_its_hollow_mail():
    s = scenario("drie-maanden-later")
    hollow = _compose("toon_warm", "erkent_afspraak", "feiten_onbekend", "aanbod_vaag", call_beheer=False)
    concrete = _compose("toon_warm", "erkent_afspraak", "feiten_onbekend", "aanbod_langs", call_beheer=False)
    assert _sent(hollow) == "versturen_hol" and _sent(concrete) == "versturen_heel"
    hollow_total = sum(totals(s, hollow.history).values())
    assert sum(totals(s, concrete.history).values()) > hollow_total


# -- ochtend-erna: loyal and candid ---------------------------------------------------------
def _morning(swap: dict[str, str]) -> Session:
    """The flawless run with some decisions swapped (node -> choice); where the path then leaves the plan,
    the best-scoring option on offer."""
    s = scenario("ochtend-erna")
    flawless = {"wat_gebeurde": "eerst_melden", "plan_op_papier": "belang_benoemen", "afgerekend": "raad_kennen",
                "kan_het": "eerlijk_advies", "gekozen": "ja_en", "lege_handen": "belang_vertalen",
                "camera": "burgemeester", "wantrouwen": "eerlijk_gesprek", "sanne_bellen": "via_lisa",
                "kop": "gouden_brug", "wat_eruit": "een_zin", "toch_zeggen": "advies_op_papier"}
    answers = {"belang_wethouder": "gezicht_en_buurt", "ruimte": "wat_wel", "omgeving": "politiek_en_regels",
               "alternatief": "advies_papier"}
    session = Session.start(s, seed=1)
    while not session.finished:
        if session.question is not None:
            session.answer(answers[session.question.id])
        elif session.can_continue:
            session.advance()
        else:
            offered = {c.id for c in session.choices}
            pick = swap.get(session.node.id) or flawless.get(session.node.id)
            session.choose(pick if pick in offered else max(session.choices, key=overall).id)
    return session


def test_the_flawless_morning_gives_her_her_own_story():
    assert _morning({}).ending.id == "eigen_verhaal"


@pytest.mark.parametrize("swap", [
    {"plan_op_papier": "opschrijven", "kan_het_terug": "aan_jou", "wat_eruit_terug": "alles_erin"},
    {"camera": "camera_ok", "wat_eruit_terug": "geen_commentaar"},
    {"toch_zeggen": "meebuigen"},
], ids=["written-up", "cameras", "bending-at-the-end"])
def test_a_promise_outside_the_mandate_that_is_never_taken_back_goes_into_the_paper(swap):
    assert _morning(swap).ending.id == "loze_belofte"


def test_a_promise_taken_back_before_it_goes_out_stays_out_of_the_paper():
    session = _morning({"plan_op_papier": "opschrijven", "kan_het_terug": "aan_jou"})
    assert "rechtzetten" in [d.choice_id for d in session.history]
    assert session.ending.id != "loze_belofte"


def test_her_irritation_ends_the_meeting_and_sidelines_the_adviser():
    session = _morning({"wat_gebeurde": "verdedigen", "plan_op_papier": "meteen_nee", "afgerekend": "relativeren",
                        "kan_het": "dreigen_jurist"})
    assert "hoekstra_kapt_af" in session.to_data()["visited"] and session.ending.id == "buitenspel"


def test_saying_nothing_today_postpones_and_without_the_golden_bridge_it_is_not_her_story():
    assert _morning({"wat_eruit": "geen_commentaar"}).ending.kind == "postponed"
    assert _morning({"kop": "kop_schrijven"}).ending.id == "nette_reactie"
