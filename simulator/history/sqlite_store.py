"""The history store over SQLite: the queries. `Database` does the file, threads and locking."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Self

from simulator.history.database import Database
from simulator.history.models import (
    OUTCOME_RANK,
    Attempt,
    BestResult,
    Mark,
    MarkKind,
    TurnRecord,
)
from simulator.history.store import HistoryError, now
from simulator.model import Band, Outcome, Track
from simulator.scoring.result import ScoreResult

ATTEMPT_COLUMNS = (
    "id, scenario_id, scenario_hash, track, seed, started_at, ended_at, ending, outcome"
)


class SqliteStore:
    """The `Store` in one SQLite file. Share it between threads freely (a connection each);
    open one per process. Use as a context manager, or call `close()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = Database(path)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing ------------------------------------------------------------------------------

    def start_attempt(
        self, scenario_id: str, scenario_hash: str, track: Track, seed: int | None
    ) -> int:
        """A new, unfinished attempt; returns its id."""

        def work(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO attempts (scenario_id, scenario_hash, track, seed, started_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (scenario_id, scenario_hash, Track(track).value, seed, now()),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        return self.db.write(work)

    def record_turn(
        self, attempt_id: int, turn: int, beat: str, result: ScoreResult,
        prompt: str | None = None, *, retry: bool = False,
    ) -> None:
        """Save one scored reply (`result.text`), committed before this returns.

        `prompt` is the counterpart's line the reply answered. Recording a turn again replaces it.
        """
        rows = [
            (c.id, MarkKind.met if c.met else MarkKind.missed, c.focus, c.label, c.feedback)
            for c in result.criteria
        ] + [(f.id, MarkKind.flag, False, f.label, f.tip) for f in result.flags]

        def work(conn: sqlite3.Connection) -> None:
            if conn.execute("SELECT 1 FROM attempts WHERE id = ?", (attempt_id,)).fetchone() \
                    is None:
                raise HistoryError(f"{self.path}: no attempt {attempt_id} to record a turn in")
            conn.execute("DELETE FROM marks WHERE attempt_id = ? AND turn = ?", (attempt_id, turn))
            conn.execute(
                "INSERT OR REPLACE INTO turns "
                "(attempt_id, turn, beat, prompt, text, band, score, recorded_at, retry) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (attempt_id, turn, beat, prompt, result.text, Band(result.band).value,
                 float(result.score), now(), int(retry)),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO marks "
                "(attempt_id, turn, kind, item, focus, label, feedback) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(attempt_id, turn, kind.value, item, int(focus), label, feedback or None)
                 for item, kind, focus, label, feedback in rows],
            )

        self.db.write(work)

    def take_back(self, attempt_id: int, turn: int) -> None:
        """Move a saved reply (and the turns after it) to `taken_back`; reopen the attempt."""

        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO taken_back (attempt_id, turn, beat, prompt, text, band, score, "
                "recorded_at, taken_back_at) SELECT attempt_id, turn, beat, prompt, text, band, "
                "score, recorded_at, ? FROM turns WHERE attempt_id = ? AND turn >= ?",
                (now(), attempt_id, turn),
            )
            conn.execute("DELETE FROM marks WHERE attempt_id = ? AND turn >= ?",
                         (attempt_id, turn))
            conn.execute("DELETE FROM turns WHERE attempt_id = ? AND turn >= ?",
                         (attempt_id, turn))
            conn.execute(
                "UPDATE attempts SET ended_at = NULL, ending = NULL, outcome = NULL "
                "WHERE id = ?", (attempt_id,),
            )

        self.db.write(work)

    def finish_attempt(self, attempt_id: int, ending: str, outcome: Outcome) -> None:
        """Mark the attempt finished with its ending and outcome."""

        def work(conn: sqlite3.Connection) -> None:
            cursor = conn.execute(
                "UPDATE attempts SET ended_at = ?, ending = ?, outcome = ? WHERE id = ?",
                (now(), ending, Outcome(outcome).value, attempt_id),
            )
            if cursor.rowcount == 0:
                raise HistoryError(f"{self.path}: no attempt {attempt_id} to finish")

        self.db.write(work)

    def pseudonym(self) -> str:
        """This database's random export pseudonym, made on first use and kept."""

        def work(conn: sqlite3.Connection) -> str:
            conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES ('pseudonym', ?)",
                (f"learner-{secrets.token_hex(8)}",),
            )
            row = conn.execute("SELECT value FROM settings WHERE key = 'pseudonym'").fetchone()
            return str(row[0])

        return self.db.write(work)

    # -- reading ------------------------------------------------------------------------------

    def attempts(self, limit: int | None = None) -> list[Attempt]:
        """Attempts newest first, finished or not, each with its turns."""
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT {ATTEMPT_COLUMNS} FROM attempts ORDER BY id DESC LIMIT ?",
                (-1 if limit is None else limit,),
            ).fetchall()
            turns = _turns(conn, "attempt_id >= ?", rows[-1][0]) if rows else {}
            taken = _taken_back(conn, "attempt_id >= ?", rows[-1][0]) if rows else {}
        return [_attempt(row, turns.get(row[0], ()), taken.get(row[0], ())) for row in rows]

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt with its turns, or None if the id is unknown."""
        with self.db.read() as conn:
            row = conn.execute(
                f"SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            turns = _turns(conn, "attempt_id = ?", attempt_id) if row else {}
            taken = _taken_back(conn, "attempt_id = ?", attempt_id) if row else {}
        return None if row is None else _attempt(
            row, turns.get(attempt_id, ()), taken.get(attempt_id, ())
        )

    def best_by_scenario(self) -> dict[str, BestResult]:
        """Per scenario: attempts, finished ones, the best outcome and that attempt's mean score."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT a.scenario_id, a.outcome, a.started_at, "
                "(SELECT avg(t.score) FROM turns t WHERE t.attempt_id = a.id) "
                "FROM attempts a ORDER BY a.id"
            ).fetchall()
        played: dict[str, list[tuple[Any, ...]]] = {}
        for row in rows:
            played.setdefault(row[0], []).append(row)
        best: dict[str, BestResult] = {}
        for scenario_id, its in played.items():
            finished = [
                (OUTCOME_RANK[Outcome(outcome)], -1.0 if mean is None else mean, outcome, mean)
                for _, outcome, _, mean in its if outcome is not None
            ]
            top = max(finished, default=None)
            best[scenario_id] = BestResult(
                scenario_id=scenario_id,
                attempts=len(its),
                finished=len(finished),
                outcome=None if top is None else Outcome(top[2]),
                mean_score=None if top is None else top[3],
                last_played=its[-1][2],
            )
        return best


def _turns(conn: sqlite3.Connection, where: str, param: int) -> dict[int, list[TurnRecord]]:
    """The turns (with their marks) of the attempts `where` selects, by attempt id."""
    marks: dict[tuple[int, int], list[Mark]] = {}
    for attempt_id, turn, kind, item, focus, label, feedback in conn.execute(
        "SELECT attempt_id, turn, kind, item, focus, label, feedback FROM marks "
        f"WHERE {where} ORDER BY attempt_id, turn, rowid",
        (param,),
    ):
        marks.setdefault((attempt_id, turn), []).append(
            Mark(MarkKind(kind), item, label, feedback, bool(focus))
        )
    turns: dict[int, list[TurnRecord]] = {}
    for attempt_id, turn, beat, prompt, text, band, score, recorded_at, retry in conn.execute(
        "SELECT attempt_id, turn, beat, prompt, text, band, score, recorded_at, retry FROM turns "
        f"WHERE {where} ORDER BY attempt_id, turn",
        (param,),
    ):
        turns.setdefault(attempt_id, []).append(TurnRecord(
            turn=turn, beat=beat, text=text, band=Band(band), score=float(score),
            marks=tuple(marks.get((attempt_id, turn), ())), prompt=prompt,
            recorded_at=recorded_at, retry=bool(retry),
        ))
    return turns


def _taken_back(conn: sqlite3.Connection, where: str, param: int) -> dict[int, list[TurnRecord]]:
    """The replies taken back, by attempt id, in the order they were taken back."""
    taken: dict[int, list[TurnRecord]] = {}
    for attempt_id, turn, beat, prompt, text, band, score, recorded_at in conn.execute(
        "SELECT attempt_id, turn, beat, prompt, text, band, score, recorded_at FROM taken_back "
        f"WHERE {where} ORDER BY attempt_id, rowid",
        (param,),
    ):
        taken.setdefault(attempt_id, []).append(TurnRecord(
            turn=turn, beat=beat, text=text, band=Band(band), score=float(score), prompt=prompt,
            recorded_at=recorded_at,
        ))
    return taken


def _attempt(
    row: tuple[Any, ...], turns: Sequence[TurnRecord], taken_back: Sequence[TurnRecord] = ()
) -> Attempt:
    id_, scenario_id, scenario_hash, track, seed, started, ended, ending, outcome = row
    return Attempt(
        id=id_, scenario_id=scenario_id, scenario_hash=scenario_hash, track=Track(track),
        seed=seed, started_at=started, ended_at=ended, ending=ending,
        outcome=None if outcome is None else Outcome(outcome), turns=tuple(turns),
        taken_back=tuple(taken_back),
    )
