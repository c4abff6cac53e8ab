"""The ``play`` and ``replay`` options that belong to the journal and the coach.

Apart from ``terminal.session`` (which imports the terminal player, the journal and the
debrief) so that building the command line's parser (``parser``) imports none of that.
"""

from __future__ import annotations

import argparse


def add_play_options(play: argparse.ArgumentParser) -> None:
    """The journal's options on the ``play`` command."""
    play.add_argument("--resume", nargs="?", type=int, const=0, default=None, metavar="ID",
                      help="continue an unfinished session (the last one when no ID is given)")
    play.add_argument("--no-save", action="store_true",
                      help="don't save this session in the journal (bots with --auto are never saved)")
    play.add_argument("--trainee", default="", metavar="NAME",
                      help="whose session this is (for progress over time on a shared computer)")
    add_perspective_options(play)


def add_perspective_options(parser: argparse.ArgumentParser) -> None:
    """Coach mode and the self-rating, on ``play`` and ``replay``."""
    parser.add_argument("--coach", action="store_true",
                        help="coach mode: after each choice, which step or indicator it touched")
    parser.add_argument("--own-words", action="store_true",
                        help="at each decision, first type what you would say, then pick the closest option")
    parser.add_argument("--no-rating", action="store_true",
                        help="don't ask for your own rating before the debrief (for scripted runs)")
    add_access_options(parser)


def add_access_options(parser: argparse.ArgumentParser) -> None:
    """The terminal as the screen-reader route (simulator/terminal/a11y.py)."""
    parser.add_argument("--plain", action="store_true",
                        help="for a screen reader: no rules, bars, arrows or colour; every figure in words")
    parser.add_argument("--speak", action="store_true",
                        help="the residents speak their lines aloud, each in their own voice")
