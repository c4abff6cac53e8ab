"""The window's side of the LRS: the background sender and its status line.

``attach`` starts the sender when an LRS is configured (``xapi.sender.start_background``): it
runs on its own thread, talks to the LRS without holding any lock the window's saves need, and
is woken by the journal after each step that wrote statements. ``status_line`` is the calm line
Mijn sessies and the privacy screen show ("12 resultaten wachten op verzending"), or None.
"""

from __future__ import annotations

from typing import Any, Optional

from simulator.xapi.sender import start_background


def attach(app: Any) -> None:
    app.lrs_sender = start_background(app.journal)


def status_line(app: Any) -> Optional[str]:
    sender = getattr(app, "lrs_sender", None)
    if sender is None:
        return None
    return sender.current().line(app.settings.language)


def detach(app: Any) -> None:
    sender = getattr(app, "lrs_sender", None)
    if sender is not None:
        sender.stop(timeout=0.5)
        app.lrs_sender = None
