"""Detectors compiled into small evaluator objects, one per node of the trainer's detector tree.

A `DetectorSet` owns the phrase table, pattern bank and regex bank that its detectors share, so
a reply is scanned once per set (all phrases in one pass, the word patterns its keys do not rule
out searched over the key stream, all regexes in one RE2 set search) and each detector then only
looks up its own matches. Compiled detectors are immutable; everything that depends on a reply
lives in the `Scan` made for it, so sharing them between threads is safe.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Final, Literal, Protocol

from simulator.model import patterns as syntax
from simulator.model.detectors import (
    AllDetector,
    AnyDetector,
    CountDetector,
    IStatementsDetector,
    MetDetector,
    NotDetector,
    OverlapDetector,
    PatternsDetector,
    PhrasesDetector,
    QuestionDetector,
    RaisedDetector,
    RegexDetector,
    Scoped,
    WordsDetector,
    YouStatementsDetector,
)
from simulator.scoring.overlap import shared
from simulator.scoring.patterns import LexiconError, PatternBank, PatternCompiler, PatternHit
from simulator.scoring.phrases import PhraseTable, TokenRange
from simulator.scoring.questions import special_questions, topical_questions
from simulator.scoring.regexes import RegexBank
from simulator.scoring.result import Span
from simulator.scoring.scope import (
    Position,
    after_contrast,
    at_position,
    negated_in_clause,
    undercut,
)
from simulator.scoring.syntax import questions, statements
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
    patterns: list[list[PatternHit]] = field(default_factory=list)
    context: Reply | None = None
    """The counterpart's line, read once, when the caller gave it."""
    live: frozenset[int] = frozenset()
    """The leaves (`Leaf ids`) with any match at all: a gated detector needing none of
    them cannot match."""
    outcomes: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    """The criteria met and flags raised so far on this reply, with their evidence, filled in
    as the rubric judges them (for `met` and `raised`)."""


class Compiled(Protocol):
    def evaluate(self, scan: Scan) -> Found: ...

    def matches(self, scan: Scan) -> bool:
        """`evaluate(scan) is not None`, where the spans would go unused (under `not`, in
        `given`): a combination stops at its first answer."""
        ...


class _Leaf:
    """A detector that is no cheaper to test than to evaluate."""

    __slots__ = ()

    def evaluate(self, scan: Scan) -> Found:
        raise NotImplementedError

    def matches(self, scan: Scan) -> bool:
        return self.evaluate(scan) is not None


@dataclass(frozen=True, slots=True)
class Where:
    """A detector's scope options (see `simulator.model.detectors.Scoped`)."""

    unless_negated: bool = False
    unless_undercut: bool = False
    after_contrast: bool = False
    position: Position = "anywhere"
    anywhere: bool = True
    """No option set: every match counts (checked once here, not per match)."""

    @classmethod
    def of(cls, d: Scoped) -> Where:
        anywhere = not (d.unless_negated or d.unless_undercut or d.after_contrast) \
            and d.position == "anywhere"
        return cls(d.unless_negated, d.unless_undercut, d.after_contrast, d.position, anywhere)

    def keeps(self, reply: Reply, first: int, stop: int, *, inside: bool = False) -> bool:
        """Whether a match on tokens `first` .. `stop - 1` counts."""
        if self.unless_negated and negated_in_clause(reply, first, stop, inside=inside):
            return False
        if self.after_contrast and not after_contrast(reply, first):
            return False
        if self.unless_undercut and undercut(reply, first, stop):
            return False
        return at_position(reply, first, stop, self.position)


@dataclass(frozen=True, slots=True)
class Phrases(_Leaf):
    index: int
    where: Where

    def evaluate(self, scan: Scan) -> Found:
        found = scan.phrases[self.index]
        if not found:
            return None
        reply = scan.reply
        if not self.where.anywhere:
            found = [(i, j) for i, j in found if self.where.keeps(reply, i, j)]
            if not found:
                return None
        starts, ends = reply.starts, reply.ends
        return tuple((starts[i], ends[j - 1]) for i, j in found)


@dataclass(frozen=True, slots=True)
class Patterns(_Leaf):
    index: int
    where: Where

    def evaluate(self, scan: Scan) -> Found:
        hits = scan.patterns[self.index]
        if not hits:
            return None
        if not self.where.anywhere:
            reply = scan.reply
            hits = [
                hit for hit in hits
                if self.where.keeps(reply, hit.first, hit.stop, inside=not hit.negating)
            ]
            if not hits:
                return None
        return tuple(hit.span for hit in hits)


