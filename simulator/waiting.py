"""A line on the terminal while a long analysis runs, so working can be told from hanging.

``validate`` and ``analyze`` of a large scenario, and the ``debrief`` of a long evening played
earlier, can take from seconds to a minute without printing a thing. Past ``AFTER`` seconds a
line on standard error says what is running and for how long, rewritten in place every
``EVERY`` seconds and wiped when the work ends (or fails). Only on a terminal: piped,
redirected or in tests nothing is written, so what scripts read stays exactly as it was.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional, TextIO

AFTER = 1.5  # seconds of silence before the line appears: quick commands never show it
EVERY = 1.0  # seconds between two updates of the line


@contextmanager
def waiting(text: str, stream: Optional[TextIO] = None) -> Iterator[None]:
    """Inside, ``text`` and the seconds so far on ``stream`` (standard error) once it takes long."""
    out = stream if stream is not None else sys.stderr
    if not _terminal(out):
        yield
        return
    done = threading.Event()
    widest = [0]  # the longest line written, to wipe it all
    started = time.monotonic()

    def tick() -> None:
        if done.wait(AFTER):
            return
        while True:
            line = f"{text} {int(time.monotonic() - started)} s"
            try:
                out.write("\r" + line)
                out.flush()
            except (OSError, ValueError):  # the terminal went away: nothing left to tell
                return
            widest[0] = max(widest[0], len(line))
            if done.wait(EVERY):
                return

    ticker = threading.Thread(target=tick, name="waiting", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()
        if widest[0]:
            try:
                out.write("\r" + " " * widest[0] + "\r")
                out.flush()
            except (OSError, ValueError):
                pass


def _terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed, or not a real file
        return False


__all__ = ["waiting", "AFTER", "EVERY"]
