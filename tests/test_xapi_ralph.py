"""Against a real LRS: Ralph (openfun/ralph) with its file-system backend, started and stopped as a
process of its own. Opt-in, never a dependency: install Ralph in a venv of its own and name its
``ralph`` command in ``TUSSENWERKER_RALPH``::

    python3 -m venv /opt/ralph && /opt/ralph/bin/pip install "ralph-malph[lrs,cli,backend-fs]" requests
    TUSSENWERKER_RALPH=/opt/ralph/bin/ralph .venv/bin/python -m pytest -m slow -n0 tests/test_xapi_ralph.py

Ralph 5.1's file backend stores only its first write (a later POST of new statements is answered
500, see docs/xapi.md), so each test delivers its statements in one request.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from simulator.xapi.client import LrsClient
from simulator.xapi.config import load_config
from tests.test_export import run
from tests.test_xapi_e2e import free_port, play_in_terminal
from tests.xapi_helpers import configure, outbox_rows

RALPH = os.environ.get("TUSSENWERKER_RALPH", "")
KEY, SECRET = "academie", "een-lang-geheim-voor-ralph"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (RALPH and Path(RALPH).is_file()),
                                 reason="TUSSENWERKER_RALPH names no ralph command (opt-in: a real LRS)")]


class Ralph:
    """``ralph runserver -b fs`` on 127.0.0.1, its credentials made with ``ralph auth``."""

    def __init__(self, folder: Path, port: int):
        self.port = port
        self.data = folder / "data"
        self.data.mkdir(parents=True)
        self.env = {**os.environ, "RALPH_APP_DIR": str(folder / "app"), "RALPH_RUNSERVER_BACKEND": "fs"}
        made = subprocess.run([RALPH, "auth", "-u", KEY, "-p", SECRET, "-s", "all",
                               "-M", "mailto:trainer@academie.example", "-w"],
                              env=self.env, capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen([RALPH, "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(self.port),
                                      "--fs-default-directory-path", str(self.data)],
                                     env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)  # its reloader's children go with it
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("Ralph did not start within a minute")

    def stop(self) -> None:
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
            self.proc = None


@pytest.fixture
def ralph(tmp_path, monkeypatch):
    port = free_port()
    configure(monkeypatch, f"http://127.0.0.1:{port}/xAPI/", KEY, SECRET)
    server = Ralph(tmp_path / "ralph", port)
    yield server
    server.stop()


def stored() -> list[dict]:
    return list(LrsClient(load_config()).statements())


def test_played_while_ralph_is_down_then_delivered_once_read_back_after_a_restart(ralph, tmp_path):
    first = play_in_terminal("speeltuin")
    assert "wachten op verzending" in first.stderr
    rows = outbox_rows()
    assert len(rows) <= 50  # one request: the file backend's limit

    ralph.start()
    assert run("sync").returncode == 0
    assert Counter(s["id"] for s in stored()) == Counter(r[2] for r in rows)

    ralph.stop()  # killed and started again: what it stored is still there, once
    ralph.start()
    assert Counter(s["id"] for s in stored()) == Counter(r[2] for r in rows)
    from_lrs, from_journal = tmp_path / "lrs.csv", tmp_path / "journal.csv"
    assert run("report", "--lrs", "--csv", str(from_lrs)).returncode == 0
    assert run("report", "--csv", str(from_journal)).returncode == 0
    assert from_lrs.read_text(encoding="utf-8") == from_journal.read_text(encoding="utf-8")
    shown = run("report", "--lrs", "--scenario", "speeltuin")
    assert shown.returncode == 0 and "(speeltuin): 1 afgeronde sessies" in shown.stdout


def test_a_batch_sent_again_is_stored_once(ralph):
    """An answer lost on the way back: the sender sends the same batch again; Ralph keeps one copy."""
    play_in_terminal()
    ralph.start()
    assert run("sync").returncode == 0
    rows = outbox_rows()
    from simulator.journal import Journal
    with Journal() as journal:
        journal.db.execute("UPDATE outbox SET sent_at = NULL")  # as if the answer never came
        journal.db.commit()
    again = run("sync")
    assert again.returncode == 0 and f"{len(rows)} resultaten verzonden" in again.stdout
    assert Counter(s["id"] for s in stored()) == Counter(r[2] for r in rows)
