"""A cohort counted per scenario: scores per dimension, endings, and how the group chose.

The trainer report (text, CSV, HTML) and the heat map on the scenario graph read the same
``ScenarioTally``, filled from ``PlayedSession`` records (``cohort``), whatever their source.

Counting rules (tested in ``tests/test_cohort.py``):
- Only finished sessions count; a replay from a decision is counted apart and never in the
  figures (its first decisions are the first attempt's).
- A decision node's ``reached`` is the number of choices made there; a time-out taken at it
  is counted beside them (``timeouts``), never as one of its options, so the options' shares
  add up to 100 %.
- An option's verdict is the one the review gave it most often in this cohort (the review
  judges an option against what was on offer at that moment, which may differ per trainee);
  it shows as a missed opportunity when more than half of its picks missed one.
- The best option of a node is the one the review named best there most often, so an option
  nobody chose can still be shown as the one the group left.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from engine import Scenario, ScenarioError
from engine.debrief.review import TIMEOUT_TEXT
from engine.scenario.dimensions import DIMENSION_KEYS
from simulator import catalog
from simulator.cohort import OVERALL, PlayedSession
from simulator.i18n import tr

FLAGGED = ("mistake", "inaccuracy")  # verdicts a trainer wants to see in the report
TIMEOUT = "timeout"


@dataclass
class ChoiceTally:
    times: int = 0
    verdicts: Counter = field(default_factory=Counter)
    missed: int = 0
    reasons: Counter = field(default_factory=Counter)  # missed-opportunity reasons

    @property
    def verdict(self) -> str:
        """The most common verdict; "missed_opportunity" if it was mostly that."""
        if self.missed * 2 > self.times:
            return "missed_opportunity"
        return self.judged

    @property
    def judged(self) -> str:
        """The most common verdict of the review alone ("" when never judged)."""
        return self.verdicts.most_common(1)[0][0] if self.verdicts else ""


@dataclass(frozen=True)
class OwnWords:
    """What a trainee typed at a decision before seeing the options, and what they then picked:
    what trainees say unprompted is what a trainer most wants to read."""

    source: str  # the session, as the report names it (PlayedSession.label)
    node: str
    choice: str
    words: str
    verdict: str


@dataclass
class NodeTally:
    reached: int = 0  # choices made here
    timeouts: int = 0  # time-outs taken here
    choices: dict[str, ChoiceTally] = field(default_factory=lambda: defaultdict(ChoiceTally))
    best: Counter = field(default_factory=Counter)  # option -> times the review named it best here

    def share(self, choice_id: str) -> float:
        t = self.choices.get(choice_id)
        return t.times / self.reached if t is not None and self.reached else 0.0

    @property
    def best_option(self) -> Optional[str]:
        return self.best.most_common(1)[0][0] if self.best else None


@dataclass
class ScenarioTally:
    scenario_id: str
    scenario: Optional[Scenario] = None  # None when no file with this id can be found here
    scores: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    best: dict[str, int] = field(default_factory=dict)  # the highest reference any session's route had
    endings: Counter = field(default_factory=Counter)
    nodes: dict[str, NodeTally] = field(default_factory=lambda: defaultdict(NodeTally))
    questions: dict[str, NodeTally] = field(default_factory=lambda: defaultdict(NodeTally))
    digests: Counter = field(default_factory=Counter)
    sessions: int = 0
    replays: int = 0
    started: list[float] = field(default_factory=list)
    words: list[OwnWords] = field(default_factory=list)  # own-words mode, in the order the sessions came

    def add(self, played: PlayedSession) -> None:
        if played.replay:
            self.replays += 1
            return
        self.sessions += 1
        self.digests[played.scenario_digest] += 1
        if played.started_at is not None:
            self.started.append(played.started_at)
        for k in DIMENSION_KEYS:
            self.scores[k].append(int(played.totals.get(k, 0)))
        self.scores[OVERALL].append(played.overall)
        for k, v in played.best.items():
            self.best[k] = max(self.best.get(k, v), v)
        self.endings[played.ending or ""] += 1
        for d in played.decisions:
            table = self.questions if d.kind == "prep" else self.nodes
            node = table[d.node]
            if d.kind == TIMEOUT:
                node.timeouts += 1
                continue
            node.reached += 1
            if d.kind == "meeting" and d.own_words:
                self.words.append(OwnWords(played.label, d.node, d.choice, d.own_words, d.verdict or ""))
            tally = node.choices[d.choice]
            tally.times += 1
            if d.verdict:
                tally.verdicts[d.verdict] += 1
            if d.missed:
                tally.missed += 1
                tally.reasons[d.missed] += 1
            if d.best:
                node.best[d.best] += 1

    @property
    def digest(self) -> str:
        """The version most of the cohort played."""
        return self.digests.most_common(1)[0][0] if self.digests else ""

    def flagged(self) -> list[tuple[str, str, ChoiceTally]]:
        """Choices mostly judged a mistake, inaccuracy or missed opportunity; most common first."""
        order = {nid: i for i, nid in enumerate(self.scenario.nodes)} if self.scenario else {}
        shown = FLAGGED + ("missed_opportunity",)
        rows = [(nid, cid, t) for nid, node in self.nodes.items() for cid, t in node.choices.items()
                if t.verdict in shown]
        return sorted(rows, key=lambda r: (-r[2].times, order.get(r[0], 0), r[0], r[1]))

    def missed_opportunities(self) -> list[tuple[str, int, int, str]]:
        """Per node where the group missed an opportunity: (node, missed, reached, commonest reason),
        the largest share first."""
        rows = []
        for nid, node in self.nodes.items():
            reasons: Counter = Counter()
            for t in node.choices.values():
                reasons.update(t.reasons)
            missed = sum(reasons.values())
            if missed:
                rows.append((nid, missed, node.reached, reasons.most_common(1)[0][0]))
        return sorted(rows, key=lambda r: (-r[1] / r[2], -r[1], r[0]))

    def best_left(self) -> list[tuple[str, str, int, int]]:
        """Decisions where the best option was mostly not taken: (node, best option, times taken,
        reached), the least taken first."""
        rows = []
        for nid, node in self.nodes.items():
            best = node.best_option
            if best is None or not node.reached:
                continue
            taken = node.choices[best].times if best in node.choices else 0
            if taken * 2 < node.reached:
                rows.append((nid, best, taken, node.reached))
        return sorted(rows, key=lambda r: (r[2] / r[3], -r[3], r[0]))


def tally(sessions: Iterable[PlayedSession], find=None) -> dict[str, ScenarioTally]:
    """Per scenario id, the cohort's tally; ``find(scenario_id, digest)`` gives the scenario
    (the version most of the cohort played) or None."""
    out: dict[str, ScenarioTally] = {}
    known: dict[tuple[str, str], Scenario] = {}  # the scenarios sessions were reviewed with here
    for played in sessions:
        if not played.finished:
            continue
        if played.scenario is not None:
            known.setdefault((played.scenario_id, played.scenario_digest), played.scenario)
        out.setdefault(played.scenario_id, ScenarioTally(played.scenario_id)).add(played)
    for t in out.values():
        t.scenario = known.get((t.scenario_id, t.digest))
        if t.scenario is None and find is not None:
            t.scenario = find(t.scenario_id, t.digest)
        if t.scenario is None:  # another version reviewed here beats none at all
            t.scenario = next((sc for (sid, _), sc in known.items() if sid == t.scenario_id), None)
    return out


def find_scenario(scenario_id: str, digest: str) -> Optional[Scenario]:
    """The scenario file with this id here (the exact version if present), or None."""
    try:
        return catalog.find(scenario_id, digest, "", catalog.load_cached)
    except ScenarioError:
        return None


# -- the words and figures every cohort report shows (text, CSV, HTML) ------------------
def scenario_title(t: ScenarioTally, lang: str) -> str:
    return t.scenario.title.get(lang) if t.scenario is not None else t.scenario_id


def node_text(t: ScenarioTally, nid: str, lang: str) -> str:
    node = t.scenario.nodes.get(nid) if t.scenario is not None else None
    return node.text.get(lang) if node is not None else ""


def choice_text(t: ScenarioTally, nid: str, cid: str, lang: str) -> str:
    if cid == "timeout":
        return TIMEOUT_TEXT.get(lang)
    node = t.scenario.nodes.get(nid) if t.scenario is not None else None
    choice = next((c for c in node.choices if c.id == cid), None) if node is not None else None
    return choice.text.get(lang) if choice is not None else ""


def stats(values: list[int]) -> tuple[str, str, str, str]:
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.2f}", f"{sd:.2f}", str(min(values)), str(max(values))


def verdict_word(verdict: str, lang: str) -> str:
    if verdict in FLAGGED or verdict in ("best", "good"):
        return tr("verdict_" + verdict, lang)
    return tr("missed_opportunity", lang) if verdict == "missed_opportunity" else verdict
