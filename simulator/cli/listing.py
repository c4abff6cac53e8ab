"""``tussenwerker list``: the shipped scenarios, then the trainer's own."""

from __future__ import annotations

import argparse
import sys

from simulator import catalog
from simulator.cli.exits import EXIT_INVALID, EXIT_OK
from simulator.i18n import tr
from simulator.i18n.authoring import say
from simulator.signoff_status import label, status_of


def cmd_list(args: argparse.Namespace) -> int:
    """The shipped scenarios, then the trainer's own under a heading that names their folder
    (an own scenario with a shipped id stays a row of its own there)."""
    lang = args.lang or "nl"
    entries = catalog.load_catalog()
    if not entries:
        print(f"no scenarios in {catalog.scenario_dir()} or {catalog.user_scenario_dir()}", file=sys.stderr)
        return EXIT_INVALID
    shipped = [e for e in entries if not e.own]
    own = [e for e in entries if e.own]
    rows = _list_rows(shipped, lang)
    own_rows = _list_rows(own, lang)
    widths = [max(len(r[i]) for r in rows + own_rows) for i in (0, 1)]
    _print_rows(rows, widths)
    if own_rows:
        if rows:
            print()
        print(tr("own_scenarios_in", lang, path=catalog.user_scenario_dir()))
        _print_rows(own_rows, widths)
    return EXIT_OK


def _list_rows(entries: list, lang: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for e in entries:
        if e.scenario is None:
            rows.append((e.path.stem, say("list_invalid", lang, error=e.error), "", ""))
            continue
        s = e.scenario
        residents = ", ".join(r.name for r in s.residents)
        length = f"{s.minutes} min, " if s.minutes else ""
        length += say("list_size", lang, nodes=len(s.nodes), decisions=s.decision_count)
        rows.append((s.id, s.title.get(lang), residents, f"{length}; {label(status_of(s), lang)}"))
    return rows


def _print_rows(rows: list[tuple[str, str, str, str]], widths: list[int]) -> None:
    w0, w1 = widths
    for r in rows:
        print(f"{r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]}  ({r[3]})" if r[3] else f"{r[0]:<{w0}}  {r[1]}")
