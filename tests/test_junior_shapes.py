"""junior-challenge's flags written by shape (clause structure, who is the subject, negation,
contrast, question kind), each form seen from more than one writer of labelled replies. The
rubric's own `examples` hold at most 50 per list; the rest of each family's cases live here,
with the sincere reading beside the flagged one."""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from tests.helpers import REPO


@pytest.fixture(scope="module")
def junior() -> CompiledRubric:
    library = load_library(REPO)
    return CompiledRubric.compile(library.rubrics["junior-challenge"].model)


@pytest.mark.parametrize("text", [
    # An ironic disclaimer: a negation that means its opposite.
    "Not that you'd have noticed from the fourth floor, but the pickers walk 14km a shift.",
    "It's not like the chair's nephew posted the donor list online or anything.",
    # A belittling comparison, the novice named in any words.
    "Honestly, any first-year trainee could see the client was unhappy.",
    "Any first-year intern could tell you how that'll end.",
    # Incredulity at what they do not know.
    "Do you honestly not know? Nobody has had a slot since March.",
    # Mock assurance of an innocent explanation.
    "Right, and I'm sure the client dinners have nothing to do with it.",
    "No doubt there's a very good reason the only question on pay was dropped.",
    # Optional words and gaps in forms the rubric already had.
    "Nothing says deep focus like forty people on calls in one room.",
    "Happy to show you how a shared calendar works, it's honestly not that hard.",
    "You roll it out without asking the housekeepers. Typical management.",
    "Maybe paper was fine once, but now it is 2026.",
])
def test_contempt_by_shape(junior: CompiledRubric, text: str) -> None:
    assert "contempt" in junior.score(text).flag_ids


@pytest.mark.parametrize("text", [
    "Not that you would have known, since the email went to the old list.",
    "It's not like the rota is broken, but the night shift would like a say in it.",
    "Any new starter can book a slot with the mentoring team.",
    "Do you know roughly how many people use the old form?",
    "I'm sure there's a good reason, but the night shift weren't told about the change.",
    "I'm sure the move had nothing to do with the budget, but could we check the dates?",
    "Classic cars are the theme of the summer fair, and the car park is too small for it.",
    "Next year it is 2027 and the contract ends, so could we plan the tender now?",
])
def test_the_sincere_reading_of_those_shapes_is_not_contempt(
    junior: CompiledRubric, text: str
) -> None:
    assert "contempt" not in junior.score(text).flag_ids
