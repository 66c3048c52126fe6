"""Each detector kind on its own: what it matches, what it does not, and its evidence."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.model import Rubric
from simulator.scoring import CompiledRubric


def evidence(detect: dict[str, Any], text: str) -> list[str] | None:
    """The words a one-criterion rubric highlights in `text`, or None when it is not met."""
    rubric = Rubric.model_validate({
        "id": "probe", "title": "Probe", "track": "junior",
        "bands": {"strong": 0.7, "adequate": 0.4},
        # The saying-little rules are tested in test_scoring_rules.py; here, the detector alone.
        "short_reply_words": 0,
        "criteria": [{"id": "probe", "label": "Probe", "detect": detect}],
    })
    result = CompiledRubric.compile(rubric).score(text).criteria[0]
    if not result.met:
        assert result.evidence == ()
        return None
    return [text[start:end] for start, end in result.evidence]


# phrases ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrases", "text", "found"),
    [
        (["sorry"], "Sorry, I was late.", ["Sorry"]),
        (["sorry"], "I'm SORRY!", ["SORRY"]),
        (["just"], "It is about justice.", None),
        (["just"], "It's just one thing.", ["just"]),
        (["justice"], "It's just ice.", None),
        (["sorry to bother"], "Sorry to bother you again.", ["Sorry to bother"]),
        (["sorry to bother"], "Sorry, to bother you again.", ["Sorry, to bother"]),
        (["for example"], "For\nexample", None),
        (["thank you"], "Thank. You.", None),
        (["last week"], "Last week, and last weeks.", ["Last week", "last weeks"]),
    ],
)
def test_phrases_match_whole_words_in_any_case(
    phrases: list[str], text: str, found: list[str] | None
) -> None:
    assert evidence({"phrases": phrases}, text) == found


@pytest.mark.parametrize(
    "text",
    ["apologise", "Apologised", "apologising", "Apologies", "apologize", "apologized",
     "APOLOGIZES", "my apology"],
)
def test_a_phrase_word_matches_its_inflections_and_spellings(text: str) -> None:
    assert evidence({"phrases": ["apologise"]}, text) == [text.split()[-1]]


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("blame", "Stop blaming me", ["blaming"]),
        ("blame", "They blamed us", ["blamed"]),
        ("dismiss", "You keep dismissing it", ["dismissing"]),
        ("i'm worried", "I am worried", ["I am worried"]),
        ("i'm worried", "I’m worried", ["I’m worried"]),
        ("i am worried", "I'm worried", ["I'm worried"]),
        ("don't care", "You do not care", ["do not care"]),
        ("it's your fault", "It’s your fault", ["It’s your fault"]),
    ],
)
def test_inflections_and_contractions(phrase: str, text: str, found: list[str]) -> None:
    assert evidence({"phrases": [phrase]}, text) == found


def test_punctuation_a_phrase_spells_out_is_required() -> None:
    assert evidence({"phrases": ["seriously?"]}, "Seriously? Again?") == ["Seriously"]
    assert evidence({"phrases": ["seriously?"]}, "I seriously think so.") is None
    assert evidence({"phrases": ["yes, but"]}, "Yes, but no.") == ["Yes, but"]
    assert evidence({"phrases": ["yes, but"]}, "Yes but no.") is None


def test_phrases_of_one_list_each_leave_evidence_and_overlaps_merge() -> None:
    text = "You always ignore us, sorry to bother you."
    found = evidence({"phrases": ["you always", "you always ignore", "sorry"]}, text)
    assert found == ["You always ignore", "sorry"]


# negation -----------------------------------------------------------------------------------


BLAME = {"phrases": ["blame", "you always", "apologise", "dismiss", "mean to"],
         "unless_negated": True}


@pytest.mark.parametrize(
    "text",
    [
        "I'm not blaming you.",
        "I’m not blaming you.",
        "There's no need to apologise.",
        "I don't want to dismiss this.",
        "I never meant to upset anyone.",
        "I said it without blaming anyone.",
        "Nobody blames you.",
        "I hardly blame them.",
        "I cannot blame you.",
    ],
)
def test_a_negation_just_before_cancels_the_match(text: str) -> None:
    assert evidence(BLAME, text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("You always blame us.", ["You always", "blame"]),
        ("No, I blame the process.", ["blame"]),  # the "no" belongs to another clause
        ("Not that I would ever blame you.", ["blame"]),  # "not" is 4 words back
        ("I'm not sure. I blame the tool.", ["blame"]),  # and in another sentence
    ],
)
def test_negation_only_reaches_three_words_back_in_the_same_clause(
    text: str, found: list[str]
) -> None:
    assert evidence(BLAME, text) == found


def test_without_unless_negated_a_negated_phrase_still_counts() -> None:
    assert evidence({"phrases": ["blame"]}, "I'm not blaming you.") == ["blaming"]


# regex --------------------------------------------------------------------------------------


def test_regex_evidence_maps_back_through_normalisation() -> None:
    text = "“ﬁne” ＡＮＤ 40 people left"
    assert evidence({"regex": r"\d+\s?people"}, text) == ["40 people"]
    assert evidence({"regex": r"and \d+"}, text) == ["ＡＮＤ 40"]
    assert evidence({"regex": r"fine"}, text) == ["ﬁne"]


def test_regex_is_case_insensitive_and_sees_straight_quotes() -> None:
    assert evidence({"regex": "PEOPLE"}, "three people") == ["people"]
    assert evidence({"regex": "'one family'"}, "we’re ‘one family’ here") == ["‘one family’"]


def test_regex_reports_every_match() -> None:
    text = "In May and in June"
    assert evidence({"regex": r"\bin (may|june)\b"}, text) == ["In May", "in June"]


def test_regex_unless_negated() -> None:
    detect = {"regex": r"\byou (never|always)\b", "unless_negated": True}
    assert evidence(detect, "You never listen.") == ["You never"]
    assert evidence(detect, "I'm not saying you never listen.") is None


def test_a_regex_that_can_match_nothing_counts_without_evidence() -> None:
    assert evidence({"regex": "x*"}, "hello") == []


# question -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("What did you see?", "open"),
        ("How would you change it?", "open"),
        ("Why now?", "open"),
        ("So what happened next?", "open"),
        ("Could you tell me more?", "open"),
        ("Can you walk me through it?", "open"),
        ("Would you help me understand the numbers?", "open"),
        ("Could you say more about that?", "open"),
        ("Any thoughts?", "open"),
        ("Is it late?", "closed"),
        ("Did you read it?", "closed"),
        ("Could we try it with one team?", "closed"),
        ("Would it help if I shared what I heard?", "closed"),
        ("Can you tell me if it shipped?", "closed"),
        ("When you said that, did you mean it?", "closed"),
        ("You agree?", "closed"),
    ],
)
def test_questions_are_open_or_closed(text: str, kind: str) -> None:
    assert evidence({"question": kind}, text) == [text]
    other = "closed" if kind == "open" else "open"
    assert evidence({"question": other}, text) is None
    assert evidence({"question": "any"}, text) == [text]


def test_a_question_is_a_sentence_ending_in_a_question_mark() -> None:
    text = "I noticed the drop. What do you make of it? Tell me more."
    assert evidence({"question": "any"}, text) == ["What do you make of it?"]
    assert evidence({"question": "open"}, "Tell me what you think.") is None


# words --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bounds", "text", "met"),
    [
        ({"min": 3}, "One two three", True),
        ({"min": 4}, "One two three", False),
        ({"max": 3}, "I don't know", True),  # "don't" is one written word
        ({"max": 2}, "I don't know", False),
        ({"min": 2, "max": 2}, "Two words.", True),
    ],
)
def test_words_counts_written_words(bounds: dict[str, int], text: str, met: bool) -> None:
    found = evidence({"words": bounds}, text)
    assert (found is not None) == met
    if met:
        assert found == []  # a length has no words to point at: the note says it instead


# I- and you-statements ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I noticed the drop.", ["I noticed"]),
        ("I’m worried about it.", ["I’m worried"]),
        ("My view is that it slipped.", ["My view"]),
        ("It seems to me that it slipped.", ["seems to me"]),
        ("The numbers slipped.", None),
        ("Can I show you?", None),
    ],
)
def test_i_statements(text: str, found: list[str] | None) -> None:
    assert evidence({"i_statements": {"at_least": 1}}, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("You always interrupt.", ["You always"]),
        ("I think you're wrong.", ["you're wrong"]),
        ("Thank you for this.", None),
        ("I'm not blaming you.", None),
        ("I'll show you the data.", None),
        ("Could you tell me more?", None),
        ("It is late, you know.", None),
    ],
)
def test_you_statements(text: str, found: list[str] | None) -> None:
    assert evidence({"you_statements": {"at_least": 1}}, text) == found


def test_statements_count_sentences_within_bounds() -> None:
    text = "I think so. I noticed it. You missed it."
    assert evidence({"i_statements": {"at_least": 2}}, text) == ["I think", "I noticed"]
    assert evidence({"i_statements": {"at_least": 3}}, text) is None
    assert evidence({"i_statements": {"at_least": 1, "at_most": 1}}, text) is None
    assert evidence({"you_statements": {"at_least": 0, "at_most": 0}}, "I see.") == []
    assert evidence({"you_statements": {"at_least": 0, "at_most": 0}}, text) is None


def test_one_sentence_counts_once() -> None:
    text = "I think I saw it and I said so."
    assert evidence({"i_statements": {"at_least": 2}}, text) is None


# combinators --------------------------------------------------------------------------------


def test_any_collects_evidence_from_every_matching_branch() -> None:
    detect = {"any": [{"phrases": ["sorry"]}, {"regex": r"\d+ people"}, {"phrases": ["zebra"]}]}
    assert evidence(detect, "Sorry, 3 people left") == ["Sorry", "3 people"]
    assert evidence(detect, "Nothing here") is None


def test_all_needs_every_branch() -> None:
    detect = {"all": [{"phrases": ["sorry"]}, {"question": "any"}]}
    # "Sorry" lies inside the question's span: overlapping evidence is merged.
    assert evidence(detect, "Sorry, can we talk?") == ["Sorry, can we talk?"]
    assert evidence(detect, "Sorry.") is None


def test_not_matches_an_absence_without_evidence() -> None:
    detect = {"not": {"question": "any"}}
    assert evidence(detect, "It is late.") == []
    assert evidence(detect, "Is it late?") is None


def test_count_needs_at_least_n_of_its_detectors() -> None:
    detect = {"count": {"at_least": 2, "of": [
        {"phrases": ["maybe"]}, {"phrases": ["just"]}, {"phrases": ["a bit"]},
    ]}}
    assert evidence(detect, "Maybe it's just me.") == ["Maybe", "just"]
    assert evidence(detect, "Maybe maybe maybe.") is None
    assert evidence(detect, "Maybe it's just a bit late.") == ["Maybe", "just", "a bit"]
