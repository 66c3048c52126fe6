"""SQLite's errors in the learner's words: which one happened, and what to do about it.

"not a history database" only for a file that is not one; a read-only file or folder, a full
disk or a disk error each say so, and that nothing already saved was lost.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from simulator.history.store import HistoryError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
SQLITE_READONLY = 8
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_IOERR = 10
SQLITE_PERM = 3


def history_error(path: Path, exc: sqlite3.Error) -> HistoryError:
    """The HistoryError for `exc`, raised while using the database at `path`."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (SQLITE_NOTADB, SQLITE_CORRUPT):
        return HistoryError(
            f"{path}: not a history database ({exc}); it was left untouched: give --db (or "
            "$UPWARD_DB) your history file, or a new file's path")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return HistoryError(
            f"{path}: the history database cannot be written (the file or its folder is "
            "read-only); make them writable, or give --db a file in a folder you can write to. "
            "Nothing already saved was lost")
    if code == SQLITE_FULL:
        return HistoryError(
            f"{path}: the disk is full, so the history cannot be saved; free some space and "
            "try again. Nothing already saved was lost")
    if code == SQLITE_CANTOPEN:
        return HistoryError(
            f"{path}: cannot open the history database or the files SQLite keeps beside it "
            "(is its folder read-only, or gone?); give --db a file in a folder you can write to")
    if code == SQLITE_IOERR:
        return HistoryError(
            f"{path}: the disk reported an error while saving ({exc}); check the disk, then try "
            "again. Nothing already saved was lost")
    return HistoryError(f"{path}: {exc}")


def moved_away(path: Path) -> HistoryError:
    return HistoryError(
        f"{path}: the history database was deleted or replaced while Upward was running (was "
        "its folder removed?), so this turn and later ones cannot be saved there. Start again "
        "to create a new history")
