"""The trainer report: all finished sessions per scenario and dimension, as text and CSV."""

from __future__ import annotations

import csv
import statistics

import pytest

from simulator.cli.report import CSV_COLUMNS
from tests.crafted import MINIMAL
from tests.test_export import GOOD_RUN, POOR_RUN, journal_session, run


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def test_csv_columns_and_statistics_per_dimension(write_scenario, tmp_path):
    path = write_scenario(MINIMAL, "mini.yaml")
    for moves in (GOOD_RUN, POOR_RUN, POOR_RUN):
        journal_session(path, moves, trainee="groep-a")
    journal_session(path, GOOD_RUN[:2])  # unfinished: not in the report
    target = tmp_path / "report.csv"
    result = run("report", "--csv", str(target))
    assert result.returncode == 0, result.stderr
    header, rows = read_csv(target)
    assert tuple(header) == CSV_COLUMNS == (
        "scenario", "scenario_title", "row", "key", "label", "sessions", "mean", "sd", "min", "max",
        "best_achievable", "choice", "choice_text", "verdict", "times", "share", "session", "own_words")
    dims = {r["key"]: r for r in rows if r["row"] == "dimension"}
    assert list(dims) == ["step1", "step2", "step3", "step4", "step5", "e1", "e2", "e3", "e4"]
    # step3: good run +2 (luisteren), poor runs -1 (kaders) each
    step3 = dims["step3"]
    assert step3["sessions"] == "3" and step3["min"] == "-1" and step3["max"] == "2"
    assert float(step3["mean"]) == 0.0
    assert float(step3["sd"]) == round(statistics.stdev([2, -1, -1]), 2)
    assert step3["best_achievable"] == "2"
    overall = next(r for r in rows if r["row"] == "overall")
    # good: 1 + 3 + 2 + 2 = 8; poor: -1 (prep) - 1 (kaders) + 1 (pauze) + 0 (later) = -1
    assert overall["mean"] == f"{statistics.fmean([8, -1, -1]):.2f}" and overall["max"] == "8"
    endings = {r["key"]: r for r in rows if r["row"] == "ending"}
    assert endings["uitgesteld"]["times"] == "2" and endings["uitgesteld"]["share"] == "0.67"
    assert endings["afspraak"]["times"] == "1"


def test_most_common_mistakes_per_decision(write_scenario, tmp_path):
    path = write_scenario(MINIMAL, "mini.yaml")
    for moves in (GOOD_RUN, POOR_RUN, POOR_RUN):
        journal_session(path, moves)
    target = tmp_path / "report.csv"
    run("report", "--csv", str(target))
    _, rows = read_csv(target)
    mistakes = [r for r in rows if r["row"] == "mistake"]
    kaders = next(r for r in mistakes if r["key"] == "opening" and r["choice"] == "kaders")
    assert kaders["verdict"] == "mistake" and kaders["times"] == "2" and kaders["sessions"] == "3"
    assert kaders["share"] == "0.67" and kaders["choice_text"] == "Eerst de kaders."
    assert not any(r["choice"] == "luisteren" for r in mistakes)
    text = run("report")
    assert "Meest gemaakte missers" in text.stdout and "2/3  opening: Eerst de kaders." in text.stdout


@pytest.mark.slow
def test_report_for_one_scenario_and_an_empty_journal(write_scenario, tmp_path):
    empty = run("report")
    assert empty.returncode == 0 and "Geen afgeronde sessies" in empty.stdout
    mini = write_scenario(MINIMAL, "mini.yaml")
    other = write_scenario(MINIMAL.replace("id: mini", "id: ander"), "ander.yaml")
    journal_session(mini, GOOD_RUN)
    journal_session(other, POOR_RUN)
    target = tmp_path / "one.csv"
    assert run("report", "--scenario", "ander", "--csv", str(target)).returncode == 0
    _, rows = read_csv(target)
    assert {r["scenario"] for r in rows} == {"ander"}


def test_a_session_whose_scenario_is_gone_is_skipped_with_one_line(write_scenario, tmp_path):
    mini = write_scenario(MINIMAL, "mini.yaml")
    journal_session(mini, GOOD_RUN)
    gone = write_scenario(MINIMAL.replace("id: mini", "id: weg"), "weg.yaml")
    sid = journal_session(gone, POOR_RUN)
    (tmp_path / "weg.yaml").unlink()
    result = run("report")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith(f"session {sid}: {gone}:1:1: file not found, and no scenario")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "(mini): 1 afgeronde sessie" in result.stdout


@pytest.mark.slow
def test_a_replay_from_a_decision_is_counted_apart_not_in_the_figures(write_scenario, tmp_path):
    """A replay shares its first decisions with the first attempt: counting it would weigh them twice."""
    from engine import Session
    from simulator.journal import Journal
    from simulator.perspective import start_branch

    path = write_scenario(MINIMAL, "mini.yaml")
    first = journal_session(path, POOR_RUN)
    with Journal() as journal:
        started = start_branch(journal, first, 1)  # try the second decision again
        session: Session = started.session
        for move in ("luisteren", "pauze", "samen"):
            while session.can_continue:
                session.advance()
            session.choose(move)
            journal.save(started.session_id, session)
        while session.can_continue:
            session.advance()
        journal.save(started.session_id, session)
        assert journal.get(started.session_id).finished
        session.close()
    target = tmp_path / "report.csv"
    assert run("report", "--csv", str(target)).returncode == 0
    _, rows = read_csv(target)
    overall = next(r for r in rows if r["row"] == "overall")
    assert overall["sessions"] == "1" and overall["mean"] == "-1.00"  # only the first attempt
    replays = next(r for r in rows if r["row"] == "replays")
    assert replays["times"] == "1"
    text = run("report").stdout
    assert "1 afgeronde sessie" in text and "1 keer opnieuw gespeeld vanaf een beslissing" in text
