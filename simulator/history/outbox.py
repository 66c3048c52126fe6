"""The programme outbox: xAPI statements waiting for the programme's LRS, in the history file.

Statements are queued inside the write transaction that saves what they describe (a turn, an
ending), so a turn is never saved without its statement nor a statement without its turn. The
sender reads them in `seq` order and marks them sent once the LRS has them; ids are stable, so
sending one again after a crash is harmless (the LRS keeps one copy).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from simulator.model import Outcome, Track
from simulator.scoring.result import ScoreResult
from simulator.xapi.vocabulary import AttemptFacts, Enrolment, Verb, registration_for


@dataclass(frozen=True, slots=True)
class Waiting:
    """One statement still to send."""

    seq: int
    statement_id: str
    statement: str
    """The statement's JSON, exactly as it will be sent."""


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """How many statements the outbox holds for one programme (or for all of them)."""

    sent: int = 0
    waiting: int = 0
    """Not sent yet (including `refused`)."""
    refused: int = 0
    """Rejected by the LRS as malformed; only `upward sync` tries them again."""
    last_error: str | None = None
    """Why the latest failed try failed, without any credential."""

    @property
    def total(self) -> int:
        return self.sent + self.waiting


def stamp() -> datetime:
    """Now, UTC, to the millisecond: statements of one turn keep their order in an LRS."""
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def facts(
    conn: sqlite3.Connection, enrolment: Enrolment, attempt_id: int, rubric: str | None = None,
) -> tuple[AttemptFacts, bool] | None:
    """The attempt's facts for this programme, and True when this is the first statement of it
    (so `initialized` is due). None when the attempt does not exist."""
    row = conn.execute(
        "SELECT scenario_id, scenario_hash, track, started_at FROM attempts WHERE id = ?",
        (attempt_id,),
    ).fetchone()
    if row is None:
        return None
    scenario_id, scenario_hash, track, started_at = row
    known = conn.execute(
        "SELECT registration, rubric FROM outbox_attempts WHERE attempt_id = ? AND programme = ?",
        (attempt_id, enrolment.programme),
    ).fetchone()
    if known is None:
        registration = registration_for(enrolment, attempt_id, started_at)
        conn.execute(
            "INSERT INTO outbox_attempts (attempt_id, programme, registration, rubric) "
            "VALUES (?, ?, ?, ?)",
            (attempt_id, enrolment.programme, str(registration), rubric),
        )
    else:
        registration, rubric = UUID(known[0]), known[1]
    return AttemptFacts(
        attempt_id=attempt_id, scenario_id=scenario_id, scenario_hash=scenario_hash,
        track=Track(track), registration=registration, rubric=rubric,
    ), known is None


def queue(
    conn: sqlite3.Connection, enrolment: Enrolment, attempt_id: int, verb: Verb,
    statement_id: UUID, statement: str,
) -> None:
    """Queue one statement; the same id again replaces it only while it is unsent (an LRS
    never changes a statement it holds)."""
    conn.execute(
        "INSERT INTO outbox (statement_id, programme, attempt_id, verb, statement, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (statement_id) DO UPDATE SET statement = excluded.statement, "
        "refused = 0 WHERE sent_at IS NULL",
        (str(statement_id), enrolment.programme, attempt_id, verb.word, statement,
         stamp().isoformat()),
    )


def queue_started(conn: sqlite3.Connection, enrolment: Enrolment, attempt_id: int,
                  rubric: str | None = None) -> AttemptFacts | None:
    """The attempt's facts, queueing `initialized` first if the programme has not heard of it."""
    from simulator.xapi import statements

    found = facts(conn, enrolment, attempt_id, rubric)
    if found is None:
        return None
    about, first = found
    if first:
        made = statements.initialized(enrolment, about, stamp())
        queue(conn, enrolment, attempt_id, Verb.initialized, made.id, statements.dump(made))
    return about


