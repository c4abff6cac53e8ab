"""The command line: ``python -m simulator`` and ``tussenwerker``.

Without a command it opens the window. Every failure a user can cause (a broken
scenario, a missing file) prints one line per problem and exits non-zero; no
traceback reaches the user.

``parser`` reads the command line; the command's own module is imported only when it
runs (``commands.command``, the CLI's one late import), so ``--help``, ``list`` and
``validate`` load nothing of the window or the exports, and the window draws its title
card without waiting for code it doesn't use.
"""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from simulator.cli.commands import command
from simulator.cli.exits import EXIT_INVALID, EXIT_OK
from simulator.cli.parser import build_parser
from simulator.i18n import tr
from simulator.safetext import guarded_terminal


def main(argv: Optional[Sequence[str]] = None) -> int:
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
    args = build_parser().parse_args(argv)
    try:
        return int(command(args.run)(args) or 0)
    except KeyboardInterrupt:
        print(tr("stopped", args.lang or "nl"), file=sys.stderr)
        return EXIT_OK
    except BrokenPipeError:
        return EXIT_OK
