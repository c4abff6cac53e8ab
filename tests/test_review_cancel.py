"""A background review that nobody needs any more stops: F5 after F5 on a big scenario must
not pile up exploring threads that compete with the window."""

from __future__ import annotations

import threading

import pytest

from engine.analysis.graph import ExploreCancelled, explore
from engine.scenario.loader import load_scenario_text
from simulator.app import play as play_mod
from simulator.app.play import ReviewJob
from tests.fixtures.synth import scenario_text


def big(title_suffix: str = ""):
    text = scenario_text(3000)
    if title_suffix:  # an author's edit: the same scenario id, another digest
        text = text.replace("Agendapunt 1.", f"Agendapunt 1{title_suffix}.", 1)
    return load_scenario_text(text, "lang.yaml")


def test_explore_stops_when_asked_and_says_so():
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(ExploreCancelled):
        explore(big(), cancel=cancel)
    assert len(asked) == 3  # it looked again until told to stop, then stopped at once


def test_explore_without_cancel_finishes():
    graph = explore(big(), cancel=lambda: False)
    assert graph.complete and graph.exact


def test_a_reloaded_scenario_cancels_the_review_of_the_old_version(monkeypatch):
    monkeypatch.setattr(ReviewJob, "_jobs", {})
    monkeypatch.setattr(play_mod, "_graphs", {})
    release = threading.Event()
    old_version, new_version = big(), big(" (bewerkt)")
    assert old_version.id == new_version.id and old_version.digest != new_version.digest

    real_review_graph = __import__("engine.debrief.review", fromlist=["review_graph"]).review_graph

    def slow_review_graph(scenario, max_states, cancel):
        if scenario is old_version:  # hold the old job until the new version has been asked for
            release.wait(10)
        return real_review_graph(scenario, max_states=max_states, cancel=cancel)

    monkeypatch.setattr("engine.debrief.review.review_graph", slow_review_graph)
    old_job = ReviewJob.for_scenario(old_version)
    new_job = ReviewJob.for_scenario(new_version)
    release.set()
    assert old_job.wait(30) and new_job.wait(60)
    assert old_job.error == "cancelled" and old_job.graph is None
    assert new_job.graph is not None and new_job.error is None
    assert list(ReviewJob._jobs.values()) == [new_job]
    # Going back to the old version (undoing the edit) explores it afresh.
    again = ReviewJob.for_scenario(old_version)
    assert again is not old_job and again.wait(60) and again.graph is not None
