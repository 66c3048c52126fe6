"""RE2 building blocks over the key stream, and the built-in classes (`<number>`, `<money>`...).

A fragment is RE2 source that includes the separator before each of its tokens. The separator
of a pattern's first token may be the start of a sentence (`FIRST`); every later one may not
(`BODY`), which is what keeps a pattern inside its sentence. Fragments are built by `word(...)`
(one token among some words, reduced with the same `lemma` as replies, so plurals and spellings
match), `digits(...)`, `seq`, `alt` and `opt`, and are plain strings once built, at import.
What each class matches is listed in `simulator.model.patterns.CLASSES` and the README.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

import re2

from simulator.scoring.lemmas import lemma
from simulator.scoring.overlap import STOP_KEYS as _COMMON
from simulator.scoring.stream import (
    CLAUSE,
    COLON,
    CURRENCY,
    END,
    SENTENCE,
    SYMBOL_CHARS,
)
from simulator.scoring.stream import PERCENT as PERCENT_MARK
from simulator.scoring.stream import QUOTE as QUOTE_MARK

BODY: Final = f" {CLAUSE}"
"""The marks a separator inside a pattern may end with."""
FIRST: Final = f" {CLAUSE}{SENTENCE}"
"""The marks the separator before a pattern's first token may end with."""

SYMS: Final = f"[{SYMBOL_CHARS}]*"
KEY_CHARS: Final = f"[^ {CLAUSE}{SENTENCE}{END}{SYMBOL_CHARS}]+"


def separator(marks: str) -> str:
    return f"{SYMS}[{marks}]"


def token(key_regex: str, marks: str) -> str:
    """One token whose key matches `key_regex` entirely, with the separator before it."""
    return f"{separator(marks)}(?:{key_regex}){END}"


Feature = str | tuple[str, str]
"""Something a reply's stream visibly holds (`simulator.scoring.prefilter`): a token's key, two
keys on adjacent tokens, or one of the markers `DIGIT` and the symbol codes."""
Needs = tuple[frozenset[Feature], ...]
"""Sets of features; every match holds at least one feature of each set."""

DIGIT: Final = "\x00digit"
"""The feature of a stream holding an ASCII digit (a key never holds a control character)."""

BIGRAM_LIMIT: Final = 4_096
"""Pairs of last and first keys worth listing as a need; past this, adjacency is not kept."""


def _key_cost(key: str) -> int:
    return 30 if key in _COMMON else 2


def _cost(feature: Feature) -> int:
    """A rough guess at how often a reply holds a feature (lower is rarer): a function word is
    in nearly every reply, two of them side by side ("it is") in many, a content word rarely."""
    if isinstance(feature, tuple):
        return min(_key_cost(feature[0]), _key_cost(feature[1]), 10) // 2
    if feature == DIGIT:
        return 10
    return _key_cost(feature)


def need_cost(need: frozenset[Feature]) -> tuple[int, int]:
    return sum(map(_cost, need)), len(need)


def rarest(options: list[frozenset[Feature]]) -> frozenset[Feature]:
    """The set of features least likely to occur (used to pick one need among several)."""
    return min(options, key=need_cost)


@dataclass(frozen=True, slots=True)
class Fragment:
    """RE2 source as a function of the marks its first separator may end with, and what any
    match of it must hold (so that a reply can be ruled out without running RE2)."""

    build: Callable[[str], str]
    nullable: bool = False
    """It can match nothing (an optional part)."""
    advances: bool = True
    """It consumes a token; a symbol prefix (the `£` before a number) does not."""
    firsts: frozenset[str] | None = None
    """The keys its first token may have, or None when not known (a class of any word)."""
    lasts: frozenset[str] | None = None
    """The keys its last token may have, or None when not known."""
    needs: Needs = ()
    """Every match holds one feature of each of these sets (none when it may match nothing)."""

    def __call__(self, marks: str) -> str:
        return self.build(marks)


def _edge(parts: Sequence[Fragment], attr: str) -> frozenset[str] | None:
    """The keys a run of parts may begin with (or, given reversed, end with)."""
    found: set[str] = set()
    for part in parts:
        keys = getattr(part, attr)
        if keys is None or not part.advances:
            return None
        found |= keys
        if not part.nullable:
            return frozenset(found)
    return None