@dataclass(frozen=True, slots=True)
class Regex(_Leaf):
    index: int
    where: Where

    def evaluate(self, scan: Scan) -> Found:
        found = scan.regexes[self.index]
        if not self.where.anywhere and found:
            reply = scan.reply
            kept = []
            for start, end in found:
                # The tokens the match begins and ends in (or the next one, from a gap).
                first = bisect_right(reply.ends, start)
                stop = max(first + 1, bisect_right(reply.starts, max(start, end - 1)))
                if first >= len(reply.ends) or self.where.keeps(reply, first, stop):
                    kept.append((start, end))
            found = kept
        if not found:
            return None
        return tuple(span for span in found if span[1] > span[0])


@dataclass(frozen=True, slots=True)
class Question(_Leaf):
    kind: str
    position: str = "anywhere"

    def evaluate(self, scan: Scan) -> Found:
        found = self._spans(scan)
        if found is None or self.position == "anywhere":
            return found
        sentences = scan.reply.sentences
        wanted = sentences[0 if self.position == "first_sentence" else -1].span
        return tuple(span for span in found if span == wanted) or None

    def _spans(self, scan: Scan) -> Found:
        kind = self.kind
        if kind in ("open", "closed", "any"):
            spans = tuple(
                span for span, found in questions(scan.reply) if kind in ("any", found)
            )
        elif kind in ("off_topic", "on_topic"):
            if scan.context is None:
                return None
            wanted = kind == "on_topic"
            spans = tuple(span for span, on in _topical(scan.reply, scan.context) if on == wanted)
        else:
            spans = tuple(
                span for span, kinds in special_questions(scan.reply) if kind in kinds
            )
        return spans or None


def _topical(reply: Reply, context: Reply) -> list[tuple[Span, bool]]:
    """`topical_questions`, worked out once per reply and line (several detectors ask)."""
    cached = reply.memo.get("topical")
    if isinstance(cached, tuple) and cached[0] is context:
        return cached[1]  # type: ignore[no-any-return]
    found = topical_questions(reply, context)
    reply.memo["topical"] = (context, found)
    return found


@dataclass(frozen=True, slots=True)
class Overlap(_Leaf):
    at_least: int
    at_most: int | None

    def evaluate(self, scan: Scan) -> Found:
        if scan.context is None:
            return None
        words, spans = shared(scan.reply, scan.context)
        count = len(words)
        if count < self.at_least or (self.at_most is not None and count > self.at_most):
            return None
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class Words(_Leaf):
    minimum: int | None
    maximum: int | None

    def evaluate(self, scan: Scan) -> Found:
        reply = scan.reply
        count = reply.words
        if self.minimum is not None and count < self.minimum:
            return None
        if self.maximum is not None and count > self.maximum:
            return None
        # A length is a property of the whole reply: nothing to highlight (the criterion's
        # note says so in words instead).
        return ()


@dataclass(frozen=True, slots=True)
class Statements(_Leaf):
    subject: Literal["i", "you"]
    at_least: int
    at_most: int | None

    def evaluate(self, scan: Scan) -> Found:
        spans = statements(scan.reply, self.subject)
        if len(spans) < self.at_least or (self.at_most is not None and len(spans) > self.at_most):
            return None
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class Outcome(_Leaf):
    """`met` / `raised`: some of these criteria or flags were judged so on this reply."""

    ids: tuple[str, ...]

    def evaluate(self, scan: Scan) -> Found:
        outcomes = scan.outcomes
        found = [outcomes[i] for i in self.ids if i in outcomes]
        if not found:
            return None
        return tuple(span for spans in found for span in spans)


def _leaf_id(node: Compiled) -> int | None:
    """The leaf id of a phrase list, pattern list or regex (see `_PATTERN_IDS`), else None."""
    if isinstance(node, Phrases):
        return node.index
    if isinstance(node, Patterns):
        return _PATTERN_IDS + node.index
    if isinstance(node, Regex):
        return _REGEX_IDS + node.index
    return None


