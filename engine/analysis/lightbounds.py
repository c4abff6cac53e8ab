"""When the bounds without ceilings answer a question more cheaply than the tight ones.

The tight bounds (``relaxed``) follow the moods triggers need as ceilings, and each ceiling
copies every interruption that returns once per way back, at every height: on a trainer's
five-resident evening with four interruptions, close to a million nodes and seconds to build,
where the bounds without ceilings value each interruption once (``tunnels``) in a fraction of
a second. Looser bounds make a search longer, so they only pay for questions settled by the
bounds themselves or answered in few states: ``validate``'s tells and loopholes, ``analyze``'s
dimension extremes. A debrief and the overall best and worst keep the tight ones.
"""

from __future__ import annotations

from ..play.rules import OVERALL, rules_of
from ..scenario.model import Scenario
from .ceilings import ceilings
from .search import Solver, solver_of


def light_solver_of(scenario: Scenario) -> Solver:
    """A second solver, kept on the rules, whose bounds follow no ceilings: far cheaper to build
    where interruptions that return meet moods a trigger needs (each ceiling copies every
    interruption per way back; the plain bounds value one once per way in and out), and looser.
    For questions that are settled by bounds or answered in few states (``validate``'s checks);
    a debrief and the overall best and worst keep the tight ones (``solver_of``)."""
    rules = rules_of(scenario)
    cached = rules.__dict__.get("_light_solver")
    if cached is None:  # (where no mood is followed as a ceiling, both are the same bounds: one solver)
        cached = Solver(rules, follow=False) if ceilings(rules) else solver_of(scenario)
        rules.__dict__["_light_solver"] = cached
    return cached


# Where the bounds that follow ceilings would have about this many (place, height) nodes or more,
# short questions and side notes take the bounds without them (``cheap_solver_of``).
LIGHT_FROM = 60_000


def cheap_solver_of(scenario: Scenario, reuse_warm: bool = True) -> Solver:
    """The solver whose bounds cost least for questions that take few states: the tight one
    (``solver_of``) when its bounds are built already (``reuse_warm``) or would be small, else
    the light one (``light_solver_of``), whose bounds are built once over the meeting with each
    interruption valued once, where the tight ones copy it per way back for every ceiling."""
    full = solver_of(scenario)
    light = light_solver_of(scenario)
    if light is full or (reuse_warm and full.warm):
        return full
    light.relaxed.bound(light.rules.initial(), OVERALL)  # the estimate reads what they valued
    return light if light.relaxed.followed_estimate() >= LIGHT_FROM else full


__all__ = ["light_solver_of", "cheap_solver_of", "LIGHT_FROM"]
