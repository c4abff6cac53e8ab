"""The whole command line as ``argparse`` sees it: every command, its options, and which
function runs it.

A command's function is named here (``run="simulator.cli.report:cmd_report"``), not imported:
``commands.command`` imports its module when the command runs. So this module imports nothing
but ``argparse`` and a few names, and ``--help``, a mistyped command and the window's start
parse the whole command line without loading the engine, the exports or the terminal player.
"""

from __future__ import annotations

import argparse
import datetime

from engine.scenario.text import LANGUAGES
from simulator import __version__
from simulator.cli.playoptions import add_perspective_options, add_play_options


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: every command, its options, and the function that runs it."""
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

    p.set_defaults(run="simulator.cli.window:cmd_window")  # no command: the window
    sub.add_parser("list", help="list the shipped scenarios and your own (see 'paths')").set_defaults(
        run="simulator.cli.listing:cmd_list")

    v = sub.add_parser("validate", help="check scenario files; one line per problem")
    v.add_argument("paths", nargs="+", metavar="PATH", help="scenario files, or folders of them")
    v.add_argument("--strict", action="store_true", help="warnings also make the exit code 1")
    v.add_argument("--lang", choices=("nl", "en"), default=None, dest="cmd_lang", help="language of the messages")
    v.set_defaults(run="simulator.cli.validate:cmd_validate")

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
    play.set_defaults(run="simulator.cli.play:cmd_play")
    for add in (_add_author, _add_sessions, _add_replay, _add_report, _add_rating, _add_paths, _add_sync,
                _add_privacy):
        add(sub)
    return p


def parse_since(text: str) -> float:
    """``2026-03-01`` (local midnight), ``2026-03-01T14:00`` (local) or with a zone; seconds since the epoch."""
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the trainer's own clock
    return moment.timestamp()


def _add_author(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("schema", help="print the scenario JSON Schema; --write updates the shipped files")
    s.add_argument("--write", action="store_true",
                   help="write schema/scenario.schema.json and the key reference in docs/authoring.md")
    s.add_argument("--force", action="store_true", help="replace a schema file that this command didn't write")
    s.set_defaults(run="simulator.cli.author:cmd_schema")

    g = sub.add_parser("graph", help="draw a scenario's dialogue graph (Mermaid or Graphviz DOT)")
    g.add_argument("scenario", metavar="PATH_OR_ID")
    g.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    g.add_argument("--out", metavar="FILE", help="write to FILE; .svg/.png/.pdf are rendered with Graphviz")
    g.add_argument("--lang", choices=LANGUAGES, default=None, dest="graph_lang", help="language of the labels")
    g.add_argument("--force", action="store_true", help="replace an existing --out file")
    g.set_defaults(run="simulator.cli.author:cmd_graph")

    a = sub.add_parser("analyze", help="what a scenario lets a trainee do: playthroughs, endings, scores")
    a.add_argument("scenario", metavar="PATH_OR_ID")
    a.add_argument("--json", action="store_true", help="print the analysis as JSON")
    a.add_argument("--max-states", type=int, default=None, metavar="N",
                   help="explore at most N states before falling back to sampling")
    a.add_argument("--samples", type=int, default=4_000, metavar="N", help="random playthroughs when sampling")
    a.add_argument("--seed", type=int, default=0, help="seed for sampling")
    a.add_argument("--lang", choices=LANGUAGES, default=None, dest="analyze_lang", help="language of the report")
    a.set_defaults(run="simulator.cli.author:cmd_analyze")

    n = sub.add_parser("new", help="write a commented starter scenario that validates and plays")
    n.add_argument("name", metavar="NAME", help="scenario id (writes NAME.yaml) or a path ending in .yaml")
    n.add_argument("--force", action="store_true", help="overwrite an existing file (never the journal or settings)")
    n.set_defaults(run="simulator.cli.author:cmd_new")

    t = sub.add_parser("test", help="run golden playthrough plans (*.plan files or folders of them)")
    t.add_argument("paths", nargs="+", metavar="PATH")
    t.add_argument("--scenarios", metavar="DIR", help="folder with the scenarios the plans name by id")
    t.add_argument("--lang", choices=("nl", "en"), default=None, dest="cmd_lang", help="language of the messages")
    t.set_defaults(run="simulator.cli.author:cmd_test")

    p = sub.add_parser("plan", help="write a golden playthrough plan for the best, worst or a random path")
    p.add_argument("scenario", metavar="PATH_OR_ID")
    p.add_argument("--auto", choices=("best", "worst", "random"), default="best")
    p.add_argument("--seed", type=int, default=0, help="seed for --auto random")
    p.add_argument("--lang", choices=("nl", "en"), default=None, dest="cmd_lang", help="language of the messages")
    p.add_argument("--out", metavar="FILE", help="write the plan to FILE instead of printing it")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.set_defaults(run="simulator.cli.author:cmd_plan")


def _add_sessions(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("sessions", help="list saved sessions (date, scenario, ending, overall score)")
    s.add_argument("--scenario", metavar="ID", help="only this scenario's sessions")
    s.add_argument("--lang", choices=LANGUAGES, default=None, dest="cmd_lang")
    s.set_defaults(run="simulator.cli.sessions:cmd_sessions")

    d = sub.add_parser("debrief", help="show a saved session's debrief again, or export it")
    d.add_argument("id", type=int, metavar="ID", help="session number (see 'sessions')")
    d.add_argument("--html", metavar="FILE", help="write a self-contained HTML report (prints on A4)")
    d.add_argument("--md", metavar="FILE", help="write the debrief as Markdown")
    d.add_argument("--json", metavar="FILE", help="write the debrief as JSON (docs/debrief-json.md)")
    d.add_argument("--scenario", metavar="PATH_OR_ID", help="the scenario file, if it has moved since")
    d.add_argument("--lang", choices=LANGUAGES, default=None, dest="cmd_lang",
                   help="language (default: the session's)")
    d.add_argument("--rate", action="store_true",
                   help="first give your own rating (1-5 per step and indicator), if the session has none yet")
    d.add_argument("--force", action="store_true", help="replace an existing export file")
    d.set_defaults(run="simulator.cli.sessions:cmd_debrief")


def _add_replay(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("replay", help="try a decision of a saved session again (replay from there)")
    r.add_argument("id", type=int, metavar="ID", help="session number (see 'sessions')")
    r.add_argument("decision", type=int, metavar="DECISION", help="decision number, as the debrief numbers them")
    r.add_argument("--scenario", metavar="PATH_OR_ID", help="the scenario file, if it has moved since")
    r.add_argument("--lang", choices=LANGUAGES, default=None, dest="cmd_lang",
                   help="language (default: the session's)")
    r.add_argument("--no-mood", action="store_true", help="don't print the residents' mood")
    r.add_argument("--no-save", action="store_true", help="don't save the new attempt in the journal")
    add_perspective_options(r)
    r.set_defaults(run="simulator.cli.replay:cmd_replay")


def _add_report(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser(
        "report", help="trainer report for a cohort: this machine's sessions, exported debriefs and journals, "
                       "or the academy's LRS; with a heat map on the scenario graph",
        description="Without SOURCE: every finished session in this machine's journal. SOURCE: exported JSON "
                    "debriefs (debrief ID --json), trainees' journal files, or folders of them; each session "
                    "counts once. --lrs: the statements in the Learning Record Store (docs/xapi.md).")
    r.add_argument("sources", nargs="*", metavar="SOURCE", help="debrief .json files, journal files, or folders")
    r.add_argument("--lrs", action="store_true", help="read the cohort from the configured Learning Record Store")
    r.add_argument("--scenario", metavar="ID", help="only this scenario")
    r.add_argument("--since", metavar="DATE", type=parse_since, help="only sessions started on or after DATE")
    r.add_argument("--group", metavar="NAME", help="with --lrs: only this group (course) of trainees")
    r.add_argument("--registration", metavar="UUID", help="with --lrs: only this session (its registration)")
    r.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions (this machine's journal)")
    r.add_argument("--csv", metavar="FILE", help="write the report as CSV")
    r.add_argument("--html", metavar="FILE", help="write the report with the heat maps as one HTML file")
    r.add_argument("--svg", metavar="FILE", help="write the heat map on the scenario graph as SVG (one scenario)")
    r.add_argument("--mermaid", metavar="FILE", help="write the heat map as a Mermaid graph (one scenario)")
    r.add_argument("--force", action="store_true", help="replace existing output files")
    r.add_argument("--lang", choices=("nl", "en"), default=None, dest="cmd_lang")
    r.set_defaults(run="simulator.cli.report:cmd_report")


def _add_rating(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("rate-sheet", help="write a blind rating sheet (HTML form or CSV) for trainers to fill in")
    s.add_argument("scenario", metavar="PATH_OR_ID")
    s.add_argument("--out", required=True, metavar="FILE", help="FILE.html (a form that saves JSON) or FILE.csv")
    s.add_argument("--lang", choices=LANGUAGES, default=None, dest="rating_lang", help="language of the sheet")
    s.add_argument("--seed", default="", help="another seed shuffles the options differently")
    s.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    s.set_defaults(run="simulator.cli.rating:cmd_rate_sheet")

    r = sub.add_parser("rate-report", help="agreement of filled rating sheets with each other and with the key")
    r.add_argument("scenario", metavar="PATH_OR_ID")
    r.add_argument("sheets", nargs="+", metavar="SHEET", help="filled sheets: .json from the form, or .csv")
    r.add_argument("--html", metavar="FILE", help="write the report as HTML")
    r.add_argument("--md", metavar="FILE", help="write the report as Markdown (without --html/--md: printed)")
    r.add_argument("--force", action="store_true", help="replace an existing --html/--md file")
    r.add_argument("--lang", choices=LANGUAGES, default=None, dest="rating_lang", help="language of the report")
    r.set_defaults(run="simulator.cli.rating:cmd_rate_report")

    o = sub.add_parser("signoff", help="sign off a scenario's scoring (or, without --name, show who did)")
    o.add_argument("scenario", metavar="PATH_OR_ID")
    o.add_argument("--name", help="who signs: your name")
    o.add_argument("--role", help="your role, e.g. trainer or gedragsdeskundige")
    o.add_argument("--decision", action="append", metavar="ID", dest="decisions",
                   help="sign only this decision (repeatable; default: all)")
    o.add_argument("--note", default="", help="a remark kept with the signature, e.g. the rating report")
    o.add_argument("--lang", choices=LANGUAGES, default=None, dest="rating_lang", help="language of the status")
    o.set_defaults(run="simulator.cli.rating:cmd_signoff")


def _add_paths(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("paths", help="where the scenarios (shipped and your own), sessions and settings are")
    p.add_argument("--lang", choices=LANGUAGES, default=None, dest="cmd_lang")
    p.set_defaults(run="simulator.cli.paths:cmd_paths")


def _add_sync(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("sync", help="send the results waiting in the outbox to the LRS now (docs/xapi.md)")
    s.add_argument("--status", action="store_true", help="show the LRS settings and what waits, send nothing")
    s.add_argument("--configure", action="store_true", help="store LRS settings (with --endpoint, --key, ...)")
    s.add_argument("--endpoint", metavar="URL", help="the xAPI base URL, e.g. https://lrs.example.org/xAPI/")
    s.add_argument("--key", metavar="KEY", help="the Basic auth key")
    s.add_argument("--secret-stdin", action="store_true", help="read the Basic auth secret from standard input")
    s.add_argument("--group", metavar="NAME", help="the course or group the sessions belong to")
    s.add_argument("--batch", type=int, metavar="N", help="statements per request (1-500)")
    s.add_argument("--retry-rejected", action="store_true", help="send statements the LRS refused once more")
    s.add_argument("--timeout", type=float, metavar="SECONDS", help="stop sending after this long")
    s.add_argument("--lang", choices=("nl", "en"), default=None, dest="cmd_lang")
    s.set_defaults(run="simulator.cli.sync:cmd_sync")


def _add_privacy(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("privacy", help="your own data: status, export, delete, identity, own words (docs/privacy.md)")
    p.add_argument("--lang", choices=LANGUAGES, default=None, dest="cmd_lang",
                   help="language of what it says (default: the window's)")
    actions = p.add_subparsers(dest="privacy_action", metavar="ACTION")
    actions.add_parser("status", help="what is kept where, and what is sent")
    e = actions.add_parser("export", help="everything kept about you, as one JSON file")
    e.add_argument("file", metavar="FILE")
    e.add_argument("--force", action="store_true", help="replace an existing file")
    d = actions.add_parser("delete", help="delete sessions (those the LRS has are voided there)")
    d.add_argument("--session", type=int, nargs="+", metavar="ID", help="session numbers (see 'sessions')")
    d.add_argument("--all", action="store_true", help="every session")
    d.add_argument("--yes", action="store_true", help="don't ask")
    i = actions.add_parser("identity", help="who the statements sent to the LRS say you are")
    who = i.add_mutually_exclusive_group(required=True)
    who.add_argument("--pseudonym", action="store_true", help="a random id (the default): no name, no e-mail")
    who.add_argument("--email", metavar="ADDRESS", help="your e-mail address")
    who.add_argument("--account", metavar="LOGIN", help="your login at the academy (with --homepage)")
    i.add_argument("--homepage", metavar="URL", help="the academy's home page for --account")
    i.add_argument("--name", metavar="NAME", help="your name, sent with --email or --account")
    w = actions.add_parser("own-words", help="whether typed own words are sent, and how long they are kept")
    w.add_argument("--send", choices=("yes", "no"), help="send own words to the LRS (off by default)")
    w.add_argument("--keep-days", metavar="N|forever", help="keep typed own words N days (0: not after the session)")
    for action in (actions.choices.values()):  # ``privacy status --lang en`` as well as ``privacy --lang en status``
        action.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, dest="cmd_lang",
                            help="language of what it says (default: the window's)")
    p.set_defaults(run="simulator.cli.privacy:cmd_privacy")
