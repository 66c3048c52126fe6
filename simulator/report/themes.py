"""A cohort's recurring themes from merged anonymous exports: pure functions, no I/O.

A theme is a criterion missed or a flag raised within a group (a track, or a scenario), with the
turns it appeared in and the distinct learners it appeared for. A theme resting on fewer than
MIN_LEARNERS learners is never shown, only counted, and neither is any group that small.

Three defences keep that rule from being defeated inside one report:
- an export whose answered attempts all appear in another export (by content, whatever the
  pseudonym or attempt number) is the same learner's, so copies of one export with edited
  pseudonyms are one learner, and a learner's later export replaces their earlier one (a
  learner whose every attempt another learner's matches, figure for figure, counts once with
  them: the report errs towards hiding);
- complementary suppression: a track's figure is the sum of its scenarios' figures, so a track
  figure is withheld when subtracting the shown scenario figures would leave a remainder that
  rests on one or two learners; the same holds for the whole cohort's counts against the tracks';
- ids that read like sentences are refused when the export is read (`export_format`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from simulator.model import Track
from simulator.report.export_format import AnonymousExport, ExportAttempt, ExportTurn

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
    counts_withheld: bool = False
    """The learner, attempt and turn counts would reveal a hidden scenario's by subtraction."""


@dataclass(frozen=True, slots=True)
class CohortReport:
    exports: int
    learners: int
    attempts: int
    turns: int
    groups: tuple[Group, ...]
    hidden: int
    """Themes not shown because fewer than MIN_LEARNERS learners share them, or because showing
    them would let a hidden figure be computed by subtraction."""
    counts_withheld: bool = False
    """The cohort's own counts would reveal a hidden track's by subtraction."""


Entry = tuple[str, ExportAttempt]
"""An attempt with its learner: the pseudonym standing for every export found to be theirs."""

_TurnKey = tuple[object, ...]


def _turn_key(turn: ExportTurn) -> _TurnKey:
    return (turn.turn, turn.beat, turn.band, turn.score, tuple(turn.met), tuple(turn.missed),
            tuple(turn.flags), tuple(turn.focus))


def _same_run(short: ExportAttempt, full: ExportAttempt) -> bool:
    """`short` is `full`, or an earlier export of it: same scenario, its turns a prefix."""
    if (short.scenario, short.scenario_hash, short.track) != \
            (full.scenario, full.scenario_hash, full.track):
        return False
    if len(short.turns) > len(full.turns):
        return False
    if short.ending is not None and (short.ending, short.outcome, len(short.turns)) != \
            (full.ending, full.outcome, len(full.turns)):
        return False
    return all(_turn_key(a) == _turn_key(b) for a, b in zip(short.turns, full.turns, strict=False))


