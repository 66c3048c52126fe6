"""The Upward xAPI vocabulary: IRIs, verbs, the learner's enrolment and stable statement ids.

Everything Upward says in a statement that xAPI has no word for sits under `UPWARD`. The host
is in the reserved `.invalid` domain (RFC 2606), so the identifiers can never come to belong to
someone else; they name things, they are not pages to fetch. README "Running a programme"
documents every one of them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from simulator.model import Track

UPWARD = "https://upward.invalid/xapi"
"""The root of Upward's IRIs, and the activity every Upward statement is grouped under."""
ACCOUNT_HOME = f"{UPWARD}/learners"
"""The `homePage` of every learner's pseudonymous account."""
EXTENSIONS = f"{UPWARD}/extensions/"
"""Extension keys are this prefix plus a name (`…/extensions/band`)."""

CMI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
PLATFORM = "Upward"

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, UPWARD)
"""The uuid5 namespace of attempt registrations."""


class Verb(StrEnum):
    """The ADL verbs Upward sends, in the order cmi5 gives them within one attempt."""

    initialized = "http://adlnet.gov/expapi/verbs/initialized"
    answered = "http://adlnet.gov/expapi/verbs/answered"
    completed = "http://adlnet.gov/expapi/verbs/completed"
    passed = "http://adlnet.gov/expapi/verbs/passed"
    failed = "http://adlnet.gov/expapi/verbs/failed"
    terminated = "http://adlnet.gov/expapi/verbs/terminated"

    @property
    def word(self) -> str:
        return self.value.rsplit("/", 1)[-1]


def extension(name: str) -> str:
    return EXTENSIONS + name


def scenario_activity(scenario_id: str) -> str:
    return f"{UPWARD}/scenarios/{scenario_id}"


def beat_activity(scenario_id: str, beat: str) -> str:
    return f"{UPWARD}/scenarios/{scenario_id}/beats/{beat}"


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What the history needs to know of a joined programme to queue its statements.

    Never the key or the secret: those stay in the programme's config file.
    """

    programme: str
    """The programme's xAPI endpoint; every queued statement is tagged with it."""
    account: str
    """The learner's pseudonym in this programme only (`learner-` and 32 hex digits)."""
    share_replies: bool = False
    """True only when the learner chose to send what they wrote (`result.response`)."""


@dataclass(frozen=True, slots=True)
class AttemptFacts:
    """What every statement of one attempt carries about the attempt."""

    attempt_id: int
    scenario_id: str
    scenario_hash: str
    track: Track
    registration: uuid.UUID
    rubric: str | None = None


def registration_for(enrolment: Enrolment, attempt_id: int, started_at: str) -> uuid.UUID:
    """The attempt's xAPI registration: the same every time it is computed, and different for
    every learner, programme and history (the start time separates a rebuilt history's attempt
    1 from the old one's)."""
    key = f"{enrolment.programme}\n{enrolment.account}\n{attempt_id}\n{started_at}"
    return uuid.uuid5(NAMESPACE, key)


def statement_id(
    registration: uuid.UUID, verb: Verb, turn: int = 0, taken_back: int = 0
) -> uuid.UUID:
    """A statement's id from its attempt and turn: a resend carries the same id, so an LRS
    that already holds it keeps one copy. A reply given again after `taken_back` earlier ones
    at that turn is a new statement (an LRS never replaces one it holds)."""
    again = f"/again{taken_back}" if taken_back else ""
    return uuid.uuid5(registration, f"{verb.word}/{turn}{again}")
