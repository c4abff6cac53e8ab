"""Issue 21's first "done when", through the real commands: a session played in the terminal while
the LRS is down waits in the outbox; once the LRS is up, ``sync`` (or the next session's
background sender) delivers every statement exactly once, and ``report --lrs`` shows the session
with the same figures as the journal it came from.

The LRS is ``tests/fake_lrs.py`` run as a process of its own on a fixed port, so "down" is a
port nobody listens on and "up" is a server started later at the same address.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections import Counter

import pytest

from simulator.xapi.client import LrsClient
from simulator.xapi.config import load_config
from tests.conftest import ROOT
from tests.test_export import run
from tests.xapi_helpers import configure, outbox_rows, play

KEY, SECRET = "academie", "geheim-en-lang-genoeg"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lrs_address(monkeypatch):
    port = free_port()
    configure(monkeypatch, f"http://127.0.0.1:{port}/xAPI/", KEY, SECRET)
    return port


@pytest.fixture
def start_lrs(lrs_address):
    """Start the LRS (later, when the test says so); stopped at the end."""
    started: list[subprocess.Popen] = []

    def start() -> None:
        proc = subprocess.Popen([sys.executable, "-m", "tests.fake_lrs", str(lrs_address), KEY, SECRET],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started.append(proc)
        line = proc.stdout.readline()  # the endpoint, once it listens
        assert line.startswith("http://127.0.0.1:"), proc.stderr.read()

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(timeout=10)


def play_in_terminal(scenario: str = "speeltuin-kort") -> subprocess.CompletedProcess:
    """A whole session in the terminal player, always the first option shown (orders differ per session)."""
    result = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", scenario], input="1\n" * 300,
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Opgeslagen als sessie" in result.stdout and "Traceback" not in result.stderr
    return result


def stored() -> list[dict]:
    return list(LrsClient(load_config()).statements())


@pytest.mark.slow
def test_played_offline_then_sync_delivers_once_and_the_cohort_report_shows_it(start_lrs, tmp_path):
    first = play_in_terminal()
    assert "resultaten wachten op verzending" in first.stderr and "tussenwerker sync" in first.stderr
    rows = outbox_rows()
    assert rows and all(r[4] is None for r in rows)  # nothing sent, nothing lost
    offline = run("sync")
    assert offline.returncode == 1 and "can't reach the LRS" in offline.stderr

    start_lrs()
    synced = run("sync")
    assert synced.returncode == 0, synced.stderr
    assert f"{len(rows)} resultaten verzonden" in synced.stdout and "Alle resultaten zijn verzonden" in synced.stdout
    statements = stored()
    assert Counter(s["id"] for s in statements) == Counter(r[2] for r in rows)  # each once, none missing
    again = run("sync")
    assert again.returncode == 0 and "0 resultaten verzonden" in again.stdout
    assert len(stored()) == len(rows)

    from_lrs, from_journal = tmp_path / "lrs.csv", tmp_path / "journal.csv"
    assert run("report", "--lrs", "--csv", str(from_lrs)).returncode == 0
    assert run("report", "--csv", str(from_journal)).returncode == 0
    assert from_lrs.read_text(encoding="utf-8") == from_journal.read_text(encoding="utf-8")
    shown = run("report", "--lrs", "--scenario", "speeltuin-kort")
    assert shown.returncode == 0 and "(speeltuin-kort): 1 afgeronde sessie" in shown.stdout


@pytest.mark.slow
def test_the_next_sessions_background_sender_delivers_what_waited(start_lrs, tmp_path):
    play_in_terminal()
    waiting = outbox_rows()
    start_lrs()
    play_in_terminal("speeltuin")  # its background sender finds the LRS up
    rows = outbox_rows()
    if any(r[4] is None for r in rows):  # the session's last statements may still be on their way
        assert run("sync").returncode == 0
    assert Counter(s["id"] for s in stored()) == Counter(r[2] for r in rows)
    assert {r[2] for r in waiting} <= {s["id"] for s in stored()}
    report = run("report", "--lrs")
    assert report.returncode == 0
    assert "(speeltuin-kort): 1 afgeronde sessie" in report.stdout and "(speeltuin): 1 afgeronde" in report.stdout


@pytest.mark.slow
def test_wrong_credentials_and_a_wrong_address_are_one_line_each(start_lrs, monkeypatch, tmp_path):
    play([1])
    start_lrs()
    monkeypatch.setenv("TUSSENWERKER_LRS_SECRET", "verkeerd")
    for command in (("sync",), ("report", "--lrs")):
        result = run(*command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip().endswith("the LRS refused the key and secret (401)")
        assert len(result.stderr.strip().splitlines()) == 1 and "verkeerd" not in result.stdout + result.stderr
    monkeypatch.setenv("TUSSENWERKER_LRS_SECRET", SECRET)
    monkeypatch.setenv("TUSSENWERKER_LRS_ENDPOINT", "http://127.0.0.1:99999/xAPI/")
    for command, code in ((("sync",), 2), (("report", "--lrs"), 1)):
        result = run(*command)
        assert result.returncode == code
        assert result.stderr.strip() == "TUSSENWERKER_LRS_ENDPOINT: endpoint http://127.0.0.1:99999/xAPI/ has no " \
                                        "usable port number"
    assert all(r[4] is None for r in outbox_rows())  # nothing was lost on the way
