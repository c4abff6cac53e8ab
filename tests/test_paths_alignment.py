"""A replay's "both paths side by side": rows pair the same moment of the meeting, not the same
decision number, and the comparison rests on the values kept with both sessions."""

from __future__ import annotations

import pytest

from engine import Session, load_scenario
from engine.debrief.branching import compare_paths
from simulator import perspective
from simulator.cli.main import main
from simulator.debriefing import branch_comparison, journaled_review, saved_session, session_review
from simulator.journal import Journal
from simulator.terminal.perspective import paths_lines

# Henk walks out when answered curtly, and is won back: two decisions the calm path never meets.
DETOUR = """\
format: 1
id: omweg
title: {nl: Omweg, en: Detour}
summary: {nl: Een bewoner loopt weg en komt terug., en: A resident walks out and comes back.}
setting:
  meeting: {nl: Overleg, en: Meeting}
residents:
  - {id: henk, name: Henk Mulder, mood: {trust: 4, anger: 5}}
start: opening
nodes:
  opening:
    speaker: henk
    text: {nl: "Jullie beslissen toch alles al.", en: "You've decided it all anyway."}
    choices:
      - {id: bot, text: {nl: Zo is het nu eenmaal., en: That's how it is.}, next: weg,
         effects: {henk: {anger: 3}}, score: {step3: -1}}
      - {id: rustig, text: {nl: Vertel eens wat u dwarszit., en: Tell me what bothers you.}, next: zorg,
         score: {step3: 2}}
  weg:
    speaker: narrator
    text: {nl: Henk pakt zijn jas en loopt naar de deur., en: Henk takes his coat and walks to the door.}
    choices:
      - {id: achterna, text: {nl: Ik loop hem achterna., en: I go after him.}, next: terug, score: {e1: 1}}
      - {id: blijven, text: {nl: Ik laat hem gaan., en: I let him go.}, next: zorg, score: {e1: -1}}
  terug:
    speaker: henk
    text: {nl: "Wat moet u nou nog?", en: "What do you want now?"}
    choices:
      - {id: sorry, text: {nl: Ik was te snel., en: I was too quick.}, next: zorg,
         effects: {henk: {anger: -2}}, score: {e4: 1}}
  zorg:
    speaker: henk
    text: {nl: "En wie let er 's nachts op?", en: "And who keeps an eye on it at night?"}
    choices:
      - {id: erkennen, text: {nl: Daar heeft u een punt., en: You have a point.}, next: slot, score: {e3: 2}}
      - {id: uitleggen, text: {nl: Dat valt wel mee., en: It's not so bad.}, next: slot,
         effects: {henk: {anger: 2}}, score: {e3: -1}}
  slot:
    speaker: henk
    text: {nl: "Wat spreken we af?", en: "What do we agree?"}
    choices:
      - {id: afspraak, text: {nl: "Een klankbordgroep, met u erin.", en: "A sounding board, with you in it."},
         next: akkoord, score: {step5: 2}}
      - {id: later, text: {nl: Dat hoort u nog., en: You'll hear from us.}, next: uitgesteld}
endings:
  akkoord: {kind: agreement, title: {nl: Afspraak, en: Agreement}, text: {nl: Ze spreken iets af., en: They agree.}}
  uitgesteld: {kind: postponed, title: {nl: Uitgesteld, en: Postponed}, text: {nl: Later verder., en: Later.}}
"""
FIRST = ["bot", "achterna", "sorry", "erkennen", "afspraak"]  # the detour: weg and terug
AGAIN = ["rustig", "uitleggen", "afspraak"]  # replayed from decision 1, straight to zorg
NAMES = {"henk": "Henk Mulder"}


@pytest.fixture
def scenario(write_scenario):
    return load_scenario(write_scenario(DETOUR, "omweg.yaml"))


def journaled_replay(journal: Journal, scenario) -> tuple[int, int]:
    """The first attempt with the detour, and its replay from decision 1, both in the journal."""
    first = Session.start(scenario, seed=1)
    first_id = journal.start(first, str(scenario.path), "nl")
    for move in FIRST:
        first.choose(move)
        journal.save(first_id, first)
    assert first.state.ending == "akkoord"
    started = perspective.start_branch(journal, first_id, 0, scenario)
    again, again_id = started.session, started.session_id
    assert again_id is not None
    for move in AGAIN:
        again.choose(move)
        journal.save(again_id, again)
    assert again.finished
    first.close()
    again.close()
    return first_id, again_id


def moments(comparison) -> list[tuple]:
    return [(s.first.decision.node_id if s.first else None, s.second.decision.node_id if s.second else None)
            for s in comparison.steps]


