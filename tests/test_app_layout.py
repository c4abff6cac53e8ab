"""The window's layout rules, as pure functions: no pygame, no window."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from simulator.app.layout import (
    SIDE_LOG_MIN_WIDTH,
    Box,
    bar_chart_rows,
    button_row,
    frame,
    grid,
    grid_columns,
    meeting_layout,
    needs_compact_portraits,
    row,
    scroll_to_show,
    speech_height,
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


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("residents", [1, 2, 3, 4])
def test_meeting_boxes_lie_inside_the_window_and_never_overlap(size, residents):
    lay = meeting_layout(size, 1.0, residents, top_bar_h=52, portrait_h=190, speech_h=120, hint_h=24)
    window = Box(0, 0, *size)
    boxes = [lay.top_bar, *lay.portraits, lay.speech, lay.choices, lay.hint] + ([lay.log] if lay.log else [])
    assert all(window.contains(b) for b in boxes), boxes
    assert no_overlaps(boxes)
    assert (lay.log is not None) == (size[0] >= SIDE_LOG_MIN_WIDTH)
    assert lay.choices.h > 0


def test_speech_gets_its_text_unless_the_choices_would_lose_their_room():
    assert speech_height(wanted=100, minimum=60, available=400, choices_min=120) == 100
    assert speech_height(wanted=300, minimum=60, available=400, choices_min=120) == 280
    assert speech_height(wanted=300, minimum=60, available=150, choices_min=120) == 60  # scrolls then
    assert speech_height(wanted=40, minimum=60, available=150, choices_min=120) == 40


def test_portraits_go_compact_only_when_full_cards_crowd_out_the_rest():
    assert not needs_compact_portraits(available=560, card_h=230, speech_min=100, choices_min=120, spacing=12)
    assert needs_compact_portraits(available=420, card_h=230, speech_min=100, choices_min=120, spacing=12)


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


def test_layout_module_imports_no_pygame():
    code = "import sys, simulator.app.layout, simulator.i18n, simulator.settings; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
