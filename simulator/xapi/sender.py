"""Delivering the outbox to the LRS: in batches, with retries and backoff, never in a front end's way.

``Sender.drain`` does the work: finish the drafts (the game review fills in the verdicts,
``statements.finish``), then send the outbox in the order it was written, a batch at a time,
until it is empty or the LRS fails. ``sync`` calls it in the foreground; ``BackgroundSender``
runs it on a daemon thread for the window and the terminal player, woken when a step writes
statements and otherwise retrying with backoff (1 s, 2 s, 5 s, ... up to 5 minutes; a refused
key waits 5 minutes straight away, retrying quickly won't fix it). It holds no database lock
while it talks to the LRS, and each of its writes is one short transaction.

What the LRS says decides what happens to a batch:
- stored (200, or 204 because it had them all already): marked sent;
- 400 (invalid) or 409 (a different statement has this id): the batch is split and sent one
  by one to find the statement; an invalid one is kept but not retried (``rejected``, listed by
  ``sync --status``); a conflicting one counts as delivered (the LRS keeps what it has);
- no connection, a time-out, 401/403, 5xx: nothing changes, try again later.
Nothing is ever lost: a statement leaves the outbox only as "sent".
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Optional

from engine import ScenarioError, Session
from engine.debrief.selfrating import SelfRating
from engine.scenario.errors import SaveError
from simulator import catalog
from simulator.debriefing import DebriefError, session_review
from simulator.i18n import tr
from simulator.xapi import profile as p
from simulator.xapi.client import LrsClient, LrsError
from simulator.xapi.config import LrsConfig
from simulator.xapi.outbox import OutboxStore
from simulator.xapi.statements import finish, verb_name

log = logging.getLogger(__name__)

BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
AUTH_WAIT = 300.0
IDLE_WAIT = 60.0  # look again now and then even without a nudge (another program may have written)


@dataclass(frozen=True)
class Status:
    configured: bool
    waiting: int = 0
    rejected: int = 0
    sent: int = 0
    problem: Optional[str] = None  # the last failure, one line
    kind: Optional[str] = None  # its LrsError kind
    next_try: Optional[float] = None  # when the background sender tries again

    def line(self, lang: str) -> Optional[str]:
        """The calm status line ("12 resultaten wachten op verzending"); None when there's nothing to say."""
        parts = []
        if not self.configured and self.problem:  # settings that can't be used: say so, calmly, once
            parts.append(tr("lrs_settings_unusable", lang, problem=self.problem))
        if self.waiting:
            if not self.configured:
                parts.append(tr("lrs_waiting_no_lrs", lang, n=self.waiting))
            elif self.kind == "auth":
                parts.append(tr("lrs_waiting_auth", lang, n=self.waiting))
            elif self.kind is not None and self.next_try is not None:
                parts.append(tr("lrs_waiting_retry", lang, n=self.waiting,
                                time=time.strftime("%H:%M", time.localtime(self.next_try))))
            else:
                parts.append(tr("lrs_waiting", lang, n=self.waiting))
        if self.rejected:
            parts.append(tr("lrs_rejected", lang, n=self.rejected))
        return " · ".join(parts) or None


@dataclass
class Drained:
    sent: int = 0
    rejected: int = 0
    finished: int = 0
    error: Optional[LrsError] = None


def review_of(store: OutboxStore, session_id: int) -> Optional[Any]:
    """The game review of a journaled session as it is now (None when it can't be made)."""
    row = store.session_row(session_id)
    if row is None:
        return None
    try:
        scenario = catalog.find(row["scenario_id"], row["scenario_digest"] or "", row["scenario_path"] or "",
                                catalog.load_cached)
        session = Session.from_data(scenario, json.loads(row["data"]))
        return session_review(session)
    except (ScenarioError, SaveError, DebriefError, ValueError, TypeError) as exc:
        log.warning("session %s: statements sent without the review (%s)", session_id, exc)
        return None


