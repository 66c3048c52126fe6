"""Session 22: senior-openness flags a reply that leaves the point untouched.

`dismisses` is raised, with no words highlighted and a note saying what was missing, on a
reply of eight words or more that asks nothing, takes up nothing (no acknowledgement, thanks,
common ground, ownership, step or view held lightly) and raises no other dominance flag. The
cases are written here in settings of their own, not taken from any batch; each near miss
differs in the one thing that keeps the reply from being a brush-off.
"""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.model import Band
from simulator.scoring import CompiledRubric
from tests.helpers import REPO

NOTE = ("Whole reply: nothing in it takes up their point: no question, no acknowledgement, "
        "nothing granted, owned or promised")


@pytest.fixture(scope="module")
def senior() -> CompiledRubric:
    return CompiledRubric.compile(load_library(REPO).rubrics["senior-openness"].model)


@pytest.mark.parametrize("text", [
    "The canteen menu is set by the catering firm and it changes every autumn.",
    "Our suppliers have all been through procurement and the contracts run to the spring.",
    "The new expenses form goes live on Monday for everyone in the regional offices.",
    "Parking permits are allocated by seniority and the list was published in January.",
])
def test_a_reply_that_takes_up_nothing_dismisses_with_a_note(
    senior: CompiledRubric, text: str
) -> None:
    result = senior.score(text)
    assert result.flag_ids == ["dismisses"]
    flag = result.flags[0]
    assert flag.evidence == ()
    assert flag.note == NOTE
    assert result.band is Band.weak


@pytest.mark.parametrize("text", [
    # Each is "Parking permits are allocated by seniority and the list was published in
    # January." (flagged above) with one thing changed. It asks:
    "Parking permits are allocated by seniority; what would a fairer list look like?",
    # It takes something up:
    "Thanks for raising it. Parking permits are allocated by seniority, and the list went out "
    "in January.",
    "You're right that seniority shuts out the new starters, and the permit list went out in "
    "January.",
    # A view held lightly, not a verdict:
    "I think parking permits are allocated by seniority, though I might be wrong about that.",
    # An opening acceptance takes the point, however thinly:
    "OK, parking permits are allocated by seniority and the list was published in January.",
    # Too short to wave anything away (the shallow adequate of LABELS.md):
    "Permits go by seniority.",
])
def test_a_reply_that_engages_in_any_way_is_not_flagged_for_it(
    senior: CompiledRubric, text: str
) -> None:
    result = senior.score(text)
    assert all(f.note != NOTE for f in result.flags), (text, result.flag_ids)


def test_another_dominance_flag_explains_the_reply_alone(senior: CompiledRubric) -> None:
    # Rank is what the reply did; `dismisses` is not raised beside it for the same silence.
    result = senior.score(
        "In my twenty years here the shift pattern has always worked for the teams."
    )
    assert "pulls_rank" in result.flag_ids
    assert all(f.note != NOTE for f in result.flags)


def test_a_reason_given_instead_of_taking_anything_up_is_defensive(
    senior: CompiledRubric,
) -> None:
    text = "The canteen shuts at two, which is why the late shift brings its own food."
    result = senior.score(text)
    assert "defensive" in result.flag_ids
    defensive = next(f for f in result.flags if f.id == "defensive")
    assert [text[a:b] for a, b in defensive.evidence] == ["which is why"]


@pytest.mark.parametrize("text", [
    "You're right that it's hard on them: the canteen shuts at two, which is why the late shift "
    "brings its own food.",
    "The canteen shuts at two, which is why the late shift brings food; what would help them?",
    "The canteen shuts at two, which is why the late shift brings its own food. I'll ask "
    "the caterer on Monday about a later slot.",
])
def test_a_reason_beside_uptake_is_an_explanation(senior: CompiledRubric, text: str) -> None:
    assert "defensive" not in senior.score(text).flag_ids
