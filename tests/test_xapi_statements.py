"""xAPI statements: what each step writes to the outbox, against the statement schema and the
producer rules of xAPI 1.0.3, and the profile's promises (docs/xapi.md)."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import Session, load_scenario
from engine.debrief.selfrating import make_rating
from simulator.journal import Journal
from simulator.xapi import profile as p
from tests import xapi_conformance as rules
from tests.conftest import SCENARIOS
from tests.xapi_helpers import SHORT, configure, finished_statements, outbox_rows, play


def by_verb(statements, name):
    return [s for s in statements if s["verb"]["id"] == p.VERBS[name][0]]


def test_without_an_lrs_nothing_is_written_to_the_outbox():
    play([1])
    assert outbox_rows() == []


def test_each_session_sends_launched_initialized_every_decision_completed_terminated(monkeypatch):
    configure(monkeypatch)
    [sid] = play([3])
    statements = finished_statements()
    with Journal() as journal:
        data = journal.load_data(sid)
        registration = journal.registration(sid)
    history = data["history"]
    names = [rules_name(s) for s in statements]
    assert names[:2] == ["launched", "initialized"] and names[-2:] == ["completed", "terminated"]
    decisions = statements[2:-2]
    assert len(decisions) == len(history)
    for d, s in zip(history, decisions):
        expected = {"prep": "answered", "meeting": "responded", "timeout": "timeout"}[d["kind"]]
        assert rules_name(s) == expected
        assert s["object"]["id"].endswith("/" + d["node"])
        if d["kind"] != "timeout":
            ext = s["result"]["extensions"]
            assert s["result"]["response"] == d["choice"] == ext[p.CHOICE_ID]
            assert ext[p.VERDICT] in ("best", "good", "inaccuracy", "mistake")
            assert ext[p.OFFERED] == d["offered"] and ext[p.SHOWN_AS] == d["offered"].index(d["choice"]) + 1
            assert set(ext[p.CHOICE_TEXT]) == {"nl", "en"}
    assert {s["context"]["registration"] for s in statements} == {registration}
    done = by_verb(statements, "completed")[0]
    score = done["result"]["score"]
    assert score["raw"] == sum(done["result"]["extensions"][p.TOTALS].values())
    assert score["min"] < score["max"] and -1 <= score["scaled"] <= 1
    assert score["scaled"] == pytest.approx(max(-1, min(1, score["raw"] / score["max"])), abs=1e-4)
    assert done["result"]["extensions"][p.ENDING]["id"] == data["ending"]


def rules_name(statement):
    from simulator.xapi.statements import verb_name
    return verb_name(statement)


def test_the_verdicts_are_the_debriefs(monkeypatch):
    """The statement's judgement is the review the trainee's debrief shows."""
    from simulator.debriefing import session_review
    configure(monkeypatch)
    [sid] = play([11], taste=0.2)
    statements = finished_statements()
    scenario = load_scenario(str(SHORT))
    with Journal() as journal:
        review = session_review(journal.resume(sid, scenario))
    judged = [s for s in statements if rules_name(s) in ("answered", "responded")]
    steps = {s["context"]["extensions"][p.STEP] - 1: s for s in judged}
    for d in review.decisions:
        if d.decision.kind == "timeout":
            continue
        ext = steps[d.index]["result"]["extensions"]
        assert ext[p.VERDICT] == d.verdict
        assert ext[p.MISSED] == (d.missed_reason if d.missed_opportunity else None)
    done = by_verb(statements, "completed")[0]
    assert done["result"]["extensions"][p.BEST_ACHIEVABLE] == review.best_overall
    assert done["result"]["score"]["max"] == review.route_best_overall


@pytest.mark.slow
def test_every_statement_meets_the_schema_and_the_producer_rules(monkeypatch):
    configure(monkeypatch)
    play(range(4), SCENARIOS / "speeltuin.yaml")
    play(range(2))
    statements = finished_statements()
    check = rules.validator()
    now = time.time()
    for s in statements:
        errors = sorted(check.iter_errors(s), key=str)
        assert not errors, (rules_name(s), errors[0].message, list(errors[0].path))
        assert rules.problems(s, now) == [], (rules_name(s), s["id"])
    assert rules.across(statements) == []


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31 - 1), taste=st.floats(0, 1), timeouts=st.floats(0, 1))
def test_any_playthrough_gives_conforming_statements(monkeypatch, tmp_path_factory, seed, taste, timeouts):
    monkeypatch.setenv("TUSSENWERKER_DATA", str(tmp_path_factory.mktemp("data")))
    configure(monkeypatch)
    play([seed], taste=taste, timeouts=timeouts)
    statements = finished_statements()
    check = rules.validator()
    for s in statements:
        assert not list(check.iter_errors(s)) and rules.problems(s, time.time()) == []
    assert rules.across(statements) == []


@pytest.mark.slow
def test_the_statements_of_a_step_are_written_in_the_steps_transaction(monkeypatch):
    """A step the journal didn't take has no statements; the next step brings both."""
    import sqlite3

    from simulator.journal import SaveBehind
    configure(monkeypatch)
    scenario = load_scenario(str(SHORT))
    with Journal() as journal:
        session = Session.start(scenario, seed=5)
        sid = journal.start(session, str(SHORT), "nl")
        assert [r[1] for r in outbox_rows()] == ["launched", "initialized"]
        journal.retry_delays = ()
        other = sqlite3.connect(str(journal.path), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the file
        session.answer(session.prep_options[0].id)
        with pytest.raises(SaveBehind):
            journal.save(sid, session)
        other.execute("ROLLBACK")
        other.close()
        assert [r[1] for r in outbox_rows()] == ["launched", "initialized"]
        assert json.loads(journal.db.execute("SELECT data FROM sessions WHERE id = ?", (sid,)).fetchone()[0])[
            "history"] == []
        session.answer(session.prep_options[0].id)
        journal.save(sid, session)
        rows = outbox_rows()
        assert [r[1] for r in rows] == ["launched", "initialized", "decision:0", "decision:1"]
        assert len(journal.load_data(sid)["history"]) == 2


def test_a_statement_id_is_made_once_and_saving_again_adds_nothing(monkeypatch):
    configure(monkeypatch)
    scenario = load_scenario(str(SHORT))
    with Journal() as journal:
        session = Session.start(scenario, seed=2)
        sid = journal.start(session, str(SHORT), "nl")
        session.answer(session.prep_options[0].id)
        journal.save(sid, session)
        before = outbox_rows()
        journal.save(sid, session)
        journal.save(sid, session)
        assert outbox_rows() == before
        assert all(uuid.UUID(r[2]).version == 4 for r in before)


@pytest.mark.slow
def test_the_actor_is_a_pseudonym_unless_the_trainee_configured_more(monkeypatch):
    from simulator.xapi.config import save_config
    configure(monkeypatch)
    play([1])
    first = finished_statements()[0]["actor"]
    assert set(first) == {"objectType", "account"} and first["account"]["homePage"] == p.PSEUDONYM_HOME
    uuid.UUID(first["account"]["name"])
    play([2])
    assert finished_statements()[-1]["actor"] == first  # the same pseudonym, kept in lrs.json
    save_config({"actor_email": "anna@example.org", "actor_name": "Anna de Vries"})
    play([3])
    actor = finished_statements()[-1]["actor"]
    assert actor == {"objectType": "Agent", "name": "Anna de Vries", "mbox": "mailto:anna@example.org"}


def test_own_words_are_only_sent_after_the_opt_in(monkeypatch):
    from simulator.xapi.config import save_config
    configure(monkeypatch)
    scenario = load_scenario(str(SHORT))

    def one_session():
        with Journal() as journal:
            session = Session.start(scenario, seed=9)
            sid = journal.start(session, str(SHORT), "nl")
            while session.question is not None:
                session.answer(session.prep_options[0].id)
            while not session.choices:
                session.advance()
            session.choose(session.choices[0].id, own_words="Ik zou eerst Ineke bedanken.")
            journal.save(sid, session)
        return [s for s in finished_statements() if s["context"]["registration"] == journal_registration(sid)]

    sent = one_session()
    assert not any(p.OWN_WORDS in s.get("result", {}).get("extensions", {}) for s in sent)
    save_config({"send_own_words": True})
    sent = one_session()
    words = [s["result"]["extensions"][p.OWN_WORDS] for s in sent if p.OWN_WORDS in s.get("result", {}).get(
        "extensions", {})]
    assert words == ["Ik zou eerst Ineke bedanken."]


def journal_registration(sid):
    with Journal() as journal:
        return journal.registration(sid)


@pytest.mark.slow
def test_a_self_rating_is_a_statement_with_the_measurement_beside_it(monkeypatch):
    configure(monkeypatch)
    [sid] = play([4])
    with Journal() as journal:
        journal.set_rating(sid, make_rating({"overall": 4, "step3": 2}, plus="Rustig gebleven", delta="Meer vragen"))
    rated = by_verb(finished_statements(), "rated")
    assert len(rated) == 1
    ext = rated[0]["result"]["extensions"]
    assert ext[p.SELF_RATING] == {"overall": 4, "step3": 2}
    assert set(ext[p.MEASURED]) >= {"overall"} and all(1 <= v <= 5 for v in ext[p.MEASURED].values())
    assert p.PLUS_DELTA not in ext  # the trainee's own sentences: only after the opt-in


@pytest.mark.slow
def test_activity_ids_carry_the_scenario_and_its_version(monkeypatch, write_scenario):
    configure(monkeypatch)
    text = SHORT.read_text(encoding="utf-8")
    first = write_scenario(text, "speeltuin-kort.yaml")
    play([1], first)
    before = finished_statements()
    edited = write_scenario(text.replace("Het Merelveld", "Het Merelveld (herzien)", 1), "speeltuin-kort.yaml")
    play([1], edited)
    after = finished_statements()[len(before):]
    old, new = load_scenario(str(SHORT)).digest, load_scenario(edited).digest
    assert old != new
    assert all(f"/scenarios/speeltuin-kort/{old}/" in s["object"]["id"] or s["object"]["id"].endswith(old)
               for s in before)
    assert all(new in s["object"]["id"] for s in after)
    grouping = {a["id"] for s in before + after for a in s["context"]["contextActivities"]["grouping"]}
    assert grouping == {p.scenario_all("speeltuin-kort")}  # every version, for the cohort report
    assert rules.across(before + after) == []


def test_a_replay_from_a_decision_sends_only_its_own_decisions(monkeypatch):
    from simulator.perspective import start_branch
    configure(monkeypatch)
    [first] = play([6])
    with Journal() as journal:
        started = start_branch(journal, first, 3)
        session = started.session
        while not session.finished:
            if session.choices:
                session.choose(session.choices[0].id)
            elif session.can_continue:
                session.advance()
            journal.save(started.session_id, session)
        parent = journal.registration(first)
        mine = journal.registration(started.session_id)
    statements = [s for s in finished_statements() if s["context"]["registration"] == mine]
    steps = [s["context"]["extensions"][p.STEP] for s in statements if p.STEP in s["context"]["extensions"]]
    assert steps and min(steps) == 4  # decisions 1-3 are the first attempt's
    assert all(s["context"]["extensions"][p.REPLAY_OF] == parent for s in statements)


@pytest.mark.slow
def test_the_option_taken_is_named_under_its_own_question_or_node(monkeypatch):
    configure(monkeypatch)
    play([3], SCENARIOS / "speeltuin.yaml")
    statements = finished_statements()
    answered, responded = by_verb(statements, "answered"), by_verb(statements, "responded")
    assert answered and responded
    for s in answered:
        ext = s["result"]["extensions"]
        assert ext[p.CHOICE] == f"{s['object']['id']}/options/{ext[p.CHOICE_ID]}"
        assert "/preparation/" in s["object"]["id"]
    for s in responded:
        ext = s["result"]["extensions"]
        assert ext[p.CHOICE] == f"{s['object']['id']}/choices/{ext[p.CHOICE_ID]}"
        assert "/nodes/" in s["object"]["id"]
