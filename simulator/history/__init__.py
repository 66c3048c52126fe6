"""The learner's history: attempts and scored turns in a private SQLite file, and progress.

No UI here: the play loop, the app and the commands all go through `open_store`.
"""

from __future__ import annotations

from pathlib import Path

from simulator.history.models import Attempt, BestResult, Mark, MarkKind, TurnRecord
from simulator.history.paths import DB_ENV, default_db_path, resolve_db_path
from simulator.history.progress import Point, TrackProgress, Trend, progress
from simulator.history.recorder import Recorder, file_sha256
from simulator.history.sqlite_store import SqliteStore
from simulator.history.store import HistoryError, NullStore, Store


def open_store(path: Path | None = None, *, save: bool = True) -> Store:
    """The store `--db PATH`, `$UPWARD_DB` or the default names; a `NullStore` for `--no-save`."""
    if not save:
        return NullStore()
    return SqliteStore(resolve_db_path(path))


__all__ = [
    "DB_ENV",
    "Attempt",
    "BestResult",
    "HistoryError",
    "Mark",
    "MarkKind",
    "NullStore",
    "Point",
    "Recorder",
    "SqliteStore",
    "Store",
    "TrackProgress",
    "Trend",
    "TurnRecord",
    "default_db_path",
    "file_sha256",
    "open_store",
    "progress",
    "resolve_db_path",
]
