"""Golden playthroughs: a scenario, the moves, and the expected ending and scores.

Plans live in ``tests/playthroughs/*.plan`` (YAML) beside the scenarios they test, as
Yarn Spinner keeps test plans beside its scripts::

    scenario: speeltuin-kort        # id (scenarios/<id>.yaml) or a path
    preparation: {belang_bewoners: veilig_spelen}
    choices: [laten_vertellen, balkon, ...]
    expect:
      ending: afspraak
      scores: {step1: 3, step3: 2}  # every dimension not listed must total 0

Failures read like a person would say them: "at node 'x' expected choice 'y' to be
offered; offered: a, b". Each plan is also replayed after a save/load round trip
of the session state, so saving is tested by every plan.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from ..scenario.dimensions import DIMENSION_KEYS
from ..scenario.errors import ScenarioError
from ..scenario.loader import load_scenario
from ..scenario.model import TIMEOUT, Scenario
from ..scenario.yamlsafe import load_data, read_text
from .scoring import totals
from .session import Session

MAX_STEPS = 10_000

MAX_SCORE = 10**9  # an expected total beyond this is a typo, not a scenario


@dataclass
class PlanResult:
    path: str
    scenario_id: str = ""
    ending: Optional[str] = None
    scores: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _round_trip(session: Session) -> Session:
    data = json.loads(json.dumps(session.to_data()))
    session.close()
    return Session.from_data(session.scenario, data)


def play_moves(scenario: Scenario, preparation: dict[str, str], choices: list[str],
               round_trip: bool = False, seed: int = 0) -> tuple[Session, list[str]]:
    """Play ``preparation`` answers and ``choices`` (by id; ``timeout`` takes a time-out) in
    order; return the session and failures. Plans name moves by id, so the option order (the
    seed) changes nothing but what the session records as shown: a fixed seed keeps runs alike."""
    session = Session.start(scenario, seed=seed)
    failures: list[str] = []
    remaining = list(choices)
    steps = 0
    while not session.finished and steps < MAX_STEPS:
        steps += 1
        if round_trip:
            session = _round_trip(session)
        q = session.question
        if q is not None:
            answer = preparation.get(q.id)
            if answer is None:
                failures.append(f"preparation question {q.id!r} has no answer in the plan")
                return session, failures
            if answer not in {o.id for o in q.options}:
                failures.append(f"question {q.id!r} has no option {answer!r}; options: "
                                + ", ".join(o.id for o in q.options))
                return session, failures
            session.answer(answer)
            continue
        if session.can_continue:
            session.advance()
            continue
        node = session.node
        assert node is not None
        shown = {c.id for c in session.choices}
        offered = [c.id for c in node.choices if c.id in shown]  # as written: messages don't depend on the order shown
        if not remaining:
            failures.append(f"the plan ran out of choices at node {node.id!r}; offered: {', '.join(offered)}")
            return session, failures
        wanted = remaining.pop(0)
        if wanted == TIMEOUT:
            if not session.timeout_available:
                failures.append(f"at node {node.id!r} the plan takes a time-out, but none can be taken there")
                return session, failures
            session.take_timeout()
            continue
        if wanted not in offered:
            failures.append(f"at node {node.id!r} expected choice {wanted!r} to be offered; "
                            f"offered: {', '.join(offered)}")
            return session, failures
        session.choose(wanted)
    if remaining:
        failures.append(f"the meeting ended at {session.state.ending!r} with {len(remaining)} "
                        f"choice(s) of the plan left: {', '.join(remaining)}")
    return session, failures


def load_plan(path: str) -> dict[str, Any]:
    data = load_data(read_text(path), path)
    if not isinstance(data, dict) or "scenario" not in data or "expect" not in data:
        raise ScenarioError.single(path, "a plan needs 'scenario', 'choices' and 'expect'")
    problem = _shape_problem(data)
    if problem:
        raise ScenarioError.single(path, problem)
    return data


def _scalar(x: Any) -> bool:
    return isinstance(x, (str, int)) and not isinstance(x, bool)


def _shape_problem(plan: dict[str, Any]) -> Optional[str]:
    """What in a plan has the wrong shape (as ``plan`` writes it), in one sentence; None if nothing."""
    if not isinstance(plan["scenario"], str) or not plan["scenario"].strip():
        return "'scenario' should be the scenario's id or its file (.yaml), beside the plan"
    prep = plan.get("preparation")
    if prep is not None and not (isinstance(prep, dict) and all(_scalar(k) and _scalar(v) for k, v in prep.items())):
        return "'preparation' should map each question to its answer, e.g. {mandaat: korting}"
    choices = plan.get("choices")
    if choices is not None and not (isinstance(choices, list) and all(_scalar(c) for c in choices)):
        return "'choices' should be a list of choice ids, e.g. [luisteren, timeout, samenvatten]"
    expect = plan["expect"]
    if expect is None:
        return None
    if not isinstance(expect, dict):
        return "'expect' should hold 'ending' and 'scores', e.g. {ending: afspraak, scores: {step3: 2}}"
    if expect.get("ending") is not None and not isinstance(expect["ending"], str):
        return "'expect.ending' should be an ending's id"
    scores = expect.get("scores")
    if scores is not None and not (isinstance(scores, dict) and all(
            isinstance(k, str) and type(v) is int and abs(v) <= MAX_SCORE for k, v in scores.items())):
        return (f"'expect.scores' should map dimensions to whole numbers (at most {MAX_SCORE} either way), "
                "e.g. {step3: 2}")
    return None


def run_plan(path: str, scenario_dir: Optional[str] = None,
             loader: Callable[[str], Scenario] = load_scenario) -> PlanResult:
    """Run one plan, normally and after a save/load round trip at every step."""
    result = PlanResult(path)
    try:
        plan = load_plan(path)
    except ScenarioError as exc:
        result.failures.extend(str(p) for p in exc.problems)
        return result
    name = str(plan["scenario"])
    folder = scenario_dir or str(Path(path).resolve().parent.parent.parent / "scenarios")
    beside = os.path.join(os.path.dirname(os.path.abspath(path)), name)  # a path relative to the plan file
    if os.path.isabs(name) or os.path.isfile(beside):
        scenario_path = name if os.path.isabs(name) else beside
    elif os.path.isfile(name):  # relative to where the command runs (plans written before they said it beside)
        scenario_path = name
    elif name.endswith((".yaml", ".yml")) or "/" in name or os.sep in name:
        scenario_path = beside  # a path: the one it names beside the plan is missing, and the error says so
    else:
        scenario_path = os.path.join(folder, f"{name}.yaml")
    if not scenario_path.endswith((".yaml", ".yml")):  # never read (and quote back) a file that is no scenario
        result.failures.append(f"{path}:1:1: 'scenario' {name!r} is not a scenario file (.yaml)")
        return result
    try:
        scenario = loader(scenario_path)
    except ScenarioError as exc:
        result.failures.extend(str(p) for p in exc.problems)
        return result
    result.scenario_id = scenario.id
    prep = {str(k): str(v) for k, v in (plan.get("preparation") or {}).items()}
    choices = [str(c) for c in (plan.get("choices") or [])]
    expect = plan["expect"] or {}
    for round_trip in (False, True):
        session, failures = play_moves(scenario, prep, choices, round_trip)
        tag = " (after save/load)" if round_trip else ""
        result.failures.extend(f + tag for f in failures)
        if failures:
            break
        scores = totals(scenario, session.history)
        if not round_trip:
            result.ending, result.scores = session.state.ending, scores
        if "ending" in expect and session.state.ending != expect["ending"]:
            result.failures.append(f"expected ending {expect['ending']!r}, got {session.state.ending!r}{tag}")
        want = {k: 0 for k in DIMENSION_KEYS}
        unknown = [k for k in (expect.get("scores") or {}) if k not in want]
        if unknown:
            result.failures.append(f"unknown dimension(s) in expect.scores: {', '.join(map(str, unknown))}")
        want.update({str(k): int(v) for k, v in (expect.get("scores") or {}).items() if k in want})
        diffs = [f"{k} expected {want[k]}, got {scores[k]}" for k in DIMENSION_KEYS if scores[k] != want[k]]
        if diffs:
            result.failures.append("scores differ: " + "; ".join(diffs) + tag)
        session.close()
    return result
