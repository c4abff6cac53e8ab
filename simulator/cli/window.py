"""No command (or ``play`` without ``--text``): the simulator window."""

from __future__ import annotations

import argparse
from typing import Any, Optional

from simulator.window import run_app


def cmd_window(args: argparse.Namespace, scenario: Optional[Any] = None) -> int:
    return int(run_app(args, scenario) or 0)
