"""The history store a practice run uses: with a joined programme, it also sends.

`open_store` is `simulator.history.open_store` plus the programme: the store queues each turn's
statements in the turn's own transaction (see `simulator.history.outbox`), and a `Sender`
thread sends them while the learner goes on.
"""

from __future__ import annotations

from pathlib import Path

from simulator.history import NullStore, SqliteStore, Store, resolve_db_path
from simulator.programme.client import LrsClient
from simulator.programme.config import Programme, ProgrammeError, load, resolve_config_path
from simulator.programme.sending import Sender

CLOSE_GRACE = 2.0
"""Seconds closing the store waits for statements already on their way."""


class SendingStore(SqliteStore):
    """A `SqliteStore` that queues a programme's statements and sends them in the background."""

    def __init__(self, path: Path, programme: Programme, client: LrsClient | None = None) -> None:
        super().__init__(path, programme.enrolment)
        self.sender = Sender(self, programme, client)
        self.sender.start()

    def outbox_written(self) -> None:
        self.sender.wake()

    def close(self) -> None:
        self.sender.stop(CLOSE_GRACE)
        super().close()


def current_programme(config: Path | None = None) -> Programme | None:
    """The joined programme, or None (not joined, or a programme file that cannot be read:
    practice goes on privately, and `upward programme status` says what is wrong)."""
    try:
        return load(resolve_config_path(config))
    except ProgrammeError:
        return None


def open_store(path: Path | None = None, *, save: bool = True,
               config: Path | None = None) -> Store:
    """The store `--db PATH`, `$UPWARD_DB` or the default names, sending to the joined
    programme if there is one; a `NullStore` for `--no-save` (nothing kept, nothing sent)."""
    if not save:
        return NullStore()
    db = resolve_db_path(path)
    programme = current_programme(config)
    if programme is None:
        return SqliteStore(db)
    return SendingStore(db, programme)
