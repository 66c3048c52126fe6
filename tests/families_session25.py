"""Session 25's cases (checked by the table tests in `tests/test_session24_families.py`):
dominance and disrespect in the grammatical forms red-team writers found the
standard rubrics missing (each reply written here in a setting of its own), with a near miss that
differs in the one thing that makes the reply fair.

Senior: the rebuttal put as a question, the decision stood by, the counter-charge, the
non-apology, the record put straight, "yes, but" with the other contrast words; the point's
worth questioned, denied outright, closed, sized to nothing or shrugged off in a word; the junior
put in their place, names dropped, authorship or tenure as the warrant, status as a slogan.
Junior: the harm laid at their door in other words, a group made the culprit, a motive imputed,
the absolute without "always", the demand; scare quotes, the mocking paraphrase, the eye-roll,
condescension about explaining, the insult by comparison, the rhetorical echo; the point
withdrawn with a self-blaming closer, self-doubt, the point shrunk, the decision handed back.
"""

from __future__ import annotations

SENIOR, JUNIOR = "senior-openness", "junior-challenge"


SENIOR_RAISES = [
    ("What would you have done with one engineer and a regulator breathing down your neck?",
     "defensive"),
    ("How was I supposed to know, when nobody in logistics told me?", "defensive"),
    ("Why are you only bringing this up now, after the contract is signed?", "defensive"),
    ("Is this coming from you, or has someone in finance put you up to it?", "defensive"),
    ("I stand by the closure. The numbers didn't work.", "defensive"),
    ("It made perfect sense at the time, and I'd do it again.", "defensive"),
    ("That's a bit rich, given your team missed the March deadline.", "defensive"),
    ("Speak for yourself. My door is always open.", "defensive"),
    ("So it's all my fault now? Brilliant.", "defensive"),
    ("I'm sorry you took it that way, but I was only being direct.", "defensive"),
    ("To be clear, I never told anyone the bonus was guaranteed.", "defensive"),
    ("I understand. However, the archive move was agreed by every head of department.",
     "defensive"),
    ("Thanks for the note. That said, the depot hours are set by the union agreement.",
     "defensive"),
    ("The vendor messed up the migration; we did everything by the book.", "defensive"),
    ("Honestly, does it really matter what colour the lanyards are?", "dismisses"),
    ("So what? People will still come to the open day.", "dismisses"),
    ("Who actually cares about the font on the menus?", "dismisses"),
    ("Is that really such a big problem for a two-week trial?", "dismisses"),
    ("I don't see it, if I'm honest.", "dismisses"),
    ("We don't have that problem on this team.", "dismisses"),
    ("Water under the bridge now.", "dismisses"),
    ("That's one customer's opinion.", "dismisses"),
    ("Sure, whatever.", "dismisses"),
    ("I honestly wouldn't worry about the survey.", "dismisses"),
    ("Let's table it until the spring.", "dismisses"),
    ("You're six weeks in. Give it time.", "pulls_rank"),
    ("You're the apprentice here, remember.", "pulls_rank"),
    ("That's above your pay grade, I'm afraid.", "pulls_rank"),
    ("I've already spoken with the chair about it, and she's happy.", "pulls_rank"),
    ("I wrote the lone-working policy myself, so trust me, it covers evenings.", "pulls_rank"),
    ("The leadership team has decided and it won't be revisited.", "pulls_rank"),
    ("That was settled long before your time.", "pulls_rank"),
    ("My kitchen, my rules.", "pulls_rank"),
    ("I set up the apprenticeship scheme in 2012. It works.", "pulls_rank"),
    ("I play golf with the regional director, and it's not on his radar.", "pulls_rank"),
    ("Decisions like this get made at board level.", "pulls_rank"),
    ("Not your decision to make, I'm afraid.", "pulls_rank"),
    ("You seem a bit worked up about the parking.", "patronising"),
    ("And what do you think happens when we pay overtime to everyone?", "patronising"),
    ("Let me spell it out for you: the grant pays for the van.", "patronising"),
    ("Welcome to the real world: budgets don't stretch like that.", "patronising"),
    ("Leave the big decisions to us, champ.", "patronising"),
    ("Love the passion, but the timetable stays.", "patronising"),
    ("Noted. Can you do me a favour and book the meeting room for Thursday?", "redirects"),
    ("Could you look over my keynote before Friday?", "redirects"),
    ("Did I mention I'm learning Italian? Anyway.", "redirects"),
    ("I had a manager once who never took a day off. Great bloke.", "redirects"),
    # Batch 25's tune half, in settings of their own.
    ("I was running depots when you were still at school.", "pulls_rank"),
    ("That one is for procurement, not me.", "dismisses"),
    ("I'm not sure the pattern is as clear-cut as you think.", "dismisses"),
    ("That's a big claim. I'll reflect on it.", "defensive"),
    ("Let me put it in plain English for you: the grant has gone.", "patronising"),
    ("You're the first person to complain about the canteen.", "dismisses"),
]

