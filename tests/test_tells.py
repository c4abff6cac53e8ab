"""The tells report: a trainee who reads nothing must not score like one who understands."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from engine import load_scenario, load_scenario_text
from engine.analysis.surface import Examples, StoredWeights, stored_record
from engine.analysis.tells import MAX_SHARE, Classifier, features, tells
from simulator import catalog, surface_model
from tests.conftest import ROOT, SHIPPED

GOOD = ("Dat begrijp ik heel goed, laten we samen kijken wat er wel kan.",
        "I understand that well, let us look together at what can be done.")


def _decision(i: int) -> str:
    nxt = f"n{i + 1}" if i < 6 else "einde"
    return (f"  n{i}:\n    speaker: ria\n    text: {{nl: \"Vraag {i}?\", en: \"Question {i}?\"}}\n    choices:\n"
            f"      - {{id: goed, text: {{nl: \"{GOOD[0]}\", en: \"{GOOD[1]}\"}}, next: {nxt}, "
            "score: {step3: 2, e3: 1}}\n"
            f"      - {{id: matig, text: {{nl: \"Dat hoor ik.\", en: \"I hear you.\"}}, next: {nxt}, "
            "score: {step3: 0}}\n"
            f"      - {{id: fout, text: {{nl: \"Nee.\", en: \"No.\"}}, next: {nxt}, score: {{step5: -2}}}}\n")


LONG_IS_RIGHT = """\
format: 1
id: lang-is-goed
title: {nl: Lang is goed, en: Long is right}
summary: {nl: Het langste antwoord wint altijd., en: The longest answer always wins.}
setting: {meeting: {nl: Overleg, en: Meeting}}
residents:
  - {id: ria, name: Ria de Boer, mood: {trust: 5, anger: 3}}
start: n1
nodes:
""" + "".join(_decision(i) for i in range(1, 7)) + """endings:
  einde: {kind: agreement, title: {nl: Klaar, en: Done}, text: {nl: Klaar., en: Done.}}
