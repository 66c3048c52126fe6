"""`when` as named predicates: each key of the typed model becomes one small object.

Nothing is evaluated as code. Each predicate reads a `Facts` (the turn's score result, the meters
before the branch's effects, the reply number) and can describe itself in a few words for
`upward graph` and for trainers' messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from simulator.model import Band, MeterTest, When
from simulator.scoring.result import ScoreResult

SCORE_DIGITS = 9
"""Scores are sums of float weights: 0.1 + 0.2 must still count as at least 0.3."""


@dataclass(slots=True)
class Facts:
    """What a branch condition may look at, for one reply."""

    result: ScoreResult
    meters: dict[str, int]
    """The session's meters as they are before the taken branch's effects."""
    turn: int
    """The learner's reply number, from 1."""
    branch: int | None = None
    """Set by the machine to the index of the `next` entry taken."""
    ran_out: bool = False
    """Set by the machine when `max_turns` redirected the branch to `on_max_turns`."""
    effects: Mapping[str, int] = field(default_factory=dict)
    """The effects applied by the taken branch."""

    @property
    def score(self) -> float:
        return round(self.result.score, SCORE_DIGITS)


class Condition(Protocol):
    """A named predicate over a turn's facts."""

    def holds(self, facts: Facts) -> bool: ...

    def describe(self) -> str: ...


@dataclass(frozen=True, slots=True)
class BandIs:
    bands: tuple[Band, ...]
    """In the trainer's order, so the label mirrors the file."""

    def holds(self, facts: Facts) -> bool:
        return facts.result.band in self.bands

    def describe(self) -> str:
        return "band: " + ", ".join(b.value for b in self.bands)


@dataclass(frozen=True, slots=True)
class ScoreAtLeast:
    bound: float

    def holds(self, facts: Facts) -> bool:
        return facts.score >= self.bound

    def describe(self) -> str:
        return f"score at least {self.bound:g}"


@dataclass(frozen=True, slots=True)
class ScoreBelow:
    bound: float

    def holds(self, facts: Facts) -> bool:
        return facts.score < self.bound

    def describe(self) -> str:
        return f"score below {self.bound:g}"


@dataclass(frozen=True, slots=True)
class AllMet:
    ids: tuple[str, ...]

    def holds(self, facts: Facts) -> bool:
        met = set(facts.result.met)
        return all(cid in met for cid in self.ids)

    def describe(self) -> str:
        return "met: " + ", ".join(self.ids)


@dataclass(frozen=True, slots=True)
class AllMissed:
    ids: tuple[str, ...]

    def holds(self, facts: Facts) -> bool:
        # A criterion that was not scored this turn is neither met nor missed.
        missed = set(facts.result.missed)
        return all(cid in missed for cid in self.ids)

    def describe(self) -> str:
        return "missed: " + ", ".join(self.ids)


@dataclass(frozen=True, slots=True)
class AnyFlag:
    ids: tuple[str, ...]

    def holds(self, facts: Facts) -> bool:
        raised = set(facts.result.flag_ids)
        return any(fid in raised for fid in self.ids)

    def describe(self) -> str:
        return "flags: " + ", ".join(self.ids)


@dataclass(frozen=True, slots=True)
class NoFlags:
    def holds(self, facts: Facts) -> bool:
        return not facts.result.flags

    def describe(self) -> str:
        return "no flags"


@dataclass(frozen=True, slots=True)
class MeterIn:
    meter: str
    at_least: int | None
    below: int | None

    def holds(self, facts: Facts) -> bool:
        value = facts.meters.get(self.meter, 0)
        if self.at_least is not None and value < self.at_least:
            return False
        return self.below is None or value < self.below

    def describe(self) -> str:
        parts = []
        if self.at_least is not None:
            parts.append(f"at least {self.at_least}")
        if self.below is not None:
            parts.append(f"below {self.below}")
        return f"{self.meter} " + " and ".join(parts)


@dataclass(frozen=True, slots=True)
class TurnAtLeast:
    turn: int

    def holds(self, facts: Facts) -> bool:
        return facts.turn >= self.turn

    def describe(self) -> str:
        return f"reply {self.turn} or later"


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Condition, ...]

    def holds(self, facts: Facts) -> bool:
        return all(part.holds(facts) for part in self.parts)

    def describe(self) -> str:
        return " and ".join(_grouped(part, AnyOf) for part in self.parts) or "always"


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Condition, ...]

    def holds(self, facts: Facts) -> bool:
        return any(part.holds(facts) for part in self.parts)

    def describe(self) -> str:
        return " or ".join(_grouped(part, AllOf) for part in self.parts)


@dataclass(frozen=True, slots=True)
class Not:
    inner: Condition

    def holds(self, facts: Facts) -> bool:
        return not self.inner.holds(facts)

    def describe(self) -> str:
        return "not " + _grouped(self.inner, AllOf, AnyOf)


def _grouped(condition: Condition, *needs_brackets: type) -> str:
    text = condition.describe()
    return f"({text})" if isinstance(condition, needs_brackets) else text


def _meter_tests(meters: Mapping[str, MeterTest]) -> list[Condition]:
    return [MeterIn(name, test.at_least, test.below) for name, test in meters.items()]


def compile_when(when: When) -> Condition:
    """The predicate for a `when` mapping: every key given must hold, in the model's key order."""
    parts: list[Condition] = []
    if when.band is not None:
        bands = when.band if isinstance(when.band, list) else [when.band]
        parts.append(BandIs(tuple(bands)))
    if when.score_at_least is not None:
        parts.append(ScoreAtLeast(when.score_at_least))
    if when.score_below is not None:
        parts.append(ScoreBelow(when.score_below))
    if when.met is not None:
        parts.append(AllMet(tuple(when.met)))
    if when.missed is not None:
        parts.append(AllMissed(tuple(when.missed)))
    if when.flags_any is not None:
        parts.append(AnyFlag(tuple(when.flags_any)))
    if when.no_flags:
        parts.append(NoFlags())
    if when.meter is not None:
        parts.extend(_meter_tests(when.meter))
    if when.turn_at_least is not None:
        parts.append(TurnAtLeast(when.turn_at_least))
    if when.any is not None:
        parts.append(AnyOf(tuple(compile_when(inner) for inner in when.any)))
    if when.not_ is not None:
        parts.append(Not(compile_when(when.not_)))
    # Keys written as `null` are "set" yet say nothing: such a `when` holds, like an empty one.
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def describe_when(when: When | None) -> str:
    """A short readable label: `band: strong`, `flags: blame, contempt`, `else` for the fallback."""
    return "else" if when is None else compile_when(when).describe()
