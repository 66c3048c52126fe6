"""Session 24: families that batches 21 (senior) and 22 (junior) showed the standard rubrics
missing, each written here in a setting of its own (not a sentence from either batch), with a
near miss that differs in the one thing that makes the reply fair.

Senior: standing as the warrant (a count of what one has signed, more of it than anyone, what
was built over the years, the right to a view earned by time put in), the harm sized to nothing,
the matter ruled outside the conversation, the source discredited, compliance or "context" as
the answer, "It's just that..." after agreeing, praise measured against their rank, the pat on
the head, and their point used as the way into the senior's own. Junior: disbelief that the
senior did the obvious work, a verdict flung as its own sentence, praise for a harm, the harm
pinned on what they did, knowledge they would have had if they had cared, the point handed back
at the end, and self-doubt and withdrawal in more words. The same two table tests check
session 25's, 27's, 28's, 29's, 30's and 31's cases too (`tests/families_session25.py`,
`tests/families_session27.py`, `tests/families_session28.py`, `tests/families_session29.py`,
`tests/families_session30.py`, `tests/families_session31.py`),
and a third checks the bands of sessions 28, 29 and 31.
"""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from tests import families_session25 as session25
from tests import families_session27 as session27
from tests import families_session28 as session28
from tests import families_session29 as session29
from tests import families_session30 as session30
from tests import families_session31 as session31
from tests.helpers import REPO


@pytest.fixture(scope="module")
def rubrics() -> dict[str, CompiledRubric]:
    library = load_library(REPO)
    return {rid: CompiledRubric.compile(library.rubrics[rid].model)
            for rid in ("senior-openness", "junior-challenge")}


SENIOR_RAISES = [
    ("I've approved enough leave requests in this post to know nobody is short-changed.",
     "pulls_rank"),
    ("I've handled more grievances than anybody on this floor; the process is fair.",
     "pulls_rank"),
    ("I grew this practice from two vets to forty over twenty years.", "pulls_rank"),
    ("Once the graduates have put in a few winters on site, they can tell me about scheduling.",
     "pulls_rank"),
    ("One late bus won't kill anyone. The timetable stands.", "dismisses"),
    ("Which suppliers I take to lunch is my business, not something for this forum.",
     "dismisses"),
    ("That petition is three parents with an axe to grind.", "dismisses"),
    ("The warehouse complies with all the rules on breaks.", "defensive"),
    ("Let me give you some background before you go further.", "defensive"),
    ("I take the point. It's just that the auditors wanted it done this way.", "defensive"),
    ("That's a sharp summary for an apprentice, honestly.", "patronising"),
    ("Love it. Keep those suggestions coming!", "patronising"),
    ("You lot always want everything on an app.", "patronising"),
    ("Funny you mention the canteen, actually, because the refit budget is what I need help with.",
     "redirects"),
    ("Retention is interesting, and it's my top priority for this quarter: can you help me with "
     "the exit survey?", "redirects"),
]

SENIOR_SPARES = [
    # The count offered as what one got wrong, not as the warrant.
    ("I've approved enough leave requests to know I should have spotted this. Which teams are "
     "short?", "pulls_rank"),
    ("I've been thinking about this for a few years. What would you change first about the "
     "rota?", "pulls_rank"),
    ("I built the old rota myself, so this one is on me. Who is it hardest on?", "pulls_rank"),
    ("A late bus can cost someone a shift. How often is it happening?", "dismisses"),
    ("This is everyone's business, not just mine. Can we take it to the staff forum together?",
     "dismisses"),
    ("I don't think we comply with all the rules on breaks, and I'd like to find out. Who "
     "should I ask?", "defensive"),
    ("Your summary is sharp. Which part of it surprised you most?", "patronising"),
    ("You mention the canteen. What do people on nights actually eat?", "redirects"),
]

