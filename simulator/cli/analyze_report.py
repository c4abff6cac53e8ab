"""The ``analyze`` command's report: ``engine.analysis.playstats.Stats`` as text or as JSON data.

Written for an author at a terminal: the headline numbers first, then endings with a
random player's chance of each, score ranges per dimension with short path labels
(paths shared by several dimensions are printed once), decisions that don't change
the score, and what is never seen. Always says whether the numbers are exact or sampled.
"""

from __future__ import annotations

from typing import Any, Optional

from engine.analysis.graph import OBJECTIVES
from engine.analysis.playstats import Path, Stats
from engine.analysis.tells import MAX_SHARE
from engine.analysis.tells import to_data as tells_data
from engine.scenario.dimensions import BY_KEY
from engine.scenario.messages import render_text as in_language
from simulator.i18n.authoring import count, decimal, say


def _pct(p: float, words: str = "en", over: Optional[float] = None) -> str:
    """``p`` as a percentage; ``over``: a limit ``p`` is above, shown with the decimals that make it
    read as above it ("50.0% <- too high" read as no problem)."""
    if 0 < p < 0.001:
        return f"<{decimal(0.1, words)}%"
    places = 1
    while over is not None and p > over and places < 4 and round(p * 100, places) <= round(over * 100, places):
        places += 1
    return f"{decimal(p * 100, words, places)}%"


def path_text(path: Path) -> str:
    """``question=option, ... | node.choice, ... -> ending``."""
    prep = [f"{where[len('prep:'):]}={move}" for where, move in path.moves if where.startswith("prep:")]
    meeting = [f"{where}.{move}" for where, move in path.moves if not where.startswith("prep:")]
    parts = []
    if prep:
        parts.append(", ".join(prep))
    parts.append(", ".join(meeting) if meeting else "(no choices)")
    return " | ".join(parts) + f" -> {path.ending or 'no ending'}"


def _objective_name(objective: str, lang: str) -> str:
    if objective == "overall":
        return "overall" if lang == "en" else "totaal"
    return f"{objective} {BY_KEY[objective].label.get(lang)}"


def _header(st: Stats, lang: str, words: str) -> list[str]:
    s = st.scenario
    lines = [f"{s.title.get(lang)} — {s.id}"]
    if st.exact:
        lines.append(say("an.exact", words, states=count(st.states, words), seconds=decimal(st.seconds, words)))
    else:
        lines.append(say("an.sampled", words, states=count(st.states, words), samples=count(st.samples, words),
                         limit=count(st.max_states, words)))
    inexact = [o for o, ok in st.values_exact.items() if not ok]
    if inexact:
        key = "an.inexact" if "overall" in inexact else "an.inexact_dimensions"
        lines.append(say(key, words, names=", ".join(inexact)))
    if st.exact and st.playthroughs_capped:
        power = len(str(st.playthroughs)) - 1  # the cap is a power of ten
        lines.append(say("an.playthroughs_capped", words, power=power))
    elif st.exact and st.playthroughs is not None:
        lines.append(say("an.playthroughs", words, n=count(st.playthroughs, words)))
    elif st.exact:
        lines.append(say("an.playthroughs_loop", words))
    else:
        lines.append(say("an.playthroughs_sampled", words, n=count(st.distinct_sampled, words)))
    lo, mean, hi = st.decisions
    top = say("an.unbounded", words) if hi is None else str(hi)
    lines.append(say("an.decisions", words, lo=lo, top=top, mean=decimal(mean, words)))
    return lines


