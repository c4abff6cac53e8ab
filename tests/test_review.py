"""The game review on crafted graphs: verdict thresholds, look-ahead, conditions, labels, summaries."""

from __future__ import annotations

import pytest

from engine import Session, load_scenario_text
from engine.analysis.search import Solver
from engine.debrief.progress import Attempt, progress
from engine.debrief.review import GOOD_MAX_REGRET, INACCURACY_MAX_REGRET, classify, review
from engine.debrief.review_parts import NOT_TRAINED_SPREAD, TIPS_SHOWN
from engine.debrief.seedtext import TIPS_FOR_DIMENSION
from engine.play.rules import rules_of

HEAD = """\
format: 1
id: {id}
title: {{nl: Test, en: Test}}
summary: {{nl: Test., en: Test.}}
setting:
  meeting: {{nl: Overleg, en: Meeting}}
residents:
  - id: ria
    name: Ria de Vries
    mood: {{trust: 5, anger: 3}}
"""

END = """\
endings:
  einde:
    kind: agreement
    title: {nl: Einde, en: End}
    text: {nl: Klaar., en: Done.}
"""
LATER = """\
  ander_einde:
    kind: postponed
    title: {nl: Later, en: Later}
    text: {nl: Later., en: Later.}
"""


def scenario(body: str, sid: str = "crafted"):
    endings = END + (LATER if "ander_einde" in body else "")
    return load_scenario_text(HEAD.format(id=sid) + body + endings, f"{sid}.yaml")


def play(s, *moves: str) -> Session:
    """Answer/choose the given ids in order, following lines without choices."""
    session = Session.start(s)
    for move in moves:
        while session.can_continue:
            session.advance()
        if session.question is not None:
            session.answer(move)
        else:
            session.choose(move)
    while session.can_continue:
        session.advance()
    return session


def reviewed(s, *moves: str, solver=None):
    session = play(s, *moves)
    return review(s, session.history, session.state.ending, solver=solver, transcript=session.state.transcript)


LADDER = """\
start: kies
nodes:
  kies:
    speaker: ria
    text: {nl: "Wat nu?", en: "Now what?"}
    choices:
      - {id: c0, text: {nl: a, en: a}, next: einde, score: {step3: 2, step5: 2}, feedback: {nl: top, en: top}}
      - {id: c1, text: {nl: b, en: b}, next: einde, score: {step3: 2, step5: 1}}
      - {id: c2, text: {nl: c, en: c}, next: einde, score: {step3: 2}}
      - {id: c3, text: {nl: d, en: d}, next: einde, score: {step3: 1}}
      - {id: c4, text: {nl: e, en: e}, next: einde}
"""


def test_thresholds_are_the_documented_ones():
    assert (GOOD_MAX_REGRET, INACCURACY_MAX_REGRET) == (0.25, 0.5)
    assert [classify(r) for r in (0.0, 0.01, 0.25, 0.26, 0.5, 0.51, 1.0)] == [
        "best", "good", "good", "inaccuracy", "inaccuracy", "mistake", "mistake"]


@pytest.mark.parametrize("choice,regret,verdict", [
    ("c0", 0.0, "best"), ("c1", 0.25, "good"), ("c2", 0.5, "inaccuracy"), ("c3", 0.75, "mistake"),
    ("c4", 1.0, "mistake"),
])
def test_regret_is_the_share_of_the_spread_given_away(choice, regret, verdict):
    r = reviewed(scenario(LADDER), choice)
    d = r.decisions[0]
    assert d.regret == pytest.approx(regret) and d.verdict == verdict
    if choice == "c0":
        assert d.better_id is None and d.better_text is None
    else:
        assert d.better_id == "c0" and d.better_feedback.get("nl") == "top"
        assert d.better_weights == {"step3": 2, "step5": 2}
    assert d.best_here["overall"] == 4 and d.options == 5


