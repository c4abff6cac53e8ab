"""The terminal shows how a line arrives and what the room does: chat, e-mail and phone lines as
such, a group reaction's text once, right after the move it followed (and in a replay's recap)."""

from __future__ import annotations

import io

import pytest

from engine import Session, load_scenario_text
from engine.debrief.branching import branch
from simulator.cli.replay import _introduce
from simulator.terminal.player import TextPlayer
from tests.crafted import MINIMAL
from tests.media import MEDIA, REACTION_EN, REACTION_NL

KADERS_RUN = "veilig\nkaders\nherkaderen\nlater\n"  # Bert's anger reaches 8: both reactions fire after 'kaders'
GOOD_RUN = "veilig\nluisteren\nherkaderen\nsamen\n"  # nothing reacts


def play(text: str, moves: str, lang: str = "nl") -> tuple[str, str, Session]:
    """(what the meeting printed, what the debrief printed, the session)."""
    scenario = load_scenario_text(text, "media.yaml")
    out = io.StringIO()
    result = TextPlayer(scenario, lang, out, io.StringIO(moves), show_mood=False, seed=3).play()
    assert result.completed
    printed = out.getvalue()
    head = "Nabespreking: " if lang == "nl" else "Debrief: "
    cut = printed.index(head)
    return printed[:cut], printed[cut:], result.session


def test_a_reaction_is_said_once_right_after_the_move_it_followed():
    meeting, debrief, session = play(MEDIA, KADERS_RUN)
    assert [e.variant for e in session.state.transcript if e.kind == "reaction"] == [0, 1]  # both fired
    assert meeting.count(REACTION_NL) == 1 and meeting.count("[groep]") == 1  # the second has no text: nothing
    said = meeting.index(f"[groep] {REACTION_NL}")
    assert meeting.index("Jij: Eerst de kaders.") < said < meeting.index("[chat] Bert Veenstra: En de overlast?")
    assert "Daarna reageerde de groep:" in debrief and debrief.count(REACTION_NL) == 1


def test_no_reaction_no_room_line():
    meeting, debrief, session = play(MEDIA, GOOD_RUN)
    assert not [e for e in session.state.transcript if e.kind == "reaction"]
    assert "[groep]" not in meeting and REACTION_NL not in meeting + debrief
    assert "Daarna reageerde de groep" not in debrief


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chat_email_and_phone_lines_are_shown_as_such(lang):
    meeting, _, _ = play(MEDIA, GOOD_RUN, lang)
    lines = meeting.splitlines()
    if lang == "nl":
        assert "[chat] Bert Veenstra: En de overlast?" in lines
        assert "[e-mail] Van: Bert Veenstra · Aan: jij" in lines
        assert "[telefoon] Ineke Bakker: En nu?" in lines
        body = ["    Geachte heer, mevrouw,", "", "    Ik wacht nog steeds op antwoord. Wanneer hoor ik iets?"]
        header = "[e-mail] Van: Bert Veenstra · Aan: jij"
    else:
        assert "[chat] Bert Veenstra: And the nuisance?" in lines
        assert "[phone] Ineke Bakker: And now?" in lines
        body = ["    Dear Sir or Madam,", "", "    I am still waiting for an answer. When will I hear?"]
        header = "[e-mail] From: Bert Veenstra · To: you"
    at = lines.index(header)
    assert set(lines[at + 1]) == {"-"}  # a rule under the header, then the body as an indented block
    assert lines[at + 2:at + 5] == body
    assert ("(Het wordt stil.)" if lang == "nl" else "(It goes quiet.)") in lines


def test_a_spoken_meeting_looks_as_it_always_did():
    meeting, _, _ = play(MINIMAL, GOOD_RUN)
    assert "Ineke Bakker: Wanneer begint het?" in meeting.splitlines()
    assert "Bert Veenstra: En de overlast?" in meeting.splitlines()
    assert "[chat]" not in meeting and "[e-mail]" not in meeting and "[telefoon]" not in meeting


def test_a_replay_recap_shows_the_reaction_where_it_fired():
    scenario = load_scenario_text(MEDIA, "media.yaml")
    first = Session.start(scenario, seed=3)
    first.answer("veilig")
    first.choose("kaders")
    first.choose("herkaderen")
    while first.can_continue:
        first.advance()
    again = branch(first, scenario, 2)  # decision 3: Bert's chat line, right after the room reacted
    out = io.StringIO()
    player = TextPlayer(scenario, "en", out, io.StringIO(""), show_mood=False)
    _introduce(player, first, again, 2, 7)
    recap = out.getvalue()
    assert recap.count(REACTION_EN) == 1
    assert recap.index("You: First the rules.") < recap.index(f"[room] {REACTION_EN}")
    assert "Last time you chose here: What would you do?" in recap
