"""``analyze``: exact counts and odds agree with brute force through real sessions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from fractions import Fraction

import pytest

from engine.analysis import playstats
from engine.analysis.graph import OBJECTIVES
from engine.analysis.playstats import analyze
from engine.play.plans import play_moves
from engine.play.scoring import totals
from engine.play.session import Session
from engine.scenario.loader import load_scenario_text
from simulator.cli.analyze_report import render_text, to_data
from tests.conftest import ROOT
from tests.crafted import MINIMAL
from tests.fixtures.synth import scenario_text


def brute_force(scenario) -> list[tuple[Fraction, str, dict[str, int], int]]:
    """Every playthrough with a uniform random player's chance of it, via save/load of real sessions."""
    out = []

    def walk(data, prob: Fraction) -> None:
        session = Session.from_data(scenario, json.loads(json.dumps(data)))
        while session.can_continue:
            session.advance()
        if session.finished:
            meeting = sum(1 for d in session.history if d.kind == "meeting")
            out.append((prob, session.state.ending, totals(scenario, session.history), meeting))
            return
        q = session.question
        options = [o.id for o in q.options] if q else [c.id for c in session.choices]
        base = session.to_data()
        session.close()
        for option in options:
            s = Session.from_data(scenario, json.loads(json.dumps(base)))
            (s.answer if q else s.choose)(option)
            data_after = s.to_data()
            s.close()
            walk(data_after, prob / len(options))

    start = Session.start(scenario)
    walk(start.to_data(), Fraction(1))
    start.close()
    return out


@pytest.fixture(scope="module")
def mini():
    return load_scenario_text(MINIMAL, "mini.yaml")


def test_playthroughs_and_ending_odds_are_exact(mini):
    runs = brute_force(mini)
    stats = analyze(mini)
    assert stats.exact and stats.playthroughs == len(runs)
    want: dict[str, Fraction] = {}
    for prob, ending, _, _ in runs:
        want[ending] = want.get(ending, Fraction(0)) + prob
    assert set(stats.ending_odds) == set(want)
    for ending, prob in want.items():
        assert stats.ending_odds[ending] == pytest.approx(float(prob), abs=1e-12)
    assert stats.never_ends == 0


def test_best_and_worst_per_dimension_match_brute_force_and_their_paths_replay(mini):
    runs = brute_force(mini)
    stats = analyze(mini)
    for objective in OBJECTIVES:
        values = [sum(t.values()) if objective == "overall" else t[objective] for _, _, t, _ in runs]
        assert stats.best[objective].total(objective) == max(values)
        assert stats.worst[objective].total(objective) == min(values)
        for path in (stats.best[objective], stats.worst[objective]):
            _replays_to_its_totals(mini, path, objective)


def _replays_to_its_totals(scenario, path, objective: str) -> None:
    prep = {w[len("prep:"):]: m for w, m in path.moves if w.startswith("prep:")}
    choices = [m for w, m in path.moves if not w.startswith("prep:")]
    session, failures = play_moves(scenario, prep, choices)
    assert failures == [] and session.state.ending == path.ending
    got = totals(scenario, session.history)
    assert (sum(got.values()) if objective == "overall" else got[objective]) == path.total(objective)


def test_decision_counts_and_coverage(mini):
    stats = analyze(mini)
    lo, mean, hi = stats.decisions
    runs = brute_force(mini)
    counts = [n for _, _, _, n in runs]
    assert (lo, hi) == (min(counts), max(counts)) == (1, 3)  # threatening Bert ends it at once
    assert mean == pytest.approx(float(sum(p * n for p, _, _, n in runs)), abs=1e-12)
    assert stats.coverage.nodes_shown == set(mini.nodes)
    assert stats.coverage.endings_reached == set(mini.endings)
    assert "midden.herkaderen" in stats.coverage.choices_available


def test_flat_decisions_are_named():
    same = MINIMAL.replace("score: {step3: -1, e2: -1}", "score: {step4: 2}").replace(
        "score: {step2: 1}", "score: {step4: 2}")
    stats = analyze(load_scenario_text(same))
    assert ("midden", "every choice on offer scores the same (they differ only in where they lead)") \
        in stats.flat_decisions
    assert not [n for n, _ in analyze(load_scenario_text(MINIMAL)).flat_decisions if n == "midden"]
    only_one = (MINIMAL.replace("      - id: later\n", "      - id: later\n        when: \"ineke.trust > 99\"\n")
                .replace('        when: "not flag.kaders_genoemd or chose.midden.herkaderen"\n', ""))
    stats = analyze(load_scenario_text(only_one))
    assert ("afsluiting", "only one choice is ever on offer here") in stats.flat_decisions
    assert "  afsluiting: hier is altijd maar één keuze" in render_text(stats, "nl", "nl")  # the report in Dutch


