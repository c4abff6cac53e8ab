"""A journal written before the rule-set rewrite (save version 1) still resumes and debriefs."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from engine import load_scenario
from simulator.journal import Journal
from tests.conftest import ROOT

OLD = ROOT / "tests" / "golden" / "journal_v1"


def copy(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(OLD / "journal.sqlite3", data / "journal.sqlite3")
    return data


def test_an_old_session_resumes_where_it_was_and_plays_on(tmp_path):
    data = copy(tmp_path)
    scenario = load_scenario(str(OLD / "mini.yaml"))
    with Journal(data / "journal.sqlite3") as journal:
        session = journal.resume(2, scenario)
        assert session.state.position == "midden" and session.seed is None  # options as they were written
        assert [d.choice_id for d in session.history] == ["groot", "kaders"]
        assert session.mood["bert"]["anger"] == 8 and "kaders_genoemd" in session.state.flags
        assert [c.id for c in session.choices] == ["uitleggen", "pauze"]  # herkaderen needs the right answer
        session.choose("pauze")
        while session.can_continue:
            session.advance()
        session.choose("later")
        assert session.finished and session.ending.id == "uitgesteld"


@pytest.mark.slow
def test_an_old_finished_session_debriefs_with_its_totals(tmp_path):
    data = copy(tmp_path)
    env = {"TUSSENWERKER_DATA": str(data), "TUSSENWERKER_CONFIG": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "simulator", "debrief", "1", "--lang", "en"], capture_output=True,
                         text=True, cwd=ROOT, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert "Agreement" in out.stdout and "Traceback" not in out.stderr
    assert "Overall score 8 (best achievable: 8)" in out.stdout  # as saved, and flawless
