"""The CLI's start-up boundary: a command's module is imported when that command runs.

``parser`` names each command's function as ``"module:function"``; ``command`` imports it.
This is the one place the command line imports late, on purpose: ``list`` and ``validate``
never load the terminal player, the exports or pygame, and the window's title card is up
before the window's own modules load (``window.run_app``). Every other module imports at its top.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable


def command(spec: str) -> Callable[..., Any]:
    """The function ``spec`` (``"simulator.cli.report:cmd_report"``) names, its module imported now."""
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)
