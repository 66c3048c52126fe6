"""Cohort themes: counts per track and scenario, and nothing resting on fewer than 3 learners."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.model import Band, Outcome, Track
from simulator.report import (
    FORMAT,
    MIN_LEARNERS,
    AnonymousExport,
    ExportAttempt,
    ExportTurn,
    ThemeKind,
    cohort_report,
    merge,
)


def turn(number: int, missed: Sequence[str] = (), flags: Sequence[str] = (),
         met: Sequence[str] = (), focus: Sequence[str] = ()) -> ExportTurn:
    return ExportTurn(turn=number, beat="opening", band=Band.weak, score=0.3,
                      met=list(met), missed=list(missed), flags=list(flags), focus=list(focus))


def attempt(number: int, scenario: str, turns: list[ExportTurn],
            track: Track = Track.junior) -> ExportAttempt:
    return ExportAttempt(number=number, scenario=scenario, scenario_hash="ab" * 32, track=track,
                         ending="end", outcome=Outcome.partial, turns=turns)


def learner(index: int, *attempts: ExportAttempt) -> AnonymousExport:
    """One learner's export; scores differ a little per learner, as real attempts do (identical
    attempts are one attempt, whatever the pseudonym)."""
    distinct = [
        a.model_copy(update={"turns": [
            t.model_copy(update={"score": round(0.3 + index / 1000 + a.number / 100_000, 6)})
            for t in a.turns
        ]})
        for a in attempts
    ]
    return AnonymousExport(format=FORMAT, version=1, pseudonym=f"learner-{index:016x}",
                           attempts=distinct)


def test_a_theme_shared_by_two_learners_is_hidden_and_by_three_shown() -> None:
    assert MIN_LEARNERS == 3
    two = [learner(i, attempt(1, "board", [turn(1, missed=["invites"], flags=["hedging"])]))
           for i in range(2)]
    report = cohort_report(two)
    assert report.groups == ()  # a group of two learners is not shown at all
    assert report.hidden == 4  # invites and hedging, in the track and in the scenario

    three = [*two, learner(2, attempt(1, "board", [turn(1, missed=["invites"])]))]
    report = cohort_report(three)
    track, scenario = report.groups
    assert (track.kind, track.name, track.learners, track.turns) == ("track", "junior", 3, 3)
    assert (scenario.kind, scenario.name) == ("scenario", "board")
    [invites] = track.missed
    assert (invites.kind, invites.id, invites.turns, invites.of_turns, invites.learners) == (
        ThemeKind.missed, "invites", 3, 3, 3)
    assert track.flags == () and scenario.flags == ()  # hedging: still only two learners
    assert report.hidden == 2


def test_counts_are_turns_and_distinct_learners_most_frequent_first() -> None:
    exports = [
        learner(0, attempt(1, "board", [turn(1, missed=["specific", "invites"]),
                                        turn(2, missed=["invites"], met=["specific"])]),
                attempt(2, "board", [turn(1, missed=["invites"], flags=["blame"])])),
        learner(1, attempt(1, "board", [turn(1, missed=["specific"], flags=["blame"])])),
        learner(2, attempt(1, "board", [turn(1, missed=["invites", "specific"],
                                             flags=["blame"])])),
        learner(3, attempt(1, "skip", [turn(1, met=["curious"])], track=Track.senior)),
    ]
    report = cohort_report(exports)
    assert (report.learners, report.attempts, report.turns) == (4, 5, 6)
    track, scenario = report.groups  # the senior track and its scenario have one learner
    assert (track.name, track.learners, track.attempts, track.turns) == ("junior", 3, 4, 5)
    # specific was scored in 4 turns and missed in 3; invites was missed most often (4 turns)
    # but by two learners only, so it is hidden, in the track and in the scenario.
    assert [(t.id, t.turns, t.of_turns, t.learners) for t in track.missed] == [
        ("specific", 3, 4, 3),
    ]
    assert [(t.id, t.turns, t.of_turns, t.learners) for t in track.flags] == [("blame", 3, 5, 3)]
    assert scenario.missed == track.missed and scenario.flags == track.flags
    assert report.hidden == 2


def test_focus_criteria_count_only_in_their_scenario() -> None:
    exports = [
        learner(i, attempt(1, f"scenario-{i % 2}",
                           [turn(1, missed=["on_topic"], focus=["on_topic"])]))
        for i in range(4)
    ]
    report = cohort_report(exports)
    [track] = report.groups  # each scenario has two learners: both hidden
    assert track.missed == ()
    assert report.hidden == 2


def test_a_later_export_of_the_same_attempt_replaces_the_earlier() -> None:
    unfinished = attempt(1, "board", [turn(1, missed=["invites"])])
    early = learner(0, unfinished.model_copy(update={"ending": None, "outcome": None}))
    late = learner(0, attempt(1, "board", [turn(1, missed=["invites"]), turn(2)]),
                   attempt(2, "board", [turn(1)]))
    merged = merge([late, early])
    assert [(name, a.number, len(a.turns)) for name, a in merged] == [
        ("learner-0000000000000000", 1, 2), ("learner-0000000000000000", 2, 1),
    ]
    report = cohort_report([early, late, early])
    assert (report.learners, report.attempts, report.turns) == (1, 2, 3)


def test_themes_are_ordered_by_turns_then_learners() -> None:
    exports = [
        learner(i, attempt(1, "board", [turn(1, missed=["specific", "invites"]),
                                        turn(2, missed=["invites"], flags=["hedging"])]))
        for i in range(3)
    ] + [learner(3, attempt(1, "board", [turn(1, flags=["blame", "hedging"])]))]
    track = cohort_report(exports).groups[0]
    assert [(t.id, t.turns, t.learners) for t in track.missed] == [
        ("invites", 6, 3), ("specific", 3, 3),
    ]
    assert [(t.id, t.turns, t.of_turns, t.learners) for t in track.flags] == [
        ("hedging", 4, 7, 4),
    ]
