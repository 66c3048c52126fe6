"""RE2 searches on bytes for the whole-match span only, below google-re2's Python wrapper.

The wrapper's `search`/`finditer` run a generator and build a match object for every hit, and
compute every capture group: a few microseconds a call, more than the search itself on a reply.
Scoring needs only where each match starts and ends, so regexes are compiled with
`never_capture` (RE2 then finds the span with its DFA alone; the span is the same, RE2
guarantees one answer whichever engine runs) and searched through the compiled RE2 object's own
`Match`, which returns plain tuples. Offsets are UTF-8 byte offsets, as for the wrapper on bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Final

import re2

Finder = Callable[[bytes, int, int], list[tuple[int, int]]]
"""`find(data, pos, endpos)[0]` is the first match's span at or after `pos`, (-1, -1) if none."""

_UNANCHORED: Final = re2._Anchor.UNANCHORED


def span_options(options: Any) -> Any:
    """A copy of `options` that captures nothing (the whole-match span is all scoring reads)."""
    copy = re2.Options()
    for name in re2.Options.NAMES:
        setattr(copy, name, getattr(options, name))
    copy.never_capture = True
    return copy


def finder(regex: Any) -> Finder:
    """The raw search of a compiled regex: `finder(r)(data, pos, len(data))[0]`."""
    raw = getattr(regex, "_regexp", None)
    match = getattr(raw, "Match", None)
    if match is None:  # a google-re2 without the compiled object: the public API, slower
        def search(data: bytes, pos: int, endpos: int) -> list[tuple[int, int]]:
            found = regex.search(data, pos, endpos)
            return [(-1, -1) if found is None else found.span()]
        return search

    # A partial is called in C: no Python frame per search.
    return partial(match, _UNANCHORED)


def all_spans(find: Finder, data: bytes) -> list[tuple[int, int]]:
    """Every match of `finditer(data)`, exactly as google-re2's wrapper steps through bytes
    (after an empty match at the search position it moves on by one byte)."""
    found: list[tuple[int, int]] = []
    pos, endpos = 0, len(data)
    while True:
        start, end = find(data, pos, endpos)[0]
        if start < 0:
            return found
        found.append((start, end))
        if pos == endpos:
            return found
        pos = pos + 1 if pos == end else end
