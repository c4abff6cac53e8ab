"""Self-voicing and the residents' voices: what the window says, through the process that says it.

With eSpeak NG on the machine (``.ci/run`` installs it) a meeting line and an option are voiced to
WAV files through the window's own path (``Voicing`` -> ``Speaker`` -> the speech process ->
pyttsx3) and the audio is checked: not silent, and as long as the words need. The pilot plays a
whole scenario with self-voicing on and every line and every option must have been queued.
"""

from __future__ import annotations

import array
import os
import shutil
import sys
import time
import wave
from pathlib import Path

import pytest

from engine import load_scenario_text
from simulator.a11y import speech as speech_mod
from simulator.a11y.speech import Silent, Speaker, Voice, pick_voice
from simulator.a11y.voices import DEFAULTS, resident_voice
from simulator.window.pilot import play_to_debrief
from tests.crafted import MINIMAL

HAS_ESPEAK = shutil.which("espeak-ng") is not None or shutil.which("espeak") is not None
needs_espeak = pytest.mark.skipif(not HAS_ESPEAK, reason="eSpeak NG is not installed (.ci/run installs it)")


def to_first_decision(pilot, scenario: str = "speeltuin-kort") -> None:
    pilot.focus_on(scenario)
    pilot.press("return")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.settle()
        pilot.press("1")
        pilot.settle()
    scene = pilot.app.top
    while scene.session.can_continue:
        pilot.press("return")
        pilot.settle()


