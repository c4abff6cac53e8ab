"""Lint counts the options a trainee can see at once, not the options written.

Two versions of one option (``when: prep.mandaat`` and ``when: not prep.mandaat``) are
never on offer together; an author who writes them must not be told the decision has too
many options. Calling two conditions exclusive when some meeting could meet both would hide
a real overflow, so that claim is checked against every assignment of the names read.
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.scenario.conditions import parse_condition
from engine.scenario.lint import MAX_OPTIONS, lint_scenario
from engine.scenario.loader import load_scenario_text
from engine.scenario.together import can_hold_together, most_at_once
from tests.limit import limit_scenario


def _with_versions(when_a: str, when_b: str) -> str:
    """The limit scenario (MAX_OPTIONS options) with one option written again in a second version."""
    text = limit_scenario()
    extra = (f"      - id: k{MAX_OPTIONS + 1}\n        text: {{nl: \"Tweede versie.\", en: \"Second version.\"}}\n"
             f"        when: \"{when_b}\"\n        next: einde\n        score: {{step3: 0}}\n")
    text = text.replace("      - id: k1\n", f"      - id: k1\n        when: \"{when_a}\"\n", 1)
    return text.replace("endings:\n", extra + "endings:\n", 1)


def _too_many(text: str) -> list[str]:
    return [p.message for p in lint_scenario(load_scenario_text(text, "versies.yaml"), text)
            if "choices;" in p.message]


def test_two_versions_of_an_option_count_once():
    assert not _too_many(_with_versions("prep.vraag", "not prep.vraag"))
    assert not _too_many(_with_versions("ineke.anger >= 7", "ineke.anger < 7"))


def test_options_that_can_show_together_still_warn():
    warned = _too_many(_with_versions("prep.vraag", "ineke.anger >= 7"))
    assert any(f"offers {MAX_OPTIONS + 1} choices" in w for w in warned)


def test_the_count_is_the_largest_group_that_fits_together():
    c = parse_condition
    assert most_at_once([None, None, c("flag.a"), c("not flag.a"), c("flag.b")]) == 4
    assert most_at_once([c("x.trust >= 8"), c("x.trust <= 2"), c("x.trust == 5")]) == 1
    assert most_at_once([c("x.trust >= 8"), c("x.trust >= 9"), c("x.trust >= 10")]) == 3


# -- the claim "never together" holds on every state -------------------------------------------
NAMES = ["flag.a", "flag.b", "prep.m", "x.anger", "y.anger", "max.anger"]
NUMERIC = {"x.anger", "y.anger", "max.anger"}


@st.composite
def conditions(draw, depth: int = 0) -> str:
    if depth < 2 and draw(st.booleans()):
        op = draw(st.sampled_from(["and", "or"]))
        return f"({draw(conditions(depth + 1))} {op} {draw(conditions(depth + 1))})"
    if depth < 2 and draw(st.integers(0, 4)) == 0:
        return f"not ({draw(conditions(depth + 1))})"
    name = draw(st.sampled_from(NAMES))
    if name in NUMERIC:
        return f"{name} {draw(st.sampled_from(['<', '<=', '==', '!=', '>=', '>']))} {draw(st.integers(0, 10))}"
    return name


class _State:
    def __init__(self, values: dict):
        self.values = values

    def lookup(self, ref):
        return self.values[str(ref)]


@settings(max_examples=300, deadline=None)
@given(conditions(), conditions())
def test_never_together_means_no_state_meets_both(a, b):
    ca, cb = parse_condition(a), parse_condition(b)
    if can_hold_together(ca, cb):
        return
    names = sorted({str(r) for r in ca.refs() + cb.refs()})
    domains = [range(0, 11) if n in NUMERIC else (False, True) for n in names]
    for values in product(*domains):
        state = _State(dict(zip(names, values)))
        assert not (ca(state) and cb(state)), (a, b, dict(zip(names, values)))


def test_a_decision_written_to_make_lint_slow_gets_no_claim_and_costs_a_bounded_amount(monkeypatch):
    """Twelve options, each reading six flags of its own pair of names: every pair would take
    4,096 assignments to settle. Lint stops at its budget for the decision and counts them all."""
    from engine.scenario import together
    calls = [0]
    real = together._Values.lookup

    def counted(self, ref):
        calls[0] += 1
        return real(self, ref)
    monkeypatch.setattr(together._Values, "lookup", counted)
    options = [parse_condition(" and ".join(f"flag.f{i}_{j}" for j in range(6))) for i in range(12)]
    assert most_at_once(options) == 12  # no claim: every option may show
    assert calls[0] <= together.MAX_TRIED_PER_DECISION * 12  # at most each name read once per assignment
