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

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("privacy", help="your own data: status, export, delete, identity, own words (docs/privacy.md)")
    actions = p.add_subparsers(dest="privacy_action", metavar="ACTION")
    actions.add_parser("status", help="what is kept where, and what is sent")
    e = actions.add_parser("export", help="everything kept about you, as one JSON file")
    e.add_argument("file", metavar="FILE")
    e.add_argument("--force", action="store_true", help="replace an existing file")
    d = actions.add_parser("delete", help="delete sessions (those the LRS has are voided there)")
    d.add_argument("--session", type=int, nargs="+", metavar="ID", help="session numbers (see 'sessions')")
    d.add_argument("--all", action="store_true", help="every session")
    d.add_argument("--yes", action="store_true", help="don't ask")
    i = actions.add_parser("identity", help="who the statements sent to the LRS say you are")
    who = i.add_mutually_exclusive_group(required=True)
    who.add_argument("--pseudonym", action="store_true", help="a random id (the default): no name, no e-mail")
    who.add_argument("--email", metavar="ADDRESS", help="your e-mail address")
    who.add_argument("--account", metavar="LOGIN", help="your login at the academy (with --homepage)")
    i.add_argument("--homepage", metavar="URL", help="the academy's home page for --account")
    i.add_argument("--name", metavar="NAME", help="your name, sent with --email or --account")
    w = actions.add_parser("own-words", help="whether typed own words are sent, and how long they are kept")
    w.add_argument("--send", choices=("yes", "no"), help="send own words to the LRS (off by default)")
    w.add_argument("--keep-days", metavar="N|forever", help="keep typed own words N days (0: not after the session)")
    p.set_defaults(func=cmd_privacy)


def cmd_privacy(args: argparse.Namespace) -> int:
    action = getattr(args, "privacy_action", None) or "status"
    from simulator.xapi.config import ConfigError
    try:
        if action == "identity":
            return _identity(args)
        if action == "own-words":
            return _own_words(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    from simulator.journal import Journal, JournalError
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
    from simulator.xapi.config import save_config
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
    from simulator.xapi.config import load_config, save_config
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
    from simulator.export.json_data import ExportError, to_json, write_text
    from simulator.privacy import export_data
    try:
        write_text(args.file, to_json(export_data(journal)), force=args.force)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    print(f"written: {args.file}")
    return EXIT_OK


def _delete(journal, args: argparse.Namespace) -> int:
    from simulator.privacy import delete_sessions
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
        print(line)
    return EXIT_OK if not done.missing else EXIT_FAILED


def _status(journal) -> int:
    from simulator.privacy import status_lines
    for line in status_lines(journal):
        print(line)
    return EXIT_OK
