"""Test matrices whose corners run in the quick suite and whose rest runs in the slow step.

The README's test command runs ``-m "not slow"`` on every core and has to finish in
about a minute; ``.ci/run`` runs the ``slow`` tests (bench smoke runs, whole screen
matrices, every shipped scenario played in the window) as a separate step, so nothing
goes unchecked before a change lands.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import pytest


def matrix(values: Iterable[Any], quick: Callable[[Any], bool], ids: Callable[[Any], str] | None = None) -> list:
    """``values`` as parameters: those ``quick`` accepts run always, the others only in the slow step."""
    out = []
    for value in values:
        marks = () if quick(value) else (pytest.mark.slow,)
        out.append(pytest.param(value, marks=marks, id=ids(value) if ids else None))
    return out
