"""Any text at all: a score in 0..1, spans inside the text, the same answer twice, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.loading import load_files, load_library
from simulator.model import Criterion
from simulator.scoring import MAX_REPLY_CHARS, CompiledRubric, ReplyError, ScoreResult
from simulator.scoring.text import Reply
from tests.helpers import FIXTURES, REPO

RUBRIC = load_library(FIXTURES / "scoring" / "library").rubrics["test-challenge"].model
COMPILED = CompiledRubric.compile(RUBRIC)
STANDARD = [
    CompiledRubric.compile(loaded.model)
    for loaded in load_files(sorted((REPO / "rubrics").glob("*.yaml"))).rubrics.values()
]
FOCUS = [Criterion.model_validate({
    "id": "focus", "label": "Focus", "detect": {
        "any": [{"regex": r"(?i)\bd[aä]sh\w*"}, {"you_statements": {"at_least": 1}}],
    },
})]

# Words the rubrics look for, glued with the characters most likely to upset offsets:
# ligatures, fullwidth letters, combining marks, curly quotes, case-folding expanders.
FRAGMENTS = [
    "sorry", "Sorry", "apologise", "I", "I'm", "I’m", "not", "n’t", "don't", "you", "always",
    "never", "maybe", "just", "a bit", "what", "how", "could", "?", ".", "!", ",", " ", "\n",
    "40%", "people", "last week", "I noticed", "ﬁ", "ﬂ", "Ａ", "ＳＯＲＲＹ", "e\u0301", "ß", "İ",
    "“", "”", "‘", "’", "…", "—", "-", "'", '"', "\u00b4", "\ufdfa", "\u3300", "\u1100\u1161",
    "\ud7a3", "ǅ", "ﬀ", "\u0345", "e.g.", "Mr.", "3.5", "dash", "däsh",
]
texts = st.one_of(
    st.text(max_size=MAX_REPLY_CHARS),
    st.text(min_size=MAX_REPLY_CHARS - 50, max_size=MAX_REPLY_CHARS + 50),
    st.lists(st.sampled_from(FRAGMENTS), max_size=400).map("".join),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=200).map(" ".join),
)


def _check(result: ScoreResult, text: str) -> None:
    assert 0.0 <= result.score <= 1.0
    assert result.text is text
    for item in (*result.criteria, *result.flags):
        previous_end = -1
        for start, end in item.evidence:
            assert 0 <= start < end <= len(text)
            assert start >= previous_end  # sorted and not overlapping
            previous_end = end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_scores_in_range_with_spans_inside_it(text: str) -> None:
    try:
        result = COMPILED.score(text, focus=FOCUS)
    except ReplyError as exc:
        assert str(exc).startswith("Your reply ")
        assert len(text) > MAX_REPLY_CHARS or not Reply(text).norms
        return
    _check(result, text)
    # Deterministic: the same compiled rubric, and a fresh compile, say the same thing.
    assert COMPILED.score(text, focus=FOCUS) == result
    assert CompiledRubric.compile(RUBRIC).score(text, focus=FOCUS) == result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_standard_rubrics_take_any_text(text: str) -> None:
    for compiled in STANDARD:
        try:
            result = compiled.score(text)
        except ReplyError:
            continue
        _check(result, text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_tokens_point_inside_the_original_in_order(text: str) -> None:
    reply = Reply(text)
    assert len(reply.norms) == len(reply.keys) == len(reply.starts) == len(reply.ends)
    assert len(reply.gaps) == len(reply.sentence_of) == len(reply.clause_of) == len(reply.norms)
    for start, end in zip(reply.starts, reply.ends, strict=True):
        assert 0 <= start < end <= len(text)
    assert reply.starts == sorted(reply.starts)
    assert reply.sentence_of == sorted(reply.sentence_of)
    assert [s.first for s in reply.sentences] == sorted({s.first for s in reply.sentences})
    for sentence in reply.sentences:
        assert 0 <= sentence.span[0] < sentence.span[1] <= len(text)
