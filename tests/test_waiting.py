"""While a long analysis runs, a terminal shows what is running and for how long, and the line
is wiped when it ends; anything that isn't a terminal (a pipe, a file, a test) gets nothing."""

from __future__ import annotations

import io
import threading
import time

import pytest

import simulator.waiting as waiting_module
from simulator.waiting import waiting


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(waiting_module, "AFTER", 0.05)
    monkeypatch.setattr(waiting_module, "EVERY", 0.05)


def test_a_long_wait_on_a_terminal_says_what_runs_and_wipes_the_line_afterwards(quick):
    out = Terminal()
    with waiting("analysing x.yaml ...", out):
        time.sleep(0.3)
    written = out.getvalue()
    assert "\ranalysing x.yaml ... 0 s" in written
    assert written.count("\r") >= 3  # rewritten in place, then wiped
    last_line = max(len(part) for part in written.split("\r"))
    assert written.endswith("\r" + " " * last_line + "\r")


def test_a_short_wait_shows_nothing(quick, monkeypatch):
    monkeypatch.setattr(waiting_module, "AFTER", 5.0)
    out = Terminal()
    with waiting("checking x.yaml ...", out):
        pass
    assert out.getvalue() == ""


def test_nothing_is_written_where_it_is_not_a_terminal(quick):
    out = io.StringIO()  # piped or redirected: scripts read this
    with waiting("checking x.yaml ...", out):
        time.sleep(0.2)
    assert out.getvalue() == ""
    assert not any(t.name == "waiting" for t in threading.enumerate())


def test_the_line_is_wiped_and_the_error_passes_on_when_the_work_fails(quick):
    out = Terminal()
    with pytest.raises(RuntimeError, match="loop"):
        with waiting("analysing x.yaml ...", out):
            time.sleep(0.15)
            raise RuntimeError("automatic transitions loop")
    assert out.getvalue().endswith(" \r")
    assert not any(t.name == "waiting" for t in threading.enumerate())


def test_analyze_piped_prints_only_its_report(tmp_path, capsys):
    """The commands that wait keep stdout and stderr as they were when they aren't a terminal."""
    from simulator.cli.main import main
    assert main(["analyze", "--json", "speeltuin-kort"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.lstrip().startswith("{")
