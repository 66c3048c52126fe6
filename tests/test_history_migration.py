"""A real schema-version-1 database, as the first release wrote it, opens and keeps its data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from simulator.history import SqliteStore, schema
from simulator.history.schema import CURRENT
from simulator.model import Band, Outcome, Track
from tests.test_history_store import make_result

# Frozen copy of the version-1 DDL: the test must not follow later edits to schema.py.
V1_DDL = """
CREATE TABLE attempts (
    id            INTEGER PRIMARY KEY,
    scenario_id   TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    track         TEXT NOT NULL,
    seed          INTEGER,
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    ending        TEXT,
    outcome       TEXT
);
CREATE INDEX attempts_by_scenario ON attempts (scenario_id);
CREATE TABLE turns (
    attempt_id  INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    turn        INTEGER NOT NULL,
    beat        TEXT NOT NULL,
    text        TEXT NOT NULL,
    band        TEXT NOT NULL,
    score       REAL NOT NULL,
    met         TEXT NOT NULL,
    missed      TEXT NOT NULL,
    flags       TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, turn)
);
PRAGMA user_version = 1;
"""


def make_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL)
    conn.executemany(
        "INSERT INTO attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (1, "board-dashboard", "aa" * 32, "junior", 3, "2026-01-05T10:00:00+00:00",
             "2026-01-05T10:09:00+00:00", "redesign-together", "success"),
            (2, "skip-level", "bb" * 32, "senior", None, "2026-01-06T11:00:00+00:00",
             None, None, None),
        ],
    )
    conn.executemany(
        "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (1, 1, "opening", "Sorry, maybe the dashboard could be better?", "weak", 0.2,
             json.dumps([]), json.dumps(["specific", "invites"]),
             json.dumps(["over_apology", "hedging"]), "2026-01-05T10:01:00+00:00"),
            (1, 2, "probing", "Three directors asked what the red column meant.", "strong",
             0.8, json.dumps(["specific"]), json.dumps(["invites"]), json.dumps([]),
             "2026-01-05T10:03:00+00:00"),
            (2, 1, "opening", "Tell me more.", "adequate", 0.5, json.dumps(["curious"]),
             "not json", json.dumps([]), "2026-01-06T11:01:00+00:00"),
        ],
    )
    conn.commit()
    conn.close()


def test_a_version_1_database_migrates_and_keeps_every_turn(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    make_v1(path)

    with SqliteStore(path) as store:
        unfinished, finished = store.attempts()
        assert (finished.id, finished.scenario_id, finished.track, finished.seed) == (
            1, "board-dashboard", Track.junior, 3)
        assert (finished.ending, finished.outcome) == ("redesign-together", Outcome.success)
        first, second = finished.turns
        assert (first.text, first.band, first.score) == (
            "Sorry, maybe the dashboard could be better?", Band.weak, 0.2)
        assert (first.met, first.missed, first.flags) == (
            [], ["specific", "invites"], ["over_apology", "hedging"])
        assert (second.met, second.missed, second.flags) == (["specific"], ["invites"], [])
        assert first.prompt is None and all(m.label is None for m in first.marks)
        assert first.recorded_at == "2026-01-05T10:01:00+00:00"
        assert (unfinished.id, unfinished.finished, unfinished.seed) == (2, False, None)
        [turn] = unfinished.turns
        assert (turn.met, turn.missed) == (["curious"], [])  # a damaged list reads as none

        # The migrated database takes new turns in the new shape, and carries a pseudonym.
        store.record_turn(2, 2, "probing", make_result("Go on.", met=["curious"]),
                          prompt="I think the team is afraid to disagree.")
        store.finish_attempt(2, "opened-up", Outcome.partial)
        assert store.attempt(2).turns[1].prompt == "I think the team is afraid to disagree."
        assert store.pseudonym().startswith("learner-")

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT == 4
    columns = {row[1] for row in conn.execute("PRAGMA table_info(turns)")}
    assert "prompt" in columns and not {"met", "missed", "flags"} & columns
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_new_database_walks_the_same_migrations(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {
        "attempts", "turns", "marks", "settings", "taken_back", "outbox", "outbox_attempts",
    }
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_migration_that_fails_half_way_leaves_the_old_database_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "history.db"
    make_v1(path)

    def broken_step(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken_step])
    monkeypatch.setattr(schema, "CURRENT", len(schema.MIGRATIONS))
    with pytest.raises(RuntimeError, match="power cut"):
        SqliteStore(path)

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = {row[1] for row in conn.execute("PRAGMA table_info(turns)")}
    assert {"met", "missed", "flags"} <= columns
    assert conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 3
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"attempts", "turns"}
    conn.close()


def test_version_3_keeps_taken_back_replies_and_marks_the_retry(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    with SqliteStore(path) as store:  # migrates 1 -> current
        store.record_turn(2, 2, "probing", make_result("Too sharp."))
        store.take_back(2, 2)
        store.record_turn(2, 2, "probing", make_result("Go on.", met=["curious"]), retry=True)
        attempt = store.attempt(2)
    assert [t.text for t in attempt.taken_back] == ["Too sharp."]
    assert attempt.turns[-1].text == "Go on." and attempt.turns[-1].retry
    assert not attempt.turns[0].retry  # rows from before version 3 are first tries
