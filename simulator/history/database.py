"""One SQLite file shared safely by threads and processes: the mechanics under `SqliteStore`.

Threads: one `Database` may be shared by threads (the app's thread workers call the store); it
opens one connection per thread, never lets a thread use another's, and closes the connections
of threads that have ended. Processes: each opens
its own. Every write runs in `BEGIN IMMEDIATE` with a busy timeout and a bounded retry, so
concurrent writers wait their turn instead of failing with "database is locked": a deferred
`BEGIN` that reads then writes fails at once in WAL mode (../shared/PITFALLS.md, SQLite).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from simulator.history import schema
from simulator.history.errors import history_error, moved_away
from simulator.history.paths import create_private, make_private
from simulator.history.store import HistoryError

BUSY_TIMEOUT = 2.0
"""Seconds SQLite waits for another writer before one try of a write gives up: our own writes
take milliseconds, so a longer wait only means a program holding a lock, and silence."""
RETRIES = 3
"""Tries of a write transaction before the database is reported busy (about 6 s in all)."""

T = TypeVar("T")

notice: Callable[[str], None] | None = None
"""Told once when a write waits for a lock, so a command is not silent meanwhile. The command
line sets it (stderr); the app leaves it unset, as its screen owns the terminal."""


class Database:
    """The history file: created private (0600), in WAL mode, migrated to the current schema."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise HistoryError(f"{path}: is a folder; give the database file's path")
        try:
            create_private(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise HistoryError(
                f"{path}: cannot open the history database ({reason}); give --db (or "
                "$UPWARD_DB) a file in a folder you can write to"
            ) from exc
        self._identity = _identity(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        self.write(self._prepare)
        make_private(path)

    def close(self) -> None:
        """Close every thread's connection; call once no thread uses the database."""
        with self._lock:
            for conn in self._connections.values():
                conn.close()
            self._connections.clear()
            self._local = threading.local()

    @property
    def connections(self) -> int:
        """How many connections are open (one per thread that used the database)."""
        return len(self._connections)

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        new = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT, isolation_level=None,
            # Each thread gets its own connection through `_local`; this flag only lets
            # `close()` close them all from whichever thread shuts the store.
            check_same_thread=False,
        )
        try:
            new.execute("PRAGMA foreign_keys = ON")
            self._retry(lambda: new.execute("PRAGMA journal_mode = WAL"))
        except (sqlite3.DatabaseError, HistoryError) as exc:
            new.close()
            if isinstance(exc, HistoryError):
                raise
            raise history_error(self.path, exc) from exc
        self._local.conn = new
        with self._lock:
            # A thread worker per reply must not leave a connection behind per reply.
            for thread in [t for t in self._connections if not t.is_alive()]:
                self._connections.pop(thread).close()
            self._connections[threading.current_thread()] = new
        return new

    def _retry(self, action: Callable[[], T]) -> T:
        """Run `action`, again after a short pause if SQLite reports the database busy."""
        for attempt in range(RETRIES):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                text = str(exc).lower()
                if "locked" not in text and "busy" not in text:
                    raise
                if attempt == 0 and notice is not None:
                    notice(f"{self.path}: the history database is locked by another program; "
                           f"waiting up to {(RETRIES - 1) * BUSY_TIMEOUT:.0f} more seconds")
                if attempt == RETRIES - 1:
                    raise HistoryError(
                        f"{self.path}: another program kept the history database locked for "
                        f"over {RETRIES * BUSY_TIMEOUT:.0f} seconds (another Upward saving, or a "
                        "database tool left open?); close it and try again. Nothing already "
                        "saved was lost"
                    ) from exc
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one `BEGIN IMMEDIATE` transaction, committed before returning."""
        if _identity(self.path) != self._identity:
            # SQLite would go on writing into the deleted file: every later turn lost unseen.
            raise moved_away(self.path)
        conn = self._conn()

        def once() -> T:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        try:
            return self._retry(once)
        except sqlite3.DatabaseError as exc:
            raise history_error(self.path, exc) from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One snapshot for several SELECTs (in WAL, readers and the writer never block)."""
        conn = self._conn()
        try:
            self._retry(lambda: conn.execute("BEGIN"))
            try:
                yield conn
            finally:
                conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise history_error(self.path, exc) from exc

    def _prepare(self, conn: sqlite3.Connection) -> None:
        found = schema.version(conn)
        if found > schema.CURRENT:
            raise HistoryError(
                f"{self.path}: written by a newer Upward (history schema {found}, this one reads "
                f"up to {schema.CURRENT}); upgrade Upward or choose another --db"
            )
        schema.migrate(conn)


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file `path` names now (device and inode), or None when it names none."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino
