"""The built-in classes of word patterns (`<number>`, `<money>`, `<meeting>`...) as RE2 source.

Each class is a fragment over the key stream (`simulator.scoring.stream`), built from the same
pieces as a trainer's pattern: `word(...)` for one token among some words (reduced with the same
`lemma` as replies, so plurals and spellings match), `digits(...)` for a token of digits, and
`symbol(...)` for a pseudo-token such as `£` or `%`. They are plain strings built once at import;
what each matches is listed in `simulator.model.patterns.CLASSES` and the README.
"""

from __future__ import annotations

from typing import Final

import re2

from simulator.scoring.lemmas import lemma
from simulator.scoring.stream import CLAUSE, END, PSEUDO, SENTENCE

SKIP: Final = f"(?:{PSEUDO}[^{END}]*{END})*"
"""Pseudo-tokens (quotes, currency signs) a word may follow without the pattern naming them."""


def token(key_regex: str) -> str:
    """One word token whose key matches `key_regex` entirely."""
    return f"{SKIP}{CLAUSE}? (?:{key_regex}){END}"


ANY_WORD: Final = token(f"[^{END}]+")


def keys_of(words: str) -> list[str]:
    """The matching keys of space-separated single words."""
    return sorted({lemma(w) for w in words.split()}, key=lambda k: (-len(k), k))


def word(words: str) -> str:
    """One token that is any of these words (or their inflections)."""
    return token("|".join(re2.escape(k) for k in keys_of(words)))


def digits(suffix: str = "") -> str:
    return token(rf"\d+(?:{suffix})?" if suffix else r"\d+")


def symbol(chars: str) -> str:
    return "(?:" + "|".join(f"{PSEUDO}{re2.escape(c)}{END}" for c in chars) + ")"


def opt(fragment: str) -> str:
    return f"(?:{fragment})?"


def alt(*fragments: str) -> str:
    return "(?:" + "|".join(fragments) + ")"


_UNITS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
_MULTIPLIERS = "hundred thousand million billion dozen"
_FRACTIONS = "half halves third thirds quarter quarters fifth fifths tenth tenths"

_NUMBER_WORD = word(f"{_UNITS} {_MULTIPLIERS} {_FRACTIONS}")
_WORD_NUMBER = alt(
    # "one" alone is too often a pronoun ("the one thing"); it counts before a multiplier.
    word("a an one") + alt(word(_MULTIPLIERS), word(_FRACTIONS)),
    _NUMBER_WORD + f"(?:{opt(word('and'))}{_NUMBER_WORD}){{0,4}}",
)
_DIGITS = digits(r"st|nd|rd|th|k|m|bn") + f"(?:{token(r'[0-9]{3}')}){{0,3}}" \
    + opt(token(r"\d+"))
NUMBER: Final = alt(_DIGITS, _WORD_NUMBER)

_SCALE = word("k m bn million billion thousand grand mil")
_CURRENCY = word("pound quid dollar euro pence grand gbp usd eur")
MONEY: Final = alt(
    symbol("£$€") + NUMBER + opt(_SCALE),
    NUMBER + opt(_SCALE) + _CURRENCY,
)

PERCENT: Final = NUMBER + alt(symbol("%"), word("percent pc"), word("per") + word("cent"))

_TIME_UNITS = word(
    "second minute hour day week fortnight month quarter year term semester sprint cycle"
)
DURATION: Final = alt(
    alt(NUMBER, word("a an few several couple"), word("couple") + word("of"))
    + opt(word("a an")) + _TIME_UNITS,
    word("fortnight"),
    word("for") + word("weeks months years ages"),
)

WEEKDAY: Final = word(
    "monday tuesday wednesday thursday friday saturday sunday tues weds thurs fri"
)
_MONTHS = word(
    "january february march april june july august september october november december "
    "jan feb apr jun jul aug sep sept oct nov dec"
)
_DAY = digits("st|nd|rd|th")
MONTH: Final = alt(
    _MONTHS,
    _DAY + opt(word("of")) + word("may"),
    word("may") + _DAY,
)
_RELATIVE = word("last next this coming past previous following")
_PERIOD = word("week month quarter year term fortnight weekend time")
DATE: Final = alt(
    WEEKDAY,
    _DAY + opt(word("of")) + MONTH,
    MONTH + opt(_DAY),
    _RELATIVE + alt(_PERIOD, WEEKDAY, _MONTHS),
    word("yesterday today tomorrow tonight"),
    word("end start beginning middle") + word("of") + opt(word("the this next"))
    + word("week month quarter year term day"),
    token(r"q[1-4]|h[12]|fy[0-9]{2}|(?:19|20)[0-9]{2}"),
)

TIME: Final = alt(
    token(r"[0-9]{1,2}(?:am|pm)"),
    digits() + symbol(":") + token(r"[0-9]{2}(?:am|pm)?") + opt(word("am pm")),
    digits() + alt(word("am pm"), word("o'clock")),
    word("noon midday midnight lunchtime"),
    alt(WEEKDAY, word("this tomorrow yesterday")) + word("morning afternoon evening lunchtime"),
    word("half quarter") + word("past to") + NUMBER,
)

_EVENT = alt(
    word(
        "meeting review board standup offsite retro retrospective workshop panel committee "
        "sync session briefing presentation huddle demo interview conference webinar "
        "induction appraisal audit launch pitch planning kickoff debrief forum summit "
        "assembly townhall awayday call update"
    ),
    word("town") + word("hall"),
    word("all") + word("hands"),
    word("stand off kick check catch") + word("up site off in"),
    word("away") + word("day"),
    word("steering") + word("group committee"),
    word("one") + word("to") + word("one"),
)
_WHEN = alt(
    WEEKDAY, _MONTHS, token(r"q[1-4]|h[12]|(?:19|20)[0-9]{2}"),
    word("last next this yesterday today tomorrow weekly monthly quarterly annual yearly"),
)
MEETING: Final = alt(
    _WHEN + f"(?:{ANY_WORD}){{0,2}}" + _EVENT,
    word("the our your their that") + f"(?:{ANY_WORD}){{1,2}}" + _EVENT,
)

_QUOTE_MARK = f'{PSEUDO}"{END}'
QUOTE: Final = (
    f"{_QUOTE_MARK}(?:[{SENTENCE}{CLAUSE}]? [^{END}]+{END}|{PSEUDO}[^\"{END}]{END}){{1,40}}"
    f"{_QUOTE_MARK}"
)

CLASSES: Final = {
    "number": NUMBER,
    "money": MONEY,
    "percent": PERCENT,
    "duration": DURATION,
    "weekday": WEEKDAY,
    "month": MONTH,
    "date": DATE,
    "time": TIME,
    "meeting": MEETING,
    "quote": QUOTE,
}
"""RE2 source for each class named in `simulator.model.patterns.CLASSES`."""
