"""The ``sessions`` and ``debrief`` commands: past sessions, and one debrief again.

``sessions`` lists what the journal holds (date, scenario, ending, overall score);
``debrief ID`` shows a session's review in the terminal or, with ``--html``, ``--md``
or ``--json``, writes it as a report (on the values kept with the session where they
still hold: ``kept_values``); for a replay from a decision (``replay``, in
``cmd_replay``) it shows both paths side by side. Every failure is one line on stderr
and exit code 1. The journal is only read here, except by ``debrief ID --rate``, which
stores the trainee's self-rating for a session that has none yet.
"""

from __future__ import annotations

import argparse
import sys
import time

from simulator import kept_values
from simulator.debriefing import (
    DebriefError,
    branch_comparison,
    progress_for,
    saved_session,
    scenario_changed,
    scenario_for,
    session_review,
)
from simulator.export.html import render_html
from simulator.export.json_data import ExportError, debrief_data, to_json, write_text
from simulator.export.markdown import render_md
from simulator.i18n import tr
from simulator.journal import Journal, JournalError
from simulator.terminal.debrief import render
from simulator.terminal.rating import ask_rating
from simulator.waiting import waiting

EXIT_OK, EXIT_FAILED = 0, 1


def _err(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILED


def _open() -> Journal:
    journal = Journal()
    if journal.notice:
        print(journal.notice, file=sys.stderr)
    return journal


def local_time(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def cmd_sessions(args: argparse.Namespace) -> int:
    lang = args.cmd_lang or args.lang or "nl"
    try:
        with _open() as journal:
            records = journal.sessions(args.scenario)
            path = journal.path
    except JournalError as exc:
        return _err(str(exc))
    if not records:
        print(tr("no_sessions", lang, path=path))
        return EXIT_OK
    rows = [(tr("col_id", lang), tr("col_date", lang), tr("col_scenario", lang), tr("col_ending", lang),
             tr("col_score", lang), tr("col_trainee", lang))]
    for r in records:
        ending = (r.ending or "") if r.finished else tr("unfinished", lang, n=r.steps)
        score = "" if r.overall is None else str(r.overall)
        who = r.trainee
        if r.is_branch:
            who = f"{who} ({tr('replay_of', lang, id=r.parent_id, n=(r.branch_index or 0) + 1)})".strip()
        rows.append((str(r.id), local_time(r.started_at), r.scenario_id, ending, score, who))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [row[0].rjust(widths[0])] + [c.ljust(w) for c, w in zip(row[1:4], widths[1:4])]
        cells += [row[4].rjust(widths[4]), row[5]]
        print("  ".join(cells).rstrip())
    return EXIT_OK


def cmd_debrief(args: argparse.Namespace) -> int:
    try:
        with _open() as journal:
            record = journal.get(args.id)
            lang = args.cmd_lang or args.lang or record.language
            scenario = scenario_for(record, args.scenario)
            session = saved_session(journal, record, scenario)
            kept = kept_values.read(journal, record.id, session)
            changed = scenario_changed(journal, record, scenario)
            progress = progress_for(journal, record)
            rating = journal.rating(record.id)
            if args.rate and rating is None and record.finished:
                rating = _ask_and_store(journal, record.id, scenario, lang)
            try:
                comparison = branch_comparison(journal, record, scenario, session)
            except DebriefError as exc:
                comparison = None
                print(tr("parent_gone", lang, id=record.parent_id, reason=exc), file=sys.stderr)
    except (JournalError, DebriefError) as exc:
        return _err(str(exc))
    with waiting(tr("waiting_debrief", lang)):
        result = session_review(session, kept)
    session.close()
    if changed:
        print(tr("scenario_changed", lang), file=sys.stderr)
    exports = [(args.json, "json"), (args.md, "md"), (args.html, "html")]
    if not any(path for path, _ in exports):
        names = {r.id: r.name for r in scenario.residents}
        for line in render(result, lang, names, progress, rating, comparison, record.parent_id):
            print(line)
        if record.finished:
            print()
            print(tr("replay_hint", lang, id=record.id))
        return EXIT_OK
    data = debrief_data(result, lang, record, progress, rating, comparison)
    for path, kind in exports:
        if not path:
            continue
        text = _render(kind, data, to_json)
        try:
            write_text(path, text, force=args.force)
        except ExportError as exc:
            return _err(str(exc))
        print(tr("written", lang, path=path))
    return EXIT_OK


def _ask_and_store(journal: Journal, session_id: int, scenario, lang: str):
    """``--rate``: ask the self-rating on stdin and store it (a failed write is one line)."""
    rating = ask_rating(scenario, lang, sys.stdout, sys.stdin)
    if rating is not None:
        try:
            journal.set_rating(session_id, rating)
        except JournalError as exc:
            print(exc, file=sys.stderr)
            print(tr("sr_saved_fail", lang), file=sys.stderr)
    return rating


def _render(kind: str, data: dict, to_json) -> str:
    if kind == "json":
        return to_json(data)
    if kind == "md":
        return render_md(data)
    return render_html(data)
