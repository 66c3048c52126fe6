"""Upward's xAPI statements: built and validated with ralph's models, stable ids, no text."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

from simulator.model import Outcome, Track
from simulator.xapi import EXTENSIONS, UPWARD, AttemptFacts, Enrolment, Verb, registration_for
from simulator.xapi import statements as xapi
from simulator.xapi.vocabulary import statement_id
from tests.helpers import REPO
from tests.test_history_store import make_result

AT = datetime(2026, 5, 9, 9, 35, 1, 123000, tzinfo=UTC)
ME = Enrolment("https://lrs.example.org/xapi/", "learner-" + "ab" * 16)


def facts(enrolment: Enrolment = ME, attempt: int = 3) -> AttemptFacts:
    return AttemptFacts(
        attempt_id=attempt, scenario_id="board-dashboard", scenario_hash="0f" * 32,
        track=Track.junior, registration=registration_for(enrolment, attempt, "2026-05-09"),
        rubric="junior-challenge")


def answered(enrolment: Enrolment = ME, text: str = "I noticed the red column.") -> dict:
    result = make_result(text, met=["specific"], missed=["invites", "on_topic"],
                         flags=["hedging"], score=0.62, focus=["on_topic"])
    built = xapi.answered(enrolment, facts(enrolment), 2, "opening", result, AT)
    return json.loads(xapi.dump(built))


def test_an_answered_statement_carries_the_score_band_marks_and_ids_under_upward_iris() -> None:
    raw = answered()
    BaseXapiStatement.model_validate(raw)
    assert raw["verb"] == {"id": Verb.answered.value, "display": {"en-US": "answered"}}
    assert raw["actor"] == {"objectType": "Agent", "account": {
        "homePage": f"{UPWARD}/learners", "name": ME.account}}
    assert raw["object"]["id"] == f"{UPWARD}/scenarios/board-dashboard/beats/opening"
    assert raw["result"]["score"] == {"scaled": 0.62}  # a JSON number, not a string
    assert raw["result"]["success"] is False  # only a strong band succeeds
    assert raw["result"]["extensions"] == {
        EXTENSIONS + "band": "adequate", EXTENSIONS + "met": ["specific"],
        EXTENSIONS + "missed": ["invites", "on_topic"], EXTENSIONS + "flags": ["hedging"],
        EXTENSIONS + "focus": ["on_topic"]}
    assert raw["context"]["extensions"] == {
        EXTENSIONS + "attempt": 3, EXTENSIONS + "scenario": "board-dashboard",
        EXTENSIONS + "scenario-hash": "0f" * 32, EXTENSIONS + "track": "junior",
        EXTENSIONS + "rubric": "junior-challenge", EXTENSIONS + "turn": 2,
        EXTENSIONS + "beat": "opening"}
    assert raw["context"]["contextActivities"]["grouping"] == [
        {"id": UPWARD, "objectType": "Activity"}]
    assert raw["timestamp"] == "2026-05-09T09:35:01.123000Z"


def test_reply_text_goes_only_to_a_programme_the_learner_shares_replies_with() -> None:
    assert "response" not in answered()["result"]
    assert "I noticed the red column." not in json.dumps(answered())
    sharing = Enrolment(ME.programme, ME.account, share_replies=True)
    assert answered(sharing)["result"]["response"] == "I noticed the red column."


def test_ids_are_stable_per_attempt_and_turn_and_differ_between_learners() -> None:
    assert answered()["id"] == answered()["id"]
    other = Enrolment(ME.programme, "learner-" + "cd" * 16)
    assert answered(other)["id"] != answered()["id"]
    assert answered(other)["context"]["registration"] != answered()["context"]["registration"]
    registration = facts().registration
    ids = {statement_id(registration, verb, turn) for verb in Verb for turn in (0, 1, 2)}
    assert len(ids) == len(Verb) * 3
    assert uuid.UUID(answered()["id"]).version == 5


@pytest.mark.parametrize(("outcome", "verdict", "success"), [
    (Outcome.success, "passed", True), (Outcome.partial, "failed", False),
    (Outcome.setback, "failed", False)])
def test_an_ending_is_completed_then_passed_or_failed_then_terminated(
    outcome: Outcome, verdict: str, success: bool,
) -> None:
    made = [json.loads(xapi.dump(s)) for s in xapi.ended(ME, facts(), "redesign", outcome,
                                                          0.61234, AT)]
    assert [m["verb"]["id"].rsplit("/", 1)[-1] for m in made] == [
        "completed", verdict, "terminated"]
    completed, judged, over = made
    assert completed["timestamp"] < judged["timestamp"] < over["timestamp"]
    assert completed["result"] == {"completion": True, "extensions": {
        EXTENSIONS + "ending": "redesign", EXTENSIONS + "outcome": outcome.value}}
    assert judged["result"]["success"] is success
    assert judged["result"]["score"] == {"scaled": 0.6123}
    for m in made:
        assert xapi.read(m) is not None


def test_what_is_not_an_upward_statement_reads_as_none() -> None:
    raw = answered()
    assert xapi.read(raw) is not None
    assert xapi.read({**raw, "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}}) is None
    broken = json.loads(json.dumps(raw))
    broken["result"]["extensions"][EXTENSIONS + "band"] = "brilliant"
    assert xapi.read(broken) is None
    sneaky = json.loads(json.dumps(raw))
    sneaky["context"]["extensions"][EXTENSIONS + "scenario"] = "Tell me about your day"
    assert xapi.read(sneaky) is None  # an id never holds a sentence
    assert xapi.read(["not", "a", "statement"]) is None


def test_ids_that_are_not_slugs_are_refused_when_building() -> None:
    result = make_result("text", met=["Has spaces"])
    with pytest.raises(ValidationError):
        xapi.answered(ME, facts(), 1, "opening", result, AT)


def test_the_readme_statement_is_a_valid_upward_statement() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```json\n(.*?)```", readme, flags=re.DOTALL)
    example = json.loads(block)
    assert isinstance(xapi.read(example), xapi.Answered)