JUNIOR_RAISES = [
    ("Did you actually open the survey results? Forty per cent said they'd leave.", "contempt"),
    ("Have you looked at the reviews at any point this year? Two stars.", "contempt"),
    ("The new booking page drops anyone without a smartphone. It's pathetic, frankly.",
     "contempt"),
    ("Moving the clinic to Fridays was a brilliant way to lose every working parent.",
     "contempt"),
    ("You binned the trainee allowance in March, and that is why six of them quit.", "blame"),
    ("You cut the night porter and then wonder why the lifts get vandalised.", "blame"),
    ("You'd see it if you had ever come down to the loading bay at six.", "blame"),
    ("The handover notes are missing allergy details twice a week. Let's go with your plan "
     "though.", "capitulation"),
    ("The reminder texts go out in English only. Then again, you've got the whole picture and "
     "I haven't.", "capitulation"),
    ("Maybe it's a little confusing, the form. I'm not an expert, so possibly I'm wrong.",
     "hedging"),
]

JUNIOR_SPARES = [
    ("Did you get a chance to read the survey results? Forty per cent said they'd leave.",
     "contempt"),
    ("The booking page drops anyone without a smartphone; I think that's embarrassing for us "
     "as a service, and I'd like to fix it. Could we test a phone line?", "contempt"),
    ("You asked for the drawings early, and that is what saved the pour. Could we do it again?",
     "blame"),
    ("The reminder texts go out in English only. Could we go with your idea of a translated "
     "version for the top three languages?", "capitulation"),
]


