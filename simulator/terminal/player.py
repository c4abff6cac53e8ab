"""Playing a scenario in the terminal.

Reads choice numbers from any text stream (a person at a tty, a pipe, a test), so
authors can script a playthrough with ``printf '1\\n2\\n' | tussenwerker play --text``.
A bot (``--auto random|best|worst``) can play instead; ``random`` with a seed is
repeatable. End of input stops cleanly: the session so far is returned, never lost.

With ``coach`` a one-line hint follows each choice (which step or indicator it touched,
``coach.py``); without it the residents' reaction is the only feedback until the
debrief. With ``rating`` the trainee rates the meeting before the debrief shows any
figure (Plus-Delta, ``textrating.py``); bots are never asked.

A line shows how it reaches the trainee (its node's ``channel``): a chat message, an
e-mail with its header, a voice on the phone; when the room reacts to one of its members
(``group:``), the reaction's text follows the move it reacted to (``entry_lines``).
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from typing import Callable, Mapping, Optional, TextIO

from engine import Session
from engine.analysis.search import solver_of
from engine.debrief.review import review
from engine.debrief.selfrating import SelfRating
from engine.play.rules import rules_of
from engine.play.state import Entry
from engine.scenario.model import NARRATOR, Scenario
from simulator.coach import coach_hint
from simulator.i18n import tr
from simulator.review_service import ReviewJob
from simulator.terminal import debrief as textdebrief
from simulator.terminal.debrief_lens import reaction_text
from simulator.terminal.rating import ask_rating
from simulator.terminal.typed import read_line
from simulator.waiting import waiting

WIDTH = 78


class InputClosed(Exception):
    """The trainee (or the pipe) closed the input: stop the session cleanly."""


@dataclass
class PlayResult:
    session: Session
    completed: bool
    stuck: bool = False  # the meeting could not go on (a mistake in the scenario: ``Session.stuck``)


Chooser = Callable[[Session, list[str]], int]  # a 0-based index into the options as shown, or TIMEOUT
TIMEOUT = -1  # what ``ask`` and a chooser return for "step onto the balcony"
StepHook = Callable[[Session], None]  # called after every answer, choice and advance (the journal)
RatingHook = Callable[[SelfRating], None]  # called with the self-rating once it is given (the journal)


def mood_line(session: Session, lang: str) -> str:
    """Every resident's meters; one who walked out is marked so (their meters stand still)."""
    s = session.scenario
    parts = []
    for r in s.residents:
        values = ", ".join(
            f"{s.mood_variables[var].label.get(lang).lower()} {session.mood[r.id][var]}/{s.mood_variables[var].maximum}"
            for var in s.mood_variables)
        left = f" ({tr('left_meeting', lang)})" if r.id in session.away else ""
        parts.append(f"{r.name.split()[0]}{left}: {values}")
    return "[" + " | ".join(parts) + "]"


