"""Word patterns, lexicons and built-in classes: what they match and the words they highlight."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.model import Rubric
from simulator.model.patterns import MAX_GAP, PatternError, read_pattern
from simulator.scoring import CompiledRubric
from simulator.scoring.patterns import LexiconError
from simulator.scoring.scope import scope
from simulator.scoring.syntax import NEGATORS
from simulator.scoring.text import Reply


def probe(detect: dict[str, Any], lexicons: dict[str, list[str]] | None = None) -> CompiledRubric:
    return CompiledRubric.compile(Rubric.model_validate({
        "id": "probe", "title": "Probe", "track": "junior",
        "bands": {"strong": 0.7, "adequate": 0.4},
        "short_reply_words": 0,
        "lexicons": lexicons or {},
        "criteria": [{"id": "probe", "label": "Probe", "detect": detect}],
    }))


def evidence(
    detect: dict[str, Any], text: str, lexicons: dict[str, list[str]] | None = None
) -> list[str] | None:
    result = probe(detect, lexicons).score(text).criteria[0]
    if not result.met:
        return None
    return [text[start:end] for start, end in result.evidence]


def patterns(*items: str) -> dict[str, Any]:
    return {"patterns": list(items)}


# reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("i (had", "missing ')' to close the '(' at character 3"),
        ("x)", "unexpected ')'"),
        ("maybe?", "can match no words at all"),
        ("... then", "starts or ends with a gap"),
        ("i ...9 sorry", "a gap may stand for 1 to 8 words, not 9"),
        ("i ...? sorry", "a gap is already optional"),
        ("cost <mony>", "did you mean <money>?"),
        ("yes , but", "',' cannot be used here"),
        ("@", "`@` must be followed by a lexicon name"),
        ("(((((a)))))", "brackets nest deeper than 4"),
        ("a " * 200, "may be 300 characters long"),
        (" ".join(["w"] * 49), "more than 48 items"),
    ],
)
def test_a_pattern_that_cannot_be_read_says_where_and_why(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=None) as caught:
        read_pattern(pattern)
    assert message in str(caught.value)


def test_a_bad_pattern_is_a_validation_error() -> None:
    with pytest.raises(ValueError, match="missing"):
        probe(patterns("i (had"))


# matching -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I hadn't realised that.", ["I hadn't realised"]),
        ("I had not realized it", ["I had not realized"]),
        ("I didn’t consider the rota.", ["I didn’t consider"]),
        ("I did not notice", ["I did not notice"]),
        ("I not realise", ["I not realise"]),  # the optional auxiliary may be absent
        ("I realised it", None),
        ("I hadn't. Realised later.", None),  # never across the end of a sentence
    ],
)
def test_choices_optional_words_inflections_and_contractions(
    text: str, found: list[str] | None
) -> None:
    assert evidence(patterns("i (had|did)? not realise/consider/notice"), text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I made an assumption", ["I made an assumption"]),
        ("I made a big assumption", ["I made a big assumption"]),
        ("I made one very big wrong assumption", None),  # four words: over the gap of three
        ("I made, I think, an assumption", ["I made, I think, an assumption"]),  # commas are fine
    ],
)
def test_gaps_are_bounded(text: str, found: list[str] | None) -> None:
    assert evidence(patterns("i made ... assumption"), text) == found


def test_alternatives_at_the_top_level_and_any_word() -> None:
    assert evidence(patterns("that's on me | my fault"), "It was my fault.") == ["my fault"]
    assert evidence(patterns("that's on me | my fault"), "That is on me.") == ["That is on me"]
    assert evidence(patterns("* said"), "Priya said so") == ["Priya said"]


def test_lexicons_are_used_by_name_in_patterns_and_phrases() -> None:
    lexicons = {"realise": ["realise", "think about", "@seeing"], "seeing": ["see"]}
    assert evidence(patterns("i did not @realise"), "I didn't think about it", lexicons) == [
        "I didn't think about"
    ]
    assert evidence(patterns("i did not @realise"), "I didn't see it", lexicons) == [
        "I didn't see"
    ]
    assert evidence({"phrases": ["@realise"]}, "Now I see.", lexicons) == ["see"]


def test_an_unknown_lexicon_fails_to_compile_with_its_name() -> None:
    with pytest.raises(LexiconError, match="no lexicon named 'nope'"):
        probe(patterns("i @nope"))
    with pytest.raises(LexiconError, match="uses itself"):
        probe(patterns("@a"), {"a": ["x", "@b"], "b": ["@a"]})


# classes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "text", "found"),
    [
        ("number", "Seven of the eleven read it that way", ["Seven", "eleven"]),
        ("number", "About a third of them", ["a third"]),
        ("number", "twenty-five people", ["twenty-five"]),
        ("number", "40 replies", ["40"]),
        ("number", "the one thing", None),
        ("money", "That cost us £8,400.", ["£8,400"]),
        ("money", "about $2m a year", ["$2m"]),
        ("money", "three hundred pounds", ["three hundred pounds"]),
        ("money", "five grand", ["five grand"]),
        ("percent", "40% of the team", ["40%"]),
        ("percent", "twelve percent", ["twelve percent"]),
        ("percent", "30 per cent", ["30 per cent"]),
        ("duration", "for three weeks", ["three weeks"]),
        ("duration", "in a fortnight", ["a fortnight"]),
        ("weekday", "on Tuesday", ["Tuesday"]),
        ("date", "by 14 March", ["14 March"]),
        ("date", "next week", ["next week"]),
        ("date", "in Q3", ["Q3"]),
        ("date", "You may go", None),
        ("time", "at 10:30", ["10:30"]),
        ("time", "at 3pm", ["3pm"]),
        ("time", "Friday morning", ["Friday morning"]),
        ("meeting", "In Tuesday's town hall", ["Tuesday's town hall"]),
        ("meeting", "at the March board", ["the March board"]),
        ("meeting", "in last week's review", ["last week's review"]),
        ("meeting", "the budget meeting", ["the budget meeting"]),
        ("meeting", "the board", None),
        ("quote", 'I nearly said "forget it" to him', ['"forget it"']),
        ("quote", "you said ‘we’re a family’ twice", ["‘we’re a family’"]),
        ("quote", "I don't know", None),
    ],
)
def test_built_in_classes(cls: str, text: str, found: list[str] | None) -> None:
    assert evidence(patterns(f"<{cls}>"), text) == found


def test_classes_combine_with_words() -> None:
    assert evidence(patterns("cost us? <money>"), "It cost £300 in fees") == ["cost £300"]
    assert evidence(patterns("<number> of the <number>"), "Seven of the eleven agreed") == [
        "Seven of the eleven"
    ]


# properties ---------------------------------------------------------------------------------

WORDS = st.sampled_from([
    "i", "had", "not", "didn't", "realise", "realised", "consider", "it", "but", "never",
    "we", "made", "an", "assumption", "£8,400", "40%", "seven", "Tuesday's", "town", "hall",
    "don't", "really", "though", "however", "maybe", "café", "naïve", "10:30", "€5",
    "‘forget", "it’", "Zoë's", "ﬁgures",
])
PUNCTUATION = st.sampled_from([" ", " ", " ", ", ", ". ", "? ", "; ", " - ", ' "', '" '])


@st.composite
def replies(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=25))
    text = words[0]
    for word in words[1:]:
        text += draw(PUNCTUATION) + word
    return text


PROPERTY_RUBRIC = probe(
    {"patterns": [
        "i (had|did)? not? @realise", "made ...2 assumption", "<money>", "<percent>",
        "<number>", "<meeting>", "<quote>", "really? * it",
    ], "unless_negated": True},
    {"realise": ["realise", "consider"]},
)


@settings(max_examples=300, deadline=None)
@given(replies())
def test_evidence_lies_inside_the_text_and_never_after_a_negation_in_its_clause(
    text: str,
) -> None:
    result = PROPERTY_RUBRIC.score(text).criteria[0]
    reply = Reply(text)
    clauses = scope(reply).clause_of
    for start, end in result.evidence:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end] or text[start:end][0] in "£\"'"
        first = next(i for i, s in enumerate(reply.starts) if s >= start or reply.ends[i] > start)
        window = range(max(0, first - 3), first)
        assert not any(
            reply.norms[j] in NEGATORS and clauses[j] == clauses[first] for j in window
        ), (text, text[start:end])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=MAX_GAP + 3), st.integers(min_value=1, max_value=MAX_GAP))
def test_a_gap_never_stands_for_more_words_than_it_says(between: int, most: int) -> None:
    text = "alpha " + "word " * between + "omega"
    met = evidence(patterns(f"alpha ...{most} omega"), text) is not None
    assert met == (between <= most)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab (|)?*.@<>/", max_size=40))
def test_reading_any_text_either_works_or_says_why(pattern: str) -> None:
    try:
        read_pattern(pattern)
    except PatternError as exc:
        assert str(exc)
