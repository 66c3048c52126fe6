"""Word patterns and lexicons compiled to RE2 over the key stream: one set search per reply.

A pattern's words are read by the same `Reply` code as a learner's text, so `realise` meets
"realized", `didn't` meets "did not" and curly quotes do not matter. Every pattern of a rubric
goes into one `re2.Set`; a reply's stream (`simulator.scoring.stream`) is searched once to learn
which patterns occur, and only those are run again for their positions. RE2 guarantees linear
time whatever a trainer writes, and gaps are bounded by `simulator.model.patterns.MAX_GAP`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import re2

from simulator.model import patterns as syntax
from simulator.scoring.classes import ANY_WORD, CLASSES, token
from simulator.scoring.result import Span
from simulator.scoring.stream import build_stream
from simulator.scoring.syntax import NEGATORS
from simulator.scoring.text import Reply

MAX_LEXICON_DEPTH: Final = 8
"""`@a` may use `@b`, which may use `@c`...: deeper than this is a loop or a mistake."""


class LexiconError(ValueError):
    """A lexicon that is missing or refers to itself; loading reports these with their line."""


def stream_options() -> Any:
    options = re2.Options()
    options.case_sensitive = True  # the stream holds case-folded keys already
    options.max_mem = 64 << 20
    options.log_errors = False
    return options


def phrase_keys(text: str) -> tuple[str, ...]:
    """The matching keys of a written phrase, as a reply's words would give them."""
    return tuple(Reply(text).keys)


def _sequence_source(keys: Sequence[str]) -> str:
    return "".join(token(re2.escape(key)) for key in keys)


class PatternCompiler:
    """Turns read patterns into RE2 source, expanding lexicons once each."""

    def __init__(self, lexicons: Mapping[str, Sequence[str]]) -> None:
        self.lexicons = lexicons
        self._sources: dict[str, str] = {}
        self._negating: dict[str, bool] = {}
        self._busy: list[str] = []

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

    def lexicon(self, name: str) -> str:
        source = self._sources.get(name)
        if source is None:
            entries = sorted(set(self.entries(name)), key=lambda keys: (-len(keys), keys))
            source = "(?:" + "|".join(_sequence_source(keys) for keys in entries) + ")"
            self._sources[name] = source
            self._negating[name] = any(k in NEGATORS for keys in entries for k in keys)
        return source

    def compile(self, node: syntax.Node) -> tuple[str, bool]:
        """RE2 source for a read pattern, and whether it spells out a negation itself."""
        negating = [False]
        return self._node(node, negating), negating[0]

    def _node(self, node: syntax.Node, negating: list[bool]) -> str:
        match node:
            case syntax.Word():
                options = [phrase_keys(option) for option in node.options]
                negating[0] |= any(k in NEGATORS for keys in options for k in keys)
                sources = [_sequence_source(keys) for keys in options if keys]
                return sources[0] if len(sources) == 1 else "(?:" + "|".join(sources) + ")"
            case syntax.Any1():
                return ANY_WORD
            case syntax.Gap():
                return f"(?:{ANY_WORD}){{0,{node.most}}}"
            case syntax.Ref():
                source = self.lexicon(node.name)
                negating[0] |= self._negating[node.name]
                return source
            case syntax.Class():
                return "(?:" + CLASSES[node.name] + ")"
            case syntax.Optional():
                return "(?:" + self._node(node.item, negating) + ")?"
            case syntax.Choice():
                return "(?:" + "|".join(self._node(o, negating) for o in node.options) + ")"
            case syntax.Sequence():
                return "".join(self._node(item, negating) for item in node.items)
        raise TypeError(f"not a pattern node: {node!r}")


@dataclass(frozen=True, slots=True)
class PatternHit:
    """One occurrence of a pattern: its tokens and the original text they span."""

    first: int
    stop: int
    span: Span
    negating: bool
    """The pattern spells out a negation, so one inside the match is meant."""


class PatternBank:
    """Every pattern of a detector set, in one RE2 set; read-only and thread-safe once built."""

    def __init__(self) -> None:
        self._owners: list[int] = []
        self._negating: list[bool] = []
        self._sources: list[str] = []
        self._compiled: list[Any] = []
        self._set: Any = None
        self._lists = 0

    @property
    def size(self) -> int:
        return self._lists

    def add(self, patterns: Sequence[str], compiler: PatternCompiler) -> int:
        """Add one detector's patterns; returns the index its hits are reported under."""
        index = self._lists
        self._lists += 1
        for pattern in patterns:
            source, negating = compiler.compile(syntax.read_pattern(pattern))
            self._owners.append(index)
            self._negating.append(negating)
            self._sources.append(source)
            try:
                self._compiled.append(re2.compile(source, stream_options()))
            except re2.error:
                raise LexiconError(
                    f"pattern {pattern!r} grows too large to compile (its lexicons expand to "
                    "too many words); split it or its lexicons"
                ) from None
        return index

    def build(self) -> None:
        if not self._sources:
            return
        search_set = re2.Set.SearchSet(stream_options())
        try:
            for source in self._sources:
                search_set.Add(source)
            search_set.Compile()
        except re2.error:
            self._set = None  # over RE2's memory budget: search pattern by pattern
        else:
            self._set = search_set

    def match(self, reply: Reply) -> list[list[PatternHit]]:
        found: list[list[PatternHit]] = [[] for _ in range(self._lists)]
        if not self._sources:
            return found
        stream = build_stream(reply)
        data = stream.value
        if self._set is not None:
            candidates = self._set.Match(data) or ()
        else:
            candidates = range(len(self._sources))
        if not candidates:
            return found
        for index in sorted(candidates):
            hits = found[self._owners[index]]
            # Given a str, google-re2 reports character offsets.
            for match in self._compiled[index].finditer(data):
                start, end = match.span()
                span = stream.span(reply, start, end)
                if span is None:
                    continue
                first, stop = stream.tokens(start, end)
                if first >= stop:
                    first, stop = stop, stop + 1 if stop < len(reply.keys) else stop
                hits.append(PatternHit(first, stop, span, self._negating[index]))
        return found
