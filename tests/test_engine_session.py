"""The Session API on the engine fixture library, whose scores can be worked out by hand.

Rubric test-challenge: specific (2: "for example", "last week"), invites (1: "what do you
think"), owns (1: "i think", "i noticed"); flags over_apology (0.25), blame (0.5). Strong from
0.7, adequate from 0.4. The `opening` beat adds focus `on_topic` (1: "dashboard", "column").
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.engine import ChoiceError, Session, SessionOver, parse_choice
from simulator.loading import Library, load_library
from simulator.model import Band, Outcome, Scenario
from simulator.scoring import CompiledRubric, ReplyError
from tests.helpers import FIXTURES, REPO

LIBRARY = FIXTURES / "engine" / "library"


@functools.cache
def library() -> Library:
    loaded = load_library(LIBRARY)
    assert loaded.problems == []
    return loaded


@functools.cache
def rubric() -> CompiledRubric:
    return CompiledRubric.compile(library().rubrics["test-challenge"].model)


@pytest.fixture
def session() -> Iterator[Session]:
    with Session.from_library(library(), "fixture-dashboard") as playing:
        yield playing


def tiny(beats: dict[str, Any], **extra: Any) -> Scenario:
    """A scenario on the test rubric with two endings, `good` and `bad`."""
    return Scenario.model_validate({
        "id": "tiny", "title": "Tiny", "track": "junior", "rubric": "test-challenge",
        "difficulty": 1, "summary": "s", "briefing": "b",
        "counterpart": {"name": "Sam", "role": "Director"},
        "start": next(iter(beats)), "beats": beats,
        "endings": {
            "good": {"say": "Good.", "outcome": "success", "debrief": "d"},
            "bad": {"say": "Bad.", "outcome": "setback", "debrief": "d"},
        },
        **extra,
    })


def test_start_gives_the_opening(session: Session) -> None:
    opening = session.start()
    assert opening.beat == "opening"
    assert opening.speaker == "Margaret Hale"
    assert opening.say == "So, you wanted to talk about the dashboard?"
    assert opening.choices[1].startswith("Last week I noticed")
    assert opening.meters == {"trust": 0}
    assert session.start() == opening


def test_a_strong_reply_goes_to_curious_and_raises_trust(session: Session) -> None:
    turn = session.respond("/2")
    assert (turn.number, turn.replied_to, turn.choice, turn.branch) == (1, "opening", 1, 1)
    assert turn.result.score == 1.0 and turn.result.band is Band.strong
    assert set(turn.result.met) == {"specific", "invites", "owns", "on_topic"}
    assert (turn.beat, turn.meters, turn.ended, turn.ending, turn.outcome) == (
        "curious", {"trust": 1}, False, None, None
    )
    assert turn.say == "Walk me through it."
    assert turn.choices == session.choices
    assert turn.prompt == "So, you wanted to talk about the dashboard?"


def test_a_full_run_reaches_the_success_ending(session: Session) -> None:
    session.respond("/2")
    turn = session.respond("For example, I think the legend is missing.")
    assert turn.result.score == 0.75 and turn.result.band is Band.strong
    assert (turn.beat, turn.ended, turn.ending, turn.outcome) == (
        "redesign", True, "redesign", Outcome.success
    )
    assert turn.say == "Let's fix it together."
    assert turn.choices == ()
    assert session.path == ["opening", "curious", "redesign"]


def test_an_index_and_a_slash_pick_the_same_choice() -> None:
    with Session.from_library(library(), "fixture-dashboard") as a, \
            Session.from_library(library(), "fixture-dashboard") as b:
        by_index, by_slash = a.respond(1), b.respond(" /2 ")
    assert by_index.response == by_slash.response == library().scenarios[
        "fixture-dashboard"].model.beats["opening"].choices[1]
    assert by_index.result == by_slash.result


def test_an_apology_is_weak_and_ends_the_run(session: Session) -> None:
    turn = session.respond("/1")
    assert turn.result.score == 0.0 and turn.result.band is Band.weak
    assert turn.result.flag_ids == ["over_apology"]
    assert (turn.beat, turn.branch, turn.outcome) == ("brushed-off", 3, Outcome.setback)


def test_focus_counts_only_at_its_beat(session: Session) -> None:
    first = session.respond("/3")  # "For example, the dashboard." with on_topic: 3/5
    assert (first.result.score, first.result.band, first.beat) == (0.6, Band.adequate, "probing")
    assert [c.id for c in first.result.criteria if c.focus] == ["on_topic"]
    second = session.respond("For example, the dashboard.")  # no focus at probing: 2/4
    assert (second.result.score, second.result.band) == (0.5, Band.adequate)
    assert "on_topic" not in {c.id for c in second.result.criteria}
    assert second.meters == {"trust": 0}


def test_blame_lowers_trust_and_trust_decides_the_ending(session: Session) -> None:
    turns = [session.respond(r) for r in ["You never listen to the board.", "/2", "/2"]]
    assert [t.beat for t in turns] == ["bristles", "curious", "partial-win"]
    assert [t.meters["trust"] for t in turns] == [-1, -1, -1]
    # Strong at `curious`, but trust is below 1, so not `redesign`.
    assert turns[2].result.band is Band.strong and turns[2].outcome is Outcome.partial


def test_max_turns_redirects_the_last_reply_to_on_max_turns(session: Session) -> None:
    turns = [session.respond(r) for r in ["/3", "I think it matters.", "Maybe.", "Hmm, okay."]]
    assert [t.beat for t in turns] == ["probing", "probing", "probing", "out-of-time"]
    assert [t.ran_out for t in turns] == [False, False, False, True]
    assert turns[-1].branch == 2 and turns[-1].outcome is Outcome.partial
    assert turns[-1].say == "I have to go."


def test_a_branch_to_an_ending_on_the_last_reply_wins_over_max_turns(session: Session) -> None:
    turns = [session.respond(r) for r in ["/3", "Maybe.", "Maybe.", "Sorry to bother you."]]
    assert turns[-1].beat == "brushed-off" and not turns[-1].ran_out


def test_max_turns_keeps_the_effects_of_the_branch_taken() -> None:
    scenario = tiny(
        {"loop": {"say": "Again?", "next": [
            {"to": "loop", "when": {"band": "strong"}, "effects": {"trust": 2}},
            {"to": "loop"},
        ]}},
        meters={"trust": 0}, max_turns=2, on_max_turns="bad",
    )
    with Session(scenario, rubric()) as playing:
        first = playing.respond("For example, I think so. What do you think?")
        last = playing.respond("For example, I think so. What do you think?")
    assert (first.beat, first.meters) == ("loop", {"trust": 2})
    assert (last.beat, last.ran_out, last.meters) == ("bad", True, {"trust": 4})


def test_meter_conditions_see_the_meters_before_the_branch_effects() -> None:
    scenario = tiny(
        {"ask": {"say": "Well?", "next": [
            {"to": "ask", "when": {"meter": {"trust": {"below": 1}}}, "effects": {"trust": 1}},
            {"to": "good", "when": {"meter": {"trust": {"at_least": 1}}}},
            {"to": "bad"},
        ]}},
        meters={"trust": 0},
    )
    with Session(scenario, rubric()) as playing:
        first = playing.respond("Hello.")
        second = playing.respond("Hello.")
    # Turn 1: trust 0 is below 1, so loop (+1). Turn 2: trust 1 is no longer below 1.
    assert (first.beat, first.meters) == ("ask", {"trust": 1})
    assert (second.beat, second.meters, second.branch) == ("good", {"trust": 1}, 1)


def test_turn_at_least_counts_replies() -> None:
    scenario = tiny({"wait": {"say": "Hm?", "next": [
        {"to": "good", "when": {"turn_at_least": 3}},
        {"to": "wait"},
    ]}})
    with Session(scenario, rubric()) as playing:
        beats = [playing.respond("Hello.").beat for _ in range(3)]
    assert beats == ["wait", "wait", "good"]


def test_say_variants_follow_the_seed() -> None:
    def lines(seed: int) -> tuple[str, str]:
        with Session.from_library(library(), "fixture-dashboard", seed) as playing:
            return playing.start().say, playing.respond("/2").say

    assert lines(3) == lines(3)
    assert {lines(seed) for seed in range(12)} > {lines(0)}
    assert lines(0) == ("So, you wanted to talk about the dashboard?", "Walk me through it.")


def test_say_variants_are_the_same_in_another_process() -> None:
    code = (
        "from simulator.engine import pick_line\n"
        "print([pick_line(['a','b','c','d','e'], s, t, 'opening') for s in range(4) "
        "for t in range(4)])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("reply", ["", "   ", "x" * 5001])
def test_an_unscorable_reply_raises_and_uses_no_turn(session: Session, reply: str) -> None:
    with pytest.raises(ReplyError):
        session.respond(reply)
    assert session.turns == [] and session.beat == "opening"
    assert session.respond("/2").number == 1


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("/4", "/4: pick /1 to /3, or type your own reply"),
        ("/0", "/0: pick /1 to /3, or type your own reply"),
        (3, "choice 4: pick /1 to /3, or type your own reply"),
        (-1, "choice 0: pick /1 to /3, or type your own reply"),
    ],
)
def test_a_choice_out_of_range_is_refused(
    session: Session, response: str | int, message: str
) -> None:
    with pytest.raises(ChoiceError) as caught:
        session.respond(response)
    assert str(caught.value) == message
    assert session.turns == []


def test_choices_where_there_are_none() -> None:
    with pytest.raises(ChoiceError, match="no suggested replies here; type your own"):
        parse_choice("/1", 0)
    assert parse_choice("/2 and more", 3) is None
    with pytest.raises(TypeError):
        parse_choice(True, 3)


def test_responding_after_the_end_is_refused(session: Session) -> None:
    session.respond("/1")
    with pytest.raises(SessionOver, match="the conversation has ended"):
        session.respond("/2")


def test_an_unknown_scenario_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        Session.from_library(library(), "no-such-scenario")


PHRASES = ["For example,", "last week", "I think", "what do you think?", "sorry to bother",
           "you never", "the dashboard", "fine."]


@settings(max_examples=60, deadline=None)
@given(st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=2),
        st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4).map(" ".join),
    ),
    min_size=4, max_size=4,
))
def test_any_four_replies_end_the_run_within_max_turns(responses: list[str | int]) -> None:
    with Session.from_library(library(), "fixture-dashboard") as playing:
        for response in responses:
            if playing.ended:
                break
            try:
                playing.respond(response)
            except ChoiceError:
                playing.respond("fine.")  # every beat of the fixture has 2 or 3 choices
        assert playing.ended
        assert playing.path[-1] == playing.turns[-1].ending
        assert len(playing.turns) <= 4
        assert all(b in playing.scenario.beats for b in playing.path[:-1])