class _Learners:
    """Union-find over pseudonyms: exports that share an attempt are one learner's."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, name: str) -> str:
        root = self.parent.setdefault(name, name)
        while root != self.parent[root]:
            root = self.parent[root]
        self.parent[name] = root
        return root

    def join(self, a: str, b: str) -> None:
        first, second = sorted((self.find(a), self.find(b)))
        self.parent[second] = first


def _signature(attempt: ExportAttempt) -> tuple[object, ...]:
    return (attempt.scenario, attempt.scenario_hash, _turn_key(attempt.turns[0]))


def _contained(small: AnonymousExport, large: AnonymousExport) -> bool:
    """Every answered attempt of `small` is in `large` (the same, or `large` has it further)."""
    return all(
        any(_same_run(attempt, other) for other in large.attempts)
        for attempt in small.attempts if attempt.turns
    )


def merge(exports: Iterable[AnonymousExport]) -> list[Entry]:
    """Every attempt once, and every learner once, recognised by content.

    An export whose answered attempts are all found in another export (the same or carried
    further, under any pseudonym and any attempt number) is the same learner's: a later export,
    or a copy. A learner's attempts then count once each, the fullest copy kept. An export with
    no answered turn links to nothing: it has no figures to match.
    """
    exports = list(exports)
    learners = _Learners()
    for export in exports:
        learners.find(export.pseudonym)
    signatures = [{_signature(a) for a in e.attempts if a.turns} for e in exports]
    holders: dict[tuple[object, ...], set[int]] = {}
    for index, found in enumerate(signatures):
        for signature in found:
            holders.setdefault(signature, set()).add(index)
    for index, found in enumerate(signatures):
        if not found:
            continue
        for other in set.intersection(*(holders[sig] for sig in found)) - {index}:
            if _contained(exports[index], exports[other]):
                learners.join(exports[index].pseudonym, exports[other].pseudonym)
    by_learner: dict[str, list[ExportAttempt]] = {}
    for export in exports:
        by_learner.setdefault(learners.find(export.pseudonym), []).extend(export.attempts)
    entries: list[Entry] = []
    for learner, attempts in by_learner.items():
        kept: list[ExportAttempt] = []
        # Fullest first, so every shorter copy meets the attempt it is part of.
        for attempt in sorted(attempts, key=lambda a: (-len(a.turns), a.ending is None)):
            if not attempt.turns and any(k.number == attempt.number and
                                         k.scenario == attempt.scenario for k in kept):
                continue  # an attempt exported before its first answer
            if attempt.turns and any(_same_run(attempt, k) for k in kept):
                continue
            kept.append(attempt)
        entries += [(learner, attempt) for attempt in kept]
    return sorted(entries, key=lambda item: (item[0], item[1].number, item[1].scenario))


def _contributors(members: list[Entry]) -> set[str]:
    return {learner for learner, _ in members}


def cohort_report(exports: Sequence[AnonymousExport]) -> CohortReport:
    """The themes of every track and every scenario the exports cover."""
    entries = merge(exports)
    hidden = 0
    groups: list[Group] = []
    track_groups: list[Group] = []
    for track in [t for t in Track if any(a.track is t for _, a in entries)]:
        in_track = [(p, a) for p, a in entries if a.track is track]
        scenario_groups: list[Group] = []
        residue: list[Entry] = []  # attempts of scenarios not shown
        shown_cells: dict[tuple[ThemeKind, str], set[str]] = {}
        for name in sorted({a.scenario for _, a in in_track}):
            members = [(p, a) for p, a in in_track if a.scenario == name]
            # A beat's focus criteria belong to one scenario: they count only in its own group.
            group, group_hidden = _group("scenario", name, track, members, with_focus=True)
            hidden += group_hidden
            if group is None:
                residue += members
                continue
            scenario_groups.append(group)
            for theme in (*group.missed, *group.flags):
                shown_cells.setdefault((theme.kind, theme.id), set()).add(name)
        group, group_hidden = _group("track", track.value, track, in_track, with_focus=False)
        hidden += group_hidden
        if group is not None:
            group, withheld = _suppress(group, in_track, residue, shown_cells)
            hidden += withheld
            track_groups.append(group)
            groups.append(group)
        groups += scenario_groups
    # The cohort's counts minus the shown tracks' give the hidden tracks': withhold them when
    # that remainder rests on one or two learners.
    shown_tracks = {g.name for g in track_groups}
    rest = [(p, a) for p, a in entries if a.track.value not in shown_tracks]
    return CohortReport(
        exports=len(exports),
        learners=len({p for p, _ in entries}),
        attempts=len(entries),
        turns=sum(len(a.turns) for _, a in entries),
        groups=tuple(groups),
        hidden=hidden,
        # A track whose counts are withheld would be the cohort's minus the other tracks'.
        counts_withheld=0 < len(_contributors(rest)) < MIN_LEARNERS
        or any(g.counts_withheld for g in track_groups),
    )


def _suppress(
    group: Group, members: list[Entry], residue: list[Entry],
    shown_cells: dict[tuple[ThemeKind, str], set[str]],
) -> tuple[Group, int]:
    """The track group with every figure withheld whose remainder would expose a small group.

    A track theme's figure minus the same theme's figures in the scenarios that show it is the
    theme's figure in the scenarios that do not; it is shown only when no learner at all, or at
    least MIN_LEARNERS learners, stand behind that remainder.
    """
    counts_withheld = 0 < len(_contributors(residue)) < MIN_LEARNERS

    def safe(theme: Theme) -> bool:
        showing = shown_cells.get((theme.kind, theme.id), set())
        behind = {p for p, a in members if a.scenario not in showing and _touches(a, theme)}
        return not 0 < len(behind) < MIN_LEARNERS

    missed = tuple(t for t in group.missed if safe(t))
    # A flag is counted "of N turns", N the track's turns: withheld counts withhold it too.
    flags = () if counts_withheld else tuple(t for t in group.flags if safe(t))
    withheld = len(group.missed) - len(missed) + len(group.flags) - len(flags)
    return Group(
        kind=group.kind, name=group.name, track=group.track, learners=group.learners,
        attempts=group.attempts, turns=group.turns, missed=missed, flags=flags,
        counts_withheld=counts_withheld,
    ), withheld


def _touches(attempt: ExportAttempt, theme: Theme) -> bool:
    """Whether the attempt adds to the theme's figures (its count or what it is counted of)."""
    if theme.kind is ThemeKind.flag:
        return bool(attempt.turns)  # every turn counts in a flag's "of N turns"
    return any(theme.id in (*t.met, *t.missed) and theme.id not in t.focus for t in attempt.turns)


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
