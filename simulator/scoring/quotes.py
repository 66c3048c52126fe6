"""Quoted words are mentioned, not used.

"I nearly said 'forget it' on the way in" does not withdraw the point, and "I won't pull the
'I've been here twenty years' card" does not pull rank: a flag whose every piece of evidence
sits inside quotation marks is not raised. Criteria are left alone: quoting someone's exact
words is how a learner gets specific.
"""

from __future__ import annotations

import re
from typing import Final

from simulator.scoring.result import Span

_QUOTE_CHARS: Final = frozenset("\"'“”‘’")

# The text is the learner's, not a trainer's pattern, and these are bounded: stdlib `re` is fine.
_DOUBLE: Final = re.compile(r"[\"“][^\"“”\n]{1,300}?[\"”]")
# A single quote opens after a non-word character and closes before one, so the apostrophes
# of "didn't" and "what's" never pair up, while "'I've been here' card" still does.
_SINGLE: Final = re.compile(r"(?<!\w)['‘](?=\w).{1,300}?['’](?!\w)")


def quoted_regions(text: str) -> list[Span]:
    """Half-open spans of `text` inside quotation marks, quotes included; [] for most replies."""
    if not _QUOTE_CHARS.intersection(text):
        return []
    return [m.span() for pattern in (_DOUBLE, _SINGLE) for m in pattern.finditer(text)]


def outside_quotes(spans: tuple[Span, ...], regions: list[Span]) -> tuple[Span, ...]:
    """The spans not wholly inside a quoted region."""
    if not regions:
        return spans
    return tuple(
        (start, end) for start, end in spans
        if not any(q_start <= start and end <= q_end for q_start, q_end in regions)
    )