def seq(*parts: Fragment) -> Fragment:
    def build(marks: str) -> str:
        out, current = "", marks
        for part in parts:
            out += part(current)
            # After a token that must be there, no later token may start a sentence.
            if part.advances and not part.nullable:
                current = BODY
        return out

    nullable = all(p.nullable for p in parts)
    needs: list[frozenset[Feature]] = []
    if not nullable:
        for part in parts:
            needs += part.needs
        # Two parts that must both be there, side by side, put one key pair side by side.
        for a, b in pairwise(parts):
            if a.nullable or b.nullable or a.lasts is None or b.firsts is None \
                    or not (a.advances and b.advances) \
                    or len(a.lasts) * len(b.firsts) > BIGRAM_LIMIT:
                continue
            needs.append(frozenset((x, y) for x in a.lasts for y in b.firsts))
    return Fragment(
        build, nullable, any(p.advances for p in parts),
        _edge(parts, "firsts"), _edge(parts[::-1], "lasts"), tuple(dict.fromkeys(needs)),
    )


def _union(sets: Sequence[frozenset[str] | None]) -> frozenset[str] | None:
    if any(keys is None for keys in sets):
        return None
    return frozenset().union(*sets)  # type: ignore[arg-type]  # no None left


def alt(*parts: Fragment) -> Fragment:
    nullable = any(p.nullable for p in parts)
    needs: Needs = ()
    if not nullable and all(p.needs for p in parts):
        # One of the parts matched: one need of each, joined, is a need of the choice.
        needs = (frozenset().union(*(rarest(list(p.needs)) for p in parts)),)
    return Fragment(
        lambda marks: "(?:" + "|".join(p(marks) for p in parts) + ")",
        nullable, all(p.advances for p in parts),
        _union([p.firsts for p in parts]), _union([p.lasts for p in parts]), needs,
    )


def opt(part: Fragment) -> Fragment:
    return Fragment(
        lambda marks: f"(?:{part(marks)})?", True, part.advances, part.firsts, part.lasts,
    )


def repeat(part: Fragment, most: int, least: int = 0, *, lazy: bool = False) -> Fragment:
    """`part` from `least` to `most` times; only ever after a token (inside a sequence)."""
    suffix = "?" if lazy else ""
    return Fragment(
        lambda marks: f"(?:{part(BODY)}){{{least},{most}}}{suffix}", least == 0, True,
        part.firsts, part.lasts, part.needs if least else (),
    )


def raw(source: str, *, advances: bool = False, symbols: str = "") -> Fragment:
    """Source that ignores the separator: a symbol before or after a token. `symbols`: the
    symbol codes one of which it always matches."""
    needs = (frozenset(symbols),) if symbols else ()
    return Fragment(lambda marks: source, False, advances, needs=needs)


def keys_of(words: str) -> list[str]:
    """The matching keys of space-separated single words, longest first."""
    return sorted({lemma(w) for w in words.split()}, key=lambda k: (-len(k), k))


def key(key_regex: str, keys: Sequence[str] | None = None, *, digit: bool = False) -> Fragment:
    """One token whose key matches `key_regex`: `keys` when it is exactly one of these keys,
    `digit` when every key it matches holds an ASCII digit."""
    if keys is not None:
        known = frozenset(keys)
        return Fragment(lambda marks: token(key_regex, marks), firsts=known, lasts=known,
                        needs=(known,))
    needs: Needs = (frozenset({DIGIT}),) if digit else ()
    return Fragment(lambda marks: token(key_regex, marks), needs=needs)


def literal(key_text: str) -> Fragment:
    """One token whose key is exactly `key_text`."""
    return key(re2.escape(key_text), (key_text,))


def word(words: str) -> Fragment:
    """One token that is any of these words (or their inflections)."""
    keys = keys_of(words)
    return key("|".join(re2.escape(k) for k in keys), keys)


def digits(suffix: str = "") -> Fragment:
    return key(rf"\d+(?:{suffix})?" if suffix else r"\d+", digit=True)


ANY_WORD: Final = key(KEY_CHARS)

_UNITS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
_MULTIPLIERS = "hundred thousand million billion dozen"
_FRACTIONS = "half halves third thirds quarter quarters fifth fifths tenth tenths"

_NUMBER_WORD = word(f"{_UNITS} {_MULTIPLIERS} {_FRACTIONS}")
_WORD_NUMBER = alt(
    # "one" alone is too often a pronoun ("the one thing"); it counts before a multiplier.
    seq(word("a an one"), alt(word(_MULTIPLIERS), word(_FRACTIONS))),
    seq(_NUMBER_WORD, repeat(seq(opt(word("and")), _NUMBER_WORD), 4)),
)
_DIGITS = seq(
    digits(r"st|nd|rd|th|k|m|bn"), repeat(key(r"[0-9]{3}", digit=True), 3),
    opt(key(r"\d+", digit=True)),
)
NUMBER: Final = alt(_DIGITS, _WORD_NUMBER)

