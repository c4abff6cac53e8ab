"""F5 in the window, headless: an edited scenario comes back at the same point, a broken one
is listed on a sheet while the old version stays playable, and the journal stays whole."""

from __future__ import annotations

import re
import shutil

import pygame
import pytest

from engine import load_scenario
from simulator.journal import Journal
from simulator.window.pilot import Pilot
from tests.conftest import SCENARIOS, opened_windows

OLD_LINE = "Dus jullie komen hier vertellen wat er allemaal níet kan."
NEW_LINE = "Dus u komt hier vooral vertellen wat er allemaal níet kan."


@pytest.fixture
def copy(tmp_path):
    """An author's working copy of the short playground scenario."""
    path = tmp_path / "speeltuin.yaml"
    shutil.copy(SCENARIOS / "speeltuin-kort.yaml", path)
    return path


@pytest.fixture
def window():
    """Windows that save settings and the journal as the real one does (text shown at once)."""
    yield from opened_windows(text_speed="instant")


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def to_briefing(window, path, **kwargs):
    app, pilot = window(**kwargs)
    app.open_scenario(load_scenario(str(path)), str(path))
    pilot.settle()
    assert pilot.scene == "briefing"
    return app, pilot


def to_first_reply(window, path, **kwargs):
    """Three preparation answers and the first choice: Ineke is disappointed (4 decisions)."""
    app, pilot = to_briefing(window, path, **kwargs)
    pilot.press("return")
    for key in "212":
        pilot.settle()
        pilot.pick_written(int(key))
    pilot.settle()
    pilot.press("return")  # past the narrator's opening
    pilot.settle()
    pilot.pick_written(1)  # "Laat ik eerst even de kaders schetsen"
    pilot.settle()
    assert pilot.scene == "meeting" and app.top.session.state.position == "ineke_teleurgesteld"
    return app, pilot


def decide(pilot) -> None:
    """On to the next decision and take its first choice."""
    while pilot.app.top.session.can_continue:
        pilot.press("return")
        pilot.settle()
    pilot.pick_written(1)
    pilot.settle()


def reload(pilot) -> None:
    pilot.press("f5")
    pilot.settle()


def speech(app) -> str:
    box = app.top.line.box
    return box.html_text if box is not None else ""


def decisions(session) -> list[tuple[str, str]]:
    return [(d.node_id, d.choice_id) for d in session.history]


@pytest.mark.slow
def test_an_edited_line_is_shown_at_the_same_point_and_stays_the_same_journal_row(window, copy):
    app, pilot = to_first_reply(window, copy)
    before = app.top.play
    assert OLD_LINE in speech(app)
    edit(copy, OLD_LINE, NEW_LINE)
    reload(pilot)
    assert pilot.scene == "meeting"
    play = app.top.play
    assert NEW_LINE in speech(app) and OLD_LINE not in " ".join(pilot.texts())
    assert decisions(play.session) == decisions(before.session) and len(play.session.history) == 4
    assert play.session.state.position == "ineke_teleurgesteld"
    assert pilot.has_text("Scenario opnieuw geladen — 4 stappen opnieuw gespeeld")
    # the same playthrough on a corrected text: one row, now on the new version
    assert play.session_id == before.session_id
    journal = Journal()
    data = journal.load_data(play.session_id)
    assert data["digest"] == load_scenario(str(copy)).digest != before.scenario.digest
    assert len(data["history"]) == 4 and len(journal.sessions()) == 1
    journal.close()
    decide(pilot)  # and the meeting goes on from there, saved
    assert len(app.top.session.history) == 5
    assert Journal().get(play.session_id).steps == 5


@pytest.mark.slow
def test_the_toast_goes_by_itself(window, copy):
    app, pilot = to_first_reply(window, copy)
    reload(pilot)
    assert pilot.has_text("stappen opnieuw gespeeld")
    pilot.step(int(10 / pilot.dt))
    assert not pilot.has_text("stappen opnieuw gespeeld")


