"""How far a trainee gets who doesn't read: content-blind strategies, and the surface of the best options.

If always taking the longest option, or the one ending in a question mark, scores almost as
well as understanding Ury, a trainee learns the surface and the score means nothing. This
report plays each content-blind strategy through the scenario's own rules, options in a
fresh random order each run as trainees see them, and says what share of the range between
the worst and the best achievable total it reaches:

    share = (mean total - worst) / (best - worst)

over at least ``RUNS`` seeded orders, ties broken at random (a strategy that never meets a
tie plays the same meeting every time and is played once). It also says, per decision,
which length rank the best option has and how often the best option ends in "?" against the
others, so an author sees the tell before a trainee does.

Strategies: the first and the last option shown; the longest and the shortest text and the
one ending in "?" (per language); one that names a resident; the most cue words (the lists
live in ``cue_words.yaml``); the house style of right options (an open question word or a colon,
no "maar", no "!", few "ik": ``surface.style_score``); a time-out at every decision; and a surface classifier trained
on other scenarios (length, punctuation, word features: the tells nobody thought of),
applied to this one.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence, Union

from ..play.rules import ANSWER, CHOOSE, CONTINUE, TIMEOUT_MOVE, Move, Rules, rules_of
from ..play.state import State
from ..scenario.messages import msg
from ..scenario.model import Scenario
from ..scenario.text import LANGUAGES
from .collector import collector_paused
from .lightbounds import light_solver_of
from .search import OVERALL, BudgetExceeded, Solver, solver_of
from .surface import (
    Classifier,
    Examples,
    Training,
    cue_count,
    ends_in_question,
    features,
    named_decisions,
    overall,
    resident_names,
    style_score,
)

RUNS = 200
MAX_SHARE = 0.5  # validate warns when a strategy reaches more of the range than this
LIGHT_PROOF = 2_000  # states the light bounds may take to prove the worst high enough (``tells_problems``)
MAX_RANK_SHARE = 0.45  # ... or when one length rank holds the best option in more decisions than this

Pick = Callable[[State, list[Move], random.Random], Move]
# Each strategy's name (the key ``analyze --json`` keeps) -> its catalogue message (``Strategy.label``).
STRATEGY_KEYS = {
    "first shown": "strategy.first_shown", "last shown": "strategy.last_shown",
    "time-out at every decision": "strategy.timeout_always", "longest": "strategy.longest",
    "shortest": "strategy.shortest", "ends in ?": "strategy.question_mark",
    "names a resident": "strategy.names_resident", "cue words": "strategy.cue_words",
    "house style": "strategy.house_style",
    "surface classifier": "strategy.classifier",
}


@dataclass(frozen=True)
class Strategy:
    name: str  # e.g. "longest" or "longest (nl)": the key ``analyze --json`` keeps
    share: float  # of the worst..best range, 0..1
    mean: float  # mean overall total
    runs: int
    # True: ``share`` is only what bounds of the best and worst prove (the real share is at least
    # this): ``validate`` names a strategy over the limit without searching the exact extremes.
    at_least: bool = False

    @property
    def label(self) -> str:
        """The name as a catalogue message, so a report in Dutch names the strategy in Dutch."""
        base, _, language = self.name.partition(" (")
        key = STRATEGY_KEYS.get(base)
        if key is None:
            return self.name
        label = msg(key)
        return msg("strategy.with_language", name=label, language=language.rstrip(")")) if language else label


@dataclass
class TellsReport:
    best: int
    worst: int
    strategies: list[Strategy] = field(default_factory=list)
    length_ranks: dict[str, dict[int, float]] = field(default_factory=dict)  # lang -> rank (1 longest) -> share
    question_marks: dict[str, tuple[float, float]] = field(default_factory=dict)  # lang -> (best, others) ending "?"
    longest_best: dict[str, list[str]] = field(default_factory=dict)  # lang -> decisions whose best is the longest
    shortest_best: dict[str, list[str]] = field(default_factory=dict)
    # lang -> rank -> the decisions where the best option has that rank between the longest and the
    # shortest (in a decision of two options the second is the shortest, named as such), and their share
    ranked_best: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    middle_ranks: dict[str, dict[int, float]] = field(default_factory=dict)
    fixed_order: list[str] = field(default_factory=list)  # decisions the author pinned (order: fixed)
    decisions: int = 0

    def problems(self) -> list[str]:
        """What ``validate`` warns about, one sentence each (catalogue ``Message`` strings, so a
        ``Problem`` made of one renders in the trainer's language; a strategy's name stays as
        ``analyze`` shows it)."""
        out: list[str] = []
        for st in self.strategies:
            if st.share > MAX_SHARE:
                out.append(msg("tells.surface_at_least" if st.at_least else "tells.surface", name=st.label,
                               share=st.share, limit=MAX_SHARE, digits=_digits(st.share, MAX_SHARE)))
        n = max(1, self.decisions)
        for lang in self.length_ranks:
            extremes = ((msg("tells.the_longest"), self.longest_best.get(lang, []), msg("tells.advice_longest")),
                        (msg("tells.the_shortest"), self.shortest_best.get(lang, []), msg("tells.advice_shortest")))
            for which, where, advice in extremes:
                if len(where) / n > MAX_RANK_SHARE:
                    share = len(where) / n
                    out.append(msg("tells.extreme", share=share, digits=_digits(share, MAX_RANK_SHARE), which=which,
                                   lang=lang, limit=MAX_RANK_SHARE, named=_named(where), advice=advice))
            for rank, share in self.middle_ranks.get(lang, {}).items():
                if share > MAX_RANK_SHARE:  # (the longest and the shortest are named above)
                    out.append(msg("tells.rank", share=share, digits=_digits(share, MAX_RANK_SHARE), rank=rank,
                                   lang=lang, limit=MAX_RANK_SHARE,
                                   named=_named(self.ranked_best.get(lang, {}).get(rank, []))))
        return out


def _digits(share: float, limit: float) -> int:
    """Decimals to show a share with so it reads as over its limit: "45%, more than 45%" read as no
    problem at all (45.2% is)."""
    digits = 0
    while digits < 3 and round(share * 100, digits) <= round(limit * 100, digits):
        digits += 1
    return digits


def _named(where: list[str]) -> str:
    """The decisions a warning is about, as the author looks them up (the first eight)."""
    return ", ".join(where[:8]) + (", ..." if len(where) > 8 else "")


def written_languages(s: Scenario) -> list[str]:
    """The languages options are written in. A strategy that reads a language nobody wrote would
    read the same fallback texts again: the same runs, the same warnings, twice."""
    options = [c.text for node in s.nodes.values() for c in node.choices]
    if s.preparation is not None:
        options += [o.text for q in s.preparation.questions for o in q.options]
    return [lang for lang in LANGUAGES if any(t.has(lang) for t in options)] or [s.language]


def _text(m: Move, lang: str) -> str:
    return m.source.text.get(lang) if m.source is not None else ""




# -- playing a strategy --------------------------------------------------------------------------------
def _prefer(score: Callable[[Move], object], cached: bool = True) -> Pick:
    """Take the option with the highest ``score`` (ties at random); never a time-out. A score
    that reads only the option's own text is remembered per option (``cached``)."""
    known: dict[int, object] = {}  # id of a compiled move (they live as long as the rules) -> score

    def pick(s: State, shown: list[Move], rnd: random.Random) -> Move:
        if cached:
            scores = []
            for m in shown:
                v = known.get(id(m), _UNSCORED)
                if v is _UNSCORED:
                    v = known[id(m)] = score(m)
                scores.append(v)
        else:
            scores = [score(m) for m in shown]
        top = max(scores)  # type: ignore[type-var]
        best = [m for m, v in zip(shown, scores) if v == top]
        if len(best) > 1:
            _TIES[0] = True
        return best[rnd.randrange(len(best))] if len(best) > 1 else best[0]
    return pick


