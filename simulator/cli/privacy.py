"""``tussenwerker privacy``: a trainee's own data — see it, take it, delete it, decide what is sent.

- ``privacy status``: what is kept where, and what goes to the LRS (``docs/privacy.md``).
- ``privacy export FILE``: everything kept about you as one JSON file (``privacy.export_data``).
- ``privacy delete --session ID... | --all``: delete sessions; what the LRS already has is voided.
- ``privacy identity``: who the statements say you are — ``--pseudonym`` (the default),
  ``--email``, ``--account`` with ``--homepage``, optionally ``--name``.
- ``privacy own-words``: ``--send yes|no`` (off by default) and ``--keep-days N|forever``.
"""

from __future__ import annotations

import argparse
import sys

from simulator.export.json_data import ExportError, to_json, write_text
from simulator.journal import Journal, JournalError
from simulator.privacy import delete_sessions, export_data, status_lines
from simulator.xapi.config import ConfigError, load_config, save_config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def cmd_privacy(args: argparse.Namespace) -> int:
    action = getattr(args, "privacy_action", None) or "status"
    try:
        if action == "identity":
            return _identity(args)
        if action == "own-words":
            return _own_words(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    try:
        with Journal() as journal:
            if action == "export":
                return _export(journal, args)
            if action == "delete":
                return _delete(journal, args)
            return _status(journal)
    except JournalError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED


def _identity(args: argparse.Namespace) -> int:
    if args.pseudonym:
        changes = {"actor_email": "", "account_name": "", "account_homepage": "", "actor_name": ""}
    elif args.email:
        if "@" not in args.email or any(c.isspace() for c in args.email):
            print(f"privacy identity: {args.email!r} is not an e-mail address", file=sys.stderr)
            return EXIT_USAGE
        changes = {"actor_email": args.email, "account_name": "", "account_homepage": "",
                   "actor_name": args.name or ""}
    else:
        if not args.homepage:
            print("privacy identity: --account needs --homepage (the academy's address)", file=sys.stderr)
            return EXIT_USAGE
        changes = {"actor_email": "", "account_name": args.account, "account_homepage": args.homepage,
                   "actor_name": args.name or ""}
    config = save_config(changes)
    print(f"statements will name you by: {config.identity_kind}"
          + (f" ({config.actor_name})" if config.actor_name else ""))
    return EXIT_OK


def _own_words(args: argparse.Namespace) -> int:
    changes: dict = {}
    if args.send is not None:
        changes["send_own_words"] = args.send == "yes"
    if args.keep_days is not None:
        if args.keep_days == "forever":
            changes["own_words_days"] = None
        elif args.keep_days.isdigit():
            changes["own_words_days"] = int(args.keep_days)
        else:
            print(f"privacy own-words: --keep-days {args.keep_days!r}: a number of days or 'forever'",
                  file=sys.stderr)
            return EXIT_USAGE
    config = save_config(changes) if changes else load_config()
    days = config.own_words_days
    print(f"own words sent to the LRS: {'yes' if config.send_own_words else 'no'}; kept: "
          + ("as long as the session" if days is None else "until the session ends" if days == 0
             else f"{days} days"))
    return EXIT_OK


def _export(journal, args: argparse.Namespace) -> int:
    try:
        write_text(args.file, to_json(export_data(journal)), force=args.force)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    print(f"written: {args.file}")
    return EXIT_OK


def _delete(journal, args: argparse.Namespace) -> int:
    if args.all == bool(args.session):
        print("privacy delete: give --session ID... or --all", file=sys.stderr)
        return EXIT_USAGE
    ids = [r.id for r in journal.sessions()] if args.all else list(args.session)
    if not args.yes:
        if not sys.stdin.isatty():
            print("privacy delete: add --yes to delete without being asked", file=sys.stderr)
            return EXIT_USAGE
        answer = input(f"Delete {len(ids)} session(s)? This can't be undone. [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            return EXIT_OK
    done = delete_sessions(journal, ids)
    for line in done.lines():
        print(line, file=sys.stderr if line.startswith("no session") else sys.stdout)  # (a problem: stderr)
    return EXIT_OK if not done.missing else EXIT_FAILED


def _status(journal) -> int:
    for line in status_lines(journal):
        print(line)
    return EXIT_OK
