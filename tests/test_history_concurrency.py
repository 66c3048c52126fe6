"""Six processes write whole attempts into one history at once: every turn lands.

The trap this guards against (../shared/PITFALLS.md): in WAL mode a deferred transaction that
reads and then writes fails at once with "database is locked", whatever the busy timeout.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from simulator.history import SqliteStore
from simulator.model import Outcome, Track
from tests.test_history_store import make_result

WRITERS = 6
TURNS = 8


def write_attempt(path: str, writer: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    """One learner's whole attempt, turn by turn, each turn its own transaction."""
    barrier.wait(timeout=60)  # all open (and perhaps create) the database at the same moment
    with SqliteStore(Path(path)) as store:
        attempt_id = store.start_attempt(f"scenario-{writer}", "00" * 32, Track.junior, writer)
        for turn in range(1, TURNS + 1):
            store.record_turn(
                attempt_id, turn, f"beat-{turn}",
                make_result(f"writer {writer} turn {turn}", met=["specific"], flags=["hedging"]),
            )
        store.finish_attempt(attempt_id, "end", Outcome.success)


def test_six_concurrent_writers_all_complete_and_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    SqliteStore(path).close()  # created and migrated once, as a real install would be
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    writers = [
        context.Process(target=write_attempt, args=(str(path), n, barrier))
        for n in range(WRITERS)
    ]
    started = time.perf_counter()
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
    elapsed = time.perf_counter() - started
    assert [p.exitcode for p in writers] == [0] * WRITERS, "a writer failed (see its stderr)"

    with SqliteStore(path) as store:
        attempts = store.attempts()
    assert sorted(a.seed for a in attempts if a.seed is not None) == list(range(WRITERS))
    for attempt in attempts:
        assert attempt.finished
        assert [t.turn for t in attempt.turns] == list(range(1, TURNS + 1))
        assert all(t.text == f"writer {attempt.seed} turn {t.turn}" for t in attempt.turns)
        assert all(t.met == ["specific"] and t.flags == ["hedging"] for t in attempt.turns)
    print(f"{WRITERS} writers x {TURNS + 2} transactions: {elapsed:.2f} s including start-up")


def test_six_writers_racing_to_create_a_new_database_agree_on_it(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    writers = [
        context.Process(target=write_attempt, args=(str(path), n, barrier))
        for n in range(WRITERS)
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
    assert [p.exitcode for p in writers] == [0] * WRITERS
    with SqliteStore(path) as store:
        assert len(store.attempts()) == WRITERS
