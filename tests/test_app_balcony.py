"""The window's side of scoring a trainee can't game (issue 14): the time-out, own words first,
and a debrief that says where an option was shown, one 1-5 figure per dimension, and nothing
to work on after a flawless run."""

from __future__ import annotations

import re

import pytest

from engine.play.scoring import totals
from simulator.debrief_words import scale_number
from simulator.i18n import tr
from simulator.journal import Journal
from simulator.window.pilot import _inside, play_to_debrief, render_model

PREP = ("veilig_spelen", "buurtfonds", "ontwerpavond")  # the flawless plan's preparation


def sheet_texts(app) -> str:
    """Everything the sheet on top shows (not the meeting dimmed underneath)."""
    top = app.top
    shown = [i["text"] for i in render_model(app) if i["element"] is not None and i.get("text")
             and _inside(i["element"], top.root)]
    return " ".join(shown + [t for t, _, _ in top.drawn_texts])


def to_meeting(pilot) -> None:
    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    pilot.press("return")
    for option in PREP:
        pilot.settle()
        pilot.pick(option)
        pilot.settle()
    assert pilot.scene == "meeting"


def to_decision(pilot) -> None:
    scene = pilot.app.top
    while scene.session.can_continue:
        pilot.press("return")
        pilot.settle()
    assert scene.deciding


def decide(pilot, choice: str, words: str = "") -> None:
    """At a decision: in own-words mode type the words and show the options first; then the choice."""
    to_decision(pilot)
    scene = pilot.app.top
    if scene.asking:
        pilot.type_text(words)
        pilot.press("return")
        pilot.settle()
    pilot.pick(choice)
    pilot.settle()


def test_a_time_out_at_a_provocation_scores_step_2_and_returns_to_the_same_decision(window):
    app, pilot = window()
    to_meeting(pilot)
    decide(pilot, "vooraf_kader")
    to_decision(pilot)
    scene = app.top
    node = scene.session.node.id
    assert scene.session.timeout_scores and pilot.has_text(tr("balcony_button", "nl"))
    shown_before = [o.id for o in scene.panel.options]
    step2 = totals(scene.play.scenario, scene.session.history)["step2"]
    pilot.press("b")
    assert pilot.scene == "balcony"
    assert scene.session.history[-1].kind == "timeout" and scene.session.node.id == node
    assert totals(scene.play.scenario, scene.session.history)["step2"] == step2 + 1  # Ury's step 2
    card = sheet_texts(app)
    assert tr("balcony_scores", "nl")[:40] in card and tr("balcony_costs", "nl")[:30] not in card
    s = scene.play.scenario
    assert s.setting.room_to_move[0].get("nl")[:40] in card and s.setting.goals[0].get("nl")[:40] in card
    assert s.preparation.questions[0].option(PREP[0]).text.get("nl")[:40] in card  # what the preparation found
    assert scene.session.line.text.get("nl")[:40] in card  # what the residents show: the last lines
    for r in s.residents:
        assert r.name in card
    for choice in scene.session.choices:  # never which option is best
        assert choice.text.get("nl")[:40] not in card
    pilot.press("escape")
    pilot.settle()
    assert pilot.scene == "meeting" and scene.session.node.id == node and scene.deciding
    assert [o.id for o in scene.panel.options] == shown_before  # the same decision, in the order seen
    assert not scene.session.timeout_available and not pilot.has_text(tr("balcony_button", "nl"))
    pilot.press("b")  # one time-out per decision: B means nothing now
    assert pilot.scene == "meeting"
    pilot.pick("balkon")
    pilot.settle()
    assert scene.session.history[-1].choice_id == "balkon"
    with Journal() as journal:  # the time-out was saved like any move
        saved = journal.load_data(scene.play.session_id)
    assert [d["kind"] for d in saved["history"]].count("timeout") == 1
    log = " ".join(scene._log_parts())
    assert tr("log_timeout", "nl") in log


@pytest.mark.slow
def test_a_time_out_elsewhere_says_it_costs_patience(window):
    app, pilot = window()
    to_meeting(pilot)
    to_decision(pilot)
    scene = app.top
    assert scene.session.timeout_available and not scene.session.timeout_scores
    pilot.click(tr("balcony_button", "nl"))
    assert pilot.scene == "balcony" and tr("balcony_costs", "nl")[:40] in sheet_texts(app)
    pilot.click(tr("balcony_back", "nl") + " (Esc)")
    assert pilot.scene == "meeting" and scene.deciding


