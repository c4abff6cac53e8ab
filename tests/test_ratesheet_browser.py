"""The HTML rating form in a real browser: fill, save, reopen, and read back what was saved.

Headless Chromium, driven over its DevTools pipe (``tests/browser.py``); skipped where no
Chromium is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine import load_scenario
from engine.rating.items import items
from simulator.export.ratesheet_read import read_sheet
from tests.browser import Browser, find_chromium
from tests.conftest import ROOT, SCENARIOS

pytestmark = [pytest.mark.slow, pytest.mark.skipif(find_chromium() is None, reason="needs Chromium")]


@pytest.fixture
def sheet(tmp_path):
    scenario_path = tmp_path / "speeltuin-kort.yaml"
    shutil.copy(SCENARIOS / "speeltuin-kort.yaml", scenario_path)
    page = tmp_path / "sheet.html"
    result = subprocess.run([sys.executable, "-m", "simulator", "rate-sheet", str(scenario_path), "--out", str(page)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(str(scenario_path))
    codes = {i.id: {o.option_id: o.code for o in i.options} for i in items(scenario)}
    return scenario, page, codes


def test_fill_save_reload_and_reopen_in_chromium(sheet, tmp_path):
    scenario, page, codes = sheet
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    plan = 'section[data-d="ineke_plan"]'
    with Browser() as b:
        b.call("Network.enable")
        b.allow_downloads(downloads)
        b.open(page)
        assert b.js("document.getElementById('progress').textContent") == "0 van 9 beslissingen ingevuld"
        b.click("#save")
        assert "naam" in b.js("document.getElementById('status').textContent")  # no name, no file
        b.type_into("#rater-name", "Zoë de Wit")
        b.type_into("#rater-role", "trainer")
        for option, rank in (("laten_vertellen", "1"), ("regels_uitleggen", "2"), ("meteen_eerlijk", "2")):
            b.pick(f'{plan} select[data-k=order][data-o="{codes["ineke_plan"][option]}"]', rank)
        b.pick(f'{plan} select[data-dim="step3"][data-o="{codes["ineke_plan"]["laten_vertellen"]}"]', "2")
        b.type_into(f"{plan} textarea", "Sterk begin.")
        mandate = 'section[data-d="prep:mandaat"]'
        b.pick(f'{mandate} select[data-k=order][data-o="{codes["prep:mandaat"]["buurtfonds"]}"]', "best")
        b.pick(f'{mandate} select[data-k=order][data-o="{codes["prep:mandaat"]["niets"]}"]', "2")
        assert "óf nummers" in b.js(f"document.querySelector('{mandate} .warn').textContent")
        b.click("#save")
        assert "óf nummers" in b.js("document.getElementById('status').textContent")  # refused
        b.pick(f'{mandate} select[data-k=order][data-o="{codes["prep:mandaat"]["niets"]}"]', "poor")
        assert b.js("document.getElementById('progress').textContent") == "2 van 9 beslissingen ingevuld"
        b.click("#save")
        begin = b.wait_download()
        assert begin["suggestedFilename"] == "beoordeling-speeltuin-kort-zoe-de-wit.json"
        saved = downloads / begin["guid"] if (downloads / begin["guid"]).exists() else \
            downloads / begin["suggestedFilename"]

        # What the form saved is what the report reads.
        rated = read_sheet(str(saved), scenario)
        assert rated.rater == "Zoë de Wit" and rated.role == "trainer"
        answer = rated.responses["ineke_plan"]
        assert dict(answer.order) == {"laten_vertellen": 1, "regels_uitleggen": 2, "meteen_eerlijk": 2}
        assert answer.rating("laten_vertellen", "step3") == 2 and answer.rating("meteen_eerlijk", "e1") == 0
        assert answer.comment == "Sterk begin."
        assert rated.responses["prep:mandaat"].order_kind == "verdict"
        assert dict(rated.responses["prep:mandaat"].order) == {"buurtfonds": 1, "niets": 3}

        # Closing the tab loses nothing: the browser kept it.
        b.open(page)
        assert "teruggezet" in b.js("document.getElementById('status').textContent")
        assert b.js("document.getElementById('rater-name').value") == "Zoë de Wit"
        # Cleared, then the saved file opened again.
        b.js("window.confirm = () => true")
        b.click("#clear")
        assert b.js("document.getElementById('progress').textContent") == "0 van 9 beslissingen ingevuld"
        node = b.call("DOM.querySelector", {"nodeId": b.call("DOM.getDocument")["root"]["nodeId"],
                                            "selector": "#open"})["nodeId"]
        b.call("DOM.setFileInputFiles", {"files": [str(saved)], "nodeId": node})
        b.js("new Promise(r => setTimeout(r, 300))")
        assert b.js("document.getElementById('progress').textContent") == "2 van 9 beslissingen ingevuld"
        assert b.js(f"document.querySelector('{plan} textarea').value") == "Sterk begin."
        b.screenshot(tmp_path / "form.png")
        # Nothing was fetched from anywhere: the page is self-contained.
        urls = [e["params"]["request"]["url"] for e in b.events if e.get("method") == "Network.requestWillBeSent"]
        assert all(u.startswith(("file:", "blob:", "data:")) for u in urls), urls
    assert Path(tmp_path / "form.png").stat().st_size > 10_000
