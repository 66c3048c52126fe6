"""Word patterns and lexicons compiled to RE2 over the key stream, searched where they may match.

A pattern's words are read by the same `Reply` code as a learner's text, so `realise` meets
"realized", `didn't` meets "did not" and curly quotes do not matter. Patterns that behave alike
become one regex; a prefilter (`simulator.scoring.prefilter`) rules out, from the keys a reply
holds, the regexes that cannot match it, and only the rest are searched in the reply's stream
(`simulator.scoring.stream`) for their positions. RE2 guarantees linear time whatever a trainer
writes, and gaps are bounded by `simulator.model.patterns.MAX_GAP`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any, Final, NamedTuple

import re2

from simulator.model import patterns as syntax
from simulator.scoring import classes
from simulator.scoring.prefilter import Prefilter, features
from simulator.scoring.result import Span
from simulator.scoring.search import Finder, finder
from simulator.scoring.stream import END, Stream, build_stream
from simulator.scoring.syntax import NEGATORS
from simulator.scoring.text import Reply

MAX_LEXICON_DEPTH: Final = 8
"""`@a` may use `@b`, which may use `@c`...: deeper than this is a loop or a mistake."""

_END_BYTE: Final = END.encode("ascii")

GROUP_SIZE: Final = 4
"""Patterns per regex. One alternation of a detector's patterns is searched once, but its lazy
DFA grows with the product of its members and is rebuilt state by state from each new reply:
on real replies a whole group cost a first-pass p99 near 5 ms and RSS grew by hundreds of MB.
Groups of 4, behind the prefilter that skips groups with no plausible member, measured a p99
near 1.8 ms on the first pass, no slower warm, and 15% less peak memory (bench/scoring.py)."""


class LexiconError(ValueError):
    """A lexicon that is missing or refers to itself; loading reports these with their line."""


def stream_options() -> Any:
    options = re2.Options()
    options.case_sensitive = True  # the stream holds case-folded keys already
    options.max_mem = 64 << 20
    options.log_errors = False
    options.never_capture = True  # spans only: RE2 finds them with its DFA alone
    return options


@lru_cache(maxsize=20_000)
def phrase_keys(text: str) -> tuple[str, ...]:
    """The matching keys of a written phrase, as a reply's words would give them (cached:
    lexicons repeat across patterns and rubrics)."""
    return tuple(Reply(text).keys)


def _keys_fragment(keys: Sequence[str]) -> classes.Fragment:
    return classes.seq(*(classes.literal(k) for k in keys))


def _choice(options: Sequence[classes.Fragment]) -> classes.Fragment:
    return options[0] if len(options) == 1 else classes.alt(*options)


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """One pattern as RE2 source, with what matching needs to know about it."""

    source: str
    negating: bool
    """It spells out a negation itself, so one inside the match is meant."""
    lead: str
    """Symbols its evidence may begin with (the `£` of a leading `<money>`)."""
    crosses: bool
    """It may run across a sentence end (a quotation holding one)."""
    needs: classes.Needs = ()
    """What every match holds (see `classes.Fragment.needs`)."""


class PatternCompiler:
    """Turns read patterns into RE2 source, expanding lexicons once each."""

    def __init__(self, lexicons: Mapping[str, Sequence[str]]) -> None:
        self.lexicons = lexicons
        self._fragments: dict[str, classes.Fragment] = {}
        self._negating: dict[str, bool] = {}
        self._busy: list[str] = []
        self._nodes: dict[syntax.Node, tuple[classes.Fragment, bool]] = {}
        """Each distinct word (`you`, `did/do`) compiled once, and whether it negates: a
        standard rubric's 1,270 patterns hold 20,000 words but only 3,000 distinct ones, and
        compiling each afresh was most of the time a rubric took to compile."""

    def entries(self, name: str) -> list[tuple[str, ...]]:
        """Every entry of a lexicon as keys, `@other` entries expanded."""
        if name not in self.lexicons:
            raise LexiconError(f"no lexicon named '{name}'")
        if name in self._busy:
            raise LexiconError(f"lexicon '{name}' uses itself (through {' -> '.join(self._busy)})")
        if len(self._busy) >= MAX_LEXICON_DEPTH:
            raise LexiconError(f"lexicons nest deeper than {MAX_LEXICON_DEPTH} levels")
        self._busy.append(name)
        try:
            found: list[tuple[str, ...]] = []
            for entry in self.lexicons[name]:
                inner = syntax.entry_reference(entry)
                if inner is not None:
                    found += self.entries(inner)
                else:
                    keys = phrase_keys(entry)
                    if keys:
                        found.append(keys)
        finally:
            self._busy.pop()
        return found

    def lexicon(self, name: str) -> classes.Fragment:
        fragment = self._fragments.get(name)
        if fragment is None:
            entries = sorted(set(self.entries(name)), key=lambda keys: (-len(keys), keys))
            fragment = _choice([_keys_fragment(keys) for keys in entries])
            # Built once for each kind of first separator, then reused by every pattern.
            first, body = fragment(classes.FIRST), fragment(classes.BODY)
            fragment = replace(
                fragment, build=lambda marks: first if marks == classes.FIRST else body,
            )
            self._fragments[name] = fragment
            self._negating[name] = any(k in NEGATORS for keys in entries for k in keys)
        return fragment

    def forget(self) -> None:
        """Let go of the compiled words once every pattern is compiled: the built regexes no
        longer need them."""
        self._nodes.clear()

    def compile(self, node: syntax.Node) -> CompiledPattern:
        """RE2 source for a read pattern, and what matching needs to know about it."""
        negating = [False]
        fragment = self._node(node, negating)
        first = node.items[0] if isinstance(node, syntax.Sequence) else node
        lead = classes.LEADING_SYMBOLS.get(first.name, "") if isinstance(first, syntax.Class) \
            else ""
        return CompiledPattern(
            fragment(classes.FIRST), negating[0], lead, "<quote>" in _classes_in(node),
            fragment.needs,
        )

    def _node(self, node: syntax.Node, negating: list[bool]) -> classes.Fragment:
        if not isinstance(node, syntax.Word):  # a word is cheap to keep; a sequence's needs
            return self._build(node, negating)  # are not (remembering them doubled the peak)
        found = self._nodes.get(node)
        if found is None:
            inner = [False]
            found = self._nodes[node] = (self._build(node, inner), inner[0])
        negating[0] |= found[1]
        return found[0]

    def _build(self, node: syntax.Node, negating: list[bool]) -> classes.Fragment:
        match node:
            case syntax.Word():
                options = [phrase_keys(option) for option in node.options]
                negating[0] |= any(k in NEGATORS for keys in options for k in keys)
                return _choice([_keys_fragment(keys) for keys in options if keys])
            case syntax.Any1():
                return classes.ANY_WORD
            case syntax.Gap():
                return classes.repeat(classes.ANY_WORD, node.most)
            case syntax.Ref():
                fragment = self.lexicon(node.name)
                negating[0] |= self._negating[node.name]
                return fragment
            case syntax.Class():
                return classes.CLASSES[node.name]
            case syntax.Optional():
                return classes.opt(self._node(node.item, negating))
            case syntax.Choice():
                return classes.alt(*(self._node(o, negating) for o in node.options))
            case syntax.Sequence():
                return classes.seq(*(self._node(item, negating) for item in node.items))
        raise TypeError(f"not a pattern node: {node!r}")


def _classes_in(node: syntax.Node) -> set[str]:
    match node:
        case syntax.Class():
            return {f"<{node.name}>"}
        case syntax.Optional():
            return _classes_in(node.item)
        case syntax.Sequence():
            return set().union(*(_classes_in(item) for item in node.items))
        case syntax.Choice():
            return set().union(*(_classes_in(option) for option in node.options))
    return set()


class PatternHit(NamedTuple):
    """One occurrence of a pattern: its tokens and the original text they span (a named tuple:
    several are made for every reply)."""

    first: int
    stop: int
    span: Span
    negating: bool
    """The pattern spells out a negation, so one inside the match is meant."""


class PatternBank:
    """Every pattern of a detector set, as one regex per kind of pattern behind a prefilter;
    read-only and thread-safe once built."""

    def __init__(self) -> None:
        self._owners: list[int] = []
        self._patterns: list[CompiledPattern] = []
        self._sources: list[str] = []
        self._compiled: list[Any] = []
        self._finders: list[Finder] = []
        self._lists = 0
        self._needs: list[list[classes.Needs]] = []
        self._family: list[int] = []
        """Per regex, the alternation it is a part of: parts of one are searched as one."""
        self._families = 0
        self._prefilter = Prefilter([])

    @property
    def size(self) -> int:
        return self._lists

    def add(self, patterns: Sequence[str], compiler: PatternCompiler) -> int:
        """Add one detector's patterns; returns the index its hits are reported under.

        Patterns that behave alike (the same negation, evidence and sentence rules) become one
        alternation, so a reply is searched once per kind of pattern, not once per pattern.
        """
        index = self._lists
        self._lists += 1
        groups: dict[tuple[bool, str, bool], list[tuple[str, str]]] = {}
        needs: dict[tuple[bool, str, bool], list[classes.Needs]] = {}
        for pattern in patterns:
            compiled = compiler.compile(syntax.read_pattern(pattern))
            kind = (compiled.negating, compiled.lead, compiled.crosses)
            groups.setdefault(kind, []).append((pattern, compiled.source))
            needs.setdefault(kind, []).append(compiled.needs)
        chunks = []
        for kind, members in groups.items():
            pairs = list(zip(members, needs[kind], strict=True))
            for at in range(0, len(pairs), GROUP_SIZE):
                part = pairs[at:at + GROUP_SIZE]
                chunks.append((kind, [m for m, _ in part], [n for _, n in part],
                               self._families))
            self._families += 1
        for (negating, lead, crosses), members, member_needs, family in chunks:
            self._family.append(family)
            self._needs.append(member_needs)
            source = "|".join(f"(?:{source})" for _, source in members)
            try:
                regex = re2.compile(source, stream_options())
            except re2.error:
                names = ", ".join(repr(pattern) for pattern, _ in members)
                raise LexiconError(
                    f"patterns {names} grow too large to compile (their lexicons expand to "
                    "too many words); split them or their lexicons"
                ) from None
            self._owners.append(index)
            self._patterns.append(CompiledPattern(source, negating, lead, crosses))
            self._sources.append(source)
            self._compiled.append(regex)
            self._finders.append(finder(regex))
        return index

    def build(self) -> None:
        """Make the prefilter that picks, for each reply, the regexes worth running.

        RE2 sets were the first way: one set of everything is fastest on its own once warm, but
        its automaton is the product of all the regexes and takes seconds of replies to build
        lazily, and sets of a few (a few dozen per rubric) cost more than the searches they
        spare, since each set's automaton must be brought back into the CPU cache for every
        reply. The prefilter is a few set operations in C on the reply's keys."""
        self._prefilter = Prefilter(self._needs)

    def match(self, reply: Reply) -> list[list[PatternHit]]:
        found: list[list[PatternHit]] = [[] for _ in range(self._lists)]
        if not self._sources:
            return found
        stream = build_stream(reply)
        text = stream.value
        # A stream of ASCII words is searched as bytes: google-re2 then skips converting
        # offsets between characters and bytes, which costs more than the search itself.
        data: str | bytes = text.encode("ascii") if text.isascii() else text
        candidates = self._prefilter.candidates(features(reply.keys, stream))
        if not candidates:
            return found
        sentence_of = reply.sentence_of
        if isinstance(data, bytes):
            self._hits_in_bytes(reply, stream, data, candidates, found)
            return found
        end_mark = END
        for family in self._by_family(candidates):
            index = family[0]
            hits = found[self._owners[index]]
            pattern = self._patterns[index]
            searches = [_text_search(self._compiled[i], data) for i in family]
            next_match = searches[0] if len(searches) == 1 else _merged(searches)
            at = 0
            while (found_at := next_match(at))[0] >= 0:
                start, end = found_at
                first, stop = stream.tokens(start, end)
                if first >= stop:
                    break
                if not pattern.crosses and sentence_of[first] != sentence_of[stop - 1]:
                    # An optional first word let it start in the sentence before: look again
                    # from the next token, so the match inside this sentence is not lost.
                    at = data.index(end_mark, start) + 1
                    continue
                span = stream.span(reply, start, end, lead=pattern.lead)
                if span is not None:
                    hits.append(PatternHit(first, stop, span, pattern.negating))
                at = end if end > start else end + 1
        return found

    def _by_family(self, candidates: list[int]) -> list[list[int]]:
        """The candidate regexes (in order), the parts of one alternation together."""
        families: list[list[int]] = []
        last = -1
        for index in candidates:
            family = self._family[index]
            if family == last:
                families[-1].append(index)
            else:
                families.append([index])
                last = family
        return families

    def _hits_in_bytes(
        self, reply: Reply, stream: Stream, data: bytes, candidates: list[int],
        found: list[list[PatternHit]],
    ) -> None:
        """The ASCII stream (nearly every reply): byte offsets are its offsets, and the
        search runs below the wrapper (`simulator.scoring.search`)."""
        sentence_of, starts, ends = reply.sentence_of, reply.starts, reply.ends
        symbols = stream.symbols
        size = len(data)
        count = data.count
        for family in self._by_family(candidates):
            index = family[0]
            hits = found[self._owners[index]]
            pattern = self._patterns[index]
            crosses, negating, lead = pattern.crosses, pattern.negating, pattern.lead
            searches = [partial(_first_span, self._finders[i], data, size) for i in family]
            next_match = searches[0] if len(searches) == 1 else _merged(searches)
            at = 0
            while at <= size:
                start, end = next_match(at)
                if start < 0:
                    break
                first = count(_END_BYTE, 0, start)
                stop = first + count(_END_BYTE, start, end)
                if first >= stop:
                    break
                if not crosses and sentence_of[first] != sentence_of[stop - 1]:
                    # An optional first word let it start in the sentence before: look again
                    # from the next token, so the match inside this sentence is not lost.
                    at = data.index(_END_BYTE, start) + 1
                    continue
                if lead or symbols:
                    span = stream.span(reply, start, end, lead=lead)
                    if span is not None:
                        hits.append(PatternHit(first, stop, span, negating))
                else:
                    hits.append(PatternHit(first, stop, (starts[first], ends[stop - 1]), negating))
                at = end if end > start else end + 1


