"""Delivering the outbox: nothing lost, nothing twice, whatever the LRS does (tests/fake_lrs.py)."""

from __future__ import annotations

import json
import time

import pytest

from simulator.journal import Journal
from simulator.xapi.client import LrsClient
from simulator.xapi.config import load_config
from simulator.xapi.sender import BackgroundSender, Sender, Status
from tests.conftest import ROOT
from tests.fake_lrs import FakeLrs
from tests.test_export import run
from tests.xapi_helpers import configure, outbox_rows, play

SECRET = "s3cr3t-VALUE-never-shown"


@pytest.fixture
def lrs(monkeypatch):
    with FakeLrs() as fake:
        configure(monkeypatch, fake.endpoint)
        yield fake


def sender(timeout: float = 5.0) -> Sender:
    config = load_config()
    with Journal() as journal:
        path = str(journal.path)
    return Sender(path, config, LrsClient(config, timeout=timeout))


@pytest.mark.slow
def test_sync_delivers_everything_once_in_order(lrs):
    play(range(3))
    rows = outbox_rows()
    result = run("sync")
    assert result.returncode == 0, result.stderr
    assert "Alle resultaten zijn verzonden" in result.stdout
    assert set(lrs.stored) == {r[2] for r in rows}
    assert all(r[4] is not None for r in outbox_rows())
    sent_order = [json.loads(s)["id"] for body in lrs.bodies for s in _split(body)]
    assert sent_order == [r[2] for r in rows]  # in the order the steps wrote them
    assert run("sync").returncode == 0 and lrs.posts == len(lrs.bodies)  # nothing left: no request


def _split(body: bytes) -> list[str]:
    return [json.dumps(s) for s in json.loads(body)]


@pytest.mark.slow
def test_an_lrs_that_is_down_loses_nothing_and_the_next_sync_delivers(lrs):
    play([1])
    lrs.mode = "down"
    result = run("sync")
    assert result.returncode == 1
    assert "wachten op verzending" in result.stdout and "500" in result.stderr
    assert lrs.stored == {} and all(r[4] is None for r in outbox_rows())
    lrs.mode = "ok"
    assert run("sync").returncode == 0
    assert len(lrs.stored) == len(outbox_rows())


def test_a_lost_answer_is_retried_with_the_same_bytes_and_stored_once(lrs):
    play([2])
    lrs.mode = "lose"  # the LRS stores the batch, the answer never arrives
    first = sender().drain()
    assert first.error is not None and first.error.kind in ("offline", "server", "timeout")
    stored = dict(lrs.stored)
    assert stored and all(r[4] is None for r in outbox_rows())
    lrs.mode = "ok"
    again = sender().drain()
    assert again.error is None and lrs.stored == stored  # the LRS had them: 204, nothing new
    assert lrs.bodies[0] == lrs.bodies[1]  # byte for byte what the first attempt sent


@pytest.mark.slow
def test_wrong_credentials_say_so_and_nothing_is_lost(lrs, monkeypatch):
    play([3])
    monkeypatch.setenv("TUSSENWERKER_LRS_SECRET", "wrong")
    result = run("sync")
    assert result.returncode == 1 and "401" in result.stderr and "wrong" not in result.stderr + result.stdout
    assert lrs.stored == {}
    monkeypatch.setenv("TUSSENWERKER_LRS_SECRET", SECRET)
    assert run("sync").returncode == 0 and len(lrs.stored) == len(outbox_rows())


@pytest.mark.slow
def test_an_invalid_statement_is_kept_aside_and_the_rest_delivered(lrs):
    play([4])
    rows = outbox_rows()
    lrs.invalid = {rows[5][2]}
    result = run("sync")
    assert result.returncode == 1 and "geweigerd" in result.stdout
    assert set(lrs.stored) == {r[2] for r in rows} - lrs.invalid
    status = run("sync", "--status")
    assert "refused #6 (decision:3)" in status.stdout and SECRET not in status.stdout
    lrs.invalid = set()
    assert run("sync", "--retry-rejected").returncode == 0 and len(lrs.stored) == len(rows)


@pytest.mark.slow
def test_a_slow_lrs_costs_the_sender_not_the_player(lrs, monkeypatch):
    """While the sender waits on a slow LRS, a session is played: every step's save stays fast."""
    from engine import load_scenario
    from simulator.botplay import play_bot
    from simulator.xapi.sender import start_background
    lrs.mode, lrs.delay = "slow", 1.5
    scenario = load_scenario(str(ROOT / "scenarios" / "speeltuin-kort.yaml"))
    with Journal() as journal:
        background = start_background(journal)
        assert background is not None
        step_times: list[float] = []
        last = [time.perf_counter()]

        def timed(_session) -> None:
            now = time.perf_counter()
            step_times.append(now - last[0])
            last[0] = now

        play_bot(scenario, 1, journal, on_step=timed)
        deadline = time.monotonic() + 20  # the sender's first post may wait on a busy machine
        while lrs.posts < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        background.stop(timeout=5)
    assert max(step_times) < 0.5, max(step_times)
    assert lrs.posts >= 1  # the sender did talk to the slow LRS meanwhile


