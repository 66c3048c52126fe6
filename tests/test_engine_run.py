"""The turn loop, endings that explain themselves, reacting lines, debrief parts, take-back,
resume and the all-strong / all-weak playthroughs: the engine alone, no UI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.engine import (
    CannotTakeBack,
    ResumeError,
    RubricBook,
    Run,
    SaveFailed,
    Session,
    TurnResult,
    points,
)
from simulator.engine.lint import lint_library
from simulator.engine.playthrough import play_through
from simulator.loading import Library, load_library
from simulator.model import Outcome
from tests.helpers import FIXTURES, REPO

LIBRARY = FIXTURES / "engine" / "library"

REACTING = """\
id: fixture-reacting
title: Lines that react
track: junior
rubric: test-challenge
difficulty: 1
summary: Lines, meters and debriefs that follow what the learner did.
briefing: A short run.
counterpart: {name: Margaret Hale, role: CFO}
meters: {trust: {start: 0, label: "Margaret's trust in you"}}
start: opening
beats:
  opening:
    say: "The dashboard?"
    choices: ["For example, last week I noticed it. What do you think?", "Hmm."]
    next:
      - to: listening
        when: {band: strong}
        effects: {trust: 1}
      - to: listening
  listening:
    say:
      - line: "'{quote:blame}'? That's a strong word."
        when: {flags_any: [blame]}
      - line: "You noticed it {quote:specific}. Go on."
        when: {met: [specific]}
      - "Go on."
    next:
      - to: agreed
        when: {band: strong, meter: {trust: {at_least: 1}}}
      - to: noted
endings:
  agreed:
    say: "Agreed."
    outcome: success
    debrief: Well done.
  noted:
    say: "Noted."
    outcome: partial
    debrief:
      - The point landed, but nothing will change yet.
      - when: {never_met: [specific]}
        text: "**Try next:** name one moment, such as last week's review."
      - when: {flags_any: [blame]}
        text: Blame put her on the defensive.
      - when: {last: {band: strong}}
        text: Your last reply was the right one.
