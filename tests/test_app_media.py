"""The window shows how a line arrives and what the room does: a reaction's text once where it
fired, chat lines in a chat column, an e-mail with its header, a phone line as a voice with no
face; the options stay whole at every size; the debrief shows the lens only when tagged."""

from __future__ import annotations

import pytest

from simulator.i18n import tr
from simulator.window.components.residents import ResidentsRow
from simulator.window.pilot import open_app
from tests.limit import limit_scenario
from tests.matrix import matrix
from tests.media import MEDIA, REACTION_EN, REACTION_NL, UNTAGGED
from tests.test_app_decision import SIZES, TEXT_SIZES, every_option_whole
from tests.test_app_screens import problems_on_screen

MEETING = "  meeting: {nl: Overleg, en: Meeting}\n"
ONLINE = MEDIA.replace(MEETING, MEETING + "  stage: online\n")
PHONE = MEDIA.replace(MEETING, MEETING + "  stage: phone\n")


@pytest.fixture
def meeting(tmp_path, monkeypatch):
    """Open the window on one scenario, through the briefing to the preparation."""
    apps = []

    def start(text: str = MEDIA, size=(1280, 720), **settings):
        folder = tmp_path / "scen"
        folder.mkdir(exist_ok=True)
        (folder / "m.yaml").write_text(text, encoding="utf-8")
        monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(folder))
        settings.setdefault("text_speed", "instant")
        app, pilot = open_app(size=size, persist=False, **settings)
        apps.append(app)
        pilot.press("return")
        pilot.press("return")
        pilot.settle()
        return app, pilot
    yield start
    for app in apps:
        app.close()


def go_on(app, pilot) -> None:
    """Past lines without choices, to the next decision (or the ending)."""
    pilot.settle()
    while app.top.name == "meeting" and app.top.session.can_continue:
        pilot.press("return")
        pilot.settle()


@pytest.mark.slow
def test_a_reaction_is_shown_once_where_it_fired(meeting):
    app, pilot = meeting()
    pilot.pick("veilig")
    go_on(app, pilot)
    pilot.pick("kaders")  # Bert's anger reaches 8: the room reacts (twice; the second has no text)
    pilot.settle()
    scene = app.top
    assert scene.session.line.node_id == "midden"
    assert scene.line.note == REACTION_NL and pilot.has_text(REACTION_NL)  # above the line that follows
    parts = scene._log_parts()
    said = [i for i, p in enumerate(parts) if REACTION_NL in p]
    assert len(said) == 1 and len(parts) == 4  # Ineke's line, the choice, the reaction, Bert's line
    assert "Eerst de kaders." in parts[said[0] - 1] and "En de overlast?" in parts[said[0] + 1]
    assert problems_on_screen(app) == []
    pilot.pick("herkaderen")  # the next line: the note is gone, the log still says it once
    go_on(app, pilot)
    scene = app.top
    assert scene.line.note == "" and not pilot.has_text(REACTION_NL)  # no side log at 1280: said nowhere now
    assert sum(REACTION_NL in p for p in scene._log_parts()) == 1


@pytest.mark.slow
def test_nothing_reacts_nothing_is_said(meeting):
    app, pilot = meeting(language="en")
    pilot.pick("veilig")
    go_on(app, pilot)
    pilot.pick("luisteren")
    pilot.settle()
    assert app.top.line.note == "" and not pilot.has_text(REACTION_EN)
    assert not any(REACTION_EN in p for p in app.top._log_parts())


@pytest.mark.slow
def test_the_side_log_shows_the_reaction_once(meeting):
    app, pilot = meeting(size=(1920, 1080))
    pilot.pick("veilig")
    go_on(app, pilot)
    pilot.pick("kaders")
    pilot.settle()
    log = [t for t in pilot.texts() if "Eerst de kaders." in t]
    assert len(log) == 1 and log[0].count(REACTION_NL) == 1  # the side column
    assert problems_on_screen(app) == []


@pytest.mark.slow
def test_a_chat_line_comes_with_a_chat_column(meeting):
    app, pilot = meeting()
    pilot.pick("veilig")
    go_on(app, pilot)
    assert not app.top.chat_shown  # a hall: no chat column until someone types
    pilot.pick("luisteren")
    pilot.settle()
    scene = app.top
    assert scene.chat_shown and "En de overlast?" in scene.chat.texts
    assert pilot.has_text("Bert Veenstra · in de chat")  # the line box says how the line arrives
    assert scene.residents.room is not None and scene.chat.area is not None
    assert scene.residents.room.right <= scene.chat.area.x  # beside the residents, not over them
    assert problems_on_screen(app) == []


@pytest.mark.slow
def test_an_online_meeting_has_its_chat_column_from_the_start(meeting):
    app, pilot = meeting(ONLINE, language="en")
    pilot.pick("veilig")
    go_on(app, pilot)
    assert app.top.chat_shown and pilot.has_text(tr("chat_empty", "en"))
    assert problems_on_screen(app) == []


