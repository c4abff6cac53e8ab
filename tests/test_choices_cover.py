"""A node whose conditional choices cover every case between them is no dead end.

Trainers write agendas ("which topic next?": one choice per topic not yet discussed, and an
``auto`` on once all are) and pairs of choices on either side of a threshold ("while Henk
is calm, or has left" / "when Henk is angry and still here"). No single condition always
holds there, so the interval proof that a node always offers something could not settle
it; on a scenario too large to list, validate then said "possibly no choice is available"
and ``--strict`` failed until the trainer added a choice without ``when``. The proof now
goes through the cases: each flag, visit or presence true and false, each mood cut where
a condition compares it (``Intervals.always_one_of``).
"""

from __future__ import annotations

from types import SimpleNamespace

from engine import load_scenario_text
from engine.analysis.intervals import Intervals
from engine.analysis.playability import _never_stuck
from engine.play.rules import rules_of

HUB = """\
format: 1
id: hub
title: {nl: Agenda, en: Agenda}
summary: {nl: Welk onderwerp eerst?, en: Which topic first?}
setting:
  meeting: {nl: Overleg, en: Meeting}
residents:
  - {id: henk, name: Henk Smit, mood: {trust: 5, anger: 4}}
  - {id: fatma, name: Fatma Yilmaz, mood: {trust: 5, anger: 2}}
start: agenda
nodes:
  agenda:
    speaker: narrator
    text: {nl: "Waarmee begin je?", en: "Where do you start?"}
    auto:
      - when: "visited.park and visited.groen"
        goto: slot
    choices:
      - id: naar_park
        text: {nl: Parkeren., en: Parking.}
        when: "not visited.park and (henk.anger < 7 or away.henk)"
        next: park
      - id: park_nu
        text: {nl: "Eerst parkeren, Henk.", en: "Parking first, Henk."}
        when: "not visited.park and henk.anger >= 7 and not away.henk"
        next: park
      - id: naar_groen
        text: {nl: Groen., en: Greenery.}
        when: "not visited.groen"
        next: groen
  park:
    speaker: henk
    text: {nl: "Parkeren!", en: "Parking!"}
    choices:
      - {id: boos, text: {nl: Nee., en: No.}, next: agenda, effects: {henk: {anger: 4}}, score: {step5: -1}}
      - {id: weg, text: {nl: Ga maar., en: Go then.}, next: henk_weg, score: {e2: -1}}
      - {id: rustig, text: {nl: Vertel., en: Tell me.}, next: agenda, score: {step3: 1}}
  henk_weg:
    speaker: narrator
    text: {nl: "Henk vertrekt.", en: "Henk leaves."}
    leaves: [henk]
    next: agenda
  groen:
    speaker: fatma
    text: {nl: "Bomen!", en: "Trees!"}
    choices:
      - {id: ja, text: {nl: Ja., en: Yes.}, next: agenda, score: {e1: 1}}
  slot:
    speaker: narrator
    text: {nl: "Afronden.", en: "Wrapping up."}
    choices:
      - {id: klaar, text: {nl: Klaar., en: Done.}, next: einde, score: {step4: 1}}
endings:
  einde: {kind: partial, title: {nl: Einde, en: End}, text: {nl: Einde., en: End.}}
"""


def _finder(text: str) -> SimpleNamespace:
    scenario = load_scenario_text(text, "hub.yaml")
    return SimpleNamespace(s=scenario, hull=Intervals(rules_of(scenario)))


def test_an_agenda_whose_topics_and_auto_cover_every_case_is_never_stuck():
    f = _finder(HUB)
    assert _never_stuck(f, "agenda")
    node = f.s.nodes["agenda"]
    # No single choice settles it: only the cases do, and only with the auto that leaves once all are done.
    assert not any(f.hull.truth(c.when, f.hull.boxes["agenda"]) is True for c in node.choices)
    assert not f.hull.always_one_of([c.when for c in node.choices], f.hull.boxes["agenda"])


def test_a_gap_between_two_thresholds_is_not_covered():
    """``anger < 7`` and ``anger > 7`` leave anger 7, which the meeting can reach: not proved."""
    f = _finder(HUB.replace('"not visited.park and henk.anger >= 7 and not away.henk"',
                            '"not visited.park and henk.anger > 7 and not away.henk"'))
    assert not _never_stuck(f, "agenda")


def test_presence_is_a_case_of_its_own():
    """Without ``or away.henk`` the calm choice is gone once Henk has left, and the other needs him."""
    f = _finder(HUB.replace('"not visited.park and (henk.anger < 7 or away.henk)"',
                            '"not visited.park and henk.anger < 7"'))
    assert not _never_stuck(f, "agenda")


def test_an_auto_that_reads_what_showing_the_line_changes_does_not_count():
    """An auto is looked at on arrival, before the line's ``leaves`` or visit: one that reads them
    may have been false on arrival and be true at rest, so it does not cover a case."""
    text = HUB.replace('      - when: "visited.park and visited.groen"\n',
                       '      - when: "visited.park and visited.groen and visited.agenda"\n')
    f = _finder(text)
    assert not _never_stuck(f, "agenda")


def test_cases_beyond_the_limit_are_not_proved():
    f = _finder(HUB)
    node = f.s.nodes["agenda"]
    conds = [c.when for c in node.choices] + [a.when for a in node.auto]
    assert f.hull.always_one_of(conds, f.hull.boxes["agenda"])
    assert not f.hull.always_one_of(conds, f.hull.boxes["agenda"], limit=4)