def finish_drafts(store: OutboxStore) -> int:
    """Fill in the review's judgement of every draft; returns how many were finished."""
    done = 0
    while True:
        drafts = store.drafts()
        if not drafts:
            return done
        finished: list[tuple[int, str]] = []
        damaged: list[int] = []
        for session_id, rows in drafts.items():
            review = review_of(store, session_id) if session_id is not None else None
            for rowid, text in rows:
                try:
                    statement = json.loads(text)
                except (TypeError, ValueError, RecursionError):
                    statement = None
                if not isinstance(statement, dict):
                    damaged.append(rowid)
                    continue
                try:
                    rating = None
                    if verb_name(statement) == "rated":
                        scores = statement.get("result", {}).get("extensions", {}).get(p.SELF_RATING, {})
                        rating = SelfRating(scores=dict(scores))
                    statement = finish(statement, review, rating)
                except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                    log.warning("statement %s sent without the review (%s)", statement.get("id"), exc)
                finished.append((rowid, json.dumps(statement, ensure_ascii=False, separators=(",", ":"))))
        if damaged:
            log.warning("%d statement(s) damaged in the journal: set aside, not sent", len(damaged))
            store.set_aside(damaged, "damaged in the journal: not a statement")
        store.finish(finished)
        done += len(finished)


class Sender:
    """Drains one journal's outbox to the configured LRS."""

    def __init__(self, journal_path: str, config: LrsConfig, client: Optional[LrsClient] = None):
        self.journal_path = str(journal_path)
        self.config = config
        self.client = client or LrsClient(config)
        self._store: Optional[OutboxStore] = None

    @property
    def store(self) -> OutboxStore:
        if self._store is None:
            self._store = OutboxStore(self.journal_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _send(self, rows: list[tuple[int, str, str]], result: Drained) -> None:
        try:
            self.client.post([text for _, _, text in rows])
        except LrsError as exc:
            if exc.kind in ("invalid", "conflict") and len(rows) > 1:
                for row in rows:  # find the statement the LRS means
                    self._send([row], result)
                return
            if exc.kind == "invalid":
                self.store.mark_rejected(rows[0][0], str(exc))
                result.rejected += 1
                return
            if exc.kind == "conflict":
                self.store.mark_sent([(r[0], r[1]) for r in rows], self.config, note=str(exc))
                result.sent += len(rows)
                return
            self.store.note_failure([r[0] for r in rows], str(exc))
            raise
        self.store.mark_sent([(r[0], r[1]) for r in rows], self.config)
        result.sent += len(rows)

    def drain(self, deadline: Optional[float] = None, stop: Optional[Callable[[], bool]] = None,
              progress: Optional[Callable[[Drained], None]] = None) -> Drained:
        """Finish drafts and send everything waiting, until done, a failure, ``deadline`` or ``stop()``."""
        result = Drained()
        if not self.store.has_outbox():
            return result
        try:
            result.finished = finish_drafts(self.store)
            while True:
                if (deadline is not None and time.monotonic() >= deadline) or (stop is not None and stop()):
                    return result
                rows = self.store.batch(self.config.batch)
                if not rows:
                    if self.store.first_draft() is None:
                        return result
                    result.finished += finish_drafts(self.store)
                    continue
                self._send(rows, result)
                if progress is not None:
                    progress(result)
        except LrsError as exc:
            result.error = exc
        return result

    def status(self) -> Status:
        c = self.store.counts()
        return Status(self.config.enabled, c.waiting, c.rejected, c.sent)


class BackgroundSender:
    """``Sender.drain`` on a daemon thread, with backoff; ``nudge()`` after new statements."""

    def __init__(self, journal_path: str, config: LrsConfig, client: Optional[LrsClient] = None):
        self.journal_path = str(journal_path)
        self.config = config
        self._client = client
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._lock = threading.Lock()
        self._status = Status(config.enabled)
        self._failures = 0
        self._next_try = 0.0
        self.rounds = 0  # drains run, for tests and the bench

    def start(self) -> "BackgroundSender":
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="xapi-sender", daemon=True)
            self._thread.start()
        return self

    def nudge(self) -> None:
        """New statements: send soon (unless backing off from a failure)."""
        self._wake.set()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def status(self) -> Status:
        """As of the last round (cheap: the window asks every frame or so)."""
        with self._lock:
            return self._status

    def current(self) -> Status:
        """The status with the outbox counted now (statements written since the last round included)."""
        store = OutboxStore(self.journal_path)
        try:
            c = store.counts()
        finally:
            store.close()
        with self._lock:
            old = self._status
        return Status(old.configured, c.waiting, c.rejected, c.sent, old.problem, old.kind, old.next_try)

    def _delay(self, error: LrsError) -> float:
        if error.kind == "auth":
            return AUTH_WAIT
        base = BACKOFF[min(self._failures - 1, len(BACKOFF) - 1)]
        return base * random.uniform(0.8, 1.2)  # noqa: S311 (jitter, not security)

    def _run(self) -> None:
        sender = Sender(self.journal_path, self.config, self._client)
        try:
            while not self._stop.is_set():
                now = time.time()
                wait = self._round(sender) if now >= self._next_try else self._next_try - now
                self._wake.wait(wait)  # a nudge while backing off only wakes it to wait the rest
                self._wake.clear()
        finally:
            sender.close()

    def _round(self, sender: Sender) -> float:
        try:
            result = sender.drain(stop=self._stop.is_set)
            counts = sender.store.counts()
        except Exception as exc:  # a database problem: say it, try later
            log.warning("xAPI sender: %s", exc)
            result, counts = Drained(error=LrsError("server", str(exc))), None
        self.rounds += 1
        with self._lock:
            if result.error is None:
                self._failures = 0
                self._next_try = 0.0
                self._status = Status(True, counts.waiting if counts else 0, counts.rejected if counts else 0,
                                      counts.sent if counts else 0)
                return IDLE_WAIT
            self._failures += 1
            delay = self._delay(result.error)
            self._next_try = time.time() + delay
            self._status = Status(True, counts.waiting if counts else self._status.waiting,
                                  counts.rejected if counts else self._status.rejected,
                                  counts.sent if counts else self._status.sent,
                                  str(result.error), result.error.kind, self._next_try)
            return delay


