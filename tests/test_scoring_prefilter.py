"""The pattern prefilter never rules out a regex that matches (it may only spare searches).

`simulator.scoring.prefilter` keeps, for each reply, the pattern groups whose needs the reply's
keys meet; a group it drops is never searched. So the test is soundness: for any pattern (random
ones built from every construct of the language, the shipped rubrics', the test fixture's) and
any reply, a group whose regex finds a match in the reply's stream is among the candidates.
Scores themselves are compared with and without the prefilter in test_scoring_fast_paths.py.
"""

from __future__ import annotations

from functools import partial

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.loading import load_files
from simulator.model import Rubric
from simulator.model.patterns import CLASSES
from simulator.scoring import CompiledRubric
from simulator.scoring.patterns import (
    GROUP_SIZE,
    PatternBank,
    _first_span,
    _merged,
    stream_options,
)
from simulator.scoring.prefilter import features
from simulator.scoring.search import finder
from simulator.scoring.stream import build_stream
from simulator.scoring.text import Reply
from tests.helpers import REPO
from tests.test_scoring_fast_paths import _corpus as fast_paths_corpus


def _banks(compiled: CompiledRubric) -> PatternBank:
    return compiled._shared._patterns


def _missed(bank: PatternBank, text: str) -> list[int]:
    """Groups whose regex matches the reply's stream but that the prefilter dropped."""
    reply = Reply(text)
    if not reply.keys:
        return []
    stream = build_stream(reply)
    kept = set(bank._prefilter.candidates(features(reply.keys, stream)))
    return [
        index for index, regex in enumerate(bank._compiled)
        if index not in kept and regex.search(stream.value) is not None
    ]


VOCABULARY = [
    "i", "you", "we", "it", "is", "not", "had", "did", "didn't", "don't", "realise", "realised",
    "consider", "assumption", "made", "really", "sorry", "fair", "point", "that's", "will",
    "look", "into", "monday", "march", "may", "3pm", "10:30", "£8,400", "$2m", "40%", "seven",
    "twenty", "hundred", "a", "third", "per", "cent", "weeks", "the", "board", "town", "hall",
    "review", "last", "week's", "'forget", "it'", '"we', 'family"', "q3", "1st", "of", "but",
    "café", "ﬁgures", "YOU", "Isn't", "it?", "pounds", "fortnight",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "? ", "; ", " - ", ' "', '" ', " '", "' ", ""]


@st.composite
def replies(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30))
    return "".join(word + draw(st.sampled_from(SEPARATORS)) for word in words)


ITEMS = ["i", "you", "not", "realise", "fair point", "look into", "sorry", "the", "will",
         "@lex", "*", "...", "...2", "it/that", "had/did", "assumption", "week", "a"]
LEXICON = ["realise", "fair point", "look into it", "assumption", "didn't notice"]
EXAMPLES = {
    "number": ["40", "seven", "a third", "twenty-five"],
    "money": ["£8,400", "$2m", "300 pounds"],
    "percent": ["40%", "twelve percent", "30 per cent"],
    "duration": ["three weeks", "a fortnight"],
    "weekday": ["Tuesday"], "month": ["March", "1st of may"],
    "date": ["next week", "Q3", "14 March"],
    "time": ["10:30", "3pm", "Friday morning"],
    "meeting": ["Tuesday's town hall", "the March board"],
    "quote": ['"forget it"', "‘we’re a family’"],
}


@st.composite
def pattern_texts(draw: st.DrawFn, depth: int = 0) -> tuple[str, str]:
    """A random pattern using every construct (words, a/b, (x|y), ?, *, gaps, @lexicon,
    <class>) and a text made to match it, or nearly (an item may be left out or changed)."""
    items: list[str] = []
    said: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.integers(min_value=0, max_value=9 if depth < 2 else 6))
        if kind <= 4:
            item = draw(st.sampled_from(ITEMS))
            if item == "@lex":
                words = draw(st.sampled_from(LEXICON))
            elif item == "*":
                words = draw(st.sampled_from(VOCABULARY))
            elif item.startswith("..."):
                words = " ".join(draw(st.lists(st.sampled_from(VOCABULARY), max_size=3)))
            else:
                words = draw(st.sampled_from(item.split("/")))
        elif kind <= 6:
            name = draw(st.sampled_from(sorted(CLASSES)))
            item, words = f"<{name}>", draw(st.sampled_from(EXAMPLES[name]))
        else:
            options = draw(st.lists(pattern_texts(depth + 1), min_size=1, max_size=3))
            item = "(" + "|".join(option for option, _ in options) + ")"
            words = draw(st.sampled_from([text for _, text in options]))
        if not item.startswith("...") and draw(st.integers(min_value=0, max_value=4)) == 0:
            item += "?"
        items.append(item)
        if draw(st.integers(min_value=0, max_value=6)) == 0:  # a near miss
            words = draw(st.sampled_from(["", *VOCABULARY]))
        said.append(words)
    text = " ".join(items)
    # A pattern must hold something other than gaps and optional items to be worth reading.
    if not any(not i.startswith("...") and not i.endswith("?") for i in items):
        text += " sorry"
        said.append("sorry")
    return text, draw(st.sampled_from(SEPARATORS)).join(w for w in said if w)