@pytest.mark.slow
def test_broken_yaml_lists_the_problem_and_esc_keeps_the_old_version_playable(window, copy):
    app, pilot = to_first_reply(window, copy)
    old = app.top.play
    edit(copy, "  ineke_teleurgesteld:\n", "  ineke_teleurgesteld: [\n")
    reload(pilot)
    assert pilot.scene == "reload_problems"
    shown = "\n".join(pilot.texts())
    found = re.search(r"^speeltuin\.yaml:(\d+):(\d+): invalid YAML", shown, re.MULTILINE)
    assert found and int(found.group(1)) >= 241, shown  # where the parser gave up, at or after the edit
    assert pilot.has_text("Esc")
    pilot.press("escape")
    pilot.settle()
    assert pilot.scene == "meeting" and app.top.play is old
    decide(pilot)
    assert len(app.top.session.history) == 5  # the old version plays on
    edit(copy, "  ineke_teleurgesteld: [\n", "  ineke_teleurgesteld:\n")
    reload(pilot)  # fixed: F5 again takes the new file
    assert pilot.scene == "meeting" and app.top.play is not old
    assert len(app.top.session.history) == 5


@pytest.mark.slow
def test_f5_on_the_problem_sheet_tries_again(window, copy):
    app, pilot = to_first_reply(window, copy)
    edit(copy, "start: opening", "start: nergens")
    edit(copy, "next: ineke_vertelt", "next: ineke_elders")
    reload(pilot)
    assert pilot.scene == "reload_problems"
    shown = "\n".join(pilot.texts())
    assert "nergens" in shown and "ineke_elders" in shown  # every problem, not just the first
    reload(pilot)  # still broken: the sheet again, only once
    assert pilot.scene == "reload_problems" and sum(s.name == "reload_problems" for s in app.stack) == 1
    edit(copy, "start: nergens", "start: opening")
    edit(copy, "next: ineke_elders", "next: ineke_vertelt")
    reload(pilot)
    assert pilot.scene == "meeting" and NEW_LINE not in speech(app) and OLD_LINE in speech(app)


@pytest.mark.slow
def test_many_problems_scroll_on_the_sheet(window, copy):
    app, pilot = to_first_reply(window, copy)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("    next: ", "    next: gone_"), encoding="utf-8")
    reload(pilot)
    sheet = app.top
    assert sheet.name == "reload_problems" and len(sheet.problems) > 10
    bar = sheet.list_box.scroll_bar
    assert bar is not None and bar.start_percentage == 0
    pilot.press("pagedown")
    assert bar.start_percentage > 0


@pytest.mark.slow
def test_a_missing_file_says_so_in_one_line(window, copy):
    app, pilot = to_first_reply(window, copy)
    copy.unlink()
    reload(pilot)
    assert pilot.scene == "reload_problems" and app.top.problems == ["speeltuin.yaml:1:1: file not found"]
    pilot.press("escape")
    pilot.settle()
    assert pilot.scene == "meeting"


@pytest.mark.slow
def test_a_removed_choice_stops_replay_there_and_keeps_the_old_row(window, copy):
    app, pilot = to_first_reply(window, copy)
    old = app.top.play
    edit(copy, "- id: regels_uitleggen", "- id: kaders_schetsen")
    reload(pilot)
    play = app.top.play
    assert pilot.scene == "meeting" and play.session.state.position == "ineke_plan"
    assert len(play.session.history) == 3 and play.session.choices  # back at the decision, choices on offer
    toast = next(t for t in pilot.texts() if "Opnieuw geladen" in t)
    assert "3 van 4" in toast and "Stap 4" in toast and "Laat ik eerst even de kaders schetsen" in toast
    decide(pilot)  # the renamed choice, played anew
    assert decisions(play.session)[-1] == ("ineke_plan", "kaders_schetsen")
    # The old row keeps all four decisions; the reloaded go is a new row that plays it again.
    app.close()
    journal = Journal()
    first, again = journal.get(old.session_id), journal.get(play.session_id)
    assert first.steps == 4 and len(journal.load_data(first.id)["history"]) == 4
    assert again.parent_id == first.id and again.steps == 4 and not again.is_branch
    resumed = journal.resume(again.id, load_scenario(str(copy)))
    assert decisions(resumed)[-1] == ("ineke_plan", "kaders_schetsen")
    journal.close()


@pytest.mark.slow
def test_briefing_and_the_briefing_looked_up_from_the_preparation_show_the_new_text(window, copy):
    app, pilot = to_briefing(window, copy)
    edit(copy, "Dinsdagavond, half acht.", "Dinsdagavond, acht uur.")
    edit(copy, "Een speelplek die veilig", "Een speelruimte die veilig")
    reload(pilot)
    assert pilot.scene == "briefing" and pilot.has_text("Een speelruimte die veilig")
    assert pilot.has_text("Scenario opnieuw geladen")
    pilot.press("return")
    pilot.settle()
    pilot.press("2")
    pilot.settle()
    assert pilot.scene == "preparation"
    app.top._briefing()  # the "view briefing" button
    pilot.settle()
    edit(copy, "Een speelruimte die veilig", "Een speelplaats die veilig")
    reload(pilot)
    assert pilot.scene == "briefing" and app.top.readonly and pilot.has_text("Een speelplaats die veilig")
    pilot.press("escape")
    pilot.settle()
    assert pilot.scene == "preparation" and len(app.top.play.session.history) == 1
    assert app.top.play.scenario.digest == load_scenario(str(copy)).digest


