"""The cyclic garbage collector, paused while the analysis works.

A search keeps hundreds of thousands of small tuples and lists (its memo, the bounds' tables,
a listed graph) and frees everything else by reference counting: nothing it makes refers back
to itself. The collector can't know that, and every full collection walks the whole heap, which
the analysis keeps growing: on a realistic scenario's review or ``analyze`` those walks cost a
tenth to a fifth of the time and free nothing. So the analysis' entry points run with the
collector paused. Cycles made meanwhile (an exception's traceback) wait for the collector to run
again, which it does as soon as the outermost pause ends.

The collector is one per process: pauses nest and may overlap across threads (the window values
decisions in the background while the debrief asks), so it runs again only when the last pause
ends, and only if it was running when the first began.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_pauses = 0  # pauses running now, over all threads
_was_running = False  # whether the collector ran when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Inside, no automatic collections; usable as a decorator: ``@collector_paused()``."""
    global _pauses, _was_running
    with _lock:
        if _pauses == 0:
            _was_running = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_running:
                gc.enable()


__all__ = ["collector_paused"]
