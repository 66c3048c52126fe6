"""The history store: round trips, unfinished attempts, privacy, errors, the null store."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import pytest

from simulator.history import (
    HistoryError,
    MarkKind,
    NullStore,
    SqliteStore,
    open_store,
    resolve_db_path,
)
from simulator.history.schema import CURRENT
from simulator.model import Band, Outcome, Track
from simulator.scoring.result import CriterionResult, FlagResult, ScoreResult
from tests.helpers import REPO


def make_result(
    text: str,
    met: Iterable[str] = (),
    missed: Iterable[str] = (),
    flags: Iterable[str] = (),
    score: float = 0.5,
    focus: Iterable[str] = (),
) -> ScoreResult:
    """A scored reply with these criteria and flags (labels and feedback derived from ids)."""
    focused = set(focus)
    criteria = tuple(
        CriterionResult(
            id=cid, label=cid.replace("_", " ").capitalize(), weight=1.0, met=is_met,
            evidence=((0, 1),) if is_met else (), feedback=f"{cid} {'met' if is_met else 'tip'}",
            focus=cid in focused,
        )
        for cid, is_met in [*((c, True) for c in met), *((c, False) for c in missed)]
    )
    raised = tuple(
        FlagResult(id=f, label=f.capitalize(), penalty=0.1, evidence=((0, 1),), tip=f"drop {f}")
        for f in flags
    )
    band = Band.strong if score >= 0.7 else Band.adequate if score >= 0.4 else Band.weak
    return ScoreResult(text=text, score=score, band=band, criteria=criteria, flags=raised)


@pytest.fixture
def store(tmp_path: Path) -> Iterable[SqliteStore]:
    with SqliteStore(tmp_path / "history.db") as opened:
        yield opened


def test_an_attempt_round_trips_with_its_turns(store: SqliteStore) -> None:
    attempt_id = store.start_attempt("board-dashboard", "ab" * 32, Track.junior, 7)
    store.record_turn(
        attempt_id, 1, "opening",
        make_result("Three directors asked.", met=["specific"], missed=["invites"],
                    flags=["hedging"], score=0.55, focus=["specific"]),
        prompt="You wanted to talk?",
    )
    store.record_turn(attempt_id, 2, "curious", make_result("Can I show you?", met=["invites"],
                                                             score=0.9))
    store.finish_attempt(attempt_id, "redesign-together", Outcome.success)

    [attempt] = store.attempts()
    assert attempt == store.attempt(attempt_id)
    assert (attempt.scenario_id, attempt.scenario_hash, attempt.track, attempt.seed) == (
        "board-dashboard", "ab" * 32, Track.junior, 7)
    assert (attempt.ending, attempt.outcome, attempt.finished) == (
        "redesign-together", Outcome.success, True)
    assert attempt.started_at.endswith("+00:00") and attempt.ended_at is not None
    first, second = attempt.turns
    assert (first.turn, first.beat, first.text, first.band, first.score, first.prompt) == (
        1, "opening", "Three directors asked.", Band.adequate, 0.55, "You wanted to talk?")
    assert (first.met, first.missed, first.flags, first.focus) == (
        ["specific"], ["invites"], ["hedging"], ["specific"])
    hedging = next(m for m in first.marks if m.kind is MarkKind.flag)
    assert (hedging.label, hedging.feedback) == ("Hedging", "drop hedging")
    assert (second.turn, second.band, second.prompt) == (2, Band.strong, None)
    assert attempt.mean_score == pytest.approx(0.725)


def test_unfinished_attempts_stay_visible_newest_first(store: SqliteStore) -> None:
    done = store.start_attempt("a", "00" * 32, Track.junior, 0)
    store.record_turn(done, 1, "opening", make_result("one"))
    store.finish_attempt(done, "end", Outcome.partial)
    open_one = store.start_attempt("b", "11" * 32, Track.senior, None)
    store.record_turn(open_one, 1, "opening", make_result("two"))

    newest, oldest = store.attempts()
    assert (newest.id, newest.finished, newest.ending, newest.outcome) == (
        open_one, False, None, None)
    assert len(newest.turns) == 1 and newest.seed is None
    assert (oldest.id, oldest.finished) == (done, True)
    assert [a.id for a in store.attempts(limit=1)] == [open_one]


def test_recording_a_turn_again_replaces_it(store: SqliteStore) -> None:
    attempt_id = store.start_attempt("a", "00" * 32, Track.junior, 0)
    store.record_turn(attempt_id, 1, "opening", make_result("first", flags=["hedging"]))
    store.record_turn(attempt_id, 1, "opening", make_result("again", met=["specific"]))
    [turn] = store.attempts()[0].turns
    assert (turn.text, turn.met, turn.flags) == ("again", ["specific"], [])


def test_unknown_attempts_are_refused_with_the_file_named(store: SqliteStore) -> None:
    with pytest.raises(HistoryError, match=r"history\.db: no attempt 42"):
        store.record_turn(42, 1, "opening", make_result("x"))
    with pytest.raises(HistoryError, match="no attempt 42"):
        store.finish_attempt(42, "end", Outcome.success)
    assert store.attempt(42) is None
    assert store.attempts() == []


def test_best_by_scenario_takes_the_best_outcome_then_the_best_mean(store: SqliteStore) -> None:
    def play(scenario: str, scores: list[float], outcome: Outcome | None) -> None:
        attempt_id = store.start_attempt(scenario, "00" * 32, Track.junior, 0)
        for number, score in enumerate(scores, start=1):
            store.record_turn(attempt_id, number, "b", make_result("r", score=score))
        if outcome is not None:
            store.finish_attempt(attempt_id, "end", outcome)

    play("a", [0.9, 0.9], Outcome.partial)
    play("a", [0.3], Outcome.success)
    play("a", [0.5], Outcome.success)
    play("a", [1.0], None)
    play("b", [0.2], None)
    best = store.best_by_scenario()
    assert (best["a"].attempts, best["a"].finished, best["a"].outcome) == (4, 3, Outcome.success)
    assert best["a"].mean_score == pytest.approx(0.5)
    assert (best["b"].attempts, best["b"].finished, best["b"].outcome, best["b"].mean_score) == (
        1, 0, None, None)


def test_the_database_and_its_wal_files_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    old = os.umask(0)  # even a permissive umask must not widen the file
    try:
        path = tmp_path / "nested" / "history.db"
        with SqliteStore(path) as store:
            store.record_turn(
                store.start_attempt("a", "00" * 32, Track.junior, 0), 1, "b", make_result("r")
            )
            files = [p for p in path.parent.iterdir() if p.name.startswith("history.db")]
            assert {p.name for p in files} >= {"history.db", "history.db-wal"}
            for file in files:
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    finally:
        os.umask(old)


def test_the_pseudonym_is_random_and_stable_per_database(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "one.db") as store:
        name = store.pseudonym()
        assert name == store.pseudonym()
    with SqliteStore(tmp_path / "one.db") as store:
        assert store.pseudonym() == name
    with SqliteStore(tmp_path / "two.db") as store:
        assert store.pseudonym() != name
    assert name.startswith("learner-") and len(name) == len("learner-") + 16


def test_no_save_keeps_nothing_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPWARD_DB", str(tmp_path / "never.db"))
    store = open_store(save=False)
    assert isinstance(store, NullStore)
    attempt_id = store.start_attempt("a", "00" * 32, Track.junior, 0)
    store.record_turn(attempt_id, 1, "b", make_result("r"))
    store.finish_attempt(attempt_id, "end", Outcome.success)
    assert store.attempts() == [] and store.attempt(attempt_id) is None
    assert store.best_by_scenario() == {}
    assert list(tmp_path.iterdir()) == []


def test_db_path_comes_from_the_option_then_the_environment_then_the_data_folder(
    tmp_path: Path,
) -> None:
    assert resolve_db_path(tmp_path / "x.db", {"UPWARD_DB": "/y.db"}) == tmp_path / "x.db"
    assert resolve_db_path(None, {"UPWARD_DB": "/y.db"}) == Path("/y.db")
    default = resolve_db_path(None, {})
    # conftest points XDG_DATA_HOME at a temporary folder; platformdirs honours it on Linux.
    assert default.name == "history.db" and default.parent.name == "upward"
    assert default.parent.is_dir()


def test_a_file_that_is_not_a_database_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(HistoryError, match=r"notes\.db: not a history database"):
        SqliteStore(path)
    with pytest.raises(HistoryError, match="is a folder"):
        SqliteStore(tmp_path)


def test_a_database_from_a_newer_upward_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {CURRENT + 1}")
    with pytest.raises(HistoryError, match=f"newer Upward.*schema {CURRENT + 1}"):
        SqliteStore(path)


def test_threads_share_one_store_through_their_own_connections(store: SqliteStore) -> None:
    errors: list[BaseException] = []
    all_written = threading.Barrier(5)
    checked = threading.Barrier(5)

    def worker(index: int) -> None:
        try:
            attempt_id = store.start_attempt(f"s{index}", "00" * 32, Track.junior, index)
            for turn in range(1, 4):
                store.record_turn(attempt_id, turn, "b", make_result(f"t{index}-{turn}"))
        except BaseException as exc:
            errors.append(exc)
        all_written.wait(timeout=30)
        checked.wait(timeout=30)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    all_written.wait(timeout=30)
    assert store.db.connections == 5  # the opening thread's and one per live worker
    checked.wait(timeout=30)
    for thread in threads:
        thread.join()
    assert errors == []
    attempts = store.attempts()
    assert sorted(a.seed for a in attempts if a.seed is not None) == [0, 1, 2, 3]
    assert all(len(a.turns) == 3 for a in attempts)

    # A new thread's first use closes the connections of the threads that have ended.
    later = threading.Thread(target=store.attempts)
    later.start()
    later.join()
    assert store.db.connections == 2


def test_history_and_report_load_without_the_ui() -> None:
    code = (
        "import sys, simulator.history, simulator.report; "
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' "
        "or m.startswith(('simulator.cli', 'simulator.tui'))]; "
        "print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"
