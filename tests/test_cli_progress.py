"""Long commands show a progress bar on a terminal's standard error, and only there."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from simulator.cli.progress import Progress
from tests.helpers import REPO, run_upward

SHOW_AT_ONCE = {"UPWARD_PROGRESS_DELAY": "0", "PYTHONPATH": str(REPO)}


def run_on_terminal(*args: str, stdin: Path | None = None) -> tuple[str, str, int]:
    """`upward ARGS` with standard error on a pseudo-terminal: (stdout, stderr bytes, status)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    with (stdin or Path(os.devnull)).open("rb") as source:
        process = subprocess.Popen(
            [sys.executable, "-m", "simulator", *args], stdin=source, stdout=subprocess.PIPE,
            stderr=slave, env={**os.environ, **SHOW_AT_ONCE},
        )
    os.close(slave)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed its side
                    break
                if not chunk:
                    break
                seen += chunk
            elif process.poll() is not None:
                break
        assert process.stdout is not None
        out = process.stdout.read().decode()
        status = process.wait(timeout=60)
    finally:
        os.close(master)
    return out, seen.decode(errors="replace"), status


@pytest.mark.parametrize(
    ("command", "label", "done"),
    # validate checks each scenario as its file is read: its bar counts every file (the
    # rubrics and lexicons too), the others' count scenarios.
    [("validate", "Checking files", "25/25"), ("test", "Replaying examples", "19/19"),
     ("lint", "Linting scenarios", "19/19")],
)
def test_a_terminal_sees_the_bar_and_stdout_is_unchanged(
    command: str, label: str, done: str
) -> None:
    out, err, status = run_on_terminal("--library", str(REPO), command)
    assert status == 0
    assert label in err
    assert done in err  # the bar reaches the end before it goes
    plain = run_upward("--library", str(REPO), command, env=SHOW_AT_ONCE)
    assert out == plain.stdout


def test_score_jsonl_shows_a_bar_by_bytes_of_a_file(tmp_path: Path) -> None:
    lines = tmp_path / "replies.jsonl"
    lines.write_text("".join(
        json.dumps({"text": f"I noticed {n} people left early last week."}) + "\n"
        for n in range(200)
    ))
    out, err, status = run_on_terminal("score", "--rubric", "junior-challenge", "--jsonl",
                                       stdin=lines)
    assert status == 0
    assert "Scoring replies" in err
    assert "100%" in err
    assert len(out.splitlines()) == 200


@pytest.mark.parametrize("command", ["validate", "test", "lint"])
def test_no_bar_when_stderr_is_not_a_terminal(command: str) -> None:
    result = run_upward("--library", str(REPO), command, env=SHOW_AT_ONCE)
    assert result.returncode == 0
    assert result.stderr == ""


def test_no_bar_for_score_jsonl_into_a_pipe() -> None:
    line = json.dumps({"text": "I noticed the dashboard is late."}) + "\n"
    result = run_upward("score", "--rubric", "junior-challenge", "--jsonl", input=line * 50,
                        env=SHOW_AT_ONCE)
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 50


def test_quick_work_stays_quiet_even_on_a_terminal() -> None:
    master, slave = pty.openpty()
    try:
        with os.fdopen(os.dup(slave), "w") as terminal, Progress(terminal, delay=60) as bar:
            bar.phase("Checking", 3)
            for _ in range(3):
                bar.advance()
            assert bar.enabled
            assert not bar.shown
    finally:
        os.close(master)
        os.close(slave)


def test_failures_printed_while_the_bar_shows_stay_on_stdout(tmp_path: Path) -> None:
    library = tmp_path / "library"
    (library / "scenarios" / "junior").mkdir(parents=True)
    (library / "rubrics").symlink_to(REPO / "rubrics")
    text = (REPO / "scenarios" / "junior" / "board-dashboard.yaml").read_text(encoding="utf-8")
    broken = text.replace("path: [opening, defends-design, polite-nod]",
                          "path: [opening, polite-nod]")
    assert broken != text
    (library / "scenarios" / "junior" / "board-dashboard.yaml").write_text(broken)
    out, err, status = run_on_terminal("--library", str(library), "test")
    assert status == 1
    assert "failed: took path" in out and "failed: took path" not in err
    assert out == run_upward("--library", str(library), "test", env=SHOW_AT_ONCE).stdout
