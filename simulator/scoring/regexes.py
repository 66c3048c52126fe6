"""Trainer regexes, run with RE2 (linear time) on the NFKC, straight-quoted reply.

All of a rubric's patterns go into one `re2.Set`, so a reply is searched once to learn which
patterns occur at all; only those are run again for their positions. Most replies match few
regexes, so most of the per-pattern work never happens.
"""

from __future__ import annotations

from typing import Any

import re2

from simulator.model.detectors import re2_options
from simulator.scoring.result import Span
from simulator.scoring.search import Finder, all_spans, finder, span_options
from simulator.scoring.text import Reply

_EDGE_LEAD = frozenset(" \t\n([")
_EDGE_TRAIL = frozenset(" \t\n.,;:)]")
_STOPS = frozenset(".!?,;:")


SET_MEMORY = 64 << 20
"""RE2's memory budget for the one set of all of a rubric's regexes. The set's lazy DFA holds
the states of every pattern at once; on the 8 MB that one trainer regex gets, the junior
rubric's ~100-pattern set ran out and RE2 threw its DFA cache away reply after reply (300 us a
reply against 5 us with room, measured on the team-labelled replies). It is a ceiling, not an
allocation: the states are built only as replies need them."""


def set_options() -> Any:
    options = re2_options()
    options.max_mem = SET_MEMORY
    return options


class RegexBank:
    """A rubric's regexes, compiled once; read-only and safe to share between threads."""

    def __init__(self) -> None:
        self._patterns: list[str] = []
        self._finders: list[Finder] = []
        self._set: Any = None  # google-re2 ships no type hints

    @property
    def size(self) -> int:
        return len(self._patterns)

    def add(self, pattern: str) -> int:
        """Add one pattern (already checked by the model); returns its index."""
        self._patterns.append(pattern)
        self._finders.append(finder(re2.compile(pattern, span_options(re2_options()))))
        return len(self._patterns) - 1

    def build(self) -> None:
        if not self._patterns:
            return
        search_set = re2.Set.SearchSet(set_options())
        try:
            for pattern in self._patterns:
                search_set.Add(pattern)
            search_set.Compile()
        except re2.error:
            # The set outgrew RE2's memory budget: search pattern by pattern instead.
            self._set = None
        else:
            self._set = search_set

    def match(self, reply: Reply) -> list[list[Span]]:
        """For each pattern, the original-text spans it matched (an empty match has start=end)."""
        found: list[list[Span]] = [[] for _ in self._patterns]
        if not self._patterns:
            return found
        plain = reply.plain
        data = plain.value.encode("utf-8")
        if self._set is not None:
            candidates = self._set.Match(data) or ()
        else:
            candidates = range(len(self._patterns))
        one_byte_chars = len(data) == len(plain.value)
        for index in candidates:
            spans = found[index]
            for byte_start, byte_end in all_spans(self._finders[index], data):
                start, end = byte_start, byte_end
                if not one_byte_chars:
                    # RE2 reports UTF-8 byte offsets; they always fall between characters.
                    start = len(data[:start].decode("utf-8"))
                    end = start + len(data[byte_start:byte_end].decode("utf-8"))
                start, end = trimmed(plain.value, start, end)
                if end > start:
                    spans.append(plain.original(start, end))
                else:
                    at = plain.position(start)
                    spans.append((at, at))
        return found


def trimmed(value: str, start: int, end: int) -> tuple[int, int]:
    """A regex match's span cut to its words: a pattern may consume the boundary it needs
    ("(^|\\s)'quote'($|\\W)"), since RE2 has no lookaround, but the evidence is the words, not
    the space or stop."""
    # Nor the tail of the word before ("[a-z]\s+[A-Z]..." to find a mid-sentence name): a
    # match that starts inside a word starts at its next word.
    if 0 < start < end and value[start - 1].isalnum() and value[start].isalnum():
        space = next((k for k in range(start, end) if value[k].isspace()), None)
        if space is not None:
            start = space
    while end > start and value[start] in _EDGE_LEAD:
        start += 1
    if end > start and value[start] in _STOPS:
        # The stop of the sentence before ("(^|[.!?]\s+)which"), when words follow.
        k = start
        while k < end and (value[k] in _STOPS or value[k] in _EDGE_LEAD):
            k += 1
        if k < end and value[k].isalnum():
            start = k
    while end > start and value[end - 1] in _EDGE_TRAIL:
        end -= 1
    return start, end
