"""Mijn sessies and Mijn voortgang in the window, and the debrief's own controls: past sessions open
their debriefs, progress shows each dimension over the attempts and what to practise next."""

from __future__ import annotations

import random
import time

import pytest

from engine import Session, load_scenario
from simulator.journal import Journal
from simulator.window.pilot import play_to_debrief
from tests.conftest import SCENARIOS

KORT = SCENARIOS / "speeltuin-kort.yaml"


def journaled(seed: int, decisions: int = 10 ** 6) -> int:
    """A session of speeltuin-kort played by a seeded bot (up to ``decisions``), in the journal as the
    window would have saved it; returns its id. Quicker than playing it through the window."""
    rnd = random.Random(seed)
    session = Session.start(load_scenario(str(KORT)))
    taken = 0
    while not session.finished and taken < decisions:
        if session.in_preparation:
            session.answer(rnd.choice(session.question.options).id)
            taken += 1
        elif session.can_continue:
            session.advance()
        else:
            session.choose(rnd.choice(session.choices).id)
            taken += 1
    session.state.started_at = time.time() - 100 + seed  # in the order they were played
    with Journal() as journal:
        return journal.start(session, str(KORT), "nl")


@pytest.mark.slow
def test_past_sessions_open_their_debrief_and_come_back_to_the_list(window):
    journaled(1)
    journaled(2)
    app, pilot = window()
    pilot.click(app.top.tr("ms_button"))
    assert pilot.scene == "sessions"
    records = Journal().sessions()
    assert len(app.top.focus.items) == len(records) + 2  # a card per session, "Privacy" and "back"
    pilot.press("return")  # the newest
    pilot.wait_for_review()
    assert app.top.page == "overview"  # seen before: no second estimate
    assert app.top.play.session_id == records[0].id
    pilot.click(app.top.tr("back"))
    assert pilot.scene == "sessions"
    pilot.press("escape")
    assert pilot.scene == "start"


@pytest.mark.slow
def test_an_unfinished_session_is_continued_from_the_list_and_counts_its_decisions_right(window):
    journaled(5, decisions=1)
    app, pilot = window()
    assert pilot.has_text(app.top.tr("continue_detail_1", title="", when="", n=1).split("·")[-1].strip())
    assert not any("1 beslissingen" in t for t in pilot.texts())
    pilot.click(app.top.tr("ms_button"))
    assert pilot.has_text(app.top.tr("ms_decisions_1")) and pilot.has_text(app.top.tr("ms_unfinished"))
    pilot.press("return")
    pilot.settle()
    assert pilot.scene == "preparation" and len(app.top.play.session.history) == 1


@pytest.mark.slow
def test_progress_shows_the_dimensions_over_the_attempts_and_replays_what_to_practise(window):
    app, pilot = window()
    pilot.click(app.top.tr("mp_button"))
    assert pilot.has_text(app.top.tr("mp_none"))
    pilot.press("escape")
    journaled(3)
    journaled(4)
    pilot.click(app.top.tr("mp_button"))
    pilot.wait_until(lambda: app.top.worked_out)
    pilot.settle()
    scene = app.top
    assert pilot.has_text(scene.tr("mp_attempts_n", n=2)) and pilot.has_text(scene.tr("overall"))
    advice = scene.advice
    assert advice is not None and advice.scenario_id == "speeltuin-kort"
    assert pilot.has_text(scene.tr("mp_next"))
    if advice.decision is None:
        return
    latest = Journal().sessions("speeltuin-kort")[0]
    assert advice.session_id == latest.id
    pilot.click(scene.tr("mp_practise"))
    pilot.settle()
    assert pilot.scene in ("meeting", "preparation")
    replay = app.top.play
    assert replay.branch_index == advice.decision and len(replay.session.history) == advice.decision
    assert Journal().get(replay.session_id).parent_id == latest.id


@pytest.mark.slow
def test_the_debrief_has_no_dead_buttons_and_a_replay_asks_no_second_estimate(window):
    journaled(6)
    app, pilot = window()
    pilot.click(app.top.tr("ms_button"))
    pilot.press("return")
    pilot.wait_for_review()
    assert not pilot.has_text(app.top.tr("previous")) and pilot.has_text(app.top.tr("next"))
    while app.top.page != "reflection":
        pilot.press("right")
    assert pilot.has_text(app.top.tr("previous")) and not pilot.has_text(app.top.tr("next"))
    pilot.press("left")
    while app.top.page == "decision" and app.top.review.decisions[app.top.index].is_prep:
        pilot.press("left")
    pilot.press("r")  # replay from this one decision
    pilot.settle()
    assert app.top.play.is_replay
    while pilot.scene != "debrief":
        play_to_debrief(pilot)
    assert app.top.page == "overview"  # straight to the figures and both paths: no estimate again