def test_a_meeting_that_can_loop_is_unbounded_not_a_crash():
    looping = MINIMAL.replace("      - id: later\n        text: {nl: Later verder., en: Later.}\n"
                              "        next: uitgesteld\n",
                              "      - id: later\n        text: {nl: Later verder., en: Later.}\n"
                              "        next: uitgesteld\n      - id: nog_eens\n"
                              "        text: {nl: Nog eens., en: Again.}\n        next: slot\n")
    stats = analyze(load_scenario_text(looping))
    assert stats.exact and stats.loops and stats.playthroughs is None
    assert sum(stats.ending_odds.values()) == pytest.approx(1.0, abs=1e-9)
    assert any("unbounded" in line for line in render_text(stats, "en"))


def test_too_many_states_falls_back_to_sampling_and_says_so(mini):
    stats = analyze(mini, max_states=3, samples=500, seed=1)
    assert not stats.exact and stats.samples == 500
    assert sum(stats.ending_odds.values()) + stats.never_ends == pytest.approx(1.0)
    exact = analyze(mini)
    for objective in OBJECTIVES:
        assert stats.best[objective].total(objective) <= exact.best[objective].total(objective)
    text = "\n".join(render_text(stats, "en"))
    assert "sampled:" in text and "500 random playthroughs" in text and "at least" in text
    assert analyze(mini, max_states=3, samples=500, seed=1).ending_odds == stats.ending_odds  # repeatable


def test_a_graph_too_large_to_list_is_known_as_soon_as_more_situations_are_found_than_allowed():
    """``analyze`` only needs to know the graph is too large: it stops once more situations are
    found than it may list, not once that many are listed, and its "more than N" stays true."""
    from engine.analysis.graph import explore
    from tests.fixtures.realistic import realistic_text
    scenario = load_scenario_text(realistic_text(1, residents=3, nodes=40), "r.yaml")
    listed = explore(scenario, 400, timeouts=False)
    found = explore(scenario, 400, timeouts=False, stop_when_known=True)
    assert not listed.complete and not found.complete
    assert len(found.states) > 400 and len(found.edges) < len(listed.edges)
    assert all(found.edges[k] == listed.edges[k] for k in found.edges)  # the same situations, fewer of them
    stats = analyze(scenario, max_states=1600, samples=200, seed=1)
    assert not stats.exact and stats.states == 400
    assert len(explore(scenario, 10_000, timeouts=False).edges) > stats.states
    said = "\n".join(render_text(stats, "en"))
    assert "a random player alone meets more than 400 situations (a quarter of the limit of 1,600" in said
    small = load_scenario_text(MINIMAL)  # listed whole either way: the same graph
    whole, early = explore(small), explore(small, stop_when_known=True)
    assert whole.complete and early.complete and whole.edges == early.edges


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


