"""The heat map's data: per decision of the scenario graph, how the cohort chose.

For every decision node the group reached: how many choices were made there, and per
option (every option the node has, in the order written — the order shown differed per
trainee) its share of those choices, the verdict the review gave it most often, whether it
was the best option there, and how often picking it missed an opportunity; plus the time-outs
taken there. The SVG (``heatmap_svg``), the HTML report (``cohort_html``) and the Mermaid
graph (``graph_export.to_mermaid(heat=...)``) all draw this one structure.

Colours follow the verdicts everywhere: best green, good light green, inaccuracy amber,
mistake red; an option the group never picked (or never had judged) is grey.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from engine import Scenario
from simulator.cohort_tally import ScenarioTally

VERDICT_COLOURS = {
    "best": "#2e7d32",
    "good": "#7cb342",
    "inaccuracy": "#f9a825",
    "mistake": "#c62828",
    "": "#9e9e9e",
}
TIMEOUT_COLOUR = "#1565c0"


@dataclass(frozen=True)
class OptionHeat:
    choice_id: str
    target: str  # the node or ending it leads to
    times: int
    share: float  # of the choices made at the node, 0..1
    verdict: str  # the review's commonest verdict for it ("" when never picked or judged)
    best: bool  # the review named it the best option here most often
    missed: int  # picks that missed an opportunity

    @property
    def colour(self) -> str:
        return VERDICT_COLOURS.get(self.verdict, VERDICT_COLOURS[""])


@dataclass(frozen=True)
class NodeHeat:
    node_id: str
    reached: int  # choices made here
    timeouts: int
    options: tuple[OptionHeat, ...]
    other: int = 0  # choices of options this version of the scenario no longer has

    @property
    def timeout_share(self) -> float:
        return self.timeouts / self.reached if self.reached else 0.0

    def option(self, choice_id: str) -> Optional[OptionHeat]:
        return next((o for o in self.options if o.choice_id == choice_id), None)


@dataclass(frozen=True)
class HeatMap:
    scenario: Scenario
    sessions: int
    nodes: tuple[NodeHeat, ...]  # decision nodes the group reached, in the scenario's order
    endings: dict[str, int]  # ending id -> sessions that ended there
    unknown: int = 0  # choices at nodes this version of the scenario doesn't have

    def node(self, node_id: str) -> Optional[NodeHeat]:
        return next((n for n in self.nodes if n.node_id == node_id), None)


def heat_of(t: ScenarioTally) -> HeatMap:
    """The heat map of a cohort's tally (its scenario must be known)."""
    s = t.scenario
    if s is None:
        raise ValueError(f"no scenario {t.scenario_id!r} to draw the heat map on")
    nodes = []
    for nid, node in s.nodes.items():
        tally = t.nodes.get(nid)
        if tally is None or not (tally.reached or tally.timeouts):
            continue
        best = tally.best_option
        known = {c.id for c in node.choices}
        options = []
        for c in node.choices:
            ct = tally.choices.get(c.id)
            times = ct.times if ct is not None else 0
            options.append(OptionHeat(c.id, c.next, times, times / tally.reached if tally.reached else 0.0,
                                      ct.judged if ct is not None else "", c.id == best,
                                      ct.missed if ct is not None else 0))
        other = sum(ct.times for cid, ct in tally.choices.items() if cid not in known)
        nodes.append(NodeHeat(nid, tally.reached, tally.timeouts, tuple(options), other))
    unknown = sum(n.reached for nid, n in t.nodes.items() if nid not in s.nodes)
    endings = {eid: n for eid, n in t.endings.items() if eid}
    return HeatMap(s, t.sessions, tuple(nodes), endings, unknown)
