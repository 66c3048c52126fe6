"""Upward's statements as ralph-malph xAPI models: built, validated, and read back from an LRS.

Each statement kind is a subclass of ralph's `BaseXapiStatement` that narrows it to what Upward
sends: an `account` actor, the verb, an Activity object, a registration, and Upward's extensions
as models with their IRIs as aliases (as ralph's own video profile does). Building one validates
it; so does reading one back, and anything that does not fit is not Upward's.

Importing ralph's models costs about 0.3-0.9 s, so the history imports this module only when a
programme is joined, and the sender warms it up in the background.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, PlainSerializer, StringConstraints, ValidationError
from ralph.models.xapi.base.agents import BaseXapiAgentWithAccount
from ralph.models.xapi.base.contexts import BaseXapiContext, BaseXapiContextContextActivities
from ralph.models.xapi.base.ifi import BaseXapiAccount
from ralph.models.xapi.base.results import BaseXapiResult, BaseXapiResultScore
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.base.unnested_objects import (
    BaseXapiActivity,
    BaseXapiActivityDefinition,
    BaseXapiActivityInteractionDefinition,
)
from ralph.models.xapi.base.verbs import BaseXapiVerb
from ralph.models.xapi.concepts.verbs.adl_vocabulary import AnsweredVerb
from ralph.models.xapi.concepts.verbs.scorm_profile import (
    CompletedVerb,
    InitializedVerb,
    TerminatedVerb,
)
from ralph.models.xapi.config import BaseModelWithConfig

from simulator.model import Band, Outcome, Slug, Track
from simulator.scoring.result import ScoreResult
from simulator.xapi.vocabulary import (
    ACCOUNT_HOME,
    CMI_INTERACTION,
    PLATFORM,
    SIMULATION,
    UPWARD,
    AttemptFacts,
    Enrolment,
    Verb,
    beat_activity,
    extension,
    scenario_activity,
    statement_id,
)

Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16,128}$")]
Scaled = Annotated[
    Decimal, Field(ge=0, le=1),
    # xAPI scores are JSON numbers; pydantic would write a Decimal as a string.
    PlainSerializer(float, return_type=float),
]


class _Extensions(BaseModelWithConfig):
    """Extension maps with fixed keys: unknown ones are refused, names and IRIs both accepted."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_min_length=1)


class AttemptExtensions(_Extensions):
    """`context.extensions` of every statement: which attempt, of what."""

    attempt: Annotated[int, Field(ge=1, alias=extension("attempt"))]
    """The attempt's number in the learner's own history."""
    scenario: Annotated[Slug, Field(alias=extension("scenario"))]
    scenario_hash: Annotated[Digest, Field(alias=extension("scenario-hash"))]
    """sha256 of the scenario file played: which version of it."""
    track: Annotated[Track, Field(alias=extension("track"))]
    rubric: Annotated[Slug | None, Field(alias=extension("rubric"))] = None


class TurnExtensions(AttemptExtensions):
    """`context.extensions` of an `answered` statement: the attempt's, plus the turn's place."""

    turn: Annotated[int, Field(ge=1, alias=extension("turn"))]
    beat: Annotated[Slug, Field(alias=extension("beat"))]


class TurnResultExtensions(_Extensions):
    """`result.extensions` of an `answered` statement: how the reply scored, as ids."""

    band: Annotated[Band, Field(alias=extension("band"))]
    met: Annotated[list[Slug], Field(alias=extension("met"))]
    missed: Annotated[list[Slug], Field(alias=extension("missed"))]
    flags: Annotated[list[Slug], Field(alias=extension("flags"))]
    focus: Annotated[list[Slug], Field(alias=extension("focus"))]
    """Which of `met` and `missed` are the beat's own focus criteria."""


class EndingExtensions(_Extensions):
    """`result.extensions` of `completed`, `passed` and `failed`: the ending reached."""

    ending: Annotated[Slug, Field(alias=extension("ending"))]
    outcome: Annotated[Outcome, Field(alias=extension("outcome"))]


class PassedVerb(BaseXapiVerb):
    # Narrowed as ralph's own verbs are (a Literal IRI and display), which mypy sees as unsafe.
    id: Literal["http://adlnet.gov/expapi/verbs/passed"] = (
        "http://adlnet.gov/expapi/verbs/passed")  # type: ignore[assignment]
    display: dict[Literal["en-US"], Literal["passed"]] | None = None  # type: ignore[assignment]


