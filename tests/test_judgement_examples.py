"""Every reply issue 13 quotes, judged by the standard rubrics as the trainer judged it.

These are the cases a new user tried with a trainer beside them, and the rubrics got wrong: money
and number words not counted as concrete, an owned assumption missed, a "yes, but" read as
acknowledging, polite brush-offs and a change of subject scored strong, sarcasm and talking down
unflagged, saying little rewarded, and evidence pointing at the wrong words.
"""

from __future__ import annotations

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric, ScoreResult
from tests.helpers import REPO


@pytest.fixture(scope="module")
def rubrics() -> dict[str, CompiledRubric]:
    library = load_library(REPO)
    return {rid: CompiledRubric.compile(loaded.model) for rid, loaded in library.rubrics.items()}


def junior(
    rubrics: dict[str, CompiledRubric], text: str, context: str | None = None
) -> ScoreResult:
    return rubrics["junior-challenge"].score(text, context=context)


def senior(
    rubrics: dict[str, CompiledRubric], text: str, context: str | None = None
) -> ScoreResult:
    return rubrics["senior-openness"].score(text, context=context)


def met(result: ScoreResult, criterion: str) -> bool:
    return any(c.id == criterion and c.met for c in result.criteria)


def evidence(result: ScoreResult, criterion: str) -> list[str]:
    found = next(c for c in result.criteria if c.id == criterion)
    return [result.text[start:end] for start, end in found.evidence]


# -- Concrete anchors: money, number words, dates and named meetings --------------------------

