"""The debrief: per-criterion tallies, flags, path, ending, stronger alternatives."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from simulator.engine import Debrief, Session
from simulator.loading import Library, load_library
from simulator.model import Outcome, Scenario
from simulator.scoring import CompiledRubric
from tests.helpers import FIXTURES

LIBRARY = FIXTURES / "engine" / "library"


@functools.cache
def library() -> Library:
    return load_library(LIBRARY)


def run(responses: list[str | int], scenario_id: str = "fixture-dashboard") -> Debrief:
    with Session.from_library(library(), scenario_id) as session:
        for response in responses:
            session.respond(response)
        return session.debrief()


def loop_scenario(choices: list[str]) -> Scenario:
    return Scenario.model_validate({
        "id": "loop", "title": "Loop", "track": "junior", "rubric": "test-challenge",
        "difficulty": 2, "summary": "s", "briefing": "b",
        "counterpart": {"name": "Sam", "role": "Director"},
        "start": "talk",
        "beats": {"talk": {"say": "Yes?", "choices": choices, "next": [
            {"to": "done", "when": {"turn_at_least": 2}}, {"to": "talk"},
        ]}},
        "endings": {"done": {"say": "Bye.", "outcome": "partial", "debrief": "Two replies."}},
    })


def play(scenario: Scenario, responses: list[Any]) -> Debrief:
    rubric = CompiledRubric.compile(library().rubrics["test-challenge"].model)
    with Session(scenario, rubric) as session:
        for response in responses:
            session.respond(response)
        return session.debrief()


@pytest.fixture(scope="module")
def recovered() -> Debrief:
    return run(["You never listen to the board.", "/2", "I think so."])


def test_path_ending_and_outcome(recovered: Debrief) -> None:
    assert recovered.path == ("opening", "bristles", "curious", "partial-win")
    assert (recovered.finished, recovered.ending, recovered.outcome, recovered.ran_out) == (
        True, "partial-win", Outcome.partial, False
    )
    assert recovered.text == "You recovered, but trust was low."
    assert recovered.turns == 3
    assert recovered.meters == {"trust": -1}
    assert recovered.mean_score == pytest.approx((0 + 0.75 + 0.25) / 3)


def test_each_criterion_is_tallied_turn_by_turn(recovered: Debrief) -> None:
    tallies = {c.id: (c.met, c.turns, c.per_turn, c.focus) for c in recovered.criteria}
    assert list(tallies) == ["specific", "invites", "owns", "on_topic"]
    assert tallies["specific"] == (1, 3, (False, True, False), False)
    assert tallies["invites"] == (1, 3, (False, True, False), False)
    assert tallies["owns"] == (1, 3, (False, False, True), False)
    # The focus criterion is scored only at `opening`, the first reply.
    assert tallies["on_topic"] == (0, 1, (False, None, None), True)


def test_missed_criteria_keep_their_feedback(recovered: Debrief) -> None:
    owns = next(c for c in recovered.criteria if c.id == "owns")
    assert owns.feedback == 'Say "I think" or "I noticed".'


def test_flags_seen_with_counts_turns_and_tips(recovered: Debrief) -> None:
    [blame] = recovered.flags
    assert (blame.id, blame.count, blame.turns) == ("blame", 1, (1,))
    assert blame.tip == "Describe the effect, not the person."


def test_a_flag_raised_twice_is_counted_twice() -> None:
    debrief = play(loop_scenario(["Fine."]), ["You never listen.", "You always do this."])
    [blame] = debrief.flags
    assert (blame.count, blame.turns) == (2, (1, 2))


def test_stronger_alternatives_are_the_best_choice_when_it_beats_the_reply(
    recovered: Debrief,
) -> None:
    found = [(a.turn, a.beat, a.choice, a.result.score, a.yours.score)
             for a in recovered.alternatives]
    # Reply 2 picked bristles' best choice itself, so it has no alternative.
    assert found == [(1, "opening", 1, 1.0, 0.0), (3, "curious", 1, 1.0, 0.25)]
    assert recovered.alternatives[1].text == (
        "For example, last week I noticed three questions. What do you think?"
    )


def test_equal_choices_are_ranked_in_the_trainers_order() -> None:
    strong = "For example, I think so. What do you think?"
    debrief = play(loop_scenario(["Fine.", strong, strong + " "]), ["Fine.", 1])
    assert [(a.turn, a.choice) for a in debrief.alternatives] == [(1, 1)]


def test_an_unfinished_run_has_no_ending() -> None:
    debrief = run(["/3"])
    assert (debrief.finished, debrief.ending, debrief.outcome, debrief.text) == (
        False, None, None, None
    )
    assert debrief.path == ("opening", "probing")


def test_a_run_that_ran_out_of_turns_says_so() -> None:
    debrief = run(["/3", "I think it matters.", "Maybe.", "Hmm, okay."])
    assert (debrief.ending, debrief.ran_out) == ("out-of-time", True)


def test_an_empty_debrief_before_any_reply() -> None:
    debrief = run([])
    assert (debrief.path, debrief.turns, debrief.mean_score) == (("opening",), 0, None)
    assert debrief.criteria == () and debrief.flags == () and debrief.alternatives == ()