def play_to_ending(pilot) -> None:
    for _ in range(200):
        pilot.settle()
        if pilot.scene == "ending":
            return
        scene = pilot.app.top
        pilot.press("return" if scene.session.can_continue else "1")
    raise AssertionError("no ending")


@pytest.mark.slow
def test_ending_and_debrief_reload_on_the_new_scenario(window, copy):
    app, pilot = to_first_reply(window, copy)
    play_to_ending(pilot)
    ending = app.top.play.session.ending
    old_text = ending.text.get("nl")[:40]
    edit(copy, old_text, "NIEUW " + old_text)
    pilot.step(40)  # past the ending's guard against keys held down
    reload(pilot)
    assert pilot.scene == "ending" and pilot.has_text("NIEUW " + old_text)
    pilot.step(40)
    pilot.press("return")
    pilot.settle()
    assert pilot.scene == "debrief"
    edit(copy, "NIEUW " + old_text, old_text)
    reload(pilot)
    play = app.top.play
    assert pilot.scene == "debrief" and play.scenario.digest == load_scenario(str(copy)).digest
    assert play.review_job.scenario.digest == play.scenario.digest  # the review explores the new version
    assert play.review().decisions


@pytest.mark.slow
def test_language_and_text_size_still_work_after_a_reload(window, copy):
    app, pilot = to_first_reply(window, copy)
    edit(copy, "Daar hadden we ook een brief voor kunnen krijgen.\"", "Daar had een brief ook volstaan.\"")
    edit(copy, "We could have had a letter for that.\"", "A letter would have done.\"")
    reload(pilot)
    app.apply_settings(app.settings.with_(language="en"))
    pilot.settle()
    assert pilot.scene == "meeting" and "A letter would have done." in speech(app)
    app.apply_settings(app.settings.with_(text_size="large", language="nl"))
    pilot.settle()
    assert "Daar had een brief ook volstaan." in speech(app)
    reload(pilot)  # and F5 again, in the new settings
    assert pilot.has_text("Scenario opnieuw geladen")


@pytest.mark.slow
def test_f5_where_there_is_nothing_to_reload_says_where_it_works(window):
    app, pilot = window()
    assert pilot.scene == "start"
    reload(pilot)
    assert pilot.scene == "start" and pilot.has_text("F5 laadt het scenario opnieuw")


@pytest.mark.slow
def test_f5_waits_while_the_menu_is_open(window, copy):
    app, pilot = to_first_reply(window, copy)
    pilot.press("escape")
    assert pilot.scene == "menu"
    reload(pilot)
    assert pilot.scene == "menu" and not pilot.has_text("opnieuw geladen")


# -- why replay stopped, in the trainee's language (no window needed) ------------------------
@pytest.mark.parametrize("old, new, expected", [
    ("      - id: pauze\n", "      - id: time_out\n",
     "2 van 3 stappen opnieuw gespeeld. Stap 3: de keuze ‘Even pauze.’ na ‘En de overlast?’ bestaat niet meer"),
    ("        balcony: true\n", "        balcony: true\n        when: \"flag.kaders_genoemd\"\n",
     "Stap 3: de keuze ‘Even pauze.’ na ‘En de overlast?’ wordt nu niet aangeboden"),
    ("        text: {nl: Vertel eens., en: Tell me.}\n        next: midden\n",
     "        text: {nl: Vertel eens., en: Tell me.}\n        next: afsluiting\n",
     "Stap 3: het gesprek komt nu bij ‘En nu?’ in plaats van bij ‘En de overlast?’"),
    ("        - id: veilig\n", "        - id: veilig_spelen\n",
     "0 van 3 stappen opnieuw gespeeld. Stap 1: het antwoord ‘Veilig spelen’ op ‘Wat is het belang?’ bestaat niet "
     "meer"),
])
def test_the_toast_says_in_words_why_replay_stopped(old, new, expected):
    from engine.scenario.loader import load_scenario_text
    from simulator.window.hotreload import message, replay_play
    from simulator.window.play import Play
    from tests.crafted import MINIMAL
    from tests.test_replay import played
    session = played()
    go = Play(session.scenario, "mini.yaml", "nl", None, session=session)
    assert old in MINIMAL
    reloaded, outcome = replay_play(go, load_scenario_text(MINIMAL.replace(old, new, 1)), "nl")
    assert expected in message(outcome, "nl")
    assert outcome.replayed == len(reloaded.session.history) < outcome.total == 3


