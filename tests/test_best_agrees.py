"""'Beste haalbaar' is one number everywhere: the best bot reaches it, the debrief shows it, and
analyze reports it — on every shipped scenario."""

from __future__ import annotations

import pytest

from engine import Session, load_scenario
from engine.analysis.playstats import analyze
from engine.debrief.review import review
from engine.play.scoring import totals
from simulator.terminal.player import TIMEOUT, planned_chooser
from tests.conftest import SHIPPED


def bot_session(scenario, worst: bool = False) -> Session:
    choose = planned_chooser(scenario, worst=worst)
    session = Session.start(scenario, seed=3)
    while not session.finished:
        if session.can_continue:
            session.advance()
            continue
        shown = session.prep_options if session.question else session.choices
        index = choose(session, [o.id for o in shown])
        if index == TIMEOUT:
            session.take_timeout()
        elif session.question:
            session.answer(shown[index].id)
        else:
            session.choose(shown[index].id)
    return session


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_best_bot_reaches_the_debriefs_best_achievable_and_analyzes_best(path):
    scenario = load_scenario(str(path))
    best = bot_session(scenario)
    total = sum(totals(scenario, best.history).values())
    r = review(scenario, best.history, best.state.ending, transcript=best.state.transcript)
    stats = analyze(scenario)
    assert total == r.best_overall == stats.best["overall"].total("overall")
    assert r.exact and r.weakest == () and r.tips == ()  # the best run is told nothing to work on
    worst = bot_session(scenario, worst=True)
    assert sum(totals(scenario, worst.history).values()) == r.worst_overall == stats.worst["overall"].total("overall")


HAND_WRITTEN = sorted((SHIPPED[0].parent.parent / "tests" / "scenarios" / "realistic").glob("*.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("path", HAND_WRITTEN, ids=lambda p: p.stem)
def test_on_scenarios_trainers_wrote_the_three_best_totals_are_one_exact_number(path):
    """The trainer-written 3- and 5-resident scenarios (0..10 moods, triggers on two residents,
    conditions on every resident, an interruption that returns) are valued exactly, and the
    best bot, the debrief and analyze agree on it, for the worst as well."""
    scenario = load_scenario(str(path))
    best = bot_session(scenario)
    r = review(scenario, best.history, best.state.ending, transcript=best.state.transcript)
    stats = analyze(scenario)
    assert r.exact and stats.values_exact["overall"]  # the odds may be sampled; the totals are exact
    assert sum(totals(scenario, best.history).values()) == r.best_overall == stats.best["overall"].total("overall")
    worst = bot_session(scenario, worst=True)
    assert sum(totals(scenario, worst.history).values()) == r.worst_overall == stats.worst["overall"].total("overall")
