"""The standalone build (PyInstaller, ``packaging/tussenwerker.spec``) works as a trainee and a
trainer would use it: built from a fresh venv, into a folder with a space and an accent, the
*frozen* executables list and validate scenarios, let a bot play, save a trainee's game
that a new process debriefs, and open the window (under SDL's dummy driver) — both the
console command and the windowed app. Only the fonts we use are in it.

Slow (a venv, an install and a PyInstaller build, a few minutes): ``.ci/run`` runs it in
its own step with the wheel test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""


def run(cmd: list[str], cwd: Path, timeout: float = 900, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, **kwargs)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    """dist/tussenwerker, built as docs/install.md says."""
    top = tmp_path_factory.mktemp("frozen") / "Zoë's build"
    top.mkdir()
    venv = top / "build-venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=top)
    python = venv / BIN / f"python{EXE}"
    run([str(python), "-m", "pip", "install", "--quiet", str(ROOT), "pyinstaller>=6"], cwd=top)
    run([str(venv / BIN / f"pyinstaller{EXE}"), "--noconfirm", "--log-level", "WARN", "--distpath", str(top / "dist"),
         "--workpath", str(top / "work"), str(ROOT / "packaging" / "tussenwerker.spec")], cwd=top)
    return top / "dist" / "tussenwerker"


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    home = tmp_path / "gebruiker met spatie ë"
    return {**{k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TUSSENWERKER_SCENARIOS")},
            "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYTHONIOENCODING": "utf-8",
            "TUSSENWERKER_DATA": str(home / "data"), "TUSSENWERKER_CONFIG": str(home / "config")}


def test_only_the_fonts_we_use_are_in_the_folder(frozen):
    fonts = sorted(p.name for p in frozen.rglob("*") if p.suffix in (".ttf", ".otf"))
    # pygame's own default font stays (pygame.font.Font(None) needs it); the reading font (for dyslexic
    # readers) once; no Arabic, Hebrew or CJK fonts.
    reading = [f.name for f in (ROOT / "assets" / "reading_font").glob("*.ttf")]
    assert reading and fonts == sorted(reading + ["FiraCode-Regular.ttf", "NotoSans-Bold.ttf",
                                                  "NotoSans-BoldItalic.ttf", "NotoSans-Italic.ttf",
                                                  "NotoSans-Regular.ttf", "freesansbold.ttf"])
    assert list(frozen.rglob("NotoSans-LICENSE.txt")) and list(frozen.rglob("reading_font/OFL.txt"))
    assert (frozen / f"tussenwerker{EXE}").is_file() and (frozen / f"tussenwerker-window{EXE}").is_file()


def test_the_frozen_command_does_a_trainers_and_a_trainees_work(frozen, env, tmp_path):
    tool = str(frozen / f"tussenwerker{EXE}")
    work = tmp_path / "werkmap"
    work.mkdir()

    def tw(*args: str, **kwargs) -> subprocess.CompletedProcess:
        return run([tool, *args], cwd=work, env=env, timeout=300, **kwargs)

    listing = tw("list").stdout
    assert all(s in listing for s in ("speeltuin-kort", "speeltuin", "verslavingsopvang"))
    assert tw("--version").stdout.startswith("tussenwerker ")
    shipped = next(line for line in tw("paths", "--lang", "en").stdout.splitlines()
                   if line.startswith("shipped scenarios:")).split(":", 1)[1].strip()
    assert tw("validate", shipped).stdout.count(": ok") == len(list((ROOT / "scenarios").glob("*.yaml")))
    tw("new", "bankje")
    assert "ok" in tw("validate", "--strict", "bankje.yaml").stdout
    bot = tw("play", "--text", "speeltuin-kort", "--auto", "random", "--seed", "5", "--no-mood").stdout
    assert "nabespreking" in bot.lower()
    tw("play", "--text", "speeltuin-kort", "--no-mood", "--no-rating", input="1\n" * 300)
    # A new process (the app restarted) finds the saved session and its scenario again.
    assert "speeltuin-kort" in tw("sessions").stdout
    debrief = tw("debrief", "1").stdout
    assert "Merelveld" in debrief and "Traceback" not in debrief
    tw("debrief", "1", "--html", "verslag ë.html")
    assert (work / "verslag ë.html").stat().st_size > 10_000


@pytest.mark.parametrize("exe", ["tussenwerker", "tussenwerker-window"])
def test_the_frozen_window_starts(frozen, env, tmp_path, exe):
    run([str(frozen / f"{exe}{EXE}"), "--quit-when-ready"], cwd=tmp_path, env=env, timeout=120)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_frozen_window_closes_on_sigterm(frozen, env, tmp_path):
    report = tmp_path / "first.json"
    window = subprocess.Popen([str(frozen / "tussenwerker-window")], cwd=tmp_path, stderr=subprocess.PIPE, text=True,
                              env={**env, "TUSSENWERKER_FIRST_FRAME_REPORT": str(report)})
    until = time.monotonic() + 60
    while not report.exists() and time.monotonic() < until and window.poll() is None:
        time.sleep(0.05)
    time.sleep(1.0)
    window.send_signal(signal.SIGTERM)
    _, err = window.communicate(timeout=30)
    assert window.returncode == 0 and "Traceback" not in err, err
