"""A reply's matching keys as one string, so every word pattern is searched in one RE2 pass.

The layout is `SEP key END SEP key END ... TRAIL`. `END` (`\\x1f`) closes each token's key. The
separator before a token is a run of symbols followed by one mark: `\\x1e` before the first
token of a sentence, `\\x1d` before the first of a clause, a space otherwise. The symbols are
the few characters between words that carry meaning (currency signs, `%`, quotation marks, the
colon of "10:30"), kept where they stood; `TRAIL` holds those after the last word.

Keys never hold these characters, so a pattern compiled against the layout
(`simulator.scoring.patterns`) matches whole tokens only, and every separator inside a pattern
excludes `\\x1e`, so a pattern never runs across the end of a sentence. Character classes and
single marks keep RE2's automaton small: one pass over the stream, in linear time.

Offsets come back cheaply: the tokens before a stream offset are the `END`s before it
(`str.count`, in C), so nothing per token is kept beyond the string itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

import re2

from simulator.scoring.result import Span
from simulator.scoring.search import finder, span_options
from simulator.scoring.text import Reply

SENTENCE: Final = "\x1e"
CLAUSE: Final = "\x1d"
END: Final = "\x1f"

POUND: Final = "\x01"
DOLLAR: Final = "\x02"
EURO: Final = "\x03"
PERCENT: Final = "\x04"
QUOTE: Final = "\x05"
COLON: Final = "\x06"
SYMBOLS: Final = {
    "£": POUND, "$": DOLLAR, "€": EURO, "%": PERCENT, ":": COLON,
    **dict.fromkeys('"\'“”‘’«»„‚′″', QUOTE),
}
"""Characters between words that patterns can see, and the code each becomes: control
characters, so a stream of ASCII words stays ASCII and RE2's byte offsets are its offsets."""
SYMBOL_CHARS: Final = POUND + DOLLAR + EURO + PERCENT + QUOTE + COLON
"""Every symbol code that can stand in a separator (`:` only between digits)."""
CURRENCY: Final = POUND + DOLLAR + EURO
_RAW_SYMBOLS: Final = frozenset(SYMBOLS)
# The learner's text, not a trainer's pattern, with one fixed character class: stdlib `re`.
_FIND_SYMBOLS: Final = re.compile("[" + re.escape("".join(SYMBOLS)) + "]")
_APOSTROPHES: Final = "'‘’‚′"
# A fixed pattern (not a trainer's), searched once per reply: RE2 on the UTF-8 bytes, spans only.
_MAY_COUNT: Final = finder(re2.compile(
    "[" + re2.escape("".join(ch for ch in SYMBOLS if ch not in _APOSTROPHES + ":")) + "]"
    rf"|:\S|(?:^|[^\pL\pN])[{_APOSTROPHES}]|[{_APOSTROPHES}](?:[^\pL\pN_\x{{300}}-\x{{36f}}]|$)",
    span_options(re2.Options()),
))
"""Finds a symbol that may stand between words. Not an apostrophe between a letter or digit
and a letter, digit, combining accent or `_` (inside a word, as in "don't": most replies hold
only those), nor a colon before a space (only "10:30" counts): when nothing is found, no symbol
can count."""


def _may_count(text: str) -> bool:
    data = text.encode("utf-8", "surrogatepass")
    return _MAY_COUNT(data, 0, len(data))[0][0] >= 0


@dataclass(frozen=True, slots=True)
class Stream:
    """One reply's keys as a string, and where its symbols came from."""

    value: str
    """The keys in the layout described above."""
    symbols: dict[int, int]
    """Stream offset of each symbol -> its offset in the original text."""

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """The reply tokens `first` .. `stop - 1` that stream[start:end] covers."""
        value = self.value
        return value.count(END, 0, start), value.count(END, 0, end)

    def span(self, reply: Reply, start: int, end: int, *, lead: str = "") -> Span | None:
        """The original-text span of stream[start:end], or None when it holds no token.

        A match begins with a separator: its marks never count, and its symbols only those
        in `lead` (the currency sign of `<money>`, the quotation mark of `<quote>`).
        """
        value, symbols = self.value, self.symbols
        first, stop = self.tokens(start, end)
        if first >= stop:
            return None
        begin = reply.starts[first]
        if lead:
            for at in range(start, end):
                ch = value[at]
                if ch in lead and at in symbols:
                    begin = symbols[at]
                    break
                if ch not in SYMBOL_CHARS:
                    break
        finish = reply.ends[stop - 1]
        if value[end - 1] != END and (end - 1) in symbols:
            finish = max(finish, symbols[end - 1] + 1)
        return begin, finish


def build_stream(reply: Reply) -> Stream:
    """The reply's stream, built once and kept in the reply's memo."""
    cached = reply.memo.get("stream")
    if isinstance(cached, Stream):
        return cached
    keys, sentence_of, clause_of = reply.keys, reply.sentence_of, reply.clause_of
    # `_marks` and the pieces in one pass: this runs for every reply.
    pieces = [SENTENCE + keys[0] + END] if keys else []
    pieces += [
        (SENTENCE if sentence_of[k] != sentence_of[k - 1]
         else CLAUSE if clause_of[k] != clause_of[k - 1] else " ") + keys[k] + END
        for k in range(1, len(keys))
    ]
    text = reply.text
    found = not _RAW_SYMBOLS.isdisjoint(text) and _may_count(text)
    stream = _with_symbols(reply, pieces) if found else Stream("".join(pieces), {})
    reply.memo["stream"] = stream
    return stream


def _with_symbols(reply: Reply, pieces: list[str]) -> Stream:
    """The few replies holding a currency sign, `%`, a quote or a colon: splice symbols in."""
    text, starts, ends, keys = reply.text, reply.starts, reply.ends, reply.keys
    n = len(keys)
    before: dict[int, list[tuple[str, int]]] = {}
    for match in _FIND_SYMBOLS.finditer(text):
        offset = match.start()
        ch = text[offset]
        k = bisect_right(starts, offset)  # the token after it
        if k and offset < ends[k - 1]:
            continue  # inside a word: the apostrophe of "don't"
        # A colon counts only in a time ("10:30"), written without spaces.
        if ch == ":" and not (
            0 < k < n and ends[k - 1] == offset and starts[k] == offset + 1
            and keys[k - 1][-1:].isdigit() and keys[k][:1].isdigit()
        ):
            continue
        before.setdefault(k, []).append((SYMBOLS[ch], offset))
    if not before:
        return Stream("".join(pieces), {})
    parts: list[str] = []
    symbols: dict[int, int] = {}
    at = 0
    for k in range(n + 1):
        for symbol, offset in before.get(k, ()):
            symbols[at] = offset
            parts.append(symbol)
            at += 1
        if k < n:
            parts.append(pieces[k])
            at += len(pieces[k])
    return Stream("".join(parts), symbols)
