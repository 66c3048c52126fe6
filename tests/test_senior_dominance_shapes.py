"""Session 20's senior dominance shapes, beyond the 50 examples a rubric rule may carry.

Each shape was written from the tune halves of batches 9 and 10 (bench/team-labelled/) and kept
only with support in another batch or writer: the matter closed as the whole clause, the record
as proof there is no problem, and minimising that a contrast takes back (a concession, not a
brush-off); the known false hits of the brief stay unflagged.
"""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric, ScoreResult
from tests.helpers import REPO


@pytest.fixture(scope="module")
def senior() -> CompiledRubric:
    library = load_library(REPO)
    return CompiledRubric.compile(library.rubrics["senior-openness"].model)


def score(rubric: CompiledRubric, text: str) -> ScoreResult:
    return rubric.score(text)


@pytest.mark.parametrize("text", [
    "I'm not changing that one.",
    "The sheet stays, full stop.",
    "Two days is what it takes. End of discussion.",
    "We tried that in 2019. Didn't work. Next.",
    "Three weeks stays, and that's the end of it.",
    "The handover sheet has never caused a problem until now.",
    "We've used this survey for years and it's served us well.",
    "That's your experience with one or two clients.",
    "I honestly don't see what the problem is.",
])
def test_closing_the_matter_or_the_record_as_proof_dismisses(
    senior: CompiledRubric, text: str
) -> None:
    assert "dismisses" in score(senior, text).flag_ids


@pytest.mark.parametrize("text", [
    "It's a coincidence, I'm sure, but three of the four leavers were on my team. I'll ask them.",
    "It's not rocket science, but I still got it wrong. What should the form say?",
    "We tried it in 2019 and it didn't stick, but that's no excuse for not trying again. Ideas?",
    "I've used that phrase for years without thinking about it. I'll switch to 'HR team' today.",
    "The rota isn't changing fast enough, and that's on me.",
    "For someone who has never worked nights, I clearly missed a lot. What's the worst part?",
])
def test_a_concession_or_an_owned_habit_raises_no_dominance_flag(
    senior: CompiledRubric, text: str
) -> None:
    raised = set(score(senior, text).flag_ids)
    assert not raised & {"dismisses", "patronising", "pulls_rank", "defensive"}, raised


def test_a_call_promised_today_commits(senior: CompiledRubric) -> None:
    result = score(senior, "It's only two people so far, and I'll ring them both today.")
    assert "commits" in result.met
    assert "dismisses" not in result.flag_ids


def test_a_delivery_with_a_date_is_not_you_will_see(senior: CompiledRubric) -> None:
    result = score(senior, "You'll see the new rota by Friday, once I've checked it.")
    assert "patronising" not in result.flag_ids
    assert "patronising" in score(senior, "You'll see, once you've been here longer.").flag_ids


def test_common_ground_without_a_dominant_move_is_adequate(senior: CompiledRubric) -> None:
    granted = score(senior, "You're right that it takes them away from clinical work. "
                            "I'm not sure we can afford a receptionist yet, though.")
    assert granted.band.value == "adequate"
    refused = score(senior, "It's true that the rota favours days, but we're not changing it.")
    assert refused.band.value == "weak"


def test_a_defensive_reply_is_never_strong(senior: CompiledRubric) -> None:
    result = score(senior, "Thanks for flagging. In fairness it was the vendor's configuration, "
                           "but I take the point and I'll chase them. Can you send me the cases?")
    assert "defensive" in result.flag_ids
    assert result.band.value == "adequate"


@pytest.mark.parametrize("text", [
    "i literally mentioned the night team in the deck. and tbh if kasia wanted credit she "
    "could've presented it herself",
    "In fairness, six months is the cycle we inherited from the training principal.",
    "If he'd wanted the overtime he should have put his name down like everyone else.",
])
def test_what_they_should_have_done_or_the_inherited_design_is_defensive(
    senior: CompiledRubric, text: str
) -> None:
    assert "defensive" in score(senior, text).flag_ids


@pytest.mark.parametrize("text", [
    "If she wanted to lead it, I should have asked her. That's on me. What would she like now?",
    "We inherited a lot of debt, and I'll be honest, I haven't looked at the rota since. "
    "What would you change?",
])
def test_owning_it_is_not_defensive(senior: CompiledRubric, text: str) -> None:
    assert "defensive" not in score(senior, text).flag_ids


@pytest.mark.parametrize("text", [
    "I ran three depots before this one, vans are always a moan.",
    "Drivers will always complain about the routes.",
    "I set up the QA framework for this whole site. I think I'd know if it disadvantaged anyone.",
    "Legal are already aware of it.",
])
def test_the_usual_moaning_and_knowing_already_dismiss(senior: CompiledRubric, text: str) -> None:
    assert "dismisses" in score(senior, text).flag_ids


@pytest.mark.parametrize("text", [
    "Drivers have complained about that route and they're right. I'll ride it with them Monday.",
    "I wasn't aware of that at all. What happened on the night?",
])
def test_hearing_the_complaint_is_not_dismissing(senior: CompiledRubric, text: str) -> None:
    assert "dismisses" not in score(senior, text).flag_ids
