"""Detectors compiled into small evaluator objects, one per node of the trainer's detector tree.

A `DetectorSet` owns the phrase table and regex bank that its detectors share, so a reply is
scanned once per set (all phrases in one pass, all regexes in one RE2 set search) and each
detector then only looks up its own matches. Compiled detectors are immutable; everything that
depends on a reply lives in the `Scan` made for it, so sharing them between threads is safe.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal, Protocol

from simulator.model.detectors import (
    AllDetector,
    AnyDetector,
    CountDetector,
    IStatementsDetector,
    NotDetector,
    PhrasesDetector,
    QuestionDetector,
    RegexDetector,
    WordsDetector,
    YouStatementsDetector,
)
from simulator.scoring.phrases import PhraseTable, TokenRange
from simulator.scoring.regexes import RegexBank
from simulator.scoring.result import Span
from simulator.scoring.syntax import negated, questions, statements
from simulator.scoring.text import Reply

Found = tuple[Span, ...] | None
"""What a detector reports: None when it does not match, else the spans that made it match
(possibly none, as for `not`). Plain tuples rather than objects: this is the hot path."""


@dataclass(frozen=True, slots=True)
class Scan:
    """One reply scanned by one detector set."""

    reply: Reply
    phrases: list[list[TokenRange]]
    regexes: list[list[Span]]


class Compiled(Protocol):
    def evaluate(self, scan: Scan) -> Found: ...


@dataclass(frozen=True, slots=True)
class Phrases:
    index: int
    unless_negated: bool

    def evaluate(self, scan: Scan) -> Found:
        found = scan.phrases[self.index]
        if not found:
            return None
        reply = scan.reply
        if self.unless_negated:
            found = [(i, j) for i, j in found if not negated(reply, i)]
            if not found:
                return None
        starts, ends = reply.starts, reply.ends
        return tuple((starts[i], ends[j - 1]) for i, j in found)


@dataclass(frozen=True, slots=True)
class Regex:
    index: int
    unless_negated: bool

    def evaluate(self, scan: Scan) -> Found:
        found = scan.regexes[self.index]
        if self.unless_negated and found:
            reply = scan.reply
            kept = []
            for start, end in found:
                # The token the match begins in (or the next one, if it begins in a gap).
                token = bisect_right(reply.ends, start)
                if token >= len(reply.ends) or not negated(reply, token):
                    kept.append((start, end))
            found = kept
        if not found:
            return None
        return tuple(span for span in found if span[1] > span[0])


@dataclass(frozen=True, slots=True)
class Question:
    kind: Literal["open", "closed", "any"]

    def evaluate(self, scan: Scan) -> Found:
        spans = tuple(
            span for span, kind in questions(scan.reply) if self.kind in ("any", kind)
        )
        return spans or None


@dataclass(frozen=True, slots=True)
class Words:
    minimum: int | None
    maximum: int | None

    def evaluate(self, scan: Scan) -> Found:
        reply = scan.reply
        count = reply.words
        if self.minimum is not None and count < self.minimum:
            return None
        if self.maximum is not None and count > self.maximum:
            return None
        # The words counted are the evidence: the reply from its first word to its last.
        return (reply.span(0, len(reply.norms)),) if reply.norms else ()


@dataclass(frozen=True, slots=True)
class Statements:
    subject: Literal["i", "you"]
    at_least: int
    at_most: int | None

    def evaluate(self, scan: Scan) -> Found:
        spans = statements(scan.reply, self.subject)
        if len(spans) < self.at_least or (self.at_most is not None and len(spans) > self.at_most):
            return None
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class AnyOf:
    children: tuple[Compiled, ...]

    def evaluate(self, scan: Scan) -> Found:
        # Every child is evaluated (no short cut) so that all the evidence is highlighted.
        spans: Found = None
        for child in self.children:
            found = child.evaluate(scan)
            if found is not None:
                spans = found if spans is None else spans + found
        return spans


@dataclass(frozen=True, slots=True)
class AllOf:
    children: tuple[Compiled, ...]

    def evaluate(self, scan: Scan) -> Found:
        spans: tuple[Span, ...] = ()
        for child in self.children:
            found = child.evaluate(scan)
            if found is None:
                return None
            spans += found
        return spans


@dataclass(frozen=True, slots=True)
class NoneOf:
    child: Compiled

    def evaluate(self, scan: Scan) -> Found:
        # An absence has nothing to highlight.
        return None if self.child.evaluate(scan) is not None else ()


@dataclass(frozen=True, slots=True)
class AtLeast:
    at_least: int
    children: tuple[Compiled, ...]

    def evaluate(self, scan: Scan) -> Found:
        met = 0
        spans: tuple[Span, ...] = ()
        for child in self.children:
            found = child.evaluate(scan)
            if found is not None:
                met += 1
                spans += found
        return spans if met >= self.at_least else None


def merge_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Sorted, with overlapping spans joined, so a highlight never doubles up."""
    if len(spans) < 2:
        return spans
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


class DetectorSet:
    """Detectors compiled together so they share one phrase table and one regex set."""

    def __init__(self) -> None:
        self._phrases = PhraseTable()
        self._regexes = RegexBank()
        self._built = False

    def compile(self, detector: object) -> Compiled:
        """Compile one detector model (see `simulator.model.detectors`) into this set."""
        if self._built:
            raise RuntimeError("this detector set is already built")
        return self._compile(detector)

    def build(self) -> DetectorSet:
        self._phrases.build()
        self._regexes.build()
        self._built = True
        return self

    def scan(self, reply: Reply) -> Scan:
        return Scan(reply, self._phrases.match(reply), self._regexes.match(reply))

    def _compile(self, d: object) -> Compiled:
        match d:
            case PhrasesDetector():
                return Phrases(self._phrases.add(d.phrases), d.unless_negated)
            case RegexDetector():
                return Regex(self._regexes.add(d.regex), d.unless_negated)
            case QuestionDetector():
                return Question(d.question)
            case WordsDetector():
                return Words(d.words.min, d.words.max)
            case IStatementsDetector():
                return Statements("i", d.i_statements.at_least, d.i_statements.at_most)
            case YouStatementsDetector():
                return Statements("you", d.you_statements.at_least, d.you_statements.at_most)
            case AnyDetector():
                return AnyOf(tuple(self._compile(c) for c in d.any))
            case AllDetector():
                return AllOf(tuple(self._compile(c) for c in d.all))
            case NotDetector():
                return NoneOf(self._compile(d.not_))
            case CountDetector():
                return AtLeast(d.count.at_least, tuple(self._compile(c) for c in d.count.of))
        raise TypeError(f"not a detector: {type(d).__name__}")