def render_text(st: Stats, lang: str = "nl", words: str = "en") -> list[str]:
    """The report; ``lang``: the scenario's texts (titles), ``words``: the report's own words."""
    s = st.scenario
    out = _header(st, lang, words)
    out += ["", say("an.endings", words)]
    width = max((len(e) for e in s.endings), default=4)
    kinds = {e.kind: say(f"an.kind.{e.kind}", words) for e in s.endings.values()}
    kind_width = max(map(len, kinds.values()), default=10)
    for eid, ending in sorted(s.endings.items(), key=lambda kv: -st.ending_odds.get(kv[0], 0.0)):
        odds = st.ending_odds.get(eid)
        if odds is not None:
            mark = _pct(odds, words)
        elif st.exact:
            mark = say("an.never", words)
        else:  # none of the samples got there: rare, not impossible (95 %: below 3 in ``samples``)
            mark = f"<{_pct(3 / max(1, st.samples), words)}"
        out.append(f"  {eid:<{width}}  {kinds[ending.kind]:<{kind_width}}  {mark:>6}  {ending.title.get(lang)}")
    if st.never_ends > 0:
        out.append(f"  {say('an.no_ending', words):<{width}}  {'':<{kind_width}}  {_pct(st.never_ends, words):>6}  "
                   f"{say('an.stuck', words)}")

    labels: dict[tuple, str] = {}
    paths: list[tuple[str, Path]] = []

    def label(path: Path) -> str:
        key = path.moves
        if key not in labels:
            labels[key] = f"P{len(labels) + 1}"
            paths.append((labels[key], path))
        return labels[key]

    out += ["", say("an.scores", words)]
    names = {o: _objective_name(o, words) for o in OBJECTIVES}
    w = max(len(n) for n in names.values())
    for objective in OBJECTIVES:
        if objective not in st.best:
            continue
        best, worst = st.best[objective], st.worst[objective]
        lo, hi = worst.total(objective), best.total(objective)
        if lo == hi == 0:
            out.append(f"  {names[objective]:<{w}}   {say('an.not_scored', words)}")
            continue
        out.append(f"  {names[objective]:<{w}}  {lo:>4} ({label(worst)}) .. {hi:>3} ({label(best)})")
    if paths:
        out += ["", say("an.paths", words)]
        out += [f"  {name}: {path_text(path)}" for name, path in paths]

    out += ["", say("an.flat", words)]
    out += [f"  {nid}: {in_language(why, words)}" for nid, why in st.flat_decisions] or [f"  {say('an.none', words)}"]

    cov = st.coverage
    choices = [c.key for n in s.nodes.values() for c in n.choices]
    never_nodes = [n for n in s.nodes if n not in cov.nodes_shown]
    never_choices = [c for c in choices if c not in cov.choices_available]
    never_endings = [e for e in s.endings if e not in cov.endings_reached]
    out += ["", say("an.coverage" if st.exact else "an.coverage_sampled", words)]
    for what, seen, total, missing in (
        ("an.nodes_shown", len(s.nodes) - len(never_nodes), len(s.nodes), never_nodes),
        ("an.choices_taken", len(choices) - len(never_choices), len(choices), never_choices),
        ("an.endings_reached", len(s.endings) - len(never_endings), len(s.endings), never_endings),
    ):
        line = f"  {say(what, words)}: {seen}/{total}"
        if missing:
            line += say("an.never_list" if st.exact else "an.unseen_list", words, names=", ".join(missing))
        out.append(line)
    if st.growth:
        out += ["", say("an.growth", words, states=count(st.states, words))]
        out += [f"  {name}: {n}" for name, n in st.growth]
        out.append(f"  {say('an.growth_hint', words)}")
    if st.tells is not None:
        out += tells_text(st.tells, words)
    return out


def _path_data(path: Path) -> dict[str, Any]:
    return {"moves": [f"{w}.{m}" if not w.startswith("prep:") else f"{w}={m}" for w, m in path.moves],
            "ending": path.ending, "totals": dict(zip(OBJECTIVES, path.totals))}


def tells_text(report: Any, words: str = "en") -> list[str]:
    """The tells report: how far a trainee who reads nothing gets."""
    out = ["", say("an.tells", words)]
    names = {st.name: in_language(st.label, words) for st in report.strategies}
    width = max(map(len, names.values()))
    for st in sorted(report.strategies, key=lambda x: -x.share):
        flag = say("an.too_high", words) if st.share > MAX_SHARE else ""
        out.append(f"  {names[st.name]:<{width}}  {_pct(st.share, words, MAX_SHARE):>6}{flag}")
    longest = say("an.longest", words)
    for lang, ranks in report.length_ranks.items():
        shares = ", ".join(f"{longest if r == 1 else f'#{r}'} {v * 100:.0f}%" for r, v in ranks.items())
        best_q, other_q = report.question_marks[lang]
        out.append("  " + say("an.by_length", words, language=lang, shares=shares, best=f"{best_q * 100:.0f}",
                              others=f"{other_q * 100:.0f}"))
    if report.fixed_order:
        out.append("  " + say("an.fixed", words, names=", ".join(report.fixed_order)))
    return out


def to_data(st: Stats) -> dict[str, Any]:
    lo, mean, hi = st.decisions
    return {
        "scenario": st.scenario.id,
        "exact": st.exact,
        "states": st.states,
        "samples": st.samples,
        "playthroughs": st.playthroughs,
        "playthroughs_capped": st.playthroughs_capped,  # true: more than "playthroughs" (counted up to there)
        "distinct_sampled": st.distinct_sampled,
        "loops": st.loops,
        "ending_odds": st.ending_odds,
        "never_ends": st.never_ends,
        "best": {o: {"total": p.total(o), "path": _path_data(p)} for o, p in st.best.items()},
        "worst": {o: {"total": p.total(o), "path": _path_data(p)} for o, p in st.worst.items()},
        "flat_decisions": [{"node": n, "why": why} for n, why in st.flat_decisions],
        "coverage": {
            "nodes_shown": sorted(st.coverage.nodes_shown),
            "choices_available": sorted(st.coverage.choices_available),
            "endings_reached": sorted(st.coverage.endings_reached),
        },
        "decisions": {"min": lo, "mean": mean, "max": hi},
        "seconds": st.seconds,
        "values_exact": st.values_exact,
        "growth": [{"name": n, "values": c} for n, c in st.growth],
        "states_per_node": st.states_per_node,
        "odds_interval": {e: list(v) for e, v in st.odds_interval.items()},
        "tells": tells_data(st.tells) if st.tells is not None else None,
    }
