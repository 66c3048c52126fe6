"""The smaller cases: a deleted or locked history, read-only and full disks, regex hints, a BOM."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from simulator.history.errors import history_error
from simulator.model.detectors import RegexDetector
from tests.helpers import FIXTURES, REPO, run_upward, turns_saved

LIBRARY = FIXTURES / "engine" / "library"


def test_deleting_the_history_folder_mid_run_stops_with_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = folder / "history.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--library", str(LIBRARY), "play",
         "fixture-dashboard", "--plain", "--seed", "0", "--db", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=REPO,
    )
    assert process.stdin is not None
    process.stdin.write("/3\n")
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while turns_saved(db) < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert turns_saved(db) == 1
    shutil.rmtree(folder)
    _, err = process.communicate("/2\n", timeout=30)
    assert process.returncode == 1
    assert f"upward play: {db}: the history database was deleted or replaced while Upward " \
        "was running" in err
    assert "Traceback" not in err


def test_a_locked_database_is_reported_within_seconds(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    assert run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                      "--db", str(db), input="/3\n").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        result = run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                            "--db", str(db), input="/3\n", timeout=40)
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert result.stderr.startswith(f"upward play: {db}: the history database is locked by "
                                    "another program; waiting up to 4 more seconds\n")
    assert "another program kept the history database locked for over 6 seconds" in result.stderr
    assert took < 15
    assert turns_saved(db) == 1  # nothing already saved was lost


def test_a_full_disk_is_called_a_full_disk(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x BLOB)")
    conn.commit()
    conn.execute("PRAGMA max_page_count = 3")  # a real SQLITE_FULL, as on a full disk
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    conn.close()
    message = str(history_error(db, caught.value))
    assert "the disk is full" in message and "not a history database" not in message


def test_a_read_only_database_is_called_read_only(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    message = str(history_error(db, caught.value))
    assert "cannot be written (the file or its folder is read-only)" in message
    assert "not a history database" not in message
    damaged = tmp_path / "junk.db"
    damaged.write_bytes(b"x" * 4096)
    with pytest.raises(sqlite3.DatabaseError) as junk:
        sqlite3.connect(damaged).execute("SELECT * FROM sqlite_master")
    assert "not a history database" in str(history_error(damaged, junk.value))


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0,
                    reason="root writes into read-only folders")
def test_a_read_only_folder_is_not_called_a_damaged_database(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "h.db"
    run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
               "--db", str(db), input="/3\n")
    for extra in folder.glob("h.db-*"):
        extra.unlink()
    folder.chmod(0o500)
    try:
        result = run_upward("history", "--db", str(db))
    finally:
        folder.chmod(0o700)
    assert "not a history database" not in result.stderr


@pytest.mark.parametrize(("pattern", "hint"), [
    (r"(a)\1", "RE2 has no backreferences"),
    (r"(?=x)y", "RE2 has no lookarounds"),
    (r"(abc", "a ( has no matching )"),
    (r"[abc", "a [ has no matching ]"),
    (r"*a", "a *, + or ? repeats nothing"),
    (r"a{2000}", "over RE2's limit of 1000"),
    (r"[z-a]", "runs backwards"),
])
def test_each_regex_error_gets_its_own_hint(pattern: str, hint: str) -> None:
    with pytest.raises(ValidationError) as caught:
        RegexDetector(regex=pattern)
    message = str(caught.value)
    assert hint in message
    if "backreference" not in hint and "lookaround" not in hint:
        assert "backreference" not in message


def test_a_bom_before_a_choice_is_still_the_choice() -> None:
    result = run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                        "--no-save", "--seed", "0", input="\ufeff/2\n")
    assert result.returncode == 0, result.stderr
    assert "You: Last week I noticed the red column confused the board." in result.stdout
