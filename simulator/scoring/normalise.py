"""Unicode normalisation that remembers where every character came from.

Evidence must point into the learner's original text, but matching works on a normalised copy:
NFKC (the `ﬁ` ligature becomes `fi`, fullwidth letters become ASCII), curly quotes made
straight, and for word matching case-folded (`ß` becomes `ss`). These change lengths, so each
normalised character keeps the original span it was produced from.

Normalisation runs cluster by cluster (a character with the combining marks that follow it), so
each output character maps to exactly one original cluster. Plain ASCII, by far the common case,
needs no mapping at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

QUOTES: Final = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'),
}
"""Typographic quotes and apostrophes, and the marks keyboards substitute for them."""

# A lone surrogate (possible in JSON input or undecodable argv) cannot be encoded for RE2.
_CLEAN: Final = {**QUOTES, **dict.fromkeys(range(0xD800, 0xE000), "\ufffd")}

_ASCII_RUN: Final = re.compile(r"[\x00-\x7f]+")


def _joins_previous(ch: str) -> bool:
    """Combining marks and Hangul vowel/final jamo compose with the character before them."""
    return unicodedata.combining(ch) != 0 or "\u1160" <= ch <= "\u11ff"


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised copy of a text and the way back to the original's offsets."""

    text: str
    """The original."""
    value: str
    """The normalised copy."""
    starts: tuple[int, ...] | None
    """For each character of `value`, where its source begins in `text`; None when identical."""
    ends: tuple[int, ...] | None
    """For each character of `value`, where its source ends in `text`; None when identical."""

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `value[start:end]` (non-empty) came from."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]

    def position(self, index: int) -> int:
        """Where in the original text the normalised position `index` (0..len) falls."""
        if self.starts is None:
            return index
        return self.starts[index] if index < len(self.starts) else len(self.text)


def _one_for_one(fold: bool) -> dict[str, str]:
    """Characters that normalise to exactly one character on their own and never join a
    neighbour (curly quotes, dashes, accented letters...), and what each becomes: a text made of
    these and ASCII normalises character by character, so its offsets need no mapping."""
    table: dict[str, str] = {}
    ranges = ((0x80, 0x250), (0x370, 0x400), (0x400, 0x530), (0x2000, 0x2070), (0x20A0, 0x20D0))
    for low, high in ranges:
        for code in range(low, high):
            ch = chr(code)
            if _joins_previous(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Cn", "Zl", "Zp"):
                continue
            out = unicodedata.normalize("NFKC", ch.translate(_CLEAN)).translate(_CLEAN)
            if fold:
                out = out.casefold()
            # `str.lower` runs over the whole text on the fast path: it must leave `out` alone.
            if len(out) == 1 and not _joins_previous(out) and (not fold or out.lower() == out):
                table[ch] = out
    # Replacing one character after another must never rewrite an earlier replacement: keep
    # only those whose result stays put.
    return {ch: out for ch, out in table.items() if out.isascii() or table.get(out) == out}


_FOLDED: Final = _one_for_one(fold=True)
_PLAIN: Final = _one_for_one(fold=False)
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def normalise(text: str, *, fold: bool) -> Normalised:
    """NFKC with straight quotes; `fold=True` also case-folds, for matching words."""
    if text.isascii():
        return Normalised(text, text.lower() if fold else text, None, None)
    table = _FOLDED if fold else _PLAIN
    found = set(_NON_ASCII.findall(text))
    if all(ch in table for ch in found):
        # The common non-ASCII reply (curly quotes, a dash, an accent): one character each.
        value = text
        for ch in found:
            if table[ch] != ch:
                value = value.replace(ch, table[ch])
        return Normalised(text, value.lower() if fold else value, None, None)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        run = _ASCII_RUN.match(text, i)
        if run is not None:
            j = run.end()
            # The last ASCII letter belongs to a combining mark after it ("e" + U+0301 = "é").
            if j < n and _joins_previous(text[j]):
                j -= 1
            if j > i:
                chunk = text[i:j]
                parts.append(chunk.lower() if fold else chunk)
                starts.extend(range(i, j))
                ends.extend(range(i + 1, j + 1))
                i = j
                continue
        j = i + 1
        while j < n and _joins_previous(text[j]):
            j += 1
        # Quotes are mapped before NFKC too: it would turn U+00B4 into a space and a mark.
        out = unicodedata.normalize("NFKC", text[i:j].translate(_CLEAN)).translate(_CLEAN)
        if fold:
            out = out.casefold()
        parts.append(out)
        starts.extend([i] * len(out))
        ends.extend([j] * len(out))
        i = j
    return Normalised(text, "".join(parts), tuple(starts), tuple(ends))
