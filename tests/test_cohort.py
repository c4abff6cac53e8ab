"""The cohort report from files (exported debriefs, trainees' journals) and the heat map."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import sqlite3

import pytest

from engine import load_scenario
from simulator.cohort import read_sources
from simulator.cohort_tally import tally
from simulator.export.heatmap import heat_of
from simulator.journal import Journal
from tests.conftest import ROOT, SCENARIOS
from tests.test_export import run
from tests.xapi_helpers import SHORT, play

GOLDEN_V1 = ROOT / "tests" / "golden" / "journal_v1"


def export_debriefs(ids, folder):
    folder.mkdir(exist_ok=True)
    for sid in ids:
        result = run("debrief", str(sid), "--json", str(folder / f"s{sid}.json"))
        assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_debriefs_and_journals_together_count_each_session_once(tmp_path):
    ids = play(range(6), taste=0.5)
    export_debriefs(ids[:4], tmp_path / "debriefs")
    with Journal() as journal:
        path = journal.path
    copy = tmp_path / "anna.sqlite3"
    shutil.copy(path, copy)
    problems: list[str] = []
    sessions = read_sources([str(tmp_path / "debriefs"), str(copy)], problems)
    assert problems == [] and len(sessions) == 6  # four from both sources, once each
    result = run("report", str(tmp_path / "debriefs"), str(copy), "--csv", str(tmp_path / "r.csv"))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(open(tmp_path / "r.csv", encoding="utf-8")))
    overall = next(r for r in rows if r["row"] == "overall")
    assert overall["sessions"] == "6"
    mine = run("report", "--csv", str(tmp_path / "mine.csv"))
    assert mine.returncode == 0
    local = next(r for r in csv.DictReader(open(tmp_path / "mine.csv", encoding="utf-8")) if r["row"] == "overall")
    assert (local["mean"], local["sd"], local["min"], local["max"]) == \
        (overall["mean"], overall["sd"], overall["min"], overall["max"])


@pytest.mark.slow
def test_the_heat_map_shares_per_decision_add_up_and_match_the_choices_made():
    ids = play(range(12), taste=0.3)
    problems: list[str] = []
    with Journal() as journal:
        path = journal.path
        histories = [journal.load_data(sid)["history"] for sid in ids]
    sessions = read_sources([str(path)], problems)
    t = tally(sessions, lambda sid, digest: load_scenario(str(SHORT)))["speeltuin-kort"]
    heat = heat_of(t)
    made: dict[str, dict[str, int]] = {}
    timeouts: dict[str, int] = {}
    for history in histories:
        for d in history:
            if d["kind"] == "meeting":
                made.setdefault(d["node"], {}).setdefault(d["choice"], 0)
                made[d["node"]][d["choice"]] += 1
            elif d["kind"] == "timeout":
                timeouts[d["node"]] = timeouts.get(d["node"], 0) + 1
    assert {n.node_id for n in heat.nodes} == set(made) | set(timeouts)
    for node in heat.nodes:
        assert node.reached == sum(made.get(node.node_id, {}).values())
        assert node.timeouts == timeouts.get(node.node_id, 0)
        if node.reached:
            assert abs(sum(o.share for o in node.options) - 1.0) < 1e-9
        for option in node.options:
            assert option.times == made.get(node.node_id, {}).get(option.choice_id, 0)
            assert (option.verdict == "") == (option.times == 0)
        assert sum(o.best for o in node.options) <= 1
    assert sum(heat.endings.values()) == 12


@pytest.mark.slow
def test_svg_html_and_mermaid_show_every_option_with_its_share(tmp_path):
    play(range(8), SCENARIOS / "speeltuin.yaml", taste=0.5)
    svg, mmd, html = tmp_path / "h.svg", tmp_path / "h.mmd", tmp_path / "r.html"
    result = run("report", "--svg", str(svg), "--mermaid", str(mmd), "--html", str(html))
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(str(SCENARIOS / "speeltuin.yaml"))
    text = svg.read_text(encoding="utf-8")
    shares = re.findall(r'data-node="([^"]+)" data-choice="([^"]+)" data-share="([0-9.]+)"', text)
    assert {(n, c) for n, c, _ in shares} == {(n.id, c.id) for n in scenario.nodes.values() for c in n.choices}
    per_node: dict[str, float] = {}
    for n, _, share in shares:
        per_node[n] = per_node.get(n, 0.0) + float(share)
    assert all(abs(v - 1.0) < 0.01 or v == 0.0 for v in per_node.values())
    graph = mmd.read_text(encoding="utf-8")
    assert graph.startswith("flowchart TD") and graph.count("linkStyle") == sum(len(n.choices) for n in
                                                                                 scenario.nodes.values())
    assert re.search(r'\|"[a-z_]+ \d+%( ★)?"\|', graph)
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.slow
def test_heat_outputs_need_one_scenario_and_files_are_never_replaced_unasked(tmp_path):
    play([1])
    play([1], SCENARIOS / "speeltuin.yaml")
    two = run("report", "--svg", str(tmp_path / "h.svg"))
    assert two.returncode == 2 and "--scenario" in two.stderr and not (tmp_path / "h.svg").exists()
    target = tmp_path / "h.svg"
    target.write_text("mine", encoding="utf-8")
    again = run("report", "--scenario", "speeltuin", "--svg", str(target))
    assert again.returncode == 1 and target.read_text(encoding="utf-8") == "mine"
    assert run("report", "--scenario", "speeltuin", "--svg", str(target), "--force").returncode == 0


@pytest.mark.slow
def test_an_old_journal_is_read_without_being_changed(tmp_path):
    """A trainee's file from an older Tussenwerker: reported on, never migrated or touched."""
    folder = tmp_path / "v1"
    shutil.copytree(GOLDEN_V1, folder)
    journal = folder / "journal.sqlite3"
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    db = sqlite3.connect(journal)
    db.execute("UPDATE sessions SET scenario_path = ?", (str(folder / "mini.yaml"),))
    db.commit()
    db.close()
    changed = hashlib.sha256(journal.read_bytes()).hexdigest()
    result = run("report", str(journal))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "(mini): 1 afgeronde sessie" in result.stdout
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == changed != before
    assert sqlite3.connect(journal).execute("PRAGMA user_version").fetchone()[0] == 2  # as it came