_UNSCORED = object()
_TIES = [False]  # set when a pick broke a tie: the run is not the only one the strategy plays


def _strategies(s: Scenario, training: Training) -> dict[str, tuple[Pick, bool]]:
    """name -> (pick, takes a time-out at every decision)."""
    names = resident_names(s)
    out: dict[str, tuple[Pick, bool]] = {
        "first shown": (lambda st, shown, rnd: shown[0], False),
        "last shown": (lambda st, shown, rnd: shown[-1], False),
        "time-out at every decision": (lambda st, shown, rnd: shown[rnd.randrange(len(shown))], True),
    }
    for lang in written_languages(s):
        out[f"longest ({lang})"] = (_prefer(lambda m, lang=lang: len(_text(m, lang))), False)
        out[f"shortest ({lang})"] = (_prefer(lambda m, lang=lang: -len(_text(m, lang))), False)
        out[f"ends in ? ({lang})"] = (_prefer(lambda m, lang=lang: ends_in_question(_text(m, lang))), False)
        out[f"names a resident ({lang})"] = (
            _prefer(lambda m, lang=lang: any(n in _text(m, lang).lower() for n in names)), False)
        out[f"cue words ({lang})"] = (_prefer(lambda m, lang=lang: cue_count(_text(m, lang), lang)), False)
        out[f"house style ({lang})"] = (_prefer(lambda m, lang=lang: style_score(_text(m, lang), lang)), False)
        model = training.classifier(lang, s.id)
        if model is not None:

            seen: dict[tuple, dict[int, float]] = {}  # options in the order shown -> their odds

            def surface(st: State, shown: list[Move], rnd: random.Random, model=model, lang=lang,
                        seen=seen) -> Move:
                key = tuple(id(m) for m in shown)
                odds = seen.get(key)
                if odds is None:
                    xs = features([_text(m, lang) for m in shown], lang, names)
                    odds = seen[key] = {id(m): model.probability(x) for m, x in zip(shown, xs)}
                return _prefer(lambda m: odds[id(m)], cached=False)(st, shown, rnd)
            out[f"surface classifier ({lang})"] = (surface, False)
    return out


