"""The stage benchmark runs and reports both of its goals (its numbers aren't checked here)."""

from __future__ import annotations

import sys

import pytest

from bench import stage_bench

pytestmark = pytest.mark.slow


@pytest.mark.skipif(sys.platform == "win32", reason="resource usage is measured the Unix way")
def test_stage_numbers_come_out_for_a_room_and_a_call():
    lines = "\n".join(stage_bench.run(idle_seconds=0.5, decisions=1, kinds=("kitchen", "online")))
    assert "frame time while a face animates" in lines and "idle CPU on the meeting screen" in lines
    assert "| kitchen | 1 |" in lines and "| online | 1 |" in lines
    assert "error" not in lines and "still animating" not in lines
