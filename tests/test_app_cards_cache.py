"""The start screen's scenario cards come from a cache while the scenario files are unchanged."""

from __future__ import annotations

import shutil

from simulator.window import cards_cache
from simulator.window.cards_cache import scenario_cards
from tests.conftest import SCENARIOS


def test_cards_are_read_from_the_cache_until_a_file_changes(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(SCENARIOS / "speeltuin-kort.yaml", folder / "speeltuin-kort.yaml")
    cache = tmp_path / "cards.json"
    first = scenario_cards(folder, cache)
    assert [c.id for c in first] == ["speeltuin-kort"] and cache.is_file()
    assert first[0].title.get("en") == "The Merelveld (short version)" and first[0].residents

    loads = []
    monkeypatch.setattr(cards_cache, "load_scenario", lambda path: loads.append(path))
    again = scenario_cards(folder, cache)
    assert loads == [] and again == first  # nothing parsed

    path = folder / "speeltuin-kort.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("(korte versie)", "(kort)"), encoding="utf-8")
    monkeypatch.undo()
    changed = scenario_cards(folder, cache)
    assert changed[0].title.get("nl") == "Het Merelveld (kort)"


def test_a_broken_scenario_is_left_out_and_a_broken_cache_ignored(tmp_path, caplog):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(SCENARIOS / "speeltuin-kort.yaml", folder / "a.yaml")
    (folder / "b.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    cache = tmp_path / "cards.json"
    cache.write_text("{not json", encoding="utf-8")
    cards = scenario_cards(folder, cache)
    assert [c.path.endswith("a.yaml") for c in cards] == [True]
    assert "b.yaml" in caplog.text
