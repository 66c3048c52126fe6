"""Session 30's cases (checked by the table tests in `tests/test_session24_families.py`): the
families batch 33 (senior) and the labelled set showed `dismisses` missing, each written here in a
setting of its own (not a sentence from any batch), with a near miss that differs in the one thing
that makes the reply fair.

Senior `dismisses`: the problem as an inevitable part of the work ("part and parcel of"), the
guess that it is nothing ("probably not a big issue"), the point handed to someone assumed to
have it in hand, and the door closed at the end of a sentence ("end of.", "Not changing.").
`defensive`:
"you should have raised this" as the answer, but not inside a relative clause of a strong reply.
"""

from __future__ import annotations

SENIOR = "senior-openness"

SENIOR_RAISES = [
    ("Delays at the lock are part and parcel of running a canal in winter.", "dismisses"),
    ("There'll always be a bit of that on a night shift. The buses run when they run.",
     "dismisses"),
    ("Queues at the counter are a normal feature of any pharmacy in flu season.", "dismisses"),
    ("Probably not a big issue, the printer does that. Thanks though.", "dismisses"),
    ("Probably just a glitch in the booking screen.", "dismisses"),
    ("I'm sure the hire firm has it covered, they do this every week.", "dismisses"),
    ("Kiln rota stays as it is, end of.", "dismisses"),
    ("The uniform is the uniform. Not changing.", "dismisses"),
    ("Frankly you should have raised this at the planning meeting.", "defensive"),
]

SENIOR_SPARES = [
    ("Delays at the lock are not part and parcel of the job. What are they costing the crews?",
     "dismisses"),
    ("I can't promise there will always be cover, but I'll ask the depot what it would take.",
     "dismisses"),
    ("It might be nothing, but I'd rather check. Which days did the printer fail?", "dismisses"),
    ("I'm not changing the rota until I've heard from the kiln team, so what are they saying?",
     "dismisses"),
    ("That is the most useful thing you could have said, and I'll take it to the board.",
     "defensive"),
]

FLAGGED = [
    *((SENIOR, text, flag, True) for text, flag in SENIOR_RAISES),
    *((SENIOR, text, flag, False) for text, flag in SENIOR_SPARES),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""