_SCALE = word("k m bn million billion thousand grand mil")
_CURRENCY = word("pound quid dollar euro pence grand gbp usd eur")
MONEY: Final = alt(
    seq(raw(f"{SYMS}[{CURRENCY}]", symbols=CURRENCY), NUMBER, opt(_SCALE)),
    seq(NUMBER, opt(_SCALE), _CURRENCY),
)

PERCENT: Final = seq(
    NUMBER,
    alt(raw(f"{SYMS}{PERCENT_MARK}", symbols=PERCENT_MARK), word("percent pc"),
        seq(word("per"), word("cent"))),
)

_TIME_UNITS = word(
    "second minute hour day week fortnight month quarter year term semester sprint cycle"
)
DURATION: Final = alt(
    seq(alt(NUMBER, word("a an few several couple"), seq(word("couple"), word("of"))),
        opt(word("a an")), _TIME_UNITS),
    word("fortnight"),
    seq(word("for"), word("weeks months years ages")),
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
    seq(_DAY, opt(word("of")), word("may")),
    seq(word("may"), _DAY),
)
_RELATIVE = word("last next this coming past previous following")
_PERIOD = word("week month quarter year term fortnight weekend time")
_CODES = key(r"q[1-4]|h[12]|fy[0-9]{2}|(?:19|20)[0-9]{2}", digit=True)  # each holds a digit
DATE: Final = alt(
    WEEKDAY,
    seq(_DAY, opt(word("of")), MONTH),
    seq(MONTH, opt(_DAY)),
    # "by the 30th", "on the 3rd": a day of the month needs its preposition, or "the 4th
    # floor" would be a date.
    seq(word("by on before until from"), word("the"), _DAY),
    seq(_RELATIVE, alt(_PERIOD, WEEKDAY, _MONTHS)),
    word("yesterday today tomorrow tonight"),
    seq(word("end start beginning middle"), word("of"), opt(word("the this next")),
        word("week month quarter year term day")),
    _CODES,
)

TIME: Final = alt(
    key(r"[0-9]{1,2}(?:am|pm)", digit=True),
    seq(digits(), raw(COLON, symbols=COLON), key(r"[0-9]{2}(?:am|pm)?", digit=True),
        opt(word("am pm"))),
    seq(digits(), alt(word("am pm"), word("o'clock"))),
    word("noon midday midnight lunchtime"),
    seq(alt(WEEKDAY, word("this tomorrow yesterday")), word("morning afternoon evening lunchtime")),
    seq(word("half quarter"), word("past to"), NUMBER),
)

_EVENT = alt(
    word(
        "meeting review board standup offsite retro retrospective workshop panel committee "
        "sync session briefing presentation huddle demo interview conference webinar "
        "induction appraisal audit launch pitch planning kickoff debrief forum summit "
        "assembly townhall awayday call update"
    ),
    seq(word("town"), word("hall")),
    seq(word("all"), word("hands")),
    seq(word("stand off kick check catch"), word("up site off in")),
    seq(word("away"), word("day")),
    seq(word("steering"), word("group committee")),
    seq(word("one"), word("to"), word("one")),
)
_WHEN = alt(
    WEEKDAY, _MONTHS, _CODES,
    word("last next this yesterday today tomorrow weekly monthly quarterly annual yearly"),
)
MEETING: Final = alt(
    seq(_WHEN, repeat(ANY_WORD, 2), _EVENT),
    seq(word("the our your their that"), repeat(ANY_WORD, 2, 1), _EVENT),
)

# Quoted words may hold a sentence end ("'Forget it.' she said"); the closing mark is the first.
_QUOTED_WORD = Fragment(lambda marks: token(KEY_CHARS, FIRST))
QUOTE: Final = seq(
    raw(f"{SYMS}{QUOTE_MARK}", symbols=QUOTE_MARK), ANY_WORD,
    repeat(_QUOTED_WORD, 39, lazy=True), raw(f"{SYMS}{QUOTE_MARK}", symbols=QUOTE_MARK),
)

CLASSES: Final[dict[str, Fragment]] = {
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
"""The fragment for each class named in `simulator.model.patterns.CLASSES`."""

LEADING_SYMBOLS: Final = {"money": CURRENCY, "quote": QUOTE_MARK}
"""Classes whose evidence begins at a symbol before their first word."""
