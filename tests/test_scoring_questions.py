"""Question kinds (tag, rhetorical, leading, on/off topic) and overlap with the other's line."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_scoring_patterns import probe


def found(detect: dict[str, Any], text: str, context: str | None = None) -> list[str] | None:
    result = probe(detect).score(text, context=context).criteria[0]
    if not result.met:
        return None
    return [text[start:end] for start, end in result.evidence]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("tag", "It's a good idea, isn't it?", ["It's a good idea, isn't it?"]),
        ("tag", "The Doncaster team won't be needing it much, will they.",
         ["The Doncaster team won't be needing it much, will they."]),
        ("tag", "That went well, right?", ["That went well, right?"]),
        ("tag", "Is it?", None),
        ("tag", "What do you think?", None),
        # "Do you think" after a question word asks their view; after a statement it presses.
        ("tag", "What's stopping them, do you think?", None),
        ("leading", "What's stopping them, do you think?", None),
        ("leading", "It's a bit long, do you think?", ["It's a bit long, do you think?"]),
        # A word of degree before the question word leaves the question open.
        ("open", "Roughly how many students?", ["Roughly how many students?"]),
        ("open", "Exactly which shifts?", ["Exactly which shifts?"]),
        ("closed", "Roughly how many students?", None),
        ("tag", "They never listen do they.", ["They never listen do they."]),
        # An auxiliary after "to", "not", another auxiliary or its subject is the sentence's own
        # verb, not a tag: these are plain statements.
        ("tag", "I'd be happy to go through it.", None),
        ("tag", "I'm afraid I can't do that.", None),
        ("tag", "The figures changed while I was there.", None),
        ("tag", "That's a useful tracker you have there.", None),
        ("tag", "I asked for a copy but I don't have one.", None),
        ("tag", "Not every parent, no.", None),  # an answer, not a tag
        ("tag", "Not every parent, no?", ["Not every parent, no?"]),
        ("rhetorical", "It went brilliantly, right.", ["It went brilliantly, right."]),
        ("rhetorical", "Although I guess they won't be needing it much, will they.",
         ["Although I guess they won't be needing it much, will they."]),
        ("rhetorical", "Since when?", ["Since when?"]),
        ("rhetorical", "Did you try anything at all? Is this homework?",
         ["Did you try anything at all?", "Is this homework?"]),
        ("rhetorical", "Excuse me? I said no.", ["Excuse me?"]),
        ("rhetorical", "What happened on Tuesday?", None),
        ("rhetorical", "It's fine, isn't it?", None),  # a tag with "?" leads rather than scoffs
        ("leading", "It's fine, isn't it?", ["It's fine, isn't it?"]),
        ("leading", "Don't you think that's a bit much?", ["Don't you think that's a bit much?"]),
        ("leading", "Surely that was the point?", ["Surely that was the point?"]),
        ("leading", "Wouldn't it be better to wait?", ["Wouldn't it be better to wait?"]),
        ("leading", "Could you walk me through it?", None),
        ("leading", "You agree, surely?", ["You agree, surely?"]),
        ("leading", "And you agree that's fair?", ["And you agree that's fair?"]),
        ("leading", "Do you agree?", None),  # asked, not assumed
        ("leading", "Could we try it for a month, if you agree?", None),  # a condition
    ],
)
def test_question_kinds(kind: str, text: str, expected: list[str] | None) -> None:
    assert found({"question": kind}, text) == expected


LINE = "The new rota leaves the night shift out of the training sessions."


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("off_topic", "That's interesting, thanks. Before we get into it, how's the bid going?",
         ["Before we get into it, how's the bid going?"]),
        ("off_topic", "Which training sessions does the night shift miss?", None),
        ("on_topic", "Which training sessions does the night shift miss?",
         ["Which training sessions does the night shift miss?"]),
    ],
)
def test_questions_on_and_off_the_counterparts_topic(
    kind: str, text: str, expected: list[str] | None
) -> None:
    assert found({"question": kind}, text, context=LINE) == expected


def test_topic_questions_and_overlap_never_match_without_the_line() -> None:
    assert found({"question": "off_topic"}, "How's the bid going?") is None
    assert found({"overlap": {"at_least": 0, "at_most": 0}}, "How's the bid going?") is None


def test_overlap_counts_shared_content_words_by_their_inflected_form() -> None:
    text = "So the night shifts can't get to training? I think that's fair."
    assert found({"overlap": {"at_least": 2}}, text, context=LINE) == [
        "night", "shifts", "training",
    ]
    assert found({"overlap": {"at_least": 4}}, text, context=LINE) is None
    # "the", "I think", "that" are never content
    assert found({"overlap": {"at_least": 1}}, "I think that is the thing.", context=LINE) is None
    assert found({"overlap": {"at_least": 0, "at_most": 0}}, "How's the bid?", context=LINE) == []


def test_a_question_can_be_required_to_close_the_reply() -> None:
    closing = {"question": "any", "position": "last_sentence"}
    assert found(closing, "It slipped. What would help?") == ["What would help?"]
    assert found(closing, "What would help? Anyway, it slipped.") is None
    assert found({"question": "open", "position": "first_sentence"}, "Why? Tell me.") == ["Why?"]
