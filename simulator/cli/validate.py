"""``tussenwerker validate``: every problem in scenario files, one line each (load errors, shape,
references, graph, playability, smells, sign-offs, tells, loopholes)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from engine import Problem, ScenarioError, parse_scenario
from engine.analysis.loopholes import loopholes
from engine.analysis.playability import check_playability
from engine.analysis.tells import tells_problems as strategy_problems
from engine.scenario.lint import lint_scenario
from engine.scenario.messages import msg
from engine.scenario.signoff import signoff_problems
from engine.scenario.yamlsafe import read_text
from simulator.cli.exits import EXIT_INVALID, EXIT_OK
from simulator.cli.problems import authoring_lang, print_problems, verdict_line
from simulator.i18n.authoring import say
from simulator.surface_model import shipped_training
from simulator.waiting import waiting


def scenario_files(paths: list[str]) -> list[str]:
    """The files to validate: a folder stands for its ``*.yaml``/``*.yml`` files (not recursive),
    so a trainer can check a whole course folder at once; a folder without any, or one that
    can't be listed, stays, and then gets a one-line error from ``validate_path``."""
    out: list[str] = []
    for path in paths:
        folder = Path(path)
        try:
            found = sorted(str(f) for f in folder.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file()) \
                if folder.is_dir() else []
        except OSError:
            found = []
        out.extend(found or [path])
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    lang = authoring_lang(args)
    for path in scenario_files(args.paths):
        with waiting(say("waiting_validate", lang, path=path)):
            problems = validate_path(path)
        print_problems(problems, lang)
        if any(p.severity == "error" for p in problems) or (args.strict and problems):
            status = EXIT_INVALID
        else:
            print(verdict_line(path, problems, lang))
    return status


def validate_path(path: str) -> list:
    """Every problem in one file (load errors, shape, references, graph, playability, smells)."""
    if os.path.isdir(path):
        try:
            os.listdir(path)
            problem = msg("file.folder_without_scenarios")
        except OSError as exc:
            problem = msg("file.cannot_read_folder", reason=exc.strerror or str(exc))
        return [Problem(path, 1, 1, problem)]
    try:
        source = read_text(path)
        scenario, problems = parse_scenario(source, path)
    except ScenarioError as exc:
        return list(exc.problems)
    if scenario is not None and not any(p.severity == "error" for p in problems):
        problems += check_playability(scenario) + lint_scenario(scenario, source) + signoff_problems(scenario)
        if not any(p.severity == "error" for p in problems):  # (a broken meeting's scores say nothing yet)
            problems += tells_problems(scenario) + _loopholes(scenario)
        problems = sorted(problems)
    return problems


def _loopholes(scenario) -> list:
    try:
        return loopholes(scenario)
    except RuntimeError:  # automatic transitions that loop: playability reports it
        return []


def tells_problems(scenario) -> list:
    """Warnings when a trainee who reads nothing scores like one who understands (issue: tells)."""
    try:
        messages = strategy_problems(scenario, shipped_training())
    except RuntimeError as exc:  # a scenario whose automatic transitions loop: playability says so
        return [] if "loop" in str(exc) else [Problem(scenario.path, 1, 1, str(exc))]
    return [Problem(scenario.path, 1, 1, message, "warning") for message in messages]
