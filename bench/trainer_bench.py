"""What trainers run, on the scenarios they write: whole commands, timed side by side.

A trainer checks a scenario with ``validate --strict``, reads ``analyze``, plays the best
bot (``play --auto best``) and opens debriefs (``debrief ID``). This part times exactly
those commands, as whole processes, on

- every shipped scenario (``scenarios/*.yaml``),
- the realistic fixtures a trainer wrote from the docs (``tests/scenarios/realistic/``),
- the generated realistic family (``tests.fixtures.realistic.realistic_scenarios``: 3 and
  5 residents, 20 to 120 nodes, mood triggers, flags, preparation unlocks),

each command paired with a floor in turn (A B A B ...): a process that imports the engine
and loads the same scenario, and nothing else. What is left is the analysis' own time.
With ``--baseline REV`` each command is paired with the same command of revision REV
instead, and the ratio of the two is the speed-up, pair by pair.

In-process numbers follow, each from a fresh interpreter (``child.py``): the best and worst
from the start (states valued, exact or not) and the review of a random playthrough, which
is every number a debrief shows. The debrief goal is judged on that review; a debrief in the
window is computed in the background while the trainee rates themselves.

The goals are the issue's (#15): on every realistic scenario ``validate --strict`` in ≤ 2 s
(passing on the shipped scenarios and the trainer-written fixtures; the generated family's
machine-written texts are the tells report's business), ``analyze`` ≤ 3 s, every number of a
debrief ≤ 1 s, exact; on the shipped scenarios the debrief's analysis ≤ 0.1 s; everywhere the
best bot reaches the debrief's "beste haalbaar" and ``analyze``'s best. Synthetic long
evenings (``--trainer-sizes``) are informational rows.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from bench.common import CURRENT, ROOT, Engine, Runs, child, goals, neutral_folder, paired, synthetic, table

VALIDATE_GOAL = 2.0  # seconds, realistic scenarios
ANALYZE_GOAL = 3.0
DEBRIEF_GOAL = 1.0
SHIPPED_ANALYSIS_GOAL = 0.1  # the debrief's analysis of a shipped scenario, in-process
COMMANDS = ("validate", "analyze", "debrief", "bot")
TIMEOUT = 600.0  # seconds one command may take before it counts as not finished
FLOOR = "import sys; from engine import load_scenario; load_scenario(sys.argv[1])"
_OVERALL = re.compile(r"^Overall score (-?\d+)\b", re.M)  # the text debrief's headline (``--lang en``)


@dataclass
class Target:
    name: str
    kind: str  # "shipped" | "realistic" | "synthetic"
    path: Path
    nodes: int = 0
    residents: int = 0


def targets(folder: Path, sizes: Sequence[int], quick: bool = False, only: Sequence[str] = ()) -> list[Target]:
    """The scenarios to measure, written into ``folder`` where they are generated; ``only``:
    just these (names as the tables show them)."""
    from engine import load_scenario
    from tests.fixtures.realistic import realistic_scenarios
    out: list[Target] = []
    shipped = sorted((ROOT / "scenarios").glob("*.yaml"))
    for path in shipped:
        if not quick or path.stem == "speeltuin-kort":
            out.append(Target(path.stem, "shipped", path))
    if not quick:
        for path in sorted((ROOT / "tests" / "scenarios" / "realistic").glob("*.yaml")):
            out.append(Target(path.stem, "realistic", path))
    family = realistic_scenarios()
    for member in family[:1] if quick else family:
        path = folder / f"realistic-{member.residents}x{member.nodes}.yaml"
        path.write_text(member.text(), encoding="utf-8")
        out.append(Target(member.name, "realistic", path))
    for n in sizes:
        out.append(Target(f"synthetic {n:,}", "synthetic", synthetic(n, folder)))
    if only:
        out = [t for t in out if t.name in only]
    for t in out:
        scenario = load_scenario(str(t.path))
        t.nodes, t.residents = len(scenario.nodes), len(scenario.residents)
    return out


def journal_with_a_playthrough(target: Target, folder: Path, seed: int = 1) -> dict[str, str]:
    """A data folder whose journal holds one finished random playthrough of ``target`` (session
    1), for ``debrief 1``; returns the environment that points the simulator there."""
    from engine import load_scenario
    from engine.play.session import Session
    from simulator.journal import Journal
    from tests.fixtures.playthrough import play_at_random
    data = folder / f"data-{re.sub(r'[^A-Za-z0-9]+', '-', target.name)}"
    data.mkdir(exist_ok=True)
    scenario = load_scenario(str(target.path))
    session = Session.start(scenario, seed=seed)
    with Journal(data / "journal.sqlite3") as journal:
        sid = journal.start(session, str(target.path), "nl")
        for _ in play_at_random(session, seed):
            journal.save(sid, session)
        journal.flush()
    session.close()
    return {"TUSSENWERKER_DATA": str(data), "TUSSENWERKER_CONFIG": str(folder / "config")}


def command(what: str, target: Target) -> list[str]:
    py = [sys.executable, "-m", "simulator"]
    path = str(target.path)
    if what == "validate":
        return py + ["validate", "--strict", path]
    if what == "analyze":
        return py + ["analyze", path]
    if what == "debrief":
        return py + ["debrief", "1"]
    if what == "bot":
        return py + ["play", "--text", "--auto", "best", "--no-rating", "--no-save", "--lang", "en", path]
    raise ValueError(what)


def run(folder: Path, sizes: Sequence[int] = (), baseline: Optional[Engine] = None, runs: int = 3,
        quick: bool = False, commands: Sequence[str] = COMMANDS, only: Sequence[str] = ()) -> list[str]:
    warmup = 0 if quick else 1
    rows: list[list[Any]] = []
    inproc: list[list[Any]] = []
    seen: dict[tuple[str, str], Runs] = {}
    facts: dict[str, dict[str, Any]] = {}
    for t in targets(folder, sizes, quick, only):
        print(f"bench: trainer: {t.name}", file=sys.stderr, flush=True)
        env = CURRENT.env(journal_with_a_playthrough(t, folder))
        base_env = baseline.env(journal_with_a_playthrough(t, folder)) if baseline else None
        facts[t.name] = about = _facts(t, env)
        for what in commands:
            if t.kind == "synthetic" and what in ("debrief", "bot"):
                continue  # a 10,000-node evening is not something a trainee plays
            cmd = command(what, t)
            if baseline is not None and base_env is not None:
                ours, other, ratio = paired(cmd, cmd, env, base_env, runs, warmup, TIMEOUT)
                versus = f"{_s(other)} ({_ratio(ratio)})"
            else:
                ours, other, ratio = paired(cmd, [sys.executable, "-c", FLOOR, str(t.path)], env, env, runs, warmup,
                                            TIMEOUT)
                versus = f"{_s(other)} ({_ratio(ratio)})"
            seen[(t.name, what)] = ours
            rows.append([t.name, f"{t.nodes} / {t.residents}", what, _s(ours), _s(ours, "wall"), versus,
                         _exit(ours)])
        if t.kind != "synthetic":
            solve = child("solve", t.path, repeat=1, timeout=TIMEOUT)
            rev = child("review", t.path, 1, repeat=1, timeout=TIMEOUT)
            about.update(solve=solve, review=rev)
            inproc.append([t.name, _values(solve), f"{solve.get('valued', 0):,}", _secs(solve),
                           f"{_secs(rev)} ({rev.get('decisions', '?')} decisions)",
                           "yes" if rev.get("exact") else "no" if "exact" in rev else _error(rev)])
    against = f"{baseline.label} CPU s (ours / it)" if baseline else "floor CPU s (ours / floor)"
    return ["## What trainers run: validate, analyze, debrief, the best bot", "",
            *goals(_goals(seen, facts, commands)), "",
            *table(["scenario", "nodes / residents", "command", "CPU s (median)", "wall s (median)", against,
                    "exit"], rows), "",
            *table(["scenario", "best / worst from the start", "states valued", "CPU s",
                    "review of a random playthrough, CPU s", "review exact"], inproc), "",
            f"Whole processes, the median of {runs} runs after {warmup} warm-up run{'s' if warmup != 1 else ''} "
            "each (a pair slower than 30 s: one run), in turn with the process they are set against. The floor "
            "imports the engine and loads the scenario, nothing more: a command's time above it is the analysis. "
            "`debrief` shows session 1 of a journal holding one random playthrough of the scenario; `bot` is "
            "`play --text --auto best`. In-process numbers come from a fresh interpreter each (a cold solver, "
            "as in a new process).", ""]


def _facts(t: Target, env: dict[str, str]) -> dict[str, Any]:
    """What the commands say, not how long they take: one untimed run each."""
    out: dict[str, Any] = {}
    if t.kind == "synthetic":
        return out
    analyzed = _output(command("analyze", t)[:-1] + ["--json", str(t.path)], env)
    try:
        data = json.loads(analyzed)
        out["analyze_best"] = data["best"]["overall"]["total"]
        out["analyze_exact"] = bool(data.get("values_exact", {}).get("overall", False))
    except (ValueError, KeyError, TypeError):
        out["analyze_best"] = None
    match = _OVERALL.search(_output(command("bot", t), env))
    out["bot_best"] = int(match.group(1)) if match else None
    return out


def _output(cmd: list[str], env: dict[str, str]) -> str:
    try:
        return subprocess.run(cmd, cwd=neutral_folder(), env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=TIMEOUT).stdout
    except subprocess.TimeoutExpired:
        return ""


def _goals(seen: dict[tuple[str, str], Runs], facts: dict[str, dict[str, Any]],
           commands: Sequence[str]) -> list[tuple[str, str, Optional[bool]]]:
    out: list[tuple[str, str, Optional[bool]]] = []
    realistic = sorted({name for (name, _) in seen if _kind(name) == "realistic"})
    shipped = sorted({name for (name, _) in seen if _kind(name) == "shipped"})
    wanted = (("validate", VALIDATE_GOAL, f"`validate --strict` on every realistic scenario in ≤ {VALIDATE_GOAL:g} s"),
              ("analyze", ANALYZE_GOAL, f"`analyze` on every realistic scenario in ≤ {ANALYZE_GOAL:g} s"))
    for what, goal, text in wanted:
        if what not in commands or not realistic:
            continue
        runs = {n: seen[(n, what)] for n in realistic if (n, what) in seen}
        out.append(_slowest(text, runs, goal, need_pass=False))
    written = {n: seen[(n, "validate")] for n in shipped + [n for n in realistic if _written(n)]
               if (n, "validate") in seen}
    if written:
        failed = [n for n, r in written.items() if r.code != 0]
        out.append(("`validate --strict` passes on the shipped scenarios and the trainer-written fixtures",
                    f"{len(written) - len(failed)} of {len(written)}" + (f"; fails: {', '.join(failed)}" if failed
                                                                       else ""), not failed))
    reviews = {n: facts[n].get("review", {}) for n in realistic if n in facts}
    if reviews:
        out.append(_slowest_inproc(f"every number of a debrief on every realistic scenario in ≤ {DEBRIEF_GOAL:g} s "
                                   "(the review of a random playthrough, in-process)", reviews, DEBRIEF_GOAL))
    analysis = {n: facts[n].get("review", {}) for n in shipped if n in facts}
    if analysis:
        out.append(_slowest_inproc(f"shipped scenarios: the debrief's analysis in ≤ {SHIPPED_ANALYSIS_GOAL:g} s "
                                   "(its review, in-process)", analysis, SHIPPED_ANALYSIS_GOAL))
    same, differ = 0, []
    for name, f in facts.items():
        rev = f.get("review", {})
        values = (f.get("bot_best"), rev.get("best"), f.get("analyze_best"))
        if None in values or "bot" not in commands:
            continue
        if values[0] == values[1] == values[2]:
            same += 1
        else:
            differ.append(f"{name} {values[0]}/{values[1]}/{values[2]}")
    if same or differ:
        out.append(("the best bot's total = the debrief's best achievable = `analyze`'s best",
                    f"{same} of {same + len(differ)} scenarios" + (f"; differ (bot/debrief/analyze): "
                                                                    f"{', '.join(differ)}" if differ else ""),
                    not differ))
    return out


def _written(name: str) -> bool:
    """A realistic scenario a trainer wrote (not generated)."""
    return (ROOT / "tests" / "scenarios" / "realistic" / f"{name}.yaml").exists()


def _kind(name: str) -> str:
    if name.startswith("synthetic"):
        return "synthetic"
    return "shipped" if (ROOT / "scenarios" / f"{name}.yaml").exists() else "realistic"


def _slowest(text: str, runs: dict[str, Runs], goal: float, need_pass: bool) -> tuple[str, str, Optional[bool]]:
    if not runs:
        return text, "not run", None
    failed = [n for n, r in runs.items() if not r.ok or (need_pass and r.code != 0)]
    timed = {n: r.median() for n, r in runs.items() if r.ok}
    if not timed:
        return text, "no run finished", False
    slowest = max(timed, key=lambda n: timed[n] or 0.0)
    over = [n for n, v in timed.items() if v is not None and v > goal]
    measured = f"slowest {timed[slowest]:.2f} s ({slowest}); over the goal: {len(over)} of {len(runs)}"
    if failed:
        measured += f"; {'failed' if need_pass else 'did not finish'}: {', '.join(failed)}"
    return text, measured, not over and not failed


def _slowest_inproc(text: str, results: dict[str, dict[str, Any]], goal: float) -> tuple[str, str, Optional[bool]]:
    timed = {n: r["cpu"] for n, r in results.items() if "cpu" in r}
    if not timed:
        return text, "no run finished", False
    slowest = max(timed, key=timed.__getitem__)
    over = [n for n, v in timed.items() if v > goal]
    inexact = [n for n, r in results.items() if r.get("exact") is False]
    measured = f"slowest {timed[slowest]:.2f} s ({slowest}); over the goal: {len(over)} of {len(results)}"
    if inexact:
        measured += f"; not exact: {', '.join(inexact)}"
    return text, measured, not over and not inexact and len(timed) == len(results)


def _s(r: Runs, key: str = "cpu") -> str:
    value = r.median(key)
    return "did not finish" if value is None else f"{value:.2f}"


def _ratio(ratio: Optional[float]) -> str:
    return "—" if ratio is None else f"{ratio:.2f}x"


def _exit(r: Runs) -> str:
    return "timed out" if r.code is None else str(r.code)


def _secs(result: dict[str, Any]) -> str:
    return f"{result['cpu']:.3f}" if "cpu" in result else _error(result)


def _error(result: dict[str, Any]) -> str:
    return f"error: {result.get('error', 'no result')}"


def _values(solve: dict[str, Any]) -> str:
    if "best" not in solve:
        return _error(solve)
    return f"{solve['best']} / {solve['worst']}" + ("" if solve.get("exact") else " (bounds)")


if __name__ == "__main__":
    print("\n".join(run(Path(tempfile.mkdtemp(prefix="tussenwerker-bench-")), quick=True, runs=1)))