def audio(path: Path) -> tuple[float, float]:
    """(seconds, RMS of the 16-bit samples) of a mono WAV file."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / w.getframerate()
    samples = array.array("h", frames)
    rms = (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5
    return seconds, rms


def plausible(seconds: float, text: str) -> bool:
    words = len(text.split())
    return 0.12 * words <= seconds <= 1.0 * words + 1.0  # eSpeak's normal pace is about a third of a second a word


@pytest.mark.slow
@needs_espeak
def test_a_meeting_line_and_an_option_are_voiced_to_audio_through_the_windows_path(window, tmp_path):
    app, pilot = window(self_voicing=True)
    recorder = Speaker("nl", record_to=tmp_path)
    app.voicing.use(recorder)
    to_first_decision(pilot)
    pilot.settle()
    assert recorder.wait(60), (recorder.problem, recorder.done, recorder._sent, recorder.available)
    assert recorder.engine == "espeak"
    spoken = {u.kind: u for u in recorder.spoken}  # the last of each kind: the decision's
    session = app.top.session
    line, option = spoken["line"], spoken["option"]
    assert session.line.text.get("nl") in line.text
    assert option.text.startswith("Optie ") and any(c.text.get("nl") in option.text for c in session.choices)
    for utterance in (line, option):
        seconds, rms = audio(tmp_path / utterance.wav_name())
        assert rms > 300, f"silent: {utterance.text!r}"
        assert plausible(seconds, utterance.text), (seconds, utterance.text)


@needs_espeak
def test_a_residents_voice_sounds_different_from_the_plain_voice(tmp_path):
    recorder = Speaker("nl", record_to=tmp_path)
    text = "Wanneer kan de schop de grond in?"
    recorder.say(text)
    recorder.say(text, voice=Voice("female", 0.7, 80))
    assert recorder.wait(60), recorder.problem
    recorder.close()
    plain, voiced = (audio(tmp_path / u.wav_name())[0] for u in recorder.spoken)
    assert voiced > plain * 1.2  # at 70 % of the pace it takes longer


@pytest.mark.slow
def test_the_pilot_plays_a_whole_scenario_with_self_voicing_and_every_line_and_option_is_queued(window):
    app, pilot = window(self_voicing=True, language="en")
    shown_options: list[list[str]] = []

    def pick(n: int) -> int:
        shown_options.append([o.text for o in app.top.panel.options])
        return 0

    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    play_to_debrief(pilot, pick)
    pilot.settle()
    speaker = app.voicing.speaker
    said = [u.text for u in speaker.spoken]
    session = app.top.play.session
    lines = [session.line_of(e).text.get("en") for e in session.state.transcript if e.kind == "line"]
    assert lines and shown_options
    for text in lines:
        assert any(text in s for s in said), f"line never queued: {text!r}"
    for options in shown_options:
        for n, text in enumerate(options, 1):
            assert f"Option {n} of {len(options)}: {text}" in said, text
    # and the debrief's page is read when it opens
    assert any(u.kind == "page" for u in speaker.spoken)


@pytest.mark.slow
def test_speaking_never_blocks_the_frame(window):
    app, pilot = window(self_voicing=True)
    speaker = app.voicing.speaker
    started = time.perf_counter()
    for i in range(50):
        speaker.say(f"Zin nummer {i}, een beetje lang zodat het spreken tijd kost.")
    assert time.perf_counter() - started < 0.5


@pytest.mark.slow
def test_v_turns_self_voicing_on_and_off_and_says_so(window):
    app, pilot = window()
    assert isinstance(app.voicing.speaker, Silent)
    pilot.press("v")
    assert app.settings.self_voicing and isinstance(app.voicing.speaker, Speaker)
    assert app.voicing.speaker.spoken[0].text == "Voorlezen staat aan."
    pilot.press("down")
    assert any(u.kind == "focus" for u in app.voicing.speaker.spoken)
    pilot.press("v")
    assert not app.settings.self_voicing and isinstance(app.voicing.speaker, Silent)


@pytest.mark.slow
def test_typing_a_v_in_a_field_is_a_letter_not_the_voicing_key(window):
    app, pilot = window(own_words=True)
    to_first_decision_typing(pilot)
    pilot.type_text("vv")
    assert not app.settings.self_voicing


def to_first_decision_typing(pilot) -> None:
    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    pilot.press("return")
    while pilot.scene == "preparation":
        pilot.settle()
        pilot.press("1")
        pilot.settle()
    scene = pilot.app.top
    while not scene.asking:
        pilot.press("return")
        pilot.settle()


@pytest.mark.slow
def test_no_speech_engine_is_a_note_in_the_settings_never_a_crash(window, monkeypatch):
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyttsx3" else real(name, *a))
    app, pilot = window(self_voicing=True, language="en")
    assert app.voicing.problem == "pyttsx3 is not installed"
    pilot.click(app.top.tr("settings"))
    assert pilot.has_text("Speech isn't available on this computer: pyttsx3 is not installed.")
    pilot.press("down")  # speaking on: nothing breaks
    to = app.voicing.speaker
    assert to.spoken and not to.available


def test_an_engine_that_fails_to_start_is_reported_once(monkeypatch):
    speaker = Speaker("nl", start=False)
    speaker.problem = "no speech engine (RuntimeError: eSpeak not found)"
    speaker.say("Hallo")
    assert speaker.spoken[0].seq == 0 and not speaker.available
    speaker.close()


@needs_espeak
def test_stop_drops_what_was_queued(tmp_path):
    recorder = Speaker("nl", record_to=tmp_path)
    long = "Een kabelbaan van dertig meter, een klimtoren en een trapveldje met lampen. " * 4
    for _ in range(4):
        recorder.say(long)
    recorder.say("Optie een.", interrupt=True)
    assert recorder.wait(60), recorder.problem
    recorder.close()
    last = recorder.spoken[-1]
    assert (tmp_path / last.wav_name()).is_file()
    assert len(list(tmp_path.glob("*.wav"))) < 5  # at least one of the long ones was never spoken


def test_missing_aplay_on_linux_is_said_plainly(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert "aplay" in speech_mod.missing_player("espeak", "linux")
    assert speech_mod.missing_player("sapi5", "win32") is None


# -- the residents' voices -----------------------------------------------------------------------
class V:
    def __init__(self, id, name, languages, gender=None):
        self.id, self.name, self.languages, self.gender = id, name, languages, gender


def test_the_voice_for_the_language_is_picked():
    voices = [V("gmw/en", "English", ["en-gb"]), V("gmw/nl", "Dutch", ["nl"]),
              V("HKLM\\Frank", "Microsoft Frank", ["nl-NL"], "Male")]
    assert pick_voice(voices, "nl", None) == "gmw/nl"
    assert pick_voice(voices, "en", None) == "gmw/en"
    assert pick_voice(voices, "nl", "Microsoft Frank") == "HKLM\\Frank"
    assert pick_voice(voices, "nl", "male") == "HKLM\\Frank"
    assert pick_voice([], "nl", None) is None


def test_residents_get_distinct_voices_and_an_authors_hint_wins():
    text = MINIMAL.replace("    mood: {trust: 3, anger: 6}\n",
                           "    mood: {trust: 3, anger: 6}\n    voice: {voice: male, rate: 80, pitch: 30}\n", 1)
    s = load_scenario_text(text, "mini.yaml")
    ineke, bert = resident_voice(s, "ineke"), resident_voice(s, "bert")
    assert ineke == DEFAULTS[0]
    assert bert == Voice("male", 0.8, 30)
    assert resident_voice(s, "narrator") == Voice()
    assert len(set(DEFAULTS)) == len(DEFAULTS)


@pytest.mark.parametrize("voice,message", [("{rate: 20}", "rate"), ("{pitch: 101}", "pitch"),
                                           ("{speed: 3}", "unknown key 'speed'"), ("loud", "mapping")])
def test_a_wrong_voice_hint_is_a_clear_error_at_its_line(voice, message):
    from engine import ScenarioError
    mood = "    mood: {trust: 3, anger: 6}\n"
    text = MINIMAL.replace(mood, f"{mood}    voice: {voice}\n", 1)
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "mini.yaml")
    problem = info.value.problems[0]
    assert message in problem.message and problem.line == text[: text.index("    voice:")].count("\n") + 1


@pytest.mark.slow
def test_with_residents_voices_a_residents_line_is_spoken_in_their_voice(window):
    app, pilot = window(resident_voices=True)
    to_first_decision(pilot)
    pilot.settle()
    session = app.top.session
    lines = [u for u in app.voicing.speaker.spoken if u.kind == "line"]
    assert lines and lines[-1].text == session.line.text.get("nl")
    assert lines[-1].voice == resident_voice(session.scenario, session.line.speaker)
    assert not [u for u in app.voicing.speaker.spoken if u.kind in ("option", "focus")]  # self-voicing is off


@pytest.mark.slow
def test_a_problem_found_after_turning_speech_on_shows_in_the_open_settings(window):
    app, pilot = window(language="en")
    pilot.click(app.top.tr("settings"))
    app.apply_settings(app.settings.with_(self_voicing=True))
    app.top.build()
    app.voicing.speaker.problem = "no speech engine (OSError: libespeak-ng.so.1 not found)"  # as the worker reports it
    pilot.step(2)
    assert pilot.has_text("Speech isn't available on this computer: no speech engine (OSError: "
                          "libespeak-ng.so.1 not found).")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


def _wait_for(check, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@needs_espeak
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="eSpeak's driver plays through aplay on Linux")
def test_stop_cuts_live_speech_and_the_player_it_plays_through(tmp_path, monkeypatch):
    """Live speech (not recorded) plays through aplay; a player that never ends stands in for a long
    line on a sound card. Stop silences it at once, player included, and the next line speaks again."""
    played = tmp_path / "played"
    player = tmp_path / "bin" / "aplay"
    player.parent.mkdir()
    player.write_text(f"#!/bin/sh\necho $$ >> '{played}'\nexec sleep 120\n", encoding="utf-8")
    player.chmod(0o755)
    monkeypatch.setenv("PATH", f"{player.parent}{os.pathsep}{os.environ['PATH']}")
    speaker = Speaker("nl")
    try:
        assert speaker.ready(30), speaker.problem
        speaker.say("Goedenavond allemaal, fijn dat jullie er zijn vanavond.")
        assert _wait_for(lambda: played.exists() and played.read_text().strip())
        first = int(played.read_text().split()[0])
        assert _alive(first)  # speaking: the player is busy with the line
        speaker.stop()
        assert _wait_for(lambda: not _alive(first), 5), "the player kept playing after stop"
        speaker.say("Nog één zin.")
        assert _wait_for(lambda: len(played.read_text().split()) == 2), "speech did not come back after stop"
    finally:
        speaker.close()
    second = int(played.read_text().split()[1])
    assert _wait_for(lambda: not _alive(second), 5), "closing left the player running"
