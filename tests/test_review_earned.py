"""An option is an opening *earned* (and so a missed one when left) only when earlier play opened it."""

from __future__ import annotations

from engine import Session, load_scenario_text
from engine.debrief.review import earned_options, review
from tests.crafted import MINIMAL

# midden offers 'herkaderen' only after the right preparation answer; add a fallback that is there
# from the start unless that answer was given, and make it the strongest move.
FALLBACK = MINIMAL.replace('''      - id: uitleggen
        text: {nl: Het valt mee., en: It's not so bad.}''', '''      - id: terugval
        text: {nl: Ik hoor het., en: I hear you.}
        when: "not prep.belang"
        next: slot
        score: {step4: 2, step3: 2}
      - id: uitleggen
        text: {nl: Het valt mee., en: It's not so bad.}''', 1)


def test_a_fallback_open_from_the_start_is_not_earned_a_prepared_option_is():
    s = load_scenario_text(FALLBACK, "fallback.yaml")
    assert earned_options(s, s.nodes["midden"]) == {"herkaderen"}


def test_leaving_the_fallback_is_never_called_an_earned_opening_left_unused():
    s = load_scenario_text(FALLBACK, "fallback.yaml")
    session = Session.start(s, seed=1)
    session.answer("groot")  # the wrong answer: 'terugval' is offered, 'herkaderen' is not
    session.choose("luisteren")
    assert "terugval" in [c.id for c in session.choices]
    session.choose("uitleggen")
    d = next(r for r in review(s, session.history, None).decisions if r.decision.node_id == "midden")
    assert d.better_id == "terugval" and d.missed_reason != "unlocked"


def test_leaving_a_prepared_option_is_an_earned_opening_left_unused():
    s = load_scenario_text(MINIMAL, "mini.yaml")
    session = Session.start(s, seed=1)
    session.answer("veilig")
    session.choose("luisteren")
    session.choose("uitleggen")
    d = next(r for r in review(s, session.history, None).decisions if r.decision.node_id == "midden")
    assert d.better_id == "herkaderen" and d.missed_reason == "unlocked"