class TextPlayer:
    def __init__(self, scenario: Scenario, lang: str, out: TextIO, inp: Optional[TextIO] = None,
                 chooser: Optional[Chooser] = None, show_mood: bool = True, on_step: Optional[StepHook] = None,
                 coach: bool = False, rating: bool = False, on_rating: Optional[RatingHook] = None,
                 own_words: bool = False, seed: Optional[int] = None):
        self.s = scenario
        self.own_words = own_words and chooser is None  # bots have no words of their own
        self.seed = seed
        self.on_step = on_step or (lambda session: None)
        self.coach = coach
        self.ask_for_rating = rating
        self.on_rating = on_rating or (lambda rating: None)
        self.rating: Optional[SelfRating] = None
        self.lang = lang
        self.out = out
        self.inp = inp
        self.chooser = chooser
        self.show_mood = show_mood
        self.names = {r.id: r.name for r in scenario.residents}

    # -- output helpers --------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        for para in text.split("\n"):
            lines = textwrap.wrap(para, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]
            self.out.write("\n".join(lines) + "\n")

    def heading(self, text: str) -> None:
        self.say()
        self.say(f"== {text} ==")

    # -- the phases ------------------------------------------------------
    def play(self, session: Optional[Session] = None) -> PlayResult:
        session = session or Session.start(self.s, seed=self.seed)
        L = self.lang
        review_job = ReviewJob.for_scenario(self.s)  # the debrief's review, explored while the trainee plays
        try:
            if not session.history and session.in_preparation or not session.state.transcript:
                self.briefing()
            while session.in_preparation:
                q = session.question
                assert q is not None
                self.heading(tr("preparation", L))
                self.say(q.prompt.get(L))
                shown_options = session.prep_options
                index = self.ask(session, [o.text.get(L) for o in shown_options])
                session.answer(shown_options[index].id)
                self.on_step(session)
                review_job.follow(session.state.history)  # valued while the trainee reads on
                self.hint(shown_options[index])
                if not session.in_preparation:
                    self.say()
                    self.say(tr("preparation_done", L))
            shown = len(session.state.transcript)
            self.show_transcript(session, max(0, shown - 1))
            words_before: Optional[str] = None
            most = rules_of(self.s).most_moves  # a bot that makes more goes round a loop it never leaves
            while not session.finished:
                if session.stuck:  # nothing to choose and no way on: say so, never ask for "1 to 0"
                    review_job.cancel()
                    self.show_transcript(session, shown)
                    self.say()
                    self.say(tr("meeting_stuck", L, node=session.state.position))
                    return PlayResult(session, False, stuck=True)
                if self.chooser is not None and len(session.history) > most:
                    review_job.cancel()
                    self.say()
                    self.say(tr("meeting_round", L, node=session.state.position, n=len(session.history)))
                    return PlayResult(session, False, stuck=True)
                if session.can_continue:
                    session.advance()
                    self.on_step(session)
                else:
                    if self.show_mood:
                        self.say(mood_line(session, L))
                    words = self.ask_own_words(words_before) if self.own_words else None
                    choices = session.choices
                    index = self.ask(session, [c.text.get(L) for c in choices], timeout=session.timeout_available)
                    if index == TIMEOUT:
                        words_before = words  # back from the balcony, Enter keeps what was typed
                        session.take_timeout()
                        self.on_step(session)
                        review_job.follow(session.state.history)
                        self.balcony(session)
                        continue
                    self.say(f"{tr('you', L)}: {choices[index].text.get(L)}", "  ")
                    session.choose(choices[index].id, own_words=words)
                    words_before = None
                    self.on_step(session)
                    review_job.follow(session.state.history)
                    self.hint(choices[index])
                self.show_transcript(session, shown)
                shown = len(session.state.transcript)
        except InputClosed:
            review_job.cancel()  # no debrief follows: nobody will read what it explores
            self.say()
            self.say(tr("stopped", L))
            return PlayResult(session, False)
        if self.ask_for_rating and self.chooser is None and self.inp is not None:
            self.rating = ask_rating(self.s, L, self.out, self.inp)
            if self.rating is not None:
                self.on_rating(self.rating)
        with waiting(tr("waiting_debrief", L)):  # the last decisions may still be being valued
            review_job.wait()
        self.debrief(session)
        return PlayResult(session, True)

    def hint(self, choice) -> None:
        """Coach mode: which step or indicator the choice just made touched."""
        if self.coach:
            text = coach_hint(self.s, choice, self.lang)
            if text:
                self.say(text, "  » ")

    def briefing(self) -> None:
        s, L = self.s, self.lang
        self.say("=" * WIDTH)
        self.say(s.title.get(L))
        self.say("=" * WIDTH)
        self.say(s.summary.get(L))
        self.heading(tr("briefing", L))
        self.say(s.setting.meeting.get(L))
        if s.setting.situation.variants:
            self.say(s.setting.situation.get(L))
        if s.setting.your_role.variants:
            self.say(f"{tr('your_role', L)}: {s.setting.your_role.get(L)}")
        for title, items in ((tr("goals", L), s.setting.goals), (tr("room_to_move", L), s.setting.room_to_move)):
            if items:
                self.say(f"{title}:")
                for item in items:
                    self.say(f"- {item.get(L)}", "  ")
        self.say(f"{tr('residents', L)}:")
        for r in s.residents:
            role = f", {r.role.get(L)}" if r.role.variants else ""
            self.say(f"- {r.name}{role}", "  ")
        if s.preparation and s.preparation.intro.variants:
            self.heading(tr("preparation", L))
            self.say(s.preparation.intro.get(L))

    def ask_own_words(self, before: Optional[str] = None) -> Optional[str]:
        """Own-words mode: what the trainee would say, typed before the options are shown.
        ``before``: what they typed before a time-out at this decision (Enter keeps it)."""
        L = self.lang
        assert self.inp is not None
        self.say()
        if before:
            self.say(tr("own_words_keep", L, words=before))
        self.out.write(tr("own_words_prompt", L))
        self.out.flush()
        raw = read_line(self.inp)
        if raw == "":
            raise InputClosed()
        words = " ".join(raw.split())
        if words.lower() in ("q", "quit", "stop", "exit"):
            raise InputClosed()
        words = words or before or ""
        if words:
            self.say(tr("own_words_then", L))
        return words or None

    def balcony(self, session: Session) -> None:
        """The time-out card: the mandate and goals, the interests found in the preparation,
        what the residents visibly show; then back to the same decision."""
        s, L = self.s, self.lang
        self.heading(tr("timeout_title", L))
        self.say(tr("balcony_scores" if session.timeout_scores else "balcony_costs", L))
        for title, items in ((tr("room_to_move", L), s.setting.room_to_move), (tr("goals", L), s.setting.goals)):
            if items:
                self.say(f"{title}:")
                for item in items:
                    self.say(f"- {item.get(L)}", "  ")
        found = [d for d in session.history if d.kind == "prep"]
        if found and s.preparation is not None:
            self.say(f"{tr('timeout_prepared', L)}:")
            for d in found:
                q = next(q for q in s.preparation.questions if q.id == d.node_id)
                self.say(f"- {q.option(d.choice_id).text.get(L)}", "  ")
        self.say(f"{tr('mc_residents_show', L)}:")
        self.say(mood_line(session, L), "  ")
        last: dict[str, str] = {}
        for entry in reversed(session.state.transcript):
            if entry.kind == "line":
                line = session.line_of(entry)
                last.setdefault(line.speaker, line.text.get(L))
        for r in s.residents:
            if r.id in last:
                self.say(f"- {r.name}: “{last[r.id]}”", "  ")
        self.say(tr("timeout_back", L))

    def show_transcript(self, session: Session, start: int) -> None:
        L = self.lang
        for entry in session.state.transcript[start:]:
            if entry.kind == "ending":
                ending = self.s.endings[entry.node_id]
                self.heading(f"{tr('ending', L)}: {ending.title.get(L)}")
                self.say(ending.text.get(L))
                continue
            shown = entry_lines(session, entry, L, self.names)
            if shown and entry.kind == "line":
                self.say()
            for text, indent in shown:
                self.say(text, indent)

    def ask(self, session: Session, options: list[str], timeout: bool = False) -> int:
        """A 0-based option index, or TIMEOUT (``b``) where a time-out can be taken. An option's
        number as shown, or its id as written in the scenario (so a script piped in plays the
        same whatever order the options are shown in)."""
        L = self.lang
        self.say()
        for i, text in enumerate(options, 1):
            self.say(f"{i}. {text}", "   " if i < 10 else "")
        if self.chooser is not None:
            index = self.chooser(session, options)
            self.say(tr("bot_timeout", L) if index == TIMEOUT else tr("bot_chose", L, n=index + 1))
            return index
        assert self.inp is not None
        while True:
            self.out.write(tr("choose_prompt_timeout" if timeout else "choose_prompt", L, n=len(options)))
            self.out.flush()
            raw = read_line(self.inp)
            if raw == "":
                raise InputClosed()
            answer = raw.strip().lower()
            if answer in ("q", "quit", "stop", "exit"):
                raise InputClosed()
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            ids = _shown(session)
            if raw.strip() in ids:
                return ids.index(raw.strip())
            if answer in ("b", "balkon", "balcony", "time-out", "timeout"):
                if timeout:
                    return TIMEOUT
                self.say(tr("no_timeout_here", L, n=len(options)))  # not "'b' is no choice": the pause exists
                continue
            typed = raw.strip()[:40]  # said back, so a script that went out of step shows where
            self.say(tr("invalid_choice_named", L, n=len(options), answer=typed) if typed
                     else tr("invalid_choice", L, n=len(options)))

    def debrief(self, session: Session) -> None:
        r = review(self.s, session.history, session.state.ending, transcript=session.state.transcript)
        self.say()
        for line in textdebrief.render(r, self.lang, self.names, rating=self.rating):
            self.out.write(line + "\n")


