"""SIGTERM and SIGINT save and exit cleanly: in the terminal player and in the window mid-meeting
(where closing the window would ask "quit the meeting?", a signal must not)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from simulator.journal import Journal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def simulator(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "simulator", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def wait_for_steps(n: int, timeout: float = 30.0):
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        with Journal() as journal:
            record = journal.last_unfinished()
        if record is not None and record.steps >= n:
            return record
        time.sleep(0.1)
    raise AssertionError(f"no session with {n} steps saved within {timeout} s")


def play_three_steps() -> tuple[subprocess.Popen, int]:
    """A terminal game with three decisions taken, waiting for the fourth."""
    game = simulator("play", "--text", "speeltuin-kort", "--no-mood", stdin=subprocess.PIPE)
    assert game.stdin is not None
    game.stdin.write("1\n\n1\n\n\n1\n\n")  # Enter continues a line; numbers choose
    game.stdin.flush()
    return game, wait_for_steps(3).id


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_the_terminal_player_stops_cleanly_with_its_steps_saved(sig):
    game, sid = play_three_steps()
    game.send_signal(sig)
    out, err = game.communicate(timeout=20)
    assert game.returncode == 0, err
    assert err.strip().splitlines()[-1] == "Sessie gestopt."
    assert "Traceback" not in err
    with Journal() as journal:
        record = journal.get(sid)
    assert not record.finished and record.steps >= 3


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_the_window_mid_meeting_saves_and_closes_without_asking(tmp_path, sig):
    game, sid = play_three_steps()
    game.send_signal(signal.SIGTERM)
    game.communicate(timeout=20)
    report = tmp_path / "first frame.json"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "TUSSENWERKER_FIRST_FRAME_REPORT": str(report)}
    window = simulator("play", "--resume", str(sid), env=env)  # straight into the meeting
    until = time.monotonic() + 30
    while not report.exists() and time.monotonic() < until and window.poll() is None:
        time.sleep(0.05)
    assert report.exists(), window.communicate(timeout=5)
    time.sleep(1.5)  # the meeting is built and the frame loop waits for input
    window.send_signal(sig)
    try:
        _, err = window.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        window.kill()
        window.communicate()
        raise AssertionError("the window didn't close on the signal (a quit question?)") from None
    assert window.returncode == 0 and "Traceback" not in err, err
    with Journal() as journal:
        record = journal.get(sid)
    assert not record.finished and record.steps >= 3
