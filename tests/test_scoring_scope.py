"""Clause scope: negation within its clause, contrast that undercuts or carries the weight,
positions such as the last sentence."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_scoring_patterns import evidence


def commits(**options: Any) -> dict[str, Any]:
    return {"patterns": ["i will raise/fix/chase"], **options}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I'll raise it Monday, and I won't let it drop.", ["I'll raise"]),
        ("I won't raise it.", None),  # "not" inside the match, not spelt by the pattern
        ("I will never raise it", None),
        ("I'm not sure, but I'll raise it", ["I'll raise"]),  # the comma ends the clause
        ("Not sure but I'll raise it", ["I'll raise"]),  # so does the contrast word
        ("I doubt I'll raise it", ["I'll raise"]),  # no negator word: not negated
    ],
)
def test_negation_applies_within_its_clause(text: str, found: list[str] | None) -> None:
    assert evidence(commits(unless_negated=True), text) == found


def test_a_pattern_that_spells_its_negation_is_not_cancelled_by_it() -> None:
    owns = {"patterns": ["i did not realise"], "unless_negated": True}
    assert evidence(owns, "I didn't realise that.") == ["I didn't realise"]
    assert evidence(owns, "It is not that I didn't realise.") is None  # one before it counts
    assert evidence(owns, "No, I didn't realise.") == ["I didn't realise"]  # another clause


def test_phrases_take_the_same_scope_options() -> None:
    blame = {"phrases": ["blaming you"], "unless_negated": True}
    assert evidence(blame, "I'm not blaming you") is None
    assert evidence(blame, "I'm not angry, but I'm blaming you") == ["blaming you"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I hear you, but the workshops have always been optional.", None),
        ("I hear you. However, the workshops have always been optional.", None),
        ("Fair enough. Two rounds is quite a small sample though.", None),
        ("I hear you, and that matters.", ["I hear you"]),
        ("I hear you. I'll look into it. But not today.", ["I hear you"]),  # two sentences on
        ("It was hard but I hear you.", ["I hear you"]),  # the contrast came first
    ],
)
def test_a_following_contrast_undercuts(text: str, found: list[str] | None) -> None:
    ack = {"phrases": ["i hear you", "fair enough"], "unless_undercut": True}
    assert evidence(ack, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Yes, I hear you, but the workshops have always been optional.", ["always"]),
        ("The workshops have always been optional.", None),
        ("That said, they have always been optional.", ["always"]),
        ("Although it was always like that, it is changing.", None),  # the concession
        ("Although it changed, it has always been optional.", ["always"]),  # the main clause
        ("It has always been optional though.", ["always"]),
    ],
)
def test_after_contrast_is_where_the_weight_lies(text: str, found: list[str] | None) -> None:
    assert evidence({"phrases": ["always"], "after_contrast": True}, text) == found


@pytest.mark.parametrize(
    ("position", "text", "found"),
    [
        ("last_sentence", "Good point, it matters. Never mind, forget it.", ["forget it"]),
        ("last_sentence", "Forget it. No, I mean it matters.", None),
        ("first_sentence", "Forget it. It matters.", ["Forget it"]),
        ("last_clause", "It matters, but forget it", ["forget it"]),
        ("first_clause", "It matters, but forget it", None),
    ],
)
def test_positions(position: str, text: str, found: list[str] | None) -> None:
    assert evidence({"phrases": ["forget it"], "position": position}, text) == found


def test_regex_takes_the_scope_options() -> None:
    assert evidence({"regex": r"\bbudget\b", "after_contrast": True}, "Fine, but the budget") == [
        "budget"
    ]
    assert evidence({"regex": r"\bbudget\b", "after_contrast": True}, "The budget, fine") is None
