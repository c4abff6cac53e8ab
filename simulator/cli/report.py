"""The trainer report: a cohort's finished sessions, per scenario and dimension.

A trainer running a course wants to know where a group struggles, not one trainee's
score: per scenario and dimension the number of sessions, the mean, the spread
(sample standard deviation), the lowest and highest score; how the meetings ended;
per decision the choices the game review most often judged a mistake, an inaccuracy
or a missed opportunity; and a heat map on the scenario graph: per decision, how the
group chose (``heatmap``). Every session is judged by the same engine review as its
debrief, so the report and the debriefs agree.

The cohort comes from this machine's journal (no sources named), from files the trainer
names — exported JSON debriefs and trainees' journals, or folders of them (``cohort``) —
or, with ``--lrs``, from the academy's Learning Record Store (``xapi.lrs_read``).

A replay from a debrief decision ("replay from here") is practice on one moment, not a new
meeting: its decisions before the branch point are the first attempt's. Counting it would
weigh those decisions twice, so replays are left out of the figures and only counted.

Own-words mode keeps what a trainee typed before seeing the options; the report keeps it
too (``own_words`` rows: session, decision, the words, the option picked and its verdict),
since what trainees say unprompted is what a trainer most wants to read.

``python -m simulator report [SOURCE...] [--lrs] [--scenario ID] [--since DATE] [--csv FILE]
[--html FILE] [--svg FILE] [--mermaid FILE]``; the CSV's columns are ``CSV_COLUMNS`` (one
table, the ``row`` column says which kind of line it is).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import sys
from dataclasses import dataclass, field
from typing import Optional

from engine.scenario.dimensions import DIMENSION_KEYS, DIMENSIONS
from simulator.cohort import OVERALL, CohortError, PlayedSession, read_sources, select, this_journal
from simulator.cohort_tally import (
    ScenarioTally,
    choice_text,
    find_scenario,
    node_text,
    scenario_title,
    stats,
    tally,
    verdict_word,
)
from simulator.export.cohort_html import render_html
from simulator.export.graph import to_mermaid
from simulator.export.heatmap import heat_of
from simulator.export.heatmap_svg import heat_svg
from simulator.export.json_data import ExportError, write_text
from simulator.i18n import sessions_said, tr
from simulator.journal import JournalError
from simulator.safetext import csv_cell
from simulator.xapi.config import load_config
from simulator.xapi.lrs_read import read_lrs

CSV_COLUMNS = ("scenario", "scenario_title", "row", "key", "label", "sessions", "mean", "sd", "min", "max",
               "best_achievable", "choice", "choice_text", "verdict", "times", "share", "session", "own_words")


@dataclass
class Report:
    tallies: dict[str, ScenarioTally]
    skipped: list[str] = field(default_factory=list)  # one line per source or session that couldn't be read

    @property
    def shown(self) -> dict[str, ScenarioTally]:
        """The scenarios with finished sessions to report on (not only replays)."""
        return {sid: t for sid, t in sorted(self.tallies.items()) if t.sessions}


def build_report(sessions: list[PlayedSession], skipped: Optional[list[str]] = None) -> Report:
    return Report(tally(sessions, find_scenario), list(skipped or []))


def _share(times: int, of: int) -> str:
    return f"{times / of:.2f}" if of else ""


def csv_rows(report: Report, lang: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    labels = {d.key: f"{d.short.get(lang)} {d.label.get(lang)}" for d in DIMENSIONS}
    labels[OVERALL] = tr("overall", lang)
    for sid, t in report.shown.items():
        base = {"scenario": sid, "scenario_title": scenario_title(t, lang)}
        for key in DIMENSION_KEYS + (OVERALL,):
            mean, sd, lo, hi = stats(t.scores[key])
            rows.append({**base, "row": OVERALL if key == OVERALL else "dimension", "key": key,
                         "label": labels[key], "sessions": str(t.sessions), "mean": mean, "sd": sd,
                         "min": lo, "max": hi, "best_achievable": str(t.best.get(key, ""))})
        if t.replays:
            rows.append({**base, "row": "replays", "key": "replays", "label": tr("report_replays_label", lang),
                         "times": str(t.replays)})
        for ending_id, times in t.endings.most_common():
            ending = t.scenario.endings.get(ending_id) if t.scenario is not None else None
            rows.append({**base, "row": "ending", "key": ending_id,
                         "label": ending.title.get(lang) if ending else "", "sessions": str(t.sessions),
                         "times": str(times), "share": _share(times, t.sessions)})
        for nid, cid, choice in t.flagged():
            reached = t.nodes[nid].reached
            rows.append({**base, "row": "mistake", "key": nid, "label": node_text(t, nid, lang),
                         "sessions": str(reached), "choice": cid, "choice_text": choice_text(t, nid, cid, lang),
                         "verdict": choice.verdict, "times": str(choice.times), "share": _share(choice.times, reached)})
        rows.extend(_choice_rows(t, base, lang))
        rows.extend({**base, **row} for row in own_words_rows(t, lang))
    return [{c: r.get(c, "") for c in CSV_COLUMNS} for r in rows]


def own_words_rows(t: ScenarioTally, lang: str) -> list[dict[str, str]]:
    """One row per decision where a trainee typed their own words first (own-words mode)."""
    return [{"row": "own_words", "key": w.node, "label": node_text(t, w.node, lang), "choice": w.choice,
             "choice_text": choice_text(t, w.node, w.choice, lang), "verdict": w.verdict, "session": w.source,
             "own_words": w.words} for w in t.words]


def _choice_rows(t: ScenarioTally, base: dict[str, str], lang: str) -> list[dict[str, str]]:
    """The heat map as rows: per decision every option with its share (``choice``), the time-outs
    taken there (``timeout``), and per preparation question every answer (``answer``)."""
    rows: list[dict[str, str]] = []
    if t.scenario is None:  # no file for it here: the figures stand, the per-option rows can't be named
        return rows
    heat = heat_of(t)
    for node in heat.nodes:
        for option in node.options:
            rows.append({**base, "row": "choice", "key": node.node_id, "label": node_text(t, node.node_id, lang),
                         "sessions": str(node.reached), "choice": option.choice_id,
                         "choice_text": choice_text(t, node.node_id, option.choice_id, lang),
                         "verdict": option.verdict, "times": str(option.times),
                         "share": _share(option.times, node.reached),
                         "best_achievable": "best" if option.best else ""})
        if node.timeouts:
            rows.append({**base, "row": "timeout", "key": node.node_id, "label": node_text(t, node.node_id, lang),
                         "sessions": str(node.reached), "choice": "timeout",
                         "choice_text": choice_text(t, node.node_id, "timeout", lang), "times": str(node.timeouts),
                         "share": _share(node.timeouts, node.reached)})
    for qid, question in sorted(t.questions.items()):
        for cid, choice in sorted(question.choices.items(), key=lambda kv: -kv[1].times):
            rows.append({**base, "row": "answer", "key": qid, "sessions": str(question.reached), "choice": cid,
                         "verdict": choice.verdict, "times": str(choice.times),
                         "share": _share(choice.times, question.reached)})
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV; every cell a spreadsheet would run as a formula is neutralised (``csv_cell``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(str(v)) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def render_text(report: Report, lang: str, top: int = 5) -> list[str]:
    out: list[str] = []
    for sid, t in report.shown.items():
        out.append(f"== {scenario_title(t, lang)} ({sid}): {sessions_said(t.sessions, lang)} ==")
        if t.replays:
            out.append("  " + tr("report_replays", lang, n=t.replays))
        if t.scenario is None:
            out.append("  " + tr("cohort_no_scenario", lang, id=sid))
        for dim in DIMENSIONS:
            mean, sd, lo, hi = stats(t.scores[dim.key])
            name = f"{dim.short.get(lang)}  {dim.label.get(lang)}"[:44]
            out.append(f"  {name:<44} {mean:>6} ± {sd:<5} [{lo}..{hi}] / {t.best.get(dim.key, '')}")
        mean, sd, lo, hi = stats(t.scores[OVERALL])
        out.append(f"  {tr('overall', lang):<44} {mean:>6} ± {sd:<5} [{lo}..{hi}] / {t.best.get(OVERALL, '')}")
        flagged = t.flagged()[:top]
        if flagged:
            out.append(f"  {tr('report_common_mistakes', lang)}:")
            for nid, cid, choice in flagged:
                text = choice_text(t, nid, cid, lang)[:60] or cid
                out.append(f"    {choice.times}/{t.nodes[nid].reached}  {nid}: {text} "
                           f"({verdict_word(choice.verdict, lang)})")
        missed = t.missed_opportunities()[:top]
        if missed:
            out.append(f"  {tr('cohort_missed', lang)}:")
            for nid, n, reached, reason in missed:
                out.append(f"    {n}/{reached}  {nid}: {node_text(t, nid, lang)[:60]} "
                           f"({tr('cohort_reason_' + reason, lang)})")
        left = t.best_left()[:top]
        if left:
            out.append(f"  {tr('cohort_best_left', lang)}:")
            for nid, cid, taken, reached in left:
                out.append(f"    {taken}/{reached}  {nid}: {choice_text(t, nid, cid, lang)[:60] or cid}")
        if t.words:
            out.append(f"  {tr('report_own_words', lang)}:")
            for w in t.words[-top:]:
                verdict = f" ({tr('verdict_' + w.verdict, lang)})" if w.verdict else ""
                out.append(f"    {w.source}, {w.node}: “{w.words[:70]}” → {w.choice}{verdict}")
        out.append("")
    return out


def _usage(args: argparse.Namespace) -> Optional[str]:
    if args.lrs and args.sources:
        return "report: name SOURCE files or use --lrs, not both"
    if (args.group or args.registration) and not args.lrs:
        return "report: --group and --registration read the LRS; add --lrs"
    if args.trainee and (args.lrs or args.sources):
        return "report: --trainee is for this machine's journal; leave out SOURCE and --lrs"
    return None


def gather(args: argparse.Namespace, problems: list[str]) -> list[PlayedSession]:
    """The cohort the command line asks for."""
    if args.lrs:
        sessions = read_lrs(problems, scenario_id=args.scenario, since=args.since, group=args.group,
                            registration=args.registration)
    elif args.sources:
        sessions = read_sources(args.sources, problems)
    else:
        sessions = this_journal(problems, args.scenario, args.trainee)
    return select(sessions, args.scenario, args.since)


def cmd_report(args: argparse.Namespace) -> int:
    lang = args.cmd_lang or args.lang or "nl"
    problem = _usage(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    problems: list[str] = []
    try:
        sessions = gather(args, problems)
    except (JournalError, CohortError) as exc:
        print(exc, file=sys.stderr)
        return 1
    report = build_report(sessions, problems)
    for line in report.skipped:
        print(line, file=sys.stderr)
    if not report.shown:
        if (args.lrs or args.sources) and report.skipped:  # nothing could be read: the lines above say why
            return 1
        print(tr("report_empty", lang))
        return 0
    outputs = [(args.csv, lambda: to_csv(csv_rows(report, lang)))]
    if args.html:
        outputs.append((args.html, lambda: render_html(report, lang, _source_line(args, lang))))
    for target, what in (("svg", args.svg), ("mermaid", args.mermaid)):
        if what:
            single = _single(report, target)
            if single is None:
                return 2
            outputs.append((what, _heat_output(single, target, lang)))
    wrote = False
    for path, make in outputs:
        if not path:
            continue
        try:
            write_text(path, make(), force=args.force)
        except ExportError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(tr("written", lang, path=path))
        wrote = True
    if not wrote:
        for line in render_text(report, lang):
            print(line)
    return 0


def _single(report: Report, what: str) -> Optional[ScenarioTally]:
    shown = report.shown
    if len(shown) != 1:
        print(f"report: --{what} draws one scenario's graph; choose one with --scenario "
              f"({', '.join(shown)})", file=sys.stderr)
        return None
    t = next(iter(shown.values()))
    if t.scenario is None:
        print(f"report: --{what}: no scenario file with id {t.scenario_id!r} here to draw "
              f"(put it in your own scenario folder: tussenwerker paths)", file=sys.stderr)
        return None
    return t


def _heat_output(t: ScenarioTally, what: str, lang: str):
    if what == "svg":
        return lambda: heat_svg(heat_of(t), lang)
    return lambda: to_mermaid(t.scenario, lang, heat=heat_of(t))


def _source_line(args: argparse.Namespace, lang: str) -> str:
    """What the report was made from, for its heading (never a credential)."""
    if args.lrs:
        where = load_config().endpoint_shown or "LRS"
    elif args.sources:
        where = ", ".join(args.sources)
    else:
        where = tr("cohort_this_journal", lang)
    parts = [where]
    if args.group:
        parts.append(f"{tr('cohort_group', lang)} {args.group}")
    if args.since is not None:
        parts.append(f"{tr('cohort_since', lang)} {datetime.datetime.fromtimestamp(args.since):%Y-%m-%d %H:%M}")
    return " · ".join(parts)
