"""``tussenwerker sync``: deliver the outbox to the LRS now, see what waits, set the LRS up.

The window and the terminal player send in the background; ``sync`` is the same delivery by
hand — after a day offline, or to check a course's setup — with a progress line and an exit
code a script can use: 0 when nothing waits, 1 when something does (the reason in one line).
``--configure`` stores the endpoint, key and group in ``lrs.json`` (the secret read from
standard input with ``--secret-stdin``, never from the command line, where the shell's history
and the process list would keep it).
"""

from __future__ import annotations

import argparse
import sys
import time

from simulator.i18n import tr
from simulator.journal import Journal, JournalError
from simulator.xapi.config import ConfigError, config_path, load_config, load_quietly, save_config
from simulator.xapi.sender import Sender

EXIT_OK, EXIT_WAITING, EXIT_USAGE = 0, 1, 2


def _configure(args: argparse.Namespace) -> int:
    changes: dict = {}
    for key in ("endpoint", "key", "group", "batch"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.secret_stdin:
        changes["secret"] = sys.stdin.readline().rstrip("\r\n")
    if not changes:
        print("sync --configure: give --endpoint, --key, --secret-stdin, --group or --batch", file=sys.stderr)
        return EXIT_USAGE
    try:
        save_config(changes)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    in_use, _ = load_quietly()  # the environment's TUSSENWERKER_LRS_* still go over the file
    print(f"{config_path()}: {', '.join(sorted(changes))} stored (endpoint in use: {in_use.endpoint_shown or '-'})")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    lang = args.cmd_lang or args.lang or "nl"
    if args.configure:
        return _configure(args)
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    try:
        journal = Journal()
    except JournalError as exc:
        print(exc, file=sys.stderr)
        return EXIT_WAITING
    try:
        sender = Sender(str(journal.path), config)
        try:
            if args.status:
                return _status(sender, lang)
            if args.retry_rejected:
                print(f"{sender.store.retry_rejected()} refused statements queued again")
            if not config.enabled:
                waiting = sender.status().waiting
                print(tr("lrs_not_configured", lang), file=sys.stderr)
                return EXIT_WAITING if waiting else EXIT_OK
            deadline = time.monotonic() + args.timeout if args.timeout else None
            shown = {"at": 0.0}

            def progress(done) -> None:
                if time.monotonic() - shown["at"] >= 1.0 and sys.stderr.isatty():
                    shown["at"] = time.monotonic()
                    print(f"\r{done.sent} sent", end="", file=sys.stderr, flush=True)

            result = sender.drain(deadline=deadline, progress=progress)
            status = sender.status()
        finally:
            sender.close()
    finally:
        journal.close()
    if sys.stderr.isatty() and result.sent:
        print("\r", end="", file=sys.stderr)
    print(tr("lrs_sent_now", lang, n=result.sent, where=config.endpoint_shown))
    if result.error is not None:
        print(str(result.error), file=sys.stderr)
    line = status.line(lang)
    if line:
        print(line)
        return EXIT_WAITING
    print(tr("lrs_all_sent", lang))
    return EXIT_OK


def _status(sender, lang: str) -> int:
    config = sender.config
    print(f"settings: {config_path()}")
    for key, value in config.shown().items():
        if key != "pseudonym" or value:
            print(f"  {key}: {value}")
    print(f"  actor: {config.identity_kind}")
    status = sender.status()
    print(f"outbox: {status.waiting} waiting, {status.sent} sent, {status.rejected} refused")
    for rowid, key, problem in sender.store.rejected():
        print(f"  refused #{rowid} ({key}): {problem}")
    line = status.line(lang)
    return EXIT_WAITING if line else EXIT_OK
