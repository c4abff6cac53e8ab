"""The command line as a user meets it: list, validate, and playing in the terminal."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHIPPED
from tests.crafted import MINIMAL


def run(*args: str, stdin: str = "", env_extra: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_list_shows_every_shipped_scenario_with_residents_and_length():
    result = run("list")
    assert result.returncode == 0, result.stderr
    for path in SHIPPED:
        assert path.stem in result.stdout
    assert "Ineke Bakker" in result.stdout and "beslissingen" in result.stdout  # Dutch unless --lang en


@pytest.mark.slow
def test_validate_exit_codes_valid_invalid_usage(write_scenario):
    good = write_scenario(MINIMAL, "good.yaml")
    bad = write_scenario(MINIMAL.replace("next: uitgesteld", "next: nergens"), "bad.yaml")
    ok = run("validate", good)
    assert ok.returncode == 0 and "ok" in ok.stdout
    broken = run("validate", good, bad)
    assert broken.returncode == 1
    lines = [line for line in broken.stdout.splitlines() if "nergens" in line]
    assert lines and lines[0].startswith(f"{bad}:") and "Traceback" not in broken.stderr
    usage = run("validate")
    assert usage.returncode == 2


@pytest.mark.slow
def test_validate_a_folder_checks_each_scenario_in_it(write_scenario, tmp_path):
    good = write_scenario(MINIMAL, "a-good.yaml")
    bad = write_scenario(MINIMAL.replace("next: uitgesteld", "next: nergens"), "b-bad.yml")
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{good}: ok") for line in lines)
    assert any(line.startswith(f"{bad}:") and "nergens" in line for line in lines[1:])
    assert "notes.txt" not in result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("validate", str(empty))
    assert nothing.returncode == 1 and nothing.stdout.count("\n") == 1 and "Traceback" not in nothing.stderr


def test_validate_missing_file_is_one_line_not_a_traceback(tmp_path):
    result = run("validate", str(tmp_path / "ghost.yaml"))
    assert result.returncode == 1
    assert result.stdout.strip() == f"{tmp_path / 'ghost.yaml'}:1:1: file not found"
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_all_shipped_scenarios_validate():
    result = run("validate", *map(str, SHIPPED))
    assert result.returncode == 0, result.stdout


def test_piped_play_shows_speakers_mood_and_numbered_choices(write_scenario):
    path = write_scenario(MINIMAL)
    result = run("play", "--text", path, stdin="veilig\nluisteren\npauze\nlater\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Ineke Bakker: Wanneer begint het?" in out
    assert re.search(r"^ +[123]\. Vertel eens\.$", out, re.M) and "[Ineke: vertrouwen 5/10, boosheid 3/10" in out
    assert "Jij: Vertel eens." in out  # typed by its id, whatever place it was shown in
    assert "Einde: Uitgesteld" in out and "Nabespreking" in out and "Reflectievragen" in out


def test_invalid_input_is_explained_and_asked_again(write_scenario):
    path = write_scenario(MINIMAL)
    result = run("play", "--text", path, stdin="7\nhallo\n\n1\n")
    assert result.stdout.count("is hier geen keuze. Typ een nummer van 1 tot") == 2  # said back: '7', 'hallo'
    assert "'7' is hier geen keuze" in result.stdout and "'hallo' is hier geen keuze" in result.stdout
    assert result.stdout.count("Dat is geen keuze") == 1  # an empty line
    assert "Vertel eens." in result.stdout


def test_b_where_no_time_out_can_be_taken_says_so_instead_of_no_choice(write_scenario):
    """'b' with the time-outs used up (or at a preparation question) said "'b' is hier geen keuze"."""
    path = write_scenario(MINIMAL)
    result = run("play", "--text", path, stdin="b\n1\n")
    assert "Hier kun je geen time-out nemen (of je time-outs zijn op)" in result.stdout
    assert "'b' is hier geen keuze" not in result.stdout


def test_end_of_input_stops_cleanly_with_exit_zero(write_scenario):
    path = write_scenario(MINIMAL)
    result = run("play", "--text", path, stdin="1\n")
    assert result.returncode == 0 and "Sessie gestopt." in result.stdout and not result.stderr


def test_english_interface_and_text(write_scenario):
    path = write_scenario(MINIMAL)
    result = run("play", "--text", path, "--lang", "en", stdin="veilig\nluisteren\npauze\nsamen\n")
    assert "Ineke Bakker: When does it start?" in result.stdout
    assert "Debrief" in result.stdout and "Reflection questions" in result.stdout


@pytest.mark.slow
def test_random_bot_is_repeatable_per_seed(write_scenario):
    path = write_scenario(MINIMAL)
    a = run("play", "--text", path, "--auto", "random", "--seed", "4")
    b = run("play", "--text", path, "--auto", "random", "--seed", "4")
    assert a.returncode == 0 and a.stdout == b.stdout
    outs = {run("play", "--text", path, "--auto", "random", "--seed", str(s)).stdout for s in range(6)}
    assert len(outs) > 1


def test_best_bot_reaches_the_best_achievable_total(write_scenario):
    path = write_scenario(MINIMAL)
    result = run("play", "--text", path, "--auto", "best", "--lang", "en")
    assert "Ending: Agreement" in result.stdout
    assert "Overall score 8 (best achievable: 8)" in result.stdout  # the one "best achievable", reached


@pytest.mark.slow
def test_shipped_scenario_by_id(tmp_path):
    if not SHIPPED:
        pytest.skip("no shipped scenarios")
    result = run("play", "--text", SHIPPED[0].stem, "--auto", "random", "--seed", "1")
    assert result.returncode == 0 and "Nabespreking" in result.stdout


def test_play_broken_scenario_reports_and_exits_one(write_scenario):
    path = write_scenario(MINIMAL.replace("start: opening", "start: nergens"))
    result = run("play", "--text", path)
    assert result.returncode == 1 and "start 'nergens' is not a node" in result.stderr
    assert "Traceback" not in result.stderr