class _Children:
    """A combination's children split into leaves, by id, and the rest: a leaf whose list is
    empty cannot match, so only the live ones are looked at (a flag may list fifty regexes)."""

    __slots__ = ("_ids", "_leaves", "_others", "children")

    def __init__(self, children: tuple[Compiled, ...]) -> None:
        self.children = children
        leaves = {}
        others = []
        for child in children:
            leaf = _leaf_id(child)
            if leaf is None:
                others.append(child)
            else:
                leaves[leaf] = child
        self._leaves: dict[int, Compiled] = leaves
        self._ids = frozenset(leaves)
        self._others: tuple[Compiled, ...] = tuple(others)

    def live(self, scan: Scan) -> list[Compiled]:
        """The children that may match (in no particular order: evidence is merged and sorted
        by whoever reports it)."""
        leaves = self._leaves
        found = [leaves[leaf] for leaf in self._ids & scan.live]
        return found + list(self._others) if self._others else found


class AnyOf(_Children):
    __slots__ = ()

    def evaluate(self, scan: Scan) -> Found:
        # Every child is evaluated (no short cut) so that all the evidence is highlighted.
        spans: Found = None
        for child in self.live(scan):
            found = child.evaluate(scan)
            if found is not None:
                spans = found if spans is None else spans + found
        return spans

    def matches(self, scan: Scan) -> bool:
        return any(child.matches(scan) for child in self.live(scan))


@dataclass(frozen=True, slots=True)
class AllOf:
    children: tuple[Compiled, ...]
    given: Compiled | None = None
    """Must match too; its spans are not evidence (they did not do the work)."""

    def evaluate(self, scan: Scan) -> Found:
        spans: tuple[Span, ...] = ()
        for child in self.children:
            found = child.evaluate(scan)
            if found is None:
                return None
            spans += found
        if self.given is not None and not self.given.matches(scan):
            return None
        return spans

    def matches(self, scan: Scan) -> bool:
        return all(child.matches(scan) for child in self.children) and (
            self.given is None or self.given.matches(scan)
        )


@dataclass(frozen=True, slots=True)
class NoneOf:
    child: Compiled

    def evaluate(self, scan: Scan) -> Found:
        # An absence has nothing to highlight.
        return None if self.child.matches(scan) else ()

    def matches(self, scan: Scan) -> bool:
        return not self.child.matches(scan)


class AtLeast(_Children):
    __slots__ = ("at_least",)

    def __init__(self, at_least: int, children: tuple[Compiled, ...]) -> None:
        super().__init__(children)
        self.at_least = at_least

    def evaluate(self, scan: Scan) -> Found:
        met = 0
        spans: tuple[Span, ...] = ()
        for child in self.live(scan):
            found = child.evaluate(scan)
            if found is not None:
                met += 1
                spans += found
        return spans if met >= self.at_least else None

    def matches(self, scan: Scan) -> bool:
        met = 0
        for child in self.live(scan):
            if child.matches(scan):
                met += 1
                if met >= self.at_least:
                    return True
        return met >= self.at_least


Needs = tuple[frozenset[int], ...]
"""Sets of leaf ids: a detector with these needs matches only if each set holds a live leaf."""

_PATTERN_IDS: Final = 1 << 20
_REGEX_IDS: Final = 2 << 20
"""Leaf ids: a phrase list's index, a pattern list's plus `_PATTERN_IDS`, a regex's plus
`_REGEX_IDS` (a rubric has far fewer than a million of each)."""


@dataclass(frozen=True, slots=True)
class Gated:
    """A combination that cannot match unless some of its leaves found something: looked at
    only then. Most replies meet few of a rubric's phrases, patterns and regexes, so most of the
    tree is passed over with a set test or two instead of a call per leaf."""

    child: Compiled
    needs: Needs

    def _open(self, scan: Scan) -> bool:
        live = scan.live
        return not any(need.isdisjoint(live) for need in self.needs)

    def evaluate(self, scan: Scan) -> Found:
        return self.child.evaluate(scan) if self._open(scan) else None

    def matches(self, scan: Scan) -> bool:
        return self._open(scan) and self.child.matches(scan)