@pytest.mark.slow
def test_a_time_out_replays_and_a_time_out_no_longer_possible_stops_replay_there(window, copy):
    app, pilot = to_first_reply(window, copy)
    while app.top.session.can_continue:
        pilot.press("return")
        pilot.settle()
    assert app.top.session.node.id == "bert_valt_aan" and app.top.session.timeout_available
    pilot.press("b")  # the balcony, then back to the same decision
    pilot.press("escape")
    pilot.settle()
    shown = [o.id for o in app.top.panel.options]
    reload(pilot)  # the same text: the time-out is made again, the options in the order seen
    assert [d.kind for d in app.top.session.history][-1] == "timeout" and pilot.scene == "meeting"
    assert [o.id for o in app.top.panel.options] == shown
    edit(copy, "    provocation: true\n", "")  # Bert's jab no longer provokes...
    edit(copy, "start: opening\n", "timeout: {limit: 0}\nstart: opening\n")  # ...and no pause is allowed
    reload(pilot)
    toast = " ".join(t for t in pilot.texts() if "opnieuw gespeeld" in t)
    assert "Stap 5: bij ‘Mag ik ook even?" in toast and "kan geen time-out meer genomen worden" in toast
    assert app.top.session.node.id == "bert_valt_aan" and not app.top.session.timeout_available


@pytest.mark.slow
def test_the_coach_card_about_the_last_choice_stays_after_a_reload(window, copy):
    app, pilot = to_first_reply(window, copy, coach=True)
    card = [t for t in pilot.texts() if t.startswith("Coach:")]
    assert card, "coach mode shows a card after the first choice"
    edit(copy, OLD_LINE, NEW_LINE)
    pilot.press("f5")
    pilot.settle()
    assert pilot.has_text(NEW_LINE)
    assert [t for t in pilot.texts() if t.startswith("Coach:")] == card


# -- the residents' mood arrows of the last choice -------------------------------------------

FIRST_EFFECT = "next: ineke_teleurgesteld\n        effects:\n          ineke: {trust: -1, anger: 1}"


def resident_cards(app) -> dict[str, bytes]:
    """The pixels of each resident's name plate as the window shows it (meters, arrows), once still."""
    Pilot(app).settle()
    return {s.rid: pygame.image.tobytes(app.screen.subsurface(pygame.Rect(s.plate.as_tuple())), "RGBA")
            for s in app.top.residents.plan.spots}


@pytest.mark.slow
def test_the_mood_arrows_of_the_last_choice_stay_after_a_reload(window, copy):
    app, pilot = to_first_reply(window, copy)
    assert app.top.residents.mood_delta["ineke"] == {"trust": -1, "anger": 1}  # arrows beside Ineke's meters
    cards = resident_cards(app)
    edit(copy, OLD_LINE, NEW_LINE)
    reload(pilot)
    assert pilot.has_text(NEW_LINE)
    assert resident_cards(app) == cards
    reload(pilot)  # and again: the rebuilt meeting keeps them too
    assert resident_cards(app) == cards


@pytest.mark.slow
def test_an_edited_effect_shows_its_new_arrows_after_a_reload(window, copy):
    app, pilot = to_first_reply(window, copy)
    cards = resident_cards(app)
    edit(copy, FIRST_EFFECT, FIRST_EFFECT.replace("trust: -1", "trust: 1"))
    reload(pilot)
    assert app.top.residents.mood_delta["ineke"] == {"trust": 1, "anger": 1}
    assert resident_cards(app)["ineke"] != cards["ineke"]


@pytest.mark.slow
def test_no_arrows_when_the_last_choice_was_not_made_again(window, copy):
    app, pilot = to_first_reply(window, copy)
    edit(copy, "- id: regels_uitleggen", "- id: kaders_schetsen")
    reload(pilot)  # back at the decision: nothing has moved yet
    assert len(app.top.session.history) == 3
    assert not any(app.top.residents.mood_delta.values())