LOOKAHEAD = """\
start: kies
nodes:
  kies:
    speaker: ria
    text: {nl: "Nu meteen tekenen?", en: "Sign right now?"}
    choices:
      - {id: gretig, text: {nl: Ja, en: Sure}, next: ander_einde, score: {step5: 2}}
      - {id: geduldig, text: {nl: Eerst luisteren, en: Listen first}, next: later, score: {step3: 1}}
  later:
    speaker: ria
    text: {nl: "Nou, goed.", en: "Well, fine."}
    choices:
      - {id: groot, text: {nl: Samen, en: Together}, next: einde, score: {step4: 2, e3: 2}}
      - {id: klein, text: {nl: Kort, en: Short}, next: einde}
"""


def test_a_choice_is_valued_by_what_it_still_allows_not_only_its_own_weights():
    r = reviewed(scenario(LOOKAHEAD), "gretig")
    d = r.decisions[0]
    # Q(gretig) = 2, Q(geduldig) = 1 + 4: the greedy move gave away the whole spread.
    assert d.verdict == "mistake" and d.regret == pytest.approx(1.0) and d.better_id == "geduldig"
    assert d.best_here["overall"] == 5 and d.best_after["overall"] == 2
    assert r.best_overall == 5 and r.worst_overall == 1 and r.overall == 2
    assert r.exact


def test_a_stronger_option_that_scores_no_more_itself_says_its_edge_is_what_it_made_possible():
    """Warm scores 1 like cool, but only warm opens the deal: 'why' then can't be the option's
    own feedback alone; the debrief says the difference lies in what followed."""
    r = reviewed(scenario(CONDITIONS.replace("score: {step5: 1}, effects: {ria: {trust: -1}}",
                                             "score: {e1: 1}, effects: {ria: {trust: -1}}")), "koel", "gewoon")
    d = r.decisions[0]
    assert d.better_id == "warm" and d.better_by_what_follows
    from simulator.terminal.debrief import render
    text = " ".join(" ".join(render(r, "nl", {})).split())  # lines wrap
    assert "het verschil zit in wat ze daarna mogelijk maakte" in text
    plain = reviewed(scenario(LADDER), "c4").decisions[0]  # the better option scores more itself
    assert plain.better_id == "c0" and not plain.better_by_what_follows


CONDITIONS = """\
start: kies
nodes:
  kies:
    speaker: ria
    text: {nl: "Hoe begin je?", en: "How do you start?"}
    choices:
      - {id: warm, text: {nl: Warm, en: Warm}, next: midden, score: {e1: 1}, effects: {ria: {trust: 3}}}
      - {id: koel, text: {nl: Koel, en: Cool}, next: midden, score: {step5: 1}, effects: {ria: {trust: -1}}}
  midden:
    speaker: ria
    text: {nl: "En nu?", en: "And now?"}
    choices:
      - {id: deal, text: {nl: Deal, en: Deal}, when: "ria.trust >= 7", next: einde, score: {step5: 2, e3: 2}}
      - {id: gewoon, text: {nl: Gewoon, en: Plain}, next: einde}
"""


def test_review_honours_mood_conditions_further_on():
    s = scenario(CONDITIONS)
    r = reviewed(s, "koel", "gewoon")
    first, second = r.decisions
    # Only warmth makes the deal possible later: koel (1 + 0) against warm (1 + 4).
    assert first.verdict == "mistake" and first.better_id == "warm"
    # At 'midden' after koel the deal wasn't on offer, so 'gewoon' was the best there was.
    assert second.verdict == "best" and second.options == 1
    assert r.exact


def test_a_review_whose_search_ran_out_still_judges_but_says_so():
    s = scenario(CONDITIONS)
    r = reviewed(s, "koel", "gewoon", solver=Solver(rules_of(s), budget=0))
    assert not r.exact  # the debrief says "benadering"
    # What was on offer at the moment of choosing is still exact (from the history).
    assert r.decisions[1].options == 1 and r.decisions[1].verdict == "best"
    exact = reviewed(s, "koel", "gewoon")
    assert exact.exact and exact.best_overall >= r.decisions[0].best_here["overall"]


