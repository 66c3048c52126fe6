"""The outbox: a joined programme's statements are queued in the transaction of the turn."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from simulator.history import HistoryError, NullStore, SqliteStore
from simulator.model import Outcome, Track
from simulator.xapi import Enrolment
from tests.test_history_store import make_result

ME = Enrolment("https://lrs.example.org/xapi/", "learner-" + "ab" * 16)


def verbs(store: SqliteStore) -> list[str]:
    return [w.statement.split('"verb":{"id":"')[1].split('"')[0].rsplit("/", 1)[-1]
            for w in store.waiting(ME.programme, 100, with_refused=True)]


def test_a_store_without_a_programme_queues_nothing(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1)
        store.record_turn(attempt, 1, "opening", make_result("hi"))
        store.finish_attempt(attempt, "redesign", Outcome.success)
        assert store.outbox_counts().total == 0
    assert NullStore().outbox_counts().total == 0


def test_every_write_queues_its_statements_in_cmi5_order(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db", ME) as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1,
                                      rubric="junior-challenge")
        store.record_turn(attempt, 1, "opening", make_result("one", score=0.8))
        store.record_turn(attempt, 2, "curious", make_result("two", score=0.4))
        store.finish_attempt(attempt, "partial-win", Outcome.partial)
        assert verbs(store) == [
            "initialized", "answered", "answered", "completed", "failed", "terminated"]
        [failed] = [json.loads(w.statement) for w in store.waiting(ME.programme)
                    if "verbs/failed" in w.statement]
        assert failed["result"]["score"] == {"scaled": 0.6}  # the mean of the turns
        left = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 2)
        store.record_turn(left, 1, "opening", make_result("three"))
        store.leave_attempt(left)
        assert verbs(store)[6:] == ["initialized", "answered", "terminated"]
        assert store.outbox_counts() == store.outbox_counts(ME.programme)
        assert store.outbox_counts().waiting == 9


def test_a_turn_recorded_again_replaces_its_statement_only_while_unsent(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db", ME) as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1)
        store.record_turn(attempt, 1, "opening", make_result("first", score=0.2))
        store.record_turn(attempt, 1, "opening", make_result("again", score=0.9))
        waiting = store.waiting(ME.programme)
        assert len(waiting) == 2 and '"scaled":0.9' in waiting[1].statement
        store.mark_sent([w.seq for w in waiting])
        store.record_turn(attempt, 1, "opening", make_result("later", score=0.1))
        assert store.waiting(ME.programme) == []  # the LRS keeps what it got
        assert store.outbox_counts().sent == 2


def test_a_turn_whose_statement_cannot_be_built_is_not_saved_either(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db", ME) as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1)
        with pytest.raises(HistoryError, match="statement for this could not be built"):
            store.record_turn(attempt, 1, "Not A Beat Id", make_result("x"))
        assert store.attempt(attempt).turns == ()  # type: ignore[union-attr]
        assert verbs(store) == ["initialized"]


def test_failures_and_refusals_are_kept_with_their_reason(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db", ME) as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1)
        store.record_turn(attempt, 1, "opening", make_result("x"))
        first, second = store.waiting(ME.programme)
        store.mark_failed([first.seq], "cannot reach the LRS")
        store.mark_failed([second.seq], "refused (HTTP 400)", refused=True)
        counts = store.outbox_counts()
        assert (counts.waiting, counts.refused, counts.last_error) == (
            2, 1, "refused (HTTP 400)")
        assert store.waiting(ME.programme) == [first]  # the background leaves refused ones
        assert store.discard_waiting(ME.programme) == 2
        assert store.outbox_counts().total == 0


def test_statements_wait_in_the_database_file_itself(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    with SqliteStore(path, ME) as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1)
        store.record_turn(attempt, 1, "opening", make_result("x"))
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT verb, programme, sent_at FROM outbox ORDER BY seq").fetchall()
    conn.close()
    assert rows == [("initialized", ME.programme, None), ("answered", ME.programme, None)]


def test_recording_in_an_unknown_attempt_queues_nothing(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db", ME) as store:
        with pytest.raises(HistoryError):
            store.record_turn(42, 1, "opening", make_result("x"))
        store.leave_attempt(42)
        assert store.outbox_counts().total == 0


def test_a_pass_tries_each_statement_once_even_past_a_page_of_refused_ones(
    tmp_path: Path,
) -> None:
    with SqliteStore(tmp_path / "h.db", ME) as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1)
        for turn in range(1, 8):
            store.record_turn(attempt, turn, "opening", make_result(f"reply {turn}"))
        first_page = store.waiting(ME.programme, 3, with_refused=True)
        store.mark_failed([w.seq for w in first_page], "refused", refused=True)
        later = store.waiting(ME.programme, 3, with_refused=True, after=first_page[-1].seq)
        assert [w.seq for w in later] == [first_page[-1].seq + 1, first_page[-1].seq + 2,
                                          first_page[-1].seq + 3]
        assert store.waiting(ME.programme, 3)[0].seq == later[0].seq
