"""Session 23: brush-offs and turns that batch 16 showed senior-openness missing, as families.

Each case is written here in a setting of its own (not a sentence from any batch), with a near
miss that differs in the one thing that makes the reply open: their claim made smaller than
they make it, the decision left with the people affected, the organisation as the answer, the
sarcastic offer, a denial that anyone feels it, "sure, but", a turn opened by "actually", and
the commitments that are not steps (a thought at a meeting, a step only if they are right, a
preference).
"""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from tests.helpers import REPO


@pytest.fixture(scope="module")
def senior() -> CompiledRubric:
    return CompiledRubric.compile(load_library(REPO).rubrics["senior-openness"].model)


@pytest.mark.parametrize(("text", "flag"), [
    ("Honestly, the rota is a lot less chaotic than the nurses make out.", "dismisses"),
    ("The overtime rules are not nearly as strict as people seem to think.", "dismisses"),
    ("If the drivers won't fill in the form, that's their lookout really.", "dismisses"),
    ("There's plenty of paperwork everywhere, it comes with the sector.", "dismisses"),
    ("We're a building society, not a tech start-up. Slack can wait.", "dismisses"),
    ("Right, I'll just cancel the whole awards night then, shall I?", "dismisses"),
    ("No one is confused by the new forms. It's three boxes.", "dismisses"),
    ("Sure, but the tills have been fine for a decade and the upgrade costs a fortune.",
     "defensive"),
    ("Fair enough. Actually, on the budget, did you see the forecast from finance?", "redirects"),
    ("The panel is for people who've earned their stripes. Maybe next year.", "pulls_rank"),
    ("Leave the pricing to the grown-ups, eh.", "pulls_rank"),
    ("As CFO, some of these calls have to be mine.", "pulls_rank"),
    ("Let the grown-ups worry about the pricing, yeah?", "pulls_rank"),
    ("The panel has looked at this properly. I sit on it.", "pulls_rank"),
    ("I've been running the depot for twenty-six years; the rota works.", "pulls_rank"),
    ("I've been teaching at this school for eleven years and the homework policy is fine.",
     "pulls_rank"),
    ("I've rolled out a few of these over the years, so I know there are teething problems.",
     "pulls_rank"),
    ("Not something I'm going to lose any sleep over, to be honest.", "dismisses"),
    ("I'm not trying to exclude anybody. The system just books the earliest slot.", "defensive"),
    # Talking down while taking nothing up waves the point away as well.
    ("Oh, bless them, the interns always find the dress code baffling at first.", "dismisses"),
])
def test_the_family_raises_its_flag(senior: CompiledRubric, text: str, flag: str) -> None:
    assert flag in senior.score(text).flag_ids


@pytest.mark.parametrize("text", [
    # Their claim granted, not shrunk; the call left with them as a right, not a shrug.
    "It's a lot more chaotic than I'd realised. What does a bad night look like?",
    "If they'd rather not use the app, that's their right; I'll make sure paper still works.",
    "We're a small team, so I'd like your help deciding what to drop first. What would you cut?",
    "I'd been told no one is confused by the forms. Which box trips people up?",
    "Actually, that's a fair point, and I hadn't looked at it that way. What changed your mind?",
    "That's not how I meant it, but the effect is what matters. Which part landed worst?",
    "I honestly assumed the rota was fine because nobody complained to me. What have you heard?",
    # A seat offered as a way to act on their point.
    "I sit on the pricing committee; could you send me the examples so I can take them there?",
    # Years that are not tenure, and tenure owned outright.
    "I've been hoping someone would say this for a few months. What would you change first?",
    "I've been running the depot for twenty-six years and I never noticed. That's on me.",
])
def test_the_near_miss_raises_no_dominance_flag(senior: CompiledRubric, text: str) -> None:
    raised = set(senior.score(text).flag_ids)
    assert not raised & {"dismisses", "defensive", "redirects", "pulls_rank", "patronising"}


def test_a_question_about_another_topic_redirects(senior: CompiledRubric) -> None:
    context = "The night nurses say the new handover sheet takes them forty minutes."
    assert "redirects" in senior.score(
        "Hmm. Can we talk about the quarterly figures? They're due tomorrow.", context=context
    ).flag_ids
    assert "redirects" not in senior.score(
        "Can we talk about the handover sheet on Thursday? I'd like to see it.", context=context
    ).flag_ids


@pytest.mark.parametrize("text", [
    "Understood, I'll keep that in mind at the next planning meeting.",
    "If it turns out to be more than a couple of people, I'll ask payroll to look at it.",
    "I'll take a late launch over a broken one.",
    "Thanks for flagging it. I will make sure the night team is aware.",
])
def test_what_is_no_step_does_not_commit(senior: CompiledRubric, text: str) -> None:
    assert "commits" not in senior.score(text).met


@pytest.mark.parametrize("text", [
    "I'll raise it with payroll on Monday.",
    "I'll bring the rota to the planning meeting on Thursday and ask the nurses to come.",
])
def test_a_step_still_commits(senior: CompiledRubric, text: str) -> None:
    assert "commits" in senior.score(text).met
