"""Session 28's cases (checked by the table tests in `tests/test_session24_families.py`): the
families batches 29 (senior) and 30 (junior) showed the standard rubrics missing, each written
here in a setting of its own (not a sentence from either batch), with a near miss that differs
in the one thing that makes the reply fair; and the bands that `strong_needs` and `weak_at`
decide.

Senior: the act recast as a kindness ("I was protecting her"), the decision handed up the line
("it came from head office"), their account called partial ("only half the story"), the remark
called harmless banter; a promise of what they will have by a date commits. Junior: the
withdrawal anywhere in the reply ("please disregard this", "I shouldn't have raised it").
Bands: one move on its own said in a line is adequate; two blaming remarks make a reply weak.
"""

from __future__ import annotations

SENIOR, JUNIOR = "senior-openness", "junior-challenge"

SENIOR_RAISES = [
    ("I was looking out for him, frankly. The client would have eaten him alive.", "defensive"),
    ("I was only being kind; she'd have been crushed by the full list.", "defensive"),
    ("The menu prices came down from group, not from me.", "defensive"),
    ("The dress code comes from head office and I have to apply it.", "defensive"),
    ("The survey is only half the story. There's the turnover data too.", "defensive"),
    ("It may look that way, but there's a great deal more to it than that.", "defensive"),
    ("It's just friendly banter, the lads all get it.", "dismisses"),
    ("That was good-natured ribbing, nothing more.", "dismisses"),
]

SENIOR_SPARES = [
    # Believing it was kind, and owning that it was not, is no defence.
    ("I thought I was looking after her, but I can see it felt like being sidelined.",
     "defensive"),
    ("I wasn't protecting anyone; I was wrong. What did she say afterwards?", "defensive"),
    ("I thought it was harmless banter, but if he went quiet, that's what matters. I'll talk to "
     "him today.", "dismisses"),
    ("It wasn't banter, it was rude, and I'll apologise to him today.", "dismisses"),
    # "Half" as a count, "more to it" as an invitation.
    ("Half the team said the same in the survey? Tell me more.", "defensive"),
]

JUNIOR_RAISES = [
    ("The forklift bay floods every time it rains; two pallets were ruined in May. On reflection, "
     "please disregard this.\n\nBest,\nAmira", "capitulation"),
    ("Sorry, I shouldn't have brought it up, you know the budget better than me.",
     "capitulation"),
]

JUNIOR_SPARES = [
    ("I shouldn't have raised it in front of the whole team, but the numbers still worry me. "
     "Could we go through them on Friday?", "capitulation"),
    ("Please don't ignore this one: the fridge log has read 9 degrees three days running.",
     "capitulation"),
]

FLAGGED = [
    *((SENIOR, text, flag, True) for text, flag in SENIOR_RAISES),
    *((JUNIOR, text, flag, True) for text, flag in JUNIOR_RAISES),
    *((SENIOR, text, flag, False) for text, flag in SENIOR_SPARES),
    *((JUNIOR, text, flag, False) for text, flag in JUNIOR_SPARES),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""

MET = [
    (SENIOR, "That's unacceptable, and it's on me. You'll have the corrected rota by the 14th.",
     "commits", True),
    (SENIOR, "You'll have it eventually.", "commits", False),
]
"""Each move with the criterion it must meet, and each near miss with one it must not."""

BANDS = [
    # One move on its own, in a line: passing it on, a vague promise, one admission.
    (SENIOR, "Thanks, that's useful. I'll mention it to the estates team.", "adequate"),
    (SENIOR, "Ah, I hadn't realised the lift was out again. Thanks for telling me.", "adequate"),
    # Asking, or owning and committing, or a promise with its day, is strong in a line.
    (SENIOR, "Thanks, that's useful. Which floors are worst hit?", "strong"),
    (SENIOR, "I hadn't realised. I'll ring the lift contractor this afternoon.", "strong"),
    (SENIOR, "Thanks for telling me. I'll walk the night shift with them on Thursday.", "strong"),
    # One move at some length is more than a line.
    (SENIOR, "Thank you for raising it, because it affects the patients as much as the staff "
     "on that corridor, and I'll take it to the estates board with the repair log and the "
     "complaints.", "strong"),
    # Two blaming remarks are the reply, whatever point they carry; one, said plainly, is not.
    (JUNIOR, "You never answer the depot's emails and you always blame the drivers. Eleven "
     "loads went out late in June, and the customers noticed.", "weak"),
    (JUNIOR, "Eleven loads went out late in June because the depot's emails went unanswered. "
     "I think the customers noticed; could we set up a shared inbox?", "strong"),
]
"""Replies whose band the rubric's structure decides, with the band a trainer gives them."""