def _play(rules: Rules, pick: Pick, timeouts: bool, rnd: random.Random) -> Optional[int]:
    """The total one run of a strategy reaches; None when it goes round without end (a loop it
    never leaves: ``validate`` reports the loop, and such a run scores nothing meaningful)."""
    s = rules.initial()
    total = 0
    offered, step, fixed = rules.moves, rules.step, rules.fixed_order
    for _ in range(rules.most_moves):
        moves = offered(s)  # a fresh list, the time-out (when on offer) last
        if not moves:
            return total
        if moves[0].kind == CONTINUE:
            s = step(s, moves[0])
            continue
        if moves[-1].kind == TIMEOUT_MOVE and timeouts:
            move = moves[-1]
        else:
            # A fresh order as a session would show it (``Rules.shown`` draws the same way from a
            # session's seed; drawing here directly keeps thousands of runs quick).
            if moves[-1].kind == TIMEOUT_MOVE:
                moves.pop()
            if len(moves) > 1 and not fixed(s[0]):
                rnd.shuffle(moves)
            move = pick(s, moves, rnd)
        total += move.vector[-1]
        s = step(s, move)
    return None


@collector_paused()
def tells(scenario: Scenario, others: Union[Training, Sequence[Scenario]] = (), runs: int = RUNS,
          seed: int = 0) -> TellsReport:
    """The tells report. ``others``: what the surface classifier learns from, scenarios or a
    ``Training`` (never this scenario itself, by id)."""
    return _report(scenario, _played(scenario, others, runs, seed))


def tells_problems(scenario: Scenario, others: Union[Training, Sequence[Scenario]] = (), runs: int = RUNS,
                   seed: int = 0) -> list[str]:
    """What ``validate`` warns about (``settled_report``)."""
    return settled_report(scenario, others, runs, seed).problems()


