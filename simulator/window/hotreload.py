"""F5: read the scenario again from disk and carry on at the same point, on the new text.

An author plays, spots a clumsy line, fixes the YAML and presses F5. The file is read
and validated afresh (no cache), the current go's decisions are made again on it
(``engine.play.replay``) and the same screen comes back — briefing, preparation, meeting,
ending or debrief — with a toast saying how many steps were replayed. When the edit
took away a decision on the path, replay stops there, the toast names the step, and
play goes on from that point. A file that no longer loads opens a sheet listing every
problem; the old version stays underneath and playable.

The journal, and why: a reloaded go whose decisions were *all* made again is the same
playthrough on a corrected text, so it stays the same journal row — its saved data is
overwritten with the replayed session, which records the new scenario digest (the row
keeps the time it was started). A replay that stopped short has fewer decisions than
the row holds; overwriting would throw the rest away, so the row is left as it was and
the reloaded go is journaled as a new row that plays the old one again (``parent_id``).
Resuming that old row later works as for any edited scenario: ``Session.from_data``
takes it when its position still exists and says why not otherwise. A go that wasn't
being saved stays unsaved.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional, Union

from engine import Choice, Scenario, ScenarioError, Session
from engine.play.replay import replay
from engine.play.state import Decision
from simulator import catalog
from simulator.i18n import tr
from simulator.journal import JournalError
from simulator.window.play import Play
from simulator.window.scenes.coach_hint import memory_for
from simulator.window.toast import clear_toasts, show_toast

if TYPE_CHECKING:
    from simulator.window.app import App

log = logging.getLogger(__name__)

TOAST_SECONDS = 4.0
NOTE_SECONDS = 9.0  # a stop needs reading


@dataclass(frozen=True)
class Outcome:
    """How far the decisions of the go could be made again on the new scenario."""

    replayed: int
    total: int
    step: int = 0  # 1-based: the first decision that couldn't be made again (0: none)
    why: str = ""  # the string key saying why replay stopped (empty: it didn't)
    fields: Mapping[str, str] = field(default_factory=dict)  # the ids that string names


def read_scenario(path: str) -> Union[Scenario, list[str]]:
    """The scenario fresh from disk, or its problems as ``FILE:LINE:COL: message`` lines."""
    name = Path(path).name
    try:
        return catalog.load_scenario(path)
    except ScenarioError as exc:
        return [str(dataclasses.replace(p, path=Path(p.path).name)) for p in exc.problems] or [
            f"{name}: can't be read"]
    except OSError as exc:
        return [f"{name}: can't be read ({exc.strerror or exc})"]
    except Exception as exc:  # never a traceback in the window; the log keeps the details
        log.exception("reloading %s failed", path)
        return [f"{name}: can't be loaded ({type(exc).__name__}: {exc})"]


def replay_play(old: Play, scenario: Scenario, language: str) -> tuple[Play, Outcome]:
    """The old go on the new scenario, journaled as the module docstring explains."""
    session, notes = replay(scenario, old.session)
    before, after = old.session.history, session.history
    made = {(d.kind, d.node_id, d.choice_id) for d in after}
    lost = next((i for i, d in enumerate(before) if (d.kind, d.node_id, d.choice_id) not in made), None)
    lost_decision = before[lost] if lost is not None else None
    why, fields = _why(session, lost_decision, old.scenario, language) if notes else ("", {})
    if notes:
        log.info("replay on %s: %s", old.scenario_path, "; ".join(notes))
    outcome = Outcome(len(after), len(before), 0 if lost is None else lost + 1, why, fields)
    complete = lost is None
    same_scenario = scenario.id == old.scenario.id
    journal = old.journal if old.saved else None
    if journal is not None and complete and same_scenario:
        session.state.started_at = old.session.state.started_at
        play = Play(scenario, old.scenario_path, language, journal, session=session, session_id=old.session_id)
        play.save()
        play.parent, play.branch_index = old.parent, old.branch_index
        return play, outcome
    play = Play(scenario, old.scenario_path, language, journal, session=session)
    if journal is not None:
        try:
            play.session_id = journal.start(session, old.scenario_path, language,
                                            parent_id=old.session_id if same_scenario else None)
        except JournalError as exc:
            log.warning("journal: %s", exc)
            play.save_error = str(exc)
    else:
        play.save_error = old.save_error
        if complete and session.finished:
            play.rating, play.rated = old.rating, old.rated  # unsaved: the estimate lives in memory only
    return play, outcome


def _excerpt(text: str, limit: int = 48) -> str:
    """The start of a text, as the trainee saw it (no ids: they mean nothing on screen)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _node_text(scenario: Scenario, node_id: str, lang: str) -> str:
    node = scenario.nodes.get(node_id)
    if node is not None:
        return _excerpt(node.text.get(lang))
    ending = scenario.endings.get(node_id)
    return _excerpt(ending.title.get(lang)) if ending is not None else node_id


def _choice_text(scenario: Scenario, node_id: str, choice_id: Optional[str], lang: str) -> str:
    try:
        return _excerpt(scenario.choice(f"{node_id}.{choice_id}").text.get(lang))
    except KeyError:
        return str(choice_id)


def _question(scenario: Scenario, question_id: str):
    questions = scenario.preparation.questions if scenario.preparation else ()
    return next((q for q in questions if q.id == question_id), None)


