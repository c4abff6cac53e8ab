"""The Tussenwerker xAPI profile: every IRI a statement uses, in one place (``docs/xapi.md``).

Verbs and activity types come from the ADL vocabulary where one fits (launched, initialized,
answered, responded, completed, terminated, voided; simulation, cmi.interaction, course); the
rest live under one base IRI, ``BASE``, that this project controls the meaning of. Activity
ids carry the scenario id *and* its version digest, so an edited scenario is a new activity
(xAPI: an activity id must always mean the same thing) while the version-less scenario IRI,
in every statement's ``grouping``, still gathers all versions for a cohort report.

IRIs are built with ``urllib.parse.quote`` (never raw concatenation of ids), lower case where
we choose the words.
"""

from __future__ import annotations

from urllib.parse import quote

BASE = "https://w3id.org/tussenwerker/xapi"
PROFILE = BASE  # the profile's own IRI: in every statement's context.contextActivities.category
VERSION = "1.0.3"  # the X-Experience-API-Version header; statements themselves carry no "version"

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "launched": (ADL + "launched", "startte", "launched"),
    "initialized": (ADL + "initialized", "begon", "initialized"),
    "answered": (ADL + "answered", "beantwoordde", "answered"),
    "responded": (ADL + "responded", "reageerde", "responded"),
    "timeout": (f"{BASE}/verbs/took-time-out", "nam een time-out", "took a time-out"),
    "completed": (ADL + "completed", "rondde af", "completed"),
    "terminated": (ADL + "terminated", "stopte", "terminated"),
    "rated": (f"{BASE}/verbs/rated-self", "beoordeelde zichzelf", "rated themselves"),
    "voided": (ADL + "voided", "trok in", "voided"),
}

SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
COURSE = "http://adlnet.gov/expapi/activities/course"
SCENARIO_TYPE = f"{BASE}/activity-types/scenario"  # a scenario, every version
SELF_RATING_TYPE = f"{BASE}/activity-types/self-rating"
PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile"


def ext(name: str) -> str:
    """An extension key (``result.extensions`` and ``context.extensions``)."""
    return f"{BASE}/extensions/{name}"


# Result extensions
CHOICE = ext("choice")  # IRI of the option taken
CHOICE_ID = ext("choice-id")
CHOICE_TEXT = ext("choice-text")  # language map
VERDICT = ext("verdict")  # best | good | inaccuracy | mistake
REGRET = ext("regret")
MISSED = ext("missed-opportunity")  # opportunity | unlocked | provocation, or null
BEST_CHOICE = ext("best-choice")  # id of the best option there
WEIGHTS = ext("weights")  # per dimension key, the option's weights
SHOWN_AS = ext("shown-as")  # the 1-based place the option had on screen
OFFERED = ext("offered")  # the option ids in the order shown
OWN_WORDS = ext("own-words")  # only after the trainee's opt-in
PROVOCATION = ext("provocation")  # a time-out at a provoking line (Ury's step 2)
TOTALS = ext("totals")  # per dimension key, the session's score
ROUTE_BEST = ext("route-best")  # per dimension key and "overall", the references on the route
BEST_ACHIEVABLE = ext("best-achievable")  # "beste haalbaar": best overall total of the scenario
ENDING = ext("ending")  # {"id", "kind"}
SELF_RATING = ext("self-rating")  # per key, the trainee's 1..5
MEASURED = ext("measured")  # per key, the measurement on the same 1..5
PLUS_DELTA = ext("plus-delta")  # {"plus", "delta"}: the trainee's own words, only after the opt-in

# Context extensions
SCENARIO_ID = ext("scenario-id")
SCENARIO_DIGEST = ext("scenario-digest")
STEP = ext("step")  # 1-based place of the decision in the playthrough (preparation included)
REPLAY_OF = ext("replay-of")  # registration of the session a replay from a decision branched from
BRANCH_STEP = ext("branch-step")
GROUP = ext("group")


def _q(part: str) -> str:
    return quote(part, safe="")


def scenario_all(scenario_id: str) -> str:
    """Every version of a scenario (grouping; what a cohort report filters on)."""
    return f"{BASE}/scenarios/{_q(scenario_id)}"


def scenario_version(scenario_id: str, digest: str) -> str:
    return f"{scenario_all(scenario_id)}/{_q(digest or 'unversioned')}"


def node_iri(scenario_id: str, digest: str, node_id: str) -> str:
    return f"{scenario_version(scenario_id, digest)}/nodes/{_q(node_id)}"


def question_iri(scenario_id: str, digest: str, question_id: str) -> str:
    return f"{scenario_version(scenario_id, digest)}/preparation/{_q(question_id)}"


def choice_iri(scenario_id: str, digest: str, node_id: str, choice_id: str) -> str:
    return f"{node_iri(scenario_id, digest, node_id)}/choices/{_q(choice_id)}"


def option_iri(scenario_id: str, digest: str, question_id: str, option_id: str) -> str:
    """An answer to a preparation question (beside its question, never among the meeting's nodes)."""
    return f"{question_iri(scenario_id, digest, question_id)}/options/{_q(option_id)}"


def self_rating_iri(scenario_id: str, digest: str) -> str:
    return f"{scenario_version(scenario_id, digest)}/self-rating"


def group_iri(group: str) -> str:
    return f"{BASE}/groups/{_q(group)}"


PSEUDONYM_HOME = f"{BASE}/trainees"  # homePage of the pseudonymous accounts