class SettingsProblem:
    """In the sender's place when the LRS settings can't be used (``lrs.json`` isn't JSON, the
    endpoint isn't a URL): nothing is written to the outbox or sent, and the front ends show
    the one line why where they show the sender's status."""

    def __init__(self, problem: str):
        self.problem = problem
        self.rounds = 0

    def status(self) -> Status:
        return Status(False, problem=self.problem)

    current = status

    def nudge(self) -> None:
        pass

    def stop(self, timeout: float = 0.0) -> None:
        pass


def settle(sender: Optional[BackgroundSender | SettingsProblem], lang: str, timeout: float = 3.0) -> Optional[str]:
    """At the end of a session: give the sender a moment to deliver, then stop it; the status
    line if anything still waits (it stays in the outbox for the next run or ``sync``)."""
    if sender is None:
        return None
    if isinstance(sender, SettingsProblem):
        return sender.status().line(lang)
    if sender.status().next_try is None:  # not backing off: one more round, briefly
        done = sender.rounds
        sender.nudge()
        until = time.monotonic() + timeout
        while sender.rounds == done and time.monotonic() < until:
            time.sleep(0.05)
    sender.stop(timeout=0.5)
    line = sender.current().line(lang)
    return f"{line}: tussenwerker sync" if line else None


def start_background(journal: Any) -> Optional[BackgroundSender | SettingsProblem]:
    """The background sender for an open journal, started, when an LRS is configured; when its
    settings can't be used, a ``SettingsProblem`` that says why; else None."""
    if journal is None:
        return None
    if getattr(journal, "drafter", None) is None:
        notice = getattr(journal, "config_notice", None)
        return SettingsProblem(notice) if notice else None
    sender = BackgroundSender(str(journal.path), journal.drafter.config).start()
    journal.outbox_listeners.append(sender.nudge)
    return sender
