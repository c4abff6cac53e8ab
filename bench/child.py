"""One measurement in a fresh interpreter: ``python bench/child.py TASK ARGS...`` prints JSON.

Each number the benchmarks report comes from its own process, so one measurement's
heap, caches and garbage never slow down the next, and an older engine (``--baseline``)
can be measured by putting its folder first on ``PYTHONPATH``. Run as a script, not as
``-m``, so that ``PYTHONPATH`` decides which ``engine`` is imported.

Tasks (times are the best of ``repeat`` runs; ``cpu`` is process time, ``wall`` real time):

- ``bare PATH`` — ``yaml.load(text, Loader=yaml.CSafeLoader)``, the floor; also with the
  garbage collector off (``cpu_nogc``)
- ``load PATH`` — ``engine.load_scenario`` + ``Session.start`` (validation and the
  compiled ``transitions`` machine included)
- ``solve PATH`` — the best and the worst overall total from the start, by a fresh solver
  (what "beste haalbaar" and every tells check ask first): exact or not, states valued
- ``review PATH SEED`` — a random playthrough (seeded: options, order and picks), then
  ``engine.debrief.review.review`` of it by a fresh solver: every number the debrief shows
  (each option's value at each decision, the references, best achievable)
- ``*_mem`` variants of bare and load — the same once under ``tracemalloc``: peak Python allocation
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
import tracemalloc
from typing import Any, Callable


def _best(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    cpu = wall = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        c, w = time.process_time(), time.perf_counter()
        result = fn()
        cpu, wall = min(cpu, time.process_time() - c), min(wall, time.perf_counter() - w)
        del result
    return {"cpu": cpu, "wall": wall}


def _peak(fn: Callable[[], Any]) -> dict[str, Any]:
    gc.collect()
    tracemalloc.start()
    kept = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return {"peak_mib": peak / 2**20}


def main(argv: list[str]) -> dict[str, Any]:
    task, path = argv[0], argv[1]
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    memory = task.endswith("_mem")
    task = task.removesuffix("_mem")
    out: dict[str, Any] = {}
    if task == "bare":
        import yaml

        def fn() -> Any:
            with open(path, encoding="utf-8") as fh:
                return yaml.load(fh.read(), Loader=yaml.CSafeLoader)
        if memory:
            return _peak(fn)
        out = _best(fn, repeat)
        gc.disable()
        out["cpu_nogc"] = _best(fn, repeat)["cpu"]
        gc.enable()
        return out
    from engine import load_scenario
    from engine.play.session import Session
    if task == "load":
        def load() -> Any:
            scenario = load_scenario(path)
            Session.start(scenario)
            return scenario
        return _peak(load) if memory else _best(load, repeat)
    if task == "solve":
        return _solve(load_scenario, path)
    if task == "review":
        return _review(load_scenario, Session, path, int(argv[2]) if len(argv) > 2 else 1)
    raise SystemExit(f"unknown task {task!r}")


def _solve(load_scenario: Callable[[str], Any], path: str) -> dict[str, Any]:
    """Best and worst from the start, each once, by a solver built for the question (a fresh
    process: nothing remembered from an earlier question)."""
    from engine.analysis.search import Solver
    from engine.play.rules import rules_of
    scenario = load_scenario(path)
    c, w = time.process_time(), time.perf_counter()
    solver = Solver(rules_of(scenario))
    start = solver.rules.initial()
    best, worst = solver.value(start), solver.value(start, worst=True)
    return {"cpu": time.process_time() - c, "wall": time.perf_counter() - w, "best": best.total,
            "worst": worst.total, "exact": best.exact and worst.exact, "valued": solver.valued}


def _review(load_scenario: Callable[[str], Any], session_class: Any, path: str, seed: int) -> dict[str, Any]:
    """A random playthrough to its end, then its review by a fresh solver, timed."""
    from engine.debrief.review import review
    from engine.play.rules import rules_of
    from tests.fixtures.playthrough import play_at_random
    scenario = load_scenario(path)
    session = session_class.start(scenario, seed=seed)
    for _ in play_at_random(session, seed):  # to its end, or a dead end: review what there is
        pass
    history, ending = list(session.history), session.ending.id if session.ending else None
    session.close()
    rules_of(scenario).__dict__.pop("_solver", None)  # the debrief of a fresh process: nothing valued yet
    c, w = time.process_time(), time.perf_counter()
    result = review(scenario, history, ending)
    return {"cpu": time.process_time() - c, "wall": time.perf_counter() - w, "decisions": len(history),
            "best": result.best_overall, "exact": result.exact}


if __name__ == "__main__":
    result = main(sys.argv[1:])
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
