"""Session 31's cases (checked by the table tests in `tests/test_session24_families.py`): the
families batches 35 (senior) and 36 (junior) and the labelled set showed missing, each written
here in a setting of its own (not a sentence from any batch), with a near miss that differs in
the one thing that makes the reply fair.

Senior `pulls_rank`: tenure dated by the year the post began, and "I am X here N years" with a
place; one's own start told as a story that changes the subject is `redirects`, not rank.
`dismisses`: the topic closed by the speaker ("I'll leave it there", "not up for debate",
"moving swiftly on") and the usual feeling of a thing as the answer ("always look tight").
`patronising`: age and growing up ("someone your age", "as you grow"). `defensive`: the
decision placed with someone named ("fixed by the council, not us"), "not mine" unless they ask
for other voices, "so you have the full context", "history you're not aware of", "I'm sure you
appreciate that", "it's not as though anyone was careless".

Junior `blame`: "not once" ("you don't once ask", "not once have you"), "the problem is you".
`contempt`: the people it hurts assured of their delight ("I'm sure the tenants will love it").
And the band: a short challenge with nothing concrete in it is adequate, however well it asks.
"""

from __future__ import annotations

SENIOR = "senior-openness"
JUNIOR = "junior-challenge"

SENIOR_RAISES = [
    ("I've been harbour master since 2003. The moorings are allocated fairly.", "pulls_rank"),
    ("I am chief engineer in this yard twenty years, the welds are good.", "pulls_rank"),
    ("When I was a trainee we worked every Saturday and nobody complained.", "pulls_rank"),
    ("Ha, that takes me back, when I started out at the mill we had no canteen at all. Good "
     "times. Anyway, how's the stock count going?", "redirects"),
    ("Thanks. The tasting panel is my responsibility and I'll leave it there.", "dismisses"),
    ("The kit list is not up for debate.", "dismisses"),
    ("Moving swiftly on.", "dismisses"),
    ("Harvest weeks always feel rushed. It's the same every year.", "dismisses"),
    ("It's lovely to see someone your age caring about the archive.", "patronising"),
    ("That curiosity will take you far as you grow.", "patronising"),
    ("The closing time was fixed by the council, not us, so there's little to discuss.",
     "defensive"),
    ("The menu was the head chef's call, not mine.", "defensive"),
    ("It's not mine to change, that's the trustees.", "defensive"),
    ("Just so you have the full context: the fees were benchmarked against five other schools.",
     "defensive"),
    ("There's a lot of history here you're not aware of. The lease was a good deal in 2015.",
     "defensive"),
    ("We had to decide quickly and couldn't ask everyone. I'm sure you appreciate that.",
     "defensive"),
    ("The supplier was vetted twice, so it's not as though anyone was careless.", "defensive"),
]

SENIOR_SPARES = [
    # One's own start told as a story that changes the subject is the story, not rank.
    ("Ha, that takes me back, when I started out at the mill we had no canteen at all. Good "
     "times. Anyway, how's the stock count going?", "pulls_rank"),
    ("I've been harbour master since 2003 and I never knew the moorings list was closed to "
     "newcomers. Who was turned away?", "pulls_rank"),
    ("I'd leave the tasting panel as it is only if the brewers agree, so what do they say?",
     "dismisses"),
    ("Could we set up a sit-down with the stewards, in their format, not mine?", "defensive"),
    ("I want the tenants' words in the leaflet, not mine. Will you help me collect them?",
     "defensive"),
    ("I'm sure the tenants will appreciate hearing it from you. Can we go together on Friday?",
     "defensive"),
]

JUNIOR_RAISES = [
    ("You don't once ask the night porters before the rota goes out.", "blame"),
    ("Not once have you come down to the kitchen at service.", "blame"),
    ("No, the problem is you. The wardens are doing what they were told.", "blame"),
    ("Lovely new lanyards. I'm sure the volunteers whose lockers were cut will love them.",
     "contempt"),
    ("Great. I'm sure the tenants who waited a month for heating will appreciate the poster.",
     "contempt"),
    ("Of course. I'm sure the growers who lost a whole crop were only joking.", "contempt"),
    ("Lovely new signage. Meanwhile the lift to the clinic has been broken for a month.",
     "contempt"),
]

JUNIOR_SPARES = [
    ("Lovely new signage. The lift to the clinic has been broken for a month; could we get it "
     "fixed by Friday?", "contempt"),
    ("Brilliant news. The new rota is the best thing that's happened here.", "contempt"),
    ("I'm sure the tenants will be delighted with the new boiler.", "contempt"),
    ("I don't think the problem is you; the form itself confuses people. Could we test it?",
     "blame"),
    ("I'm sure the volunteers will appreciate a say. Could we ask them at Thursday's meeting?",
     "contempt"),
]