@pytest.mark.slow
def test_an_email_shows_its_header_over_the_body(meeting):
    app, pilot = meeting()
    pilot.pick("veilig")
    go_on(app, pilot)
    pilot.pick("luisteren")
    pilot.settle()
    pilot.pick("herkaderen")
    pilot.settle()
    while app.top.session.line.node_id != "mail":
        pilot.press("return")
        pilot.settle()
    assert pilot.has_text("E-mail  Van: Bert Veenstra · Aan: jij")
    assert pilot.has_text("Geachte heer, mevrouw,\n\nIk wacht nog steeds op antwoord.")
    assert any("E-mail · Van: Bert Veenstra" in p for p in app.top._log_parts())
    assert problems_on_screen(app) == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [MEDIA, PHONE], ids=["hall", "phone-stage"])
def test_a_phone_line_is_a_voice_without_a_face(meeting, monkeypatch, text):
    drawn: list[str] = []
    original = ResidentsRow._figure_image

    def record(self, rid, emotion, width, dim):
        drawn.append(rid)
        return original(self, rid, emotion, width, dim)
    monkeypatch.setattr(ResidentsRow, "_figure_image", record)
    app, pilot = meeting(text)
    pilot.pick("veilig")
    go_on(app, pilot)
    pilot.pick("luisteren")
    go_on(app, pilot)
    pilot.pick("herkaderen")
    go_on(app, pilot)
    scene = app.top
    assert scene.session.line.node_id == "afsluiting" and scene.residents.voice == "ineke"
    assert pilot.has_text("Ineke Bakker · aan de telefoon")
    drawn.clear()
    pilot.step(2)
    app.frame([], 0.0)
    assert "bert" in drawn and "ineke" not in drawn  # Ineke is heard, not seen; Bert is still there
    assert problems_on_screen(app) == []


def media_limit(channel: str) -> str:
    """The decision at the authoring limit, its line coming by ``channel`` in an online meeting."""
    text = limit_scenario().replace('  meeting: {nl: "Buurthuis", en: "Community centre"}\n',
                                    '  meeting: {nl: "Buurthuis", en: "Community centre"}\n  stage: online\n')
    return text.replace("  opening:\n", f"  opening:\n    channel: {channel}\n", 1)


CORNERS = [(size, text, ch) for size in SIZES for text in TEXT_SIZES for ch in ("chat", "email", "phone")]


@pytest.mark.slow
@pytest.mark.parametrize("combo", matrix(CORNERS, quick=lambda c: c[0] == (800, 600) and c[1] == "larger"
                                          and c[2] == "chat", ids=lambda c: f"{c[0][0]}x{c[0][1]}-{c[1]}-{c[2]}"))
def test_every_option_stays_whole_beside_the_chat_column(meeting, combo, tmp_path):
    size, text_size, channel = combo
    app, pilot = meeting(media_limit(channel), size=size, text_size=text_size)
    pilot.press("1")
    pilot.settle()
    assert pilot.scene == "meeting" and app.top.deciding
    assert every_option_whole(app, [c.text.get("nl") for c in app.top.session.choices]) == []
    assert problems_on_screen(app) == []
    pilot.save(str(tmp_path / f"{channel}.png"))


def play_to_debrief(app, pilot, moves):
    for move in moves:
        go_on(app, pilot)
        if app.top.name != "meeting" and app.top.name != "preparation":
            break
        pilot.pick(move)
        pilot.settle()
    go_on(app, pilot)
    pilot.press("return")  # the ending
    pilot.settle()
    pilot.click(app.top.tr("skip"))  # no own estimate
    pilot.wait_for_review()


@pytest.mark.slow
@pytest.mark.parametrize("text, tagged", [(MEDIA, True), (UNTAGGED, False)], ids=["tagged", "untagged"])
def test_the_window_debrief_shows_the_lens_only_when_tagged(meeting, text, tagged):
    app, pilot = meeting(text)
    play_to_debrief(app, pilot, ["veilig", "kaders", "herkaderen", "later"])
    scene = app.top
    assert scene.name == "debrief" and scene.page == "overview"
    assert pilot.has_text(tr("lens_title", "nl")) == tagged
    assert pilot.has_text("laten liggen bij beslissing 2") == tagged
    assert problems_on_screen(app) == []
    scene.go("decision", 1)
    pilot.settle()
    page = scene.doc.html_text
    assert tr("room_reacted", "nl") in page and REACTION_NL in page  # the room reacted after this decision
    assert ("Hier lag ook een zet van overtuigingskracht" in page) == tagged
    assert problems_on_screen(app) == []
    scene.go("decision", 2)
    pilot.settle()
    assert tr("room_reacted", "nl") not in scene.doc.html_text


@pytest.mark.slow
def test_a_reaction_right_before_the_ending_is_said_on_the_ending(meeting):
    app, pilot = meeting()
    pilot.pick("veilig")
    go_on(app, pilot)
    pilot.pick("dreigen")  # Bert's anger to the top: the room reacts, then Bert walks out
    pilot.settle()
    assert pilot.scene == "ending" and pilot.has_text(REACTION_NL)
    assert sum(t.count(REACTION_NL) for t in pilot.texts()) == 1
    assert problems_on_screen(app) == []
