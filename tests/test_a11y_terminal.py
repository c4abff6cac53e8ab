"""The screen-reader route: ``play --text --plain`` reads well aloud, and ``--speak`` voices the residents."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from engine import Session, load_scenario
from simulator.a11y.speech import Speaker, Voice
from simulator.a11y.voices import resident_voice
from simulator.terminal.a11y import PlainText, with_speech
from simulator.terminal.player import TextPlayer, planned_chooser
from tests.conftest import ROOT, SHIPPED

DECORATION = re.compile(r"[█░▓▒✓✗→↳▲▼│═─»]|={3,}|\x1b\[")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=180)


def test_plain_lines_say_figures_in_words():
    p = PlainText(io.StringIO(), "nl")
    assert p.line("=" * 78) is None
    assert p.line("== Voorbereiding ==") == "Voorbereiding:"
    assert p.line("-- Tips --") == "Tips:"
    assert p.line("[Ineke: vertrouwen 6/10, boosheid 2/10 | Bert: vertrouwen 3/10, boosheid 5/10]") == \
        "Ineke: vertrouwen 6 van 10, boosheid 2 van 10. Bert: vertrouwen 3 van 10, boosheid 5 van 10"
    assert p.line("  Stap 1  Bereid je voor                       4,5  ██████████░░") == \
        "Stap 1 Bereid je voor: 4,5 van 5"
    assert p.line("  ✓ Wat mag je morgen toezeggen?") == "juist: Wat mag je morgen toezeggen?"
    assert p.line("    Totaal        12 → 15  ▲ +3") == "Totaal 12, daarna 15 omhoog +3"
    assert PlainText(io.StringIO(), "en").line("[Ineke: trust 6/10]") == "Ineke: trust 6 out of 10"


def test_a_prompt_without_a_newline_is_written_when_flushed():
    out = io.StringIO()
    p = PlainText(out, "nl")
    p.write("== Kies ==\nKies 1-3: ")
    assert out.getvalue() == "Kies:\n"
    p.flush()
    assert out.getvalue() == "Kies:\nKies 1-3: "


@pytest.mark.slow
def test_a_whole_plain_session_in_the_terminal_has_no_decoration_and_every_figure_in_words():
    """Preparation, the meeting, a time-out, the self-rating and the debrief: all of it plain."""
    stdin = "1\n1\n1\nb\n" + "1\n" * 80
    result = run("play", "--text", "--plain", "--no-save", "--seed", "3", "speeltuin-kort", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert not DECORATION.findall(out), sorted(set(DECORATION.findall(out)))
    assert re.search(r"vertrouwen \d+ van 10", out)  # the residents' mood, in words
    assert re.search(r"Stap 1 Bereid je voor: jij \d van 5, gemeten \d,\d van 5", out)  # own estimate and measured
    assert "Even naar het balkon:" in out  # the time-out was reachable
    assert "  " not in out.replace("\n", "|")  # no columns padded with spaces


def test_replay_takes_plain_too():
    result = run("replay", "--help")
    assert "--plain" in result.stdout and "--speak" in result.stdout


def test_speak_voices_every_line_each_resident_in_their_own_voice():
    scenario = load_scenario(str(next(p for p in SHIPPED if p.stem == "speeltuin-kort")))
    speaker = Speaker("nl", start=False)  # records what is queued; no process needed for that
    player = with_speech(TextPlayer)(scenario, "nl", io.StringIO(), None, planned_chooser(scenario))
    player.speaker = speaker
    result = player.play(Session.start(scenario, seed=1))
    session = result.session
    lines = [session.line_of(e) for e in session.state.transcript if e.kind == "line"]
    said = [u for u in speaker.spoken if u.kind == "line"]
    assert [u.text for u in said] == [line.text.get("nl") for line in lines]
    residents = {r.id for r in scenario.residents}
    for u, line in zip(said, lines):
        expected = resident_voice(scenario, line.speaker) if line.speaker in residents else Voice()
        assert u.voice == expected
    assert len({u.voice for u in said}) >= 3  # the narrator and two residents, each their own
    assert [u.kind for u in speaker.spoken][-1] == "ending"


@pytest.mark.slow
def test_speak_without_a_speech_engine_says_why_once_and_plays_on():
    result = run("play", "--text", "--speak", "--auto", "best", "--no-save", "speeltuin-kort")
    assert result.returncode == 0
    assert "Totaal" in result.stdout
    assert result.stderr.count("--speak:") <= 1
