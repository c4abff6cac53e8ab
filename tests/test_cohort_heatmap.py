"""The heat map as a trainer sees it: the shipped scenarios' graphs fit a laptop screen, and in a
real browser every share is on the graph and no text runs out of its box or into another."""

from __future__ import annotations

import pytest

from engine import load_scenario
from simulator.export.heatmap import HeatMap
from simulator.export.heatmap_svg import MARGIN, MAX_ROW_W, heat_svg, layout
from simulator.export.heatmap_text import fit, text_width
from tests.browser import Browser, find_chromium
from tests.conftest import SHIPPED
from tests.test_export import run
from tests.xapi_helpers import play

LAPTOP = 1280  # the report's page at this width shows a whole graph without scrolling sideways


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_shipped_scenarios_graph_fits_a_laptop_screen(path):
    scenario = load_scenario(str(path))
    heat = HeatMap(scenario, 0, (), {})
    boxes, _, width, height = layout(heat)
    assert width <= MAX_ROW_W + 2 * MARGIN < LAPTOP - 2 * 24 - 2  # the page's margins and the frame
    assert set(boxes) == set(scenario.nodes) | set(scenario.endings)
    placed = sorted((b.y, b.x, b.x + b.w, b.y + b.h) for b in boxes.values())
    for i, (y, x0, x1, y1) in enumerate(placed):  # no two boxes on top of each other
        for oy, ox0, ox1, oy1 in placed[i + 1:]:
            assert ox0 >= x1 or ox1 <= x0 or oy >= y1 or oy1 <= y, (path.stem, (x0, y), (ox0, oy))
    assert heat_svg(heat).count('class="option"') == sum(len(n.choices) for n in scenario.nodes.values())


def test_a_text_is_cut_after_a_word_and_never_wider_than_its_room():
    text = "Goedenavond allemaal. Ik wil eerst van iedereen horen hoe u erin staat; daarna zeg ik waar"
    for width in (40, 120, 250, 400):
        for bold in (False, True):
            cut = fit(text, width, 11, bold)
            assert text_width(cut, 11, bold) <= width
            assert cut.endswith("…") and text.startswith(cut[:-1].rstrip(" .,;:"))
            if text_width("Goedenavond…", 11, bold) <= width:  # room for a word: cut at a word's end
                assert text[len(cut) - 1] in " .,;:"
    assert fit("Kort.", 200, 12) == "Kort."


# Each text's box: the smallest box rect (rx 8) around the text's start; the legend's texts have none.
_CHECK = """(() => {
  const out = {scroll: [], outside: [], overlap: [], shares: 0, options: 0};
  for (const g of document.querySelectorAll('.graph'))
    if (g.scrollWidth > g.clientWidth + 1) out.scroll.push([g.scrollWidth, g.clientWidth]);
  for (const svg of document.querySelectorAll('.graph svg')) {
    const rects = [...svg.querySelectorAll('rect[rx="8"]')].map(r => r.getBBox());
    const texts = [...svg.querySelectorAll('text')];
    for (const t of texts) {
      const b = t.getBBox();
      const x = t.getAttribute('text-anchor') === 'end' ? b.x + b.width - 1 : b.x + 1;
      const home = rects.filter(r => r.x <= x && x <= r.x + r.width && r.y <= b.y + b.height / 2
                                     && b.y + b.height / 2 <= r.y + r.height)
                        .sort((p, q) => p.width * p.height - q.width * q.height)[0];
      if (home && (b.x < home.x - 0.5 || b.x + b.width > home.x + home.width + 0.5))
        out.outside.push(t.textContent);
    }
    const legend = texts.filter(t => t.getBBox().y < 80 && !t.closest('g')).map(t => t.getBBox());
    const swatches = [...svg.querySelectorAll(':scope > rect[width="14"]')].map(r => r.getBBox());
    const marks = legend.slice(1).concat(swatches).sort((p, q) => p.x - q.x);
    for (let i = 1; i < marks.length; i++)
      if (marks[i].x < marks[i - 1].x + marks[i - 1].width - 0.5) out.overlap.push([marks[i - 1].x, marks[i].x]);
    for (const o of svg.querySelectorAll('g.option')) {
      out.options++;
      const pct = [...o.querySelectorAll('text')].find(t => /^\\d+%$/.test(t.textContent));
      if (pct && pct.getBBox().width > 10
          && Math.abs(parseFloat(pct.textContent) / 100 - parseFloat(o.dataset.share)) < 0.006) out.shares++;
    }
  }
  return out;
})()"""


@pytest.mark.slow
@pytest.mark.skipif(find_chromium() is None, reason="no Chromium on this machine")
def test_in_chromium_every_option_shows_its_share_and_no_text_leaves_its_box(tmp_path):
    for path in SHIPPED:
        play(range(5), path, taste=0.5)
    page = tmp_path / "report.html"
    result = run("report", "--html", str(page))
    assert result.returncode == 0, result.stderr
    with Browser(LAPTOP, 900) as browser:
        browser.open(page)
        found = browser.js(_CHECK)
    expected = sum(len(n.choices) for p in SHIPPED for n in load_scenario(str(p)).nodes.values())
    assert found["options"] == expected
    assert found["shares"] == expected  # each option's share, as a number on the graph
    assert found["scroll"] == []  # no graph wider than the page
    assert found["outside"] == []  # every header, option and line inside its box
    assert found["overlap"] == []  # the legend's swatches and labels side by side
