"""``graph``: Mermaid and DOT text that shows every node, choice and ending, and renders with Graphviz."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from engine.scenario.loader import load_scenario_text
from simulator.export.graph import KIND_COLOURS, short, to_dot, to_mermaid
from tests.conftest import ROOT
from tests.crafted import MINIMAL

QUOTED = MINIMAL.replace('text: {nl: "Wanneer begint het?", en: "When does it start?"}',
                         'text: {nl: "Zei u \\"nooit\\"? Pad C:\\\\temp & <meer>", en: "When does it start?"}')


@pytest.fixture(scope="module")
def mini():
    return load_scenario_text(MINIMAL, "mini.yaml")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=env)


def test_mermaid_has_every_node_choice_and_coloured_ending(mini):
    text = to_mermaid(mini, "en")
    assert text.startswith("flowchart TD\n")
    for nid in mini.nodes:
        assert f"n_{nid}" in text
    for eid, ending in mini.endings.items():
        assert f'n_{eid}[["[{eid}] {ending.kind}: {ending.title.get("en")}"]]:::{ending.kind}' in text
    for kind in KIND_COLOURS:
        assert f"classDef {kind} fill:" in text
    assert 'n_opening["[opening] Ineke: When does it start?"]' in text  # speaker and line
    assert 'n_slot("[slot] (It goes quiet.)")' in text  # narrator line without choices
    assert 'n_opening -->|"luisteren"| n_midden' in text
    assert 'n_midden -->|"herkaderen [prep.belang]"| n_slot' in text  # a condition is shown
    assert 'n_midden -.->|"bert.trust >= 9"| n_afspraak' in text  # automatic jump: dotted
    assert 'triggers -.->|"bert.anger >= 10"| n_weggelopen' in text


def test_dot_has_every_node_choice_and_ending_colour(mini):
    text = to_dot(mini, "nl")
    assert text.startswith('digraph "mini" {') and text.rstrip().endswith("}")
    assert '"opening" [label="opening\\nIneke: Wanneer begint het?"' in text
    assert '"opening" -> "midden" [label="luisteren"];' in text
    assert '"midden" -> "afspraak" [label="bert.trust >= 9", style=dashed];' in text
    for eid, ending in mini.endings.items():
        fill, stroke = KIND_COLOURS[ending.kind]
        kind = {"agreement": "akkoord", "partial": "gedeeltelijk", "postponed": "uitgesteld",
                "escalation": "escalatie"}[ending.kind]  # in the language of the lines
        assert f'"{eid}" [label="{eid}\\n{kind}: {ending.title.get("nl")}", shape=box, ' \
               f'style="filled,bold", fillcolor="{fill}", color="{stroke}"];' in text


def test_quotes_and_special_characters_are_escaped():
    s = load_scenario_text(QUOTED)
    dot = to_dot(s, "nl")
    assert 'Zei u \\"nooit\\"? Pad C:\\\\temp & <meer>' in dot
    mermaid = to_mermaid(s, "nl")
    assert "Zei u #quot;nooit#quot;? Pad C:\\temp #amp; #lt;meer>" in mermaid


def test_long_lines_are_shortened_at_a_word():
    assert short("een twee drie vier vijf", 12) == "een twee…"
    assert short("kort", 12) == "kort"
    assert len(short("x" * 100, 20)) == 20


@pytest.mark.slow
def test_graph_command_prints_mermaid_and_writes_dot(write_scenario, tmp_path):
    path = write_scenario(MINIMAL)
    result = run("graph", path)
    assert result.returncode == 0 and result.stdout.startswith("flowchart TD")
    out = tmp_path / "mini.dot"
    result = run("graph", path, "--format", "dot", "--out", str(out), "--lang", "en")
    assert result.returncode == 0 and out.read_text(encoding="utf-8").startswith('digraph "mini"')
    assert "Ineke: When does it start?" in out.read_text(encoding="utf-8")


def test_rendering_without_graphviz_says_how_to_get_it(write_scenario, tmp_path):
    path = write_scenario(MINIMAL)
    env = dict(os.environ, PATH=str(tmp_path))  # no 'dot' anywhere on this PATH
    result = run("graph", path, "--out", str(tmp_path / "mini.svg"), env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Graphviz" in result.stderr and "apt-get install graphviz" in result.stderr
    assert not (tmp_path / "mini.svg").exists()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_renders_svg_with_graphviz(write_scenario, tmp_path):
    path = write_scenario(QUOTED)
    svg = tmp_path / "mini.svg"
    result = run("graph", path, "--out", str(svg))
    assert result.returncode == 0, result.stderr
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "afspraak" in text and "#c8e6c9" in text.lower()


def test_an_interruption_is_drawn_as_one_and_ends_in_its_own_way_back():
    """A trigger that interrupts says so, and each line that says ``return`` goes to its own
    "back" end: one shared box drew every interruption as leading into every other."""
    from engine.scenario.model import RETURN
    from tests.test_format_keys import INTERRUPTION
    s = load_scenario_text(INTERRUPTION, "mini.yaml")
    returning = [nid for nid, n in s.nodes.items() if any(c.next == RETURN for c in n.choices) or n.next == RETURN]
    assert returning
    mermaid = to_mermaid(s, "en")
    assert not [line for line in mermaid.splitlines() if line.endswith(" return")]  # no shared box
    assert [line for line in mermaid.splitlines() if "laten_gaan" in line][0].endswith("| r_bert_staat_op")
    assert mermaid.count('(["back to where it was interrupted"]):::back') == len(returning)
    interrupting = [line for line in mermaid.splitlines() if line.startswith("  triggers -.->")]
    assert [("interrupts, then returns" in line) for line in interrupting] == [t.interrupts for t in s.triggers]
    dot = to_dot(s)
    assert '"bert_staat_op" -> "__return__bert_staat_op"' in dot and '"return"' not in dot
    dutch = to_mermaid(s, "nl")  # the graph's own words in the language of its lines
    assert dutch.count('(["terug naar waar onderbroken werd"]):::back') == len(returning)
    assert "onderbreekt, en keert terug" in dutch and "na elke keuze" in dutch and "interrupt" not in dutch
