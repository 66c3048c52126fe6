"""The recorder a run calls after each answered turn (the engine `Run`'s `Saver`)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from simulator.history import NullStore, Recorder, SqliteStore, file_sha256
from simulator.model import Outcome, Track
from tests.test_history_store import make_result


def session(seed: int = 3) -> Any:
    """What the recorder reads of an engine `Session`."""
    return SimpleNamespace(scenario=SimpleNamespace(id="board-dashboard", track=Track.junior),
                           seed=seed)


def turn(number: int, text: str, ending: str | None = None,
         outcome: Outcome | None = None) -> Any:
    """What the recorder reads of an engine `TurnResult`."""
    return SimpleNamespace(number=number, replied_to=f"beat-{number}", prompt=f"line {number}",
                           result=make_result(text), ending=ending, outcome=outcome, retry=False)


def test_turns_are_saved_as_answered_and_the_ending_finishes_the_attempt(tmp_path: Path) -> None:
    scenario_file = tmp_path / "board-dashboard.yaml"
    scenario_file.write_bytes(b"id: board-dashboard\n")
    digest = file_sha256(scenario_file)
    assert digest == hashlib.sha256(b"id: board-dashboard\n").hexdigest()
    with SqliteStore(tmp_path / "h.db") as store:
        recorder = Recorder(store, digest)
        live = session()
        assert store.attempts() == []  # nothing is written before the first reply
        recorder.turn_completed(live, turn(1, "first"))
        [attempt] = store.attempts()
        assert (attempt.id, attempt.scenario_hash, attempt.seed, attempt.finished) == (
            recorder.attempt_id, digest, 3, False)
        assert [(t.turn, t.beat, t.prompt, t.text) for t in attempt.turns] == [
            (1, "beat-1", "line 1", "first")]
        recorder.turn_completed(live, turn(2, "second", "redesign", Outcome.success))
        [attempt] = store.attempts()
        assert (attempt.ending, attempt.outcome, len(attempt.turns)) == (
            "redesign", Outcome.success, 2)


def test_a_run_left_part_way_stays_unfinished(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        recorder = Recorder(store, "00" * 32)
        live = session()
        recorder.turn_completed(live, turn(1, "only"))
        recorder.run_left(live)
        [attempt] = store.attempts()
        assert not attempt.finished and len(attempt.turns) == 1


def test_a_run_left_before_any_reply_leaves_nothing(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        Recorder(store, "00" * 32).run_left(session())
        assert store.attempts() == []


def test_the_null_store_records_nothing() -> None:
    recorder = Recorder(NullStore(), "00" * 32)
    recorder.turn_completed(session(), turn(1, "x", "end", Outcome.partial))
    assert recorder.attempt_id == 1
