"""Killing the simulator at any moment loses at most the choice being made.

A scripted ``play --text`` session is fed one choice at a time through a pipe, each only
after the player has asked for it (so every earlier choice has been answered and saved),
and killed with SIGKILL at a random moment: right after a choice is sent (while it is
being applied and written), a little later, or while the player waits. Afterwards the
journal must open as it is (not moved aside as damaged, SQLite's integrity check clean),
hold every choice the player had acknowledged — plus perhaps the one in flight, never a
half of it — and ``play --text --resume`` must carry the session on to its ending.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import Session, load_scenario
from simulator.journal import Journal
from simulator.places import JOURNAL_FILE
from tests.conftest import ROOT, SCENARIOS

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

SCENARIO = "speeltuin-kort"
SEED = 1  # the option order of the sessions played here (the player always types 1)
PROMPT = "(of q om te stoppen): "  # the Dutch choice prompt ends with this; flushed before each read
KILLS = 8


def first_option_path() -> list[str]:
    """The answers of a player who always types 1: one per preparation question and decision."""
    session = Session.start(load_scenario(str(SCENARIOS / f"{SCENARIO}.yaml")), seed=SEED)
    moves = []
    while not session.finished:
        if session.question is not None:
            moves.append(session.prep_options[0].id)
            session.answer(moves[-1])
        elif session.can_continue:
            session.advance()
        else:
            moves.append(session.choices[0].id)
            session.choose(moves[-1])
    return moves


def env_for(data: Path) -> dict[str, str]:
    return dict(os.environ, TUSSENWERKER_DATA=str(data), PYTHONUNBUFFERED="1", SDL_VIDEODRIVER="dummy",
                SDL_AUDIODRIVER="dummy")


class Player:
    """``play --text`` in a child process, talked to line by line."""

    def __init__(self, data: Path, *args: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "simulator", "play", "--text", "--seed", str(SEED), *args], cwd=ROOT,
            env=env_for(data),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.seen = b""
        self.prompts = 0

    def wait_for_prompt(self, count: int, timeout: float = 60.0) -> None:
        """Read output until the player has asked for input ``count`` times in all."""
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        while self.prompts < count:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no prompt {count} after {timeout} s; output ends: {self.seen[-300:]!r}")
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise AssertionError(f"player ended early: {self.seen[-300:]!r}")
                self.seen += chunk
                self.prompts = self.seen.decode("utf-8", "replace").count(PROMPT)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def saved(data: Path) -> tuple[int, int, bool]:
    """(session id, steps saved, finished) of the only session in the journal."""
    rows = sqlite3.connect(data / JOURNAL_FILE).execute("SELECT id, steps, finished FROM sessions").fetchall()
    assert len(rows) == 1, rows
    return rows[0][0], rows[0][1], bool(rows[0][2])


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(KILLS))
def test_a_killed_session_reopens_and_resumes_losing_at_most_the_choice_in_flight(tmp_path, seed):
    rnd = random.Random(seed)
    moves = first_option_path()
    data = tmp_path / "data"
    k = rnd.randrange(1, len(moves) + 1)  # the choice during or after which the process dies
    moment = rnd.choice(["in flight", "just after", "waiting"])
    player = Player(data, SCENARIO)
    try:
        for i in range(1, k + 1):
            player.wait_for_prompt(i)
            player.send("1")
        if moment == "in flight":
            time.sleep(rnd.uniform(0, 0.005))
        elif moment == "just after":
            time.sleep(rnd.uniform(0.005, 0.05))
        else:
            if k < len(moves):
                player.wait_for_prompt(k + 1)  # choice k was answered, so it was saved
            else:
                time.sleep(0.3)
    finally:
        player.kill()
    acknowledged = k if (moment == "waiting" and k < len(moves)) else k - 1

    # The journal opens as it is: not damaged, not moved aside.
    journal = Journal(data / JOURNAL_FILE)
    try:
        assert journal.notice is None
        assert not list(data.glob(f"{JOURNAL_FILE}.corrupt-*"))
        check = sqlite3.connect(data / JOURNAL_FILE).execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"
        session_id, steps, finished = saved(data)
        assert acknowledged <= steps <= k, (moment, k, steps)  # at most the choice in flight is lost
        if steps:
            record = journal.get(session_id)
            scenario = load_scenario(str(SCENARIOS / f"{SCENARIO}.yaml"))
            resumed = journal.resume(session_id, scenario)
            assert [d.choice_id for d in resumed.history] == moves[:steps]  # whole steps, in order
            resumed.close()
            assert record.steps == steps
    finally:
        journal.close()
    if steps == 0 or finished:
        return

    # ``--resume`` carries on from there to the ending.
    rest = len(moves) - steps
    out = subprocess.run([sys.executable, "-m", "simulator", "play", "--text", "--resume"], cwd=ROOT,
                         env=env_for(data), input="1\n" * rest, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    _, steps_after, finished_after = saved(data)
    assert finished_after and steps_after == len(moves)