class FailedVerb(BaseXapiVerb):
    # Narrowed as ralph's own verbs are (a Literal IRI and display), which mypy sees as unsafe.
    id: Literal["http://adlnet.gov/expapi/verbs/failed"] = (
        "http://adlnet.gov/expapi/verbs/failed")  # type: ignore[assignment]
    display: dict[Literal["en-US"], Literal["failed"]] | None = None  # type: ignore[assignment]


class Score(BaseXapiResultScore):
    scaled: Scaled


class TurnResult(BaseXapiResult):
    score: Score
    success: bool
    """True when the reply's band is strong."""
    extensions: TurnResultExtensions  # type: ignore[assignment]


class CompletedResult(BaseXapiResult):
    completion: Literal[True]
    extensions: EndingExtensions  # type: ignore[assignment]


class VerdictResult(BaseXapiResult):
    score: Score
    """The attempt's mean turn score."""
    success: bool
    extensions: EndingExtensions  # type: ignore[assignment]


class UpwardActivities(BaseXapiContextContextActivities):
    grouping: list[BaseXapiActivity]
    """Upward's root activity: how a trainer finds every Upward statement in a busy LRS."""


class AttemptContext(BaseXapiContext):
    registration: UUID
    """One attempt: every statement of it shares this."""
    contextActivities: UpwardActivities
    platform: Literal["Upward"]
    extensions: AttemptExtensions  # type: ignore[assignment]


class TurnContext(AttemptContext):
    extensions: TurnExtensions


class UpwardStatement(BaseXapiStatement):
    """What every Upward statement has."""

    id: UUID
    actor: BaseXapiAgentWithAccount
    object: BaseXapiActivity
    context: AttemptContext
    timestamp: datetime
    version: Annotated[str, StringConstraints(pattern=r"^1\.0\.[0-9]+$")] = "1.0.3"


class Initialized(UpwardStatement):
    verb: InitializedVerb


class Answered(UpwardStatement):
    verb: AnsweredVerb
    result: TurnResult
    context: TurnContext


class Completed(UpwardStatement):
    verb: CompletedVerb
    result: CompletedResult


class Passed(UpwardStatement):
    verb: PassedVerb
    result: VerdictResult


class Failed(UpwardStatement):
    verb: FailedVerb
    result: VerdictResult


class Terminated(UpwardStatement):
    verb: TerminatedVerb


KINDS: dict[Verb, type[UpwardStatement]] = {
    Verb.initialized: Initialized,
    Verb.answered: Answered,
    Verb.completed: Completed,
    Verb.passed: Passed,
    Verb.failed: Failed,
    Verb.terminated: Terminated,
}


# -- building ----------------------------------------------------------------------------------


def _actor(enrolment: Enrolment) -> BaseXapiAgentWithAccount:
    return BaseXapiAgentWithAccount(
        objectType="Agent",
        account=BaseXapiAccount(homePage=ACCOUNT_HOME, name=enrolment.account),
    )


def _scenario(facts: AttemptFacts) -> BaseXapiActivity:
    return BaseXapiActivity(
        id=scenario_activity(facts.scenario_id), objectType="Activity",
        definition=BaseXapiActivityDefinition(
            type=SIMULATION, name={"en": f"Upward scenario {facts.scenario_id}"}),
    )


def _activities(parent: BaseXapiActivity | None = None) -> UpwardActivities:
    root = BaseXapiActivity(id=UPWARD, objectType="Activity")
    return UpwardActivities(grouping=[root], parent=None if parent is None else [parent])


def _attempt_extensions(facts: AttemptFacts) -> dict[str, Any]:
    return {
        "attempt": facts.attempt_id, "scenario": facts.scenario_id,
        "scenario_hash": facts.scenario_hash, "track": facts.track, "rubric": facts.rubric,
    }


def _context(facts: AttemptFacts) -> AttemptContext:
    return AttemptContext(
        registration=facts.registration, contextActivities=_activities(), platform=PLATFORM,
        extensions=AttemptExtensions(**_attempt_extensions(facts)),
    )


def _scaled(score: float) -> Decimal:
    return Decimal(str(round(min(max(score, 0.0), 1.0), 4)))


def initialized(enrolment: Enrolment, facts: AttemptFacts, at: datetime) -> Initialized:
    return Initialized(
        id=statement_id(facts.registration, Verb.initialized), actor=_actor(enrolment),
        verb=InitializedVerb(display={"en-US": "initialized"}), object=_scenario(facts),
        context=_context(facts), timestamp=at,
    )