"""


def library() -> Library:
    return load_library(LIBRARY)


@pytest.fixture()
def reacting(tmp_path: Path) -> Library:
    (tmp_path / "scenarios" / "junior").mkdir(parents=True)
    shutil.copytree(LIBRARY / "rubrics", tmp_path / "rubrics")
    (tmp_path / "scenarios" / "junior" / "fixture-reacting.yaml").write_text(REACTING)
    loaded = load_library(tmp_path)
    assert not loaded.errors, loaded.errors
    return loaded


def test_points_round_half_up() -> None:
    assert [points(s) for s in (0.0, 0.004, 0.005, 0.745, 0.875, 1.0)] == [0, 0, 1, 75, 88, 100]


def test_the_debrief_says_what_decided_the_ending_and_what_would_have_done_better() -> None:
    with Session.from_library(library(), "fixture-dashboard", seed=7) as session:
        for reply in ["You never listen to the board.", "/2", "I think so."]:
            session.respond(reply)
        debrief = session.debrief()
    assert debrief.ending == "partial-win"
    assert debrief.decided == ("What decided it: reply 3 met “owns the view”, but trust was -1, "
                               "so the conversation ended in a partial result.")
    [better] = debrief.better
    assert better == (
        "A success ending needed a strong or adequate reply and trust at least 1; reply 3 was "
        "weak (25): it missed “names a specific moment” and “invites their view”; you reached "
        "-1, because reply 1 was weak (0): it missed “stays on the dashboard” and “names a "
        "specific moment”."
    )


def test_a_meter_gate_names_the_reply_that_kept_the_meter_low(reacting: Library) -> None:
    rubric = RubricBook.of(reacting).get("test-challenge")
    assert rubric is not None
    with Session(reacting.scenarios["fixture-reacting"].model, rubric) as session:
        session.respond("Hmm, the dashboard.")  # weak: trust stays 0
        turn = session.respond("For example, last week I noticed it. What do you think?")
        debrief = session.debrief()
    assert turn.ending == "noted" and turn.meters_before == {"trust": 0}
    [better] = debrief.better
    assert better.startswith("A success ending needed a strong reply and Margaret's trust in "
                             "you at least 1; you reached 0, because reply 1 was weak (0)")
    assert debrief.meter_labels == {"Margaret's trust in you": 0}


def test_lines_react_to_the_reply_and_quote_the_learners_words(reacting: Library) -> None:
    rubric = RubricBook.of(reacting).get("test-challenge")
    assert rubric is not None
    scenario = reacting.scenarios["fixture-reacting"].model
    with Session(scenario, rubric) as session:
        assert session.respond("You never look at the column.").say == \
            "'You never'? That's a strong word."
    with Session(scenario, rubric) as session:
        assert session.respond("Last week it was red.").say == "You noticed it Last week. Go on."
    with Session(scenario, rubric) as session:
        assert session.respond("Hmm.").say == "Go on."  # nothing to react to: the plain line


def test_debrief_parts_show_only_what_fits_the_run(reacting: Library) -> None:
    rubric = RubricBook.of(reacting).get("test-challenge")
    assert rubric is not None
    scenario = reacting.scenarios["fixture-reacting"].model
    with Session(scenario, rubric) as session:
        session.respond("Hmm.")
        session.respond("You never listen.")
        text = session.debrief().text or ""
    assert "Try next" in text and "Blame put her" in text
    with Session(scenario, rubric) as session:
        session.respond("Hmm.")
        session.respond("For example, the dashboard.")  # met `specific`: no advice about it
        text = session.debrief().text or ""
    assert "Try next" not in text and "Blame" not in text and "right one" not in text
    assert text.startswith("The point landed")
    with Session(scenario, rubric) as session:
        session.respond("Hmm.")
        session.respond("For example, last week I noticed it. What do you think?")
        text = session.debrief().text or ""
    assert "Your last reply was the right one." in text  # strong, but trust was never built


def test_meters_are_labelled_and_the_turn_that_moves_one_says_so(reacting: Library) -> None:
    rubric = RubricBook.of(reacting).get("test-challenge")
    assert rubric is not None
    run = Run(Session(reacting.scenarios["fixture-reacting"].model, rubric))
    [meter] = run.scene().meters
    assert (meter.label, meter.value, meter.change) == ("Margaret's trust in you", 0, 0)
    step = run.reply(0)
    [meter] = step.scene.meters
    assert (meter.value, meter.change) == (1, 1)
    assert step.feedback.headline == "Strong · 100"
    run.leave()


class Saver:
    def __init__(self, fail: bool = False) -> None:
        self.saved: list[int] = []
        self.taken_back: list[int] = []
        self.left = 0
        self.fail = fail

    def turn_completed(self, session: Session, turn: TurnResult) -> None:
        if self.fail:
            raise SaveFailed("disk full")
        self.saved.append(turn.number)

    def turn_taken_back(self, session: Session, turn: TurnResult) -> None:
        self.taken_back.append(turn.number)

    def run_left(self, session: Session) -> None:
        self.left += 1


def test_a_turn_is_saved_then_announced_and_a_failed_save_is_reported_not_raised() -> None:
    heard: list[tuple[int, list[int]]] = []
    saver = Saver()
    run = Run(Session.from_library(library(), "fixture-dashboard"), saver,
              [lambda _s, turn: heard.append((turn.number, list(saver.saved)))])
    run.reply("/3")
    assert heard == [(1, [1])]  # the observer hears of turn 1 once it is saved
    run.leave()
    run.leave()
    assert saver.left == 1
    assert not run.session._attached

    failing = Run(Session.from_library(library(), "fixture-dashboard"), Saver(fail=True),
                  [lambda _s, _t: pytest.fail("an unsaved turn must not be announced")])
    step = failing.reply("/3")
    assert step.save_problem == "disk full" and step.scene.say == "Go on."
    failing.leave()


def test_take_back_replays_the_beat_once_with_the_meters_restored() -> None:
    saver = Saver()
    run = Run(Session.from_library(library(), "fixture-dashboard"), saver)
    first = run.reply("/2")
    assert first.turn.meters == {"trust": 1}
    taken = run.take_back()
    assert taken.response == first.turn.response and saver.taken_back == [1]
    session = run.session
    assert (session.beat, session.meters) == ("opening", {"trust": 0})
    assert session.say == first.turn.prompt
    again = run.reply("/3")
    assert again.turn.retry and again.turn.number == 1 and again.turn.replied_to == "opening"
    with pytest.raises(CannotTakeBack):
        run.take_back()  # a retry stands
    assert [t.response for t in session.taken_back] == [first.turn.response]
    run.leave()


def test_take_back_after_the_ending_reopens_the_conversation() -> None:
    run = Run(Session.from_library(library(), "fixture-dashboard"))
    assert run.reply("/1").turn.ended
    run.take_back()
    assert not run.ended and run.session.beat == "opening"
    assert run.reply("/2").turn.beat == "curious"
    run.leave()
    assert not run.session._attached


def test_resume_replays_the_saved_turns_to_where_the_attempt_stopped() -> None:
    saved = [("opening", "For example, the dashboard.", False), ("probing", "I think so.", True)]
    run = Run(Session.from_library(library(), "fixture-dashboard"))
    run.replay(saved)
    assert run.session.beat == "probing" and len(run.session.turns) == 2
    assert run.session.turns[1].retry
    assert run.scene().reply_number == 3
    run.leave()
    with pytest.raises(ResumeError, match="changed since"):
        Run(Session.from_library(library(), "fixture-dashboard")).replay([("curious", "Hi", False)])


def test_suggestions_are_shuffled_by_the_seed_and_reproducible() -> None:
    def order(seed: int) -> tuple[str, ...]:
        with Session.from_library(library(), "fixture-dashboard", seed) as plain:
            scenario = plain.scenario
        rubric = RubricBook.of(library()).get("test-challenge")
        assert rubric is not None
        session = Session(scenario, rubric, seed, shuffle=True)
        try:
            return session.choices
        finally:
            session.close()

    trainer = order(0)
    assert trainer[1].startswith("Last week")  # seed 0 keeps the trainer's order
    orders = {order(seed) for seed in range(1, 12)}
    assert len(orders) > 1 and all(sorted(o) == sorted(trainer) for o in orders)
    assert order(5) == order(5)


def test_a_shuffled_choice_is_the_one_shown_under_that_number() -> None:
    rubric = RubricBook.of(library()).get("test-challenge")
    assert rubric is not None
    scenario = library().scenarios["fixture-dashboard"].model
    seed = next(s for s in range(1, 50)
                if Session(scenario, rubric, s, shuffle=True).choices[0].startswith("Last week"))
    with Session(scenario, rubric, seed, shuffle=True) as session:
        turn = session.respond("/1")
        assert turn.choice == 1 and turn.response.startswith("Last week")
        debrief = session.debrief()
    assert all(alt.number >= 1 for alt in debrief.alternatives)


def test_playthroughs_of_the_fixture_reach_the_expected_outcomes() -> None:
    rubric = RubricBook.of(library()).get("test-challenge")
    assert rubric is not None
    scenario = library().scenarios["fixture-dashboard"].model
    strong = play_through(scenario, rubric, strong=True)
    weak = play_through(scenario, rubric, strong=False)
    assert (strong.ending, strong.outcome) == ("redesign", Outcome.success)
    assert (weak.ending, weak.outcome) == ("brushed-off", Outcome.setback)


def test_lint_is_clean_on_the_shipped_library() -> None:
    shipped = load_library(REPO)
    assert [str(p) for p in lint_library(shipped)] == []


def test_lint_warns_when_all_strong_replies_miss_a_success(tmp_path: Path) -> None:
    (tmp_path / "scenarios" / "junior").mkdir(parents=True)
    shutil.copytree(LIBRARY / "rubrics", tmp_path / "rubrics")
    gated = REACTING.replace("{band: strong, meter: {trust: {at_least: 1}}}",
                             "{band: strong, meter: {trust: {at_least: 5}}}")
    (tmp_path / "scenarios" / "junior" / "fixture-reacting.yaml").write_text(gated)
    messages = [p.message for p in lint_library(load_library(tmp_path))]
    assert any(m.startswith("with every reply strong (every criterion met, no flag) the "
                            "conversation ends at 'noted' (partial)") for m in messages)
    assert any(m.startswith("with every reply weak (nothing met, no flag) the conversation "
                            "ends at 'noted' (partial)") for m in messages)
