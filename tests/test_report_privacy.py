"""Cohort privacy: the three-learner rule holds against copies, pseudonyms and subtraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli.cmd_report import plain
from simulator.model import Band, Outcome, Track
from simulator.report import (
    FORMAT,
    AnonymousExport,
    ExportAttempt,
    ExportError,
    ExportTurn,
    cohort_report,
    dump_export,
    parse_export,
)
from tests.helpers import FIXTURES, run_upward


def export(index: int, scenario: str = "board", flags: tuple[str, ...] = ("hedging",),
           track: Track = Track.junior) -> AnonymousExport:
    turns = [ExportTurn(turn=1, beat="opening", band=Band.weak, score=0.3 + index / 1000,
                        met=[], missed=["invites"], flags=list(flags), focus=[])]
    attempt = ExportAttempt(number=1, scenario=scenario, scenario_hash="ab" * 32, track=track,
                            ending="end", outcome=Outcome.partial, turns=turns)
    return AnonymousExport(format=FORMAT, version=1, pseudonym=f"learner-{index:016x}",
                           attempts=[attempt])


def test_copies_of_one_export_with_edited_pseudonyms_are_one_learner() -> None:
    one = export(0)
    copies = [one.model_copy(update={"pseudonym": f"learner-{n:016x}"}) for n in range(1, 4)]
    report = cohort_report([one, *copies])
    assert (report.learners, report.attempts) == (1, 1)
    assert report.groups == ()


def test_learners_are_linked_only_when_every_answered_attempt_matches() -> None:
    first = export(0)
    empty = [e.model_copy(update={"attempts": [e.attempts[0].model_copy(update={
        "turns": [], "ending": None, "outcome": None})]}) for e in (export(1), export(2))]
    assert cohort_report(empty).learners == 2  # nothing answered: nothing to match
    same_start = export(3).model_copy(update={"attempts": [
        first.attempts[0], export(4, scenario="other").attempts[0]]})
    report = cohort_report([first, same_start])
    # `first` is wholly inside `same_start`: one learner (the report errs towards hiding) ...
    assert (report.learners, report.attempts) == (1, 2)
    # ... but a learner with an attempt of their own is never folded into another.
    assert cohort_report([same_start, export(5)]).learners == 2


def test_a_learner_alone_on_a_scenario_cannot_be_read_off_the_track_total() -> None:
    crowd = [export(i) for i in range(3)]
    alone = export(9, scenario="other", flags=("blame", "hedging"))
    report = cohort_report([*crowd, alone])
    track, scenario = report.groups
    assert (track.kind, scenario.kind, scenario.name) == ("track", "scenario", "board")
    # Track minus scenario would be the lone learner's own figures: withheld, not shown.
    assert track.counts_withheld
    assert track.flags == ()  # "of N turns" is the track's turn count
    assert [t.id for t in track.missed] == []  # invites: the lone learner missed it too
    assert [t.id for t in scenario.missed] == ["invites"]
    assert report.counts_withheld  # the cohort's counts are the track's here
    text = plain(report, 5)
    assert "Track junior: counts withheld" in text
    assert "4 learners" not in text and "4 turns" not in text


def test_a_small_track_cannot_be_read_off_the_cohort_counts() -> None:
    report = cohort_report([*(export(i) for i in range(3)), export(7, track=Track.senior)])
    assert report.counts_withheld
    assert plain(report, 5).startswith("Cohort themes: 4 exports (counts withheld")


def test_with_enough_learners_behind_every_remainder_all_is_shown() -> None:
    report = cohort_report([*(export(i) for i in range(3)),
                            *(export(i, scenario="other") for i in range(10, 13))])
    track = report.groups[0]
    assert not track.counts_withheld and not report.counts_withheld
    assert [t.id for t in track.flags] == ["hedging"]
    assert (track.learners, track.attempts, track.turns) == (6, 6, 6)


@pytest.mark.parametrize("slug", ["i-told-him-he-was-wrong", "my-boss-is-a-liar-and-a-bully",
                                  "a" * 30 + "-" + "b" * 30])
def test_a_sentence_shaped_id_is_refused(slug: str) -> None:
    data = json.loads(dump_export(export(0)))
    data["attempts"][0]["turns"][0]["beat"] = slug
    with pytest.raises(ExportError, match="reads like a sentence"):
        parse_export(json.dumps(data), "x.json")


def test_huge_integers_in_an_export_are_refused_with_a_message(tmp_path: Path) -> None:
    data = dump_export(export(0)).replace('"number": 1', '"number": ' + "9" * 5000)
    bad = tmp_path / "big.json"
    bad.write_text(data, encoding="utf-8")
    result = run_upward("report", str(bad))
    assert result.returncode == 1
    assert "a number of 5,000 digits" in result.stderr
    assert "Traceback" not in result.stderr


def test_each_export_has_a_fresh_pseudonym_unless_linked(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    library = FIXTURES / "engine" / "library"
    run_upward("--library", str(library), "play", "fixture-dashboard", "--plain",
               "--db", str(db), input="/3\n")
    names = []
    for flags in ([], [], ["--link"], ["--link"]):
        result = run_upward("export", "--anonymous", "--db", str(db), *flags)
        assert result.returncode == 0, result.stderr
        names.append(json.loads(result.stdout)["pseudonym"])
    assert len({names[0], names[1], names[2]}) == 3
    assert names[2] == names[3]
    # Two unlinked exports of the same history are still one learner in a report.
    files = []
    for index in range(2):
        files.append(tmp_path / f"e{index}.json")
        run_upward("export", "--anonymous", "--db", str(db), "--out", str(files[-1]))
    report = run_upward("report", *map(str, files))
    assert "1 learner, 1 attempt" in report.stdout or "counts withheld" in report.stdout