@pytest.mark.parametrize("text", [
    "That cost us £8,400.",
    "Seven of the eleven read it that way.",
    "In Tuesday's town hall, three directors asked what the red column meant.",
])
def test_money_numbers_and_meetings_anchor_a_challenge(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    result = junior(rubrics, text)
    assert met(result, "specific"), result.met
    assert evidence(result, "specific"), "the anchor itself is the evidence"


def test_a_cost_in_money_is_the_evidence_not_the_whole_sentence(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = junior(rubrics, "That cost us £8,400.")
    assert "£8,400" in " ".join(evidence(result, "specific"))
    assert "That cost us £8,400." not in evidence(result, "specific")


# -- Owning an assumption ----------------------------------------------------------------------

def test_an_owned_assumption_is_owning_a_gap(rubrics: dict[str, CompiledRubric]) -> None:
    result = senior(rubrics, "I made an assumption without checking it.")
    assert met(result, "owns_gap")
    assert any("assumption" in words for words in evidence(result, "owns_gap"))


# -- "Yes, but": the contrast carries the weight -----------------------------------------------

def test_yes_i_hear_you_but_is_defensive_not_acknowledging(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = senior(
        rubrics,
        "Yes, I hear you, but the workshops have always been optional, so people can choose.",
        context="Nobody on the night shift can get to the workshops.",
    )
    assert not met(result, "acknowledges"), "the 'but' takes the acknowledgement back"
    assert "defensive" in result.flag_ids
    assert result.band.value == "weak"


# -- Polite brush-offs ---------------------------------------------------------------------------

def test_a_small_sample_and_keep_an_eye_on_it_is_a_brush_off(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = senior(
        rubrics,
        "Two rounds is quite a small sample though. Let's keep an eye on it.",
        context="Women were a third of applicants but none were promoted in the last two rounds.",
    )
    assert "dismisses" in result.flag_ids
    assert result.band.value != "strong"


def test_send_me_a_note_if_there_is_time_is_not_curiosity(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = senior(
        rubrics, "Send me a note and I'll raise it at the next panel if there's time.",
        context="The panel keeps scoring part-timers lower on availability.",
    )
    assert not met(result, "curious"), "'Send me' asks for paperwork, not to learn more"
    assert "dismisses" in result.flag_ids
    assert result.band.value != "strong"


# -- Changing the subject ------------------------------------------------------------------------

def test_thanks_then_a_question_about_something_else_redirects(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = senior(
        rubrics,
        "That's interesting, thanks. Before we get into it, how's the bid going?",
        context="The night staff never hear about changes until the day they happen.",
    )
    assert "redirects" in result.flag_ids
    assert result.band.value != "strong"
    assert not met(result, "curious"), "a question about the bid is not curiosity about their point"


# -- Sarcasm and talking down --------------------------------------------------------------------

def test_a_tag_question_closed_with_a_full_stop_is_sarcasm(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = junior(
        rubrics, "Although I guess the Doncaster team won't be needing it much, will they.",
        context="We're moving the training budget to head office.",
    )
    assert "contempt" in result.flag_ids
    assert result.band.value == "weak"


def test_everyone_knows_how_and_you_will_catch_up_talks_down(
    rubrics: dict[str, CompiledRubric],
) -> None:
    text = "Honestly, everyone knows how to do it now... You'll catch up in no time."
    assert "contempt" in junior(rubrics, text).flag_ids
    assert "patronising" in senior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    "THIS IS NOT OKAY for the night shift.",
    "When will management ever learn?",
    "No idea what you're on about, the figures are right there.",
    "Whatever. Do what you like with the rota.",
    "Oh please. Nobody believes the door is open.",
])
def test_shouting_dismissal_and_exasperation_are_contempt(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "contempt" in junior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    # Sarcasm without a scorn word, in the junior rubric's own paraphrases.
    "Oh yes, because nothing says inclusive like a 7am breakfast meeting.",
    "I'm sure the night shift will be thrilled to hear about the free yoga at lunchtime.",
    "Right, and I'm sure the parents will just rearrange childcare around it.",
    "Love how the wellbeing week was scheduled during year-end.",
    "Sure, another survey. That'll fix everything.",
    "It's almost like nobody asked the people who actually use it.",
    "Oh, brilliant idea, let's have another meeting about meetings.",
    "So glad we spent the budget on a new logo instead of the lift.",
    "Because everyone loves filling in the same form three times.",
    "Yes, let's definitely keep doing the thing that isn't working.",
    "Another restructure, how exciting.",
    "I guess the wheelchair users can just wait outside, then.",
    "Cool, so the deaf colleagues can just lip-read the livestream.",
    "Well that went well.",
    "Sure, we'll just tell the customers to buy newer phones.",
    "Bold strategy, announcing pay cuts on the same day as the bonuses.",
    "Who needs captions anyway, right?",
    "It's not like anyone actually reads the newsletter.",
    "Yeah, the team's really feeling the love right now.",
    "Great to know our feedback goes straight in the bin.",
    "Thanks for the detailed plan, all two lines of it.",
    "Clearly the best way to boost morale is to cancel the bonus.",
    "Well, at least the slides looked nice.",
    "Is that really the best you could come up with for the night shift?",
    "You call that a consultation? Nobody below manager was asked.",
    "Nobody in their right mind would book the offsite on a school holiday.",
    "Anyone with half a brain could see the form was broken.",
    "Please don't lecture me about inclusion when the panel is all directors.",
    "Love that it booked the night shift for the Christmas party. Groundbreaking.",
    "Again. The third cancellation since March.",
    "In what world is a 7am start family-friendly?",
    "A survey about survey fatigue. What a time to be alive.",
    "Peak corporate, honestly: a wellbeing webinar at 6pm.",
    "Does anyone even read the newsletter? This is wasting everyone's time.",
])
def test_sarcasm_by_its_shape_is_contempt(rubrics: dict[str, CompiledRubric], text: str) -> None:
    assert "contempt" in junior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    # The same openings said straight.
    "I'm sure the night shift would come if the session were recorded.",
    "I love how the team rallied round; could we keep the Friday slot?",
    "Another option is to rotate the chair each week.",
    "We can just move it to Thursday if that suits more people.",
    "At least three parents asked for a later slot.",
    "It's like the old rota, only the late shifts rotate.",
    "Let's definitely follow up with the night team on Monday.",
    "The best way to check would be to ask the night shift directly.",
    "Who needs the room on Thursdays? We could swap.",
    "I love that idea. Could we try it with one team first?",
    "Could you send it again? The link didn't work.",
    "What? I hadn't heard the session was cancelled. Do you know why?",
    "Thanks for the lecture notes, they helped. One thing: the slides weren't captioned.",
    "That was a great session. I'm sure the team will be delighted with the new slot.",
])
def test_sarcasm_openings_said_straight_are_not_contempt(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "contempt" not in junior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    # Negated, mentioned or aimed elsewhere: the same words, no contempt or blame.
    "I'm not saying you didn't read it; I think the summary buried the point.",
    "Priya said \"did you even read it?\" in the meeting, and I think that hurt.",
    "It's not that you keep ignoring it; the tickets go to the wrong queue.",
    "The acronyms on the slide, SLA, KPI and RAG, weren't explained.",
    "Could we rethink how the rota is set? Four of the six parents asked for later slots.",
])
def test_negated_or_mentioned_forms_raise_neither_contempt_nor_blame(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    raised = set(junior(rubrics, text).flag_ids)
    assert not raised & {"contempt", "blame"}, raised


# -- Saying little earns nothing -------------------------------------------------------------------

def test_the_noun_problem_alone_names_no_issue(rubrics: dict[str, CompiledRubric]) -> None:
    result = junior(rubrics, "You know what the problem is.")
    assert not met(result, "raises_issue")
    assert result.band.value == "weak"


def test_the_verb_issue_is_not_naming_an_issue(rubrics: dict[str, CompiledRubric]) -> None:
    result = junior(rubrics, "I'll issue the new rota to the whole team on Monday.")
    assert not met(result, "raises_issue")
    assert all("issue" not in words.lower() for words in evidence(result, "raises_issue"))


@pytest.mark.parametrize("track", ["junior-challenge", "senior-openness"])
def test_maybe_is_weak(rubrics: dict[str, CompiledRubric], track: str) -> None:
    result = rubrics[track].score("Maybe.")
    assert result.band.value == "weak"
    assert not result.met


@pytest.mark.parametrize("track", ["junior-challenge", "senior-openness"])
def test_a_bare_request_for_numbers_is_not_strong(
    rubrics: dict[str, CompiledRubric], track: str
) -> None:
    result = rubrics[track].score(
        "Could you also send me the numbers?", context="Attendance at the socials is down."
    )
    assert result.band.value != "strong"


# -- Evidence points at the words that did the work ---------------------------------------------

@pytest.mark.parametrize("text", [
    "I don't agree that it's a problem.",
    "I don't think that's fair on anyone.",
    "We don't get many visitors in wheelchairs.",
])
def test_evidence_is_never_the_positive_half_of_a_negation(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    for rubric in rubrics.values():
        result = rubric.score(text)
        spans = [span for c in result.criteria for span in c.evidence]
        spans += [span for f in result.flags for span in f.evidence]
        for start, end in spans:
            # "I do" quoted out of "I don't": a span must not stop just before the "n't".
            assert not text[end:].lower().startswith(("n't", "n’t")), (
                f"{rubric.rubric.id} quotes {text[start:end]!r} out of {text!r}"
            )


def test_i_dont_agree_is_not_agreement(rubrics: dict[str, CompiledRubric]) -> None:
    assert not met(senior(rubrics, "I don't agree that it's a problem."), "common_ground")


def test_leaves_room_for_them_does_not_highlight_the_whole_reply(
    rubrics: dict[str, CompiledRubric],
) -> None:
    text = "Thanks for telling me. What happened at the stand-up?"
    result = senior(rubrics, text)
    assert met(result, "concise")
    room = next(c for c in result.criteria if c.id == "concise")
    assert room.evidence, "the question and the thanks are what leave them room"
    assert all(end - start < len(text) for start, end in room.evidence)


# -- One readable scale --------------------------------------------------------------------------

def test_both_standard_rubrics_share_the_band_cut_offs(
    rubrics: dict[str, CompiledRubric],
) -> None:
    for rubric in rubrics.values():
        if rubric.rubric.id in ("junior-challenge", "senior-openness"):
            assert (rubric.rubric.bands.strong, rubric.rubric.bands.adequate) == (0.70, 0.40)


# -- Negation stays in its clause ----------------------------------------------------------------

def test_a_negation_later_in_the_reply_does_not_cancel_a_commitment(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = senior(rubrics, "I'll raise it with HR on Monday, and I won't let it drop.")
    assert met(result, "commits")


# -- Senior: each dominance move in more than one voice -----------------------------------------
# The rules are families of wordings, so each move is checked in voices the labelled replies do
# not use: terse chat, typos, careful prose, sarcasm, negated verdicts.

@pytest.mark.parametrize(("text", "flag"), [
    # Waving it away: minimising, the status quo as fine, handing it back, shelving it.
    ("meh, its fine. people will get used to it", "dismisses"),
    ("I don't think it's a big deal, honestly.", "dismisses"),
    ("I can't see it being a problem.", "dismisses"),
    ("They're adults, they can sort it out between themselves.", "dismisses"),
    ("Hmm, I'm not sure the survey is that reliable, only 30 people answered.", "dismisses"),
    ("Thanks, I'll take it on board. We've got a lot on so it may have to wait.", "dismisses"),
    ("We'll cross that bridge when we come to it.", "dismisses"),
    ("That's one perspective. I think most of the team would see it differently.", "dismisses"),
    # Justifying the status quo, the objection, the context instead of listening.
    ("I asked for volunteers and nobody came forward.", "defensive"),
    ("To be honest the rota was agreed with the union.", "defensive"),
    ("Just to give some context, the budget was set before I joined.", "defensive"),
    ("That's a bit harsh on the team, they work really hard.", "defensive"),
    ("I'd push back on that a little.", "defensive"),
    # Tenure, experience and position as the argument, said outright or by implication.
    ("I have 20 yrs experience in this sector, i know what works.", "pulls_rank"),
    ("I've been doing this since you were at school.", "pulls_rank"),
    ("Those of us who've been around a while have seen this tried before.", "pulls_rank"),
    ("That's not your call to make.", "pulls_rank"),
    # Talking down: praise from above, their youth, the simple version for them.
    ("Aw, bless. Nice that you care.", "patronising"),
    ("It's complicated, you wouldn't understand the politics.", "patronising"),
    ("Ha, look at you, doing your homework!", "patronising"),
    ("I'm sure you know best.", "patronising"),
    # Their own agenda.
    ("ok thanks. btw did you see my email about the offsite?", "redirects"),
    ("Interesting. On that note, I need your help with my slides.", "redirects"),
])
def test_senior_dominance_moves_in_other_voices(
    rubrics: dict[str, CompiledRubric], text: str, flag: str
) -> None:
    result = senior(rubrics, text)
    assert flag in result.flag_ids, (text, result.flag_ids)
    assert result.band.value != "strong"


@pytest.mark.parametrize("text", [
    # Tenure or position in the service of owning it is context, not rank.
    "I've managed this team for six years and I never noticed that. What else have I missed?",
    "I'm the one who set that rule, so it's on me to change it. I'll change it tomorrow.",
    # A brush-off reported or owned is not one.
    "I'd assumed the pipeline would sort itself out, which clearly isn't happening. "
    "What's getting in the way?",
    "The project team told me it was teething issues; seven of eleven is not that. "
    "Can we go through the claims on Thursday?",
    # Conceding "in fairness to you" is not a defence.
    "In fairness to you, I should have asked months ago. Who else should I speak to?",
    # A mention of a patronising line, in quotation marks, is not talking down.
    'My first boss said "you\'ll understand when you\'re older" and I hated it. What did you see?',
])
def test_senior_open_replies_that_mention_dominant_words_raise_no_flag(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    result = senior(rubrics, text)
    assert not result.flag_ids, (text, result.flag_ids)
    assert result.band.value == "strong"


@pytest.mark.parametrize("text", [
    "Thanks for bringing that to me. I'll forward it to the digital team.",
    "Interesting. I hadn't thought of it that way. Thanks.",
    "Ha, guilty as charged, thanks for saying.",
])
def test_senior_shallow_replies_are_adequate_not_strong(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    # Generic thanks and owning are their own criteria, not also "takes their point on board":
    # without curiosity or a concrete step a polite reply is adequate.
    assert senior(rubrics, text).band.value == "adequate"


@pytest.mark.parametrize("text", [
    "Appreciate you flagging that. I'll admit I've used that phrase for years without thinking "
    "about it. I'll switch to 'HR team', and I'll have a word with the HR director this week.",
    "That's a real signal, thank you. I hadn't realised it had travelled that far. What options "
    "do you and comms have in mind? I'm open to acknowledging it publicly.",
    "I hadn't thought about how it feels for the kids who can't go. Do you know roughly how many?",
])
def test_senior_mid_reply_questions_and_dated_steps_count(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    # A question in the middle of a short reply is curiosity; a step with a time on it commits
    # even when a vague phrase ("without thinking about it") sits elsewhere in the reply.
    result = senior(rubrics, text)
    assert met(result, "curious") or met(result, "commits"), result.met
    assert result.band.value == "strong"


@pytest.mark.parametrize(("text", "flag"), [
    # Standing by implication and in few words.
    ("I've sat on enough panels to know that isn't how it works.", "pulls_rank"),
    ("The board trusts me to make these calls.", "pulls_rank"),
    ("Respectfully, you're two years into your career.", "pulls_rank"),
    ("I'm the expert here.", "pulls_rank"),
    # The brush-off, polite, by implication and typed fast.
    ("I think you're making too much of this.", "dismisses"),
    ("In the grand scheme, it's a small thing.", "dismisses"),
    ("its always been like this tbh", "dismisses"),
    ("Noted.", "dismisses"),
    # The reason, the counter-attack and the record as the answer.
    ("The reason we did it that way is the budget.", "defensive"),
    ("Well, you didn't say anything at the time either.", "defensive"),
    ("It's easy to criticise from the outside.", "defensive"),
    ("well u never told me", "defensive"),
    # Praise and reassurance from above.
    ("Ah, the confidence of youth.", "patronising"),
    ("Nice of you to take an interest.", "patronising"),
    ("Careful, you'll be after my job next.", "patronising"),
])
def test_senior_dominance_by_implication(
    rubrics: dict[str, CompiledRubric], text: str, flag: str
) -> None:
    result = senior(rubrics, text)
    assert flag in result.flag_ids, (text, result.flag_ids)
    assert result.band.value == "weak"


@pytest.mark.parametrize("text", [
    # Waiting after a step is follow-through, not a brush-off.
    "Thanks for telling me. I'll move the rota on Monday and keep an eye on it after that.",
    # "Let's not" that hurries the fix.
    "That's on me. Let's not wait for the review; I'll change it this week.",
    # Intent, then its effect granted.
    "It was never meant to exclude anyone, but I can see that it did. I'll change the invite "
    "list today.",
    # The excuse named as no excuse.
    "I could say the budget was tight, but that's no excuse, and I'm sorry. I'll fix it on "
    "Monday.",
    # A feeling shared, not tenure as the argument.
    "When I joined I felt exactly the same about the rota. What would you change first?",
])
def test_senior_open_replies_in_dominant_shapes_raise_no_flag(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    result = senior(rubrics, text)
    assert not result.flag_ids, (text, result.flag_ids)
    assert result.band.value == "strong"


@pytest.mark.parametrize("text", [
    "Love the idea! Let me think about it and get back to you.",
    "Thanks, good effort pulling that together. I'll look into it.",
    "I'm surprised - it was designed to be developmental. But thank you, I'll look at how it's "
    "coming across.",
])
def test_senior_one_mild_slip_with_a_promise_to_follow_up_is_adequate(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    # LABELS.md: "mostly open with one mild slip" is adequate; a promise to look at it, however
    # vague, is the openness that keeps it off weak.
    assert senior(rubrics, text).band.value == "adequate", senior(rubrics, text)


def test_a_question_for_their_own_agenda_is_not_curiosity(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = senior(
        rubrics,
        "Right, thanks. Anyway, what I really wanted to ask is whether you could help me with "
        "TikTok?",
        context="The self-checkouts are putting off older customers.",
    )
    assert "redirects" in result.flag_ids
    assert not met(result, "curious")
    assert not met(result, "commits")
    assert result.band.value == "weak"



# Families from a fresh outside batch, each in words of our own: offence taken, history as the
# answer, relabelling; numbers and shrugs; the record as the ticket; fond condescension; a turn to
# one's own agenda.
@pytest.mark.parametrize(("text", "flag"), [
    ("Were you implying that we don't care about patients?", "defensive"),
    ("I'd ask you not to describe my department that way.", "defensive"),
    ("Did anyone think about the budget when they signed the petition?", "defensive"),
    ("We trialled flexible hours in 2018 and productivity fell.", "defensive"),
    ("HR signed it off.", "defensive"),
    ("It wasn't cut, it was streamlined.", "defensive"),
    ("It's three complaints out of two hundred.", "dismisses"),
    ("Change takes as long as it takes.", "dismisses"),
    ("I'm not revisiting that decision.", "dismisses"),
    ("We don't need to reinvent the wheel here.", "dismisses"),
    ("Well, the union would say that.", "dismisses"),
    ("I led the review that designed the scheme.", "pulls_rank"),
    ("If you'd run a budget this size you'd see it differently.", "pulls_rank"),
    ("Have you ever had to sack someone?", "pulls_rank"),
    ("We didn't even have computers when I started.", "pulls_rank"),
    ("You're so sweet to worry about this.", "patronising"),
    ("Keep that passion alive.", "patronising"),
    ("Somebody's been reading the Guardian.", "patronising"),
    ("Thanks, son.", "patronising"),
    ("Right, can we talk about the quarterly numbers?", "redirects"),
    ("That's where I need your focus this month.", "redirects"),
    ("So you're accusing me of favouritism?", "defensive"),
    ("I'd thank you not to call it that.", "defensive"),
    ("Finance approved it, so.", "defensive"),
    ("That ship has sailed.", "dismisses"),
    ("Great, now can we look at the Q3 forecast?", "redirects"),
])
def test_senior_dominance_families_from_an_outside_batch(
    rubrics: dict[str, CompiledRubric], text: str, flag: str
) -> None:
    assert flag in senior(rubrics, text).flag_ids, text


@pytest.mark.parametrize(("text", "flag"), [
    ("I won't tell you you'll get the hang of it when you're older. What did you see?",
     "patronising"),
    ("I'm not going to tell you you'll understand once you've been here longer. Go on.",
     "pulls_rank"),
    ("Thirty years in this job doesn't make me right about this. What have you seen?",
     "pulls_rank"),
    ("I'm not going to brush this off. Can you tell me what it looked like from your side?",
     "defensive"),
    ("I signed it off, and I should have checked it. I'll fix it this week.", "defensive"),
    ("I'd like to talk about the rota you mentioned. Can we look at it on Friday?",
     "redirects"),
    ("I won't pretend these things take as long as they take. I'll have it fixed by Friday.",
     "dismisses"),
    ("I'm not going to say you're very sweet to notice; you're right. What else have you seen?",
     "patronising"),
    ("My instinct is to say we tried that in 2019, and that's not an answer. What would you try?",
     "defensive"),
    ("I'm not reopening this to defend it; I'm reopening it to fix it. Who should I talk to?",
     "dismisses"),
    ("I've never seen anyone sidelined, but that's exactly why I should ask. Who has been?",
     "dismisses"),
    ("Rather than say I've built hospitals, let me ask: what are the site staff telling you?",
     "pulls_rank"),
])
def test_senior_a_move_refused_or_owned_is_not_the_move(
    rubrics: dict[str, CompiledRubric], text: str, flag: str
) -> None:
    assert flag not in senior(rubrics, text).flag_ids, text


def test_how_could_asks_unless_it_is_how_could_you(rubrics: dict[str, CompiledRubric]) -> None:
    assert met(senior(rubrics, "How could the rota work better for nights?"), "curious")
    assert not met(senior(rubrics, "How could you say that to the whole team?"), "curious")

# -- Junior: strong needs the issue named specifically -----------------------------------------

@pytest.mark.parametrize("text", [
    "I think the sessions could be more open. Could we discuss it?",
    "I feel like the stand-ups are a bit one-sided. What do you think?",
])
def test_a_vague_worry_and_a_bare_proposal_is_not_strong(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    result = junior(rubrics, text)
    assert not met(result, "invites_dialogue"), "nothing concrete to discuss yet"
    assert result.band.value == "adequate"


def test_a_concrete_point_and_a_proposal_is_strong(rubrics: dict[str, CompiledRubric]) -> None:
    result = junior(rubrics, "I noticed the Q&A went to the same three people, which means the "
                             "juniors never get heard. Could we take live questions next time?")
    assert met(result, "invites_dialogue")
    assert result.band.value == "strong"


def test_a_name_alone_anchors_nothing(rubrics: dict[str, CompiledRubric]) -> None:
    assert not met(junior(rubrics, "I think Sarah feels a bit left out of things."), "specific")
    assert met(junior(rubrics, "In the review, Sarah asked twice and got no reply."), "specific")


# -- Junior: soft concerns still name the issue --------------------------------------------------

@pytest.mark.parametrize("text", [
    "To be honest I found the new form hard to follow.",
    "The team would like more say in how the rota is set.",
    "I think the culture issue is more about how we run meetings.",
])
def test_a_soft_concern_names_the_issue(rubrics: dict[str, CompiledRubric], text: str) -> None:
    result = junior(rubrics, text)
    assert met(result, "raises_issue"), result.met
    assert result.band.value == "adequate"


# -- Junior: contempt and blame in their general forms --------------------------------------------

@pytest.mark.parametrize("text", [
    # The five requests the issue quotes from the Stanford Politeness Corpus's rudest tenth.
    "Here, let me parse it out for you",
    "What part of 'use common sense' did not get through to you?",
    "Did you try anything at all? Is this homework?",
    "Excuse me? Since when?",
    "You have a lot of cheek marking it without saying what needs fixing",
    # The same forms in other words.
    "Let me spell it out for you slowly.",
    "How many times do I have to explain this?",
    "Why did you even bother sending it round?",
    "Grow up and read the feedback.",
    "The new form is obviously not working, and everyone can see it.",
    "You clearly didn't read the report.",
    "That's a ridiculous rule for the night team.",
])
def test_contempt_and_blame_in_their_general_forms(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert {"contempt", "blame"} & set(junior(rubrics, text).flag_ids), text


@pytest.mark.parametrize("text", [
    "It's obviously your call, but could we trial it with one team first?",
    "Could we put the dashboard on the wall so everyone can see it?",
    "I know it was meant as a joke, but three people told me afterwards it stung.",
    "Honestly I felt a bit stupid asking, so I think others won't ask either.",
    "For the third time this month the session was cancelled, and people stopped signing up.",
    "What made you choose the Friday slot? Four of the six parents can't make it.",
    "I'll walk you through it again if that helps: the form loses 40% at step three.",
])
def test_the_same_words_used_plainly_are_not_contempt(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert not {"contempt", "blame"} & set(junior(rubrics, text).flag_ids), text


def test_a_misreading_and_the_time_it_cost_are_the_issue_and_its_impact(
    rubrics: dict[str, CompiledRubric],
) -> None:
    # Seen in the app: a strong reply told it had named no issue and no cost, which it had.
    result = junior(rubrics, "At the March board two of the seven NEDs read the red column as "
                    "risk, and 25 minutes went on definitions. Could we test a printed legend "
                    "before the June pack?")
    assert met(result, "raises_issue") and met(result, "impact")
    assert not met(junior(rubrics, "Could you read the report as soon as you can?"),
                   "raises_issue")


# -- Junior: blame as accusatory you-statements, in their general forms ----------------------------

@pytest.mark.parametrize("text", [
    "You're just covering your own back.",
    "You only want the credit.",
    "You never take us seriously.",
    "You didn't even consider who would be left out.",
    "You threw the field team under the bus at the board.",
    "You keep promising a review, but nothing changes.",
    "You'll just do whatever you want anyway.",
    "So you're basically saying the part-timers don't matter.",
    "You wrote the policy for the managers and everyone knows it.",
    "You don't want to hear it, clearly.",
    "If you cared, you'd have visited, or you'd have asked by now.",
])
def test_fault_motive_and_disregard_laid_on_the_listener_are_blame(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "blame" in junior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    # Respectful you-statements, negated or reported accusations, and harm with no "you".
    "You asked us to flag anything odd, and the sign-ups halved.",
    "You've always been open with us, so I wanted to raise the rota.",
    "It's your call, but could we trial it with one team first?",
    "You set up the forum, which really helped; could we run it monthly?",
    "Have you thought about who that shuts out?",
    "You might not have thought about the carers; I hadn't either until Priya said.",
    "She told me \"you don't respect the night shift\", and I don't think that's fair.",
    "You're right that the budget is tight, so could we look at cheaper options?",
    "You would have come by now if you'd got the invite, so I think it went astray.",
])
def test_respectful_or_negated_you_statements_are_not_blame(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "blame" not in junior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    # Sarcasm by its shape, in the junior rubric's own paraphrases (the rubric's match list is
    # full).
    "Congrats on finally noticing the lift's been broken since June.",
    "Well done on discovering that the night shift exists.",
    "Tell that to the four carers who handed in their notice.",
    "Bit rich coming from someone who cancelled every one-to-one this year.",
    "Says the person who booked the offsite in half term.",
    "Fine if you love standing in the rain for the shuttle, I suppose.",
    "My gran could work out that a 7am start doesn't suit parents.",
    "Even the intern spotted the typo in the headline.",
    "It's not exactly brain surgery to add captions.",
    "Shall I do the Ladybird version for you?",
    "I'm sure it's just a coincidence that every cut lands on the night team.",
    "The rota changed the week I complained. Pure coincidence.",
    "Oh sure they will.",
    "Next quarter. Sure. Same as the last three.",
    "We'll look at it in spring. Like last year.",
    "Lovely slides. Ten out of ten.",
    "Really inspiring plan, no notes.",
    "Not that anyone listens, but the form is still broken.",
    "Seven names and all of them directors. Very inclusive. Great work everyone.",
    "lmao the survey closed before the night shift could fill it in",
    "Why would anyone even bother filling in the survey?",
    "Oh good, so the night shift miss out again.",
    "Interesting choice. Nobody below manager was asked.",
])
def test_sarcasm_by_its_shape_in_more_forms_is_contempt(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "contempt" in junior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    "Well done on the launch; the captions were missing on the replay, though.",
    "That's a rich seam of feedback; could we go through it together?",
    "If you enjoy the sessions, could you tell the other directors?",
    "Even the interns said the induction was useful, so it's worth keeping.",
    "Sure. I'll send the figures round tonight.",
    "It was like last year, only longer.",
    "I gave it ten out of ten in the survey. One thing though: the captions.",
    "Oh, great, thanks for sending it. One thing: the form loses half its users at step three.",
    "Was it a coincidence that both sessions clashed with the school run, or was it planned?",
])
def test_the_same_shapes_said_straight_are_not_contempt(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    assert "contempt" not in junior(rubrics, text).flag_ids


@pytest.mark.parametrize("text", [
    # Four kinds of softener on one point: "so hedged ... that the point is lost" (LABELS.md).
    "Sorry, this is probably nothing and I might be wrong, but maybe the rota is a bit hard on "
    "parents?",
    "It's only a small thing, feel free to ignore it, but I kind of wondered if the reading list "
    "could maybe be more varied?",
    # Five different softening words, though only two kinds.
    "Perhaps the new rota is a bit tight, and possibly it's kind of hard on parents, maybe.",
])
def test_a_point_hedged_four_ways_is_lost(rubrics: dict[str, CompiledRubric], text: str) -> None:
    result = junior(rubrics, text)
    assert "hedging" in result.flag_ids
    assert not met(result, "raises_issue")
    assert result.band.value == "weak"


def test_a_point_hedged_two_ways_still_names_the_issue(
    rubrics: dict[str, CompiledRubric],
) -> None:
    result = junior(rubrics, "I might be wrong, but maybe the rota is unfair on parents.")
    assert "hedging" in result.flag_ids
    assert met(result, "raises_issue")
    assert result.band.value == "adequate"


def test_one_apology_before_a_point_and_its_cost_is_adequate(
    rubrics: dict[str, CompiledRubric],
) -> None:
    # LABELS.md: "substantive with one flag" is adequate; the apology keeps it from strong.
    result = junior(rubrics, "Sorry, I know you're busy, but the cleaners can't reach the "
                             "hardship fund page, which means they miss out.")
    assert "over_apology" in result.flag_ids
    assert result.band.value == "adequate"


@pytest.mark.parametrize("text", [
    "Thanks for flagging that.",
    "ok, noted - cheers",
    "Fair enough, thanks.",
    "Good to hear, I appreciate you saying it.",
])
def test_generic_thanks_with_no_slip_is_shallow_not_weak(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    # LABELS.md: "polite and not dominant but shallow (generic thanks...)" is adequate.
    result = senior(rubrics, text)
    assert (result.band.value, result.flag_ids) == ("adequate", []), text


@pytest.mark.parametrize("text", [
    "Thanks, but we're not changing it.",
    "Appreciate it. We won't be changing that.",
    "Thanks. Noted.",
])
def test_thanks_that_closes_the_point_is_not_lifted(
    rubrics: dict[str, CompiledRubric], text: str
) -> None:
    result = senior(rubrics, text)
    assert result.band.value == "weak" and "dismisses" in result.flag_ids, text


@pytest.mark.parametrize("text", [
    "I'm not saying you're wrong. What did you see?",
    "I'm not calling it nonsense at all. Which part worried people most?",
])
def test_a_denied_verdict_is_not_a_rebuttal(rubrics: dict[str, CompiledRubric], text: str) -> None:
    result = senior(rubrics, text)
    assert "defensive" not in result.flag_ids and "curious" in result.met, text


def test_the_verdict_said_plainly_is_still_defensive(rubrics: dict[str, CompiledRubric]) -> None:
    result = senior(rubrics, "You're wrong about the rota. Where did you even hear that?")
    assert "defensive" in result.flag_ids and "curious" not in result.met