@pytest.mark.slow
def test_analyze_command_text_and_json(write_scenario, mini):
    path = write_scenario(MINIMAL)
    result = run("analyze", path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "exact: explored all" in out and f"playthroughs: {analyze(mini).playthroughs:,} different" in out
    assert "afspraak" in out and "agreement" in out and "%" in out
    assert "scores per dimension" in out and "paths:" in out and "coverage:" in out
    data = json.loads(run("analyze", path, "--json").stdout)
    assert data["exact"] is True and data["playthroughs"] == analyze(mini).playthroughs
    assert data["playthroughs_capped"] is False
    assert data["best"]["overall"]["total"] == analyze(mini).best["overall"].total("overall")


@pytest.mark.slow
def test_analyze_broken_scenario_is_one_line_per_problem(write_scenario):
    path = write_scenario(MINIMAL.replace("start: opening", "start: nergens"))
    result = run("analyze", path)
    assert result.returncode == 1 and "start 'nergens' is not a node" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("auto", ["best", "worst"])
def test_play_auto_best_and_worst_reach_the_analysed_extremes(write_scenario, mini, auto):
    path = write_scenario(MINIMAL)
    result = run("play", "--text", path, "--auto", auto, "--lang", "en", "--no-save")
    if result.returncode == 2:  # an older CLI without --no-save
        result = run("play", "--text", path, "--auto", auto, "--lang", "en")
    assert result.returncode == 0, result.stderr
    stats = analyze(mini)
    path_ = stats.best["overall"] if auto == "best" else stats.worst["overall"]
    ending = mini.endings[path_.ending].title.get("en")
    assert f"Ending: {ending}" in result.stdout
    assert re.search(rf"Overall(?: score)?\s+{path_.total('overall')}\b", result.stdout), result.stdout[-1500:]


def test_playthroughs_are_exact_up_to_the_cap_and_more_than_it_beyond(mini, monkeypatch):
    runs = len(brute_force(mini))
    monkeypatch.setattr(playstats, "PLAYTHROUGH_CAP", runs)
    at_cap = analyze(mini)
    assert (at_cap.playthroughs, at_cap.playthroughs_capped) == (runs, False)
    monkeypatch.setattr(playstats, "PLAYTHROUGH_CAP", runs - 1)
    over = analyze(mini)
    assert (over.playthroughs, over.playthroughs_capped) == (runs - 1, True)


@pytest.mark.slow
def test_a_long_meeting_reports_more_than_the_cap_in_text_and_json():
    """A long evening has a count of hundreds of digits (thousands at 50k nodes, which str() refuses)."""
    stats = analyze(load_scenario_text(scenario_text(400), "long.yaml"))
    assert stats.exact and stats.playthroughs_capped and stats.playthroughs == playstats.PLAYTHROUGH_CAP
    text = "\n".join(render_text(stats, "en"))
    assert "playthroughs: more than 10^18 different ones" in text
    data = json.loads(json.dumps(to_data(stats)))
    assert data["playthroughs"] == 10**18 and data["playthroughs_capped"] is True
    lo, _, hi = stats.decisions
    assert lo >= 1 and hi > 100  # the other headline numbers stay exact


def test_searched_extremes_match_brute_force_and_their_paths_replay(mini):
    """Too many situations to list: every extreme is searched. A dimension's search starts from
    the best playthrough found so far; when nothing beats it, that playthrough is the answer."""
    runs = brute_force(mini)
    stats = analyze(mini, max_states=3, samples=200, seed=1)
    for objective in OBJECTIVES:
        values = [sum(t.values()) if objective == "overall" else t[objective] for _, _, t, _ in runs]
        assert stats.values_exact[objective]
        assert stats.best[objective].total(objective) == max(values)
        assert stats.worst[objective].total(objective) == min(values)
        for path in (stats.best[objective], stats.worst[objective]):
            _replays_to_its_totals(mini, path, objective)


@pytest.mark.slow
@pytest.mark.parametrize("seed,residents,nodes", [(1, 3, 40), (2, 4, 30)])
def test_searched_extremes_of_realistic_scenarios_are_what_a_full_search_finds(seed, residents, nodes):
    from engine.analysis.search import Solver
    from engine.play.rules import rules_of
    from tests.fixtures.realistic import realistic_text
    scenario = load_scenario_text(realistic_text(seed, residents=residents, nodes=nodes), f"r{seed}.yaml")
    stats = analyze(scenario, max_states=50, samples=200, seed=1)
    rules = rules_of(scenario)
    full = Solver(rules, budget=2_000_000)
    for k, objective in enumerate(OBJECTIVES):
        for worst, paths in ((False, stats.best), (True, stats.worst)):
            truth = full.value(rules.initial(), k, worst)
            shown = paths[objective].total(objective)
            if stats.values_exact[objective]:
                assert shown == truth.total, (objective, worst)
            else:  # "at least" (the best) / "at most" (the worst): a total some playthrough reaches
                assert (shown >= truth.total) if worst else (shown <= truth.total)
            _replays_to_its_totals(scenario, paths[objective], objective)


@pytest.mark.parametrize("name", ["windmolens", "fietsstraat"])
def test_dimension_extremes_with_the_bounds_without_ceilings_agree_where_exact_and_replay(name, monkeypatch):
    """Where the tight bounds would be large, each dimension's extremes (a side note on a small
    budget) are asked with the bounds that follow no ceilings. Forced here on trainer-written
    evenings: an extreme marked exact is the one the tight bounds give, and every extreme shown,
    exact or "at least", is a real playthrough that replays to its total."""
    from engine import load_scenario
    from engine.analysis import lightbounds
    path = ROOT / "tests" / "scenarios" / "realistic" / f"{name}.yaml"
    tight = analyze(load_scenario(str(path)))
    monkeypatch.setattr(lightbounds, "LIGHT_FROM", 0)
    scenario = load_scenario(str(path))
    light = analyze(scenario)
    assert lightbounds.light_solver_of(scenario).valued > 0  # the dimensions were asked with them
    for objective in OBJECTIVES:
        for mine, theirs in ((light.best, tight.best), (light.worst, tight.worst)):
            _replays_to_its_totals(scenario, mine[objective], objective)
            if light.values_exact[objective] and tight.values_exact[objective]:
                assert mine[objective].total(objective) == theirs[objective].total(objective)
    assert light.best["overall"].total("overall") == tight.best["overall"].total("overall")


def test_a_dimension_not_searched_to_the_end_says_the_overall_totals_are_exact(mini):
    """A trainer reading "not searched to the end" took the whole analysis for approximate: where
    only dimensions (a side note) ran out of their budget, the report says the overall is exact."""
    stats = analyze(mini)
    stats.values_exact = {**dict.fromkeys(OBJECTIVES, True), "e2": False}
    text = "\n".join(render_text(stats, "en"))
    assert "the overall best and worst are exact" in text and "for e2 the totals shown" in text
    stats.values_exact["overall"] = False
    text = "\n".join(render_text(stats, "en"))
    assert "not searched to the end (at least / at most what is shown): e2, overall" in text
