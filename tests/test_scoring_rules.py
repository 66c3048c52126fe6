"""The scorer's own rules: saying little earns little, evidence is the words that did the work,
`out_of` sets the weight of full marks."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.model import Band, Rubric
from simulator.scoring import CompiledRubric


def rubric(**extra: Any) -> CompiledRubric:
    return CompiledRubric.compile(Rubric.model_validate({
        "id": "rules", "title": "Rules", "track": "senior",
        "bands": {"strong": 0.7, "adequate": 0.4},
        "criteria": [
            {"id": "asks", "label": "Asks", "detect": {"question": "any"}},
            {"id": "names", "label": "Names it", "detect": {"phrases": ["problem", "i do"]}},
            {"id": "brief", "label": "Brief", "detect": {"words": {"max": 40}}},
        ],
        "flags": [{
            "id": "silent", "label": "No question back", "penalty": 0.1,
            "detect": {"not": {"question": "any"}}, "feedback": "Ask something.",
            "note": "No question back: the floor stays yours",
        }],
        **extra,
    }))


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Any problem?", Band.adequate),  # everything met, but two words are not strong
        ("Is there a problem?", Band.adequate),
        ("Is there a problem here?", Band.strong),  # five words
    ],
)
def test_a_reply_of_four_words_or_fewer_is_never_strong(text: str, band: Band) -> None:
    result = rubric().score(text)
    assert result.band is band
    assert result.score < 0.7 or len(text.split()) > 4


def test_the_short_reply_rule_can_be_turned_off() -> None:
    assert rubric(short_reply_words=0).score("Any problem?").band is Band.strong


def test_a_bare_keyword_never_meets_a_criterion() -> None:
    result = rubric().score("Problem.")
    assert "names" not in result.met
    assert "names" in rubric().score("That is the problem.").met
    assert "names" in rubric(short_reply_words=0).score("Problem.").met


def test_evidence_is_never_read_out_of_a_negated_contraction() -> None:
    result = rubric().score("I don't, to be honest, see it.")
    assert "names" not in result.met  # "I do" is not in "I don't"
    assert "names" in rubric().score("I do, to be honest.").met


def test_a_whole_reply_criterion_says_so_in_words_instead_of_highlighting() -> None:
    result = rubric().score("That is the problem, and I want to fix it.")
    brief = next(c for c in result.criteria if c.id == "brief")
    assert brief.met and brief.evidence == ()
    assert brief.note == "Whole reply: at most 40 words"
    flag = next(f for f in result.flags if f.id == "silent")
    assert flag.evidence == () and flag.note == "No question back: the floor stays yours"
    assert "brief" not in result.evidence and "silent" not in result.evidence


def test_out_of_sets_the_weight_that_earns_full_marks() -> None:
    text = "That is the problem, and I want to fix it now."
    assert rubric().score(text).score == pytest.approx(2 / 3 - 0.1)
    assert rubric(out_of=2).score(text).score == pytest.approx(1.0 - 0.1)
    assert rubric(out_of=4).score(text).score == pytest.approx(0.5 - 0.1)


def test_statement_evidence_is_the_whole_written_word() -> None:
    owned = CompiledRubric.compile(Rubric.model_validate({
        "id": "owned", "title": "Owned", "track": "senior",
        "bands": {"strong": 0.7, "adequate": 0.4},
        "criteria": [{"id": "i", "label": "I", "detect": {"i_statements": {"at_least": 1}}}],
    }))
    text = "I don't agree with that at all."
    result = owned.score(text)
    assert [text[a:b] for a, b in result.criteria[0].evidence] == ["I don't"]