@pytest.mark.slow
def test_the_background_sender_backs_off_and_delivers_when_the_lrs_returns(lrs):
    lrs.mode = "down"
    play([5])
    with Journal() as journal:
        config = load_config()
        background = BackgroundSender(str(journal.path), config, LrsClient(config, timeout=2)).start()
        deadline = time.time() + 10
        while background.status().kind is None and time.time() < deadline:
            time.sleep(0.05)
        status = background.status()
        assert status.kind == "server" and status.next_try is not None and status.waiting > 0
        assert "LRS niet bereikbaar" in status.line("nl")
        lrs.mode = "ok"
        background.nudge()  # a nudge during backoff doesn't hurry it: it waits its turn
        deadline = time.time() + 15
        while background.status().waiting and time.time() < deadline:
            time.sleep(0.1)
        background.stop()
    assert background.status().waiting == 0 and len(lrs.stored) == len(outbox_rows())


def test_status_lines_are_calm_and_say_what_waits():
    assert Status(True, 12).line("nl") == "12 resultaten wachten op verzending"
    assert Status(True, 0).line("nl") is None
    assert "inloggegevens" in Status(True, 3, kind="auth", next_try=time.time()).line("nl")
    assert "geen LRS" in Status(False, 3).line("nl")


@pytest.mark.slow
def test_credentials_stay_out_of_messages_exports_and_logs(lrs, monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("TUSSENWERKER_LRS_ENDPOINT", lrs.endpoint.replace("http://", "http://user:pw-in-url@"))
    play([6])
    lrs.mode = "down"
    with caplog.at_level("DEBUG"):
        result = sender().drain()
    text = str(result.error) + caplog.text + run("sync").stderr + run("sync", "--status").stdout
    assert run("privacy", "export", str(tmp_path / "me.json")).returncode == 0
    text += (tmp_path / "me.json").read_text(encoding="utf-8")
    text += "".join(r[0] for r in Journal().db.execute("SELECT statement FROM outbox"))
    for secret in (SECRET, "pw-in-url", "tw-key"):
        assert secret not in text


@pytest.mark.parametrize("raw, words", [
    ('{"endpoint": "http://[::1/xAPI/", "key": "k", "secret": "s"}', "endpoint is not a usable URL"),
    ('{"endpoint": "http://127.0.0.1:9/\\u001b]0;X\\u0007", "key": "k", "secret": "s"}',
     "endpoint contains spaces or control characters"),
    ('{"a": ' * 5000 + "1" + "}" * 5000, "nested far too deep"),
])
def test_a_broken_lrs_file_is_one_line_and_every_session_goes_on(tmp_path, monkeypatch, raw, words):
    """An LRS file an IT department got wrong crashed every command that opens the journal (and the
    window): a trainee could not even play. Now it is one line, and the journal works without an LRS."""
    from simulator.xapi.config import load_quietly
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "lrs.json").write_text(raw, encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_CONFIG", str(config_dir))
    config, notice = load_quietly()
    assert not config.enabled and notice is not None and words in notice and "\n" not in notice
    assert "\x1b" not in notice and "\x07" not in notice  # nothing from the file that a terminal would obey
    with Journal(tmp_path / "journal.sqlite3") as journal:
        assert journal.config_notice == notice and journal.sessions() == []


@pytest.mark.slow
def test_a_statement_damaged_in_the_journal_is_set_aside_and_the_rest_delivered(lrs):
    """A draft that is no statement any more crashed sync, and in a session the sender stopped for
    good, saying the LRS could not be reached."""
    play([4])
    with Journal() as journal:
        rowid, key = journal.db.execute("SELECT id, key FROM outbox WHERE ready = 0 ORDER BY id LIMIT 1").fetchone()
        journal.db.execute("UPDATE outbox SET statement = ? WHERE id = ?", ("[1, 2]", rowid))
    rows = outbox_rows()
    result = run("sync")
    assert "Traceback" not in result.stderr and "geweigerd" in result.stdout
    damaged = next(r[2] for r in rows if r[1] == key)
    assert set(lrs.stored) == {r[2] for r in rows} - {damaged}
    assert f"({key})" in run("sync", "--status").stdout