"""

@pytest.mark.slow
def test_a_scenario_whose_best_option_is_always_the_longest_is_caught_with_its_decisions(tmp_path):
    s = load_scenario_text(LONG_IS_RIGHT, "lang.yaml")
    report = tells(s)
    longest = {st.name: st.share for st in report.strategies}["longest (nl)"]
    assert longest == 1.0 and report.length_ranks["nl"][1] == 1.0
    assert report.longest_best["nl"] == [f"n{i}" for i in range(1, 7)]
    problems = report.problems()
    assert any("'longest (nl)'" in p for p in problems)
    assert any("the best option is the longest (nl)" in p and "n1, n2" in p for p in problems)
    path = tmp_path / "lang.yaml"
    path.write_text(LONG_IS_RIGHT, encoding="utf-8")
    strict = subprocess.run([sys.executable, "-m", "simulator", "validate", "--strict", str(path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert strict.returncode == 1 and "the best option is the longest (nl)" in strict.stdout
    assert "n1, n2, n3" in strict.stdout  # says which decisions


def test_a_scenario_written_in_one_language_is_read_in_that_one_only():
    """Its options have no English: the English strategies would read the Dutch fallbacks again
    and every warning would come twice."""
    dutch = re.sub(r', en: (\"[^\"]*\"|[^}]*)\}', "}", LONG_IS_RIGHT)
    assert ", en:" not in dutch
    report = tells(load_scenario_text(dutch, "nl.yaml"))
    assert {st.name for st in report.strategies} >= {"longest (nl)", "shortest (nl)"}
    assert not [st.name for st in report.strategies if "(en)" in st.name] and set(report.length_ranks) == {"nl"}
    assert any("the best option is the longest (nl)" in p for p in report.problems())
    assert not [p for p in report.problems() if "(en)" in p]


def test_first_shown_is_chance_over_shuffled_orders():
    """Options come in a fresh order each run: always taking the first is random play, whatever was
    written first (the writer's habit of putting the right answer last no longer pays)."""
    s = load_scenario_text(LONG_IS_RIGHT, "lang.yaml")
    report = tells(s)
    first = {st.name: st for st in report.strategies}["first shown"]
    assert first.runs >= 200
    assert 0.3 < first.share < 0.7  # uniform over three options: about the middle of the range


def test_the_surface_classifier_learns_a_tell_from_other_scenarios():
    other = load_scenario_text(LONG_IS_RIGHT, "andere.yaml")
    model = Classifier.trained_on([other], "nl")
    xs = features(["Dat begrijp ik heel goed, laten we samen kijken wat er wel kan.", "Nee."], "nl", [])
    assert model.probability(xs[0]) > 0.5 > model.probability(xs[1])


@pytest.mark.slow
def test_analyze_reports_the_tells_in_json():
    out = subprocess.run([sys.executable, "-m", "simulator", "analyze", "speeltuin-kort", "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)["tells"]
    names = {st["name"] for st in data["strategies"]}
    assert {"first shown", "last shown", "longest (nl)", "shortest (en)", "ends in ? (nl)", "names a resident (nl)",
            "cue words (en)", "time-out at every decision", "surface classifier (nl)"} <= names
    assert all(0.0 <= st["share"] <= 1.0 for st in data["strategies"])
    assert set(data["length_ranks"]) == {"nl", "en"} and "question_marks" in data


@pytest.mark.slow
def test_shipped_scenarios_keep_every_content_blind_strategy_below_half_the_range():
    shipped = [load_scenario(str(p)) for p in SHIPPED]
    for s in shipped:
        report = tells(s, shipped)
        too_high = {st.name: round(st.share, 2) for st in report.strategies if st.share > MAX_SHARE}
        assert not too_high, f"{s.id}: {too_high}"


# -- the stored weights of the surface classifier --------------------------------------------------
def _same_weights(a: dict, b: dict) -> bool:
    """Two stored records hold the same scenarios and, per model and language, the same weights
    (to within what another maths library's last digit could change)."""
    if a.get("scenarios") != b.get("scenarios") or len(a["models"]) != len(b["models"]):
        return False
    for ma, mb in zip(a["models"], b["models"]):
        if ma["without"] != mb["without"] or set(ma["weights"]) != set(mb["weights"]):
            return False
        for lang, wa in ma["weights"].items():
            if len(wa) != len(mb["weights"][lang]) or any(abs(x - y) > 1e-9 for x, y in zip(wa, mb["weights"][lang])):
                return False
    return True


@pytest.mark.slow
def test_the_stored_surface_weights_are_what_training_on_the_shipped_scenarios_gives():
    fresh = json.loads(surface_model.record_text())
    assert _same_weights(surface_model.stored(), fresh), (
        "scenarios/surface-model.json is stale: a shipped scenario changed; run python -m simulator.surface_model")
    assert sorted(fresh["scenarios"].values()) == sorted(p.stem for p in SHIPPED)


def _never_loaded():
    raise AssertionError("the shipped scenarios were loaded although the stored weights are fresh")


def test_stored_weights_give_each_scenario_the_classifier_training_would_without_loading_anything():
    """validate and analyze of any scenario (shipped or a trainer's own) get the classifier learned
    from the other shipped scenarios, from the stored weights, without parsing a shipped file."""
    shipped = [load_scenario(str(p)) for p in SHIPPED]
    stored = StoredWeights(surface_model.stored(), surface_model.shipped_digests(), Examples(_never_loaded))
    assert stored.fresh
    trained = Examples(shipped)
    for without in [s.id for s in shipped[:3]] + ["een-eigen-scenario"]:
        for lang in ("nl", "en"):
            got, want = stored.classifier(lang, without), trained.classifier(lang, without)
            assert got is not None and want is not None
            assert all(abs(a - b) < 1e-9 for a, b in zip(got.w, want.w)) and len(got.w) == len(want.w)


def test_a_changed_shipped_scenario_means_training_again_never_stale_weights():
    one = load_scenario_text(LONG_IS_RIGHT, "lang.yaml")
    other = load_scenario(str(SHIPPED[0]))
    record = stored_record([one, other], ["nl"])
    assert StoredWeights(record, [one.digest, other.digest], Examples(_never_loaded)).fresh
    changed = load_scenario_text(LONG_IS_RIGHT.replace("Klaar.", "Afgerond."), "lang.yaml")
    training = StoredWeights(record, [changed.digest, other.digest], Examples([changed, other]))
    assert not training.fresh
    model = training.classifier("nl", other.id)  # learned from the changed scenario, not the stored one
    assert model is not None and model.w == Classifier.trained_on([changed], "nl").w
    broken = StoredWeights({"version": 99}, [other.digest], Examples([other]))
    assert not broken.fresh and broken.classifier("nl", "x").w == Classifier.trained_on([other], "nl").w


def test_validate_and_analyze_report_the_same_tells_from_the_stored_weights_as_from_training():
    s = load_scenario(str(ROOT / "tests" / "scenarios" / "realistic" / "windmolens.yaml"))
    stored, trained = tells(s, surface_model.shipped_training()), tells(s, catalog.shipped_scenarios())
    assert stored.strategies == trained.strategies


# -- validate's warnings, searched only when needed ------------------------------------------------
@pytest.mark.parametrize("source", ["lang", "generated", *[p.stem for p in SHIPPED[:4]]])
def test_validates_warnings_name_the_reports_strategies_and_search_only_when_bounds_cannot_settle(source, monkeypatch):
    """``validate`` names exactly the strategies the report finds over the limit. Where bounds settle
    every strategy (under: its share at most what it would be with the best only what a real
    playthrough reaches and the worst at its condition-free bound; over: at least what it would be
    with the best at its bound and the worst what a real worst playthrough scores), the best and
    worst are never searched, and a strategy over the limit is named with its share "at least":
    never more than the report's exact share."""
    from engine.analysis.search import OVERALL, Solver
    from engine.analysis.tells import settled_report, tells_problems
    from engine.play.rules import rules_of
    from tests.fixtures.realistic import realistic_text
    if source == "lang":
        text, name = LONG_IS_RIGHT, "lang.yaml"
    elif source == "generated":
        text, name = realistic_text(1, residents=3, nodes=40), "r.yaml"
    else:
        path = next(p for p in SHIPPED if p.stem == source)
        text, name = path.read_text(encoding="utf-8"), path.name
    report = tells(load_scenario_text(text, name), runs=40)
    exact = {st.name: st.share for st in report.strategies}
    settled = False
    for follow in (False, True):  # the bounds without ceilings first, then the tight ones
        rules = rules_of(load_scenario_text(text, name))
        solver, start = Solver(rules, follow=follow), rules.initial()
        best_low, worst_low = solver.reachable(start), solver.relaxed.bound(start, OVERALL, True)
        best_high = solver.relaxed.bound(start, OVERALL)
        worst_high = sum(m.vector[OVERALL] for _, m in solver.reachable_path(start, OVERALL, worst=True))
        settled = settled or all(
            (st.mean - worst_low) / (best_low - worst_low) <= MAX_SHARE
            or (st.mean - worst_high) / (best_high - worst_high) > MAX_SHARE for st in report.strategies)
    scenario = load_scenario_text(text, name)  # nothing built yet: as validate finds it
    searched = []
    value = Solver.value

    def spied(self, *args, **kwargs):
        searched.append(args)
        return value(self, *args, **kwargs)
    monkeypatch.setattr(Solver, "value", spied)
    found = settled_report(scenario, runs=40)
    assert {st.name for st in found.strategies if st.share > MAX_SHARE} == \
        {n for n, share in exact.items() if share > MAX_SHARE}
    for st in found.strategies:
        assert st.share <= exact[st.name] + 1e-9
    if not searched:  # settled by bounds: only the strategies over the limit, each "at least" (or all of it)
        assert all(st.share > MAX_SHARE and (st.at_least or st.share == 1.0) for st in found.strategies)
    else:  # searched: the report's own exact shares
        assert not any(st.at_least for st in found.strategies) and found.problems() == report.problems()
    assert tells_problems(load_scenario_text(text, name), runs=40) == found.problems()
    assert bool(searched) != settled
    if source == "lang":  # over the limit whatever the extremes: named without a search
        assert not searched and any("'longest (nl)' reaches" in p for p in found.problems())


def test_every_strategy_has_a_name_in_each_language_a_report_is_written_in():
    """A Dutch report names each strategy in Dutch (``Strategy.label``); a strategy added without a
    catalogue entry would stay English there, so every one the report plays must have one."""
    from engine.scenario.messages import Message
    report = tells(load_scenario(str(ROOT / "scenarios" / "speeltuin-kort.yaml")))
    assert len(report.strategies) >= 10
    for st in report.strategies:
        assert isinstance(st.label, Message), st.name
        assert st.label.render("en") == st.name and st.label.render("nl") != st.name


def test_a_warning_about_a_middle_length_rank_names_the_decisions_it_is_about():
    """A trainer can't act on "the number 2 by length in 50% of the decisions" without knowing which."""
    from engine.analysis.tells import TellsReport
    report = TellsReport(best=10, worst=0, length_ranks={"nl": {1: 0.2, 2: 0.6, 3: 0.2}},
                         ranked_best={"nl": {2: ["prep:mandaat", "midden", "slot"]}},
                         middle_ranks={"nl": {2: 0.6}}, decisions=5)
    [warning] = [p for p in report.problems() if "number 2 by length" in p]
    assert "(in prep:mandaat, midden, slot)" in warning


def test_the_second_of_two_options_counts_as_the_shortest_not_as_a_middle_rank():
    """In a decision of two options the second by length is the shortest: counted as "number 2 by
    length" too, fixing one rank pushed another over the limit."""
    def node(i: int, options: list[tuple[str, str, str]]) -> str:
        nxt = f"n{i + 1}" if i < 6 else "einde"
        lines = [f"  n{i}:\n    speaker: ria\n    text: {{nl: \"Vraag {i}?\", en: \"Question {i}?\"}}\n    choices:\n"]
        for cid, words, score in options:
            lines.append(f"      - {{id: {cid}, text: {{nl: \"{words}\", en: \"{words}\"}}, next: {nxt}, "
                         f"score: {score}}}\n")
        return "".join(lines)
    short_right = [("goed", "Wat zou u doen?", "{step4: 2}"),
                   ("fout", "Dat regel ik voor u, daar hoeft u zich geen zorgen meer over te maken.", "{step5: -2}")]
    long_right = [("goed", GOOD[0], "{step3: 2}"), ("matig", "Dat hoor ik.", "{step3: 0}"),
                  ("fout", "Nee.", "{step5: -2}")]
    shortest_of_three = [("goed", "Nee.", "{step3: 2}"), ("matig", "Dat hoor ik.", "{step3: 0}"),
                         ("fout", GOOD[0], "{step5: -2}")]
    body = "".join(node(i, short_right) for i in (1, 2, 3)) + node(4, long_right) + node(5, long_right) \
        + node(6, shortest_of_three)
    text = LONG_IS_RIGHT.replace("".join(_decision(i) for i in range(1, 7)), body)
    assert text != LONG_IS_RIGHT
    report = tells(load_scenario_text(text, "twee.yaml"), runs=5)
    problems = report.problems()
    assert not [p for p in problems if "by length" in p], problems  # no "number 2 by length"
    assert any("the best option is the shortest (nl)" in p and "n1, n2, n3, n6" in p for p in problems)


def test_a_share_just_over_its_limit_never_reads_as_the_limit_itself():
    """"in 45% of the decisions ..., more than 45%" read as no problem at all."""
    from engine.analysis.tells import MAX_RANK_SHARE, _digits
    from engine.scenario.messages import msg
    from simulator.cli.analyze_report import _pct
    share = 14 / 31  # 45.16 %
    line = msg("tells.extreme", share=share, digits=_digits(share, MAX_RANK_SHARE), which="the longest",
               lang="en", limit=MAX_RANK_SHARE, named="a", advice="b")
    assert "in 45.2% of the decisions" in line and "more than 45%" in line
    assert "in 46% of" in msg("tells.extreme", share=0.46, digits=_digits(0.46, MAX_RANK_SHARE), which="x",
                              lang="en", limit=MAX_RANK_SHARE, named="a", advice="b")
    assert _pct(0.50004, "en", 0.5) == "50.004%" and _pct(0.62, "nl", 0.5) == "62,0%"


def test_a_house_style_of_right_options_is_caught():
    """Right options always an open question or a colon-structured proposal, wrong ones 'maar' and
    '!': a reader who knew only that style reached 0.79 of the range on a trainer-written scenario."""
    right = ["Wat zou u doen als u in mijn schoenen stond?", "Mijn voorstel: we lopen het samen na.",
             "Hoe ziet dat er voor u uit?", "Wat is voor u het belangrijkste?", "Wat heeft u nodig?",
             "Eerst dit: wat gebeurde er precies?"]
    wrong = ["Ik snap het, maar ik kan daar niets aan doen, echt niet.", "Dat regel ik voor u!",
             "Ja, maar dat is al besloten.", "Ik zorg ervoor dat ik het ga regelen, ik beloof het!",
             "Nee, maar dat geeft niet.", "Ik weet het, ik doe het, ik bel u!"]
    body = ""
    for i in range(1, 7):
        nxt = f"n{i + 1}" if i < 6 else "einde"
        body += (f"  n{i}:\n    speaker: ria\n    text: {{nl: \"Vraag {i}?\", en: \"Question {i}?\"}}\n    choices:\n"
                 f"      - {{id: goed, text: {{nl: \"{right[i - 1]}\"}}, next: {nxt}, score: {{step3: 2}}}}\n"
                 f"      - {{id: fout, text: {{nl: \"{wrong[i - 1]}\"}}, next: {nxt}, score: {{step5: -2}}}}\n")
    text = LONG_IS_RIGHT.replace("".join(_decision(i) for i in range(1, 7)), body)
    report = tells(load_scenario_text(text, "stijl.yaml"), runs=5)
    share = {st.name: st.share for st in report.strategies}["house style (nl)"]
    assert share == 1.0
    assert any("'house style (nl)' reaches 100%" in p for p in report.problems())