SENIOR_SPARES = [
    ("What would you have done differently? I'd like to learn from it.", "defensive"),
    ("I understand. However, I should have asked the night team before I changed it.",
     "defensive"),
    ("For the record, you're right and I was wrong about the rota.", "defensive"),
    ("Is it a big problem for the evening staff? I hadn't heard that.", "dismisses"),
    ("I don't see it yet, so can you show me where it goes wrong?", "dismisses"),
    ("I've blocked an hour on Thursday to go through the figures with you.", "dismisses"),
    ("You're six weeks in, so you see what we've stopped seeing. What stands out?",
     "pulls_rank"),
    ("As the person who set the targets, I'm responsible for the pressure they create.",
     "pulls_rank"),
    ("I've spoken with the chair about it. What would you like me to tell her?", "pulls_rank"),
    ("As the person who set the targets, I'm responsible. Let me stop you there: I should "
     "have asked first.", "redirects"),
    ("I had a manager once who did the same, and I hated it. What's it like for your team?",
     "redirects"),
    ("I wrote the policy, and I got the evenings wrong. Who is affected?", "pulls_rank"),
    ("Homework has been part of this school since long before either of us arrived.",
     "pulls_rank"),
    ("You're the first to say it, and I'm glad you did. What else have you seen?",
     "dismisses"),
    ("You're the first to say it, and I'm glad you did. What else have you seen?",
     "redirects"),
    ("Can you say that in plain English for me? I want to be sure I get it.", "patronising"),
    # A review's near misses: the same words said in good faith.
    ("I'd appreciate it if you could send me the figures.", "defensive"),
    ("So what would work better for the night team?", "dismisses"),
    ("What difference would it make to you if we moved it to Tuesday?", "dismisses"),
    ("Leave it to me, I'll fix it by Friday.", "patronising"),
    ("Understood. Still, you shouldn't have had to chase me.", "defensive"),
    ("What else should we do? I'm open to anything.", "defensive"),
    ("For the record, you're right, and I didn't handle it well.", "defensive"),
    ("I wrote the guidance, and I know it's confusing.", "pulls_rank"),
    ("I'll run it past the CFO this week and come back to you.", "pulls_rank"),
]