@collector_paused()
def settled_report(scenario: Scenario, others: Union[Training, Sequence[Scenario]] = (), runs: int = RUNS,
                   seed: int = 0) -> TellsReport:
    """The report ``validate`` warns from: the strategies ``tells(...).problems()`` names, found without
    the searches for the best and worst total wherever bounds settle them. A strategy's share
    falls as either extreme rises (its mean lies between them), so it is at most what it would be
    were the best only what a real playthrough reaches and the worst as low as the condition-free
    bound allows, and at least what it would be were the best as high as that bound allows and the
    worst what a real worst playthrough scores. A strategy over the limit even then is named with
    that share, "at least"; one under it even at the most is not named. Only when a strategy lies
    in between are the extremes searched, for the exact shares the report names."""
    played = _played(scenario, others, runs, seed)
    rules = rules_of(scenario)
    start = rules.initial()
    full = solver_of(scenario)
    # The bounds without ceilings first (far cheaper to build, and nearly always enough to settle
    # every strategy), unless the tight ones are built already.
    for solver in ((full,) if full.warm else dict.fromkeys((light_solver_of(scenario), full))):  # (once if one)
        best_at_most = solver.relaxed.bound(start, OVERALL)
        worst_at_most = sum(m.vector[OVERALL] for _, m in solver.reachable_path(start, OVERALL, worst=True))
        over = [p for p in played if _share(p[1], worst_at_most, best_at_most, 0.0) > MAX_SHARE]
        rest = [p for p in played if p not in over]
        best_at_least = solver.reachable(start)
        # A proof the light bounds fail is thrown away (the tight solver searches again), so it gets
        # a small budget; the tight solver's proof is the exact worst's search begun, never wasted.
        worst_at_least = _worst_at_least(solver, start, best_at_least, rest, None if solver is full else LIGHT_PROOF)
        if all(_share(mean, worst_at_least, best_at_least, 1.0) <= MAX_SHARE for _, mean, _ in rest):
            report = TellsReport(best_at_least, int(worst_at_least))  # the strategies under the limit stay unscored
            for name, mean, n in over:
                share = min(1.0, _share(mean, worst_at_most, best_at_most, 0.0))
                report.strategies.append(Strategy(name, share, mean, n, at_least=share < 1.0))
            _surface(scenario, report)
            return report
    return _report(scenario, played)


def _share(mean: float, worst: float, best: float, empty: float) -> float:
    """Where ``mean`` lies between ``worst`` and ``best``; ``empty`` where they meet (every
    playthrough would score alike: the report's share is 0 then, so a bound is 0 or 1 to be safe)."""
    span = best - worst
    return (mean - worst) / span if span > 0 else empty


def _worst_at_least(solver: Solver, start: State, best_at_least: int, played: Played,
                    budget: Optional[int] = None) -> float:
    """A total no playthrough scores below: the condition-free bound, or, where that is too low to
    show every strategy under the limit, the least total that does, proved by a search that only
    asks whether anything scores below it (with room to spare, far cheaper than the worst itself).
    A strategy's share is at most MAX_SHARE while the worst is at least
    (mean - MAX_SHARE * best) / (1 - MAX_SHARE)."""
    bound = solver.relaxed.bound(start, OVERALL, True)
    needed = max(((mean - MAX_SHARE * best_at_least) / (1 - MAX_SHARE) for _, mean, _ in played), default=bound)
    if needed <= bound:
        return bound
    try:
        below = solver.beyond(start, math.ceil(needed), OVERALL, worst=True, budget=budget)
    except BudgetExceeded:
        return bound
    return math.ceil(needed) if below is None else below


Played = list[tuple[str, float, int]]  # per strategy: name, mean overall total, runs


def _played(scenario: Scenario, others: Union[Training, Sequence[Scenario]], runs: int, seed: int) -> Played:
    """Every content-blind strategy played: at least ``runs`` times unless it never met a tie."""
    rules = rules_of(scenario)
    training = others if isinstance(others, Training) else Examples(list(others))
    out: Played = []
    for name, (pick, timeouts) in _strategies(scenario, training).items():
        rnd = random.Random(f"{seed}/{name}")
        totals = []
        for _ in range(runs):
            _TIES[0] = False
            total = _play(rules, pick, timeouts, rnd)
            if total is None:
                break  # it goes round: every run that meets the loop would (the strategy is left out)
            totals.append(total)
            if not _TIES[0] and name not in ("first shown", "last shown", "time-out at every decision"):
                break  # no tie met: every run plays this same meeting
        if totals:
            out.append((name, sum(totals) / len(totals), len(totals)))
    return out


