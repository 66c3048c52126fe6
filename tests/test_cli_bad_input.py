"""Careless and hostile input through the real entry point: never a traceback, always a message.

Each test names what a user did; the message must say what is wrong and what to do, the exit
code is 2 for a usage error and 1 for a problem found, and nothing saved is lost.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPO, run_upward, turns_saved

LIBRARY = FIXTURES / "engine" / "library"
SCORING = FIXTURES / "scoring" / "library"


def env_with(db: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "UPWARD_DB": str(db)}


def run_bytes(
    *args: str, data: bytes | None, tmp_path: Path, close_stdin: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """`upward ARGS` with bytes on stdin, or with standard input closed (`<&-`)."""
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        input=data, capture_output=True, check=False, timeout=60, cwd=tmp_path,
        env=env_with(tmp_path / "h.db"),
        preexec_fn=(lambda: os.close(0)) if close_stdin else None,
    )


def assert_clean(result: subprocess.CompletedProcess) -> None:
    err = result.stderr if isinstance(result.stderr, str) else result.stderr.decode()
    assert "Traceback" not in err, err


# --- score -------------------------------------------------------------------------------------


def test_score_with_no_text_and_an_empty_stdin_is_a_usage_error() -> None:
    result = run_upward("--library", str(SCORING), "score", "--rubric", "test-challenge",
                        input="")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "upward score: no reply to score: standard input was empty; give the reply as TEXT, "
        "pipe it on standard input, or use --jsonl for JSON lines\n"
    )


@pytest.mark.parametrize("jsonl", [False, True])
def test_score_with_stdin_closed_says_so_instead_of_a_traceback(
    tmp_path: Path, jsonl: bool
) -> None:
    args = ["--library", str(SCORING), "score", "--rubric", "test-challenge"]
    result = run_bytes(*args, *(["--jsonl"] if jsonl else []), data=None, tmp_path=tmp_path,
                       close_stdin=True)
    assert_clean(result)
    if jsonl:  # no lines, no results
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    else:
        assert result.returncode == 2
        assert result.stderr.startswith(b"upward score: no reply to score")


def test_a_mistyped_rubric_gets_a_did_you_mean() -> None:
    result = run_upward("--library", str(SCORING), "score", "--rubric", "test-challange", "Hi")
    assert result.returncode == 2
    assert result.stderr == (
        "upward score: no rubric with id 'test-challange' — did you mean 'test-challenge'? "
        "(known: test-challenge)\n"
    )


def test_score_help_documents_what_happens_to_a_bad_jsonl_line() -> None:
    result = run_upward("score", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert '{"error": "line N: ..."}' in text
    assert "the run goes on to the next line" in text
    assert "the exit status is 1 if any line had an error" in text


def test_jsonl_with_every_kind_of_bad_line_goes_on_line_by_line(tmp_path: Path) -> None:
    lines = [
        b"{bad", b'{"context": "x"}', b'{"text": 5}',
        b'{"text": "' + b"a" * (10 * 1024 * 1024) + b'"}',  # a 10 MB line
        b'\xff\xfe{"text": "hi"}', b"", b'{"text": "' + b"word " * 1_200 + b'"}',
        b'{"text": ""}', b'{"text": "I noticed 40% of people left. What do you think?"}',
    ]
    result = run_bytes("--library", str(SCORING), "score", "--rubric", "test-challenge",
                       "--jsonl", data=b"\n".join(lines) + b"\n", tmp_path=tmp_path)
    assert_clean(result)
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(rows) == len(lines)
    assert [row.get("error", "").split(":")[0] for row in rows[:-1]] == [
        f"line {n}" for n in range(1, len(lines))
    ]
    assert rows[3]["error"] == "line 4: line is over 1,048,576 bytes"
    assert rows[-1]["band"] == "strong"


# --- validate, test, lint, graph ---------------------------------------------------------------


def test_validate_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_upward("validate", str(tmp_path / "empty"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"upward validate: {tmp_path / 'empty'}: no scenario or rubric files (*.yaml) in this "
        "folder; give a library folder, a scenario or rubric file, or a folder of them\n"
    )


@pytest.mark.parametrize("command", ["validate", "test", "lint"])
def test_a_symbolic_link_loop_is_named_not_a_traceback(tmp_path: Path, command: str) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    direct = run_upward(command, str(tmp_path / "a.yaml"))
    assert direct.returncode == 2
    assert direct.stderr.startswith(
        f"upward {command}: {tmp_path / 'a.yaml'}: a symbolic link that leads nowhere")
    (tmp_path / "good.yaml").write_text("id: x\n", encoding="utf-8")
    folder = run_upward(command, str(tmp_path))  # the loop sits in a folder being walked
    assert_clean(folder)
    assert folder.returncode == 1
    assert f"{tmp_path / 'a.yaml'}:1:1: a symbolic-link loop, so it was not checked" \
        in folder.stdout


def test_an_id_given_where_a_path_belongs_points_to_the_file() -> None:
    result = run_upward("--library", str(LIBRARY), "test", "fixture-dashboard")
    assert result.returncode == 2
    path = LIBRARY / "scenarios" / "junior" / "fixture-dashboard.yaml"
    assert result.stderr == (
        "upward test: fixture-dashboard: no such file or folder; to check the file of "
        f"'fixture-dashboard', give its path: {path}\n"
    )


def test_a_file_given_where_an_id_belongs_names_the_id() -> None:
    path = LIBRARY / "scenarios" / "junior" / "fixture-dashboard.yaml"
    result = run_upward("--library", str(LIBRARY), "graph", str(path))
    assert result.returncode == 2
    assert result.stderr == (
        f"upward graph: '{path}' looks like a file; give the scenario's id: fixture-dashboard\n"
    )


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads every folder")
def test_an_unreadable_folder_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    shutil.copytree(LIBRARY, folder)
    folder.chmod(0)
    try:
        result = run_upward("validate", str(folder))
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr.startswith(f"upward validate: {folder}: cannot read the folder")


# --- --library -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["validate"], ["graph", "fixture-dashboard"], ["score", "--rubric", "x", "hi"],
    ["play", "fixture-dashboard", "--plain", "--seed", "0", "--no-save"],
])
def test_library_pointing_at_a_file_or_a_folder_without_scenarios(
    tmp_path: Path, command: list[str]
) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("hello\n", encoding="utf-8")
    (tmp_path / "half" / "rubrics").mkdir(parents=True)
    name = command[0]
    result = run_upward("--library", str(afile), *command, input="")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"upward {name}: --library {afile}: the library folder is a file, not a folder; give "
        "the folder holding scenarios/ and rubrics/\n"
    )
    result = run_upward("--library", str(tmp_path / "half"), *command, input="")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"upward {name}: --library {tmp_path / 'half'}: not a library, it has no scenarios/ "
        "folder; give the folder holding scenarios/ and rubrics/\n"
    )


# --- play --plain ------------------------------------------------------------------------------


def test_play_with_stdin_closed_ends_as_at_end_of_input(tmp_path: Path) -> None:
    result = run_bytes("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                       "--seed", "0", data=None, tmp_path=tmp_path, close_stdin=True)
    assert_clean(result)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode().endswith("End of input: the run was left unfinished.\n")


def test_play_refuses_a_line_that_is_not_utf8_and_asks_again(tmp_path: Path) -> None:
    data = b"/3\n\xff\xfe what do you think?\nI think it matters.\n/quit\n"
    result = run_bytes("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                       "--seed", "0", data=data, tmp_path=tmp_path)
    assert_clean(result)
    assert (result.returncode, result.stderr) == (0, b"")
    out = result.stdout.decode()
    assert ("That line is not UTF-8 text, so it cannot be scored; check your terminal's "
            "encoding. Try again.") in out
    history = run_upward("history", "--json", "--db", str(tmp_path / "h.db"))
    [attempt] = json.loads(history.stdout)
    assert [t["response"] for t in attempt["turns"]] == [
        "For example, the dashboard.", "I think it matters."]


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_play_leaves_the_run_unfinished_without_a_traceback(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--library", str(LIBRARY), "play",
         "fixture-dashboard", "--plain", "--seed", "0"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env_with(db), cwd=tmp_path,
        # As a terminal's Ctrl-C would: a suite run in the background inherits SIGINT ignored,
        # and Python then never turns it into KeyboardInterrupt (the child read end of input).
        preexec_fn=_interruptible,
    )
    try:
        assert process.stdin is not None
        process.stdin.write("/3\n")
        process.stdin.flush()
        deadline = time.monotonic() + 60
        while turns_saved(db) < 1:
            assert process.poll() is None
            assert time.monotonic() < deadline, "the turn was never saved"
            time.sleep(0.05)
        time.sleep(0.3)  # back at the prompt, waiting for the next line
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == 130, (out[-600:], err[-600:])
    assert "Traceback" not in err
    assert out.endswith("Interrupted: the run was left unfinished.\n")
    history = run_upward("history", "--json", "--db", str(db))
    [attempt] = json.loads(history.stdout)
    assert attempt["ending"] is None
    assert [t["response"] for t in attempt["turns"]] == ["For example, the dashboard."]


# --- export, schema, the command itself --------------------------------------------------------


def test_export_never_writes_over_the_history_database(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain", "--seed", "0",
               "--db", str(db), input="/3\n")
    before = db.read_bytes()
    for target in (db, tmp_path / "h.db-wal"):
        result = run_upward("export", "--anonymous", "--db", str(db), "--out", str(target))
        assert result.returncode == 2
        assert result.stderr == (
            f"upward export: --out {target}: that is a history database (or one of its files), "
            "and writing there would destroy the attempts saved in it; choose another file "
            "name\n"
        )
    assert db.read_bytes() == before
    history = run_upward("history", "--json", "--db", str(db))
    assert len(json.loads(history.stdout)) == 1


def test_export_into_a_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain", "--seed", "0",
               "--db", str(db), input="/3\n")
    target = tmp_path / "no" / "such" / "x.json"
    result = run_upward("export", "--anonymous", "--db", str(db), "--out", str(target))
    assert result.returncode == 1
    assert result.stderr == (
        f"upward export: {target}: cannot write (No such file or directory); give --out a "
        "file in a folder you can write to\n"
    )


def test_schema_out_naming_a_file_is_a_usage_error(tmp_path: Path) -> None:
    afile = tmp_path / "schemas"
    afile.write_text("keep me\n", encoding="utf-8")
    result = run_upward("schema", "--out", str(afile))
    assert result.returncode == 2
    assert result.stderr == (
        f"upward schema: --out {afile}: is a file, not a folder; give the folder to write the "
        "schemas into\n"
    )
    assert afile.read_text(encoding="utf-8") == "keep me\n"


def test_a_mistyped_command_gets_a_did_you_mean() -> None:
    result = run_upward("valdate")
    assert result.returncode == 2
    assert "upward: error: no command 'valdate' — did you mean 'validate'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_non_sqlite_history_file_is_named_left_alone_and_explained(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes\n", encoding="utf-8")
    result = run_upward("history", "--db", str(notes))
    assert result.returncode == 1
    assert result.stderr.startswith(f"upward history: {notes}: not a history database")
    assert "give --db (or $UPWARD_DB) your history file, or a new file's path" in result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n"