@pytest.mark.slow
def test_own_words_first_the_field_keeps_keys_as_text_and_the_words_go_with_the_choice(window):
    app, pilot = window(own_words=True)
    to_meeting(pilot)
    to_decision(pilot)
    scene = app.top
    assert scene.asking and scene.words.typing and not scene.panel.options
    assert pilot.has_text(tr("ow_prompt", "nl"))
    pilot.press("return")  # nothing typed: Enter doesn't skip the step
    assert scene.asking
    decided = len(scene.session.history)
    pilot.type_text("Eerst 1 2 luisteren, b m")  # digits, Space and letters are text, never a choice or a key
    assert scene.words.entry.get_text() == "Eerst 1 2 luisteren, b m"
    assert len(scene.session.history) == decided and pilot.scene == "meeting"
    pilot.resize(800, 600)  # a rebuild keeps what was typed
    scene = app.top
    assert scene.words.entry.get_text() == "Eerst 1 2 luisteren, b m" and scene.words.typing
    pilot.press("return")
    pilot.settle()
    assert not scene.asking and len(scene.panel.options) == 5
    assert pilot.has_text("Eerst 1 2 luisteren, b m")  # quoted above the options
    pilot.press("1")  # the options arm afresh: nothing was chosen by the Enter that showed them
    pilot.settle()
    made = scene.session.history[-1]
    assert made.kind == "meeting" and made.own_words == "Eerst 1 2 luisteren, b m"
    with Journal() as journal:
        saved = journal.load_data(scene.play.session_id)
    assert saved["history"][-1]["own_words"] == "Eerst 1 2 luisteren, b m"


@pytest.mark.slow
def test_own_words_wait_through_a_time_out(window):
    app, pilot = window(own_words=True)
    to_meeting(pilot)
    decide(pilot, "vooraf_kader", "Welkom")
    to_decision(pilot)
    scene = app.top
    pilot.type_text("Ik schrijf het op")
    pilot.press("escape")  # out of the field: B is the balcony again
    assert not scene.words.typing
    pilot.press("b")
    assert pilot.scene == "balcony"
    pilot.press("b")  # B closes the card too; its letter isn't typed into the field that opens again
    pilot.settle()
    assert scene.asking and scene.words.typing and scene.words.entry.get_text() == "Ik schrijf het op"
    pilot.type_text(" en vat samen")  # typing goes on after what is there
    pilot.click(tr("ow_show", "nl"))
    pilot.settle()
    pilot.pick("balkon")
    pilot.settle()
    assert [(d.kind, d.own_words) for d in scene.session.history[-2:]] == [
        ("timeout", None), ("meeting", "Ik schrijf het op en vat samen")]


@pytest.mark.slow
def test_the_flawless_run_in_own_words_debriefs_on_one_scale_with_nothing_to_work_on(window):
    app, pilot = window(size=(1280, 720), own_words=True)
    to_meeting(pilot)
    decide(pilot, "vooraf_kader", "Ik luister naar allebei")
    to_decision(pilot)
    pilot.press("escape")
    pilot.press("b")
    pilot.press("escape")
    pilot.settle()
    for choice, words in (("balkon", "Ik schrijf het op"), ("herkaderen", "Waar gaat het om?"),
                          ("gouden_brug", "Een voorstel voor allebei")):
        decide(pilot, choice, words)
    play_to_debrief(pilot)
    debrief = app.top
    pilot.click(tr("skip", "nl"))
    pilot.wait_for_review()
    assert debrief.page == "overview"
    review = debrief.review
    assert review.overall == review.best_overall and not review.weakest and not review.tips
    assert pilot.has_text(tr("nothing_to_work_on", "nl")[:40])
    texts = pilot.texts()
    for key in ("step1", "step2", "step3", "e2"):
        dim = review.dimension(key)
        assert scale_number(dim.scale, "nl") in texts  # each dimension's figure: its place on the scale
    assert not any(re.fullmatch(r"-?\d+ (van|of) -?\d+", t) for t in texts)  # no raw "x van y"
    pilot.press("right")  # the decisions
    while debrief.page == "decision":
        d = review.decisions[debrief.index]
        if d.is_timeout:
            assert pilot.has_text(tr("verdict_timeout", "nl"))
        elif not d.is_prep:
            assert pilot.has_text(tr("shown_as", "nl", n=d.decision.shown_as, total=len(d.decision.offered)))
            assert pilot.has_text(d.decision.own_words)
        pilot.press("right")
    assert debrief.page == "reflection" and pilot.has_text(tr("no_tips", "nl")[:40])


@pytest.mark.slow
def test_a_provocation_answered_without_a_time_out_is_explained_on_its_page(window):
    app, pilot = window()
    to_meeting(pilot)
    decide(pilot, "vooraf_kader")
    decide(pilot, "balkon")
    play_to_debrief(pilot)
    debrief = app.top
    pilot.click(tr("skip", "nl"))
    pilot.wait_for_review()
    review = debrief.review
    index = next(i for i, d in enumerate(review.decisions) if d.decision.choice_id == "balkon")
    # An option that pauses in words is no missed time-out, yet the time-out's own points are explained.
    assert not review.decisions[index].missed_opportunity and review.decisions[index].skipped_timeout
    debrief.go("decision", index)
    pilot.settle()
    assert pilot.has_text(tr("missed_provocation", "nl")[:50])
