"""The debrief a trainee can't game, in the terminal and every export (issue 14).

Played through the real commands: own words typed before the options survive the journal and
appear in the terminal, JSON, Markdown and HTML debrief and in the trainer's CSV (neutralised);
every debrief says where the trainee saw the option they took; a time-out shows as a time-out
and a provocation answered without one is explained in Ury's words; each dimension shows one
figure, its place on the 1-5 scale; and the flawless run is told there is nothing to work on.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys

import pytest

from engine.play.state import SessionState
from simulator.debrief_words import scale_number
from simulator.i18n import tr
from simulator.journal import Journal
from simulator.safetext import md_text
from tests.conftest import ROOT

PREP = ["veilig_spelen", "buurtfonds", "ontwerpavond"]
# What a trainee types can be anything: a formula, markup, a link.
WORDS = ['=SUM(A1) eerst <b>luisteren</b> & afspraken', "Ik schrijf het op [x](javascript:alert(1))",
         "Het gaat om veilig spelen", "Een voorstel met iets voor allebei"]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=180)


def flawless_input() -> str:
    """The best plan (tests/playthroughs/speeltuin-kort-best.plan) with own words first: choices by id,
    'b' for the time-out at Bert's provocation, then Enter keeps the words typed before it."""
    lines = PREP + [WORDS[0], "vooraf_kader", WORDS[1], "b", "", "balkon", WORDS[2], "herkaderen", WORDS[3],
                    "gouden_brug"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def flawless(tmp_path):
    """A journaled own-words session playing the best plan, and its debrief in every format."""
    played = run("play", "--text", "speeltuin-kort", "--own-words", "--no-rating", stdin=flawless_input())
    assert played.returncode == 0, played.stderr
    files = {kind: tmp_path / f"out.{kind}" for kind in ("json", "md", "html")}
    exported = run("debrief", "1", "--json", str(files["json"]), "--md", str(files["md"]), "--html",
                   str(files["html"]))
    assert exported.returncode == 0, exported.stderr
    with Journal() as journal:
        state = SessionState.from_data(journal.load_data(1))
    return played.stdout, {k: p.read_text(encoding="utf-8") for k, p in files.items()}, state


@pytest.mark.slow
def test_own_words_survive_the_journal_and_reach_every_debrief(flawless):
    terminal, out, state = flawless
    typed = [d.own_words for d in state.history if d.kind == "meeting"]
    assert typed == [WORDS[0], WORDS[1], WORDS[2], WORDS[3]]  # the time-out kept what was typed before it
    data = json.loads(out["json"])
    assert [d["own_words"] for d in data["decisions"] if d["kind"] == "meeting"] == typed
    for words in typed:
        assert f"“{words}”" in terminal
        assert md_text(words) in out["md"]
        assert html.escape(words) in out["html"]
    assert "<b>luisteren</b>" not in out["html"] and "[x](javascript:" not in out["md"]


@pytest.mark.slow
def test_every_debrief_says_where_the_option_was_shown(flawless):
    terminal, out, state = flawless
    data = json.loads(out["json"])
    for saved, d in zip(state.history, data["decisions"]):
        assert d["offered"] == list(saved.offered) and d["shown_as"] == saved.shown_as
        if saved.kind == "timeout":
            assert d["shown_as"] is None
            continue
        key = "shown_as_answer" if saved.kind == "prep" else "shown_as"
        words = tr(key, "nl", n=saved.shown_as, total=len(saved.offered))
        assert words in " ".join(terminal.split()) and words in out["md"] and html.escape(words) in out["html"]


@pytest.mark.slow
def test_the_flawless_run_reaches_the_best_and_has_nothing_to_work_on(flawless):
    terminal, out, _ = flawless
    data = json.loads(out["json"])
    assert data["overall"]["score"] == data["overall"]["best"]
    assert data["weakest"] == [] and data["tips"] == []
    assert [d["kind"] for d in data["decisions"]].count("timeout") == 1
    assert not any(d["missed_reason"] for d in data["decisions"])
    flat = " ".join(terminal.split())
    assert tr("nothing_to_work_on", "nl") in flat and tr("no_tips", "nl") in flat
    assert "-- Tips --\n  •" not in terminal  # no empty list of tips under a heading
    assert tr("nothing_to_work_on", "nl") in out["md"] and tr("no_tips", "nl") in out["md"]
    assert html.escape(tr("nothing_to_work_on", "nl")) in out["html"]
    assert html.escape(tr("no_tips", "nl")) in out["html"]
    assert tr("verdict_timeout", "nl") in terminal and "Time-out: even naar het balkon" in terminal


def _numbers(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:[,.]\d)?", text)


@pytest.mark.slow
def test_each_dimension_shows_one_figure_on_the_1_to_5_scale(flawless):
    terminal, out, _ = flawless
    data = json.loads(out["json"])
    dims = {d["key"]: d for d in data["dimensions"]}
    assert any(d["scale"] is not None and d["score"] != round(d["scale"]) for d in dims.values())  # not the points
    # The terminal: after the name, the one figure (the scale) and a bar; no points, no "x / y".
    section = terminal[terminal.index("-- Per dimensie, op een schaal van 1 tot 5 --"):terminal.index("-- Tips --")]
    for d in dims.values():
        row = next(line for line in section.splitlines() if line.strip().startswith(f"{d['short']}  "))
        rest = row.split(d["short"], 1)[1].replace(d["label"][:20], "")
        assert _numbers(rest) == [scale_number(d["scale"], "nl")], row
    assert " / " not in section and "%" not in section
    # Markdown: one figure per dimension row.
    for d in dims.values():
        row = next(line for line in out["md"].splitlines() if line.startswith(f"| {d['short']} — "))
        assert _numbers(row.split(d["label"], 1)[1]) == [scale_number(d["scale"], "nl")], row
    # HTML: the chart's figure per row is the scale; no raw "score / best" anywhere.
    for d in dims.values():
        assert f">{scale_number(d['scale'], 'nl')}</text>" in out["html"]
    assert not re.search(r">-?\d+ / -?\d+<", out["html"])


@pytest.mark.slow
def test_a_provocation_answered_without_a_time_out_is_explained(tmp_path):
    lines = PREP + ["vooraf_kader", "balkon", "herkaderen", "gouden_brug"]
    played = run("play", "--text", "speeltuin-kort", "--no-rating", stdin="\n".join(lines) + "\n")
    assert played.returncode == 0, played.stderr
    explained = " ".join(tr("missed_provocation", "nl").split())
    assert explained in " ".join(played.stdout.split())
    files = {kind: tmp_path / f"out.{kind}" for kind in ("json", "md", "html")}
    result = run("debrief", "1", "--lang", "en", "--json", str(files["json"]), "--md", str(files["md"]),
                 "--html", str(files["html"]))
    assert result.returncode == 0, result.stderr
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    balcony = next(d for d in data["decisions"] if d["choice"] == "balkon")
    # A pause in words is no missed time-out; the time-out's own points are still explained.
    assert balcony["missed_reason"] is None and balcony["verdict"] == "best"
    english = tr("missed_provocation", "en")
    assert english in files["md"].read_text(encoding="utf-8")
    assert html.escape(english) in files["html"].read_text(encoding="utf-8")
    assert english in " ".join(run("debrief", "1", "--lang", "en").stdout.split())
    assert data["weakest"]  # stepping back was left out: something to work on


@pytest.mark.slow
def test_the_trainer_report_keeps_own_words_neutralised(flawless, tmp_path):
    target = tmp_path / "report.csv"
    result = run("report", "--csv", str(target))
    assert result.returncode == 0, result.stderr
    raw = target.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    words = [r for r in rows if r["row"] == "own_words"]
    assert [r["own_words"] for r in words] == ["'" + WORDS[0]] + WORDS[1:]  # a formula never runs
    first = words[0]
    assert first["session"] == "1" and first["key"] == "ineke_plan" and first["choice"] == "vooraf_kader"
    assert first["verdict"] == "best" and first["choice_text"]
    text = run("report").stdout
    assert "In eigen woorden" in text and WORDS[2] in text


@pytest.mark.slow
def test_replay_from_a_time_out_and_from_a_choice_says_what_was_done_there(flawless):
    _, _, state = flawless
    timeout = next(i for i, d in enumerate(state.history) if d.kind == "timeout")
    again = run("replay", "1", str(timeout + 1), "--no-save", stdin="q\n")
    assert again.returncode == 0, again.stderr
    assert tr("br_before_timeout", "nl") in again.stdout and "Traceback" not in again.stderr
    assert "b voor een time-out" in again.stdout  # back at the provocation, the time-out on offer again
    choice = timeout - 1
    d = state.history[choice]
    again = run("replay", "1", str(choice + 1), "--no-save", stdin="q\n")
    shown = tr("shown_as", "nl", n=d.shown_as, total=len(d.offered))
    assert shown in " ".join(again.stdout.split())
    # The replay shows the options in the order seen the first time (the session's seed is kept).
    listed = re.findall(r"^\s*(\d)\. ", again.stdout, re.M)
    assert listed[:len(d.offered)] == [str(n) for n in range(1, len(d.offered) + 1)]


@pytest.mark.parametrize("seed", range(8))
def test_back_from_the_balcony_the_options_stand_where_they_stood(seed):
    """A time-out pauses the decision; it is no new decision, so its options are not shuffled again."""
    from engine import Session, load_scenario
    from tests.conftest import SCENARIOS
    session = Session.start(load_scenario(str(SCENARIOS / "speeltuin-kort.yaml")), seed=seed)
    for option in PREP:
        session.answer(option)
    while session.can_continue:
        session.advance()
    session.choose("vooraf_kader")
    while session.can_continue:
        session.advance()
    before = [c.id for c in session.choices]
    session.take_timeout()
    assert [c.id for c in session.choices] == before
    session.choose(before[2])
    assert session.history[-1].shown_as == 3 and list(session.history[-1].offered) == before
