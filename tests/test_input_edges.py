"""Inputs at their edges: one line naming file, line and column, exit 1, no traceback, in bounded time.

Each class of odd input a trainer, a trainee or a stray file can bring: paths that are not
regular files, control characters, pathological conditions, ids with a trailing newline,
duplicate keys in plans, over-long names, session numbers SQLite can't hold, arguments that
aren't UTF-8, and settings or cache files that aren't what they should be.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from engine import ScenarioError, load_scenario, load_scenario_text
from simulator import settings as settings_mod
from simulator.window.cards_cache import scenario_cards
from tests.conftest import ROOT, SCENARIOS
from tests.crafted import MINIMAL


def run(*args, timeout: float = 60, cwd=ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, cwd=cwd,
                          timeout=timeout, env=env)


def one_line_error(result: subprocess.CompletedProcess, code: int = 1) -> str:
    out = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == code, out
    assert "Traceback" not in out
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


# -- paths that are not regular files -------------------------------------------------------------
def _fifo(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    return tmp_path / "pipe.yaml", "is a pipe"


def _socket(tmp_path):
    path = tmp_path / "sock.yaml"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    return path, "no such device"


def _loop(tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    return tmp_path / "a.yaml", "symbolic links"


def _dev_zero(tmp_path):
    return "/dev/zero", "is a device"


def _dev_null(tmp_path):
    return "/dev/null", "is a device"


def _folder_with_no_scenarios(tmp_path):
    (tmp_path / "leeg").mkdir()
    return tmp_path / "leeg", ("no .yaml or .yml scenario files", "is a directory")


NOT_FILES = {"fifo": _fifo, "socket": _socket, "symlink loop": _loop, "/dev/zero": _dev_zero,
             "/dev/null": _dev_null, "empty folder": _folder_with_no_scenarios}


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pipes, sockets and devices as POSIX has them")
@pytest.mark.parametrize("kind", sorted(NOT_FILES))
def test_paths_that_are_not_regular_files_never_block_and_say_what_they_are(tmp_path, kind):
    path, words = NOT_FILES[kind](tmp_path)
    started = time.monotonic()
    for command in (("validate", str(path)), ("play", "--text", str(path))):
        line = one_line_error(run(*command, timeout=30))
        wanted = (words,) if isinstance(words, str) else words
        assert line.startswith(f"{path}:1:1: ") and any(w in line.lower() for w in wanted), line
    assert time.monotonic() - started < 30


def test_an_unreadable_folder_is_one_line(tmp_path, monkeypatch, capsys):
    from simulator.cli import main as cli
    folder = tmp_path / "dicht"
    folder.mkdir()
    real_listdir = os.listdir

    def denied(path):
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied")
        return real_listdir(path)
    monkeypatch.setattr(os, "listdir", denied)
    monkeypatch.setattr(type(folder), "iterdir", lambda self: (_ for _ in ()).throw(PermissionError(13, "no")))
    assert cli.main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out.strip()
    assert out == f"{folder}:1:1: cannot read folder: Permission denied"


# -- control characters in any text ----------------------------------------------------------------
CONTROLS = {
    "\\e (ESC)": r'"\e]0;pwned\a"', "\\x1b (CSI)": r'"\x1b[2J"', "\\0 (NUL)": r'"a\0b"', "\\a (BEL)": r'"a\ab"',
    "\\r (CR)": r'"a\rb"', "\\x7f (DEL)": r'"a\x7fb"', "\\x9b (8-bit CSI)": r'"a\x9b31m"', "\\N (NEL)": r'"a\Nb"',
    "\\b (backspace)": r'"a\bb"', "\\v (vertical tab)": r'"a\vb"',
}
PLACES = {
    "title": ("title: {nl: Mini, en: Mini}", "title: {{nl: {v}, en: Mini}}", "title (nl)"),
    "resident name": ("name: Ineke Bakker", "name: {v}", "resident 'ineke' name"),
    "choice text": ("text: {nl: Vertel eens., en: Tell me.}", "text: {{nl: {v}, en: Tell me.}}",
                    "choice opening.luisteren text (nl)"),
}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("control", sorted(CONTROLS))
def test_control_characters_in_any_text_are_an_error_at_their_line(place, control):
    old, new, where = PLACES[place]
    text = MINIMAL.replace(old, new.format(v=CONTROLS[control]), 1)
    line_no = text[: text.index(new.format(v=CONTROLS[control]))].count("\n") + 1
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "s.yaml")
    problems = [p for p in err.value.problems if "control character" in p.message]
    assert len(problems) == 1 and problems[0].line == line_no and where in problems[0].message, err.value


def test_tabs_and_newlines_in_text_are_fine():
    text = MINIMAL.replace("title: {nl: Mini, en: Mini}", 'title: {nl: "Mini\\tklein\\nregel", en: Mini}')
    assert load_scenario_text(text, "s.yaml").title.get("nl") == "Mini\tklein\nregel"


# -- pathological conditions ------------------------------------------------------------------------
CONDITIONS = {
    "deep brackets": ("(" * 40 + "ineke.trust >= 1" + ")" * 40, "nested more than"),
    "deep not": ("not " * 40 + "flag.kent_belang", "nested more than"),
    "very long": (" and ".join(["ineke.trust >= 1"] * 80), "characters long"),
    "huge number": ("ineke.trust >= " + "9" * 4000, "characters long"),
    "big number": ("ineke.trust >= 99999999999", "too big"),
    "beyond the bound": ("ineke.trust >= -1000001", "too big"),
}


@pytest.mark.parametrize("case", sorted(CONDITIONS))
def test_pathological_conditions_are_one_positioned_error_in_bounded_time(write_scenario, case):
    condition, words = CONDITIONS[case]
    path = write_scenario(MINIMAL.replace('when: "prep.belang"', f'when: "{condition}"'))
    started = time.monotonic()
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert time.monotonic() - started < 5
    [problem] = err.value.problems
    assert problem.line == MINIMAL[: MINIMAL.index('when: "prep.belang"')].count("\n") + 1
    assert words in problem.message and "\n" not in problem.message


def test_a_long_but_sensible_condition_still_loads(write_scenario):
    condition = " and ".join(["ineke.trust >= 1"] * 45)  # 940 characters
    assert load_scenario(write_scenario(MINIMAL.replace('when: "prep.belang"', f'when: "{condition}"')))


# -- ids with a trailing newline, duplicate keys in plans -----------------------------------------
@pytest.mark.parametrize("old,new", [
    ("id: mini", 'id: "mini\\n"'), ("id: luisteren", "id: |\n          luisteren"),
    ("start: opening", 'start: "opening\\n"'), ("- id: ineke", '- id: "ineke\\n"'),
])
def test_ids_with_a_trailing_newline_are_refused(old, new):
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(MINIMAL.replace(old, new, 1), "s.yaml")
    assert any("may only use letters" in p.message for p in err.value.problems), err.value


def test_a_key_written_twice_in_a_plan_is_an_error_with_its_line(tmp_path):
    plan = tmp_path / "dubbel.plan"
    plan.write_text(f"scenario: {SCENARIOS / 'speeltuin-kort.yaml'}\nchoices: [a]\nexpect: {{ending: x}}\n"
                    "choices: [b]\n", encoding="utf-8")
    result = run("test", str(plan))
    out = result.stdout.decode()
    assert result.returncode == 1 and "Traceback" not in out + result.stderr.decode()
    assert f"{plan}:4:1: duplicate key 'choices' (first on line 2)" in out


# -- names, numbers and arguments --------------------------------------------------------------------
def test_a_300_character_name_for_new_is_one_line(tmp_path):
    line = one_line_error(run("new", "a" * 300, cwd=tmp_path), code=2)
    assert "305 characters long" in line and "at most 100" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", " ", ".yaml", "sub/.yml"])
def test_new_named_after_nothing_writes_no_hidden_file(tmp_path, name):
    (tmp_path / "sub").mkdir()
    line = one_line_error(run("new", name, cwd=tmp_path), code=2)
    assert "gives no usable scenario id" in line
    assert [p.name for p in tmp_path.rglob("*")] == ["sub"]


@pytest.mark.parametrize("args", [("debrief", "9" * 25), ("replay", "9" * 25, "1"), ("debrief", "-" + "9" * 25),
                                  ("play", "--text", "--resume", "9" * 30)])
def test_session_numbers_too_big_for_sqlite_are_no_such_session(args):
    line = one_line_error(run(*args))
    assert "there is no session" in line


@pytest.mark.skipif(os.name != "posix", reason="POSIX arguments are bytes")
@pytest.mark.parametrize("args", [(b"validate", b"caf\xe9.yaml"), (b"play", b"--text", b"\xff\xfe"),
                                  (b"new", b"na\xefve"), (b"play", b"--text", b"speeltuin-kort", b"--trainee",
                                                           b"J\xf6rg")])
def test_arguments_that_are_not_utf8_are_one_line(tmp_path, args):
    result = subprocess.run([sys.executable.encode(), b"-m", b"simulator", *args], capture_output=True, cwd=tmp_path,
                            timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    line = one_line_error(result)
    assert "not valid UTF-8" in line
    assert list(tmp_path.iterdir()) == []


# -- settings and cache files that aren't what they should be --------------------------------------
def _settings_cases(path):
    return {
        "a folder": lambda: path.mkdir(),
        "a pipe": lambda: os.mkfifo(path),
        "binary garbage": lambda: path.write_bytes(b"\x00\xff\xfe garbage" * 50),
        "not UTF-8": lambda: path.write_bytes('{"language": "n\xe9"}'.encode("latin-1")),
        "a JSON list": lambda: path.write_text("[1, 2, 3]"),
        "huge": lambda: path.write_text('{"language": "en", "pad": "' + "x" * 200_000 + '"}'),
        "deeply nested": lambda: path.write_text("[" * 100_000 + "]" * 100_000),
        "wrong values": lambda: path.write_text(json.dumps({"language": "fr", "text_size": 3, "fullscreen": "yes",
                                                            "coach": True, "colour": "red"})),
    }


@pytest.mark.parametrize("case", ["a folder", "a pipe", "binary garbage", "not UTF-8", "a JSON list", "huge",
                                  "deeply nested", "wrong values"])
def test_a_bad_settings_file_gives_defaults_and_says_what_was_ignored(case):
    path = settings_mod.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    _settings_cases(path)[case]()
    started = time.monotonic()
    loaded, ignored = settings_mod.load_checked()
    assert time.monotonic() - started < 5
    assert len(ignored) == 1 and ignored[0].startswith(str(path)) and "\n" not in ignored[0]
    if case == "wrong values":
        assert loaded == settings_mod.Settings(coach=True)  # the one good value is kept
        for word in ("language='fr'", "text_size='3'", "fullscreen='yes'", "unknown 'colour'"):
            assert word in ignored[0]
    else:
        assert loaded == settings_mod.Settings()


@pytest.mark.slow
def test_the_window_starts_with_defaults_and_shows_what_it_ignored(monkeypatch):
    from simulator.window import startup
    from simulator.window.app import App
    path = settings_mod.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"text_size": "enormous"}))
    seen = {}
    real_run = App.run

    def spy(self, quit_after_first_frame: bool = False) -> int:
        seen.update(notice=self.notice, size=self.settings.text_size, stack=[s.name for s in self.stack])
        return real_run(self, quit_after_first_frame=quit_after_first_frame)
    monkeypatch.setattr(App, "run", spy)
    assert startup.run(argparse.Namespace(quit_after_first_frame=True, lang="en"), None) == 0
    assert seen["stack"] == ["start"] and seen["size"] == "normal"
    assert "text_size='enormous'" in seen["notice"] and str(path) in seen["notice"]


@pytest.mark.parametrize("content", [b"\x00garbage", b"[]", b'{"version": 1, "cards": []}',
                                     b'{"version": 1, "cards": {"X": {"stamp": 1, "card": {"id": 5}}}}', "pipe",
                                     "folder"])
def test_a_bad_card_cache_is_rebuilt_never_trusted(tmp_path, content):
    cache = tmp_path / "cards.json"
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "mini.yaml").write_text(MINIMAL, encoding="utf-8")
    if content == "pipe":
        os.mkfifo(cache)
    elif content == "folder":
        cache.mkdir()
    else:
        cache.write_bytes(content)
    cards = scenario_cards(folder, cache)
    assert [c.id for c in cards] == ["mini"]


def test_a_cached_card_with_the_wrong_types_is_loaded_again(tmp_path):
    cache = tmp_path / "cards.json"
    folder = tmp_path / "scenarios"
    folder.mkdir()
    scenario = folder / "mini.yaml"
    scenario.write_text(MINIMAL, encoding="utf-8")
    st = scenario.stat()
    forged = {"id": "mini", "title": {"nl": 5}, "summary": {"nl": "x"}, "residents": [1], "language": "nl"}
    cache.write_text(json.dumps({"version": 1, "cards": {str(scenario): {"stamp": [st.st_size, st.st_mtime_ns],
                                                                        "card": forged}}}))
    [card] = scenario_cards(folder, cache)
    assert card.title.get("nl") == "Mini" and card.residents == ("Ineke Bakker", "Bert Veenstra")


def test_words_typed_in_a_terminal_that_is_not_utf8_are_kept(tmp_path):
    """A Latin-1 terminal typing "é" in own words: the whole session could not be saved (SQLite
    refused the undecodable byte); now the words are kept as the trainee meant them."""
    from simulator.terminal.typed import typed
    assert typed("caf\udce9") == "café" and typed("café") == "café" and typed("x\udc81") == "x\ufffd"
    env = dict(os.environ, PYTHONPATH=str(ROOT), TUSSENWERKER_DATA=str(tmp_path / "d"),
               TUSSENWERKER_CONFIG=str(tmp_path / "c"), PYTHONIOENCODING="utf-8:surrogateescape")
    played = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", "speeltuin-kort", "--no-rating",
                             "--seed", "3", "--own-words"], input=b"1\n1\n1\nik zeg caf\xe9\n1\n", cwd=ROOT,
                            capture_output=True, env=env, timeout=120)
    assert played.returncode == 0 and b"Traceback" not in played.stderr, played.stderr
    shown = subprocess.run([sys.executable, "-m", "simulator", "debrief", "1"], cwd=ROOT, capture_output=True,
                           env=env, timeout=120)
    assert "ik zeg café" in shown.stdout.decode("utf-8")
