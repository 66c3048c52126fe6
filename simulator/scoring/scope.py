"""Clause scope: where a match sits decides whether it counts (negation, contrast, position).

Clauses are the reply's punctuation clauses (commas, semicolons, colons, dashes) split again
at contrast words. The words after a contrast carry the weight of a "yes, but" reply:

- `but`, `however`, `yet`, `whereas`, `nevertheless`, `nonetheless`, `except`, `that said`,
  `having said that`, `even so`, `then again`, `mind you`, `on the other hand`, and `though` or
  `although` inside a sentence: from the word to the end of the sentence;
- `Although ...,` / `Though ...,` / `Even though ...,` opening a sentence: the clause after the
  concession, to the end of the sentence;
- `..., though.` closing a clause: that clause ("Two rounds is a small sample though").

Negation (`unless_negated`) looks a few tokens back within the match's own clause, so "I'll raise
it Monday, and I won't let it drop" still commits. Everything here is computed once per reply,
and only when a scoped detector has a match to judge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from simulator.scoring.syntax import LEAD_INS, NEGATION_WINDOW, NEGATORS
from simulator.scoring.text import Reply

Position = Literal["anywhere", "first_sentence", "last_sentence", "first_clause", "last_clause"]

_TO_SENTENCE_END: Final = frozenset({
    "but", "however", "whereas", "nevertheless", "nonetheless", "except",
})
_PHRASES: Final = (
    ("that", "said"), ("having", "said", "that"), ("even", "so"), ("then", "again"),
    ("mind", "you"), ("on", "the", "other", "hand"), ("that", "being", "said"),
)
_PHRASE_FIRSTS: Final = frozenset(p[0] for p in _PHRASES)
_CONCESSIVE: Final = frozenset({"although", "though"})
_NOT_CONTRAST_BEFORE_BUT: Final = frozenset({"nothing", "anything", "all", "everything"})


@dataclass(frozen=True, slots=True)
class Scope:
    """A reply's clauses as the scoped detectors see them."""

    clause_of: list[int]
    """Clause number per token: punctuation clauses split again at contrast words."""
    weighted: list[bool]
    """Per token: it sits where a contrast puts the weight."""
    turns: list[int]
    """Tokens where a weighted stretch begins, in order."""


def _phrase_at(norms: list[str], i: int) -> int:
    """The length of a contrast phrase starting at token i, or 0."""
    if norms[i] not in _PHRASE_FIRSTS:
        return 0
    for phrase in _PHRASES:
        if tuple(norms[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def scope(reply: Reply) -> Scope:
    cached = reply.memo.get("scope")
    if isinstance(cached, Scope):
        return cached
    norms, clause_of, sentence_of = reply.norms, reply.clause_of, reply.sentence_of
    n = len(norms)
    breaks: set[int] = set()
    weighted = [False] * n
    turns: list[int] = []

    def sentence_end(i: int) -> int:
        j = i
        while j < n and sentence_of[j] == sentence_of[i]:
            j += 1
        return j

    def clause_end(i: int) -> int:
        j = i
        while j < n and clause_of[j] == clause_of[i]:
            j += 1
        return j

    def weigh(start: int, stop: int) -> None:
        if start < stop:
            turns.append(start)
            for j in range(start, stop):
                weighted[j] = True

    for i, norm in enumerate(norms):
        sentence_start = i == 0 or sentence_of[i - 1] != sentence_of[i]
        clause_start = sentence_start or clause_of[i - 1] != clause_of[i]
        length = _phrase_at(norms, i)
        turning = (
            (length and (clause_start or norms[i - 1] in ("and", "but")))
            or (norm == "but" and not (i and norms[i - 1] in _NOT_CONTRAST_BEFORE_BUT))
            or norm in _TO_SENTENCE_END
            or (norm == "yet" and (clause_start or norms[i - 1] == "and")
                and clause_end(i) > i + 1)
        )
        if turning:
            breaks.add(i)
            weigh(i, sentence_end(i))
        elif norm in _CONCESSIVE or (norm == "even" and i + 1 < n and norms[i + 1] == "though"):
            last_in_clause = clause_end(i) == i + 1
            first = i
            while first > 0 and sentence_of[first - 1] == sentence_of[i] \
                    and norms[first - 1] in LEAD_INS:
                first -= 1
            opens_sentence = first == 0 or sentence_of[first - 1] != sentence_of[i]
            if norm == "though" and last_in_clause and not opens_sentence:
                start = i
                while start > 0 and clause_of[start - 1] == clause_of[i]:
                    start -= 1
                weigh(start, i + 1)
            elif opens_sentence:
                breaks.add(i)
                after = clause_end(i)
                if after < n and sentence_of[after] == sentence_of[i]:
                    breaks.add(after)
                    weigh(after, sentence_end(i))
            elif norm != "even" and not (i and norms[i - 1] == "even"):
                breaks.add(i)
                weigh(i, sentence_end(i))
    numbers: list[int] = []
    number = 0
    for i in range(n):
        if i and (clause_of[i] != clause_of[i - 1] or i in breaks):
            number += 1
        numbers.append(number)
    turns = sorted(set(turns))
    result = Scope(numbers, weighted, turns)
    reply.memo["scope"] = result
    return result


_WINDOW_BREAKS: Final = _TO_SENTENCE_END | _CONCESSIVE | {"but", "yet"}


def negated_in_clause(reply: Reply, first: int, stop: int, *, inside: bool) -> bool:
    """A negator within `NEGATION_WINDOW` tokens before the match in its clause, or, when
    `inside`, one among the matched tokens after the first.

    The window stops at a punctuation clause or a contrast word ("not sure but I'll fix it"
    commits), found by looking at those few tokens only: this runs for every negation-aware
    match, so it must not read the whole reply.
    """
    clause_of, norms = reply.clause_of, reply.norms
    clause = clause_of[first]
    # A contrast word opens a clause of its own, except "though" closing one ("not though,").
    opens = norms[first] in _WINDOW_BREAKS and not (
        norms[first] == "though"
        and (first + 1 == len(norms) or clause_of[first + 1] != clause)
    )
    if not opens:
        for j in range(first - 1, max(first - 1 - NEGATION_WINDOW, -1), -1):
            if clause_of[j] != clause:
                break
            norm = norms[j]
            if norm in NEGATORS:
                return True
            if norm in _WINDOW_BREAKS:
                break
    return inside and any(norms[j] in NEGATORS for j in range(first + 1, stop))


def undercut(reply: Reply, first: int, stop: int) -> bool:
    """A contrast after the match, in its sentence or the next, takes it back."""
    sentence_of = reply.sentence_of
    limit = sentence_of[first] + 1
    return any(turn >= stop and sentence_of[turn] <= limit for turn in scope(reply).turns)


def after_contrast(reply: Reply, first: int) -> bool:
    return scope(reply).weighted[first]


def at_position(reply: Reply, first: int, stop: int, position: Position) -> bool:
    if position == "anywhere":
        return True
    if position == "first_sentence":
        return reply.sentence_of[first] == 0
    if position == "last_sentence":
        return reply.sentence_of[stop - 1] == reply.sentence_of[-1]
    clauses = scope(reply).clause_of
    if position == "first_clause":
        return clauses[first] == 0
    return clauses[stop - 1] == clauses[-1]
