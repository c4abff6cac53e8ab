"""The window's start-up: ``play --resume`` reopens a saved session, and journal trouble is a
line on the start screen, never a window that won't open."""

from __future__ import annotations

import argparse

import pytest

from engine import Session, load_scenario
from simulator.journal import Journal
from simulator.window import startup
from simulator.window.app import App
from tests.conftest import SCENARIOS


@pytest.fixture
def first_frame(monkeypatch):
    """Runs ``startup.run`` for one frame and says what the window showed."""
    seen: dict = {}
    real_run = App.run

    def spy(self, quit_after_first_frame: bool = False) -> int:
        seen.update(stack=[s.name for s in self.stack], notice=self.notice,
                    session=getattr(self.top, "play", None) and self.top.play.session_id)
        return real_run(self, quit_after_first_frame=quit_after_first_frame)

    monkeypatch.setattr(App, "run", spy)

    def run(**options) -> dict:
        args = argparse.Namespace(quit_after_first_frame=True, lang="en", **options)
        assert startup.run(args, None) == 0
        return seen
    return run


def saved_session() -> int:
    """A session saved after its first preparation answer (the start screen's rule for continuing)."""
    path = SCENARIOS / "speeltuin-kort.yaml"
    session = Session.start(load_scenario(path))
    with Journal() as journal:
        session_id = journal.start(session, str(path), "en")
        session.answer(session.question.options[0].id)
        journal.save(session_id, session)
    return session_id


@pytest.mark.slow
def test_resume_opens_the_last_unfinished_session_over_the_start_screen(first_frame):
    older, newer = saved_session(), saved_session()
    shown = first_frame(resume=0)
    assert shown["stack"] == ["start", "preparation"] and shown["session"] == newer != older
    assert first_frame(resume=older)["session"] == older


@pytest.mark.slow
def test_resume_of_an_unknown_session_says_so_on_the_start_screen(first_frame):
    shown = first_frame(resume=41)
    assert shown["stack"] == ["start"] and "there is no session 41" in shown["notice"]


@pytest.mark.slow
def test_a_journal_that_cannot_open_leaves_a_window_without_saving(first_frame, tmp_path, monkeypatch):
    (tmp_path / "blocked").write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_DATA", str(tmp_path / "blocked"))
    shown = first_frame(resume=0)
    assert shown["stack"] == ["start"] and shown["notice"]
    assert shown["notice"].endswith(startup.tr("journal_off", "en"))