TEACHING = """\
preparation:
  questions:
    - id: belang
      prompt: {nl: "Wat is haar belang?", en: "What is her interest?"}
      options:
        - {id: veilig, text: {nl: Veiligheid, en: Safety}, correct: true, feedback: {nl: Ja., en: Yes.}}
        - {id: geld, text: {nl: Geld, en: Money}, feedback: {nl: Nee., en: No.}}
start: zorg
nodes:
  zorg:
    speaker: ria
    text: {nl: "Ik slaap er slecht van.", en: "I can't sleep."}
    variants:
      - when: "ria.anger >= 9"
        text: {nl: "IK SLAAP NIET!", en: "I DON'T SLEEP!"}
    opportunity: {nl: "Zorg om haar nachtrust", en: "Worry about her sleep"}
    thought: {nl: "Luistert iemand?", en: "Is anyone listening?"}
    choices:
      - {id: feiten, text: {nl: Feiten, en: Facts}, next: vraag, score: {step4: 2}}
      - {id: erkennen, text: {nl: Erkennen, en: Acknowledge}, next: vraag, score: {e3: 1}}
      - {id: boos, text: {nl: Boos, en: Angry}, next: vraag, effects: {ria: {anger: 6}}, score: {step2: -2}}
  vraag:
    speaker: ria
    text: {nl: "Wat stelt u voor?", en: "What do you propose?"}
    choices:
      - {id: herkaderen, text: {nl: Wat zou u doen?, en: What would you do?}, when: "prep.belang", next: slot,
         score: {step4: 2}}
      - {id: uitleggen, text: {nl: Uitleg, en: Explain}, next: slot, score: {step3: 1}}
  slot:
    speaker: ria
    text: {nl: "Tot slot?", en: "Finally?"}
    choices:
      - {id: hard, text: {nl: Hard, en: Hard}, next: einde, score: {step5: 2}, label: mistake}
      - {id: zacht, text: {nl: Zacht, en: Soft}, next: einde, score: {step5: 1}}
"""


def test_missed_opportunity_when_a_voiced_feeling_gets_no_empathic_reply_whatever_it_scores():
    r = reviewed(scenario(TEACHING), "veilig", "feiten", "uitleggen", "zacht")
    d = r.decisions[1]
    assert d.verdict == "best"  # on points the facts were the strongest reply ...
    assert d.missed_opportunity and d.missed_reason == "opportunity"  # ... but the feeling went unheard
    assert d.opportunity.get("en") == "Worry about her sleep" and d.thought.get("nl") == "Luistert iemand?"
    heard = reviewed(scenario(TEACHING), "veilig", "erkennen", "uitleggen", "zacht").decisions[1]
    assert not heard.missed_opportunity and heard.missed_reason is None


def test_an_earned_option_left_unused_is_a_missed_opportunity_too():
    s = scenario(TEACHING)
    d = reviewed(s, "veilig", "erkennen", "uitleggen", "zacht").decisions[2]
    assert d.better_id == "herkaderen" and d.verdict == "mistake"
    assert d.missed_opportunity and d.missed_reason == "unlocked"
    # Without the right preparation the option was never offered: nothing was missed.
    plain = reviewed(s, "geld", "erkennen", "uitleggen", "zacht").decisions[2]
    assert plain.options == 1 and plain.verdict == "best" and not plain.missed_opportunity


def test_a_trainers_label_wins_over_the_computed_verdict():
    s = scenario(TEACHING)
    labelled = reviewed(s, "veilig", "erkennen", "herkaderen", "hard").decisions[3]
    assert labelled.regret == 0.0 and labelled.verdict == "mistake" and labelled.better_id is None
    computed = reviewed(s, "veilig", "erkennen", "herkaderen", "zacht").decisions[3]
    assert computed.verdict == "mistake" and computed.better_id == "hard"