def _why(session: Session, lost: Optional[Decision], old: Scenario, lang: str) -> tuple[str, dict[str, str]]:
    """Why replay stopped, as a string key and the texts it quotes (from the old version where
    the new one no longer has them; the engine's notes, with ids, are for the log)."""
    new = session.scenario
    q = session.question
    if q is not None:  # still preparing: an answer is missing
        prompt = _excerpt(q.prompt.get(lang))
        if lost is not None and lost.kind == "prep" and lost.node_id == q.id:
            was = _question(old, q.id)
            answer = str(lost.choice_id)
            if was is not None:
                try:
                    answer = _excerpt(was.option(str(lost.choice_id)).text.get(lang))
                except KeyError:
                    pass
            return "hr_why_option", {"choice": answer, "node": prompt}
        return "hr_why_new_question", {"node": prompt}
    if lost is None:
        return "", {}
    if lost.kind == "prep":
        was = _question(old, lost.node_id)
        return "hr_why_question_gone", {"node": _excerpt(was.prompt.get(lang)) if was else lost.node_id}
    if lost.kind == "timeout" and session.node is not None and session.node.id == lost.node_id:
        return "hr_why_timeout", {"node": _node_text(old, lost.node_id, lang)}  # a pause, not a choice
    if session.finished:
        ending = session.ending
        return "hr_why_ends", {"ending": _excerpt(ending.title.get(lang)) if ending else str(session.state.ending)}
    node = session.node
    if node is None or node.id != lost.node_id:
        now = _node_text(new, node.id, lang) if node is not None else "?"
        return "hr_why_path", {"node": _node_text(old, lost.node_id, lang), "now": now}
    ids = {"choice": _choice_text(old, lost.node_id, lost.choice_id, lang), "node": _node_text(old, node.id, lang)}
    if lost.choice_id not in {c.id for c in node.choices}:
        return "hr_why_choice_gone", ids
    return "hr_why_condition", ids


def message(outcome: Outcome, lang: str) -> str:
    """The toast: how many steps were replayed, and where and why replay stopped."""
    why = tr(outcome.why, lang, **outcome.fields) if outcome.why else ""
    if outcome.step:
        key = "hr_reloaded_stopped_1" if outcome.total == 1 else "hr_reloaded_stopped"
        return tr(key, lang, done=outcome.replayed, total=outcome.total, step=outcome.step, why=why)
    if why:
        return tr("hr_reloaded_note_1" if outcome.replayed == 1 else "hr_reloaded_note", lang, n=outcome.replayed,
                  why=why)
    return tr("hr_reloaded_1" if outcome.replayed == 1 else "hr_reloaded_n", lang, n=outcome.replayed)


def hot_reload(app: "App") -> None:
    """F5, wherever it is pressed: reload the go on screen, or say why not.

    Each scene says itself whether it has a scenario to reload (``Scene.reload_owner``),
    how it is rebuilt on the new text and what it carries over; no scene is named here."""
    top = app.top
    if top is not None and top.name == "reload_problems":
        app.pop()
    elif top is not None and top.overlay:
        return  # the menu or a question is open: that comes first
    base = app.top
    lang = app.settings.language
    below = app.stack[-2] if len(app.stack) >= 2 else None
    owner = base.reload_owner(below) if base is not None else None
    if owner is None:
        show_toast(app, tr("hr_nothing", lang), TOAST_SECONDS)
        return
    looked_up = owner is not base  # a briefing looked up from the go below it
    path = owner.reload_path()
    found = read_scenario(path)
    if not isinstance(found, Scenario):
        clear_toasts(app.manager)
        app.push(app.scene("reload_problems", path, found))
        return
    _forget_cached(app, path)
    old_play = getattr(owner, "play", None)
    if old_play is None:  # a briefing: no go to replay yet
        app.replace(owner.reloaded(found))
        show_toast(app, tr("hr_reloaded_plain", lang), TOAST_SECONDS)
        return
    try:
        play, outcome = replay_play(old_play, found, lang)
    except Exception as exc:  # a replay bug must not cost the author the old, playable go
        log.exception("replaying on %s failed", path)
        clear_toasts(app.manager)
        app.push(app.scene("reload_problems", path,
                           [f"{Path(path).name}: can't replay ({type(exc).__name__}: {exc})"]))
        return
    _carry_coach(old_play, play)
    if looked_up:
        app.pop()  # the briefing looked up from the preparation: reopened below on the new text
    owner.show_reloaded(play)
    if app.top is not None:
        app.top.carry_over(owner)
    if looked_up:
        app.push(app.scene("briefing", found, path, readonly=True))
    show_toast(app, message(outcome, lang), NOTE_SECONDS if outcome.why else TOAST_SECONDS)


def _carry_coach(old: Play, new: Play) -> None:
    """The coach card about the last decision stays on screen after a reload that replayed
    every decision (it is about the same choice, now read from the new text)."""
    was, now = memory_for(old), memory_for(new)
    done = len(new.session.history)
    if was.decision is None or not done or was.at != len(old.session.history) or done != was.at:
        return
    made = was.decision
    try:  # the same choice or answer in the new version of the scenario
        if isinstance(made, Choice):
            same = new.scenario.choice(f"{made.node_id}.{made.id}")
        else:
            question = next(q for q in new.scenario.preparation.questions if q.id == made.question_id)
            same = question.option(made.id)
    except (KeyError, StopIteration, AttributeError):
        return
    now.decision, now.at, now.seen_on_a_line = same, done, was.seen_on_a_line


def _forget_cached(app: "App", path: str) -> None:
    """Drop the start screen's cards of the old version (the debrief's scenario cache
    compares the file's stamp itself)."""
    app.catalog = None
