"""The meeting's stage: the room a scenario names, residents whose faces show the line's emotion and
react to a choice, the speaker brought forward, every room drawn whole at every window size, and
the one switch that stills it all."""

from __future__ import annotations

import json
import logging
import re

import pygame
import pytest

from engine import load_scenario_text
from simulator import resources
from simulator.window.components.residents import REACTION_S
from simulator.window.expressions import mood_emotion
from simulator.window.pilot import open_app
from simulator.window.stages import PLAIN, load_stage, render_layer, stage_folders, stage_kind
from tests.crafted import MINIMAL

KINDS = ("kitchen", "hall", "council", "phone", "online")

# MINIMAL with Bert's line written as sceptical, set in a room of the test's choosing.
STAGED = MINIMAL.replace('    text: {nl: "En de overlast?", en: "And the nuisance?"}\n',
                         '    text: {nl: "En de overlast?", en: "And the nuisance?"}\n    emotion: sceptical\n')
assert STAGED != MINIMAL


def staged(kind: str = "kitchen", meeting: str = "Overleg") -> str:
    stage = f"  stage: {kind}\n" if kind else ""
    return STAGED.replace("  meeting: {nl: Overleg, en: Meeting}\n",
                          f"  meeting: {{nl: {json.dumps(meeting)}, en: Meeting}}\n" + stage)


@pytest.fixture
def scenario_folder(tmp_path, monkeypatch):
    folder = tmp_path / "scen"
    folder.mkdir()
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(folder))
    return folder


def to_meeting(pilot) -> None:
    pilot.press("return")
    pilot.settle()
    pilot.press("return")
    pilot.settle()
    pilot.pick("veilig")
    pilot.settle()
    assert pilot.scene == "meeting"


# -- which room ------------------------------------------------------------------------------
@pytest.mark.parametrize("meeting, kind", [("Telefoongesprek met de buurt", "phone"),
                                           ("Inspreken in de raadscommissie", "council"),
                                           ("Online overleg via Teams", "online"),
                                           ("Aan de keukentafel, thuis bij Ineke", "kitchen"),
                                           ("Overleg", "hall")])
def test_a_meeting_without_a_stage_gets_the_room_its_name_suggests(meeting, kind):
    assert stage_kind(load_scenario_text(staged(None, meeting))) == kind


def test_a_written_stage_wins_over_the_name():
    assert stage_kind(load_scenario_text(staged("online", "Telefoongesprek"))) == "online"


def test_a_stage_beside_the_scenario_replaces_the_shipped_one_and_a_broken_one_draws_a_plain_room(tmp_path, caplog):
    own = tmp_path / "stages"
    own.mkdir()
    (own / "kitchen.json").write_text(json.dumps({"layout": "tiles", "wall": "#102030"}), encoding="utf-8")
    (own / "hall.json").write_text("{not json", encoding="utf-8")
    folders = stage_folders(str(tmp_path / "mine.yaml"))
    art = load_stage("kitchen", folders)
    assert art.layout == "tiles" and art.wall == (16, 32, 48) and art.source == str(own / "kitchen.json")
    with caplog.at_level(logging.WARNING):
        assert load_stage("hall", folders) is PLAIN
    assert any("hall.json" in r.getMessage() and "plain room" in r.getMessage() for r in caplog.records)
    assert load_stage("council", folders).source.endswith("council.json")  # the shipped one


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_room_reads_and_every_shape_in_it_draws(kind, caplog):
    pygame.init()
    art = load_stage(kind, [resources.assets() / "stages"])
    assert art is not PLAIN and art.kind == kind
    with caplog.at_level(logging.WARNING, logger="simulator.window.stages"):
        back = render_layer(art.back, (640, 300), art.wall, {"meeting": "Bewonersavond"},
                            lambda px, bold: pygame.font.Font(None, px), kind)
        front = render_layer(art.front + art.place, (640, 80), None, {}, None, kind)
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    # A drawn room, not an empty wall (the online room is mostly the call's dark window and its bar).
    colours = {back.get_at((x, y))[:3] for x in range(0, 640, 16) for y in range(0, 300, 16)}
    assert len(colours) > 3
    assert front.get_at((320, 79))[3] > 0  # the front layer reaches the room's bottom


def test_validate_warns_about_an_emotion_no_face_can_show():
    from engine.scenario.lint import lint_scenario
    text = staged("kitchen").replace("    speaker: narrator\n    text: {nl: Het wordt stil., en: It goes quiet.}\n",
                                     "    speaker: narrator\n    emotion: worried\n"
                                     "    text: {nl: Het wordt stil., en: It goes quiet.}\n")
    assert "emotion: worried" in text
    warnings = [p.message for p in lint_scenario(load_scenario_text(text, "mini.yaml"), text)]
    assert any("'slot'" in w and "narrator" in w and "no face" in w for w in warnings), warnings
    assert not [w for w in warnings if "emotion" in w and "'midden'" in w]  # Bert's sceptical line shows on him


