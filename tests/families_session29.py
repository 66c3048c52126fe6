"""Session 29's cases (checked by the table tests in `tests/test_session24_families.py`): the
structural rules and families batches 31 (senior) and 32 (junior) showed the standard rubrics
missing, each written here in a setting of its own (not a sentence from either batch), with a
near miss that differs in the one thing that makes the reply fair; and the bands they decide.

Senior: the speaker's record or post, with a verdict, as the whole answer (`pulls_rank`); the
point granted then taken back with "to be fair" or "though", and the intent said but not
repaired (`defensive`); sarcasm and the refusal with its reason (`dismisses`);
"which is on me" and the admission with an adverb in it (`owns_gap`); a word of assent and a
promise, however thin (`acknowledges`); a question after "absurd" said of their own practice,
after "roughly", or with "do you think" after it (`curious`). Junior: the fault moved to them in
one breath (`blame`); what it does to other people said as their state (`impact`). The near
misses include a helper's red-team forms the first versions of these rules got wrong. Bands: a
short challenge that never says why it matters is adequate; three apologies bury the point.
"""

from __future__ import annotations

SENIOR, JUNIOR = "senior-openness", "junior-challenge"

SENIOR_RAISES = [
    ("Listen, I've captained this ferry route for nineteen winters. The timetable is fine as "
     "it is.", "pulls_rank"),
    ("I was head of the trauma unit at St Luke's. I know when a nurse is ready for nights.",
     "pulls_rank"),
    ("I chair the harbour board, and the berth allocation is not going to change for this.",
     "pulls_rank"),
    ("Thanks for flagging. To be fair, the vendor set those defaults, not my team.",
     "defensive"),
    ("Fair enough. Though honestly the old portal was worse by a long way.", "defensive"),
    ("Thanks for telling me. I certainly didn't mean it that way.", "defensive"),
    # The point waved away by sarcasm, and the refusal with its reason after it.
    ("Right. I'll just conjure up six more porters, shall I? I'm sure HR will be thrilled.",
     "dismisses"),
    ("Brilliant, and when the tills freeze we can all do long division.", "dismisses"),
    ("I'm not rerunning the tender because two suppliers didn't read the brief.", "dismisses"),
]

SENIOR_SPARES = [
    # The record owned as part of the problem, or asked about, is not rank.
    ("I've captained this route for nineteen winters and never once asked the crew about the "
     "timetable. What do they say?", "pulls_rank"),
    ("I was head of the trauma unit when we set that rule. Was I wrong about it?",
     "pulls_rank"),
    # The record beside agreement is no warrant: it comes with no verdict on their point.
    ("I've nursed on that ward for years and the lighting at night was always poor.",
     "pulls_rank"),
    ("I chair the estates committee, so this can go straight on Thursday's agenda.",
     "pulls_rank"),
    # Hot dinners said of the boiler is a figure of speech, not standing.
    ("The lift has broken down more times than this office has had hot dinners. Who do I "
     "call?", "pulls_rank"),
    # "As I've told the board" reports what was said; it vouches for nothing.
    ("The lift is on the estates list, as I've told the board twice now. It's out of my "
     "hands until spring.", "pulls_rank"),
    # "Though I'd add", a question after it, or a promise beside it is listening.
    ("Thank you. Though I'd add that the porters felt it most. Did they say anything to you?",
     "defensive"),
    # "To be fair" turned back to them, or said beside a promise, is listening.
    ("Thanks for flagging. To be fair, you're right that nobody checked the defaults.",
     "defensive"),
    ("Though the old portal had the same problem, I'll ask the vendor about it tomorrow.",
     "defensive"),
    # Sincere delight and a reopening for their reason are not waving it away.
    ("I'm sure the porters will be relieved to hear it, and I'll tell them myself today.",
     "dismisses"),
    ("I'm not reopening it to defend it; I'm reopening it because you're right.", "dismisses"),
    ("Great, so now we know where the gaps are. Which shift should we start with?",
     "dismisses"),
    ("Good catch, I'll just call the vendor now.", "dismisses"),
    ("Lovely, and who's going to lead it? I'd back you for it.", "dismisses"),
    ("We can't find cover out of thin air, I know, but I hear you. Which shifts are worst?",
     "dismisses"),
    ("I'm not revisiting it today because I want the whole team in the room. Thursday at ten?",
     "dismisses"),
    ("Thanks for the lecture. We'll see.", "acknowledges"),
    # The intent said, then repaired, is no defence; said as the answer, it is (above).
    ("I didn't mean to put her on the spot. I'll apologise to her this afternoon.",
     "defensive"),
    ("I never meant to leave the night shift out; I'll add them to the list today.",
     "defensive"),
]

JUNIOR_RAISES = [
    ("The supplier didn't approve the cheaper resin, you did. The recall is on you.", "blame"),
    ("Three audits in a row flagged it and you still signed it off. Do your job.", "blame"),
]

