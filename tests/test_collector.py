"""The analysis pauses the cyclic garbage collector, and always lets it run again after."""

from __future__ import annotations

import gc
import threading

import pytest

from engine.analysis.collector import collector_paused
from engine.analysis.outlook import outlook
from engine.analysis.playstats import analyze
from engine.analysis.search import Solver
from engine.play.rules import rules_of
from engine.scenario.loader import load_scenario_text
from tests.fixtures.playthrough import random_history
from tests.fixtures.realistic import realistic_text


@pytest.fixture(autouse=True)
def collector_running():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def _collector_while_stepping(monkeypatch, work) -> set[bool]:
    """Whether the collector was running, as seen at every move the work stepped."""
    from engine.play.rules import Rules
    seen: set[bool] = set()
    step = Rules.step

    def watched(self, *args, **kwargs):
        seen.add(gc.isenabled())
        return step(self, *args, **kwargs)
    monkeypatch.setattr(Rules, "step", watched)
    work()
    monkeypatch.setattr(Rules, "step", step)
    return seen


def test_reviews_analyses_and_checks_step_with_the_collector_paused_and_leave_it_running(monkeypatch):
    from engine.analysis.loopholes import loopholes
    from engine.analysis.playability import check_playability
    from engine.analysis.tells import tells
    scenario = load_scenario_text(realistic_text(1, residents=3, nodes=40), "r.yaml")
    history = random_history(scenario, 1)
    for work in (lambda: outlook(scenario, history, Solver(rules_of(scenario))),
                 lambda: analyze(scenario, max_states=400, samples=200),
                 lambda: tells(scenario, runs=20),
                 lambda: check_playability(scenario),
                 lambda: loopholes(scenario)):
        rules_of(scenario).__dict__.pop("_solver", None)  # a cold solver: it searches again
        assert _collector_while_stepping(monkeypatch, work) == {False}
        assert gc.isenabled()
    # Outside them the collector runs as usual.
    rules = rules_of(scenario)
    first = rules.initial()
    assert _collector_while_stepping(monkeypatch, lambda: rules.step(first, rules.moves(first)[0])) == {True}


def test_pauses_nest_and_overlap_across_threads():
    inside, release = threading.Event(), threading.Event()

    def background() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=background)
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still runs
        worker.start()
        inside.wait(5)
    assert not gc.isenabled()  # the background pause began inside ours and still runs
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_an_error_inside_still_lets_the_collector_run_again():
    with pytest.raises(ZeroDivisionError):
        with collector_paused():
            raise ZeroDivisionError
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