# -- the faces -------------------------------------------------------------------------------
@pytest.mark.slow
def test_the_speaker_shows_the_written_emotion_comes_forward_and_the_room_reacts_then_rests(scenario_folder):
    (scenario_folder / "mini.yaml").write_text(staged("kitchen"), encoding="utf-8")
    app, pilot = open_app(persist=False, text_speed="instant")
    try:
        to_meeting(pilot)
        scene = app.top
        row = scene.residents
        assert row.art.kind == "kitchen" and row.speaker == "ineke"
        assert row.faces["ineke"].forward == 1.0 and row.faces["bert"].forward == 0.0
        pilot.pick("luisteren")  # Ineke's trust +2, Bert's anger -1; then Bert speaks, written sceptical
        pilot.wait_until(lambda: scene.pending is None)
        pilot.step()
        ineke, bert = row.faces["ineke"], row.faces["bert"]
        assert ineke.reaction == "pleased" and ineke.shown == "pleased"  # a beat of how the choice landed
        assert [f[:2] for f in ineke.floats] == [["trust", 2]] and ineke.beat < 1
        assert bert.shown == "sceptical"  # his line says so, whatever his mood
        assert row.speaker == "bert" and 0 < bert.forward < 1  # coming forward
        pilot.step(int(REACTION_S * 30) + 10)
        assert ineke.shown == mood_emotion(scene.session.mood["ineke"], scene.play.scenario.mood_variables)
        assert bert.forward == 1.0 and ineke.forward == 0.0 and not ineke.floats
        pilot.settle()
        assert not app.animating()
    finally:
        app.close()


@pytest.mark.slow
def test_less_motion_changes_faces_places_and_meters_at_once(scenario_folder):
    (scenario_folder / "mini.yaml").write_text(staged("hall"), encoding="utf-8")
    app, pilot = open_app(persist=False, text_speed="instant")
    try:
        to_meeting(pilot)
        scene = app.top
        row = scene.residents
        assert row.animate  # on unless the trainee asks for less motion
        app.apply_settings(app.settings.with_(reduce_motion=True))  # the settings' "less motion"
        pilot.settle()
        assert not row.animate
        pilot.pick("luisteren")
        pilot.wait_until(lambda: scene.pending is None)
        pilot.step()
        mood = scene.session.mood
        assert row.display_mood == {rid: {k: float(v) for k, v in m.items()} for rid, m in mood.items()}
        for rid, face in row.faces.items():
            assert face.fade == 1.0 and face.beat == 1.0 and not face.floats
            assert face.forward == (1.0 if rid == "bert" else 0.0)
        assert row.mood_delta == {"ineke": {"trust": 2}, "bert": {"anger": -1}}  # the arrows still say it
    finally:
        app.close()


@pytest.mark.slow
def test_while_only_the_residents_move_the_window_redraws_just_their_room_and_it_matches_a_whole_redraw(
        scenario_folder, monkeypatch):
    (scenario_folder / "mini.yaml").write_text(staged("online"), encoding="utf-8")
    app, pilot = open_app(size=(1280, 720), persist=False, text_speed="instant")
    try:
        to_meeting(pilot)
        scene = app.top
        updated: list = []
        monkeypatch.setattr(pygame.display, "update", lambda rect=None: updated.append(pygame.Rect(rect)))
        pilot.pick("luisteren")  # a key: that frame is drawn whole, then only the room (when nothing else moves)
        for _ in range(30):  # through the confirmation, the rebuild and into the residents' reaction
            before = len(updated)
            pilot.step()
            if len(updated) > before:
                assert updated[-1] == pygame.Rect(scene.residents.room.as_tuple())
                partial = app.screen.copy()
                app.draw()  # the whole screen, from the same state
                assert pygame.image.tobytes(partial, "RGB") == pygame.image.tobytes(app.screen, "RGB")
        assert len(updated) > 10
        pilot.move((640, 700))  # the mouse: hover may change anything, whole frames for a moment
        updated.clear()
        pilot.step(5)
        assert scene.residents.moving() and not updated
    finally:
        app.close()


# -- every room, whole, at every size --------------------------------------------------------
def _shipped_in(kind: str) -> str:
    """verslavingsopvang (four residents, the most on one stage) set in ``kind``."""
    text = (resources.shipped_scenarios() / "verslavingsopvang.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^  stage: \w+$", f"  stage: {kind}", text, count=1, flags=re.M)
    return re.sub(r"^id: .*$", f"id: stage-{kind}", text, count=1, flags=re.M)


def _inside(inner: pygame.Rect, outer: pygame.Rect) -> bool:
    return outer.contains(inner)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("size", [(800, 600), pytest.param((1920, 1080), marks=pytest.mark.slow)])
def test_every_room_holds_its_residents_whole_at_a_line_and_at_a_decision(kind, size, scenario_folder):
    (scenario_folder / f"stage-{kind}.yaml").write_text(_shipped_in(kind), encoding="utf-8")
    app, pilot = open_app(size=size, persist=False, text_speed="instant")
    try:
        pilot.press("return")
        pilot.settle()
        pilot.press("return")
        while pilot.scene == "preparation":
            pilot.settle()
            pilot.press("1")
            pilot.wait_until(lambda: app.top.pending is None)
        seen = set()
        for _ in range(40):
            pilot.settle()
            scene = app.top
            plan = scene.residents.plan
            if plan is not None:
                seen.add(plan.shape)
                room = pygame.Rect(plan.room.as_tuple())
                plates = [pygame.Rect(s.plate.as_tuple()) for s in plan.spots]
                for i, plate in enumerate(plates):
                    assert _inside(plate, room), (plan.shape, plate, room)
                    assert all(not plate.colliderect(other) for other in plates[i + 1:])
                for spot in plan.spots:
                    if plan.layout in ("phones", "tiles"):  # in every shape, a phone or a tile holds the face
                        assert spot.screen is not None and _inside(pygame.Rect(spot.screen.as_tuple()), room)
                    face = pygame.Rect(spot.figure.x, spot.figure.y, spot.figure.w, int(spot.figure.w * 0.7))
                    assert face.top >= room.top - 1 and face.bottom <= room.bottom  # the head never cut off
                # The options are never pushed out of view by the residents.
                for card, _ in scene.panel.cards:
                    assert card.button.rect.bottom <= scene.plan.panel.bottom + 1
                    assert not card.button.rect.colliderect(room)
            if scene.panel.options:
                break
            pilot.press("return")
        assert seen, "the residents were never on the stage"
    finally:
        app.close()
