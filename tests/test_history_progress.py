"""Progress across attempts: per criterion and per flag, attempt by attempt, in plain words."""

from __future__ import annotations

from pathlib import Path

from simulator.history import SqliteStore, progress
from simulator.history.progress import SPARKS
from simulator.model import Outcome, Track
from tests.test_history_store import make_result


def play(store: SqliteStore, track: Track, turns: list[dict[str, list[str]]],
         *, finish: bool = True) -> None:
    attempt_id = store.start_attempt(f"{track}-scenario", "00" * 32, track, 0)
    for number, marks in enumerate(turns, start=1):
        store.record_turn(attempt_id, number, "beat", make_result(f"reply {number}", **marks))
    if finish:
        store.finish_attempt(attempt_id, "the-end", Outcome.partial)


def test_unfinished_attempts_count_only_when_asked_for(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        play(store, Track.junior, [{"met": ["specific"]}])
        play(store, Track.junior, [{"missed": ["specific"]}], finish=False)
        attempts = store.attempts()
    assert progress(attempts)[Track.junior].attempts == 1
    assert progress(attempts, unfinished=True)[Track.junior].attempts == 2


def test_a_flag_raised_less_often_reads_as_less_often(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        play(store, Track.junior, [
            {"flags": ["hedging"], "missed": ["specific"]},
            {"flags": ["hedging"], "missed": ["specific"]},
            {"flags": ["hedging", "over_apology"], "met": ["specific"]},
            {"missed": ["specific"]},
        ])
        play(store, Track.junior, [
            {"flags": ["hedging"], "met": ["specific"]},
            {"met": ["specific"], "missed": []},
        ])
        play(store, Track.junior, [
            {"met": ["specific"]}, {"met": ["specific"]}, {"met": ["specific"]},
        ])
        junior = progress(store.attempts())[Track.junior]

    assert junior.attempts == 3
    hedging, over_apology = junior.flags
    assert hedging.id == "hedging" and hedging.label == "Hedging"
    assert [(p.hits, p.turns) for p in hedging.points] == [(3, 4), (1, 2), (0, 3)]
    assert hedging.words() == "raised in 3 of 4 turns → 0 of 3 (less often)"
    assert hedging.sparkline() == SPARKS[5] + SPARKS[4] + SPARKS[0]
    assert over_apology.words() == "raised in 1 of 4 turns → 0 of 3 (less often)"
    [specific] = junior.criteria
    assert [(p.hits, p.turns) for p in specific.points] == [(1, 4), (2, 2), (3, 3)]
    assert specific.words() == "met in 1 of 4 turns → 3 of 3 (more often)"
    assert specific.sparkline() == SPARKS[2] + SPARKS[7] + SPARKS[7]


def test_tracks_are_kept_apart_and_focus_criteria_left_out(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        play(store, Track.senior, [{"met": ["curious", "on_topic"], "focus": ["on_topic"]}])
        play(store, Track.junior, [{"met": ["specific"], "flags": ["blame"]}])
        play(store, Track.senior, [{"met": ["curious"]}, {"missed": ["curious"]}])
        store.start_attempt("empty", "00" * 32, Track.senior, 0)  # no turn: not a data point
        tracks = progress(store.attempts())

    assert list(tracks) == [Track.junior, Track.senior]
    senior = tracks[Track.senior]
    assert senior.attempts == 2 and senior.flags == ()
    [curious] = senior.criteria  # the beat's focus criterion is not a skill trend
    assert curious.words() == "met in 1 of 1 turn → 1 of 2 (less often)"
    [blame] = tracks[Track.junior].flags
    assert blame.words() == "raised in 1 of 1 turn (one attempt so far)"


def test_the_same_rate_reads_as_as_often(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        play(store, Track.junior, [{"met": ["specific"]}, {"missed": ["specific"]}])
        play(store, Track.junior, [{"missed": ["specific"]}, {"met": ["specific"]}])
        [specific] = progress(store.attempts())[Track.junior].criteria
    assert specific.words() == "met in 1 of 2 turns → 1 of 2 (as often)"