def test_the_line_is_quoted_as_it_was_shown():
    s = scenario(TEACHING)
    r = reviewed(s, "veilig", "boos", "uitleggen", "zacht")
    assert r.decisions[2].prompt.get("nl") == "Wat stelt u voor?"
    angry = scenario(TEACHING.replace("anger: 6", "anger: 0").replace('"ria.anger >= 9"', '"ria.anger >= 3"'))
    shown = reviewed(angry, "veilig", "feiten", "uitleggen", "zacht")
    assert shown.decisions[1].prompt.get("nl") == "IK SLAAP NIET!"


def test_preparation_result_names_the_right_answer_when_wrong():
    r = reviewed(scenario(TEACHING), "geld", "erkennen", "uitleggen", "zacht")
    assert r.prep is not None and (r.prep.correct, r.prep.asked) == (0, 1)
    answer = r.prep.answers[0]
    assert not answer.correct and answer.right_text.get("nl") == "Veiligheid"
    assert answer.feedback.get("nl") == "Nee." and answer.right_feedback.get("en") == "Yes."
    right = reviewed(scenario(TEACHING), "veilig", "erkennen", "uitleggen", "zacht").prep
    assert right.correct == 1 and right.answers[0].right_text is None


def test_dimensions_against_the_scenario_and_against_the_route_actually_faced():
    r = reviewed(scenario(LOOKAHEAD), "gretig")
    step4 = r.dimension("step4")
    # step 4 could be trained in this scenario, but not on the route the trainee took: no reference there
    assert not step4.trained and (step4.best, step4.route_best, step4.route_worst) == (0, 0, 0)
    assert step4.route_percent is None and step4.scale is None
    step3 = r.dimension("step3")
    assert (step3.score, step3.best, step3.route_best) == (0, 1, 1) and step3.route_percent == 0.0
    step5 = r.dimension("step5")
    assert step5.score == 2 and step5.route_percent == 100.0 and step5.strongest_step == 0
    e4 = r.dimension("e4")
    assert not e4.trained and e4.best - e4.worst <= NOT_TRAINED_SPREAD
    # strongest: a positive score with the full route share; weakest: not reached routes don't count
    assert r.strongest == "step5"
    assert r.weakest == ("step3",)
    assert r.tips[:2] == TIPS_FOR_DIMENSION["step3"] and len(r.tips) == TIPS_SHOWN
    assert len(r.reflection) == 4


def test_weakest_step_points_at_the_decision_that_cost_most():
    r = reviewed(scenario(TEACHING), "veilig", "boos", "uitleggen", "zacht")
    step2 = r.dimension("step2")
    # Step 2 can only be lost here (striking back): still trained, and the weakest point.
    assert step2.trained and (step2.best, step2.worst) == (0, -2)
    assert step2.score == -2 and step2.weakest_step == 1 and step2.strongest_step is None
    assert r.weakest[0] == "step2"


def test_progress_trend_per_dimension_over_attempts():
    a = [Attempt(30.0, {"step3": 2, "e3": 1}, 3), Attempt(10.0, {"step3": -1}, 1), Attempt(20.0, {"step3": 0}, 2)]
    p = progress(a)
    assert p is not None and [x.session_id for x in p.attempts] == [1, 2, 3]
    step3 = p.trend("step3")
    assert step3.values == (-1, 0, 2) and step3.change == 2 and step3.since_first == 3 and step3.direction == "up"
    assert p.trend("overall").values == (-1, 0, 3)
    assert p.trend("step1").direction == "same"
    assert progress(a[:1]) is None


