"""Where the history lives: `--db PATH`, else `$UPWARD_DB`, else the user's data folder."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import platformdirs

DB_ENV = "UPWARD_DB"
DB_NAME = "history.db"


def default_db_path() -> Path:
    """history.db in the user's data folder (the folder is created if missing)."""
    # appauthor=False: without it Windows paths repeat the name (../shared/PITFALLS.md).
    folder = platformdirs.user_data_dir("upward", appauthor=False, ensure_exists=True)
    return Path(folder) / DB_NAME


def chosen_path(
    explicit: Path | None, variable: str, default: Callable[[], Path],
    env: Mapping[str, str] | None = None,
) -> Path:
    """The path an option gives, else the environment variable's, else the default."""
    env = os.environ if env is None else env
    if explicit is not None:
        return explicit
    if env.get(variable):
        return Path(env[variable])
    return default()


def resolve_db_path(explicit: Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """`--db PATH`, else `$UPWARD_DB`, else the user data folder's history.db."""
    return chosen_path(explicit, DB_ENV, default_db_path, env)


def create_private(path: Path) -> None:
    """Create the file with mode 0600 before SQLite would create it world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)


def make_private(path: Path) -> None:
    """Owner-only modes on the database and the -wal and -shm files beside it."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            Path(f"{path}{suffix}").chmod(0o600)
