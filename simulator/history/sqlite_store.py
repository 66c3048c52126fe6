"""The history store over SQLite: the queries. `Database` does the file, threads and locking."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import ValidationError

from simulator.history import outbox
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
from simulator.safety.text import terminal_text
from simulator.scoring.result import ScoreResult
from simulator.xapi.vocabulary import Enrolment

T = TypeVar("T")

ATTEMPT_COLUMNS = (
    "id, scenario_id, scenario_hash, track, seed, started_at, ended_at, ending, outcome"
)


class SqliteStore:
    """The `Store` in one SQLite file. Share it between threads freely (a connection each);
    open one per process. Use as a context manager, or call `close()`.

    With an `Enrolment` (the learner joined a programme), every write also queues the xAPI
    statements it implies in the outbox, in the same transaction.
    """

    def __init__(self, path: Path, programme: Enrolment | None = None) -> None:
        self.path = path
        self.programme = programme
        self.db = Database(path)

    def outbox_written(self) -> None:
        """Called after a commit that queued statements; the sending store wakes its sender."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing ------------------------------------------------------------------------------

    def start_attempt(
        self, scenario_id: str, scenario_hash: str, track: Track, seed: int | None,
        rubric: str | None = None,
    ) -> int:
        """A new, unfinished attempt; returns its id. `rubric` (its id) goes to a programme."""

        def work(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO attempts (scenario_id, scenario_hash, track, seed, started_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (scenario_id, scenario_hash, Track(track).value, seed, now()),
            )
            assert cursor.lastrowid is not None
            if self.programme is not None:
                outbox.queue_started(conn, self.programme, cursor.lastrowid, rubric)
            return cursor.lastrowid

        return self._write(work)

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            result = self.db.write(work)
        except ValidationError as exc:  # ids are slugs by the time they get here; still
            first = exc.errors()[0]
            raise HistoryError(
                f"{self.path}: the programme's xAPI statement for this could not be built "
                f"({'.'.join(map(str, first['loc']))}: {first['msg']}); nothing was saved"
            ) from exc
        if self.programme is not None:
            self.outbox_written()
        return result

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
            if self.programme is not None:
                outbox.queue_turn(conn, self.programme, attempt_id, turn, beat, result)

        self._write(work)

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

        self._write(work)

    def finish_attempt(self, attempt_id: int, ending: str, outcome: Outcome) -> None:
        """Mark the attempt finished with its ending and outcome."""

        def work(conn: sqlite3.Connection) -> None:
            cursor = conn.execute(
                "UPDATE attempts SET ended_at = ?, ending = ?, outcome = ? WHERE id = ?",
                (now(), ending, Outcome(outcome).value, attempt_id),
            )
            if cursor.rowcount == 0:
                raise HistoryError(f"{self.path}: no attempt {attempt_id} to finish")
            if self.programme is not None:
                outbox.queue_ending(conn, self.programme, attempt_id, ending, outcome)

        self._write(work)

    def leave_attempt(self, attempt_id: int) -> None:
        """The learner left the attempt part way: it stays unfinished (a programme hears
        `terminated`)."""
        if self.programme is None:
            return
        programme = self.programme

        def work(conn: sqlite3.Connection) -> None:
            row = conn.execute("SELECT ending FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is not None and row[0] is None:
                outbox.queue_left(conn, programme, attempt_id)

        self._write(work)

    # -- the outbox -----------------------------------------------------------------------------

    def outbox_counts(self, programme: str | None = None) -> outbox.OutboxCounts:
        """Statements sent and waiting, for one programme or for all."""
        with self.db.read() as conn:
            return outbox.counts(conn, programme)

    def waiting(self, programme: str, limit: int = 50, with_refused: bool = False,
                after: int = 0) -> list[outbox.Waiting]:
        """The oldest statements still to send to `programme` (after `seq` `after`), in order."""
        with self.db.read() as conn:
            return outbox.waiting(conn, programme, limit, with_refused, after)

    def mark_sent(self, seqs: Sequence[int]) -> None:
        self.db.write(lambda conn: outbox.mark_sent(conn, seqs))

    def mark_failed(self, seqs: Sequence[int], error: str, refused: bool = False) -> None:
        self.db.write(lambda conn: outbox.mark_failed(conn, seqs, error, refused))

    def discard_waiting(self, programme: str) -> int:
        """Drop every statement never sent to `programme`; returns how many."""
        return self.db.write(lambda conn: outbox.discard_waiting(conn, programme))

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
        # Rows saved before replies were cleaned may hold escape codes: never shown raw.
        marks.setdefault((attempt_id, turn), []).append(
            Mark(MarkKind(kind), item, _clean(label), _clean(feedback), bool(focus))
        )
    turns: dict[int, list[TurnRecord]] = {}
    for attempt_id, turn, beat, prompt, text, band, score, recorded_at, retry in conn.execute(
        "SELECT attempt_id, turn, beat, prompt, text, band, score, recorded_at, retry FROM turns "
        f"WHERE {where} ORDER BY attempt_id, turn",
        (param,),
    ):
        turns.setdefault(attempt_id, []).append(TurnRecord(
            turn=turn, beat=beat, text=terminal_text(text), band=Band(band), score=float(score),
            marks=tuple(marks.get((attempt_id, turn), ())), prompt=_clean(prompt),
            recorded_at=recorded_at, retry=bool(retry),
        ))
    return turns


def _clean(text: str | None) -> str | None:
    return None if text is None else terminal_text(text)


def _taken_back(conn: sqlite3.Connection, where: str, param: int) -> dict[int, list[TurnRecord]]:
    """The replies taken back, by attempt id, in the order they were taken back."""
    taken: dict[int, list[TurnRecord]] = {}
    for attempt_id, turn, beat, prompt, text, band, score, recorded_at in conn.execute(
        "SELECT attempt_id, turn, beat, prompt, text, band, score, recorded_at FROM taken_back "
        f"WHERE {where} ORDER BY attempt_id, rowid",
        (param,),
    ):
        taken.setdefault(attempt_id, []).append(TurnRecord(
            turn=turn, beat=beat, text=terminal_text(text), band=Band(band), score=float(score),
            prompt=_clean(prompt), recorded_at=recorded_at,
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
