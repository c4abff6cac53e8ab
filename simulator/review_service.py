"""The background review service: the scenario's solver, warmed up while the trainee plays.

The debrief's game review asks the scenario's solver what each option could still lead
to. Both front ends start a ``ReviewJob`` the moment a scenario is opened (the window at
its briefing, the terminal when the meeting begins): it explores the best and worst
achievable from the start on a daemon thread, so what the review asks later is mostly
remembered already. The solver is only read once the job is ``ready`` (``wait()``):
the warm-up and the review never use it at the same time.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Optional

from engine.analysis.search import SearchCancelled, solver_of

if TYPE_CHECKING:  # the analyser loads with the first scenario, not with the start screen
    from engine import Scenario
    from engine.analysis.search import Solver

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

    def wait(self, timeout: Optional[float] = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.ready
