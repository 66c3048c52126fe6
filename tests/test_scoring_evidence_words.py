"""Evidence is the words that did the work: not a condition's words, not a neighbour's tail."""

from __future__ import annotations

import pytest

from tests.test_scoring_patterns import evidence

ASKS_ONCE_CONCRETE = {
    "all": [{"question": "any"}],
    "given": {"patterns": ["<number>", "<meeting>"]},
}


def test_a_given_condition_must_hold_but_is_not_highlighted() -> None:
    text = "Two of the directors misread it at the March board. Could we add a legend?"
    assert evidence(ASKS_ONCE_CONCRETE, text) == ["Could we add a legend?"]


def test_without_its_given_condition_the_detector_does_not_match() -> None:
    assert evidence(ASKS_ONCE_CONCRETE, "I think it is unclear. What do you think?") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I saw it in the June pack.", ["June"]),
        ("and Tom, who is partially sighted, missed it", ["Tom"]),
    ],
)
def test_a_regex_that_consumes_the_word_before_highlights_its_own_words(
    text: str, found: list[str]
) -> None:
    detect = {"regex": r"[a-z,;:]\s+(?-i:[A-Z][a-z]{2,})\b"}
    assert evidence(detect, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("That's a fair hit. Which weekends hurt most?", ["Which weekends hurt most?"]),
        ("Right!  Who else noticed?", ["Who else noticed?"]),
        ("Which weekends hurt most?", ["Which weekends hurt most?"]),
    ],
)
def test_a_regex_that_consumes_the_stop_before_highlights_from_its_first_word(
    text: str, found: list[str]
) -> None:
    detect = {"regex": r"(^|[.!?]\s+)(which|who)\b[^.?!]*\?"}
    assert evidence(detect, text) == found


def test_a_match_of_stops_alone_keeps_them_as_its_evidence() -> None:
    assert evidence({"regex": r"\?!+"}, "You did what?!") == ["?!"]