def _compiled(patterns: list[str]) -> CompiledRubric | None:
    try:
        rubric = Rubric.model_validate({
            "id": "probe", "title": "Probe", "track": "junior",
            "bands": {"strong": 0.7, "adequate": 0.4}, "short_reply_words": 0,
            "lexicons": {"lex": ["realise", "fair point", "look into it", "@inner"],
                         "inner": ["assumption", "didn't notice"]},
            "criteria": [{"id": "probe", "label": "Probe", "detect": {"patterns": patterns}}],
        })
    except ValueError:
        return None  # a random pattern the language refuses (a gap at the end, say)
    return CompiledRubric.compile(rubric)


@settings(max_examples=400, deadline=None)
@given(st.lists(pattern_texts(), min_size=1, max_size=4), st.lists(replies(), max_size=4),
       st.sampled_from(["", "Well, ", "So I think ", "It's not that. "]))
def test_random_patterns_are_never_ruled_out_where_they_match(
    made: list[tuple[str, str]], texts: list[str], before: str,
) -> None:
    patterns = [pattern for pattern, _ in made]
    texts = texts + [before + text for _, text in made]
    compiled = _compiled(patterns)
    if compiled is None:
        return
    bank = _banks(compiled)
    for text in texts:
        assert _missed(bank, text) == [], (patterns, text)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_class_is_kept_where_it_matches(name: str) -> None:
    compiled = _compiled([f"<{name}>"])
    assert compiled is not None
    texts = ["It cost £300, $2m or 300 pounds", "40% or twelve percent, 30 per cent",
             "for three weeks, a fortnight", "on Tuesday 14 March, next week, in Q3, 1st of may",
             "at 10:30, 3pm, Friday morning, noon", "in Tuesday's town hall, the March board",
             'I said "forget it" and ‘we’re a family’', "Seven of the eleven, a third"]
    bank = _banks(compiled)
    assert any(regex.search(build_stream(Reply(t)).value) for t in texts
               for regex in bank._compiled)
    for text in texts:
        assert _missed(bank, text) == []


def _corpus() -> list[str]:
    return [text for text, _ in fast_paths_corpus()]


@pytest.fixture(scope="module")
def shipped() -> list[CompiledRubric]:
    files = sorted((REPO / "rubrics").glob("*.yaml")) + sorted(
        (REPO / "tests" / "fixtures" / "scoring" / "library" / "rubrics").glob("*.yaml"))
    library = load_files(files)
    assert len(library.rubrics) >= 3
    return [CompiledRubric.compile(loaded.model) for loaded in library.rubrics.values()]


def test_shipped_and_fixture_rubrics_are_never_ruled_out_where_they_match(
    shipped: list[CompiledRubric],
) -> None:
    texts = _corpus()[:3_000]
    for compiled in shipped:
        bank = _banks(compiled)
        for text in texts:
            if len(text) <= 5_000:
                assert _missed(bank, text) == [], (compiled.rubric.id, text)


def test_the_prefilter_spares_most_searches(shipped: list[CompiledRubric]) -> None:
    """It must keep earning its place: on ordinary replies most groups are ruled out."""
    texts = _corpus()[:500]
    for compiled in shipped[:2]:
        bank = _banks(compiled)
        kept = 0
        for text in texts:
            reply = Reply(text)
            if reply.keys:
                stream = build_stream(reply)
                kept += len(bank._prefilter.candidates(features(reply.keys, stream)))
        assert kept / len(texts) < 0.3 * len(bank._compiled), compiled.rubric.id


def _one_regex_scan(members: list[str], data: bytes) -> list[tuple[int, int]]:
    """Every match as the pattern loop steps through one alternation of all the members."""
    find = finder(re2.compile("|".join(f"(?:{m})" for m in members), stream_options()))
    spans, at = [], 0
    while at <= len(data):
        start, end = find(data, at, len(data))[0]
        if start < 0:
            break
        spans.append((start, end))
        at = end if end > start else end + 1
    return spans


def _parts_scan(members: list[str], data: bytes) -> list[tuple[int, int]]:
    parts = [members[i:i + GROUP_SIZE] for i in range(0, len(members), GROUP_SIZE)]
    next_match = _merged([
        partial(_first_span, finder(re2.compile("|".join(f"(?:{m})" for m in part),
                                                stream_options())), data, len(data))
        for part in parts
    ])
    spans, at = [], 0
    while at <= len(data):
        start, end = next_match(at)
        if start < 0:
            break
        spans.append((start, end))
        at = end if end > start else end + 1
    return spans


_MEMBER = st.lists(st.sampled_from(["a", "b", "ab", "a b", "b?", "a+", "(?:a|b)", "c", " "]),
                   min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(members=st.lists(_MEMBER, min_size=1, max_size=3 * GROUP_SIZE + 1),
       text=st.text(alphabet="ab c", max_size=30))
def test_a_group_cut_into_parts_finds_what_one_alternation_finds(
    members: list[str], text: str
) -> None:
    # Regexes are cut into parts of GROUP_SIZE (smaller automata); the parts are searched as
    # one, so every span is the one the whole alternation gives: its leftmost start, and the
    # earliest member there, even where a later member would match longer.
    data = text.encode("ascii")
    assert _parts_scan(members, data) == _one_regex_scan(members, data)


def test_an_earlier_part_wins_at_the_same_start() -> None:
    members = ["x"] * GROUP_SIZE + ["a"] + ["x"] * (GROUP_SIZE - 1) + ["a b c"]
    assert _parts_scan(members, b"a b c") == [(0, 1)]
    assert _parts_scan(list(reversed(members)), b"a b c") == [(0, 5)]
