"""The background review service: the scenario's solver, warmed up while the trainee plays.

The debrief's game review asks the scenario's solver what each option could still lead
to. Both front ends start a ``ReviewJob`` the moment a scenario is opened (the window at
its briefing, the terminal when the meeting begins): it explores the best and worst
achievable from the start on a daemon thread, so what the review asks later is mostly
remembered already. The solver is only read once the job is ``ready`` (``wait()``):
the warm-up and the review never use it at the same time.

A front end also hands the job each decision as it is taken (``follow``): on a second
daemon thread the job values it the way the debrief will, while the trainee reads the next
line. On a large scenario one decision can take the solver seconds; valued in between,
the debrief is ready when the meeting ends (``caught_up``) instead of freezing the window
then.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Optional, Sequence

from engine.analysis.outlook import value_decisions
from engine.analysis.search import SearchCancelled, solver_of

if TYPE_CHECKING:  # the analyser loads with the first scenario, not with the start screen
    from engine import Scenario
    from engine.analysis.search import Solver
    from engine.play.state import Decision

log = logging.getLogger(__name__)


class ReviewJob:
    """The scenario's solver, warmed up once per scenario version on a daemon thread."""

    _jobs: dict[tuple[str, str], "ReviewJob"] = {}

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.key = (scenario.id, scenario.digest)
        self.solver: Optional[Solver] = None
        self.error: Optional[str] = None
        self._thread: Optional[threading.Thread] = None
        self._cancelled = threading.Event()
        self._wanted: tuple = ()  # the latest history handed to ``follow``
        self._followed: tuple = ()  # the latest history valued whole
        self._follower: Optional[threading.Thread] = None
        self._news = threading.Condition()
        self._follow_failed = False

    @classmethod
    def for_scenario(cls, scenario: Scenario) -> "ReviewJob":
        """The job for this version of the scenario, started if it isn't yet.

        A job still exploring an older version of the same scenario (the author pressed
        F5 after an edit) is cancelled: nobody will read its graph, and F5 pressed again
        and again must not pile up threads that compete with the window for the CPU.
        """
        key = (scenario.id, scenario.digest)
        for other_key, other in list(cls._jobs.items()):
            if other_key[0] == scenario.id and other_key != key and other.solver is None:
                other.cancel()
                del cls._jobs[other_key]
        job = cls._jobs.get(key)
        if job is None or job.error is not None:
            job = cls(scenario)
            cls._jobs[key] = job
        job.start()
        return job

    def cancel(self) -> None:
        """Stop searching at the next look (every thousand or so states)."""
        self._cancelled.set()

    def start(self) -> None:
        if self.solver is not None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name=f"review-{self.scenario.id}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            solver = solver_of(self.scenario)
            solver.warm_up(cancel=self._cancelled.is_set)
        except SearchCancelled:
            self.error = "cancelled"  # for_scenario starts afresh if this version is wanted again
            return
        except Exception as exc:  # the debrief must still open; it shows totals without verdicts
            log.warning("valuing %s for the review failed: %s", self.scenario.id, exc)
            self.error = str(exc)
            return
        self.solver = solver

    @property
    def ready(self) -> bool:
        return self.solver is not None or self.error is not None

    def follow(self, history: Sequence["Decision"]) -> None:
        """Value the decisions of ``history`` for the debrief on the follower thread (the
        newest history handed in wins; what was valued is never valued again)."""
        with self._news:
            self._wanted = tuple(history)
            self._news.notify()
            if self._follower is None:
                self._follower = threading.Thread(target=self._follow, name=f"follow-{self.scenario.id}",
                                                  daemon=True)
                self._follower.start()

    def ready_for(self, history: Sequence["Decision"]) -> bool:
        """Whether the debrief of ``history`` can be built without a wait: every decision
        valued (asked for now if it wasn't yet), or nothing more to wait for (the job failed)."""
        if self.error is not None or self._follow_failed:
            return True
        history = tuple(history)
        if self._wanted != history:
            self.follow(history)
        return self.solver is not None and self._followed == history

    def _follow(self) -> None:
        if self._thread is not None:
            self._thread.join()  # the warm-up first: the start's values serve every decision
        while self.solver is not None and not self._cancelled.is_set():
            with self._news:
                while self._wanted == self._followed and not self._cancelled.is_set():
                    self._news.wait(timeout=1.0)
                wanted = self._wanted
            try:
                with self.solver.interruptible(self._cancelled.is_set):
                    value_decisions(self.scenario, wanted, self.solver)
            except SearchCancelled:
                self._follow_failed = True  # a debrief still wanted values what it needs itself
                return
            except Exception as exc:  # the debrief values them again itself, and says what failed
                log.warning("valuing the decisions of %s failed: %s", self.scenario.id, exc)
                self._follow_failed = True
                return
            self._followed = wanted

    def wait(self, timeout: Optional[float] = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.ready
