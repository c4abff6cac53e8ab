"""A trainer's own scenarios: listed and shown beside the shipped ones, found again by a saved
session wherever they live, portraits beside them — in folders with spaces and non-ASCII names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from engine import Session, load_scenario
from simulator import __version__, catalog, places, resources
from simulator.cli.main import main
from simulator.journal import Journal
from simulator.window import toast  # noqa: F401  (see below)
from tests.conftest import SCENARIOS
from tests.matrix import matrix

SHORT = SCENARIOS / "speeltuin-kort.yaml"

# toast.py takes a pygame custom event type when imported, and pygame.quit() (every window
# these tests close) restarts that numbering: imported later in the same worker, its type
# would equal pygame_gui's button event. Importing it at collection keeps the numbers apart.


@pytest.fixture
def own(tmp_path, monkeypatch) -> Path:
    """The own folder in a path with a space and an ë."""
    folder = tmp_path / "Zoë haar map" / "scenarios"
    folder.mkdir(parents=True)
    monkeypatch.setenv(places.USER_ENV, str(folder))
    return folder


def starter(folder: Path, name: str = "bankje op het plein.yaml") -> Path:
    """A complete own scenario (the one `new` writes) in ``folder``."""
    from simulator.cli.starter import starter_text
    path = folder / name
    path.write_text(starter_text("bankje"), encoding="utf-8")
    return path


def test_the_shipped_data_is_found_through_the_package():
    assert sorted(p.name for p in resources.shipped_scenarios().glob("*.yaml")) == sorted(
        p.name for p in SCENARIOS.glob("*.yaml"))
    assert resources.theme_file().is_file() and (resources.portraits() / "ineke.json").is_file()
    assert resources.schema_file().is_file()
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"):
        assert resources.font_file(name).stat().st_size > 100_000


@pytest.mark.slow
def test_own_scenarios_are_listed_under_their_folder_and_a_shipped_id_stays_shipped(own, capsys):
    starter(own)
    shutil.copy(SHORT, own / "speeltuin-kort.yaml")  # the same id as a shipped scenario
    assert main(["--lang", "en", "list"]) == 0
    out = capsys.readouterr().out
    shipped, _, own_part = out.partition(f"Your own scenarios in {own}:")
    assert own_part, out
    assert "speeltuin-kort" in shipped and "bankje" not in shipped
    assert "bankje" in own_part and "speeltuin-kort" in own_part  # listed beside, never instead
    assert catalog.resolve("speeltuin-kort") == str(catalog.scenario_dir() / "speeltuin-kort.yaml")
    assert catalog.resolve("bankje") == str(own / "bankje op het plein.yaml")  # by id, not by file name
    found = {(f.path.name, f.own) for f in catalog.scenario_files()}
    assert ("speeltuin-kort.yaml", False) in found and ("speeltuin-kort.yaml", True) in found


def test_an_own_scenario_plays_from_a_folder_with_spaces_and_accents(own, capsys):
    starter(own)
    assert main(["play", "--text", "bankje", "--auto", "best", "--no-mood"]) == 0
    assert "Een proef met het bankje" in capsys.readouterr().out


@pytest.mark.slow
def test_a_saved_session_finds_its_scenario_by_digest_after_it_moved(own, tmp_path, capsys):
    first = starter(tmp_path, "bankje.yaml")
    scenario = load_scenario(str(first))
    with Journal() as journal:
        session = Session.start(scenario)
        sid = journal.start(session, str(first), "nl")
        session.close()
    # The trainer moves the file into the own folder and keeps an edited copy where it was.
    moved = own / "verplaatst.yaml"
    shutil.move(str(first), moved)
    first.write_text(moved.read_text(encoding="utf-8").replace("Het bankje op het plein", "Het bankje (bewerkt)"),
                     encoding="utf-8")
    record = Journal().get(sid)
    assert record.scenario_digest == scenario.digest
    found = catalog.find(record.scenario_id, record.scenario_digest, record.scenario_path)
    assert found.path == str(moved) and found.digest == scenario.digest  # the exact digest wins
    first.unlink()
    moved.unlink()
    with pytest.raises(Exception) as gone:
        catalog.find(record.scenario_id, record.scenario_digest, record.scenario_path)
    assert str(gone.value).startswith(f"{first}:1:1: file not found, and no scenario 'bankje'")


def test_a_shipped_session_is_found_again_when_the_install_moved():
    """A one-file build or a reinstall unpacks the shipped scenarios elsewhere: resume and debrief still work."""
    from simulator.debriefing import saved_session, scenario_for
    scenario = load_scenario(str(SHORT))
    with Journal() as journal:
        session = Session.start(scenario)
        session.answer(session.question.options[0].id)
        sid = journal.start(session, "/an/old/install/speeltuin-kort.yaml", "nl")
        session.close()
        record = journal.get(sid)
        found = scenario_for(record)
        assert Path(found.path) == catalog.scenario_dir() / "speeltuin-kort.yaml"
        resumed = saved_session(journal, record, found)
        assert len(resumed.history) == 1
        resumed.close()


def test_portraits_beside_an_own_scenario_come_first(own):
    from simulator.window.portraits import PORTRAITS, PortraitSource, derived_spec, portrait_folders
    path = starter(own)
    (own / "portraits").mkdir()
    (own / "portraits" / "joke.json").write_text('{"hair_style": "bun", "glasses": true, "skin": "#8A5A3C"}',
                                                 encoding="utf-8")
    pygame.init()
    try:
        folders = portrait_folders(str(path))
        assert folders == [own / "portraits", PORTRAITS]
        joke = PortraitSource("joke", "joke", folders)
        assert joke.spec.hair_style == "bun" and joke.spec.glasses and joke.spec.skin == (0x8A, 0x5A, 0x3C)
        ineke = PortraitSource("ineke", "ineke", folders)  # not beside it: the shipped face
        assert ineke.spec != derived_spec("ineke")
    finally:
        pygame.quit()


@pytest.mark.slow
def test_the_start_screen_shows_an_own_scenario_marked_as_own(own):
    from simulator.window.pilot import open_app
    starter(own)
    app, pilot = open_app(size=(1280, 720))
    try:
        cards = app.load_catalog()
        assert [c.own for c in cards] == [False] * (len(cards) - 1) + [True]
        assert pilot.has_text("Het bankje op het plein")
        own_card = next(c for c in cards if c.own)
        assert "Eigen scenario" in app.top.card_html(own_card)
        assert all("Eigen scenario" not in app.top.card_html(c) for c in cards if not c.own)
        assert pilot.has_text("Scenario openen…")
    finally:
        app.close()


@pytest.mark.slow
def test_open_scenario_opens_any_file_and_reports_a_broken_one(own, tmp_path):
    from simulator.window.pilot import open_app
    from simulator.window.scenes.open_file import OpenScenarioScene
    path = starter(tmp_path, "ergens anders ë.yaml")
    broken = tmp_path / "kapot.yaml"
    broken.write_text("format: 1\nid: [\n", encoding="utf-8")
    app, pilot = open_app(size=(1280, 720))
    try:
        pilot.click("Scenario openen…")
        scene = app.top
        assert isinstance(scene, OpenScenarioScene) and scene.dialog.delete_button.visible == 0
        app.pop(scene)  # what the dialog's OK does with a picked file
        scene.open(str(broken))
        pilot.settle()
        assert pilot.scene == "start" and pilot.has_text("kapot.yaml")
        pilot.click("Scenario openen…")
        scene = app.top
        app.pop(scene)
        scene.open(str(path))
        pilot.settle()
        assert pilot.scene == "briefing" and pilot.has_text("Het bankje op het plein")
    finally:
        app.close()


def test_paths_shows_and_creates_the_own_folder(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "nieuw ë" / "scenarios"
    monkeypatch.setenv(places.USER_ENV, str(folder))
    assert main(["paths", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"your own scenarios:  {folder}" in out and folder.is_dir()
    assert str(catalog.scenario_dir()) in out and "journal.sqlite3" in out


def test_version():
    result = subprocess.run([sys.executable, "-m", "simulator", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"tussenwerker {__version__}"


@pytest.mark.slow
@pytest.mark.parametrize("combo", matrix([(size, text) for text in ("normal", "larger")
                                          for size in ((800, 600), (1280, 720), (1920, 1080))],
                                         quick=lambda c: c == ((800, 600), "larger"),
                                         ids=lambda c: f"{c[1]}-{c[0][0]}x{c[0][1]}"))
def test_the_start_screen_with_an_own_scenario_and_the_file_dialog_fit(own, tmp_path, combo):
    from simulator.window.pilot import open_app
    from tests.test_app_screens import problems_on_screen
    size, text_size = combo
    starter(own)
    app, pilot = open_app(size=size, text_size=text_size, persist=False)
    try:
        pilot.focus_on("bankje")
        pilot.settle()
        pilot.save(str(tmp_path / "start.png"))
        assert problems_on_screen(app) == []
        pilot.focus_on("open_scenario")
        pilot.press("return")
        pilot.settle()
        dialog = app.top.dialog
        assert pilot.scene == "open_scenario" and pygame.Rect(0, 0, *size).contains(dialog.rect)
        pilot.press("escape")
        pilot.settle()
        assert pilot.scene == "start"
    finally:
        app.close()
