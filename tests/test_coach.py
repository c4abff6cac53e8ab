"""Coach mode: a short hint after each choice for beginners; without it, no verdicts during play."""

from __future__ import annotations

import subprocess
import sys

import pytest

from engine import load_scenario_text
from simulator.coach import coach_hint
from tests.conftest import ROOT
from tests.crafted import MINIMAL

BERT_LINE = '''    text: {nl: "En de overlast?", en: "And the nuisance?"}'''
OPPORTUNITY = MINIMAL.replace(BERT_LINE, BERT_LINE + '''
    opportunity: {nl: "Zorg om zijn nachtrust.", en: "Worry about his sleep."}''')


def scenario(text: str = MINIMAL):
    return load_scenario_text(text, "mini.yaml")


def test_the_hint_names_the_steps_and_indicators_a_choice_builds_on_and_works_against():
    s = scenario()
    assert coach_hint(s, s.choice("opening.luisteren"), "nl") == \
        "Coach: Dit versterkt Stap 3 (Ga naast de ander staan), Inleving 3 (Onderkent gevoelens en behoeften)."
    assert coach_hint(s, s.choice("opening.dreigen"), "en") == (
        "Coach: This works against Step 5 (Don't put the other under pressure), "
        "Empathy 1 (Takes others' feelings into account).")


def test_no_hint_for_a_neutral_choice_and_a_balcony_move_is_named():
    s = scenario()
    assert coach_hint(s, s.choice("afsluiting.later"), "nl") is None
    hint = coach_hint(s, s.choice("midden.pauze"), "en")
    assert hint.startswith("Coach: A trip to the balcony") and "Step 2" in hint


def test_at_an_opportunity_the_hint_says_whether_the_feeling_was_taken_up():
    s = scenario(OPPORTUNITY)
    missed = coach_hint(s, s.choice("midden.herkaderen"), "nl")
    assert missed.startswith("Coach: Bert liet een gevoel of behoefte doorschemeren, en daar ging je niet op in")
    assert "Stap 4" in missed  # still says what it did build on
    assert "let a feeling or need show" in coach_hint(s, s.choice("midden.uitleggen"), "en")


def test_a_preparation_answer_gets_a_hint_too():
    s = scenario()
    q = s.preparation.questions[0]
    assert coach_hint(s, q.option("veilig"), "en") == "Coach: This builds on Step 1 (Prepare)."


def run(*args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_terminal_play_shows_hints_only_in_coach_mode(write_scenario):
    path = write_scenario(MINIMAL)
    coached = run("play", "--text", path, "--coach", "--no-save", stdin="veilig\nluisteren\npauze\nlater\n")
    assert coached.returncode == 0, coached.stderr
    assert "» Coach: Dit versterkt Stap 3 (Ga naast de ander staan)" in coached.stdout
    assert coached.stdout.count("» Coach:") == 3  # prep answer, luisteren, pauze; 'later' scores nothing
    plain = run("play", "--text", path, "--no-save", stdin="veilig\nluisteren\npauze\nlater\n")
    assert "Coach" not in plain.stdout and "versterkt" not in plain.stdout