def test_bad_sources_get_one_line_each(tmp_path):
    (tmp_path / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "other.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    result = run("report", str(tmp_path / "notes.json"), str(tmp_path / "broken.json"),
                 str(tmp_path / "missing.json"), str(tmp_path / "other.sqlite3"))
    assert result.returncode == 1 and "Traceback" not in result.stderr  # nothing named could be read
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith(str(tmp_path)) for line in lines)
    assert result.stdout == ""


@pytest.mark.slow
def test_since_keeps_the_sessions_started_from_then(tmp_path):
    ids = play(range(3))
    with Journal() as journal:
        journal.db.execute("UPDATE sessions SET started_at = 1000 WHERE id = ?", (ids[0],))
    target = tmp_path / "r.csv"
    assert run("report", "--since", "2020-01-01", "--csv", str(target)).returncode == 0
    overall = next(r for r in csv.DictReader(open(target, encoding="utf-8")) if r["row"] == "overall")
    assert overall["sessions"] == "2"
    bad = run("report", "--since", "gisteren")
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_the_lrs_options_need_lrs():
    result = run("report", "--group", "najaar")
    assert result.returncode == 2 and "--lrs" in result.stderr


@pytest.mark.slow
def test_a_debrief_from_another_version_still_counts(tmp_path):
    ids = play([1, 2])
    export_debriefs(ids, tmp_path / "d")
    for f in (tmp_path / "d").glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        data["scenario"]["digest"] = "0000000000000000"
        f.write_text(json.dumps(data), encoding="utf-8")
    result = run("report", str(tmp_path / "d"))
    assert result.returncode == 0 and "2 afgeronde sessies" in result.stdout


@pytest.mark.parametrize("content", [
    '{"format": "tussenwerker-debrief", "session": [1]}', '{"session": "x", "decisions": 5}',
    '{"overall": [1, 2]}', "[" * 5000 + "]" * 5000, '{"overall": {"score": Infinity}}', None,
    '{"format": "tussenwerker-debrief", "version": 99, "scenario": {"id": "x"}, "dimensions": [], "decisions": []}',
    '{"format": "tussenwerker-debrief", "version": "2", "scenario": {"id": "x"}, "dimensions": [], "decisions": []}'])
def test_a_source_that_is_no_debrief_is_one_problem_and_the_report_goes_on(tmp_path, content):
    """A debrief file with fields of the wrong type, nesting thousands deep or Infinity crashed the
    trainer report; a pipe named as a source made it wait for ever."""
    import os
    bad = tmp_path / "kapot.json"
    if content is None:
        os.mkfifo(bad)
    else:
        bad.write_text(content, encoding="utf-8")
    problems: list[str] = []
    assert read_sources([str(bad)], problems) == []
    assert len(problems) == 1 and problems[0].startswith(f"{bad}: ") and "\n" not in problems[0]
    if content and '"version": 99' in content:  # one from a newer Tussenwerker says so
        assert "update Tussenwerker" in problems[0]