def test_a_pile_of_softeners_leaves_no_issue_standing(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = rubrics["junior-challenge"].score(
        "Perhaps it's nothing, I'm no expert, but maybe the shift handover is sort of rushed? "
        "It's not that important."
    )
    assert "raises_issue" not in result.met
    assert result.band.value == "weak"


# Session 24's red-team round: open replies a trainer would call strong (or plainly adequate)
# that the rubric marked down, written in settings of their own. Each family is grammar, not
# an idiom: the credit a move earns in any of its usual forms.
OPEN_GETS_CREDIT = [
    ("Is it the timing of the emails or the tone that lands badly?", "curious"),
    ("Can you send me the sign-up numbers so I can look at the trend myself?", "curious"),
    ("Could you ask the porters what they would change first?", "curious"),
    ("whats the worst night been so far?", "curious"),
    ("I'd no idea the porters felt that way.", "owns_gap"),
    ("I'd been blaming the weather for the empty slots.", "owns_gap"),
    ("Can we walk the ward together tomorrow at 7?", "commits"),
    ("Shall we pair on the handover notes?", "commits"),
    ("Could you and Priya draft a new rota by Friday?", "commits"),
    ("I'll keep an eye on it, and I'll sit in on the Thursday clinic next week to see it myself.",
     "commits"),
]

OPEN_NOT_FLAGGED = [
    ("We tried a rota swap in 2018 and I assumed it had fixed things. Clearly not. What does a "
     "bad week look like now?", "dismisses"),
    ("Thanks for telling me. I'll keep an eye on it.", "dismisses"),
    ("I'll keep an eye on it, and I'll sit in on the Thursday clinic next week to see it myself.",
     "dismisses"),
    ("Not sure I agree yet, but I want to see the logs before I decide. Can you share them?",
     "pulls_rank"),
    ("The buddy scheme for new starters stalled in 2020. Would you help me restart it?",
     "patronising"),
]


SENIOR_DOMINANT_BESIDE = [
    ("I decide. The rota stays as it is.", "pulls_rank"),
    ("That's a sharp point for someone so new.", "patronising"),
    ("We tried a buddy scheme back in 2019, so no.", "dismisses"),
]


def test_sympathy_is_no_apology_but_an_apology_still_is(
    rubrics: dict[str, CompiledRubric],
) -> None:
    junior = rubrics["junior-challenge"]
    sympathy = junior.score(
        "Sorry to hear about the move. While you were away, the returns backlog hit 400. "
        "Could we add weekend cover?"
    )
    assert "over_apology" not in sympathy.flag_ids
    apology = junior.score(
        "Sorry to bother you, but the returns backlog hit 400. Could we add weekend cover?"
    )
    assert "over_apology" in apology.flag_ids


# The second red-team round: dominance and its absence in their usual grammar, each written
# here in a setting of its own.
SENIOR_USUAL_DOMINANCE = [
    ("I report straight to the chief executive, and she has never mentioned it.", "pulls_rank"),
    ("Chairing the inquest review is my job, not yours.", "pulls_rank"),
    ("Nobody gets to my level by handing out extra leave.", "pulls_rank"),
    ("I have run depots in five countries. Queues are not the problem.", "pulls_rank"),
    ("We'll live.", "dismisses"),
    ("Noted. Right, what's next?", "dismisses"),
    ("The change went through the proper governance process, minutes and all.", "defensive"),
    ("Estates approved the layout. I followed the plan they gave me.", "defensive"),
    ("That was taken out of context. I was only joking.", "defensive"),
    ("Those numbers came from your own report, to be precise.", "defensive"),
    ("Actually, I said we would try to open on Saturdays.", "defensive"),
    ("It wasn't five complaints, it was two.", "defensive"),
    ("That takes me back to my first winter on the ward, we had no heating at all.",
     "redirects"),
    ("We asked every branch in the spring and nobody objected at the time.", "defensive"),
    ("The newsletters were never meant to be exciting. They inform, and they do.", "defensive"),
    ("Legal gave us two days, so there was no way to ask the tenants first.", "defensive"),
    ("If the draft had been checked, the notes would have been shorter.", "defensive"),
]


SENIOR_OPEN_NEIGHBOURS = [
    ("I was trying to understand the rota before I replied. Which week was worst?", "defensive"),
    ("Legal approved it, and I should have checked with the drivers first. Who can I ask?",
     "pulls_rank"),
    ("I'd like to hear what the night staff think. Is it the hours or the handover?",
     "redirects"),
]


JUNIOR_USUAL_FLAGS = [
    ("Every time one of us suggests a change, you shut it down.", "blame"),
    ("You cancel every other supervision, so nothing moves.", "blame"),
    ("Honestly, it's the way you talk to the porters.", "blame"),
    ("You agreed the deadline without asking any of us.", "blame"),
    ("You make every call alone and then act surprised when nobody follows.", "blame"),
    ("Do you also still use a pager?", "contempt"),
    ("Did we sit in the same meeting?", "contempt"),
    ("Yeah, it shows.", "contempt"),
    ("Great, so that'll be fixed by 2035 then.", "contempt"),
    ("The rota is unfair on parents. Scratch what I said, though.", "capitulation"),
    ("Two carers quit over the rota. Consider it withdrawn.", "capitulation"),
    ("The tool doesn't save the support team any time. If you don't see it as a problem then "
     "it probably isn't.", "capitulation"),
]


JUNIOR_FAIR_NEIGHBOURS = [
    ("Every time we ran the drill, the night team missed the alert. Could we test it at 3am?",
     "blame"),
    ("You agreed the deadline with the client on Monday; could we ask for one more week?",
     "blame"),
    ("The milestone plan shows the launch slipping two weeks. Could we review it on Friday?",
     "contempt"),
]


# The third red-team round (fair, blunt replies): a real question about the team's own habit
# blames no one, and sympathy in other words is no apology; asking why *they* keep doing it
# still blames.
JUNIOR_FAIR_BLUNT = [
    ("Why do we still fax the referrals? Every GP we work with uses email.", "blame"),
    ("Sorry, that sounds like an awful visit. I think the inspectors had a point about the "
     "fridge logs, though. Could we check them daily?", "over_apology"),
]
JUNIOR_THEIR_HABIT = [("Why do you keep moving the deadline?", "blame")]

SENIOR, JUNIOR = "senior-openness", "junior-challenge"
FLAGGED = [
    *((SENIOR, text, flag, True) for text, flag in
      SENIOR_RAISES + SENIOR_DOMINANT_BESIDE + SENIOR_USUAL_DOMINANCE),
    *((JUNIOR, text, flag, True) for text, flag in
      JUNIOR_RAISES + JUNIOR_USUAL_FLAGS + JUNIOR_THEIR_HABIT),
    *((SENIOR, text, flag, False) for text, flag in
      SENIOR_SPARES + OPEN_NOT_FLAGGED + SENIOR_OPEN_NEIGHBOURS),
    *((JUNIOR, text, flag, False) for text, flag in
      JUNIOR_SPARES + JUNIOR_FAIR_NEIGHBOURS + JUNIOR_FAIR_BLUNT),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""


@pytest.mark.parametrize(
    ("rubric_id", "text", "flag", "raised"),
    FLAGGED + session25.FLAGGED + session27.FLAGGED + session28.FLAGGED + session29.FLAGGED
    + session30.FLAGGED + session31.FLAGGED,
)
def test_each_family_raises_its_flag_and_each_near_miss_spares_it(
    rubrics: dict[str, CompiledRubric], rubric_id: str, text: str, flag: str, raised: bool
) -> None:
    assert (flag in rubrics[rubric_id].score(text).flag_ids) is raised


ISSUE_NAMED = [
    ("I noticed the average wait on the helpline went from six minutes to twenty since May.", True),
    ("The new firewall blocks all the design tools, so people use their phones instead.", True),
    ("Eight of the nine speakers at the conference were men from head office.", True),
    ("I think we're losing the Harbour account; they haven't replied since March.", True),
    ("I think the pace is burning the drivers out, two have gone off sick this month.", True),
    ("Their last three invoices have gone unanswered for over a fortnight.", True),
    ("The apprentices spend about 70% of the week on filing.", True),
    ("We're not. The booking page fails basic screen-reader checks.", True),
    ("It isn't fine. I'd like to speak to payroll myself.", True),
    ("I don't. The new sign is unreadable from the car park.", True),
    ("For the night shift it hasn't. The lift has been out for a week.", True),
    ("I think the away days go on longer than they need to.", True),
    ("I think the newsletter feels a little dated next to the other trusts'.", True),
    ("I think people sometimes find your emails a bit abrupt.", True),
    ("Sign-ups went from forty to ninety after the new page, which is brilliant.", False),
    ("All of the speakers were brilliant and everyone loved it.", False),
    ("I don't know, it seems fine.", False),
]
"""An issue said as a plain fact or trend, as a short contradiction or in soft words is named;
good news in the same shapes, and "I don't know", are not."""

MET = [
    *((SENIOR, text, criterion, True) for text, criterion in OPEN_GETS_CREDIT),
    # Sympathy owns nothing; an owned mistake does.
    (SENIOR, "I'm sorry to hear that. Thanks for telling me.", "owns_gap", False),
    (SENIOR, "I'm sorry, I should have asked the night team first.", "owns_gap", True),
    # "Anything else?" is a formality unless it asks about the point.
    (SENIOR, "Okay. I'm sorry people feel that way. Is there anything else?", "curious", False),
    (SENIOR, "Right. Good point. Anything else on your list?", "curious", False),
    (SENIOR, "Is there anything else I should know about the night rota?", "curious", True),
    # "I noticed" alone anchors nothing; gathered evidence does.
    (JUNIOR, "I noticed things are a bit off lately.", "specific", False),
    (JUNIOR, "I pulled the rota data for the night team.", "specific", True),
    *((JUNIOR, text, "raises_issue", named) for text, named in ISSUE_NAMED),
]
"""Each move with the criterion it must meet, and each near miss with one it must not."""


@pytest.mark.parametrize(
    ("rubric_id", "text", "criterion", "met"),
    MET + session25.MET + session27.MET + session28.MET + session29.MET + session31.MET,
)
def test_each_move_earns_its_criterion_and_each_near_miss_does_not(
    rubrics: dict[str, CompiledRubric], rubric_id: str, text: str, criterion: str, met: bool
) -> None:
    assert (criterion in rubrics[rubric_id].score(text).met) is met


@pytest.mark.parametrize(
    ("rubric_id", "text", "band"), session28.BANDS + session29.BANDS + session31.BANDS
)
def test_the_rubrics_structure_puts_each_reply_in_the_trainers_band(
    rubrics: dict[str, CompiledRubric], rubric_id: str, text: str, band: str
) -> None:
    assert rubrics[rubric_id].score(text).band.value == band
