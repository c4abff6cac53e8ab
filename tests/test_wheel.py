"""The wheel works anywhere: built with ``python -m build``, installed into a fresh venv in a
folder with a space and an accent, and run from another directory it lists, plays, saves,
debriefs, writes and validates a new scenario and opens the window — everything the
editable install does, with no checkout in reach. The sdist carries the tests and their data.

Slow (a build, a venv and an install from the package index): ``.ci/run`` runs it in its
own step, ``pytest -m slow tests/test_wheel.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

BIN = "Scripts" if sys.platform == "win32" else "bin"


def run(cmd: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=out)
    return next(out.glob("*.whl")), next(out.glob("*.tar.gz"))


def test_the_wheel_holds_the_data_once_and_no_tests(built):
    wheel, _ = built
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in (ROOT / "scenarios").glob("*.yaml"):
        assert f"simulator/scenarios/{shipped.name}" in names
    for portrait in (ROOT / "assets" / "portraits").glob("*.json"):
        assert f"simulator/assets/portraits/{portrait.name}" in names
    assert "simulator/assets/theme.json" in names and "simulator/schema/scenario.schema.json" in names
    assert "simulator/scenarios/surface-model.json" in names  # the tells report's stored weights
    # pygame_gui brings the interface fonts; the only font we ship is the reading font, with its licence.
    fonts = sorted(n for n in names if n.endswith((".ttf", ".otf")))
    assert fonts == sorted(f"simulator/assets/reading_font/{f.name}"
                           for f in (ROOT / "assets" / "reading_font").glob("*.ttf"))
    assert "simulator/assets/reading_font/OFL.txt" in names
    assert not [n for n in names if n.startswith(("tests/", "scenarios/", "assets/", "bench/"))]
    assert sum(n.endswith("speeltuin.yaml") for n in names) == 1


def test_the_sdist_holds_the_tests_and_their_data(built):
    _, sdist = built
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    for path in ("tests/conftest.py", "tests/golden/branch.yaml", "tests/scenarios/invalid", "tests/playthroughs",
                 "docs/authoring.md", "bench/common.py", "scenarios/speeltuin.yaml", "setup.py", "CHANGELOG.md",
                 "packaging/tussenwerker.spec"):
        assert any(n == path or n.startswith(path + "/") for n in names), path


def test_the_installed_wheel_does_everything_from_anywhere(built, tmp_path):
    wheel, _ = built
    home = tmp_path / "Zoë's map met spaties"
    work = home / "werkmap"
    work.mkdir(parents=True)
    venv = home / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=work)
    python = venv / BIN / ("python.exe" if sys.platform == "win32" else "python")
    run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=work)
    tool = venv / BIN / ("tussenwerker.exe" if sys.platform == "win32" else "tussenwerker")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TUSSENWERKER_SCENARIOS")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", TUSSENWERKER_DATA=str(home / "gegevens"),
               TUSSENWERKER_CONFIG=str(home / "instellingen"), PYTHONIOENCODING="utf-8")

    def tw(*args: str, **kwargs) -> subprocess.CompletedProcess:
        return run([str(tool), *args], cwd=work, env=env, **kwargs)

    where = run([str(python), "-c", "import simulator; print(simulator.__file__)"], cwd=work, env=env)
    assert str(venv) in where.stdout  # the installed copy, not the checkout
    listing = tw("list").stdout
    for scenario_id in ("speeltuin-kort", "speeltuin", "verslavingsopvang"):
        assert scenario_id in listing
    assert "Een proef" not in listing
    bot = tw("play", "--text", "speeltuin-kort", "--auto", "random", "--seed", "3", "--no-mood").stdout
    assert "Nabespreking" in bot or "nabespreking" in bot.lower()
    # A trainee's own game, saved, then debriefed by a new process.
    tw("play", "--text", "speeltuin-kort", "--no-mood", "--no-rating", input="1\n" * 300)
    assert "speeltuin-kort" in tw("sessions").stdout
    debrief = tw("debrief", "1").stdout
    assert "speeltuin-kort" in debrief or "Merelveld" in debrief
    # A trainer's starter scenario, validated, then dropped into the own folder and listed.
    tw("new", "bankje")
    assert "ok" in tw("validate", "--strict", "bankje.yaml").stdout
    paths = tw("paths", "--lang", "en").stdout
    own = Path(next(line for line in paths.splitlines() if line.startswith("your own scenarios:")).split(":", 1)[1]
               .strip())
    (own / "bankje.yaml").write_text((work / "bankje.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert "bankje" in tw("list").stdout.split(str(own))[1]
    assert tw("--version").stdout.startswith("tussenwerker ")
    # The window: the title card and the start screen, with the shipped fonts and theme.
    tw("--quit-when-ready")
