"""A cohort's recurring themes from merged anonymous exports: pure functions, no I/O.

A theme is a criterion missed or a flag raised within a group (a track, or a scenario), with the
turns it appeared in and the distinct learners it appeared for. A theme resting on fewer than
MIN_LEARNERS learners is never shown, only counted, and neither is any group that small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from simulator.model import Track
from simulator.report.export_format import AnonymousExport, ExportAttempt

MIN_LEARNERS = 3


class ThemeKind(StrEnum):
    missed = "missed"
    flag = "flag"


@dataclass(frozen=True, slots=True)
class Theme:
    kind: ThemeKind
    id: str
    turns: int
    """Turns in which the criterion was missed or the flag raised."""
    of_turns: int
    """Turns in the group that scored the criterion (for a flag: all of the group's turns)."""
    learners: int

    @property
    def share(self) -> float:
        return self.turns / self.of_turns if self.of_turns else 0.0


@dataclass(frozen=True, slots=True)
class Group:
    """A track or a scenario, with its themes most frequent first."""

    kind: str
    """"track" or "scenario"."""
    name: str
    track: Track
    learners: int
    attempts: int
    turns: int
    missed: tuple[Theme, ...]
    flags: tuple[Theme, ...]


@dataclass(frozen=True, slots=True)
class CohortReport:
    exports: int
    learners: int
    attempts: int
    turns: int
    groups: tuple[Group, ...]
    hidden: int
    """Themes not shown because fewer than MIN_LEARNERS learners share them."""


Entry = tuple[str, ExportAttempt]
"""An attempt with its learner's pseudonym."""


def merge(exports: Iterable[AnonymousExport]) -> list[Entry]:
    """Every attempt once: a learner's later export of the same attempt replaces a shorter one."""
    kept: dict[tuple[str, int], ExportAttempt] = {}
    for export in exports:
        for attempt in export.attempts:
            key = (export.pseudonym, attempt.number)
            old = kept.get(key)
            if old is None or _fullness(attempt) >= _fullness(old):
                kept[key] = attempt
    return [(pseudonym, attempt) for (pseudonym, _), attempt in sorted(kept.items())]


def _fullness(attempt: ExportAttempt) -> tuple[int, bool]:
    return (len(attempt.turns), attempt.ending is not None)


def cohort_report(exports: Sequence[AnonymousExport]) -> CohortReport:
    """The themes of every track and every scenario the exports cover."""
    entries = merge(exports)
    tracks = [t for t in Track if any(a.track is t for _, a in entries)]
    scenarios = sorted({(a.track, a.scenario) for _, a in entries})
    specs = [("track", t.value, t) for t in tracks] + [("scenario", s, t) for t, s in scenarios]
    groups: list[Group] = []
    hidden = 0
    for kind, name, track in specs:
        members = [
            (pseudonym, a) for pseudonym, a in entries
            if a.track is track and (kind == "track" or a.scenario == name)
        ]
        # A beat's focus criteria belong to one scenario: they count only in its own group.
        group, group_hidden = _group(kind, name, track, members, with_focus=kind == "scenario")
        hidden += group_hidden
        if group is not None:
            groups.append(group)
    return CohortReport(
        exports=len(exports),
        learners=len({p for p, _ in entries}),
        attempts=len(entries),
        turns=sum(len(a.turns) for _, a in entries),
        groups=tuple(groups),
        hidden=hidden,
    )


def _group(
    kind: str, name: str, track: Track, members: list[Entry], with_focus: bool
) -> tuple[Group | None, int]:
    """The group with its shown themes (None if it is too small), and how many were hidden."""
    scored: dict[str, int] = {}
    counts: dict[tuple[ThemeKind, str], int] = {}
    learners: dict[tuple[ThemeKind, str], set[str]] = {}
    turns = 0
    for pseudonym, attempt in members:
        for turn in attempt.turns:
            turns += 1
            skip = set() if with_focus else set(turn.focus)
            for criterion in (*turn.met, *turn.missed):
                if criterion not in skip:
                    scored[criterion] = scored.get(criterion, 0) + 1
            marks = [(ThemeKind.missed, c) for c in turn.missed if c not in skip]
            for key in [*marks, *((ThemeKind.flag, f) for f in turn.flags)]:
                counts[key] = counts.get(key, 0) + 1
                learners.setdefault(key, set()).add(pseudonym)
    themes = [
        Theme(kind_, item, counts[(kind_, item)],
              turns if kind_ is ThemeKind.flag else scored[item], len(who))
        for (kind_, item), who in learners.items()
    ]
    shown = sorted(
        (t for t in themes if t.learners >= MIN_LEARNERS),
        key=lambda t: (-t.turns, -t.learners, t.id),
    )
    hidden = len(themes) - len(shown)
    group_learners = len({p for p, _ in members})
    if group_learners < MIN_LEARNERS:
        return None, hidden
    return Group(
        kind=kind, name=name, track=track, learners=group_learners, attempts=len(members),
        turns=turns,
        missed=tuple(t for t in shown if t.kind is ThemeKind.missed),
        flags=tuple(t for t in shown if t.kind is ThemeKind.flag),
    ), hidden
