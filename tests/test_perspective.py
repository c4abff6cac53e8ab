"""Learning from the resident's side: missed opportunities, escalation in the shipped scenarios,
the window's API (self-rating, branches, both paths), the replay command and the exports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from engine import Session, load_scenario, load_scenario_text
from engine.debrief.review import review
from engine.scenario.lint import lint_scenario
from simulator import perspective
from simulator.journal import Journal
from tests.conftest import ROOT, SHIPPED
from tests.crafted import MINIMAL

HEAD = """\
format: 1
id: kansen
title: {nl: Kansen, en: Chances}
summary: {nl: Test., en: Test.}
setting:
  meeting: {nl: Overleg, en: Meeting}
residents:
  - {id: ria, name: Ria de Vries, mood: {trust: 5, anger: 3}}
start: zorg
nodes:
  zorg:
    speaker: ria
    text: {nl: "Ik slaap er slecht van.", en: "I'm losing sleep over it."}
    thought: {nl: "Hoort hij me wel?", en: "Is he even listening?"}
    opportunity: {nl: "Zorgen om haar nachtrust", en: "Worry about her sleep"}
    choices:
      - {id: benoemen, text: {nl: a, en: a}, next: einde, score: {e3: 2, step3: 1}}
      - {id: herstellen, text: {nl: b, en: b}, next: einde, score: {e4: 1}}
      - {id: samenvatten, text: {nl: c, en: c}, next: einde, score: {step3: 2, step4: 2}, label: best}
      - {id: feiten, text: {nl: d, en: d}, next: einde, score: {e3: -1}, effects: {ria: {anger: 2}}}
      - {id: gemengd, text: {nl: e, en: e}, next: einde, score: {e1: 1, e3: -1}}
endings:
  einde: {kind: agreement, title: {nl: Einde, en: End}, text: {nl: Klaar., en: Done.}}
"""


def reviewed(choice: str):
    s = load_scenario_text(HEAD, "kansen.yaml")
    session = Session.start(s)
    session.choose(choice)
    return review(s, session.history, session.state.ending, transcript=session.state.transcript).decisions[0]


@pytest.mark.parametrize("choice, missed", [
    ("benoemen", False),  # names the feeling: e3
    ("herstellen", False),  # owns the effect of one's own words: e4 counts as the empathic move
    ("samenvatten", True),  # a neat summary with the trainer's 'best' label, but nothing on e1-e4
    ("feiten", True),  # answers with facts: ECCS level 0
    ("gemengd", False),  # some positive inlevingsvermogen weight is an acknowledgement
])
def test_a_reply_without_an_empathic_move_at_an_opportunity_is_a_missed_opportunity(choice, missed):
    d = reviewed(choice)
    assert d.missed_opportunity is missed
    assert d.missed_reason == ("opportunity" if missed else None)
    assert d.opportunity.get("en") == "Worry about her sleep" and d.thought.get("nl") == "Hoort hij me wel?"


def test_the_label_still_wins_the_verdict_but_not_the_missed_opportunity():
    d = reviewed("samenvatten")
    assert d.verdict == "best" and d.missed_opportunity


# -- the shipped scenarios --------------------------------------------------------------
EMPATHY = ("e1", "e2", "e3", "e4")


def escalating_opportunities(scenario) -> list[str]:
    """Opportunity nodes where passing the clue over (a reply without positive e1-e4) makes the
    speaker angrier or less trusting."""
    out = []
    for node in scenario.nodes.values():
        if node.opportunity is None or not node.choices:
            continue
        for c in node.choices:
            if any(c.score.get(k, 0) > 0 for k in EMPATHY):
                continue
            deltas = {**c.effects.get("all", {}), **c.effects.get(node.speaker, {})}
            if any(d and (d < 0) == (scenario.mood_variables[v].good == "high") for v, d in deltas.items()):
                out.append(node.id)
                break
    return out


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_residents_escalate_when_their_clues_are_passed_over(path):
    s = load_scenario(str(path))
    assert len(escalating_opportunities(s)) >= 2, escalating_opportunities(s)
    assert sum(1 for n in s.nodes.values() if n.thought is not None) >= s.decision_count // 2


def test_lint_warns_about_opportunities_that_cost_nothing_or_cannot_be_answered(write_scenario):
    toothless = HEAD.replace("effects: {ria: {anger: 2}}", "effects: {ria: {trust: 1}}")
    s = load_scenario_text(toothless, "kansen.yaml")
    warnings = [p.message for p in lint_scenario(s, toothless)]
    hit = [w for w in warnings if "passing it over costs nothing" in w]
    assert len(hit) == 1 and "(samenvatten, feiten)" in hit[0] and "{ria: {anger: 1}}" in hit[0]
    s = load_scenario_text(HEAD, "kansen.yaml")
    assert not [p for p in lint_scenario(s, HEAD) if "costs nothing" in p.message]
    on_a_line = HEAD.replace("start: zorg", "start: intro").replace("nodes:\n", """nodes:
  intro:
    speaker: ria
    text: {nl: "Hallo.", en: "Hello."}
    opportunity: {nl: "Spanning", en: "Tension"}
    next: zorg