def _report(scenario: Scenario, played: Played) -> TellsReport:
    """The report on strategies played, their shares of the searched range."""
    rules = rules_of(scenario)
    solver = solver_of(scenario)
    start = rules.initial()
    best, worst = solver.value(start).total, solver.value(start, worst=True).total
    report = TellsReport(best, worst)
    span = best - worst
    for name, mean, runs in played:
        share = (mean - worst) / span if span > 0 else 0.0
        report.strategies.append(Strategy(name, max(0.0, min(1.0, share)), mean, runs))
    _surface(scenario, report)
    return report


def _surface(s: Scenario, report: TellsReport) -> None:
    """Per decision as written: the best option's length rank, and "?" among best and other options."""
    decisions = named_decisions(s)
    report.decisions = len(decisions)
    report.fixed_order = [where for where, _ in decisions if _fixed(s, where)]
    for lang in written_languages(s):
        ranks: dict[int, float] = {}
        q_best = q_best_n = q_other = q_other_n = 0.0
        longest, shortest = [], []
        by_rank: dict[int, list[str]] = {}
        middle: dict[int, float] = {}
        for where, options in decisions:
            texts = [o.text.get(lang) for o in options]
            order = sorted(range(len(options)), key=lambda i: -len(texts[i]))
            top = max(overall(o) for o in options)
            tops = [i for i, o in enumerate(options) if overall(o) == top]
            for i in tops:
                rank = order.index(i) + 1
                ranks[rank] = ranks.get(rank, 0.0) + 1.0 / len(tops)
                if 1 < rank < len(options):
                    middle[rank] = middle.get(rank, 0.0) + 1.0 / len(tops)
                    if where not in by_rank.setdefault(rank, []):
                        by_rank[rank].append(where)
            if order[0] in tops:
                longest.append(where)
            if order[-1] in tops:
                shortest.append(where)
            for i, t in enumerate(texts):
                if i in tops:
                    q_best += ends_in_question(t) / len(tops)
                    q_best_n += 1 / len(tops)
                else:
                    q_other += ends_in_question(t)
                    q_other_n += 1
        n = max(1, len(decisions))
        report.length_ranks[lang] = {r: ranks.get(r, 0.0) / n for r in range(1, 1 + max(ranks, default=0))}
        report.question_marks[lang] = (q_best / q_best_n if q_best_n else 0.0,
                                       q_other / q_other_n if q_other_n else 0.0)
        report.longest_best[lang] = longest
        report.shortest_best[lang] = shortest
        report.ranked_best[lang] = by_rank
        report.middle_ranks[lang] = {r: v / n for r, v in sorted(middle.items())}


def _fixed(s: Scenario, where: str) -> bool:
    if where.startswith("prep:"):
        return any(q.id == where[5:] and q.order == "fixed" for q in s.preparation.questions)  # type: ignore
    return s.nodes[where].order == "fixed"


def to_data(report: TellsReport) -> dict:
    return {
        "best": report.best, "worst": report.worst, "decisions": report.decisions,
        "strategies": [{"name": st.name, "share": round(st.share, 4), "mean": round(st.mean, 3), "runs": st.runs}
                       for st in report.strategies],
        "length_ranks": {lang: {str(r): round(v, 4) for r, v in ranks.items()}
                         for lang, ranks in report.length_ranks.items()},
        "question_marks": {lang: {"best": round(b, 4), "others": round(o, 4)}
                           for lang, (b, o) in report.question_marks.items()},
        "fixed_order": report.fixed_order,
        "problems": report.problems(),
    }


__all__ = ["TellsReport", "Strategy", "tells", "tells_problems", "settled_report", "to_data", "Classifier",
           "features", "ANSWER", "CHOOSE"]