def _needs(node: Compiled) -> Needs:
    """What a compiled detector needs to be live to match (nothing known: no needs)."""
    leaf = _leaf_id(node)
    if leaf is not None:
        return (frozenset({leaf}),)
    match node:
        case Gated():
            return node.needs
        case AnyOf() | AtLeast() if node.children:
            # One child must match (at least one, for `count`): one need of each, joined.
            if isinstance(node, AtLeast) and node.at_least < 1:
                return ()
            each = [_needs(child) for child in node.children]
            if not all(each):
                return ()
            return (frozenset().union(*(needs[0] for needs in each)),)
        case AllOf():
            parts = [*node.children, *([] if node.given is None else [node.given])]
            return tuple(dict.fromkeys(need for part in parts for need in _needs(part)))
    return ()


def _gated(node: Compiled) -> Compiled:
    needs = _needs(node)
    return Gated(node, needs) if needs else node


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
    """Detectors compiled together so they share one phrase table, one pattern set and one
    regex set. `lexicons` are the word lists `@name` may refer to."""

    def __init__(self, lexicons: Mapping[str, Sequence[str]] | None = None) -> None:
        self._phrases = PhraseTable()
        self._regexes = RegexBank()
        self._patterns = PatternBank()
        self._lexicons: Mapping[str, Sequence[str]] = lexicons or {}
        self._compiler = PatternCompiler(self._lexicons)
        self._built = False
        self.needs_context = False
        """Some detector reads the counterpart's line, so it is worth reading."""

    def _expand(self, phrases: Sequence[str], depth: int = 0) -> list[str]:
        """Phrases with every `@name` replaced by that lexicon's entries."""
        out: list[str] = []
        for phrase in phrases:
            name = syntax.phrase_reference(phrase)
            if name is None:
                out.append(phrase)
                continue
            if name not in self._lexicons:
                raise LexiconError(f"no lexicon named '{name}'")
            if depth >= 8:
                raise LexiconError(f"lexicon '{name}' nests too deep (does it use itself?)")
            out += self._expand(self._lexicons[name], depth + 1)
        return out

    def compile(self, detector: object) -> Compiled:
        """Compile one detector model (see `simulator.model.detectors`) into this set."""
        if self._built:
            raise RuntimeError("this detector set is already built")
        return self._compile(detector)

    def build(self) -> DetectorSet:
        self._phrases.build()
        self._regexes.build()
        self._patterns.build()
        self._compiler.forget()
        self._built = True
        return self

    def scan(self, reply: Reply, context: Reply | None = None) -> Scan:
        phrases = self._phrases.match(reply)
        regexes = self._regexes.match(reply)
        patterns = self._patterns.match(reply)
        live = frozenset((
            *compress(range(len(phrases)), phrases),
            *compress(range(_PATTERN_IDS, _PATTERN_IDS + len(patterns)), patterns),
            *compress(range(_REGEX_IDS, _REGEX_IDS + len(regexes)), regexes),
        ))
        return Scan(reply, phrases, regexes, patterns, context, live)

    def _compile(self, d: object) -> Compiled:
        match d:
            case PhrasesDetector():
                return Phrases(self._phrases.add(self._expand(d.phrases)), Where.of(d))
            case PatternsDetector():
                return Patterns(self._patterns.add(d.patterns, self._compiler), Where.of(d))
            case RegexDetector():
                return Regex(self._regexes.add(d.regex), Where.of(d))
            case QuestionDetector():
                self.needs_context |= d.question in ("off_topic", "on_topic")
                return Question(d.question, d.position)
            case WordsDetector():
                return Words(d.words.min, d.words.max)
            case OverlapDetector():
                self.needs_context = True
                return Overlap(d.overlap.at_least, d.overlap.at_most)
            case IStatementsDetector():
                return Statements("i", d.i_statements.at_least, d.i_statements.at_most)
            case YouStatementsDetector():
                return Statements("you", d.you_statements.at_least, d.you_statements.at_most)
            case MetDetector():
                return Outcome(tuple(d.met))
            case RaisedDetector():
                return Outcome(tuple(d.raised))
            case AnyDetector():
                return _gated(AnyOf(tuple(self._compile(c) for c in d.any)))
            case AllDetector():
                return _gated(AllOf(
                    tuple(self._compile(c) for c in d.all),
                    None if d.given is None else self._compile(d.given),
                ))
            case NotDetector():
                return NoneOf(self._compile(d.not_))
            case CountDetector():
                return _gated(
                    AtLeast(d.count.at_least, tuple(self._compile(c) for c in d.count.of))
                )
        raise TypeError(f"not a detector: {type(d).__name__}")
