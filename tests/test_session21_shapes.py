"""Session 21's shapes, written from the tune halves of batches 11, 14 and 15.

Each case below is a paraphrase in other words and settings, not a line from a batch: a rule
that only fits the sentence it came from fails here. The known false hits stay unflagged.
"""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from tests.helpers import REPO


@pytest.fixture(scope="module")
def rubrics() -> dict[str, CompiledRubric]:
    library = load_library(REPO)
    return {
        rid: CompiledRubric.compile(library.rubrics[rid].model)
        for rid in ("senior-openness", "junior-challenge")
    }


def flags(rubric: CompiledRubric, text: str) -> set[str]:
    return set(rubric.score(text).flag_ids)


SENIOR_SHAPES = [
    ("I'm not making excuses, but the vendor changed the spec twice.", "defensive"),
    ("We do consult them, every quarter.", "defensive"),
    ("Parents should really be reading the newsletter.", "defensive"),
    ("With respect, the survey had a tiny sample.", "defensive"),
    ("In my defence, nobody told me about the clash.", "defensive"),
    ("I was rushing that week, to be fair.", "defensive"),
    ("Our teachers are very professional about this.", "defensive"),
    ("I hope that helps explain why we did it.", "defensive"),
    ("There's been a misunderstanding about the bonus.", "defensive"),
    ("Nobody's forced to stay late.", "defensive"),
    ("That's just how hospital rotas work.", "dismisses"),
    ("That's for the governors to decide.", "dismisses"),
    ("It's all part of the job, I'm afraid.", "dismisses"),
    ("Rules are rules.", "dismisses"),
    ("I wouldn't worry about it.", "dismisses"),
    ("I'm sure it isn't a problem.", "dismisses"),
    ("It's hardly worth changing for a few weeks.", "dismisses"),
    ("We tried a rota app a few years ago and went back to paper.", "dismisses"),
    ("Trust the process.", "dismisses"),
    ("We all did our time on nights.", "dismisses"),
    ("Work here for ten years like I have and you'll see.", "pulls_rank"),
    ("We've run this shop for three generations.", "pulls_rank"),
    ("I've built teams at four startups, so speed matters.", "pulls_rank"),
    ("That's a useful lesson for you, actually.", "patronising"),
    ("Give it time and it'll all make sense.", "patronising"),
    ("There are things you wouldn't see from the front desk.", "patronising"),
    ("Ah, the smartphone generation.", "patronising"),
    ("Which brings me to the budget, have you finished it?", "redirects"),
    ("Nobody's expected to reply at night.", "defensive"),  # "nobody's" read as "nobody is"
]

JUNIOR_SHAPES = [
    ("Sounds fine. I did wonder about the delivery window, but you'll know best.", "capitulation"),
    ("The timings felt tight, but I'm sure you have your reasons.", "capitulation"),
    ("You obviously haven't asked the drivers.", "blame"),
    ("Three patients waited in the corridor, on your instruction.", "blame"),
    ("Nothing is ever your problem, is it.", "blame"),
    ("The rota went out late again. But what do I know.", "contempt"),
    ("Worked for who? Half the night shift missed their break.", "contempt"),
    ("Says the team that moved the deadline twice.", "contempt"),
    ("Great that the partners' lunch survived the cuts, at least.", "contempt"),
    ("Very convenient for head office, that timing.", "contempt"),
    ("Two people quit the same week. I'm sure the new beanbags helped.", "contempt"),
]


@pytest.mark.parametrize(("rubric_id", "text", "flag"), [
    *(("senior-openness", text, flag) for text, flag in SENIOR_SHAPES),
    *(("junior-challenge", text, flag) for text, flag in JUNIOR_SHAPES),
])
def test_each_shape_raises_its_flag(
    rubrics: dict[str, CompiledRubric], rubric_id: str, text: str, flag: str
) -> None:
    assert flag in flags(rubrics[rubric_id], text)


@pytest.mark.parametrize("text", [
    "Thank you for trusting me with that. I'll book the room for Friday.",
    "Leave it with me and I'll come back to you tomorrow.",
    "With respect to the rota, what would help most?",
    "I'm not being defensive here: you're right, and I'll fix it today.",
    "When we tried it I got it wrong, and I'd like to try again properly.",
])
def test_senior_near_misses_raise_no_dominance_flag(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    found = flags(rubrics["senior-openness"], text)
    assert not found & {"pulls_rank", "dismisses", "defensive", "patronising", "redirects"}, found


@pytest.mark.parametrize(("text", "band"), [
    # A step with nothing after "it" names no step; with a recipient or a time it does.
    ("Good point. I'll look into it.", "adequate"),
    ("Understood. I'll raise it.", "adequate"),
    ("Good point. I'll raise it with the head of nursing on Monday.", "strong"),
    # A dominance flag holds a strong reply at adequate (LABELS.md: strong has none).
    ("Thanks, I'll fix the rota by Friday. By the way, did you see the sales figures?", "adequate"),
])
def test_senior_bands(rubrics: dict[str, CompiledRubric], text: str, band: str) -> None:
    assert rubrics["senior-openness"].score(text).band.value == band


@pytest.mark.parametrize("text", [
    "Not sure that's right. The drivers say the new route adds an hour.",
    "I'd argue we need it, given the audit next month.",
    "Yes, but slower has a cost too: two clients left in March.",
    "I am not think it is about money, is more a training problem.",
    "Three evenings a week is a lot for people with kids.",
    "Feels like we've just moved the problem to the weekend team.",
])
def test_junior_disagreement_names_the_issue(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "raises_issue" in rubrics["junior-challenge"].score(text).met


def test_junior_a_lot_going_on_names_nothing(rubrics: dict[str, CompiledRubric]) -> None:
    result = rubrics["junior-challenge"].score(
        "There's a lot going on this year, and I've been thinking about all of it."
    )
    assert "raises_issue" not in result.met


def test_sincere_assurance_is_not_contempt(rubrics: dict[str, CompiledRubric]) -> None:
    assert "contempt" not in flags(
        rubrics["junior-challenge"], "I'm sure the team will be delighted with the new slot."
    )
