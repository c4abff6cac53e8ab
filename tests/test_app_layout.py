"""The window's layout rules, as pure functions: no pygame, no window."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from simulator.window.components.plan import plan_meeting
from simulator.window.layout import (
    SIDE_LOG_MIN_WIDTH,
    Box,
    bar_chart_rows,
    button_row,
    frame,
    grid,
    grid_columns,
    height_factor,
    row,
    scroll_to_show,
    stack,
    wrap_text,
)
from tests.conftest import ROOT

SIZES = [(800, 600), (1280, 720), (1920, 1080)]
SCALES = [1.0, 1.2, 1.45]


def measure(text: str) -> int:
    """A fake font: 8 px per character."""
    return 8 * len(text)


def no_overlaps(boxes: list[Box]) -> bool:
    return not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


# -- wrapping ------------------------------------------------------------------------
def test_wrapped_lines_fit_and_keep_every_word():
    text = "Wat zou ú doen als u in mijn schoenen stond? — Riët knikt, even stil."
    lines = wrap_text(text, 120, measure)
    assert all(measure(line) <= 120 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_a_word_longer_than_the_line_is_split_not_cut():
    lines = wrap_text("Warenwetbesluit attractie", 64, measure)
    assert all(measure(line) <= 64 for line in lines)
    assert "".join(lines).replace(" ", "") == "Warenwetbesluitattractie"


def test_newlines_are_kept_and_empty_text_is_one_empty_line():
    assert wrap_text("een\ntwee", 400, measure) == ["een", "twee"]
    assert wrap_text("", 100, measure) == [""]


# -- placing boxes -------------------------------------------------------------------
def test_stack_and_row_place_boxes_side_by_side_without_overlap():
    boxes = stack([40, 60, 30], 10, 20, 300, 8)
    assert [b.y for b in boxes] == [20, 68, 136] and no_overlaps(boxes)
    cols = row(4, 0, 800, 12)
    assert len(cols) == 4 and cols[-1][0] + cols[-1][1] <= 800
    capped = row(2, 0, 1000, 10, max_item=200)
    assert capped[0][0] > 0 and capped[0][1] == 200  # centred when capped


def test_grid_rows_are_as_tall_as_their_tallest_card():
    boxes = grid([100, 150, 80], 2, 0, 0, 600, 10)
    assert boxes[0].h == boxes[1].h == 150
    assert boxes[2].y == 160 and no_overlaps(boxes)
    assert grid_columns(800, 380) == 2 and grid_columns(300, 380) == 1 and grid_columns(5000, 380) == 3


def test_button_row_stays_inside_its_box_even_when_too_wide():
    area = Box(0, 0, 300, 40)
    for widths in ([80, 90], [200, 200, 200]):
        boxes = button_row(widths, area, 10)
        assert all(area.contains(b) for b in boxes) and no_overlaps(boxes)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", SCALES)
def test_document_frame_fits_the_window(size, scale):
    f = frame(size, 80, 50, scale)
    window = Box(0, 0, *size)
    assert all(window.contains(b) for b in (f.header, f.body, f.footer))
    assert no_overlaps([f.header, f.body, f.footer])


RESIDENTS = [("full", 230), ("compact", 140), ("row", 60)]


def plan_boxes(plan) -> list[Box]:
    boxes = [plan.top_bar, plan.line, plan.hint] + ([plan.log] if plan.log else [])
    return boxes + [b for b in (plan.room, plan.panel) if b.h > 0]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("panel", [0, 120, 380, 2000])
def test_meeting_boxes_lie_inside_the_window_and_never_overlap(size, panel):
    plan = plan_meeting(size, 1.0, top_h=52, hint_h=24, residents=RESIDENTS, line=(150, 110, 70), panel=panel)
    window = Box(0, 0, *size)
    assert all(window.contains(b) for b in plan_boxes(plan)), plan
    assert no_overlaps(plan_boxes(plan))
    assert (plan.log is not None) == (size[0] >= SIDE_LOG_MIN_WIDTH)
    assert plan.line.h > 0


def test_the_options_get_their_room_and_the_residents_and_the_line_give_way_first():
    size = (1280, 720)
    roomy = plan_meeting(size, 1.0, 52, 24, RESIDENTS, (150, 110, 70), panel=120)
    assert roomy.shape == "full" and roomy.line.h == 150 and roomy.panel.h == 120
    assert roomy.room.h > 230  # what is left goes to the room: the line and options sit low
    steps = [plan_meeting(size, 1.0, 52, 24, RESIDENTS, (150, 110, 70), panel=p) for p in (250, 330, 380, 470)]
    assert [p.shape for p in steps] == ["compact", "row", "row", None]
    assert [p.panel.h for p in steps] == [250, 330, 380, 470]  # the options always get all they asked for
    assert steps[2].line.h < 150 and steps[2].line.h >= 110  # the line scrolls before the residents go
    squeezed = plan_meeting(size, 1.0, 52, 24, RESIDENTS, (150, 110, 70), panel=2000)
    assert squeezed.shape is None and squeezed.line.h == 70  # past everything: the least line, the rest
    assert squeezed.panel.bottom == squeezed.hint.y - 6  # ... for options that shrink their font


def test_text_follows_the_window_height_in_steps():
    assert height_factor(720) == 1.0 and height_factor(1080) > 1.3 and height_factor(600) < 1.0
    assert height_factor(600) >= 0.85 and height_factor(4000) <= 1.7
    assert {height_factor(h) for h in range(700, 741)} <= {0.95, 1.0, 1.05}  # steps, not every pixel


def test_chart_rows_keep_labels_bars_and_figures_apart():
    rows = bar_chart_rows(600, [20, 40, 20], value_w=80, bar_h=12, spacing=8)
    for r in rows:
        assert r.label.right <= r.track.x and r.track.right <= r.value.x and r.value.right <= 600
    assert rows[1].label.y == rows[0].value.bottom + 8


def test_scrolling_to_a_card_moves_as_little_as_possible():
    assert scroll_to_show(50, 80, view_h=100, content_h=500, current=0) == 0
    assert scroll_to_show(150, 190, view_h=100, content_h=500, current=0) == 90
    assert scroll_to_show(20, 40, view_h=100, content_h=500, current=90) == 20
    assert scroll_to_show(480, 520, view_h=100, content_h=500, current=0) == 400
    assert scroll_to_show(150, 400, view_h=100, content_h=500, current=0) == 150  # taller: its top (title)


def test_layout_module_imports_no_pygame():
    code = ("import sys, simulator.window.layout, simulator.window.components.plan, simulator.i18n, "
            "simulator.settings, simulator.window.components.decisions_ahead; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