def answered(
    enrolment: Enrolment, facts: AttemptFacts, turn: int, beat: str, result: ScoreResult,
    at: datetime, taken_back: int = 0,
) -> Answered:
    """One scored reply; its text only when the learner chose to share replies. `taken_back`
    counts the replies the learner took back at this turn before giving this one."""
    focus = [c.id for c in result.criteria if c.focus]
    return Answered(
        id=statement_id(facts.registration, Verb.answered, turn, taken_back),
        actor=_actor(enrolment),
        verb=AnsweredVerb(display={"en-US": "answered"}),
        object=BaseXapiActivity(
            id=beat_activity(facts.scenario_id, beat), objectType="Activity",
            definition=BaseXapiActivityInteractionDefinition(
                type=CMI_INTERACTION, interactionType="long-fill-in",
                name={"en": f"{facts.scenario_id}: {beat}"}),
        ),
        result=TurnResult(
            score=Score(scaled=_scaled(result.score)),
            success=Band(result.band) is Band.strong,
            response=result.text if enrolment.share_replies and result.text.strip() else None,
            extensions=TurnResultExtensions(
                band=result.band, met=result.met, missed=result.missed, flags=result.flag_ids,
                focus=focus),
        ),
        context=TurnContext(
            registration=facts.registration, contextActivities=_activities(_scenario(facts)),
            platform=PLATFORM,
            extensions=TurnExtensions(**_attempt_extensions(facts), turn=turn, beat=beat),
        ),
        timestamp=at,
    )


def ended(
    enrolment: Enrolment, facts: AttemptFacts, ending: str, outcome: Outcome,
    mean_score: float, at: datetime,
) -> list[UpwardStatement]:
    """`completed`, then `passed` (a success ending) or `failed` (any other), then
    `terminated`: the end of an attempt in cmi5's order (a millisecond apart, so an LRS that
    sorts by timestamp keeps that order)."""
    about = EndingExtensions(ending=ending, outcome=outcome)
    judged, over = at + timedelta(milliseconds=1), at + timedelta(milliseconds=2)
    passed = Outcome(outcome) is Outcome.success
    verdict: UpwardStatement
    if passed:
        verdict = Passed(
            id=statement_id(facts.registration, Verb.passed), actor=_actor(enrolment),
            verb=PassedVerb(display={"en-US": "passed"}), object=_scenario(facts),
            result=VerdictResult(score=Score(scaled=_scaled(mean_score)), success=True,
                                 extensions=about),
            context=_context(facts), timestamp=judged,
        )
    else:
        verdict = Failed(
            id=statement_id(facts.registration, Verb.failed), actor=_actor(enrolment),
            verb=FailedVerb(display={"en-US": "failed"}), object=_scenario(facts),
            result=VerdictResult(score=Score(scaled=_scaled(mean_score)), success=False,
                                 extensions=about),
            context=_context(facts), timestamp=judged,
        )
    completed = Completed(
        id=statement_id(facts.registration, Verb.completed), actor=_actor(enrolment),
        verb=CompletedVerb(display={"en-US": "completed"}), object=_scenario(facts),
        result=CompletedResult(completion=True, extensions=about),
        context=_context(facts), timestamp=at,
    )
    return [completed, verdict, terminated(enrolment, facts, over)]


def terminated(enrolment: Enrolment, facts: AttemptFacts, at: datetime) -> Terminated:
    """The attempt's session is over: reached an ending, or left part way."""
    return Terminated(
        id=statement_id(facts.registration, Verb.terminated), actor=_actor(enrolment),
        verb=TerminatedVerb(display={"en-US": "terminated"}), object=_scenario(facts),
        context=_context(facts), timestamp=at,
    )


def dump(statement: UpwardStatement) -> str:
    """The statement as the JSON an LRS receives (IRIs as keys, nothing empty)."""
    return statement.model_dump_json(by_alias=True, exclude_none=True)


# -- reading back ------------------------------------------------------------------------------


def verb_of(statement: UpwardStatement) -> Verb:
    return Verb(str(statement.verb.id))


def read(raw: object) -> UpwardStatement | None:
    """An LRS's statement as Upward's model, or None when it is not one of Upward's."""
    if not isinstance(raw, dict):
        return None
    verb = raw.get("verb")
    verb_id = verb.get("id") if isinstance(verb, dict) else None
    try:
        kind = KINDS[Verb(str(verb_id))]
    except (ValueError, KeyError):
        return None
    try:
        return kind.model_validate(raw)
    except ValidationError:
        return None