# -- what the transcript shows ------------------------------------------------
def entry_lines(session: Session, entry: Entry, lang: str, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """A line or a group reaction as the terminal shows it, as (text, indent) pairs: a spoken line
    "Naam: ...", the narrator in brackets, a chat message "[chat] Naam: ...", a phone line
    "[telefoon] Naam: ...", an e-mail as a header (from, to) over its body as a block, and a
    reaction's text "[groep] ..." (nothing for a reaction without text). Choices, time-outs and
    endings are the caller's: the player says them as they happen, a recap its own way."""
    if entry.kind == "reaction":
        text = reaction_text(session.scenario, entry.variant, lang)
        return [(f"[{tr('room_tag', lang)}] {text}", "")] if text else []
    if entry.kind != "line":
        return []
    line = session.line_of(entry)
    text = line.text.get(lang).strip()  # a block scalar's closing newline is no empty paragraph
    channel = session.scenario.nodes[entry.node_id].channel
    if line.speaker == NARRATOR:
        return [(f"({text})", "")]
    name = names.get(line.speaker, line.speaker)
    if channel == "email":
        head = f"[{tr('ch_email_tag', lang)}] {tr('ch_email_from', lang, name=name)} · {tr('ch_email_to', lang)}"
        return [(head, ""), ("-" * min(WIDTH, max(12, len(head))), "")] + [(para, "    ") for para in text.split("\n")]
    tag = {"chat": "ch_chat_tag", "phone": "ch_phone_tag"}.get(channel)
    return [((f"[{tr(tag, lang)}] " if tag else "") + f"{name}: {text}", "")]


# -- bots ------------------------------------------------------------------
def _authored(session: Session) -> list[str]:
    """The ids on offer in the order the author wrote them: bots decide on that, never on
    the order a session happens to show."""
    if session.question is not None:
        offered = {o.id for o in session.prep_options}
        return [o.id for o in session.question.options if o.id in offered]
    offered = {c.id for c in session.choices}
    node = session.node
    return [c.id for c in node.choices if c.id in offered] if node is not None else []


def _shown(session: Session) -> list[str]:
    return [o.id for o in session.prep_options] if session.question else [c.id for c in session.choices]


def random_chooser(seed: int) -> Chooser:
    """Picks uniformly among the options (never a time-out); the same seed, the same playthrough,
    whatever order the options are shown in."""
    rnd = random.Random(seed)

    def choose(session: Session, options: list[str]) -> int:
        pick = _authored(session)[rnd.randrange(len(options))]
        return _shown(session).index(pick)
    return choose


def planned_chooser(scenario: Scenario, worst: bool = False) -> Chooser:
    """Plays a path that reaches the best (or worst) overall total: at each decision the first
    move, as written, through which that total is still reachable (a time-out included)."""
    job = ReviewJob.for_scenario(scenario)  # the same solver the debrief reads, never used by two threads at once
    job.wait()
    solver = job.solver if job.solver is not None else solver_of(scenario)

    been: set = set()  # the situations this playthrough went through: the bot never goes round a loop
    key = solver.liveness.key

    def choose(session: Session, options: list[str]) -> int:
        state = session.game
        pick = solver.next_move(state, worst=worst, been=frozenset(been))  # one path, found once, followed
        been.add(key(state))
        if pick is None:
            return 0
        if pick.kind == "timeout":
            return TIMEOUT
        shown = _shown(session)
        return shown.index(pick.id) if pick.id in shown else 0

    return choose