Search = Callable[[int], tuple[int, int]]
"""The span of a regex's first match at or after a position, (-1, -1) if none."""


def _first_span(find: Finder, data: bytes, size: int, at: int) -> tuple[int, int]:
    return find(data, at, size)[0]


def _text_search(regex: Any, data: str | bytes) -> Search:
    def search(at: int) -> tuple[int, int]:
        match = regex.search(data, at)
        return (-1, -1) if match is None else match.span()
    return search


def _merged(parts: Sequence[Search]) -> Search:
    """The first match of the alternation the parts were cut from (`GROUP_SIZE`), for
    positions that never go back: the leftmost start, and where parts start together the
    earliest part, as RE2 prefers an earlier alternative. So the hits are those of the one
    regex. A part's match stands while it starts at or after the position asked for: RE2
    searches from a position with the text before it as context, so searching again from
    there would find the same match."""
    spans: list[tuple[int, int] | None] = [None] * len(parts)

    def search(at: int) -> tuple[int, int]:
        best = (-1, -1)
        for i, part in enumerate(parts):
            span = spans[i]
            if span is None or 0 <= span[0] < at:
                spans[i] = span = part(at)
            if span[0] >= 0 and (best[0] < 0 or span[0] < best[0]):
                best = span
        return best
    return search
