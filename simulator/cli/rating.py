"""Commands for checking a scenario's scoring: rate-sheet, rate-report and signoff.

The workflow (docs/authoring.md, "Laat je scenario toetsen"): the author makes a blind
rating sheet (``rate-sheet``), trainers fill it in without seeing the key, ``rate-report``
sets their answers beside each other and beside the key and flags where to look again,
and once the key holds up, a trainer signs it off (``signoff``), decision by decision.
Every problem a user can cause prints one line and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Optional

from engine.rating.compare import compare
from engine.rating.items import items
from engine.rating.ratings import RatingError, RatingSheet
from engine.scenario.signoff import SignoffError, SignoffFile, assess, make_signoff, read_sidecar, sidecar_path
from simulator.cli.problems import authoring_lang, load_or_report
from simulator.export.ratereport import render_html, render_md
from simulator.export.ratesheet_csv import render_csv
from simulator.export.ratesheet_html import render_sheet
from simulator.export.ratesheet_read import read_sheet
from simulator.i18n.rating import say
from simulator.safewrite import WriteRefused, atomic_write, write_output
from simulator.signoff_status import label, signer

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SHEET_FORMATS = {".html": "html", ".htm": "html", ".csv": "csv"}


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILED


def _lang(args: argparse.Namespace) -> str:
    return args.rating_lang or args.lang or "nl"


def _write(path: str, text: str, force: bool) -> Optional[str]:
    """Write a file the user named by ``safewrite``'s rules: never over the journal, the settings or
    a scenario, over another existing file only with ``--force`` (or a "yes" on a terminal), via a
    temporary file nothing planted can redirect. None, or the one line why not."""
    try:
        write_output(path, text, force=force)
    except WriteRefused as exc:
        return str(exc)
    return None


def _write_own(path: str, text: str) -> Optional[str]:
    """Replace a file this program keeps (the sign-off beside a scenario) all at once."""
    try:
        atomic_write(path, text)
    except WriteRefused as exc:
        return str(exc)
    return None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


# -- rate-sheet --------------------------------------------------------------------------
def cmd_rate_sheet(args: argparse.Namespace) -> int:
    kind = SHEET_FORMATS.get(Path(args.out).suffix.lower())
    if kind is None:
        return _fail(f"{args.out}: name the sheet .html (a form that saves JSON) or .csv (a spreadsheet)")
    if os.path.lexists(args.out) and not args.force:
        return _fail(f"{args.out}: already exists (a filled sheet?); choose another name or add --force")
    scenario = load_or_report(args.scenario, authoring_lang(args))
    if scenario is None:
        return EXIT_FAILED
    lang = _lang(args)
    blind = items(scenario, args.seed)
    if kind == "html":
        text = render_sheet(scenario, blind, lang, args.seed, _now()[:10])
    else:
        text = render_csv(scenario, blind, lang, args.seed)
    problem = _write(args.out, text, force=True)  # (an existing sheet was refused above)
    if problem:
        return _fail(problem)
    print(f"wrote {args.out}: {len(blind)} decisions of {scenario.id}, options shuffled, the key left out")
    return EXIT_OK


# -- rate-report -------------------------------------------------------------------------
def cmd_rate_report(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.scenario, authoring_lang(args))
    if scenario is None:
        return EXIT_FAILED
    sheets, failed = [], False
    for path in args.sheets:
        try:
            sheet = read_sheet(path, scenario)
        except RatingError as exc:
            print(exc, file=sys.stderr)
            failed = True
            continue
        twin = next((s for s in sheets if _same_sheet(s, sheet)), None)
        if twin is not None:  # counted twice, a rater would agree with themselves: agreement looks better than it is
            print(say("rr_same_sheet", authoring_lang(args), path=path, first=twin.source), file=sys.stderr)
            continue
        sheets.append(sheet)
    if failed:
        return EXIT_FAILED
    report = compare(scenario, sheets)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    lang, stamp = _lang(args), _now()[:16].replace("T", " ")
    if not args.html and not args.md:
        sys.stdout.write(render_md(report, scenario, lang, stamp))
        return EXIT_OK
    for path, render in ((args.html, render_html), (args.md, render_md)):
        if path:
            problem = _write(path, render(report, scenario, lang, stamp), args.force)
            if problem:
                return _fail(problem)
            print(f"wrote {path}")
    print(f"{len(report.decisions)} decisions, {len(sheets)} sheet(s); to look at again: "
          + (", ".join(d.id for d in report.flagged) or "none"))
    return EXIT_OK


def _same_sheet(a: RatingSheet, b: RatingSheet) -> bool:
    """The same answers handed in twice: one file named twice (a shell pattern that matched it
    twice, a link), or a named rater's sheet in two copies or formats. Two unnamed sheets with
    the same answers may be two raters, and stay two."""
    try:
        if os.path.samefile(a.source, b.source):
            return True
    except OSError:
        pass
    return bool(a.rater) and (a.rater, a.role, a.responses) == (b.rater, b.role, b.responses)


# -- signoff -----------------------------------------------------------------------------
def cmd_signoff(args: argparse.Namespace) -> int:
    # An authoring command: English unless --lang nl (after the command or before it), every line alike.
    lang = args.rating_lang or authoring_lang(args)
    scenario = load_or_report(args.scenario, lang)
    if scenario is None:
        return EXIT_FAILED
    path = sidecar_path(scenario.path)
    try:
        sidecar = read_sidecar(scenario.path)
    except SignoffError as exc:
        return _fail(f"{exc.problem}; fix or remove that file first")
    if args.name is None and args.role is None:
        status = assess(scenario, sidecar)
        print(f"{scenario.id}: {label(status, lang)}")
        for d, s in status.changed:
            print(f"  {d}: {say('so_decision_changed', lang, who=signer(s, lang))}")
        changed = {d for d, _ in status.changed}
        for d in status.unsigned:
            if d not in changed:
                print(f"  {d}: {say('so_decision_unsigned', lang)}")
        return EXIT_OK
    if not args.name or not args.role:
        print("signoff: give both --name and --role to sign (or neither, to see who signed)", file=sys.stderr)
        return EXIT_USAGE
    if path is None:
        return _fail(f"{scenario.path}: a scenario without a file can't be signed off")
    try:
        signoff = make_signoff(scenario, args.name, args.role, _now(), args.decisions, args.note)
    except ValueError as exc:
        return _fail(f"{scenario.path}:1:1: {exc}")
    if sidecar is not None and sidecar.scenario_id != scenario.id:
        return _fail(f"{path}:1:1: this sign-off file is for scenario {sidecar.scenario_id!r}, not "
                     f"{scenario.id!r}; move it away first")
    updated = (sidecar or SignoffFile(path, scenario.id)).with_signoff(signoff)
    problem = _write_own(str(path), updated.to_json())
    if problem:
        return _fail(problem)
    print(f"{signoff.name} ({signoff.role}) signed off {len(signoff.decisions)} of "
          f"{len(assess(scenario, updated).decisions)} decisions of {scenario.id}; written to {path}")
    return EXIT_OK
