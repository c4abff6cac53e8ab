"""Sign-off: per-decision digests, the sidecar, validate's warnings, list and the debriefs' line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from engine import Session, load_scenario, load_scenario_text
from engine.debrief.review import review
from engine.scenario.signoff import (
    SignoffError,
    SignoffFile,
    assess,
    decision_digests,
    make_signoff,
    read_sidecar,
    sidecar_path,
)
from simulator.export import html as export_html
from simulator.export import json_data as export_json
from simulator.export import markdown as export_md
from simulator.signoff_status import label, label_for_path, status_of
from simulator.terminal import debrief as textdebrief
from tests.conftest import ROOT, SCENARIOS
from tests.crafted import MINIMAL

# The figures below are for this version of speeltuin-kort, kept as it was.
FROZEN_KORT = ROOT / "tests" / "scenarios" / "frozen" / "speeltuin-kort.yaml"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, **(env or {})})


@pytest.fixture
def kort(tmp_path):
    path = tmp_path / "speeltuin-kort.yaml"
    shutil.copy(FROZEN_KORT, path)
    return path


def test_a_decisions_digest_follows_its_scoring_not_its_place_or_neighbours():
    base = load_scenario_text(MINIMAL, "mini.yaml")
    digests = decision_digests(base)
    assert list(digests) == ["prep:belang", "opening", "midden", "afsluiting"]

    def changed(old: str, new: str) -> set[str]:
        other = decision_digests(load_scenario_text(MINIMAL.replace(old, new, 1), "mini.yaml"))
        return {d for d in digests if digests[d] != other[d]}

    assert changed("score: {step3: 2, e3: 1}", "score: {step3: 1, e3: 1}") == {"opening"}  # a weight
    assert changed("effects: {bert: {anger: 3}}", "effects: {bert: {anger: 2}}") == {"midden"}  # an effect
    assert changed('when: "prep.belang"', 'when: "not prep.belang"') == {"midden"}  # a condition
    assert changed("next: slot\n        effects: {bert: {anger: 3}}",
                   "next: afsluiting\n        effects: {bert: {anger: 3}}") == {"midden"}  # where it leads
    assert changed("Vertel eens.", "Vertel eens meer.") == {"opening"}  # an option's text
    assert changed('"En de overlast?"', '"En de herrie?"') == {"midden"}  # the line
    assert changed("text: {nl: Groot, en: Big}", "text: {nl: Groot, en: Big}\n          score: {step1: -2}") \
        == {"prep:belang"}  # a preparation answer's weight
    # Not what decides a score: where things are written, or the order of options that are shuffled anyway.
    assert changed("title: {nl: Mini, en: Mini}", "title: {nl: Mini, en: Mini}  # comment\n") == set()
    reordered = MINIMAL.replace(
        "      - id: samen\n        text: {nl: Samen verder., en: Onwards together.}\n"
        "        when: \"not flag.kaders_genoemd or chose.midden.herkaderen\"\n"
        "        next: afspraak\n        score: {step5: 2}\n"
        "      - id: later\n        text: {nl: Later verder., en: Later.}\n        next: uitgesteld\n",
        "      - id: later\n        text: {nl: Later verder., en: Later.}\n        next: uitgesteld\n"
        "      - id: samen\n        text: {nl: Samen verder., en: Onwards together.}\n"
        "        when: \"not flag.kaders_genoemd or chose.midden.herkaderen\"\n"
        "        next: afspraak\n        score: {step5: 2}\n")
    assert reordered != MINIMAL
    assert decision_digests(load_scenario_text(reordered, "mini.yaml")) == digests


@pytest.mark.slow
def test_signoff_validate_list_and_a_changed_decision(kort, tmp_path):
    env = {"TUSSENWERKER_SCENARIOS": str(tmp_path)}
    # The frozen copy keeps its old figures and so also the tells warnings of its time: what
    # signing changes is measured against its own validation before.
    baseline = run("validate", str(kort), "--strict").stdout
    assert "signed it off" not in baseline
    before = run("list", env=env)
    assert "speeltuin-kort" in before.stdout and "niet gecontroleerd" in before.stdout

    signed = run("signoff", str(kort), "--name", "Anna de Vries", "--role", "trainer", "--note", "rapport 12-03")
    assert signed.returncode == 0, signed.stderr
    side = tmp_path / "speeltuin-kort.signoff.json"
    assert side.is_file() and f"written to {side}" in signed.stdout
    data = json.loads(side.read_text(encoding="utf-8"))
    assert data["scenario"] == "speeltuin-kort" and data["signoffs"][0]["role"] == "trainer"
    assert set(data["signoffs"][0]["decisions"]) == set(decision_digests(load_scenario(str(kort))))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["signoffs"][0]["date"])
    day = data["signoffs"][0]["date"][:10]
    nl_day = f"{day[8:10]}-{day[5:7]}-{day[:4]}"

    listed = run("list", env=env)
    assert f"gecontroleerd door Anna de Vries (trainer, {nl_day})" in listed.stdout
    assert run("--lang", "en", "list", env=env).stdout.count(f"checked by Anna de Vries (trainer, {day})") == 1
    clean = run("validate", str(kort), "--strict")
    assert clean.stdout == baseline  # a signature adds no warning

    # The author changes one weight of one choice: only that decision loses its signature.
    text = kort.read_text(encoding="utf-8")
    kort.write_text(text.replace("score: {step5: 2, e2: 1}", "score: {step5: 1, e2: 1}", 1), encoding="utf-8")
    pos = load_scenario(str(kort)).nodes["bert_reageert"].pos
    warned = run("validate", str(kort))
    assert warned.returncode == 0  # a warning, not an error: the scenario still plays
    lines = [line for line in warned.stdout.splitlines() if "signed it off" in line]
    assert lines == [f"{kort}:{pos.line}:{pos.column}: warning: decision bert_reageert changed since Anna de Vries "
                     f"(trainer) signed it off on {day}; its scores are no longer checked (sign off again "
                     f"with 'tussenwerker signoff')"]
    assert "signed it off" in run("validate", str(kort), "--strict").stdout
    partial = run("list", env=env)
    assert "gecontroleerd door Anna de Vries" in partial.stdout and "1 van 9 beslissingen" in partial.stdout
    status = run("signoff", str(kort))
    assert "bert_reageert: changed since Anna de Vries" in status.stdout

    # Signing again replaces Anna's signature; a second trainer adds theirs.
    assert run("signoff", str(kort), "--name", "anna de  vries", "--role", "trainer").returncode == 0
    assert run("signoff", str(kort), "--name", "Bo Smit", "--role", "gedragsdeskundige",
               "--decision", "ineke_plan").returncode == 0
    sidecar = read_sidecar(str(kort))
    assert [s.name for s in sidecar.signoffs] == ["anna de vries", "Bo Smit"]
    assert list(sidecar.signoffs[1].decisions) == ["ineke_plan"]
    assert "signed it off" not in run("validate", str(kort), "--strict").stdout  # all checked again


@pytest.mark.slow
def test_a_broken_or_foreign_sidecar_is_named_and_never_overwritten(kort):
    side = sidecar_path(str(kort))
    with open(side, "w", encoding="utf-8") as fh:
        fh.write('{\n  "format": "tussenwerker-signoff",\n  "version": 1,\n  "scenario": "speeltuin-kort",\n'
                 '  "signoffs": [\n    {"name": "Anna", "role": "", "date": "2025-03-12T10:00:00Z",'
                 ' "decisions": {}}\n  ]\n}\n')
    with pytest.raises(SignoffError) as err:
        read_sidecar(str(kort))
    assert str(err.value).startswith(f"{side}:6:") and "role" in str(err.value)
    validated = run("validate", str(kort))
    assert validated.returncode == 0 and f"{side}:6:" in validated.stdout and "warning:" in validated.stdout
    before = open(side, encoding="utf-8").read()
    refused = run("signoff", str(kort), "--name", "Bo", "--role", "trainer")
    assert refused.returncode == 1 and "fix or remove" in refused.stderr
    assert open(side, encoding="utf-8").read() == before
    with open(side, "w", encoding="utf-8") as fh:
        fh.write("{ not json")
    assert run("validate", str(kort)).stdout.count("not valid JSON") == 1
    with open(side, "w", encoding="utf-8") as fh:
        json.dump({"format": "tussenwerker-signoff", "version": 1, "scenario": "speeltuin",
                   "signoffs": [{"name": "A", "role": "t", "date": "2025", "decisions": {"x": "y"}}]}, fh)
    assert "is for scenario 'speeltuin'" in run("validate", str(kort)).stdout
    assert label(status_of(load_scenario(str(kort))), "nl") == "niet gecontroleerd"


@pytest.mark.slow
def test_signoff_usage_errors_are_one_line(kort):
    assert run("signoff", str(kort), "--name", "Anna").returncode == 2
    unknown = run("signoff", str(kort), "--name", "Anna", "--role", "trainer", "--decision", "nergens")
    assert unknown.returncode == 1 and "no decision 'nergens'" in unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1 and not os.path.exists(sidecar_path(str(kort)))


@pytest.mark.slow
def test_the_start_screen_label_follows_both_files(kort):
    assert label_for_path(str(kort), "nl") == "niet gecontroleerd"
    scenario = load_scenario(str(kort))
    sidecar = SignoffFile(sidecar_path(str(kort)), scenario.id).with_signoff(
        make_signoff(scenario, "Anna", "trainer", "2025-03-12T10:00:00Z"))
    with open(sidecar.path, "w", encoding="utf-8") as fh:
        fh.write(sidecar.to_json())
    assert label_for_path(str(kort), "nl") == "gecontroleerd door Anna (trainer, 12-03-2025)"
    assert label_for_path(str(kort), "en") == "checked by Anna (trainer, 2025-03-12)"
    text = kort.read_text(encoding="utf-8")
    kort.write_text(text.replace("score: {step3: 1, e2: 1}", "score: {step3: 2, e2: 1}", 1), encoding="utf-8")
    assert label_for_path(str(kort), "nl").endswith("1 van 9 beslissingen sindsdien gewijzigd of nieuw")


def played(path: str):
    scenario = load_scenario(path)
    session = Session.start(scenario)
    while not session.finished:
        if session.question is not None:
            session.answer(session.question.options[0].id)
        elif session.choices:
            session.choose(session.choices[0].id)
        else:
            session.advance()
    return review(scenario, session.history, session.ending.id)


def test_every_debrief_says_whose_judgement_the_scores_are(kort):
    result = played(str(kort))
    names = {r.id: r.name for r in result.scenario.residents}
    unsigned = "Dit scenario is niet gecontroleerd: de scores zijn alleen het oordeel van de auteur."
    assert unsigned in " ".join(" ".join(textdebrief.render(result, "nl", names)).split())
    data = export_json.debrief_data(result, "nl")
    assert data["signoff"]["state"] == "unsigned" and data["signoff"]["note"] == unsigned
    assert unsigned in export_md.render_md(data) and unsigned in export_html.render_html(data)
    english = export_json.debrief_data(result, "en")["signoff"]["note"]
    assert english == "This scenario has not been checked: its scores are the author's judgement alone."

    scenario = result.scenario
    sidecar = SignoffFile(sidecar_path(str(kort)), scenario.id).with_signoff(
        make_signoff(scenario, "Anna", "trainer", "2025-03-12T10:00:00Z"))
    with open(sidecar.path, "w", encoding="utf-8") as fh:
        fh.write(sidecar.to_json())
    signed = export_json.debrief_data(result, "nl")["signoff"]
    assert signed["state"] == "signed"
    assert signed["note"] == "De scores zijn gecontroleerd door Anna (trainer, 12-03-2025)."
    assert assess(scenario, sidecar).state == "signed"


@pytest.mark.slow
def test_the_window_shows_who_checked_on_the_cards_and_in_the_debrief(kort, tmp_path, monkeypatch):
    import random

    from simulator.window.pilot import open_app, play_to_debrief
    monkeypatch.setenv("TUSSENWERKER_SCENARIOS", str(tmp_path))
    shutil.copy(SCENARIOS / "speeltuin.yaml", tmp_path / "speeltuin.yaml")
    scenario = load_scenario(str(kort))
    sidecar = SignoffFile(sidecar_path(str(kort)), scenario.id).with_signoff(
        make_signoff(scenario, "Anna", "trainer", "2025-03-12T10:00:00Z"))
    with open(sidecar.path, "w", encoding="utf-8") as fh:
        fh.write(sidecar.to_json())
    app, pilot = open_app(size=(1280, 720), text_speed="instant", language="nl", persist=False)
    try:
        assert pilot.has_text("gecontroleerd door Anna (trainer, 12-03-2025)")
        assert pilot.has_text("niet gecontroleerd")  # the other, unsigned card
        pilot.focus_on("speeltuin-kort")
        pilot.press("return")
        rnd = random.Random(5)
        play_to_debrief(pilot, lambda n: rnd.randrange(n))
        app.top.rating.skip()
        for _ in range(300):
            pilot.step(5)
            if app.top.review is not None and app.top.page == "overview":
                break
        pilot.step(2)
        assert pilot.has_text("De scores zijn gecontroleerd door Anna (trainer, 12-03-2025).")
    finally:
        app.close()


@pytest.mark.parametrize("content", ['{"format": "x", "n": 1' + "0" * 5000 + "}", "[" * 5000 + "]" * 5000, None])
def test_a_sign_off_file_that_is_no_sign_off_is_one_problem_never_a_crash_or_a_hang(tmp_path, content):
    """A number of thousands of digits or nesting thousands deep crashed the scenario list and the
    window's start; a pipe in its place made them wait for ever."""
    from engine.scenario.signoff import SignoffError, read_sidecar
    scenario = tmp_path / "mine.yaml"
    scenario.write_text("format: 1\n", encoding="utf-8")
    sidecar = tmp_path / "mine.signoff.json"
    if content is None:
        os.mkfifo(sidecar)
    else:
        sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(SignoffError) as err:
        read_sidecar(str(scenario))
    assert str(sidecar) in str(err.value) and "\n" not in str(err.value)