# A helper's red-team replies for this session's families, written from LABELS.md and a
# one-line description of each family, in settings of its own: each with the flag it must
# raise (True) or spare (False).
RED_TEAM_FLAGGED = [
    (
        SENIOR,
        "I've run the night shift on this ward since 2003, so I think I know how a handover "
        "should go.",
        "pulls_rank", True,
    ),
    (
        SENIOR,
        "I am head of dispatch here since 2011, I know which drivers need the app and which "
        "not.",
        "pulls_rank", True,
    ),
    (
        SENIOR,
        "I am foreman on this estate fifteen years, the lads don't need a new toolbox talk.",
        "pulls_rank", True,
    ),
    (
        SENIOR,
        "I've done handovers the same way since 2003, which is probably why I've missed "
        "what's changed. Show me what a good one looks like now.",
        "pulls_rank", False,
    ),
    (
        SENIOR,
        "The scholarship fund has been running since 1998, but I only took it over in March, "
        "so tell me what you've heard from applicants.",
        "pulls_rank", False,
    ),
    (
        SENIOR,
        "Has the rota been built this way since before I arrived in 2015? I honestly don't "
        "know who designed it.",
        "pulls_rank", False,
    ),
    (
        SENIOR,
        "The menu stays as it is, and that's my final word, so let's call it a day on this "
        "one.",
        "dismisses", True,
    ),
    (
        SENIOR,
        "The rebrand is signed off and that ship has sailed. Next item.",
        "dismisses", True,
    ),
    (
        SENIOR,
        "I'll leave it there for today only because we're out of time. Can we pick it up on "
        "Thursday with the figures you mentioned?",
        "dismisses", False,
    ),
    (
        SENIOR,
        "You said the plan felt like it 'wasn't up for debate'. What did I do that gave that "
        "impression?",
        "dismisses", False,
    ),
    (
        SENIOR,
        "This isn't a debate I want to win. I want to understand why the apprentices feel "
        "shut out of the planning meetings.",
        "dismisses", False,
    ),
    (
        SENIOR,
        "Inspections always feel heavy-handed to teachers in their first year.",
        "dismisses", True,
    ),
    (
        SENIOR,
        "Go-lives always feel rushed when you're in the middle of one.",
        "dismisses", True,
    ),
    (
        SENIOR,
        "Peak season always looks understaffed from the warehouse floor.",
        "dismisses", True,
    ),
    (
        SENIOR,
        "Go-lives always feel rushed to me too, but that doesn't mean this one isn't. What "
        "would you cut or delay?",
        "dismisses", False,
    ),
    (
        SENIOR,
        "Does the Christmas rota always feel this tight to the team, or is this year worse?",
        "dismisses", False,
    ),
    (
        SENIOR,
        "Clients always feel nervous before a hearing, which is exactly why I think you're "
        "right that the waiting room needs sorting.",
        "dismisses", False,
    ),
    (
        SENIOR,
        "When you're a bit further along in life, you'll see why we don't chase every new "
        "platform.",
        "patronising", True,
    ),
    (
        SENIOR,
        "You're still young. You'll mellow once you've been through a few more of these.",
        "patronising", True,
    ),
    (
        SENIOR,
        "Let's have this conversation properly, adult to adult, once you've had a chance to "
        "calm down.",
        "patronising", True,
    ),
    (
        SENIOR,
        "I grew up without any of this, so I'm the one who needs walking through it. Where "
        "should I start?",
        "patronising", False,
    ),
    (
        SENIOR,
        "Our youth members are sixteen to nineteen. Can you help me understand what they'd "
        "actually want from the newsletter?",
        "patronising", False,
    ),
    (
        SENIOR,
        "You said I called you 'the kid' in front of the client. I did, and it wasn't fair. "
        "I'm sorry.",
        "patronising", False,
    ),
    (
        SENIOR,
        "The ward closures were decided at trust board level, not by me.",
        "defensive", True,
    ),
    (
        SENIOR,
        "Everything about the tender was done properly and by the book, and it's not as "
        "though anyone was being sloppy with the scoring.",
        "defensive", True,
    ),
    (
        SENIOR,
        "There's background to the pay bands you weren't around for, and I'm sure you "
        "understand we can't please everybody.",
        "defensive", True,
    ),
    (
        SENIOR,
        "The roster was my decision, not HR's, so it's mine to fix. What would a fairer one "
        "look like?",
        "defensive", False,
    ),
    (
        SENIOR,
        "Is the bonus process actually above board? I genuinely don't know how it's decided, "
        "and I'd like to find out.",
        "defensive", False,
    ),
    (
        SENIOR,
        "Clearly there's history here I'm not aware of. Can you fill me in on what happened "
        "with the last reorganisation?",
        "defensive", False,
    ),
    (
        SENIOR,
        "Ha, that brings back memories. My first job was in a print shop in Leeds, and we set"
        " the type by hand. Different times. Anyway, where were we on the budget?",
        "redirects", True,
    ),
    (
        SENIOR,
        "Oh, my first year teaching I had thirty-eight kids in a portakabin with no heating. "
        "Those were the days. Shall we look at the timetable?",
        "redirects", True,
    ),
    (
        SENIOR,
        "When I was an apprentice we did twelve-hour shifts and nobody whinged, so I don't "
        "see what the problem is.",
        "redirects", False,
    ),
    (
        SENIOR,
        "When I started out nobody told me about the union either, so I get it. What would "
        "have helped you in your first week?",
        "redirects", False,
    ),
    (
        SENIOR,
        "You're right that I tell the story about my first placement instead of listening. "
        "I'll stop. Go on.",
        "redirects", False,
    ),
    (
        JUNIOR,
        "Not a single time have you asked the floor staff before changing the rota.",
        "blame", True,
    ),
    (
        JUNIOR,
        "Honestly, the issue here is you, not the software.",
        "blame", True,
    ),
    (
        JUNIOR,
        "It's the same old thing with you every review cycle.",
        "blame", True,
    ),
    (
        JUNIOR,
        "The alarm on level two didn't go off once during the drill, so I think the sensor "
        "needs checking.",
        "blame", False,
    ),
    (
        JUNIOR,
        "It's not that you never ask. It's that on Tuesday the question came after the "
        "decision was already made. Could we ask first next time?",
        "blame", False,
    ),
    (
        JUNIOR,
        "I think the problem is partly me, because I didn't flag the deadline early enough, "
        "but the brief did change twice last week.",
        "blame", False,
    ),
    (
        JUNIOR,
        "Oh, I'm sure the families on the waiting list will be thrilled with the new logo.",
        "contempt", True,
    ),
    (
        JUNIOR,
        "No doubt the drivers who lost their overtime will feel very valued after the pizza "
        "lunch.",
        "contempt", True,
    ),
    (
        JUNIOR,
        "I'm sure the tenants would value hearing from you directly. Could you come to the "
        "residents' meeting on the 12th?",
        "contempt", False,
    ),
    (
        JUNIOR,
        "I'm not sure the patients who waited six hours will see a leaflet as enough. Could "
        "we add a call-back?",
        "contempt", False,
    ),
    (
        JUNIOR,
        "One of the cleaners said to me, 'I'm sure they'll love the new uniforms,' and she "
        "wasn't smiling. I think it's worth asking them properly.",
        "contempt", False,
    ),
]

