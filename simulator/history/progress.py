"""Progress across attempts: per criterion and per flag, how often, attempt by attempt.

Pure functions over `Attempt`s. Tracks are kept apart: their rubrics differ. A criterion counts
in the turns that scored it (a beat's focus criteria are left out: they belong to one turn, not
to a skill); a flag counts in every turn of its track.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.history.models import Attempt, MarkKind
from simulator.model import Track

SPARKS = "▁▂▃▄▅▆▇█"
MAX_POINTS = 30
"""The sparkline shows at most this many of the latest attempts."""


@dataclass(frozen=True, slots=True)
class Point:
    """One attempt's count: `hits` of `turns` (met, for a criterion; raised, for a flag)."""

    attempt_id: int
    hits: int
    turns: int

    @property
    def rate(self) -> float:
        return self.hits / self.turns if self.turns else 0.0


@dataclass(frozen=True, slots=True)
class Trend:
    """A criterion's or flag's points, oldest attempt first."""

    kind: MarkKind
    """`met` for a criterion (hits are turns that met it), `flag` for a flag."""
    id: str
    label: str | None
    points: tuple[Point, ...]

    @property
    def verb(self) -> str:
        return "raised" if self.kind is MarkKind.flag else "met"

    def sparkline(self) -> str:
        """One block per attempt, its height the rate: ▁ never … █ every turn."""
        shown = self.points[-MAX_POINTS:]
        return "".join(SPARKS[round(p.rate * (len(SPARKS) - 1))] for p in shown)

    def words(self) -> str:
        """`raised in 3 of 4 turns → 0 of 3 (less often)`: the first attempt against the latest."""
        first, last = self.points[0], self.points[-1]
        if len(self.points) == 1:
            return f"{self.verb} in {_of(first)} (one attempt so far)"
        if last.rate > first.rate:
            change = "more often"
        elif last.rate < first.rate:
            change = "less often"
        else:
            change = "as often"
        return f"{self.verb} in {_of(first)} → {last.hits} of {last.turns} ({change})"


def _of(point: Point) -> str:
    return f"{point.hits} of {point.turns} turn{'' if point.turns == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class TrackProgress:
    track: Track
    attempts: int
    """Attempts counted: finished ones (and unfinished, when asked) with an answered turn."""
    criteria: tuple[Trend, ...]
    flags: tuple[Trend, ...]


def progress(
    attempts: Iterable[Attempt], *, unfinished: bool = False
) -> dict[Track, TrackProgress]:
    """Per track, a trend for every criterion scored and every flag ever raised.

    Unfinished attempts are left out unless `unfinished`: a run abandoned after one reply
    says little about a skill.
    """
    ordered = sorted(
        (a for a in attempts if a.turns and (unfinished or a.finished)), key=lambda a: a.id
    )
    result: dict[Track, TrackProgress] = {}
    for track in Track:
        played = [a for a in ordered if a.track is track]
        if played:
            result[track] = TrackProgress(
                track, len(played), _criteria(played), _flags(played)
            )
    return result


def _criteria(played: list[Attempt]) -> tuple[Trend, ...]:
    points: dict[str, list[Point]] = {}
    labels: dict[str, str | None] = {}
    for attempt in played:
        counts: dict[str, list[int]] = {}
        for turn in attempt.turns:
            for mark in turn.marks:
                if mark.kind is MarkKind.flag or mark.focus:
                    continue
                hits_turns = counts.setdefault(mark.id, [0, 0])
                hits_turns[0] += mark.kind is MarkKind.met
                hits_turns[1] += 1
                labels[mark.id] = mark.label or labels.get(mark.id)
        for item, (hits, turns) in counts.items():
            points.setdefault(item, []).append(Point(attempt.id, hits, turns))
    return tuple(
        Trend(MarkKind.met, item, labels.get(item), tuple(points[item])) for item in sorted(points)
    )


def _flags(played: list[Attempt]) -> tuple[Trend, ...]:
    labels: dict[str, str | None] = {}
    for attempt in played:
        for turn in attempt.turns:
            for mark in turn.marks:
                if mark.kind is MarkKind.flag:
                    labels[mark.id] = mark.label or labels.get(mark.id)
    return tuple(
        Trend(MarkKind.flag, flag, labels[flag], tuple(
            Point(a.id, sum(flag in t.flags for t in a.turns), len(a.turns)) for a in played
        ))
        for flag in sorted(labels)
    )