JUNIOR_SPARES = [
    # The fault said as "we", or denied, is not laid on them.
    ("The supplier didn't approve the cheaper resin, we did, and I think we should own that in "
     "the recall notice.", "blame"),
    ("The recall isn't on you alone; could we look at the approval steps together?", "blame"),
    # Credit moved to them, and a decision left with them, are not blame.
    ("The auditors didn't find the gap, you did, and the board should hear that.", "blame"),
    ("The decision is on you now, and I trust you with it.", "blame"),
]

FLAGGED = [
    *((SENIOR, text, flag, True) for text, flag in SENIOR_RAISES),
    *((JUNIOR, text, flag, True) for text, flag in JUNIOR_RAISES),
    *((SENIOR, text, flag, False) for text, flag in SENIOR_SPARES),
    *((JUNIOR, text, flag, False) for text, flag in JUNIOR_SPARES),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""

MET = [
    (SENIOR, "The handover note went out late, which is on me.", "owns_gap", True),
    (SENIOR, "I honestly never explained the new rota to the porters.", "owns_gap", True),
    (SENIOR, "I hadn't read the comments, only the averages.", "owns_gap", True),
    (SENIOR, "Ah, okay. I'll see about the lighting.", "acknowledges", True),
    (SENIOR, "The handover note went out late, which is on the agency.", "owns_gap", False),
    (SENIOR, "If the delay was on me I'd own it, but it was procurement.", "owns_gap", False),
    (SENIOR, "I honestly haven't read the survey and I don't intend to.", "owns_gap", False),
    (SENIOR, "Okay, noted. Will look into it.", "acknowledges", True),
    (SENIOR, "Right. I'll pass it on to the kitchen.", "acknowledges", True),
    (SENIOR, "Sure, but we'll see what the board says first.", "acknowledges", False),
    (SENIOR, "OK, I'll pass it on, not that it'll change anything upstairs.", "acknowledges",
     False),
    # "Absurd" said of their own practice is no rebuttal; a degree word before the question
    # word, or "do you think" after it, leaves a question open.
    (SENIOR, "Twelve sign-offs is, admittedly, absurd. What would a sensible chain look like?",
     "curious", True),
    (SENIOR, "That's absurd. What would a sensible chain look like, then?", "curious", False),
    (SENIOR, "Roughly how many of the drivers have said so?", "curious", True),
    (SENIOR, "What's putting them off, do you think?", "curious", True),
    (SENIOR, "Is it every delivery, or only the early ones?", "curious", True),
    (SENIOR, "Are there specific people putting you up to this?", "curious", False),
    (SENIOR, "What would a graduate know about rotas, do you think?", "curious", False),
    (SENIOR, "What did they expect, do you think?", "curious", False),
    (SENIOR, "I admit I wasn't at the away day, but that's ridiculous. Who said it?", "curious",
     False),
    (JUNIOR, "Two of the pickers were close to tears by the end of the shift.", "impact", True),
    (JUNIOR, "If it isn't fixed by Monday we lose the Tesco slot.", "impact", True),
    (JUNIOR, "Tenants have been ringing three or four times about the same leak.", "impact",
     True),
    (JUNIOR, "The pickers finished the shift at six.", "impact", False),
    (JUNIOR, "I'm shattered after the stocktake, but it went well.", "impact", False),
    (JUNIOR, "Booking a room takes longer than the old system did, about four clicks more.",
     "raises_issue", True),
    (JUNIOR, "Thanks for letting me take longer on the report.", "raises_issue", False),
    (JUNIOR, "The fire exit by the loading bay opens onto the car park.", "raises_issue", False),
]
"""Each move with the criterion it must meet, and each near miss with one it must not."""

BANDS = [
    # A short challenge that never says why it matters is adequate; saying it makes it strong.
    (JUNIOR, "I noticed the gritting rota skips the hospital road. Could we add it on Monday?",
     "adequate"),
    (JUNIOR, "I noticed the gritting rota skips the hospital road, which means ambulances "
     "slide on the hill. Could we add it on Monday?", "strong"),
    # Three apologies bury the point; one does not.
    (JUNIOR, "Sorry to bother you, so sorry, I know you're busy, but the freezer alarm went off "
     "twice last night. Sorry again.", "weak"),
    (JUNIOR, "Sorry to bother you, but the freezer alarm went off twice last night and the "
     "stock may be spoiled. Could someone check it today?", "adequate"),
    # Assent with a thin promise is shallow, not a brush-off; a bare "Noted." is.
    (SENIOR, "Okay. I'll see about the lighting.", "adequate"),
    (SENIOR, "Noted.", "weak"),
]
"""Replies whose band the rubric's structure decides, with the band a trainer gives them."""
