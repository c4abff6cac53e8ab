"""``tussenwerker play``: a scenario in the window, or in the terminal with ``--text``.

The two players are reached through ``commands.command``: the window's title card must be up
before the terminal player (or anything else heavy) loads, and ``play --text`` needs no window.
"""

from __future__ import annotations

import argparse
import sys

from simulator.cli.commands import command
from simulator.cli.exits import EXIT_INVALID, EXIT_USAGE
from simulator.cli.problems import authoring_lang, load_or_report

WINDOW = "simulator.cli.window:cmd_window"
TERMINAL = "simulator.terminal.session:play_text"


def cmd_play(args: argparse.Namespace) -> int:
    scenario = None
    if args.scenario is not None:
        scenario = load_or_report(args.scenario, authoring_lang(args))
        if scenario is None:
            return EXIT_INVALID
    elif args.resume is None:
        print("play: name a scenario (path or id), or use --resume", file=sys.stderr)
        return EXIT_USAGE
    return int(command(TERMINAL if args.text else WINDOW)(args, scenario) or 0)
