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
]

JUNIOR_SPARES = [
    ("I'm sure the tenants will be delighted with the new boiler.", "contempt"),
    ("I don't think the problem is you; the form itself confuses people. Could we test it?",
     "blame"),
    ("I'm sure the volunteers will appreciate a say. Could we ask them at Thursday's meeting?",
     "contempt"),
]

FLAGGED = [
    *((SENIOR, text, flag, True) for text, flag in SENIOR_RAISES),
    *((SENIOR, text, flag, False) for text, flag in SENIOR_SPARES),
    *((JUNIOR, text, flag, True) for text, flag in JUNIOR_RAISES),
    *((JUNIOR, text, flag, False) for text, flag in JUNIOR_SPARES),
]
"""Each family with the flag it must raise, and each near miss with the flag it must spare."""

BANDS = [
    # Respectful, owned, with a step, but nothing concrete in under 35 words: adequate.
    (JUNIOR, "I can see why it saves money, but I've heard from a few porters that it means very "
     "long stretches without a break. I think we should look at it.", "adequate"),
    # The same with the shifts counted: strong.
    (JUNIOR, "I can see why it saves money, but three porters did 14-hour shifts last week with "
     "no break, which is a safety risk. Could we look at it on Monday?", "strong"),
]
"""Replies whose band the rubric's structure decides, with the band a trainer gives them."""
