"""The scorer's straightforward paths, as they were before the fast ones, to test against.

Each fast path of `simulator.scoring` has a plain version here, written the slow, obvious way
(the code it replaced): normalising cluster by cluster, classifying every gap afresh, splicing
symbols into every stream that holds a symbol character, searching every pattern group (no
prefilter) with google-re2's own `search`/`finditer` (capture groups and all).
`reference_paths()` swaps them in, so the same rubric scores the same reply both ways and the
results can be compared whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import pytest
import re2

from simulator.model.detectors import re2_options
from simulator.scoring import normalise as normalise_module
from simulator.scoring import patterns, regexes, stream, text
from simulator.scoring.classes import Feature
from simulator.scoring.normalise import _CLEAN, Normalised, _joins_previous
from simulator.scoring.patterns import PatternBank, PatternHit, stream_options
from simulator.scoring.prefilter import Prefilter
from simulator.scoring.regexes import RegexBank, trimmed
from simulator.scoring.result import Span
from simulator.scoring.stream import END
from simulator.scoring.text import _CLAUSE_MARK, Reply, _ends_sentence

_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def normalise(value: str, *, fold: bool) -> Normalised:
    """Every non-ASCII text cluster by cluster, with an offset map."""
    if value.isascii():
        return Normalised(value, value.lower() if fold else value, None, None)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(value)
    while i < n:
        run = _ASCII_RUN.match(value, i)
        if run is not None:
            j = run.end()
            if j < n and _joins_previous(value[j]):
                j -= 1
            if j > i:
                chunk = value[i:j]
                parts.append(chunk.lower() if fold else chunk)
                starts.extend(range(i, j))
                ends.extend(range(i + 1, j + 1))
                i = j
                continue
        j = i + 1
        while j < n and _joins_previous(value[j]):
            j += 1
        out = unicodedata.normalize("NFKC", value[i:j].translate(_CLEAN)).translate(_CLEAN)
        if fold:
            out = out.casefold()
        parts.append(out)
        starts.extend([i] * len(out))
        ends.extend([j] * len(out))
        i = j
    return Normalised(value, "".join(parts), tuple(starts), tuple(ends))


def segment(words: list[str], gaps: list[str]) -> tuple[list[int], list[int], list[Span]]:
    """Sentence and clause numbers per written word, every gap read afresh."""
    sentence_of: list[int] = []
    clause_of: list[int] = []
    bounds: list[Span] = []
    sentence = clause = start = first = 0
    n = len(words)
    for k in [k for k in range(n - 1) if gaps[k] != " "]:
        gap = gaps[k]
        ends_sentence = _ends_sentence(gap, words[k])
        if ends_sentence or _CLAUSE_MARK.search(gap) is not None:
            size = k + 1 - start
            sentence_of += [sentence] * size
            clause_of += [clause] * size
            start = k + 1
            clause += 1
            if ends_sentence:
                bounds.append((first, start))
                first = start
                sentence += 1
    size = n - start
    sentence_of += [sentence] * size
    clause_of += [clause] * size
    bounds.append((first, n))
    return sentence_of, clause_of, bounds


def punctuation_run(gap: str) -> int:
    run = 0
    while run < len(gap) and not gap[run].isspace():
        run += 1
    return run


def pattern_hits(
    self: PatternBank, reply: Reply, stream_: stream.Stream, data: bytes, candidates: list[int],
    found: list[list[PatternHit]],
) -> None:
    """Every candidate pattern searched with the wrapper's `search`, span by `Stream.span`;
    the parts of one alternation (`GROUP_SIZE`) joined again into one regex."""
    sentence_of = reply.sentence_of
    families: dict[int, list[int]] = {}
    for index in candidates:
        families.setdefault(self._family[index], []).append(index)
    for family in families.values():
        index = family[0]
        hits = found[self._owners[index]]
        pattern = self._patterns[index]
        regex = _whole("|".join(f"(?:{self._sources[i]})" for i in family))
        at = 0
        while (match := regex.search(data, at)) is not None:
            start, end = match.span()
            first, stop = data.count(b"\x1f", 0, start), data.count(b"\x1f", 0, end)
            if first >= stop:
                break
            if not pattern.crosses and sentence_of[first] != sentence_of[stop - 1]:
                at = data.index(END.encode(), start) + 1
                continue
            span = stream_.span(reply, start, end, lead=pattern.lead)
            if span is not None:
                hits.append(PatternHit(first, stop, span, pattern.negating))
            at = end if end > start else end + 1


@cache
def _whole(source: str) -> Any:
    return re2.compile(source, stream_options())


@cache
def _capturing(pattern: str) -> Any:
    return re2.compile(pattern, re2_options())


def regex_match(self: RegexBank, reply: Reply) -> list[list[Span]]:
    """Each matching regex run with the wrapper's `finditer`, capture groups and all."""
    found: list[list[Span]] = [[] for _ in self._patterns]
    plain = reply.plain
    data = plain.value.encode("utf-8")
    candidates = self._set.Match(data) or () if self._set is not None \
        else range(len(self._patterns))
    one_byte_chars = len(data) == len(plain.value)
    value = plain.value
    for index in candidates:
        for match in _capturing(self._patterns[index]).finditer(data):
            start, end = match.span()
            if not one_byte_chars:
                start = len(data[:start].decode("utf-8"))
                end = start + len(data[match.start() : match.end()].decode("utf-8"))
            start, end = trimmed(value, start, end)
            if end > start:
                found[index].append(plain.original(start, end))
            else:
                at = plain.position(start)
                found[index].append((at, at))
    return found


def every_group(self: Prefilter, found: set[Feature]) -> list[int]:
    """No prefilter: every pattern group is searched."""
    return list(range(self.size))


@contextmanager
def reference_paths() -> Iterator[None]:
    """Score with the plain paths above in place of the fast ones (caches emptied first)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "normalise", normalise)
        patch.setattr(normalise_module, "normalise", normalise)
        patch.setattr(text, "_SPLITTER_ASCII", text._SPLITTER)
        patch.setattr(text, "_segment", segment)
        patch.setattr(text, "_punctuation_run", punctuation_run)
        patch.setattr(stream, "_may_count", lambda value: True)
        patch.setattr(PatternBank, "_hits_in_bytes", pattern_hits)
        patch.setattr(RegexBank, "match", regex_match)
        patch.setattr(Prefilter, "candidates", every_group)
        assert patterns.PatternBank is PatternBank and regexes.RegexBank is RegexBank
        yield
