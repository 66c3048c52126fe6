"""The history database's schema and its migrations, counted in `PRAGMA user_version`.

A new database walks the same path as an old one: 0 → 1 → 2 → … . Each step runs in the
caller's write transaction, so a step either lands whole or not at all. Never edit a released
step; add the next one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

V1 = """
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
    met         TEXT NOT NULL,  -- JSON list of criterion ids
    missed      TEXT NOT NULL,  -- JSON list of criterion ids
    flags       TEXT NOT NULL,  -- JSON list of flag ids
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, turn)
);
"""
"""Version 1, as released: criteria and flags as JSON lists inside each turn."""

V2_TURNS = """
CREATE TABLE turns_v2 (
    attempt_id  INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    turn        INTEGER NOT NULL,
    beat        TEXT NOT NULL,
    prompt      TEXT,
    text        TEXT NOT NULL,
    band        TEXT NOT NULL,
    score       REAL NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, turn)
)
"""

V2_TABLES = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE marks (
    attempt_id INTEGER NOT NULL,
    turn       INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('met', 'missed', 'flag')),
    item       TEXT NOT NULL,
    focus      INTEGER NOT NULL DEFAULT 0,
    label      TEXT,
    feedback   TEXT,
    PRIMARY KEY (attempt_id, turn, kind, item),
    FOREIGN KEY (attempt_id, turn) REFERENCES turns (attempt_id, turn) ON DELETE CASCADE
);
CREATE INDEX marks_by_item ON marks (kind, item);
"""
"""Version 2: `turns` loses its JSON columns and gains `prompt` (the counterpart's line the reply
answered); `marks` holds one row per criterion or flag on a turn, with the label and feedback the
learner saw, so a transcript needs no scenario file; `settings` holds the export pseudonym."""


V3 = """
ALTER TABLE turns ADD COLUMN retry INTEGER NOT NULL DEFAULT 0;
CREATE TABLE taken_back (
    attempt_id    INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    turn          INTEGER NOT NULL,
    beat          TEXT NOT NULL,
    prompt        TEXT,
    text          TEXT NOT NULL,
    band          TEXT NOT NULL,
    score         REAL NOT NULL,
    recorded_at   TEXT NOT NULL,
    taken_back_at TEXT NOT NULL
);
CREATE INDEX taken_back_by_attempt ON taken_back (attempt_id)
"""
"""Version 3: a reply the learner took back moves to `taken_back` (kept, never lost), and the
reply that replaced it is marked `retry` in `turns`."""


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Each statement on its own: `executescript` would commit the caller's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _to_v1(conn: sqlite3.Connection) -> None:
    _run(conn, V1)


def _to_v2(conn: sqlite3.Connection) -> None:
    _run(conn, V2_TURNS)
    # Rebuild `turns` without the JSON columns (portable: DROP COLUMN needs SQLite 3.35).
    conn.execute(
        "INSERT INTO turns_v2 (attempt_id, turn, beat, prompt, text, band, score, recorded_at) "
        "SELECT attempt_id, turn, beat, NULL, text, band, score, recorded_at FROM turns"
    )
    marks: list[tuple[int, int, str, str]] = []
    for attempt_id, turn, met, missed, flags in conn.execute(
        "SELECT attempt_id, turn, met, missed, flags FROM turns"
    ):
        for kind, ids in (("met", met), ("missed", missed), ("flag", flags)):
            marks.extend((attempt_id, turn, kind, item) for item in dict.fromkeys(_ids(ids)))
    conn.execute("DROP TABLE turns")
    conn.execute("ALTER TABLE turns_v2 RENAME TO turns")
    _run(conn, V2_TABLES)
    conn.executemany("INSERT INTO marks (attempt_id, turn, kind, item) VALUES (?, ?, ?, ?)", marks)


def _ids(raw: str) -> list[str]:
    """A v1 JSON list of ids; anything else (hand-edited rows) reads as no ids."""
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return []
    return [str(item) for item in value] if isinstance(value, list) else []


V4_OUTBOX = """
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY,
    statement_id TEXT NOT NULL UNIQUE,
    programme    TEXT NOT NULL,
    attempt_id   INTEGER,
    verb         TEXT NOT NULL,
    statement    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    sent_at      TEXT,
    tries        INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    refused      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_waiting ON outbox (programme, sent_at, seq);
CREATE TABLE outbox_attempts (
    attempt_id   INTEGER NOT NULL,
    programme    TEXT NOT NULL,
    registration TEXT NOT NULL,
    rubric       TEXT,
    PRIMARY KEY (attempt_id, programme)
)
"""
"""Version 4: the programme outbox. `outbox` holds each xAPI statement (JSON) for the
programme's LRS, written in the same transaction as the turn it describes and sent in `seq`
order; `sent_at` stays NULL until the LRS has it, `refused` marks one the LRS rejected as
malformed (it waits for `upward sync`, so it cannot block the rest). `outbox_attempts` keeps
each attempt's registration and rubric per programme. Attempt ids are plain integers, not
foreign keys, so deleting an attempt never deletes what it already told the programme."""


def _to_v3(conn: sqlite3.Connection) -> None:
    _run(conn, V3)


def _to_v4(conn: sqlite3.Connection) -> None:
    _run(conn, V4_OUTBOX)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _to_v1, _to_v2, _to_v3, _to_v4,
]
"""MIGRATIONS[n] takes a database from version n to n + 1."""

CURRENT = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to CURRENT; call inside a write transaction. Returns the old version."""
    start = version(conn)
    for step in MIGRATIONS[start:]:
        step(conn)
    if start < CURRENT:
        conn.execute(f"PRAGMA user_version = {CURRENT}")
    return start
