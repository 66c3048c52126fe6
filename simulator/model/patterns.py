"""Word patterns: the small language trainers write in `patterns:` and the tree it reads into.

    i (had|did)? not realise/consider/notice          alternatives and an optional word
    i ...2 assumption                                   a gap of up to two words
    @acknowledgements                                   any entry of a named word list
    cost us? <money>                                    a built-in class

A pattern is a sequence of items separated by spaces. An item is a word (inflections and both
spellings match, as in phrases), `a/b/c` (one of these words), `(x y|z)` (one of these
sequences), `*` (any one word), `...` or `...N` (a gap of up to 3, or up to N, words), `@name`
(a lexicon) or `<class>` (a built-in class such as `<number>` or `<meeting>`); any item may be
followed by `?` to make it optional. Reading happens here, when a file is validated, so a typo is
reported at its line; matching is compiled elsewhere (`simulator.scoring.patterns`). Nothing in
a pattern is ever run as code, and every pattern is bounded in size and gap length.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

MAX_PATTERN_CHARS: Final = 300
"""A pattern is a phrase with a few choices in it, not a paragraph."""
MAX_ITEMS: Final = 48
"""Words, choices and gaps in one pattern, counted through every group."""
MAX_GAP: Final = 8
"""The longest gap `...N` may stand for: a pattern is about words that belong together."""
DEFAULT_GAP: Final = 3
"""What a bare `...` stands for."""
MAX_DEPTH: Final = 4
"""Brackets inside brackets."""

CLASSES: Final = {
    "number": 'a number in digits or words: "40", "seven", "twenty-five", "a third"',
    "money": 'an amount of money: "£8,400", "$2m", "300 pounds", "five grand"',
    "percent": 'a percentage: "40%", "twelve percent", "30 per cent"',
    "duration": 'a length of time: "three weeks", "a fortnight", "six months", "an hour"',
    "weekday": 'a day of the week: "Monday", "Tues"',
    "month": 'a month: "March", "Sept" ("may" only beside a day number)',
    "date": 'a day: "Monday", "14 March", "next week", "last quarter", "yesterday", "Q3"',
    "time": 'a time of day: "10:30", "3pm", "noon", "Friday morning"',
    "meeting": 'a named meeting or event: "Tuesday\'s town hall", "the March board", '
               '"last week\'s review"',
    "quote": "words in quotation marks: 'forget it', \"we're a family\"",
}
"""The built-in classes, `<name>` in a pattern, with what each matches (shown in the docs)."""

LEXICON_NAME: Final = r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*"
"""Lower-case letters and digits joined by single hyphens or underscores: `soft_hedges`."""

_LEXICON_REF: Final = re.compile(rf"@({LEXICON_NAME})")
_WORD: Final = re.compile(r"[^\W_](?:[\w'’-]*[\w])?")
_GAP: Final = re.compile(r"\.\.\.(\d*)")
_CLASS: Final = re.compile(r"<([a-z_]+)>")
_SPACE: Final = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Word:
    """A written word, or several (`a/b/c`): any one of them."""

    options: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Any1:
    """`*`: exactly one word, whatever it is."""


@dataclass(frozen=True, slots=True)
class Gap:
    """`...N`: from none up to `most` words."""

    most: int


@dataclass(frozen=True, slots=True)
class Ref:
    """`@name`: any entry of a lexicon."""

    name: str


@dataclass(frozen=True, slots=True)
class Class:
    """`<name>`: a built-in class."""

    name: str


@dataclass(frozen=True, slots=True)
class Optional:
    """`item?`: the item or nothing."""

    item: Node


@dataclass(frozen=True, slots=True)
class Choice:
    """`(x y|z)`: one of these sequences."""

    options: tuple[Sequence, ...]


@dataclass(frozen=True, slots=True)
class Sequence:
    """Items one after another."""

    items: tuple[Node, ...]


Node = Word | Any1 | Gap | Ref | Class | Optional | Choice | Sequence
"""One part of a read pattern."""


class PatternError(ValueError):
    """A pattern that cannot be read; the message names the place and what to write instead."""


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.items = 0

    def fail(self, message: str, at: int | None = None) -> PatternError:
        where = self.at if at is None else at
        return PatternError(f"pattern {self.text!r}, at character {where + 1}: {message}")

    def skip_space(self) -> None:
        found = _SPACE.match(self.text, self.at)
        if found is not None:
            self.at = found.end()

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.at : self.at + 1]

    def choice(self, depth: int) -> Choice | Sequence:
        options = [self.sequence(depth)]
        while self.peek() == "|":
            self.at += 1
            options.append(self.sequence(depth))
        return options[0] if len(options) == 1 else Choice(tuple(options))

    def sequence(self, depth: int) -> Sequence:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.item(depth))
        if not items:
            raise self.fail("expected a word here (an empty choice matches nothing)")
        return Sequence(tuple(items))

    def item(self, depth: int) -> Node:
        start = self.at
        node = self.atom(depth)
        self.items += 1
        if self.items > MAX_ITEMS:
            raise self.fail(f"more than {MAX_ITEMS} items; split it into several patterns")
        if self.text[self.at : self.at + 1] == "?":
            if isinstance(node, Gap):
                raise self.fail("a gap is already optional; remove the `?`", start)
            self.at += 1
            return Optional(node)
        return node

    def atom(self, depth: int) -> Node:
        text, at = self.text, self.at
        ch = text[at]
        if ch == "(":
            if depth >= MAX_DEPTH:
                raise self.fail(f"brackets nest deeper than {MAX_DEPTH}; write two patterns")
            self.at += 1
            inner = self.choice(depth + 1)
            if self.peek() != ")":
                raise self.fail(f"missing ')' to close the '(' at character {at + 1}")
            self.at += 1
            return inner
        if ch == ")":
            raise self.fail("')' without an opening '('")
        if ch == "*":
            self.at += 1
            return Any1()
        if ch == "@":
            found = _LEXICON_REF.match(text, at)
            if found is None:
                raise self.fail("`@` must be followed by a lexicon name such as @hedges")
            self.at = found.end()
            return Ref(found.group(1))
        if ch == "<":
            found = _CLASS.match(text, at)
            if found is None:
                raise self.fail("a class is written <name>, such as <number> or <meeting>")
            name = found.group(1)
            if name not in CLASSES:
                close = difflib.get_close_matches(name, list(CLASSES), n=1, cutoff=0.6)
                hint = f" — did you mean <{close[0]}>?" if close else ""
                raise self.fail(
                    f"no built-in class <{name}>{hint} (classes: {', '.join(CLASSES)})"
                )
            self.at = found.end()
            return Class(name)
        if ch == ".":
            found = _GAP.match(text, at)
            if found is None:
                raise self.fail("a gap is written `...` (up to 3 words) or `...N`")
            most = int(found.group(1)) if found.group(1) else DEFAULT_GAP
            if not 1 <= most <= MAX_GAP:
                raise self.fail(f"a gap may stand for 1 to {MAX_GAP} words, not {most}")
            self.at = found.end()
            return Gap(most)
        return self.words()

    def words(self) -> Word:
        options: list[str] = []
        while True:
            found = _WORD.match(self.text, self.at)
            if found is None and self.at >= len(self.text):
                raise self.fail("expected a word after '/'")
            if found is None:
                raise self.fail(
                    f"{self.text[self.at]!r} cannot be used here; a pattern holds words, "
                    "a/b choices, (x|y) groups, ?, *, ..., @lexicon and <class>"
                )
            options.append(found.group(0))
            self.at = found.end()
            if self.text[self.at : self.at + 1] != "/":
                return Word(tuple(options))
            self.at += 1


def _matches_nothing(node: Node) -> bool:
    """True when the node can match zero words."""
    match node:
        case Optional() | Gap():
            return True
        case Sequence():
            return all(_matches_nothing(item) for item in node.items)
        case Choice():
            return any(_matches_nothing(option) for option in node.options)
    return False


def _edges(node: Node) -> tuple[Node, Node]:
    if isinstance(node, Sequence):
        return node.items[0], node.items[-1]
    return node, node


@lru_cache(maxsize=8_192)
def read_pattern(text: str) -> Node:
    """The tree of one pattern, or `PatternError` saying what is wrong and where.

    Cached: validation, reference checks and compiling all read the same patterns, and the
    tree is immutable."""
    if len(text) > MAX_PATTERN_CHARS:
        raise PatternError(
            f"a pattern may be {MAX_PATTERN_CHARS} characters long, this one is {len(text)}; "
            "split it into several patterns"
        )
    reader = _Reader(text.replace("’", "'"))
    if not reader.peek():
        raise PatternError("a pattern needs at least one word")
    node = reader.choice(0)
    if reader.peek():
        raise reader.fail(f"unexpected {reader.text[reader.at]!r}")
    if _matches_nothing(node):
        raise PatternError(
            f"pattern {text!r} can match no words at all (everything in it is optional); "
            "make at least one word required"
        )
    first, last = _edges(node)
    if isinstance(first, Gap) or isinstance(last, Gap):
        raise PatternError(
            f"pattern {text!r} starts or ends with a gap, which adds nothing; remove it"
        )
    return node


def references(node: Node) -> list[str]:
    """The lexicon names a pattern uses, in order of appearance."""
    match node:
        case Ref():
            return [node.name]
        case Optional():
            return references(node.item)
        case Sequence():
            return [name for item in node.items for name in references(item)]
        case Choice():
            return [name for option in node.options for name in references(option)]
    return []


_ENTRY: Final = re.compile(r"[\w'’.-]+(?: [\w'’.-]+)*")


def check_entry(entry: str) -> str:
    """A lexicon entry is a plain word or phrase, or `@name` for another lexicon's entries."""
    text = " ".join(entry.split())
    if _LEXICON_REF.fullmatch(text) or _ENTRY.fullmatch(text):
        return text
    raise ValueError(
        f"lexicon entry {entry!r} must be plain words (letters, digits, apostrophes, hyphens) "
        "or @name; write patterns in `patterns:` and punctuation in `phrases:`"
    )


def entry_reference(entry: str) -> str | None:
    """The lexicon an entry `@name` stands for, or None for a plain entry."""
    found = _LEXICON_REF.fullmatch(entry)
    return found.group(1) if found else None


def phrase_reference(phrase: str) -> str | None:
    """The lexicon a phrase `@name` stands for, or None for a plain phrase."""
    return entry_reference(phrase.strip())
