"""Moments as the files we write show them: ISO 8601 in UTC, to the second (``2024-05-01T09:30:00Z``).

The JSON debrief export and the privacy export both stamp times this way; the xAPI statements
use their own form with milliseconds (``xapi.statements.iso``), as the xAPI spec asks.
"""

from __future__ import annotations

import time
from typing import Optional


def iso(seconds: Optional[float]) -> Optional[str]:
    """None for no moment (``None`` or 0: never happened)."""
    if not seconds:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
