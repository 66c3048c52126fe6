"""Small helpers shared by tests."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


def run_upward(
    *args: str, cwd: Path | None = None, input: str | None = None, env: dict | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`upward ARGS` through the real entry point, in a child process."""
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("PYTHONPATH", str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        cwd=cwd, input=input, env=full_env, capture_output=True, text=True,
        timeout=timeout, check=False,
    )


def turns_saved(db: Path) -> int:
    """Turns committed to a history database, read as another process would see them."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM turns").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created or not migrated yet
        return 0
