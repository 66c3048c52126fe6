"""Quoted words are mentioned, not used: flags inside quotation marks are not raised."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from simulator.scoring.quotes import outside_quotes, quoted_regions
from tests.helpers import REPO


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("I nearly said 'forget it' on the way in.", ["'forget it'"]),
        ('She said "sorry, I just can\'t" and left.', ['"sorry, I just can\'t"']),
        ("the 'I've been here twenty years' card", ["'I've been here twenty years'"]),
        ("It didn't land. What's your view?", []),  # two apostrophes are not a quotation
        ("“Curly” and ‘curly’ too.", ["“Curly”", "‘curly’"]),
        ("No quotes at all.", []),
    ],
)
def test_quoted_regions(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in quoted_regions(text)] == quoted


def test_spans_inside_a_quote_are_dropped_others_kept() -> None:
    assert outside_quotes(((3, 5), (20, 25)), [(0, 10)]) == ((20, 25),)
    assert outside_quotes(((3, 12),), [(0, 10)]) == ((3, 12),)  # straddles: kept


@given(st.text(max_size=400))
def test_any_text_gives_regions_inside_it(text: str) -> None:
    for start, end in quoted_regions(text):
        assert 0 <= start < end <= len(text)


def test_a_flag_only_mentioned_is_not_raised() -> None:
    rubric = CompiledRubric.compile(load_library(REPO).rubrics["junior-challenge"].model)
    mentioned = rubric.score("I nearly said 'forget it', but this matters. Can we talk?")
    used = rubric.score("Okay, forget it. Never mind.")
    assert "capitulation" not in mentioned.flag_ids
    assert "capitulation" in used.flag_ids
