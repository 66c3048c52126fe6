"""Session 27's cases (checked by the table tests in `tests/test_session24_families.py`):
the families batches 27 (senior) and 28 (junior) showed the standard rubrics missing, each
written here in a setting of its own (not a sentence from either batch), with a near miss that
differs in the one thing that makes the reply fair.

Senior: the decision claimed for a rank ("a partner-level call"), the mock offer ("I'll just
rewrite it myself, shall I."), the problem made small as the opening move, the charge denied
after "excuse me", the fault handed back as a condition, the decision stood by; and two false
alarms put right: "that isn't true" and "you could have told me" inside a relative clause.
Junior: "you lot" with a verdict, the instruction put back on them, "a child could see", irony
opened by "Not that", the taunt that their era cannot keep up, and the withdrawal as the
reply's last words; the next step put as what has to happen.
"""

from __future__ import annotations

SENIOR, JUNIOR = "senior-openness", "junior-challenge"

SENIOR_RAISES = [
    ("Pricing is a partner-level call, and it has been since the firm was founded.", "pulls_rank"),
    ("The shortlist was ultimately a director decision.", "pulls_rank"),
    ("I'll just rewrite the whole tender myself, shall I.", "dismisses"),
    ("Lovely. I'll cancel Christmas while I'm at it then, shall I?", "dismisses"),
    ("It's only ten minutes, and the drivers are paid for it anyway.", "dismisses"),
    ("Look, we're talking a couple of emails a week here.", "dismisses"),
    ("Excuse me, I did not shout at anyone in that briefing.", "defensive"),
    ("Perhaps if the agency had sent people who knew the site, we wouldn't be here.", "defensive"),
    ("Maybe if you'd flagged it in March I could have done something.", "defensive"),
    ("They might want to look at their own timekeeping first.", "defensive"),
    ("I'm perfectly comfortable with how it was handled.", "defensive"),
    ("I'd make the same call again tomorrow.", "defensive"),
    ("We don't regret the decision; the numbers were clear.", "defensive"),
    ("So now I'm to blame for the car park as well.", "defensive"),
    ("No, that's simply not true. I read every one of those reports.", "defensive"),
    ("Well, you could have told me before the audit.", "defensive"),
    ("The dress code is there for a reason, and it has served the showroom well.", "defensive"),
    ("I didn't make up the policy; it came with the franchise.", "defensive"),
    ("Thanks. This is best dealt with through the normal channels.", "dismisses"),
    ("Complaints about the roster should go through your line manager, please.", "dismisses"),
    ("Sure, I'll just wave a magic wand and find six more drivers.", "dismisses"),
    ("Oh great, so we'll all knock off at three on Fridays. Brilliant idea.", "dismisses"),
    ("The head chef sets the menu, not the trainees.", "pulls_rank"),
    ("If the night team had read the handover, we wouldn't have lost the samples.", "defensive"),
]

SENIOR_SPARES = [
    # The rank named as someone else's, or the call owned.
    ("It was my call, and I can see now it shut the planners out.", "pulls_rank"),
    # A real offer asks; a full stop after "shall I" does not.
    ("I'll book the room for Thursday, shall I? Then the whole crew can come.", "dismisses"),
    # Time measured, not made small.
    ("It's only been two weeks since I took the ward over, so thanks for telling me early.",
     "dismisses"),
    # "Excuse me" as politeness, and a condition about the future.
    ("Excuse me for cutting in earlier. What did the drivers say about the new rota?",
     "defensive"),
    ("If you'd like, we could go through the figures together on Monday.", "defensive"),
    # Standing by it withdrawn by what follows; a regret owned.
    ("I was happy with how it went, but clearly it didn't land with the night team.",
     "defensive"),
    ("I do regret not asking the volunteers first.", "defensive"),
    # A relative clause about the speaker's own account, and the worst news framed as news.
    ("I've been repeating a line about our culture that isn't true. Where should I start?",
     "defensive"),
    ("That's the most useful thing you could have told me this week. Who else noticed?",
     "defensive"),
    # Taking it through the channel oneself, and a count of who has raised it so far.
    ("I'll take it through the proper process myself and tell you on Friday what they said.",
     "dismisses"),
    ("It's only three families so far, and I'll call each of them this afternoon.", "dismisses"),
    # Praise that closes a real agreement, and a decision shared with the juniors.
    ("Let's trial the later start in March and ask the crews after a month. Great idea.",
     "dismisses"),
    ("The head chef sets the menu, but I'd like the trainees to pitch two dishes each season.",
     "pulls_rank"),
    # The reason denied is their point taken.
    ("Honestly, the form doesn't exist for any good reason now. Let's drop it from Monday.",
     "defensive"),
]