# Joke's line at "b" has a variant once she is angry; a time-out there (or before) is a decision of
# the history too, so the debrief must still quote the variant she said.
VARIANT_AFTER_TIMEOUT = """\
format: 1
id: variant-timeout
title: {nl: Variant, en: Variant}
summary: {nl: Een variant na een time-out., en: A variant after a time-out.}
setting: {meeting: {nl: Overleg, en: Meeting}}
residents:
  - {id: joke, name: Joke, mood: {trust: 5, anger: 3}}
start: a
nodes:
  a:
    speaker: joke
    text: {nl: "Eerste vraag.", en: "First question."}
    order: fixed
    choices:
      - {id: boos, text: {nl: Boos maken., en: Anger her.}, next: b, effects: {joke: {anger: 5}}, score: {step2: -1}}
      - {id: rustig, text: {nl: Rustig., en: Calmly.}, next: b, score: {step2: 1}}
  b:
    speaker: joke
    text: {nl: "BASISTEKST.", en: "BASE TEXT."}
    variants:
      - when: "joke.anger >= 7"
        text: {nl: "VARIANTTEKST.", en: "VARIANT TEXT."}
    order: fixed
    choices:
      - {id: x, text: {nl: X., en: X.}, next: eind, score: {step3: 1}}
      - {id: y, text: {nl: Y., en: Y.}, next: eind, score: {step3: -1}}
endings:
  eind: {kind: agreement, title: {nl: Eind, en: End}, text: {nl: Klaar., en: Done.}}
"""


@pytest.mark.parametrize("timeout_at", ["a", "b"])
def test_the_debrief_quotes_the_line_as_shown_after_a_time_out(timeout_at):
    s = load_scenario_text(VARIANT_AFTER_TIMEOUT, "variant.yaml")
    session = Session.start(s)
    for node, move in (("a", "boos"), ("b", "x")):
        if node == timeout_at:
            session.take_timeout()
        session.choose(move)
    while session.can_continue:
        session.advance()
    shown = [e.variant for e in session.state.transcript if e.kind == "line" and e.node_id == "b"]
    assert shown and shown[-1] == 0  # she said the variant at b
    r = review(s, session.history, session.state.ending, transcript=session.state.transcript)
    at_b = [d for d in r.decisions if d.decision.node_id == "b"]
    assert at_b and all(d.prompt == s.nodes["b"].variants[0].text for d in at_b)
    assert [d.prompt for d in r.decisions if d.decision.node_id == "a"][-1] == s.nodes["a"].text


def test_a_debrief_of_an_unfinished_session_says_so_and_counts_only_the_questions_answered():
    """Stopped after the first of two preparation questions: the debrief (terminal, Markdown,
    HTML) says the session has not ended and over how many decisions it speaks, and the
    preparation's heading reads 0 of 1 answered with 1 of 2 still open, not "0 of 2 right"."""
    second = """\
    - id: tweede
      prompt: {nl: "Wat mag je toezeggen?", en: "What may you promise?"}
      options:
        - {id: weinig, text: {nl: Weinig, en: Little}, correct: true, feedback: {nl: Ja., en: Yes.}}
        - {id: alles, text: {nl: Alles, en: Everything}, feedback: {nl: Nee., en: No.}}
start: zorg"""
    s = scenario(TEACHING.replace("start: zorg", second, 1))
    r = reviewed(s, "geld")
    assert r.ending is None and r.prep is not None and (r.prep.correct, len(r.prep.answers), r.prep.asked) == (0, 1, 2)
    from simulator.export.html import render_html
    from simulator.export.json_data import debrief_data
    from simulator.export.markdown import render_md
    from simulator.terminal.debrief import render
    for lang, heading, note in (
            ("nl", "Voorbereiding: 0 van 1 beantwoorde vragen goed (1 van 2 niet beantwoord)",
             "Nog niet afgelopen: deze nabespreking gaat over de beslissingen tot nu toe (1)."),
            ("en", "Preparation: 0 of 1 answered right (1 of 2 not answered)",
             "Not finished yet: this debrief covers the decisions so far (1).")):
        data = debrief_data(r, lang)
        for text in (" ".join(" ".join(render(r, lang, {})).split()), render_md(data), render_html(data)):
            assert heading in text and note in text
    finished = reviewed(s, "veilig", "weinig", "erkennen", "uitleggen", "zacht")
    assert finished.ending is not None
    text = " ".join(" ".join(render(finished, "nl", {})).split())
    assert "Voorbereiding: 2 van 2 goed" in text and "Nog niet afgelopen" not in text
