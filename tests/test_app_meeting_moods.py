"""The residents' meters after a choice: they glide to the new mood (so the trainee sees what the
choice did, with arrows for what moved), then the meeting stops animating and the window rests."""

from __future__ import annotations

import pytest

from simulator.window.pilot import open_app
from tests.test_app_coach import mini_only, to_meeting  # noqa: F401  (mini_only: the crafted scenario only)


@pytest.fixture
def meeting():
    """The crafted scenario's meeting, its one preparation question answered."""
    app, pilot = open_app(persist=False, text_speed="instant")
    try:
        to_meeting(pilot)
        yield app, pilot
    finally:
        app.close()


@pytest.mark.slow
def test_after_a_choice_the_meters_glide_to_the_new_mood_then_rest(meeting):
    app, pilot = meeting
    scene = app.top
    before = {rid: dict(m) for rid, m in scene.session.mood.items()}
    pilot.pick("luisteren")  # listening: Ineke's trust +2, Bert's anger -1
    pilot.wait_until(lambda: scene.pending is None)
    after = scene.session.mood
    assert after["ineke"]["trust"] == before["ineke"]["trust"] + 2
    assert scene.residents.mood_delta == {"ineke": {"trust": 2}, "bert": {"anger": -1}}

    pilot.step()
    shown = scene.residents.display_mood
    assert before["ineke"]["trust"] < shown["ineke"]["trust"] < after["ineke"]["trust"]
    assert after["bert"]["anger"] < shown["bert"]["anger"] < before["bert"]["anger"]
    assert app.animating()

    pilot.settle()
    assert shown == {rid: {k: float(v) for k, v in m.items()} for rid, m in after.items()}
    assert not scene.animating()
