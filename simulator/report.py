"""The trainer report: every finished session in the journal, per scenario and dimension.

A trainer running a course wants to know where a group struggles, not one trainee's
score: per scenario and dimension the number of sessions, the mean, the spread
(sample standard deviation), the lowest and highest score; how the meetings ended;
and per decision the choices the game review most often judged a mistake, an
inaccuracy or a missed opportunity. Every session is reviewed with the same engine
review as its debrief, so the report and the debriefs agree.

A replay from a debrief decision ("replay from here") is practice on one moment, not a new
meeting: its decisions before the branch point are the first attempt's. Counting it would
weigh those decisions twice, so replays are left out of the figures and only counted.

Own-words mode keeps what a trainee typed before seeing the options; the report keeps it
too (``own_words`` rows: session, decision, the words, the option picked and its verdict),
since what trainees say unprompted is what a trainer most wants to read.

``python -m simulator report [--scenario ID] [--csv FILE]``; the CSV's columns are
``CSV_COLUMNS`` (one table, the ``row`` column says which kind of line it is).
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from engine import Scenario
from engine.debrief.review import Review
from engine.scenario.dimensions import DIMENSION_KEYS, DIMENSIONS

from .debriefing import DebriefError, saved_session, scenario_for, session_review
from .i18n import tr
from .journal import Journal, JournalError

CSV_COLUMNS = ("scenario", "scenario_title", "row", "key", "label", "sessions", "mean", "sd", "min", "max",
               "best_achievable", "choice", "choice_text", "verdict", "times", "share", "session", "own_words")
FLAGGED = ("mistake", "inaccuracy")  # verdicts a trainer wants to see in the report


@dataclass
class ChoiceTally:
    times: int = 0
    verdicts: Counter = field(default_factory=Counter)
    missed: int = 0

    @property
    def verdict(self) -> str:
        """The most common verdict; "missed_opportunity" if it was mostly that."""
        if self.missed * 2 > self.times:
            return "missed_opportunity"
        return self.verdicts.most_common(1)[0][0] if self.verdicts else ""


@dataclass(frozen=True)
class OwnWords:
    """What a trainee typed at a decision before seeing the options, and what they then picked."""

    session: int
    node: str
    choice: str
    words: str
    verdict: str


def own_words_of(session_id: int, review: Review) -> list[OwnWords]:
    return [OwnWords(session_id, d.decision.node_id, d.decision.choice_id, d.decision.own_words, d.verdict or "")
            for d in review.decisions if d.decision.kind == "meeting" and d.decision.own_words]


@dataclass
class ScenarioTally:
    scenario: Scenario
    scores: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    best: dict[str, int] = field(default_factory=dict)
    endings: Counter = field(default_factory=Counter)
    reached: Counter = field(default_factory=Counter)  # node -> sessions that decided there
    choices: dict[tuple[str, str], ChoiceTally] = field(default_factory=lambda: defaultdict(ChoiceTally))
    sessions: int = 0
    words: list[OwnWords] = field(default_factory=list)  # own-words mode, in session order

    def add(self, review: Review) -> None:
        self.sessions += 1
        for k in DIMENSION_KEYS:
            self.scores[k].append(review.totals[k])
        self.scores["overall"].append(review.overall)
        self.best = {**review.best, "overall": review.best_overall}
        self.endings[review.ending.id if review.ending else ""] += 1
        for d in review.decisions:
            if d.is_prep:
                continue
            self.reached[d.decision.node_id] += 1
            tally = self.choices[(d.decision.node_id, d.decision.choice_id)]
            tally.times += 1
            if d.verdict:
                tally.verdicts[d.verdict] += 1
            tally.missed += int(d.missed_opportunity)

    def flagged(self) -> list[tuple[str, str, ChoiceTally]]:
        """Choices mostly judged a mistake, inaccuracy or missed opportunity; most common first."""
        order = {nid: i for i, nid in enumerate(self.scenario.nodes)}
        shown = FLAGGED + ("missed_opportunity",)
        rows = [(nid, cid, t) for (nid, cid), t in self.choices.items() if t.verdict in shown]
        return sorted(rows, key=lambda r: (-r[2].times, order.get(r[0], 0), r[1]))


@dataclass
class Report:
    tallies: dict[str, ScenarioTally]
    skipped: list[str]  # one line per session that couldn't be reviewed
    replays: Counter = field(default_factory=Counter)  # scenario id -> finished replays left out


def build_report(journal: Journal, scenario_id: Optional[str] = None, trainee: Optional[str] = None) -> Report:
    tallies: dict[str, ScenarioTally] = {}
    skipped: list[str] = []
    replays: Counter = Counter()
    for record in reversed(journal.sessions(scenario_id, trainee)):
        if not record.finished:
            continue
        if record.is_branch:
            replays[record.scenario_id] += 1
            continue
        try:
            scenario = scenario_for(record)
            session = saved_session(journal, record, scenario)
        except DebriefError as exc:
            skipped.append(f"session {record.id}: {exc}")
            continue
        result = session_review(session)
        session.close()
        tallies.setdefault(scenario.id, ScenarioTally(scenario)).add(result)
        tallies[scenario.id].words.extend(own_words_of(record.id, result))
    return Report(tallies, skipped, replays)


def _stats(values: list[int]) -> tuple[str, str, str, str]:
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.2f}", f"{sd:.2f}", str(min(values)), str(max(values))


def csv_rows(report: Report, lang: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for sid, t in sorted(report.tallies.items()):
        base = {"scenario": sid, "scenario_title": t.scenario.title.get(lang)}
        labels = {d.key: f"{d.short.get(lang)} {d.label.get(lang)}" for d in DIMENSIONS}
        labels["overall"] = tr("overall", lang)
        for key in DIMENSION_KEYS + ("overall",):
            mean, sd, lo, hi = _stats(t.scores[key])
            rows.append({**base, "row": "overall" if key == "overall" else "dimension", "key": key,
                         "label": labels[key], "sessions": str(t.sessions), "mean": mean, "sd": sd,
                         "min": lo, "max": hi, "best_achievable": str(t.best.get(key, ""))})
        if report.replays.get(sid):
            rows.append({**base, "row": "replays", "key": "replays", "label": tr("report_replays_label", lang),
                         "times": str(report.replays[sid])})
        for ending_id, times in t.endings.most_common():
            ending = t.scenario.endings.get(ending_id)
            rows.append({**base, "row": "ending", "key": ending_id,
                         "label": ending.title.get(lang) if ending else "", "sessions": str(t.sessions),
                         "times": str(times), "share": f"{times / t.sessions:.2f}"})
        for nid, cid, tally in t.flagged():
            node = t.scenario.nodes[nid]
            choice = next(c for c in node.choices if c.id == cid)
            reached = t.reached[nid]
            rows.append({**base, "row": "mistake", "key": nid, "label": node.text.get(lang),
                         "sessions": str(reached), "choice": cid, "choice_text": choice.text.get(lang),
                         "verdict": tally.verdict, "times": str(tally.times), "share": f"{tally.times / reached:.2f}"})
        rows.extend({**base, **row} for row in own_words_rows(t, lang))
    return [{c: r.get(c, "") for c in CSV_COLUMNS} for r in rows]


def own_words_rows(t: ScenarioTally, lang: str) -> list[dict[str, str]]:
    """One row per decision where a trainee typed their own words first (own-words mode)."""
    rows = []
    for w in t.words:
        node = t.scenario.nodes.get(w.node)
        choice = next((c for c in node.choices if c.id == w.choice), None) if node is not None else None
        rows.append({"row": "own_words", "key": w.node, "label": node.text.get(lang) if node else "",
                     "choice": w.choice, "choice_text": choice.text.get(lang) if choice else "",
                     "verdict": w.verdict, "session": str(w.session), "own_words": w.words})
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV; every cell a spreadsheet would run as a formula is neutralised (``csv_cell``)."""
    from .safetext import csv_cell
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(str(v)) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def render_text(report: Report, lang: str, top: int = 5) -> list[str]:
    out: list[str] = []
    for sid, t in sorted(report.tallies.items()):
        out.append(f"== {t.scenario.title.get(lang)} ({sid}): {tr('report_sessions', lang, n=t.sessions)} ==")
        if report.replays.get(sid):
            out.append("  " + tr("report_replays", lang, n=report.replays[sid]))
        for dim in DIMENSIONS:
            mean, sd, lo, hi = _stats(t.scores[dim.key])
            name = f"{dim.short.get(lang)}  {dim.label.get(lang)}"[:44]
            out.append(f"  {name:<44} {mean:>6} ± {sd:<5} [{lo}..{hi}] / {t.best.get(dim.key, '')}")
        mean, sd, lo, hi = _stats(t.scores["overall"])
        out.append(f"  {tr('overall', lang):<44} {mean:>6} ± {sd:<5} [{lo}..{hi}] / {t.best.get('overall', '')}")
        flagged = t.flagged()[:top]
        if flagged:
            out.append(f"  {tr('report_common_mistakes', lang)}:")
            for nid, cid, tally in flagged:
                choice = next(c for c in t.scenario.nodes[nid].choices if c.id == cid)
                verdict = tr("verdict_" + tally.verdict if tally.verdict in FLAGGED else "missed_opportunity", lang)
                out.append(f"    {tally.times}/{t.reached[nid]}  {nid}: {choice.text.get(lang)[:60]} ({verdict})")
        if t.words:
            out.append(f"  {tr('report_own_words', lang)}:")
            for w in t.words[-top:]:
                verdict = f" ({tr('verdict_' + w.verdict, lang)})" if w.verdict else ""
                who = tr("session_n", lang, id=w.session)
                out.append(f"    {who}, {w.node}: “{w.words[:70]}” → {w.choice}{verdict}")
        out.append("")
    return out


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("report", help="trainer report over all saved sessions (per scenario and dimension)")
    r.add_argument("--scenario", metavar="ID", help="only this scenario")
    r.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions")
    r.add_argument("--csv", metavar="FILE", help="write the report as CSV")
    r.add_argument("--force", action="store_true", help="replace an existing CSV file")
    r.add_argument("--lang", choices=("nl", "en"), default=None, dest="cmd_lang")
    r.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from .export_json import ExportError, write_text
    lang = args.cmd_lang or args.lang or "nl"
    try:
        with Journal() as journal:
            if journal.notice:
                print(journal.notice, file=sys.stderr)
            report = build_report(journal, args.scenario, args.trainee)
    except JournalError as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in report.skipped:
        print(line, file=sys.stderr)
    if not report.tallies:
        print(tr("report_empty", lang))
        return 0
    if args.csv:
        try:
            write_text(args.csv, to_csv(csv_rows(report, lang)), force=args.force)
        except ExportError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(tr("written", lang, path=args.csv))
        return 0
    for line in render_text(report, lang):
        print(line)
    return 0
