"""A reply's matching keys as one string, so every word pattern is searched in one RE2 pass.

Each token is written as `<marker> <key>\\x1f`: the marker is `\\x1e` before the first token of a
sentence, `\\x1d` before the first of a clause, and nothing otherwise. A few symbols that
carry meaning but are not words (currency signs, `%`, quotation marks, the colon of "10:30")
become pseudo-tokens `\\x1c<symbol>\\x1f`. Keys never hold spaces or control characters, so a
pattern compiled against this layout (`simulator.scoring.patterns`) matches whole tokens only,
can skip pseudo-tokens, and can never run across the end of a sentence: no element of a pattern
matches `\\x1e`.

Offsets come back cheaply: the tokens before a stream offset are the spaces before it
(`str.count`, in C), so nothing per token is kept beyond the string itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from simulator.scoring.result import Span
from simulator.scoring.text import Reply

SENTENCE: Final = "\x1e"
CLAUSE: Final = "\x1d"
PSEUDO: Final = "\x1c"
END: Final = "\x1f"

SYMBOLS: Final = {
    "£": "£", "$": "$", "€": "€", "%": "%",
    '"': '"', "'": '"', "“": '"', "”": '"', "‘": '"', "’": '"', "«": '"', "»": '"',
    "„": '"', "‚": '"', "′": '"', "″": '"',
}
"""Characters between words that patterns can see, and the pseudo-token each becomes."""
_SYMBOL_CHARS: Final = frozenset(SYMBOLS) | {":"}


@dataclass(frozen=True, slots=True)
class Stream:
    """One reply's keys as a string, and where its pseudo-tokens came from."""

    value: str
    """The keys in the layout described above."""
    pseudo_starts: dict[int, int]
    """Stream offset where a pseudo-token begins -> where its symbol is in the original."""
    pseudo_ends: dict[int, int]
    """Stream offset just after a pseudo-token -> just after its symbol in the original."""

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """The reply tokens `first` .. `stop - 1` that stream[start:end] covers."""
        value = self.value
        return value.count(" ", 0, start), value.count(" ", 0, end)

    def span(self, reply: Reply, start: int, end: int) -> Span | None:
        """The original-text span of stream[start:end], or None when it holds no token."""
        value = self.value
        while start < end and value[start] in (SENTENCE, CLAUSE):
            start += 1
        first, stop = self.tokens(start, end)
        if start in self.pseudo_starts:
            begin = self.pseudo_starts[start]
        elif first < stop:
            begin = reply.starts[first]
        else:
            return None
        if end in self.pseudo_ends:
            finish = self.pseudo_ends[end]
        elif first < stop:
            finish = reply.ends[stop - 1]
        else:
            return None
        return begin, finish


def _markers(reply: Reply) -> list[str]:
    sentence_of, clause_of = reply.sentence_of, reply.clause_of
    return [SENTENCE] + [
        SENTENCE if sentence_of[k] != sentence_of[k - 1]
        else CLAUSE if clause_of[k] != clause_of[k - 1] else ""
        for k in range(1, len(sentence_of))
    ]


def build_stream(reply: Reply) -> Stream:
    """The reply's stream, built once and kept in the reply's memo."""
    cached = reply.memo.get("stream")
    if isinstance(cached, Stream):
        return cached
    markers = _markers(reply) if reply.keys else []
    text = reply.text
    if _SYMBOL_CHARS.isdisjoint(text):
        stream = Stream(
            "".join([m + " " + key + END for m, key in zip(markers, reply.keys, strict=True)]),
            {}, {},
        )
    else:
        stream = _with_symbols(reply, markers)
    reply.memo["stream"] = stream
    return stream


def _with_symbols(reply: Reply, markers: list[str]) -> Stream:
    """The slow path, for the few replies holding a currency sign, `%`, a quote or a colon."""
    text, starts, ends, keys = reply.text, reply.starts, reply.ends, reply.keys
    parts: list[str] = []
    at = 0
    pseudo_starts: dict[int, int] = {}
    pseudo_ends: dict[int, int] = {}

    def symbols(begin: int, finish: int, *, digits_around: bool) -> None:
        nonlocal at
        for offset in range(begin, finish):
            ch = text[offset]
            symbol = SYMBOLS.get(ch)
            if symbol is None and ch == ":" and digits_around and finish - begin == 1:
                symbol = ":"
            if symbol is None:
                continue
            piece = PSEUDO + symbol + END
            pseudo_starts[at] = offset
            at += len(piece)
            pseudo_ends[at] = offset + 1
            parts.append(piece)

    previous_end = 0
    for k, key in enumerate(keys):
        begin = starts[k]
        if begin > previous_end:
            digits = k > 0 and keys[k - 1][-1:].isdigit() and key[:1].isdigit()
            symbols(previous_end, begin, digits_around=digits)
        piece = markers[k] + " " + key + END
        parts.append(piece)
        at += len(piece)
        previous_end = max(previous_end, ends[k])
    symbols(previous_end, len(text), digits_around=False)
    return Stream("".join(parts), pseudo_starts, pseudo_ends)
