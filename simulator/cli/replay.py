"""``replay ID DECISION``: try one decision of a saved session again, in the terminal.

The debrief numbers every decision; this command rebuilds the meeting exactly as it
stood just before decision DECISION of session ID (``engine.debrief.branching``: same mood,
history and place) and the trainee plays on from there. The new attempt is journaled
as its own session (its parent is ID), asks for the self-rating like any meeting, and
its debrief shows both paths side by side. Problems are one line and exit code 1;
the first session is only read, never changed.
"""

from __future__ import annotations

import argparse
import sys

from engine.debrief.branching import BranchError, branch
from engine.scenario.errors import SaveError
from engine.scenario.messages import Message
from simulator.debriefing import DebriefError, saved_session, scenario_for
from simulator.i18n import tr
from simulator.journal import Journal, JournalError
from simulator.terminal.a11y import finish_speaking, plain_output, speaking_player
from simulator.terminal.player import entry_lines
from simulator.terminal.session import JournaledPlayer, Saver, closing_hints, err

EXIT_OK, EXIT_FAILED = 0, 1
RECAP_ENTRIES = 4  # transcript entries shown before the moment the replay starts at


def _err(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILED


def cmd_replay(args: argparse.Namespace) -> int:
    try:
        journal = Journal()
    except JournalError as exc:
        return _err(str(exc))
    if journal.notice:
        print(journal.notice, file=sys.stderr)
    parent = session = None
    try:
        try:
            record = journal.get(args.id)
            scenario = scenario_for(record, args.scenario)
            parent = saved_session(journal, record, scenario)
        except (JournalError, DebriefError) as exc:
            return _err(str(exc))
        lang = args.cmd_lang or args.lang or record.language
        index = args.decision - 1
        try:
            session = branch(parent, scenario, index)
        except (BranchError, SaveError) as exc:
            said = exc.args[0].render(lang) if exc.args and isinstance(exc.args[0], Message) else str(exc)
            return _err(f"{scenario.path}: {tr('replay_session', lang, id=record.id)}: {said}")
        start = None if args.no_save else {"scenario_path": record.scenario_path, "language": lang,
                                           "parent_id": record.id, "trainee": record.trainee, "branch_index": index}
        saver = Saver(journal if start is not None else None, None, lang, start)
        if start is not None:
            saver(session)  # journal the new attempt now (or, if the journal won't take it yet, at the next step)
        player_class, speaker = speaking_player(JournaledPlayer, args, lang, err)
        player = player_class(scenario, lang, plain_output(sys.stdout, lang, args.plain), sys.stdin, None,
                              show_mood=not args.no_mood, saver=saver, parent=(parent, index, record.id),
                              coach=args.coach, rating=not args.no_rating, own_words=args.own_words)
        player.speaker = speaker
        _introduce(player, parent, session, index, record.id)
        result = player.play(session)
        player.out.flush()
        finish_speaking(speaker, err)
        saver.finish(session)
        closing_hints(saver, result.completed, lang)
        return EXIT_OK
    finally:
        for s in (session, parent):
            if s is not None:
                s.close()
        journal.close()


def _introduce(player: JournaledPlayer, parent, session, index: int, parent_id: int) -> None:
    """Where the replay starts: a few lines of what went before, and what was chosen last time."""
    L, names = player.lang, player.names
    player.say("=" * 78)
    player.say(tr("br_heading", L, n=index + 1, id=parent_id))
    player.say("=" * 78)
    entries = session.state.transcript[:-1][-RECAP_ENTRIES:]
    if entries:
        player.heading(tr("br_recap", L))
    for entry in entries:
        if entry.kind in ("line", "reaction"):
            for text, indent in entry_lines(session, entry, L, names):
                player.say(text, indent)
        elif entry.kind == "choice" and entry.choice_id:
            choice = session.scenario.choice(f"{entry.node_id}.{entry.choice_id}")
            player.say(f"{tr('you', L)}: {choice.text.get(L)}", "  ")
        elif entry.kind == "timeout":
            player.say(f"{tr('you', L)}: {tr('log_timeout', L)}", "  ")
    player.say()
    player.say(last_time(session.scenario, parent.history[index], L))


def last_time(scenario, before, lang: str) -> str:
    """What was done at this decision the first time, and where that option was shown (the
    replay shows the options in the same order: the session's seed is kept)."""
    if before.kind == "timeout":
        return tr("br_before_timeout", lang)
    if before.kind == "prep":
        q = next(q for q in scenario.preparation.questions if q.id == before.node_id)
        text = q.option(before.choice_id).text.get(lang)
        key = "shown_as_answer"
    else:
        text = scenario.choice(f"{before.node_id}.{before.choice_id}").text.get(lang)
        key = "shown_as"
    if before.shown_as is None or not before.offered:
        return tr("br_before", lang, choice=text)
    return tr("br_before_shown", lang, choice=text, shown=tr(key, lang, n=before.shown_as, total=len(before.offered)))
