"""Every key of the `when` vocabulary, alone and combined, on hand-built score results."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.engine.conditions import Facts, compile_when, describe_when
from simulator.model import Band, When
from simulator.scoring.result import CriterionResult, FlagResult, ScoreResult


def facts(
    *,
    band: Band = Band.adequate,
    score: float = 0.5,
    met: tuple[str, ...] = (),
    missed: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    meters: dict[str, int] | None = None,
    turn: int = 1,
) -> Facts:
    criteria = tuple(
        CriterionResult(id=cid, label=cid, weight=1.0, met=cid in met)
        for cid in (*met, *missed)
    )
    raised = tuple(
        FlagResult(id=fid, label=fid, penalty=0.1, evidence=((0, 1),), tip="tip") for fid in flags
    )
    result = ScoreResult(text="x", score=score, band=band, criteria=criteria, flags=raised)
    return Facts(result=result, meters=dict(meters or {}), turn=turn)


def holds(when: dict[str, Any], turn_facts: Facts) -> bool:
    return compile_when(When.model_validate(when)).holds(turn_facts)


def test_band_single() -> None:
    assert holds({"band": "strong"}, facts(band=Band.strong))
    assert not holds({"band": "strong"}, facts(band=Band.adequate))


def test_band_list() -> None:
    when = {"band": ["strong", "adequate"]}
    assert holds(when, facts(band=Band.strong))
    assert holds(when, facts(band=Band.adequate))
    assert not holds(when, facts(band=Band.weak))


def test_score_at_least_includes_the_bound() -> None:
    assert holds({"score_at_least": 0.5}, facts(score=0.5))
    assert holds({"score_at_least": 0.5}, facts(score=0.9))
    assert not holds({"score_at_least": 0.5}, facts(score=0.49))


def test_score_at_least_ignores_float_noise() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 and 0.7 - 0.4 is 0.29999999999999993.
    assert holds({"score_at_least": 0.3}, facts(score=0.7 - 0.4))


def test_score_below_excludes_the_bound() -> None:
    assert holds({"score_below": 0.3}, facts(score=0.29))
    assert not holds({"score_below": 0.3}, facts(score=0.3))


def test_met_needs_every_criterion() -> None:
    assert holds({"met": ["specific", "invites"]}, facts(met=("specific", "invites")))
    assert not holds(
        {"met": ["specific", "invites"]}, facts(met=("specific",), missed=("invites",))
    )


def test_missed_needs_every_criterion_scored_and_missed() -> None:
    assert holds({"missed": ["owns"]}, facts(missed=("owns",)))
    assert not holds({"missed": ["owns"]}, facts(met=("owns",)))
    # A focus criterion of another beat is not scored here: it was not missed either.
    assert not holds({"missed": ["on_topic"]}, facts(missed=("owns",)))


def test_flags_any_needs_one_of_them() -> None:
    assert holds({"flags_any": ["blame", "contempt"]}, facts(flags=("contempt",)))
    assert not holds({"flags_any": ["blame", "contempt"]}, facts(flags=("hedging",)))
    assert not holds({"flags_any": ["blame"]}, facts())


def test_no_flags() -> None:
    assert holds({"no_flags": True}, facts())
    assert not holds({"no_flags": True}, facts(flags=("hedging",)))


def test_meter_at_least() -> None:
    assert holds({"meter": {"trust": {"at_least": 1}}}, facts(meters={"trust": 1}))
    assert not holds({"meter": {"trust": {"at_least": 1}}}, facts(meters={"trust": 0}))


def test_meter_below() -> None:
    assert holds({"meter": {"trust": {"below": 0}}}, facts(meters={"trust": -1}))
    assert not holds({"meter": {"trust": {"below": 0}}}, facts(meters={"trust": 0}))


def test_meter_range_and_several_meters() -> None:
    when = {"meter": {"trust": {"at_least": 1, "below": 3}, "patience": {"below": 1}}}
    assert holds(when, facts(meters={"trust": 2, "patience": 0}))
    assert not holds(when, facts(meters={"trust": 3, "patience": 0}))
    assert not holds(when, facts(meters={"trust": 2, "patience": 1}))


def test_turn_at_least() -> None:
    assert holds({"turn_at_least": 3}, facts(turn=3))
    assert holds({"turn_at_least": 3}, facts(turn=4))
    assert not holds({"turn_at_least": 3}, facts(turn=2))


def test_any_needs_one_inner_condition() -> None:
    when = {"any": [{"band": "strong"}, {"met": ["owns"]}]}
    assert holds(when, facts(band=Band.strong))
    assert holds(when, facts(band=Band.weak, met=("owns",)))
    assert not holds(when, facts(band=Band.weak, missed=("owns",)))


def test_not_inverts() -> None:
    assert holds({"not": {"flags_any": ["blame"]}}, facts())
    assert not holds({"not": {"flags_any": ["blame"]}}, facts(flags=("blame",)))


def test_several_keys_must_all_hold() -> None:
    when = {"band": "strong", "no_flags": True, "meter": {"trust": {"at_least": 1}}}
    assert holds(when, facts(band=Band.strong, meters={"trust": 1}))
    assert not holds(when, facts(band=Band.strong, meters={"trust": 0}))
    assert not holds(when, facts(band=Band.strong, meters={"trust": 1}, flags=("blame",)))
    assert not holds(when, facts(band=Band.adequate, meters={"trust": 1}))


def test_nested_combinators() -> None:
    when = {"not": {"any": [{"band": "weak"}, {"flags_any": ["blame"]}]}, "turn_at_least": 2}
    assert holds(when, facts(band=Band.strong, turn=2))
    assert not holds(when, facts(band=Band.strong, turn=1))
    assert not holds(when, facts(band=Band.weak, turn=2))


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (None, "else"),
        ({"band": "strong"}, "band: strong"),
        ({"band": ["weak", "strong"]}, "band: weak, strong"),
        ({"flags_any": ["blame", "contempt"]}, "flags: blame, contempt"),
        ({"no_flags": True}, "no flags"),
        ({"score_at_least": 0.5, "score_below": 0.8}, "score at least 0.5 and score below 0.8"),
        ({"met": ["specific"], "missed": ["owns"]}, "met: specific and missed: owns"),
        ({"meter": {"trust": {"at_least": 1, "below": 3}}}, "trust at least 1 and below 3"),
        ({"turn_at_least": 3}, "reply 3 or later"),
        ({"any": [{"band": "strong"}, {"met": ["owns"], "no_flags": True}]},
         "band: strong or (met: owns and no flags)"),
        ({"not": {"band": "weak"}, "no_flags": True}, "no flags and not band: weak"),
        ({"not": {"band": "weak", "no_flags": True}}, "not (band: weak and no flags)"),
    ],
)
def test_conditions_describe_themselves(when: dict[str, Any] | None, text: str) -> None:
    assert describe_when(None if when is None else When.model_validate(when)) == text
