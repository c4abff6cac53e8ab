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


# -- the condition language ---------------------------------------------------------------------
def check_condition(source: str) -> None:
    """A condition parses, or fails with a ``ConditionSyntaxError`` whose offset lies inside the
    text; a parsed one evaluates (and compiles) on any state without raising."""
    from engine.scenario import conditions as c
    try:
        condition = c.parse_condition(source)
    except c.ConditionSyntaxError as exc:
        assert 0 <= exc.offset <= len(source), (exc.offset, len(source))
        assert str(exc) and "\n" not in str(exc)
        return
    assert len(source) <= c.MAX_CONDITION_CHARS
    env = _AnyState()
    assert condition(env) in (True, False)
    compiled = c.compile_condition(condition, lambda ref: (lambda state: env.lookup(ref)))
    assert compiled(None) == condition(env)


class _AnyState:
    """Every reference has a value: mood numbers, flags and choices true or false by their name."""

    def lookup(self, ref):
        return len(str(ref)) % 7 - 3 if ref.is_numeric else len(str(ref)) % 2 == 0


# -- the exports ----------------------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TERMINAL_BAD = set("\x1b\x9b\x9d\x07\r\x00\x7f") | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_text_channels(text: str) -> None:
    """Whatever text a scenario or trainee brings: the terminal gets no control character or
    escape sequence, a spreadsheet no formula, Markdown no markup, and each keeps the
    printable letters."""
    import re

    from simulator.safetext import csv_cell, md_text, terminal_text
    shown = terminal_text(text)
    assert not (set(shown) & _TERMINAL_BAD), repr(shown)
    assert all(ch == "\n" or ch.isprintable() or not _is_control(ch) for ch in shown), repr(shown)
    assert terminal_text(shown) == shown  # nothing left to strip
    cell = csv_cell(text)
    assert not cell.startswith(FORMULA_START) or re.fullmatch(r"-?\d+(\.\d+)?", cell), repr(cell)
    md = md_text(text)
    assert "\n" not in md and not (set(md) & _TERMINAL_BAD)
    unescaped = re.sub(r"\\.", "", md)
    assert not re.search(r"[`*_{}\[\]<>#|~&]", unescaped), repr(md)
    assert not re.match(r"[-+=]|\d+[.)]", md), repr(md)


def _is_control(ch: str) -> bool:
    import unicodedata
    return unicodedata.category(ch) == "Cc"
