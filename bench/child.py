"""One measurement in a fresh interpreter: ``python bench/child.py TASK ARGS...`` prints JSON.

Each number the benchmarks report comes from its own process, so one measurement's
heap, caches and garbage never slow down the next, and an older engine (``--baseline``)
can be measured by putting its folder first on ``PYTHONPATH``. Run as a script, not as
``-m``, so that ``PYTHONPATH`` decides which ``engine`` is imported.

Tasks (times are the best of ``repeat`` runs; ``cpu`` is process time, ``wall`` real time):

- ``bare PATH`` — ``yaml.load(text, Loader=yaml.CSafeLoader)``, the floor; also with the
  garbage collector off (``cpu_nogc``), which is what our loader does
- ``load PATH`` — ``engine.load_scenario`` + ``Session.start`` (validation and the
  compiled ``transitions`` machine included)
- ``explore PATH`` — ``engine.explore`` on an already loaded scenario
- ``analyze PATH SAMPLES`` — ``engine.analysis.playstats.analyze`` (what ``simulator analyze`` prints)
- ``*_mem`` variants — the same once under ``tracemalloc``: peak Python allocation
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
    from engine import explore, load_scenario
    from engine.play.session import Session
    if task == "load":
        def load() -> Any:
            scenario = load_scenario(path)
            Session.start(scenario)
            return scenario
        return _peak(load) if memory else _best(load, repeat)
    scenario = load_scenario(path)
    if task == "explore":
        states: dict[str, Any] = {}

        def run() -> Any:
            graph = explore(scenario)
            states.update(states=graph.state_count, exact=graph.complete, complete=graph.complete)  # a complete listing is exact
            return graph
        out = _peak(run) if memory else _best(run, repeat)
        out.update(states)
        return out
    if task == "analyze":
        from engine.analysis.playstats import analyze
        samples = int(argv[2]) if len(argv) > 2 else 20_000
        info: dict[str, Any] = {}

        def stats() -> Any:
            result = analyze(scenario, samples=samples)
            info.update(exact=result.exact, states=result.states, samples=result.samples)
            return result
        out = _best(stats, repeat)
        out.update(info)
        return out
    raise SystemExit(f"unknown task {task!r}")


if __name__ == "__main__":
    result = main(sys.argv[1:])
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
