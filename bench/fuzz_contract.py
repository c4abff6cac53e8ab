"""The loader's contract under fuzzing, shared by the hypothesis tests and the atheris run.

Whatever text comes in, ``load_scenario_text`` returns a ``Scenario`` or raises
``ScenarioError`` whose every problem has a line, a column and a one-line message. With
``deep``, a scenario that loads must also get through what ``validate`` runs after
loading (playability, smells) and play some random steps; the session may only refuse
to go on (``EngineError``) when validation reported an error.
"""

from __future__ import annotations

import random

from engine import EngineError, Scenario, ScenarioError, Session, load_scenario_text
from engine.analysis.playability import check_playability
from engine.scenario.lint import lint_scenario


def check(text: str, deep: bool = False, steps: int = 40) -> None:
    try:
        scenario = load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as exc:
        assert exc.problems, "a ScenarioError without problems"
        for p in exc.problems:
            assert p.line >= 1 and p.column >= 1 and p.message and "\n" not in p.message, p
        return
    assert isinstance(scenario, Scenario)
    if deep:
        validate_and_play(scenario, text, steps)


def validate_and_play(scenario: Scenario, text: str, steps: int = 40) -> None:
    problems = check_playability(scenario) + lint_scenario(scenario, text)
    for p in problems:
        assert p.line >= 1 and p.column >= 1 and "\n" not in p.message, p
    errors = [p for p in problems if p.severity == "error"]
    rnd = random.Random(len(text))
    try:
        session = Session.start(scenario)
        for _ in range(steps):
            if session.finished:
                break
            if session.question is not None:
                session.answer(rnd.choice(session.question.options).id)
            elif session.can_continue:
                session.advance()
            elif session.choices:
                session.choose(rnd.choice(session.choices).id)
            else:
                assert errors, "a dead end that validate did not report"
                break
    except EngineError:
        assert errors, "the session failed on a scenario that validate passed"
