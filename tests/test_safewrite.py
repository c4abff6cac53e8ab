"""Files the command line writes never destroy one the user didn't mean (simulator/safewrite.py)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import safewrite
from simulator.journal import Journal
from simulator.places import journal_path
from simulator.safewrite import WriteRefused, protected_reason, write_output
from simulator.settings import settings_path
from tests.conftest import ROOT
from tests.crafted import MINIMAL


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A journal with its companions and a moved-aside copy, a settings file, a scenario folder."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "shipped.yaml").write_text(MINIMAL, encoding="utf-8")
    (scenarios / "notes.txt").write_text("course notes", encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(scenarios))
    Journal().close()
    journal = journal_path()
    for extra in ("-wal", "-shm"):
        Path(str(journal) + extra).write_bytes(b"")
    aside = journal.with_name(journal.name + ".corrupt-20240101-120000")
    aside.write_bytes(b"old damaged journal")
    settings = settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("{}", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return {"journal": journal, "aside": aside, "settings": settings, "scenarios": scenarios, "out": out,
            "tmp": tmp_path}


def _link(kind: str, source: Path, place: Path) -> Path:
    if kind == "symlink":
        place.symlink_to(source)
    else:
        os.link(source, place)
    return place


PROTECTED = {
    "journal": lambda p: p["journal"],
    "journal-wal": lambda p: Path(str(p["journal"]) + "-wal"),
    "journal-shm": lambda p: Path(str(p["journal"]) + "-shm"),
    "journal-wal-not-there-yet": lambda p: Path(str(p["journal"]) + "-journal"),
    "moved-aside copy": lambda p: p["aside"],
    "journal by ..": lambda p: p["out"] / ".." / "data" / ".." / "data" / p["journal"].name,
    "symlink to journal": lambda p: _link("symlink", p["journal"], p["out"] / "debrief.json"),
    "hard link to journal": lambda p: _link("hard", p["journal"], p["out"] / "debrief.json"),
    "settings": lambda p: p["settings"],
    "symlink to settings": lambda p: _link("symlink", p["settings"], p["out"] / "x.md"),
    "scenario yaml anywhere": lambda p: p["out"] / "my-own.yaml",
    "scenario yml": lambda p: p["out"] / "my-own.yml",
    "file in the scenario folder": lambda p: p["scenarios"] / "notes.txt",
    "new file in the scenario folder": lambda p: p["scenarios"] / "report.csv",
    "symlink to a scenario": lambda p: _link("symlink", p["scenarios"] / "shipped.yaml", p["out"] / "r.md"),
    "hard link to a scenario": lambda p: _link("hard", p["scenarios"] / "shipped.yaml", p["out"] / "r.md"),
    "a copy of the journal elsewhere": lambda p: _copy(p["journal"], p["out"] / "backup.db"),
}


def _copy(source: Path, place: Path) -> Path:
    place.write_bytes(source.read_bytes())
    return place


@pytest.mark.parametrize("case", sorted(PROTECTED))
def test_protected_files_are_refused_even_with_force(places, case):
    target = PROTECTED[case](places)
    real = Path(os.path.realpath(target))
    before = real.read_bytes() if real.exists() else None
    with pytest.raises(WriteRefused) as refused:
        write_output(str(target), "overwritten", force=True)
    message = str(refused.value)
    assert "\n" not in message and message.startswith(f"{target}:1:1: won't write")
    assert (real.read_bytes() if real.exists() else None) == before


def test_a_starter_scenario_may_be_a_yaml_but_never_the_journal_or_settings(places):
    target = places["out"] / "nieuw.yaml"
    write_output(target, "id: x\n", allow_scenario=True)
    assert target.read_text() == "id: x\n"
    for protected in (places["journal"], places["settings"]):
        with pytest.raises(WriteRefused):
            write_output(protected, "x", force=True, allow_scenario=True)


def test_an_existing_file_is_kept_unless_forced_or_confirmed(places):
    target = places["out"] / "report.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(WriteRefused) as refused:
        write_output(target, "new")
    assert str(refused.value) == f"{target}:1:1: already exists; choose another name or add --force"
    assert target.read_text() == "mine"
    asked = []
    write_output(target, "confirmed", ask=lambda prompt: asked.append(prompt) or True)
    assert target.read_text() == "confirmed" and "Replace it?" in asked[0]
    write_output(target, "forced", force=True)
    assert target.read_text() == "forced"


def test_not_on_a_terminal_nothing_is_asked_and_the_answer_is_no(places, monkeypatch):
    target = places["out"] / "report.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(WriteRefused):
        write_output(target, "new")  # pytest's stdin is no terminal
    assert target.read_text() == "mine"


def test_the_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(places):
    private = places["out"] / "private.md"
    private.write_text("x")
    private.chmod(0o600)
    write_output(private, "secret", force=True)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    old = os.umask(0o027)
    try:
        fresh = write_output(places["out"] / "fresh.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


def test_a_symlink_planted_at_the_old_predictable_temp_name_is_not_followed(places):
    victim = places["tmp"] / "victim.txt"
    victim.write_text("precious")
    for name in (".report.md.tmp", "report.md.tmp", ".report.md.tmp.tmp"):
        (places["out"] / name).symlink_to(victim)
    write_output(places["out"] / "report.md", "report")
    assert victim.read_text() == "precious"
    assert (places["out"] / "report.md").read_text() == "report"
    assert sorted(p.name for p in places["out"].iterdir()) == sorted(
        [".report.md.tmp", "report.md.tmp", ".report.md.tmp.tmp", "report.md"])  # no temp file left


def test_a_forced_write_through_a_symlink_replaces_the_file_it_points_to(places):
    real = places["tmp"] / "real.md"
    real.write_text("old")
    link = places["out"] / "link.md"
    link.symlink_to(real)
    write_output(link, "new", force=True)
    assert real.read_text() == "new" and link.is_symlink()


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "disk full"), (errno.EROFS, "read-only"),
                                        (errno.EACCES, "permission denied")])
def test_a_failed_write_leaves_the_old_file_and_names_the_cause(places, monkeypatch, code, words):
    target = places["out"] / "report.csv"
    target.write_text("old report")

    def failing_write(fd, data):
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(safewrite.os, "write", failing_write)
    with pytest.raises(WriteRefused) as refused:
        write_output(target, "new report" * 1000, force=True)
    assert words in str(refused.value) and "unchanged" in str(refused.value)
    assert target.read_text() == "old report"
    assert [p.name for p in places["out"].iterdir()] == ["report.csv"]


def test_not_a_regular_file_is_never_replaced(places):
    fifo = places["out"] / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefused, match="not a regular file"):
        write_output(fifo, "x", force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_folder_named_as_the_file_is_refused_as_a_folder_asked_or_forced(places):
    """It said "already exists; add --force", and with --force "not a regular file"."""
    for force in (False, True):
        with pytest.raises(WriteRefused, match="it is a folder; name a file in it"):
            write_output(places["out"], "x", force=force, ask=lambda _: True)
    assert places["out"].is_dir()


def test_protected_reason_is_none_for_an_ordinary_new_file(places):
    assert protected_reason(places["out"] / "debrief.html") is None


# -- the commands ---------------------------------------------------------------------------
def run(*args: str, env_extra: dict | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env=env)


@pytest.mark.slow
def test_every_writing_command_refuses_the_journal_and_an_existing_file(write_scenario, tmp_path):
    path = write_scenario(MINIMAL)
    assert run("play", "--text", path, "--no-rating", stdin="veilig\nluisteren\npauze\nlater\n").returncode == 0
    journal = journal_path()
    before = journal.read_bytes()
    existing = tmp_path / "existing.txt"
    existing.write_text("keep me")
    commands = {
        "debrief --json": ["debrief", "1", "--json"], "debrief --md": ["debrief", "1", "--md"],
        "debrief --html": ["debrief", "1", "--html"], "report --csv": ["report", "--csv"],
        "graph --out": ["graph", path, "--out"], "plan --out": ["plan", path, "--out"],
    }
    for name, args in commands.items():
        refused = run(*args, str(journal), "--force")
        assert refused.returncode == 1, (name, refused.stderr)
        assert "session journal" in refused.stderr and "Traceback" not in refused.stderr, name
        assert journal.read_bytes() == before, name
        kept = run(*args, str(existing))
        assert kept.returncode == 1 and "already exists" in kept.stderr, (name, kept.stderr)
        assert existing.read_text() == "keep me", name
        onto_scenario = run(*args, path, "--force")
        assert onto_scenario.returncode == 1 and "scenario" in onto_scenario.stderr, name
    disguised = tmp_path / "starter.yaml"
    disguised.symlink_to(journal)
    assert run("new", str(disguised), "--force").returncode == 1
    assert journal.read_bytes() == before
    forced = run("debrief", "1", "--md", str(existing), "--force")
    assert forced.returncode == 0 and existing.read_text().startswith("# ")
