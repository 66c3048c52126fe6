"""Sending the outbox: one pass (`upward sync`), and a background thread that keeps trying.

A pass sends the oldest waiting statements in batches, in order, and marks each batch sent once
the LRS has it. An LRS that answers 409 (it holds one of the ids) or 400 (it refuses one
statement) gets that batch one statement at a time by PUT, so one old or malformed statement
never holds back the rest: a known id counts as sent, a refused one waits for `upward sync`.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

from simulator.history import SqliteStore
from simulator.programme.client import Failure, LrsClient, LrsError
from simulator.programme.config import Programme

BATCH = 50
"""Statements per request."""
FIRST_DELAY = 1.0
MAX_DELAY = 300.0
"""Seconds between tries while the LRS cannot be reached: doubling from FIRST_DELAY to this."""
IDLE_POLL = 60.0
"""Seconds the sender sleeps with nothing to send before it looks again (another process, such
as a second window, may have queued statements)."""


@dataclass(frozen=True, slots=True)
class Pass:
    """What one pass did."""

    sent: int
    waiting: int
    """Still not sent after the pass."""
    error: LrsError | None = None
    refused: int = 0
    """Statements the LRS refused in this pass (they stay waiting)."""


def client_for(programme: Programme) -> LrsClient:
    return LrsClient(programme.endpoint, programme.key.get_secret_value(),
                     programme.secret.get_secret_value())


def send_waiting(
    store: SqliteStore, programme: Programme, client: LrsClient, *,
    with_refused: bool = False, stop: threading.Event | None = None,
) -> Pass:
    """Send what waits for `programme`, oldest first, until nothing is left or a try fails."""
    sent = refused = 0
    after = 0
    error: LrsError | None = None
    while stop is None or not stop.is_set():
        # `after`: each statement is tried once per pass, so refused ones cannot loop.
        batch = store.waiting(programme.endpoint, BATCH, with_refused, after)
        if not batch:
            break
        after = batch[-1].seq
        try:
            client.post([w.statement for w in batch])
        except LrsError as exc:
            if exc.failure not in (Failure.conflict, Failure.refused):
                store.mark_failed([w.seq for w in batch], str(exc))
                error = exc
                break
        else:
            store.mark_sent([w.seq for w in batch])
            sent += len(batch)
            continue
        for item in batch:  # one at a time: find the statement that caused the 409 or 400
            try:
                client.put(item.statement_id, item.statement)
            except LrsError as exc:
                if exc.failure is Failure.conflict:
                    store.mark_sent([item.seq])  # the LRS holds this id: it has been sent
                    sent += 1
                elif exc.failure is Failure.refused:
                    store.mark_failed([item.seq], str(exc), refused=True)
                    refused += 1
                else:
                    store.mark_failed([item.seq], str(exc))
                    error = exc
                    break
            else:
                store.mark_sent([item.seq])
                sent += 1
        if error is not None:
            break
    waiting = store.outbox_counts(programme.endpoint).waiting
    return Pass(sent=sent, waiting=waiting, error=error, refused=refused)


class Sender:
    """Sends the outbox in a daemon thread: at once when woken, with growing pauses while the
    LRS cannot be reached. It never blocks the caller; `stop` waits at most `grace` seconds."""

    def __init__(self, store: SqliteStore, programme: Programme,
                 client: LrsClient | None = None) -> None:
        self.store = store
        self.programme = programme
        self.client = client or client_for(programme)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="upward-sender", daemon=True)
        self.last: Pass | None = None
        """What the latest pass did."""

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, grace: float = 2.0) -> None:
        """Stop after the pass under way (if any finishes within `grace` seconds)."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(grace)

    def _run(self) -> None:
        # Ralph's xAPI models take a moment to import; do it here, not in the first turn.
        from simulator.xapi import statements  # noqa: F401

        failures = 0
        while True:
            self._wake.clear()
            try:
                self.last = send_waiting(self.store, self.programme, self.client)
            except Exception as exc:  # a history error must end the thread quietly, not noisily
                self.last = Pass(sent=0, waiting=0, error=LrsError(Failure.server, str(exc)))
            if self.last.error is None:
                failures = 0
                delay = IDLE_POLL
            else:
                failures += 1
                delay = min(MAX_DELAY, FIRST_DELAY * 2 ** (failures - 1))
                delay *= random.uniform(0.5, 1.0)  # many learners must not retry in step
            if self._stop.is_set():
                return
            self._wake.wait(delay)
            if self._stop.is_set() and self.last.error is not None:
                return  # stopping while the LRS is away: no last try to wait for
