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

from simulator import settings as settings_mod
from simulator.export.json_data import ExportError, to_json, write_text
from simulator.i18n import tr
from simulator.journal import Journal, JournalError
from simulator.privacy import delete_sessions, export_data, kept_words, status_lines
from simulator.xapi.config import ConfigError, load_config, save_config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def cmd_privacy(args: argparse.Namespace) -> int:
    action = getattr(args, "privacy_action", None) or "status"
    args.say_lang = getattr(args, "cmd_lang", None) or getattr(args, "lang", None) or _window_language()
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
            return _status(journal, args.say_lang)
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
    print(tr("pv_identity_set", args.say_lang, kind=tr(f"pv_who_{config.identity_kind}", args.say_lang))
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
    lang = args.say_lang
    print(tr("pv_own_words_set", lang, sent=tr("pv_yes" if config.send_own_words else "pv_no", lang),
             kept=kept_words(config.own_words_days, lang)))
    return EXIT_OK


def _export(journal, args: argparse.Namespace) -> int:
    try:
        write_text(args.file, to_json(export_data(journal)), force=args.force)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    print(tr("pv_written", args.say_lang, path=args.file))
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
        answer = input(tr("pv_ask_delete", args.say_lang, n=len(ids)))
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            return EXIT_OK
    done = delete_sessions(journal, ids)
    for problem, line in done.said(args.say_lang):
        print(line, file=sys.stderr if problem else sys.stdout)
    return EXIT_OK if not done.missing else EXIT_FAILED


def _window_language() -> str:
    """The language the trainee set in the window (the defaults' when the settings can't be read)."""
    return settings_mod.load().language


def _status(journal, lang: str) -> int:
    for line in status_lines(journal, lang):
        print(line)
    return EXIT_OK