def test_a_detour_only_the_first_attempt_took_gets_rows_of_its_own(scenario):
    first = Session.start(scenario, seed=1)
    for move in FIRST:
        first.choose(move)
    again = perspective.branch_unsaved(first, 0)
    for move in AGAIN:
        again.choose(move)
    c = compare_paths(session_review(first), session_review(again), 0)

    assert moments(c) == [("opening", "opening"), ("weg", None), ("terug", None), ("zorg", "zorg"),
                          ("slot", "slot")]
    assert all(s.same_moment for s in c.steps if s.first and s.second)  # never two unrelated moments side by side
    zorg, slot = c.steps[3], c.steps[4]
    assert (zorg.first_index, zorg.second_index) == (3, 1)  # decision 4 the first time, decision 2 this time
    assert (zorg.first.decision.choice_id, zorg.second.decision.choice_id) == ("erkennen", "uitleggen")
    assert slot.same_choice and c.first_difference == 0
    # The calm path didn't come to Henk's walk-out, and its meeting wasn't over there either.
    assert [s.second_elsewhere for s in c.steps] == [False, True, True, False, False]
    assert not any(s.first_over or s.second_over for s in c.steps)

    text = "\n".join(paths_lines(c, "nl", NAMES, parent_id=1, scenario=scenario))
    assert "een ander moment" not in text and "het gesprek was al afgelopen" not in text
    assert text.count("(op deze route kwam je hier niet)") == 2
    assert "4/2. Henk Mulder: “En wie let er 's nachts op?”" in text and "2/–. Henk pakt zijn jas" in text
    assert "de eerste keer was dit beslissing 4, nu beslissing 2" in " ".join(text.split())
    english = "\n".join(paths_lines(c, "en", NAMES, parent_id=1, scenario=scenario))
    assert "(this path didn't come here)" in english and "5/3. Henk Mulder: “What do we agree?”" in english


def test_a_replay_that_went_further_shows_where_the_first_attempt_had_ended(scenario):
    first = Session.start(scenario, seed=1)
    for move in ["rustig", "uitleggen", "afspraak"]:
        first.choose(move)
    again = perspective.branch_unsaved(first, 0)
    for move in FIRST:
        again.choose(move)
    c = compare_paths(session_review(first), session_review(again), 0)
    assert moments(c) == [("opening", "opening"), (None, "weg"), (None, "terug"), ("zorg", "zorg"),
                          ("slot", "slot")]
    assert [s.first_elsewhere for s in c.steps] == [False, True, True, False, False]


def test_alignment_pairs_the_same_moments_in_order():
    from engine.debrief.branching import align
    assert align("abc", "abc") == [(0, 0), (1, 1), (2, 2)]
    assert align("awxbc", "abc") == [(0, 0), (1, None), (2, None), (3, 1), (4, 2)]
    assert align("abxd", "abyd") == [(0, 0), (1, 1), (2, None), (None, 2), (3, 3)]
    assert align("ab", "abcd") == [(0, 0), (1, 1), (None, 2), (None, 3)]
    # A moment met twice on one path pairs with its first meeting on the other.
    assert align("abab", "ab") == [(0, 0), (1, 1), (2, None), (3, None)]
    for a, b in [("xaybzc", "abcq"), ("", "ab"), ("abc", ""), ("cab", "abc")]:
        pairs = align(a, b)
        assert [i for i, _ in pairs if i is not None] == list(range(len(a)))
        assert [j for _, j in pairs if j is not None] == list(range(len(b)))
        assert all(a[i] == b[j] for i, j in pairs if i is not None and j is not None)


def test_the_markdown_export_pairs_the_same_moments(scenario, tmp_path, capsys):
    with Journal() as journal:
        first_id, again_id = journaled_replay(journal, scenario)
    out = tmp_path / "replay.md"
    assert main(["debrief", str(again_id), "--lang", "en", "--md", str(out)]) == 0
    md = out.read_text(encoding="utf-8")
    assert any(row.startswith("| 4/2 | **Henk Mulder:** And who keeps an eye on it at night?")
               and "You have a point." in row and "It's not so bad." in row for row in md.splitlines())
    assert "| 2/– | Henk takes his coat" in md and "the meeting was already over" not in md
    assert "a different moment" not in md and md.count("(this path didn't come here)") == 2


def test_a_replays_debrief_compares_on_the_values_kept_with_both_sessions(scenario, monkeypatch, capsys):
    with Journal() as journal:
        first_id, again_id = journaled_replay(journal, scenario)
        record = journal.get(again_id)
        replay = saved_session(journal, record, scenario)
        fresh = branch_comparison(journal, record, scenario, replay)  # nothing kept yet: worked out
        assert journal.kept_values(first_id) is None and journal.kept_values(again_id) is None  # only read
        for sid in (first_id, again_id):  # as the window and the terminal do when a debrief is first shown
            journaled_review(journal, sid, saved_session(journal, journal.get(sid), scenario), keep=True)
        assert journal.kept_values(first_id) and journal.kept_values(again_id)

        monkeypatch.setattr("engine.debrief.review.outlook", lambda *a, **k: pytest.fail("searched again"))
        assert branch_comparison(journal, record, scenario, replay) == fresh
        assert perspective.path_comparison(journal, again_id) == fresh  # the window's replay read back
        replay.close()
    capsys.readouterr()
    assert main(["debrief", str(again_id), "--lang", "en"]) == 0  # `debrief N` of a replay: no search
    assert "-- Two paths from decision 1 --" in capsys.readouterr().out


def test_a_debrief_that_only_reads_keeps_nothing_and_a_front_end_may_keep(scenario, capsys):
    with Journal() as journal:
        first_id, again_id = journaled_replay(journal, scenario)
    assert main(["debrief", str(again_id)]) == 0
    with Journal() as journal:
        assert journal.kept_values(first_id) is None and journal.kept_values(again_id) is None
        record = journal.get(again_id)
        replay = saved_session(journal, record, scenario)
        branch_comparison(journal, record, scenario, replay, keep=True)
        replay.close()
        assert journal.kept_values(first_id) and journal.kept_values(again_id)