def queue_turn(conn: sqlite3.Connection, enrolment: Enrolment, attempt_id: int, turn: int,
               beat: str, result: ScoreResult) -> None:
    from simulator.xapi import statements

    about = queue_started(conn, enrolment, attempt_id)
    if about is None:
        return
    (taken_back,) = conn.execute(
        "SELECT count(*) FROM taken_back WHERE attempt_id = ? AND turn = ?", (attempt_id, turn)
    ).fetchone()
    made = statements.answered(enrolment, about, turn, beat, result, stamp(), taken_back)
    queue(conn, enrolment, attempt_id, Verb.answered, made.id, statements.dump(made))


def queue_ending(conn: sqlite3.Connection, enrolment: Enrolment, attempt_id: int, ending: str,
                 outcome: Outcome) -> None:
    from simulator.xapi import statements

    about = queue_started(conn, enrolment, attempt_id)
    if about is None:
        return
    mean = conn.execute(
        "SELECT avg(score) FROM turns WHERE attempt_id = ?", (attempt_id,)
    ).fetchone()[0]
    for made in statements.ended(enrolment, about, ending, outcome, mean or 0.0, stamp()):
        queue(conn, enrolment, attempt_id, statements.verb_of(made), made.id,
              statements.dump(made))


def queue_left(conn: sqlite3.Connection, enrolment: Enrolment, attempt_id: int) -> bool:
    """`terminated` for an attempt left part way that the programme has heard of."""
    from simulator.xapi import statements

    heard = conn.execute(
        "SELECT 1 FROM outbox_attempts WHERE attempt_id = ? AND programme = ?",
        (attempt_id, enrolment.programme),
    ).fetchone()
    if heard is None:
        return False
    found = facts(conn, enrolment, attempt_id)
    if found is None:
        return False
    made = statements.terminated(enrolment, found[0], stamp())
    queue(conn, enrolment, attempt_id, Verb.terminated, made.id, statements.dump(made))
    return True


# -- the sender's side -------------------------------------------------------------------------


def waiting(conn: sqlite3.Connection, programme: str, limit: int,
            with_refused: bool = False, after: int = 0) -> list[Waiting]:
    """The oldest unsent statements for `programme` after position `after`, in order."""
    rows = conn.execute(
        "SELECT seq, statement_id, statement FROM outbox WHERE programme = ? AND sent_at IS NULL "
        f"AND seq > ? {'' if with_refused else 'AND refused = 0 '}ORDER BY seq LIMIT ?",
        (programme, after, limit),
    ).fetchall()
    return [Waiting(*row) for row in rows]


def mark_sent(conn: sqlite3.Connection, seqs: Sequence[int]) -> None:
    conn.executemany(
        "UPDATE outbox SET sent_at = ?, tries = tries + 1, last_error = NULL, refused = 0 "
        "WHERE seq = ? AND sent_at IS NULL",
        [(stamp().isoformat(), seq) for seq in seqs],
    )


def mark_failed(conn: sqlite3.Connection, seqs: Sequence[int], error: str,
                refused: bool = False) -> None:
    conn.executemany(
        "UPDATE outbox SET tries = tries + 1, last_error = ?, refused = ? "
        "WHERE seq = ? AND sent_at IS NULL",
        [(error, int(refused), seq) for seq in seqs],
    )


def counts(conn: sqlite3.Connection, programme: str | None = None) -> OutboxCounts:
    where, params = ("WHERE programme = ?", (programme,)) if programme else ("", ())
    sent, waiting_, refused = conn.execute(
        "SELECT count(sent_at), count(*) - count(sent_at), "
        f"coalesce(sum(refused * (sent_at IS NULL)), 0) FROM outbox {where}",
        params,
    ).fetchone()
    error = conn.execute(
        f"SELECT last_error FROM outbox {where} {'AND' if where else 'WHERE'} sent_at IS NULL "
        "AND last_error IS NOT NULL ORDER BY seq DESC LIMIT 1",
        params,
    ).fetchone()
    return OutboxCounts(sent=sent, waiting=waiting_, refused=refused,
                        last_error=None if error is None else error[0])


def discard_waiting(conn: sqlite3.Connection, programme: str) -> int:
    """Drop what was never sent to `programme` (the learner left it); returns how many."""
    cursor = conn.execute(
        "DELETE FROM outbox WHERE programme = ? AND sent_at IS NULL", (programme,)
    )
    return cursor.rowcount
