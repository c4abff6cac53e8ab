"""Commands for scenario authors: schema, graph, analyze, new, test and plan.

Trainers write scenarios in YAML; these commands make that safe and quick: the JSON
Schema for their editor, a picture of the dialogue graph, an analysis of what the
scenario lets a trainee do, a commented starter file, and golden playthroughs. Each
command is a thin shell around an engine function or a helper module; every problem a
user can cause prints one line and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Optional

from engine.analysis.playstats import analyze
from engine.analysis.tells import tells
from engine.play.plans import run_plan
from engine.scenario.schema import REFERENCE_END, REFERENCE_START, SCHEMA_PATH, reference_markdown, schema_text
from simulator import catalog
from simulator.cli.analyze_report import render_text, to_data
from simulator.cli.plan_writer import GoesRound, plan_text
from simulator.cli.problems import authoring_lang, load_or_report
from simulator.cli.starter import starter_path, starter_text
from simulator.export.graph import render, to_dot, to_mermaid
from simulator.i18n.authoring import say
from simulator.resources import checkout
from simulator.safewrite import WriteRefused, write_output
from simulator.surface_model import shipped_training
from simulator.waiting import waiting

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILED


def _write(path: str, data: "str | bytes", force: bool = False, allow_scenario: bool = False) -> Optional[str]:
    """Write a file the user named (``simulator.safewrite``); return a one-line problem instead of raising."""
    try:
        write_output(path, data, force=force, allow_scenario=allow_scenario)
    except WriteRefused as exc:
        return str(exc)
    return None


# -- schema ------------------------------------------------------------------------------
def cmd_schema(args: argparse.Namespace) -> int:
    if not args.write:
        sys.stdout.write(schema_text())
        return EXIT_OK
    repo = checkout()
    if repo is None:
        return _fail("schema --write updates the project's source files: it works in a checkout of the project")
    target = repo / SCHEMA_PATH
    # Regenerating is this command's job: its own earlier output is replaced without --force.
    problem = _write(str(target), schema_text(), force=args.force or _is_generated_schema(target))
    if problem:
        return _fail(problem)
    print(f"wrote {SCHEMA_PATH}")
    guide = repo / "docs" / "authoring.md"
    if guide.is_file():
        text = guide.read_text(encoding="utf-8")
        start, end = text.find(REFERENCE_START), text.find(REFERENCE_END)
        if start < 0 or end < start:
            return _fail(f"{guide}:1:1: the key reference markers are missing")
        updated = text[:start] + reference_markdown() + text[end + len(REFERENCE_END):]
        if updated != text:
            problem = _write(str(guide), updated, force=True)  # only the marked, generated part changes
            if problem:
                return _fail(problem)
        print("wrote the key reference in docs/authoring.md")
    return EXIT_OK


def _is_generated_schema(path: Path) -> bool:
    """Whether ``path`` holds a schema this command wrote (its title), so replacing it loses nothing."""
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read(4 * 1024 * 1024))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("title", "")).startswith("Tussenwerker scenario")


# -- graph -------------------------------------------------------------------------------
def cmd_graph(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.scenario, authoring_lang(args))
    if scenario is None:
        return EXIT_FAILED
    lang = args.graph_lang or args.lang or "nl"
    out = args.out
    if out and Path(out).suffix.lower() in (".svg", ".png", ".pdf"):
        image, problem = render(to_dot(scenario, lang), out)
        if problem or image is None:
            return _fail(problem or f"{out}: dot wrote nothing")
        problem = _write(out, image, force=args.force)
        if problem:
            return _fail(problem)
        print(say("wrote", authoring_lang(args), path=out))
        return EXIT_OK
    text = to_dot(scenario, lang) if args.format == "dot" else to_mermaid(scenario, lang)
    if not out:
        sys.stdout.write(text)
        return EXIT_OK
    problem = _write(out, text, force=args.force)
    if problem:
        return _fail(problem)
    print(say("wrote", authoring_lang(args), path=out))
    return EXIT_OK


# -- analyze -----------------------------------------------------------------------------
def cmd_analyze(args: argparse.Namespace) -> int:

    scenario = load_or_report(args.scenario, authoring_lang(args))
    if scenario is None:
        return EXIT_FAILED
    kwargs = {"samples": args.samples, "seed": args.seed}
    if args.max_states is not None:
        kwargs["max_states"] = args.max_states
    started = time.perf_counter()
    try:
        with waiting(say("waiting_analyze", args.analyze_lang or authoring_lang(args), path=args.scenario)):
            stats = analyze(scenario, **kwargs)
            stats.tells = tells(scenario, shipped_training())
        stats.seconds = time.perf_counter() - started  # the whole analysis, the content-blind players too
    except RuntimeError as exc:  # automatic transitions that never settle
        return _fail(f"{scenario.path}:1:1: {exc}")
    if args.json:
        print(json.dumps(to_data(stats), indent=2, ensure_ascii=False))
    else:
        asked = args.analyze_lang or args.lang
        for line in render_text(stats, asked or "nl", asked or "en"):
            print(line)
    return EXIT_OK


# -- new ---------------------------------------------------------------------------------
def cmd_new(args: argparse.Namespace) -> int:
    try:
        path, scenario_id = starter_path(args.name)
    except ValueError as exc:
        print(f"new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lang = authoring_lang(args)
    if not path.parent.is_dir():
        return _fail(say("folder_not_found", lang, path=path.parent))
    problem = _write(str(path), starter_text(scenario_id, path), force=args.force, allow_scenario=True)
    if problem:
        return _fail(problem)
    print(say("wrote", lang, path=path))
    print(say("next_steps", lang, path=path))
    return EXIT_OK


# -- test and plan -----------------------------------------------------------------------
def cmd_test(args: argparse.Namespace) -> int:
    lang = authoring_lang(args)
    plans: list[Path] = []
    for name in args.paths:
        p = Path(name)
        if p.is_dir():
            found = sorted(p.glob("*.plan"))
            if not found:
                return _fail(say("no_plans", lang, path=p))
            plans.extend(found)
        elif p.is_file():
            plans.append(p)
        else:
            return _fail(say("file_not_found", lang, path=p))
    plans = list(dict.fromkeys(plans))  # a plan named twice (by file and by folder) runs once
    failed = 0
    for plan in plans:
        result = run_plan(str(plan), args.scenarios or _plan_scenarios(plan))
        if result.ok:
            print(say("plan_ok", lang, path=plan, ending=result.ending))
            continue
        failed += 1
        for failure in result.failures:
            print(failure if failure.startswith(f"{plan}:") else f"{plan}: {failure}")
    print(say("plans_result", lang, passed=len(plans) - failed, failed=failed))
    return EXIT_FAILED if failed else EXIT_OK


def _plan_scenarios(plan: Path) -> Optional[str]:
    """Plans name scenarios by id: beside a checkout's tests/playthroughs that is scenarios/,
    anywhere else the shipped (or TUSSENWERKER_SCENARIOS) folder."""
    beside = plan.resolve().parent.parent.parent / "scenarios"
    return None if beside.is_dir() else str(catalog.scenario_dir())


def cmd_plan(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.scenario, authoring_lang(args))
    if scenario is None:
        return EXIT_FAILED
    try:
        text = plan_text(scenario, args.auto, args.seed, args.scenario, args.out)
    except GoesRound as exc:
        return _fail(str(exc))
    if not args.out:
        sys.stdout.write(text)
        return EXIT_OK
    problem = _write(args.out, text, force=args.force)
    if problem:
        return _fail(problem)
    print(say("wrote", authoring_lang(args), path=args.out))
    return EXIT_OK