""")
    s = load_scenario_text(on_a_line, "kansen.yaml")
    assert any("'intro' marks an opportunity but offers no choices" in p.message for p in lint_scenario(s, on_a_line))


# -- the window's API -------------------------------------------------------------------
def journaled(path: str, moves: tuple[str, ...]) -> int:
    scenario = load_scenario(path)
    with Journal() as journal:
        session = Session.start(scenario)
        sid = journal.start(session, path, "nl", trainee="anna")
        for move in moves:
            while session.can_continue:
                session.advance()
            if session.question is not None:
                session.answer(move)
            else:
                session.choose(move)
            journal.save(sid, session)
        while session.can_continue:
            session.advance()
        journal.save(sid, session)
        session.close()
    return sid


POOR_RUN = ("groot", "kaders", "pauze", "later")


@pytest.fixture
def mini(write_scenario):
    path = write_scenario(MINIMAL, "mini.yaml")
    return path, journaled(path, POOR_RUN)


def test_rating_questions_and_scale_in_both_languages():
    s = load_scenario_text(MINIMAL, "mini.yaml")
    nl, en = perspective.rating_questions(s, "nl"), perspective.rating_questions(s, "en")
    assert [q.key for q in nl] == [q.key for q in en] == ["overall", "step1", "step2", "step3", "step4", "step5",
                                                          "e1", "e2", "e3"]
    assert nl[0].title == "Het gesprek als geheel" and en[3].title == "Step 3 — Step to their side"
    assert en[3].group == "ury" and en[-1].group == "empathy" and "summarise" in en[3].explanation
    assert perspective.rating_scale("nl")[0] == (1, "ging slecht") and perspective.rating_scale("en")[4][1] == \
        "went very well"
    assert perspective.plus_delta_prompts("en")[0].startswith("Plus")


def test_saving_and_showing_the_rating_through_the_api(mini):
    path, sid = mini
    with Journal() as journal:
        stored = perspective.save_rating(journal, sid, {"overall": 4, "step3": None, "e3": 9}, plus="rustig")
        assert stored.scores == {"overall": 4} and perspective.load_rating(journal, sid).plus == "rustig"
        with pytest.raises(perspective.PerspectiveError):
            perspective.save_rating(journal, 99, {"overall": 1})
        session = journal.resume(sid, load_scenario(path))
    lines = perspective.rating_comparison(perspective.review_of(session), stored, "en")
    overall = lines[0]
    assert overall.title == "Overall" and overall.own == 4 and overall.own_text == "went well"
    assert overall.measured is not None and overall.note in ("", "you saw it more positively", "you were harsher")
    assert perspective.rating_comparison(perspective.review_of(session), None, "en") == []


def test_a_branch_from_the_api_is_its_own_session_linked_to_the_first(mini):
    path, sid = mini
    with Journal() as journal:
        started = perspective.start_branch(journal, sid, 1)  # decision 2: 'kaders' at the opening
        session, new_id, problem = started
        assert problem is None and new_id != sid
        record = journal.get(new_id)
        assert record.parent_id == sid and record.branch_index == 1 and record.is_branch
        assert record.trainee == "anna" and [r.id for r in journal.branches(sid)] == [new_id]
        assert session.node.id == "opening" and [d.choice_id for d in session.history] == ["groot"]
        assert perspective.path_comparison(journal, sid) is None  # the first attempt is no branch
        for move in ("luisteren", "pauze"):
            session.choose(move)
            journal.save(new_id, session)
        session.advance()
        session.choose("later")
        journal.save(new_id, session)
        comparison = perspective.path_comparison(journal, new_id, session)
        assert comparison.branch_index == 1 and comparison.first_difference == 1
        assert comparison.change("overall") == 4  # 'luisteren' (step3 +2, e3 +1) instead of 'kaders' (step3 -1)
        rows = perspective.comparison_rows(comparison, "en", {"ineke": "Ineke Bakker"})
        assert rows[0]["step"] == 2 and rows[0]["same_moment"] and not rows[0]["same_choice"]
        assert rows[0]["first"]["choice"] == "kaders" and rows[0]["second"]["chosen"] == "Tell me."
        assert rows[0]["second"]["speaker_name"] == "Ineke Bakker"
        assert perspective.path_comparison(journal, new_id).first_difference == 1  # read from the journal too
        # Progress over time counts whole attempts, not replays from a decision.
        assert [a.session_id for a in journal.attempts("mini", "anna")] == [sid]
        with pytest.raises(perspective.PerspectiveError) as err:
            perspective.start_branch(journal, sid, 40)
        assert "there is no decision 41" in str(err.value) and "\n" not in str(err.value)
        session.close()


def test_a_branch_of_a_session_that_was_never_saved():
    s = load_scenario_text(MINIMAL, "mini.yaml")
    first = Session.start(s)
    first.answer("veilig")
    first.choose("dreigen")
    again = perspective.branch_unsaved(first, 1)
    assert again.mood == first.history[1].mood_before and again.node.id == "opening"


# -- the terminal and the exports ---------------------------------------------------------
def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_replay_from_a_mid_meeting_decision_in_the_terminal(mini):
    path, sid = mini
    # Bert's worry again: explaining it away this time makes him walk out; then rate 2 overall, 3 for step 1.
    result = run("replay", str(sid), "3", "--lang", "en", stdin="uitleggen\n2\n3\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Again from decision 3 of session 1" in out and "Last time you chose here: A short break." in out
    assert "So far" in out and "You: First the rules." in out  # the moments before, as they went
    assert "First, your own estimate" in out and out.index("First, your own estimate") < out.index("Debrief: Mini")
    assert "-- Two paths from decision 3 --" in out and "first time (session 1): A short break." in out
    assert "this time:              It's not so bad. [mistake]" in out and "Ending, this time: Walked out" in out
    assert "Saved as session 2." in out
    with Journal() as journal:
        record = journal.get(2)
        assert record.parent_id == sid and record.branch_index == 2 and record.finished
        assert journal.rating(2).scores == {"overall": 2, "step1": 3}
    again = run("debrief", "2", "--lang", "nl")  # the replay was played (and journaled) in English
    assert "-- Twee routes vanaf beslissing 3 --" in again.stdout and "Voortgang" not in again.stdout
    listed = run("sessions").stdout.splitlines()
    assert listed[1].split()[0] == "2" and listed[1].endswith("anna (opnieuw: sessie 1 vanaf 3)")


@pytest.mark.slow
def test_replay_problems_are_one_line(mini):
    path, sid = mini
    ghost = run("replay", "9", "1")
    assert ghost.returncode == 1 and "there is no session 9" in ghost.stderr and "Traceback" not in ghost.stderr
    beyond = run("replay", str(sid), "12")
    assert beyond.returncode == 1 and len(beyond.stderr.strip().splitlines()) == 1
    assert "er is geen beslissing 12: de sessie heeft 4 beslissingen" in beyond.stderr  # the session's language


@pytest.mark.slow
def test_exports_show_thoughts_opportunities_the_rating_and_both_paths(write_scenario, tmp_path):
    line = '''    text: {nl: "En de overlast?", en: "And the nuisance?"}'''
    text = MINIMAL.replace(line, line + '''
    thought: {nl: "Ze luisteren toch niet.", en: "They won't listen anyway."}
    opportunity: {nl: "Zorg om zijn nachtrust.", en: "Worry about his sleep."}''')
    path = write_scenario(text, "mini.yaml")
    sid = journaled(path, POOR_RUN)
    replayed = run("replay", str(sid), "2", "--no-rating", stdin="luisteren\npauze\nlater\n")
    assert replayed.returncode == 0, replayed.stderr
    with Journal() as journal:
        perspective.save_rating(journal, 2, {"overall": 5, "step2": 1}, plus="kalm", delta="eerder vragen")
    files = {kind: tmp_path / f"out.{kind}" for kind in ("json", "md", "html")}
    result = run("debrief", "2", "--lang", "en", "--json", str(files["json"]), "--md", str(files["md"]),
                 "--html", str(files["html"]))
    assert result.returncode == 0, result.stderr
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["session"]["parent_id"] == sid and data["session"]["branch_step"] == 2
    midden = next(d for d in data["decisions"] if d["node"] == "midden")
    assert midden["thought"] == "They won't listen anyway." and midden["opportunity_met"] is False
    assert data["self_rating"]["plus"] == "kalm" and data["self_rating"]["rows"][0] == {
        "key": "overall", "label": None, "own": 5, "measured": data["self_rating"]["rows"][0]["measured"],
        "percent": data["self_rating"]["rows"][0]["percent"], "gap": data["self_rating"]["rows"][0]["gap"],
        "notable": data["self_rating"]["rows"][0]["notable"], "scale": data["self_rating"]["rows"][0]["scale"]}
    paths = data["paths"]
    assert paths["branch_step"] == 2 and paths["first_session"] == sid and paths["first_difference"] == 2
    assert paths["steps"][0]["first"]["choice"] == "kaders" and paths["steps"][0]["second"]["choice"] == "luisteren"
    md = files["md"].read_text(encoding="utf-8")
    assert "## Per dimension, on a scale of 1 to 5" in md and "**Plus (went well):** kalm" in md
    assert "## Two paths from decision 2" in md and "**What Bert thought:** *They won't listen anyway.*" in md
    assert "Worry about his sleep. (missed opportunity)" in md
    html = files["html"].read_text(encoding="utf-8")
    assert 'class="pair"' in html and "They won&#x27;t listen anyway." in html and 'class="paths"' in html
    assert "Per dimension, on a scale of 1 to 5" in html and "eerder vragen" in html


def test_the_window_api_needs_no_pygame():
    code = ("import sys, simulator.perspective, simulator.coach; "
            "print('pygame' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_the_advice_at_a_free_opportunity_names_a_resident_surely_still_there():
    """Ria walked out (``leaves``) on the way to her own clue: an effect on her would do nothing,
    so the advice names Bert, who never leaves; with Ria in the room it names Ria."""
    toothless = HEAD.replace("effects: {ria: {anger: 2}}", "effects: {ria: {trust: 1}}")
    walked_out = toothless.replace(
        "  - {id: ria, name: Ria de Vries, mood: {trust: 5, anger: 3}}\n",
        "  - {id: ria, name: Ria de Vries, mood: {trust: 5, anger: 3}}\n"
        "  - {id: bert, name: Bert Smit, mood: {trust: 5, anger: 3}}\n").replace(
        "start: zorg\nnodes:\n",
        "start: weg\nnodes:\n  weg:\n    speaker: ria\n    text: {nl: \"Ik ga.\", en: \"I'm off.\"}\n"
        "    leaves: [ria]\n    next: zorg\n")
    s = load_scenario_text(walked_out, "kansen.yaml")
    hit = [p.message for p in lint_scenario(s, walked_out) if "costs nothing" in p.message]
    assert len(hit) == 1 and "{bert: {anger: 1}}" in hit[0] and "{ria:" not in hit[0]
    stays = walked_out.replace("    leaves: [ria]\n", "")
    hit = [p.message for p in lint_scenario(load_scenario_text(stays, "kansen.yaml"), stays)
           if "costs nothing" in p.message]
    assert len(hit) == 1 and "{ria: {anger: 1}}" in hit[0]