JUNIOR_RAISES = [
    ("You lot in the head office never pick up the phone when the tills go down.", "blame"),
    ("It was you who signed off the cheaper scaffolding, remember.", "blame"),
    ("The grant bid failed, and that one's down to you.", "blame"),
    ("Even a child could spot that the timetable clashes.", "contempt"),
    ("Not that anyone on the fifth floor has ever shown any interest in the night shift.",
     "contempt"),
    ("We could share the files in the cloud, or is that a bit too modern for you?", "contempt"),
    ("The minutes went out in March. Not that the partners ever open them.", "contempt"),
    ("You signed it without a break clause? Did nobody ever teach you that?", "contempt"),
    ("The lift's been broken for a fortnight. Or were you too busy with the gala to notice?",
     "contempt"),
    ("The brief was two pages. Too many words, was it?", "contempt"),
    ("My gran could plan a better rota than this, and she's ninety.", "contempt"),
    ("You don't need a degree to see that people quit when the pay freezes.", "contempt"),
    ("Your lot in procurement always sit on the orders until the last day.", "blame"),
    ("You chose the supplier, so the recall is on your heads.", "blame"),
    ("The pallets block the fire exit every Friday. Could we move them? Actually, doesn't matter.",
     "capitulation"),
    ("The sign-up form loses half the parents at the postcode step. Anyway, it's fine.",
     "capitulation"),
    ("The captions are missing on every clip. Sorry, just leave it.", "capitulation"),
    ("It hurts the deaf members most, but you're right, we don't need to change it.",
     "capitulation"),
]

JUNIOR_SPARES = [
    ("I know you people in finance are stretched, so I've put the figures in one sheet.",
     "blame"),
    ("It was you who suggested the pilot, and it worked: can we extend it?", "blame"),
    ("That one's down to me; I should have flagged the clash sooner.", "blame"),
    ("A child could get hurt on the loose railing by the stage door.", "contempt"),
    ("Not that I'm blaming anyone, but the rota left nights two short on Friday.", "contempt"),
    ("Could we meet at eight, or is that too early for you?", "contempt"),
    ("Not that I'm blaming anyone, but the handover notes were missing twice this week.",
     "contempt"),
    ("Has nobody shown you the new booking screen yet? I can walk you through it at two.",
     "contempt"),
    ("My gran could use the new app if the buttons were bigger; can we test it with older users?",
     "contempt"),
    ("Your team has been brilliant on the rollout; could we ask them about the training gaps?",
     "blame"),
    ("It doesn't matter who booked it; the room can't take wheelchairs. Can we move it?",
     "capitulation"),
    ("The old rota is fine. The new one leaves nights short by two, can we look at it?",
     "capitulation"),
    ("You're right, we don't need to redo the whole form, but the date field costs us forty calls"
     " a week.", "capitulation"),
]

FLAGGED = [
    *((SENIOR, text, flag, True) for text, flag in SENIOR_RAISES),
    *((JUNIOR, text, flag, True) for text, flag in JUNIOR_RAISES),
    *((SENIOR, text, flag, False) for text, flag in SENIOR_SPARES),
    *((JUNIOR, text, flag, False) for text, flag in JUNIOR_SPARES),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""

MET = [
    (JUNIOR, "The allergen card still lists the soup as dairy-free. I think we need to reprint it"
     " before Friday's lunch.", "invites_dialogue", True),
    (JUNIOR, "The ramp quote came back at £4,000. I can do the paperwork today if you'll approve"
     " it.", "invites_dialogue", True),
    # Saying what must happen, with nothing concrete to act on, hands nothing back.
    (JUNIOR, "I think we need to fix things.", "invites_dialogue", False),
]
"""Each move with the criterion it must meet, and each near miss with one it must not."""