JUNIOR_RAISES = [
    ("The site team is burnt out because of you, and everyone can see it.", "blame"),
    ("Thanks to you cutting the cover budget, the library shuts at four.", "blame"),
    ("Your restructure wrecked a team that was doing fine.", "blame"),
    ("That one's on you, not the volunteers.", "blame"),
    ("The leadership team just doesn't care what the shop floor thinks.", "blame"),
    ("You're only doing this to make the quarter look good.", "blame"),
    ("This is all about control for you.", "blame"),
    ("You overrule the nurses every single time.", "blame"),
    ("You need to apologise to the drivers.", "blame"),
    ("Your 'consultation' was an email sent at midnight.", "contempt"),
    ("'Work smarter.' Translation: do twice as much for the same money.", "contempt"),
    ("Well, there's a surprise.", "contempt"),
    ("As I've said three times, the figures exclude agency staff.", "contempt"),
    ("I know it's hard for you to grasp, but the lift is the only step-free route.", "contempt"),
    ("A first-year student could see the timetable clashes.", "contempt"),
    ("Consulted with whom? Nobody on the ward heard a thing.", "contempt"),
    ("What's next, a sign-in sheet for the toilets?", "contempt"),
    ("My mistake for bringing it up.", "capitulation"),
    ("Ok, I withdraw the point.", "capitulation"),
    ("Oh, I probably misread the rota then.", "capitulation"),
    ("It's not a big deal really, I'm overthinking it.", "capitulation"),
    ("The early shifts clash with nursery hours. but ok, its your decision", "capitulation"),
    ("i wont bring it up again", "capitulation"),
    # Batch 26's tune half, in settings of their own.
    ("There was a comment some parents found rude, but I'm sure they'll get over it.",
     "capitulation"),
    ("The late rota is a bit much, but let's just drop it.", "capitulation"),
    ("You rewrite every draft I send before it goes out.", "blame"),
    ("A ten-minute quiz nobody reads. Groundbreaking stuff.", "contempt"),
    ("Next time I'll read your mind, then.", "contempt"),
]

JUNIOR_SPARES = [
    ("Because of your support, the pilot got funded. I'd like to ask for the same for nights.",
     "blame"),
    ("Every single person I spoke to on nights mentioned the parking.", "blame"),
    ("The lift is broken yet again. Could we ask estates for a date?", "blame"),
    ("You mentioned your 'open door'. Could I book twenty minutes next week?", "contempt"),
    ("The email titled 'Quick update' announced the closure, and people were upset.",
     "contempt"),
    ("Where do I start? Maybe with the booking form, then the rota.", "contempt"),
    ("I'll stop taking up your time, but could we pick this up on Friday?", "blame"),
    ("You're right about the cost; the timing still worries me.", "capitulation"),
    ("Sorry, I hope you don't mind me asking: could the 8am meeting move?", "capitulation"),
    ("Thank you yet again for making time for this.", "blame"),
    ("The survey results came in late again this time.", "contempt"),
    ("I've read every single review from the last quarter.", "blame"),
    ("Because of what you said at the town hall, two of my team felt able to speak up.",
     "blame"),
]

FLAGGED = [
    *((SENIOR, text, flag, True) for text, flag in SENIOR_RAISES),
    *((JUNIOR, text, flag, True) for text, flag in JUNIOR_RAISES),
    *((SENIOR, text, flag, False) for text, flag in SENIOR_SPARES),
    *((JUNIOR, text, flag, False) for text, flag in JUNIOR_SPARES),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""


MET = [
    # A rebuttal or a sneer put as a question asks nothing.
    (SENIOR, "How was I supposed to know that?", "curious", False),
    (SENIOR, "What difference would it make, realistically?", "curious", False),
    (SENIOR, "Who really cares about the car park?", "curious", False),
    (SENIOR, "What would help the night team most?", "curious", True),
    (SENIOR, "What would you have done with one engineer and a regulator on your back?",
     "curious", False),
    (SENIOR, "Why are you only raising this now, after the contract is signed?", "curious",
     False),
    (SENIOR, "What would you have done differently? I'd like to learn.", "curious", True),
    # Time set aside, a change paused and a fix now are steps.
    (SENIOR, "I've blocked an hour on Friday to look at it with you.", "commits", True),
    (SENIOR, "I'm pausing the rollout until we've heard from the night team.", "commits", True),
    (SENIOR, "Let's look at it now.", "commits", True),
    # Small talk and formalities ask no view on the point; a real question about it does.
    (JUNIOR, "How was your weekend in Paris?", "invites_dialogue", False),
    (JUNIOR, "Anything else you need from me today?", "invites_dialogue", False),
    (JUNIOR, "How was your weekend? The late shifts clash with nursery pick-up for three of us. "
     "Could we look at the rota?", "invites_dialogue", True),
    (SENIOR, "I hear you. However, we're holding the policy as it is.", "commits", False),
    (JUNIOR, "In Tuesday's review three people left early. Could we move it to the morning?",
     "invites_dialogue", True),
]
"""Each move with the criterion it must meet, and each near miss with one it must not."""