MET = [
    (JUNIOR, "I think the new supplier could be a problem given what's been reported.",
     "raises_issue", True),
    (JUNIOR, "At 25p a mile our volunteers will be paying out of pocket for every visit.",
     "raises_issue", True),
    (
        JUNIOR,
        "I'd prefer we didn't put the sales rankings up by name on the screen.",
        "raises_issue", True,
    ),
    (
        JUNIOR,
        "You talked over Priya three times in the stand-up this morning.",
        "raises_issue", True,
    ),
    (
        JUNIOR,
        "We had twelve complaints this month against a target of four.",
        "raises_issue", True,
    ),
    (
        JUNIOR,
        "I'd rather not have the last slice, thanks. You have it.",
        "raises_issue", False,
    ),
    (
        JUNIOR,
        "Do you think it would add much time if I shadowed the audit as well?",
        "raises_issue", False,
    ),
]
"""Plain-word issues the junior names, and near misses that name none."""

RED_TEAM_BANDS = [
    (
        JUNIOR,
        "I've noticed some of the newer staff seem hesitant to speak up around you. I think "
        "it matters for the team. What's your sense of it?",
        "adequate",
    ),
    (
        JUNIOR,
        "I'd like to push back on the new approach to client visits. I'm not convinced it "
        "works for everyone. Could we look at it together?",
        "adequate",
    ),
    (
        JUNIOR,
        "Sorry, this is probably nothing and I might be wrong, but maybe the meetings could "
        "be a bit different? Never mind if not.",
        "weak",
    ),
    (
        JUNIOR,
        "At Friday's all-hands you said 'any questions?' and moved on within two seconds. I "
        "think that's why nobody asked. Could you leave a longer pause next time?",
        "strong",
    ),
]
"""Short challenges whose band turns on having something concrete in them."""

FLAGGED = [
    *RED_TEAM_FLAGGED,
    *((SENIOR, text, flag, True) for text, flag in SENIOR_RAISES),
    *((SENIOR, text, flag, False) for text, flag in SENIOR_SPARES),
    *((JUNIOR, text, flag, True) for text, flag in JUNIOR_RAISES),
    *((JUNIOR, text, flag, False) for text, flag in JUNIOR_SPARES),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""

BANDS = [
    *RED_TEAM_BANDS,
    # Respectful, owned, with a step, but nothing concrete in under 35 words: adequate.
    (JUNIOR, "I can see why it saves money, but I've heard from a few porters that it means very "
     "long stretches without a break. I think we should look at it.", "adequate"),
    # The same with the shifts counted: strong.
    (JUNIOR, "I can see why it saves money, but three porters did 14-hour shifts last week with "
     "no break, which is a safety risk. Could we look at it on Monday?", "strong"),
]
"""Replies whose band the rubric's structure decides, with the band a trainer gives them."""
