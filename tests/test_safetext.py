"""Scenario and trainee text can't drive a terminal, run in a spreadsheet or become Markdown markup.

One test per channel, each through the real command, plus the Windows console (cp1252)
and plain ASCII, where ✓, ✗ and █ become ASCII marks instead of a crash.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import pytest

from simulator.safetext import csv_cell, degrade, md_text, terminal_text
from tests.conftest import ROOT
from tests.crafted import MINIMAL

ATTACKS = {
    "clear screen": "\x1b[2J\x1b[H",
    "window title (OSC, BEL)": "\x1b]0;pwned\x07",
    "window title (OSC, ST)": "\x1b]2;pwned\x1b\\",
    "clipboard write": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "unterminated OSC": "\x1b]8;;http://evil",
    "8-bit CSI": "\x9b31m",
    "8-bit OSC": "\x9d0;pwned\x9c",
    "carriage return": "\rfake",
    "backspace and bell": "\x08\x07",
    "bidi override": "\u202edeliver\u202c",
    "bidi isolate": "\u2066x\u2069",
    "DEL and NUL": "\x7f\x00",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_terminal_text_strips_what_a_terminal_would_obey(name):
    out = terminal_text(f"Ineke ’ë é 🙂 {ATTACKS[name]} end\nnext")
    assert out.startswith("Ineke ’ë é 🙂 ") and out.endswith("\nnext")  # an unterminated OSC ends at the line
    assert not any(ch in out for ch in "\x1b\x9b\x9d\x9c\r\x07\x08\x7f\x00\u202e\u202c\u2066\u2069")


def test_printable_unicode_passes_untouched():
    text = "Hé, Ineke’s café — “één” · ✓ ✗ █ 🙂 \u05e9\u05dc\u05d5\u05dd"
    assert terminal_text(text) == text


def test_degrade_gives_ascii_marks_only_where_the_encoding_has_no_room():
    assert degrade("✓ ✗ █ ░ → ë ’", "cp1252") == "+ x # . -> ë ’"
    assert degrade("✓ ë ’", "ascii") == "+ e '"
    assert degrade("✓ ë", "utf-8") == "✓ ë"


@pytest.mark.parametrize("cell,expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+31 6 1234", "'+31 6 1234"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"),
    ("-3", "-3"), ("-1.50", "-1.50"), ("0.25", "0.25"), ("Ineke", "Ineke"), ("", ""),
    ("\x1b]0;PWN\x07Ineke", "Ineke"), ("In\x1b[2Jeke", "Ineke"),  # nothing a terminal would obey on `cat`
])
def test_csv_cells_that_would_run_are_neutralised_and_numbers_stay(cell, expected):
    assert csv_cell(cell) == expected


@pytest.mark.parametrize("text,expected", [
    ("[klik](javascript:alert(1))", "\\[klik\\](javascript:alert(1))"),
    ("![img](http://x/a.png)", "!\\[img\\](http://x/a.png)"),
    ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
    ("**vet** _schuin_", "\\*\\*vet\\*\\* \\_schuin\\_"), ("# kop", "\\# kop"), ("- lijst", "\\- lijst"),
    ("+ lijst", "\\+ lijst"), ("1. lijst", "1\\. lijst"), ("a | b", "a \\| b"), ("&lt;", "\\&lt;"),
    ("`code`", "\\`code\\`"), ("regel\n# kop", "regel \\# kop"),
    ("Noord-Brabant, ’s avonds", "Noord-Brabant, ’s avonds"),
    ("a\x1b[2Jb\u202ec\x1b]0;title\x07", "abc"),
])
def test_markdown_text_is_shown_as_written(text, expected):
    assert md_text(text) == expected


# -- through the commands --------------------------------------------------------------------
def run(*args: str, stdin: str = "", encoding: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin.encode(), capture_output=True,
                          cwd=ROOT, timeout=180, env=env)


HOSTILE_TRAINEE = "Anna\x1b]0;pwned\x07\x1b[2J\u202e [x](javascript:alert(1)) <b>"
HOSTILE_TITLE = "=HYPERLINK(\"http://evil\";\"klik\") <img src=x> \u202eevil"


MINI_RUN = "veilig\nluisteren\npauze\nlater\n"  # the crafted meeting, by choice id


@pytest.fixture
def hostile_session(write_scenario):
    """A finished session of a scenario whose title is a formula and markup, played by a trainee
    whose name carries escape sequences and a Markdown link."""
    text = MINIMAL.replace("title: {nl: Mini, en: Mini}", f"title: {{nl: '{HOSTILE_TITLE}', en: Mini}}")
    path = write_scenario(text)
    played = run("play", "--text", path, "--trainee", HOSTILE_TRAINEE, "--no-rating", stdin=MINI_RUN)
    assert played.returncode == 0, played.stderr
    return path


@pytest.mark.slow
def test_terminal_channel_sessions_and_debrief_show_no_escape_sequence(hostile_session):
    for args in (("sessions",), ("debrief", "1"), ("report",)):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        out = result.stdout + result.stderr
        assert b"\x1b" not in out and b"\x07" not in out and "\u202e".encode() not in out, args
    listing = run("sessions").stdout.decode()
    assert "Anna [x](javascript:alert(1)) <b>" in listing  # the printable rest is shown as typed


@pytest.mark.slow
def test_csv_channel_neutralises_the_formula_in_a_title(hostile_session, tmp_path):
    out = tmp_path / "report.csv"
    assert run("report", "--csv", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    titles = {r["scenario_title"] for r in rows}
    assert titles == {"'" + HOSTILE_TITLE}
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    assert all(float(r["mean"]) == float(r["mean"]) for r in rows if r["row"] == "dimension")  # numbers stay numbers
    assert csv_cell("-1.50") == "-1.50"


@pytest.mark.slow
def test_markdown_channel_escapes_scenario_and_trainee_text(hostile_session, tmp_path):
    out = tmp_path / "debrief.md"
    assert run("debrief", "1", "--md", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)\]\(|(?<!\\)<(img|b)", text)  # no link, no HTML tag
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\[x\\](javascript:alert(1)) \\<b\\>" in text and "\\<img src=x\\>" in text


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_console_that_cannot_show_the_marks_gets_ascii_instead_of_a_crash(write_scenario, encoding):
    bot = run("play", "--text", "speeltuin-kort", "--auto", "best", encoding=encoding)
    assert bot.returncode == 0 and b"Traceback" not in bot.stderr, bot.stderr
    shown = bot.stdout.decode(encoding)
    assert "#" in shown and "✓" not in shown and "█" not in shown
    path = write_scenario(MINIMAL)
    played = run("play", "--text", path, "--no-rating", stdin=MINI_RUN, encoding=encoding)
    assert played.returncode == 0
    debrief = run("debrief", "1", encoding=encoding)
    assert debrief.returncode == 0 and b"Traceback" not in debrief.stderr, debrief.stderr
    assert "Nabespreking" in debrief.stdout.decode(encoding)
