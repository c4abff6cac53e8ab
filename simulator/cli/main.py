"""The command line: ``python -m simulator`` and ``tussenwerker``.

Without a command it opens the window. Every failure a user can cause (a broken
scenario, a missing file) prints one line per problem and exits non-zero; no
traceback reaches the user.

Commands import what they need when they run: building the parser imports neither the
engine's loader nor the terminal player, and the plugin commands (``EXTRA_COMMANDS``)
are only imported when the command line may name one of them or asks for the overall
help. The window then draws its first frame without waiting for code it doesn't use.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Optional, Sequence

from engine.scenario.text import LANGUAGES
from simulator import __version__
from simulator.cli.playoptions import add_play_options

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# Modules that add their own subcommands: each has ``register(subparsers)``, which adds
# a parser and sets ``func`` (args -> exit code) as its default.
EXTRA_COMMANDS: list[str] = ["simulator.cli.author", "simulator.cli.sessions", "simulator.cli.report",
                              "simulator.cli.rating", "simulator.cli.paths", "simulator.cli.sync",
                              "simulator.cli.privacy"]
CORE_COMMANDS = ("list", "validate", "play")


def build_parser(extras: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``extras=False`` leaves out the plugin commands (not imported)."""
    p = argparse.ArgumentParser(
        prog="tussenwerker",
        description="Tussenwerker: practise difficult meetings with residents (Ury's five steps, "
                    "inlevingsvermogen). Without a command, opens the simulator window.")
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="language of interface and scenario text")
    p.add_argument("--version", action="version", version=f"tussenwerker {__version__}")
    # Benchmarks: quit once the first frame (the title card) is shown, or once the start screen is.
    p.add_argument("--quit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--quit-when-ready", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("list", help="list the shipped scenarios and your own (see 'paths')")

    v = sub.add_parser("validate", help="check scenario files; one line per problem")
    v.add_argument("paths", nargs="+", metavar="PATH", help="scenario files, or folders of them")
    v.add_argument("--strict", action="store_true", help="warnings also make the exit code 1")

    play = sub.add_parser("play", help="play a scenario (in the terminal with --text)")
    play.add_argument("scenario", metavar="PATH_OR_ID", nargs="?")
    play.add_argument("--text", action="store_true", help="play in the terminal instead of the window")
    play.add_argument("--lang", choices=LANGUAGES, default=None, dest="play_lang",
                      help="language (default nl)")
    play.add_argument("--auto", choices=("random", "best", "worst"),
                      help="let a bot choose: random (repeatable with --seed), best or worst path")
    play.add_argument("--seed", type=int, default=None,
                      help="repeat a session's option order (and --auto random's picks); without it every "
                           "session shows its options in a fresh order")
    play.add_argument("--no-mood", action="store_true", help="don't print the residents' mood")
    add_play_options(play)
    if extras:
        for name in EXTRA_COMMANDS:
            importlib.import_module(name).register(sub)
    return p


def needs_extras(argv: Sequence[str]) -> bool:
    """Whether parsing ``argv`` may need the plugin commands.

    Not when there is no command (the window) or a core one; yes for any other command,
    for the top-level ``--help`` (which lists them all) and for anything unexpected
    before the command, so an odd command line gets the full parser's message.
    """
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang":
            i += 2
        elif arg.startswith("--lang=") or arg in ("--quit-after-first-frame", "--quit-when-ready", "--version"):
            i += 1
        elif arg == "--":
            return True
        else:
            return arg not in CORE_COMMANDS
    return False


def main(argv: Optional[Sequence[str]] = None) -> int:
    from simulator.safetext import guarded_terminal
    with guarded_terminal():  # no scenario or trainee text can drive the terminal; ASCII marks where needed
        return _main(argv)


def _main(argv: Optional[Sequence[str]] = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    for arg in argv:  # bytes that weren't UTF-8 arrive as lone surrogates; nothing downstream can store them
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            print(f"{shown}:1:1: this argument is not valid UTF-8; rename the file or type it in UTF-8",
                  file=sys.stderr)
            return EXIT_INVALID
    parser = build_parser(extras=needs_extras(argv))
    args = parser.parse_args(argv)
    try:
        if args.command == "list":
            return cmd_list(args)
        if args.command == "validate":
            return cmd_validate(args)
        if args.command == "play":
            return cmd_play(args)
        if getattr(args, "func", None) is not None:
            return int(args.func(args) or 0)
        return cmd_window(args, None)
    except KeyboardInterrupt:
        from simulator.i18n import tr
        print(tr("stopped", args.lang or "nl"), file=sys.stderr)
        return EXIT_OK
    except BrokenPipeError:
        return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    """The shipped scenarios, then the trainer's own under a heading that names their folder
    (an own scenario with a shipped id stays a row of its own there)."""
    from simulator import catalog
    from simulator.i18n import tr
    lang = args.lang or "nl"
    entries = catalog.load_catalog()
    if not entries:
        print(f"no scenarios in {catalog.scenario_dir()} or {catalog.user_scenario_dir()}", file=sys.stderr)
        return EXIT_INVALID
    shipped = [e for e in entries if not e.own]
    own = [e for e in entries if e.own]
    rows = _list_rows(shipped, lang)
    own_rows = _list_rows(own, lang)
    widths = [max(len(r[i]) for r in rows + own_rows) for i in (0, 1)]
    _print_rows(rows, widths)
    if own_rows:
        if rows:
            print()
        print(tr("own_scenarios_in", lang, path=catalog.user_scenario_dir()))
        _print_rows(own_rows, widths)
    return EXIT_OK


def _list_rows(entries: list, lang: str) -> list[tuple[str, str, str, str]]:
    from simulator.signoff_status import label, status_of  # "gecontroleerd door ..." or "niet gecontroleerd"
    rows = []
    for e in entries:
        if e.scenario is None:
            rows.append((e.path.stem, f"(invalid: {e.error})", "", ""))
            continue
        s = e.scenario
        residents = ", ".join(r.name for r in s.residents)
        length = f"{s.minutes} min, " if s.minutes else ""
        length += f"{len(s.nodes)} nodes, {s.decision_count} decisions"
        rows.append((s.id, s.title.get(lang), residents, f"{length}; {label(status_of(s), lang)}"))
    return rows


def _print_rows(rows: list[tuple[str, str, str, str]], widths: list[int]) -> None:
    w0, w1 = widths
    for r in rows:
        print(f"{r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]}  ({r[3]})" if r[3] else f"{r[0]:<{w0}}  {r[1]}")


def scenario_files(paths: list[str]) -> list[str]:
    """The files to validate: a folder stands for its ``*.yaml``/``*.yml`` files (not recursive),
    so a trainer can check a whole course folder at once; a folder without any, or one that
    can't be listed, stays, and then gets a one-line error from ``validate_path``."""
    from pathlib import Path
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
    from simulator.cli.problems import authoring_lang, print_problems, verdict_line  # loads the engine
    status = EXIT_OK
    lang = authoring_lang(args)
    for path in scenario_files(args.paths):
        problems = validate_path(path)
        print_problems(problems, lang)
        if any(p.severity == "error" for p in problems) or (args.strict and problems):
            status = EXIT_INVALID
        else:
            print(verdict_line(path, problems, lang))
    return status


def validate_path(path: str) -> list:
    """Every problem in one file (load errors, shape, references, graph, playability, smells)."""
    from engine import Problem, ScenarioError, parse_scenario
    from engine.analysis.playability import check_playability
    from engine.scenario.lint import lint_scenario
    from engine.scenario.messages import msg
    from engine.scenario.yamlsafe import read_text
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
        from engine.scenario.signoff import signoff_problems  # a signed decision that changed since
        problems = sorted(problems + check_playability(scenario) + lint_scenario(scenario, source)
                          + signoff_problems(scenario) + tells_problems(scenario) + _loopholes(scenario))
    return problems


def _loopholes(scenario) -> list:
    from engine.analysis.loopholes import loopholes
    try:
        return loopholes(scenario)
    except RuntimeError:  # automatic transitions that loop: playability reports it
        return []


def tells_problems(scenario) -> list:
    """Warnings when a trainee who reads nothing scores like one who understands (issue: tells)."""
    from engine import Problem
    from engine.analysis.tells import tells
    from simulator import catalog
    try:
        report = tells(scenario, catalog.shipped_scenarios())
    except RuntimeError as exc:  # a scenario whose automatic transitions loop: playability says so
        return [] if "loop" in str(exc) else [Problem(scenario.path, 1, 1, str(exc))]
    return [Problem(scenario.path, 1, 1, message, "warning") for message in report.problems()]




def cmd_play(args: argparse.Namespace) -> int:
    scenario = None
    if args.scenario is not None:
        from simulator.cli.problems import authoring_lang, load_or_report  # loads the engine
        scenario = load_or_report(args.scenario, authoring_lang(args))
        if scenario is None:
            return EXIT_INVALID
    elif args.resume is None:
        print("play: name a scenario (path or id), or use --resume", file=sys.stderr)
        return EXIT_USAGE
    if not args.text:
        return cmd_window(args, scenario)
    from simulator.terminal.session import play_text
    return play_text(args, scenario)


def cmd_window(args: argparse.Namespace, scenario) -> int:
    try:
        from simulator.window import run_app
    except ImportError as exc:
        print(f"the window is not available: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return int(run_app(args, scenario) or 0)
