"""A trainee's own data through the real commands (docs/privacy.md): export everything, delete a
session (what the LRS has is voided there and drops out of the cohort report), who the statements
say you are, and how long typed own words are kept."""

from __future__ import annotations

import json
import time

import pytest

from engine import Session, load_scenario
from simulator.journal import Journal
from simulator.xapi import profile as p
from tests.fake_lrs import FakeLrs
from tests.test_export import run
from tests.xapi_helpers import SHORT, configure, finished_statements, outbox_rows, play

WORDS = "Ik zou eerst Ineke bedanken voor het werk."


@pytest.fixture
def lrs(monkeypatch):
    with FakeLrs() as fake:
        configure(monkeypatch, fake.endpoint)
        yield fake


def session_with_own_words(seed: int = 9) -> int:
    """A finished session where the trainee typed their own words before the first choice."""
    scenario = load_scenario(str(SHORT))
    with Journal() as journal:
        session = Session.start(scenario, seed=seed)
        sid = journal.start(session, str(SHORT), "nl")
        first = True
        while not session.finished:
            if session.question is not None:
                session.answer(session.prep_options[0].id)
            elif session.choices:
                session.choose(session.choices[0].id, own_words=WORDS if first else None)
                first = False
            else:
                session.advance()
            journal.save(sid, session)
        return sid


def words_kept() -> tuple[int, int]:
    """(sessions whose playthrough holds own words, outbox statements that carry them)."""
    with Journal() as journal:
        sessions = sum(WORDS in r[0] for r in journal.db.execute("SELECT data FROM sessions"))
        statements = sum(WORDS in r[0] for r in journal.db.execute("SELECT statement FROM outbox"))
    return sessions, statements


@pytest.mark.slow
def test_the_export_holds_every_session_and_statement_and_no_credential(lrs, tmp_path):
    ids = play([1, 2])
    assert run("sync").returncode == 0
    target = tmp_path / "mijn-gegevens.json"
    result = run("privacy", "export", str(target))
    assert result.returncode == 0, result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "tussenwerker-privacy-export" and data["version"] == 1
    assert [s["id"] for s in data["sessions"]] == ids
    assert all(s["playthrough"]["history"] and s["registration"] for s in data["sessions"])
    assert {o["statement_id"] for o in data["outbox"]} == {r[2] for r in outbox_rows()}
    assert all(o["sent_at"] for o in data["outbox"])
    assert data["lrs"]["key"] == "(set)" and data["lrs"]["secret"] == "(set)"
    assert data["lrs"]["pseudonym"] == finished_statements()[0]["actor"]["account"]["name"]
    assert "s3cr3t" not in target.read_text(encoding="utf-8")
    again = run("privacy", "export", str(target))  # never over a file unasked
    assert again.returncode == 1 and str(target) in again.stderr


@pytest.mark.slow  # a dozen commands run: in CI's slow step
def test_deleting_a_sent_session_voids_it_and_the_cohort_report_drops_it(lrs):
    keep, gone = play([1, 2])
    assert run("sync").returncode == 0
    with Journal() as journal:
        gone_registration = journal.registration(gone)
    sent_of_gone = [r[2] for r in outbox_rows() if r[0] == gone]
    before = run("report", "--lrs")
    assert "(speeltuin-kort): 2 afgeronde sessies" in before.stdout

    refused = run("privacy", "delete", "--session", str(gone))  # not a terminal: no silent deletion
    assert refused.returncode == 2 and "--yes" in refused.stderr
    deleted = run("privacy", "delete", "--session", str(gone), "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert f"{len(sent_of_gone)} resultaten die de LRS al had worden bij de volgende verzending ingetrokken" \
        in deleted.stdout  # in the trainee's language (the window's, Dutch by default)
    assert [r.id for r in Journal().sessions()] == [keep]
    assert run("sync").returncode == 0
    voids = [s for s in lrs.stored.values() if s["verb"]["id"] == p.VERBS["voided"][0]]
    assert sorted(v["object"]["id"] for v in voids) == sorted(sent_of_gone)
    after = run("report", "--lrs")
    assert "(speeltuin-kort): 1 afgeronde sessie" in after.stdout
    assert run("report", "--lrs", "--registration", gone_registration).stdout.startswith("Geen afgeronde")

    missing = run("privacy", "delete", "--session", "999", "--yes", "--lang", "en")
    assert missing.returncode == 1 and missing.stderr == "no session 999\n"


@pytest.mark.slow
def test_deleting_an_unsent_session_leaves_nothing_to_send(monkeypatch):
    configure(monkeypatch)  # an LRS nobody answers at
    [sid] = play([3])
    assert outbox_rows()
    result = run("privacy", "delete", "--all", "--yes")
    assert result.returncode == 0 and "1 sessie(s) verwijderd" in result.stdout and "ingetrokken" not in result.stdout
    assert outbox_rows() == [] and Journal().sessions() == []


@pytest.mark.slow
def test_identity_is_a_pseudonym_until_the_trainee_names_themselves(monkeypatch):
    configure(monkeypatch)
    assert run("privacy", "identity", "--email", "anna@gemeente.example", "--name", "Anna de Vries").returncode == 0
    play([1])
    assert finished_statements()[-1]["actor"] == {"objectType": "Agent", "name": "Anna de Vries",
                                                  "mbox": "mailto:anna@gemeente.example"}
    result = run("privacy", "--lang", "en", "identity", "--pseudonym")
    assert result.returncode == 0 and "pseudonym" in result.stdout
    play([2])
    actor = finished_statements()[-1]["actor"]
    assert set(actor) == {"objectType", "account"} and actor["account"]["homePage"] == p.PSEUDONYM_HOME
    status = run("privacy", "status")
    assert status.returncode == 0 and "een pseudoniem (een willekeurige code, geen naam of e-mail)" in status.stdout
    english = run("privacy", "status", "--lang", "en")
    assert "a pseudonym (a random id, no name or e-mail)" in english.stdout and "pseudoniem" not in english.stdout


@pytest.mark.slow  # a dozen commands run: in CI's slow step
def test_own_words_are_kept_as_long_as_the_trainee_chose(monkeypatch):
    configure(monkeypatch)
    assert run("privacy", "own-words", "--send", "yes").returncode == 0
    old, recent = session_with_own_words(9), session_with_own_words(10)
    assert words_kept() == (2, 2)  # in both playthroughs and, after the opt-in, in their statements

    result = run("privacy", "own-words", "--keep-days", "30")
    assert result.returncode == 0 and "bewaard: 30 dagen" in result.stdout
    with Journal() as journal:  # the first session was last played 40 days ago
        journal.db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (time.time() - 40 * 86400, old))
        journal.db.commit()
    assert run("sessions").returncode == 0  # any command that opens the journal applies it
    assert words_kept() == (1, 1)
    with Journal() as journal:
        kept = journal.db.execute("SELECT data FROM sessions WHERE id = ?", (recent,)).fetchone()[0]
    assert WORDS in kept

    assert run("privacy", "own-words", "--keep-days", "0").returncode == 0
    assert run("sessions").returncode == 0
    assert words_kept() == (0, 0)
    debrief = run("debrief", str(old))
    assert debrief.returncode == 0 and WORDS not in debrief.stdout  # the session itself stays
    bad = run("privacy", "own-words", "--keep-days", "soon")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
