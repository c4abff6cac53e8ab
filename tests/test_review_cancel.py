"""A background review that nobody needs any more stops: F5 after F5 on a big scenario must
not pile up searching threads that compete with the window."""

from __future__ import annotations

import threading

import pytest

from engine.analysis.relaxed import relaxed_of
from engine.analysis.search import SearchCancelled, Solver, solver_of
from engine.play.rules import rules_of
from engine.scenario.loader import load_scenario_text
from simulator.review_service import ReviewJob
from tests.fixtures.realistic import realistic_text


def scenario(title_suffix: str = "", residents: int = 3, nodes: int = 30):
    text = realistic_text(4, residents=residents, nodes=nodes)
    if title_suffix:  # an author's edit: the same scenario id, another digest
        text = text.replace("title:\n", f"title:\n  # {title_suffix}\n", 1)
    return load_scenario_text(text, "groot.yaml")


def big():
    return scenario(residents=5, nodes=120)  # big enough that a warm-up looks at cancel many times


def test_the_warm_up_stops_when_asked_and_says_so():
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 3

    solver = Solver(rules_of(big()))
    with pytest.raises(SearchCancelled):
        solver.warm_up(cancel=cancel)
    assert len(asked) == 3  # it looked again until told to stop, then stopped at once


def test_a_reloaded_scenario_cancels_the_review_of_the_old_version(monkeypatch):
    monkeypatch.setattr(ReviewJob, "_jobs", {})
    release = threading.Event()
    old_version, new_version = scenario(), scenario("bewerkt")
    assert old_version.id == new_version.id and old_version.digest != new_version.digest
    real_warm_up = Solver.warm_up

    def slow_warm_up(self, cancel=None):
        if self.rules.scenario is old_version:  # hold the old job until the new version has been asked for
            release.wait(10)
        return real_warm_up(self, cancel)

    monkeypatch.setattr(Solver, "warm_up", slow_warm_up)
    old_job = ReviewJob.for_scenario(old_version)
    new_job = ReviewJob.for_scenario(new_version)
    release.set()
    assert old_job.wait(30) and new_job.wait(60)
    assert old_job.error == "cancelled" and old_job.solver is None
    assert new_job.solver is solver_of(new_version) and new_job.error is None
    assert list(ReviewJob._jobs.values()) == [new_job]
    again = ReviewJob.for_scenario(old_version)  # undoing the edit values that version afresh
    assert again is not old_job and again.wait(60) and again.solver is not None


@pytest.mark.slow
def test_a_search_that_turned_to_the_prepared_bounds_still_stops_when_asked():
    """The bounds that keep the preparation answers are built in the middle of a long question
    (after wrong answers the evening is hard to value); a reload must stop that question too,
    and neither set of bounds may keep calling the old job's ``cancel`` afterwards."""
    rules = rules_of(load_scenario_text(realistic_text(1, residents=3, nodes=120), "lang.yaml"))
    wrong = rules.initial()
    while rules.is_decision(wrong) and wrong[0].startswith("prep:"):
        wrong = rules.step(wrong, next(m for m in rules.moves(wrong) if not m.source.correct))
    solver = Solver(rules)
    looks_after_turning = []

    def cancel() -> bool:
        if solver._prepared:
            looks_after_turning.append(1)
        return len(looks_after_turning) >= 2

    with pytest.raises(SearchCancelled), solver.interruptible(cancel):
        solver.value(wrong)
    assert solver._prepared and len(looks_after_turning) == 2
    assert relaxed_of(rules).interrupt is None and relaxed_of(rules, prepared=True).interrupt is None
