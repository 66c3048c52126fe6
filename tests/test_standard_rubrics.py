"""The shipped rubrics on replies written here, not taken from the calibration set.

Each line is a behaviour LABELS.md describes, worded the way learners word it; the cases guard the
rules' reach (inflections, negation, paraphrase) against a later edit that narrows them.
"""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from tests.helpers import REPO


@pytest.fixture(scope="module")
def rubrics() -> dict[str, CompiledRubric]:
    library = load_library(REPO)
    return {rid: CompiledRubric.compile(loaded.model) for rid, loaded in library.rubrics.items()}


JUNIOR = [
    # (reply, band, flags)
    ("I wanted to flag something from Monday's all-hands. With no captions, two colleagues who "
     "are hard of hearing told me they missed half of it. I think that matters because they "
     "felt left out. Could we add captions next time?", "strong", set()),
    ("I'm not blaming you, but I noticed Priya was interrupted four times in the last three "
     "meetings. It made her stop contributing. What do you think we could try?", "strong", set()),
    ("Apologies for taking your time, I'm probably overthinking it, but perhaps the captions "
     "could maybe be looked at?", "weak", {"over_apology", "hedging"}),
    ("You never think about anyone who isn't like you. It's your fault people feel excluded.",
     "weak", {"blame"}),
    ("The facts are obvious. Any graduate could see it.", "weak", {"contempt"}),
    ("I'm only saying what everyone thinks. Seriously, it types for you.", "weak", {"contempt"}),
    ("Actually, you're right, forget I mentioned it.", "weak", {"capitulation"}),
    ("Okay, I'll drop it.", "weak", {"capitulation"}),
    ("I'm not saying you never listen. But in our last three one-to-ones the phone came out "
     "four times, and I lost my thread each time. Could we try phones away for the half hour?",
     "strong", set()),
    ("Oh great, another all-staff email full of jargon.", "weak", {"contempt"}),
    ("Really sets the tone for work-life balance, doesn't it.", "weak", {"contempt"}),
    ("The interviews felt off, because... actually, never mind, you're right.", "weak",
     {"capitulation"}),
    # The noun "apology" is advice, not deference; two contractions are not a quotation.
    ("I think you could post an apology on LinkedIn. Would that work?", None, set()),
]

SENIOR = [
    ("Thank you for telling me. I hadn't realised the agendas were arriving late. What would "
     "work better for Sam?", "strong", set()),
    ("That's hard to hear, but I think you're right. I've been dominating those sessions. Could "
     "you pick the topic for next week?", "strong", set()),
    ("I wasn't aware of that at all. Can you tell me what happened on Thursday? I'll set up a "
     "quick chat with Priya this week.", "strong", set()),
    ("Right, noted. Let's move on to the budget.", "weak", {"dismisses"}),
    ("Fine. Whatever you think.", "weak", {"dismisses"}),
    ("I've run this department for fifteen years, I think I know how my meetings go.", "weak",
     {"pulls_rank"}),
    ("That's a cynical way to look at it. There's a lot you don't see at this level.", "weak",
     {"pulls_rank", "patronising"}),
    # Talked down to and nothing of the point taken up: waved away as well (session 23; the
    # writers of batches 16 and 19 label it both ways round).
    ("With respect, you're still new here, you'll see how things work eventually.", "weak",
     {"patronising", "dismisses"}),
    ("That's just not how it happened. I sent the agenda out on Tuesday like always.", "weak",
     {"defensive"}),
    ("Honestly I don't think that's fair. I've always supported the team.", "weak",
     {"defensive"}),
    ("I only mentioned it because I was worried about you.", "weak", {"defensive"}),
    ("Right. Well, whoever made the slide should have checked.", "weak", {"defensive"}),
    ("Interesting. Reminds me of something at my last company.", "weak", {"redirects"}),
    ("Anyway, what I wanted to ask about is the budget.", "weak", {"redirects"}),
    ("When you're holding a forty-million-pound budget you can decide how I run my visits.",
     "weak", {"pulls_rank"}),
    ("I genuinely didn't notice, which probably says it all. What did you see?", "strong", set()),
    # "Anyway" that does not turn the conversation is no redirect.
    ("I hadn't admitted that. Thank you for asking. I'll correct it anyway. What would you do?",
     "strong", set()),
]


def _param_id(value: object) -> str:
    # Sets are sorted so every pytest-xdist worker collects the same test ids.
    return str(sorted(value) if isinstance(value, (set, frozenset)) else value)[:40]


@pytest.mark.parametrize(("text", "band", "flags"), JUNIOR, ids=_param_id)
def test_junior_challenge(
    rubrics: dict[str, CompiledRubric], text: str, band: str | None, flags: set[str]
) -> None:
    result = rubrics["junior-challenge"].score(text)
    assert {f.id for f in result.flags} == flags
    if band is not None:
        assert result.band.value == band


@pytest.mark.parametrize(("text", "band", "flags"), SENIOR, ids=_param_id)
def test_senior_openness(
    rubrics: dict[str, CompiledRubric], text: str, band: str, flags: set[str]
) -> None:
    result = rubrics["senior-openness"].score(text)
    assert {f.id for f in result.flags} == flags
    assert result.band.value == band


def test_a_vague_promise_is_no_commitment(rubrics: dict[str, CompiledRubric]) -> None:
    senior = rubrics["senior-openness"]
    vague = senior.score("Thanks, good point. I'll have a think about it.")
    concrete = senior.score("Thanks, good point. I'll change the rota on Monday.")
    assert "commits" not in vague.met
    assert "commits" in concrete.met


def test_contractions_are_not_a_quotation(rubrics: dict[str, CompiledRubric]) -> None:
    result = rubrics["junior-challenge"].score(
        "I think the introduction didn't land. What's your view?"
    )
    assert "specific" not in result.met


def test_quotation_evidence_is_the_quote_without_its_boundaries(
    rubrics: dict[str, CompiledRubric],
) -> None:
    text = "The column says 'Variance vs budget'. Nobody knows what it means. Can we fix it?"
    result = rubrics["junior-challenge"].score(text)
    [specific] = [c for c in result.criteria if c.id == "specific"]
    assert [text[a:b] for a, b in specific.evidence] == ["'Variance vs budget'"]


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry. It won't happen again.",
        "That's on me. I'll make sure it doesn't happen again. What would have helped her?",
        "I'd assumed we'd keep it as it is, and I was wrong. What would you change?",
    ],
)
def test_a_promise_or_an_admission_is_no_dismissal(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "dismisses" not in rubrics["senior-openness"].score(text).flag_ids
