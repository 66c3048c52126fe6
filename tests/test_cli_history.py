"""`upward history`, `export` and `report` through the real entry point, with `--db` in tmp."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.history import SqliteStore
from simulator.model import Outcome, Track
from tests.helpers import FIXTURES, REPO, run_upward, turns_saved
from tests.test_history_store import make_result

SECRET = "Dana from legal said the launch date is a fantasy"


def fill(path: Path, *, hedge_later: bool = True, shift: float = 0.0) -> None:
    """Two attempts: a finished one that hedged, then an unfinished one that mostly did not.

    `shift` moves the scores a little: two learners' attempts are never identical in every
    figure (identical ones are recognised as one attempt, whoever exports them)."""
    with SqliteStore(path) as store:
        first = store.start_attempt("board-dashboard", "ab" * 32, Track.junior, 4)
        for number in (1, 2):
            store.record_turn(first, number, "opening", make_result(
                f"{SECRET}, maybe, sorry ({number})", missed=["specific", "invites"],
                flags=["hedging"], score=0.2 + shift,
            ), prompt="You wanted to talk?")
        store.finish_attempt(first, "brushed-off", Outcome.setback)
        second = store.start_attempt("board-dashboard", "ab" * 32, Track.junior, 5)
        store.record_turn(second, 1, "opening", make_result(
            f"{SECRET}. Can we look at it?", met=["specific", "invites"],
            flags=["hedging"] if hedge_later else [], score=0.8 + shift,
        ))


def db_args(path: Path) -> list[str]:
    return ["--db", str(path)]


def test_history_lists_attempts_newest_first(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    fill(db)
    result = run_upward("history", *db_args(db))
    assert result.returncode == 0, result.stderr
    header, newest, oldest = result.stdout.splitlines()
    assert header.split() == ["id", "when", "scenario", "ending", "turns", "mean"]
    assert newest.split()[0] == "2" and "unfinished" in newest
    assert newest.split()[-2:] == ["1", "80"]
    assert oldest.split()[0] == "1" and "brushed-off (setback)" in oldest
    assert oldest.split()[-2:] == ["2", "20"]


def test_history_without_a_database_is_empty_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none" / "h.db"
    result = run_upward("history", *db_args(db))
    assert (result.returncode, result.stdout) == (0, "No attempts yet. Play a scenario with "
                                                     "`upward play ID`.\n")
    assert not db.parent.exists()
    assert json.loads(run_upward("history", "--json", *db_args(db)).stdout) == []


def test_history_json_has_the_design_shape(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    fill(db)
    result = run_upward("history", "--json", *db_args(db))
    assert result.returncode == 0, result.stderr
    newest, oldest = json.loads(result.stdout)
    assert (newest["scenario"], newest["ending"], newest["finished"]) == (
        "board-dashboard", None, False)
    assert (oldest["ending"], oldest["outcome"]) == ("brushed-off", "setback")
    assert newest["started"].endswith("+00:00")
    [turn] = newest["turns"]
    assert {"response", "band", "score", "flags"} <= set(turn)
    assert (turn["response"], turn["band"], turn["score"], turn["flags"]) == (
        f"{SECRET}. Can we look at it?", "strong", 0.8, ["hedging"])


def test_the_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    fill(db)
    result = run_upward("history", "--json", env={"UPWARD_DB": str(db)})
    assert [a["id"] for a in json.loads(result.stdout)] == [2, 1]


def test_history_progress_shows_sparklines_and_plain_words(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    fill(db, hedge_later=False)
    finished_only = run_upward("history", "--progress", *db_args(db))
    assert finished_only.stdout.splitlines()[0] == "junior track: 1 attempt, oldest → newest"
    result = run_upward("history", "--progress", "--unfinished", *db_args(db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "junior track: 2 attempts, oldest → newest"
    assert "  Criteria (share of turns that met it)" in lines
    hedging = next(line for line in lines if line.strip().startswith("hedging"))
    assert hedging.split() == ["hedging", "█▁", "raised", "in", "2", "of", "2", "turns", "→",
                               "0", "of", "1", "(less", "often)"]
    specific = next(line for line in lines if line.strip().startswith("specific"))
    assert specific.endswith("▁█  met in 0 of 2 turns → 1 of 1 (more often)")


def test_export_an_attempt_as_markdown_or_json(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    fill(db)
    markdown = run_upward("export", "1", *db_args(db))
    assert markdown.returncode == 0, markdown.stderr
    text = markdown.stdout
    assert text.startswith("# board-dashboard — attempt 1\n")
    assert f"> {SECRET}, maybe, sorry (1)" in text and "> You wanted to talk?" in text
    assert "- ⚑ Hedging — drop hedging" in text and "- ✗ Specific — specific tip" in text
    data = json.loads(run_upward("export", "2", "--format", "json", *db_args(db)).stdout)
    assert data["turns"][0]["response"] == f"{SECRET}. Can we look at it?"
    assert {"kind": "flag", "id": "hedging", "label": "Hedging", "feedback": "drop hedging",
            "focus": False} in data["turns"][0]["feedback"]


def test_export_of_an_unknown_attempt_says_so(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    fill(db)
    result = run_upward("export", "99", *db_args(db))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("upward export: no attempt 99 in ")
    assert "Traceback" not in result.stderr
    both = run_upward("export", "1", "--anonymous", *db_args(db))
    assert both.returncode == 2 and "either an ATTEMPT id or --anonymous" in both.stderr
    missing = tmp_path / "missing.db"
    nothing = run_upward("export", "--anonymous", *db_args(missing))
    assert nothing.returncode == 1
    assert nothing.stderr == f"upward export: {missing}: no history yet, nothing to export\n"
    assert not missing.exists()


def test_a_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    db.write_bytes(b"not sqlite at all" * 200)
    result = run_upward("history", *db_args(db))
    assert result.returncode == 1
    assert result.stderr.startswith(f"upward history: {db}: not a history database")
    assert "Traceback" not in result.stderr


def export_learners(tmp_path: Path, count: int) -> list[Path]:
    files = []
    for index in range(count):
        db = tmp_path / f"learner{index}.db"
        fill(db, shift=index / 1000)
        out = tmp_path / f"export{index}.json"
        result = run_upward("export", "--anonymous", "--out", str(out), *db_args(db))
        assert result.returncode == 0, result.stderr
        files.append(out)
    return files


def test_anonymous_exports_and_the_report_never_hold_reply_text(tmp_path: Path) -> None:
    files = export_learners(tmp_path, 3)
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert SECRET not in file.read_text() and "Dana" not in file.read_text()
    assert len({json.loads(f.read_text())["pseudonym"] for f in files}) == 3

    plain = run_upward("report", *map(str, files))
    assert plain.returncode == 0, plain.stderr
    markdown = run_upward("report", "--markdown", *map(str, files))
    assert markdown.returncode == 0, markdown.stderr
    for output in (plain.stdout, markdown.stdout):
        assert SECRET not in output and "Dana" not in output and "sorry" not in output
    assert plain.stdout.splitlines()[:2] == [
        "Cohort themes: 3 learners, 6 attempts, 9 turns, from 3 exports.",
        "Themes shared by fewer than 3 learners are not shown (0 hidden).",
    ]
    assert "    Hedging the point away (hedging): raised in 9 of 9 turns (100%), 3 learners" \
        in plain.stdout
    assert "Scenario board-dashboard (junior): 3 learners, 6 attempts, 9 turns" in plain.stdout
    assert "| `invites` | 6 of 9 | 67% | 3 |" in markdown.stdout or \
        "(`invites`) | 6 of 9 | 67% | 3 |" in markdown.stdout
    assert "## Track junior" in markdown.stdout


def test_the_report_hides_themes_of_fewer_than_three_learners(tmp_path: Path) -> None:
    files = export_learners(tmp_path, 2)
    result = run_upward("report", *map(str, files))
    assert result.returncode == 0, result.stderr
    assert "(6 hidden)" in result.stdout  # specific, invites, hedging; in track and scenario
    assert "No group has 3 or more learners yet." in result.stdout
    assert "hedging" not in result.stdout and "invites" not in result.stdout


def test_bad_report_inputs_are_named_and_refused(tmp_path: Path) -> None:
    [good] = export_learners(tmp_path, 1)
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes")
    future = tmp_path / "future.json"
    future.write_text(good.read_text().replace('"version": 1', '"version": 9'))
    history = tmp_path / "history.json"
    history.write_text(run_upward("history", "--json", *db_args(tmp_path / "learner0.db")).stdout)
    missing = tmp_path / "missing.json"

    result = run_upward("report", str(good), str(notes), str(future), str(history), str(missing))
    assert result.returncode == 1 and result.stdout == ""
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"upward report: {notes}: not JSON")
    assert errors[1].startswith(f"upward report: {future}: anonymous export format version 9")
    assert errors[2].startswith(f"upward report: {history}: not an Upward anonymous export")
    assert errors[3].startswith(f"upward report: {missing}: cannot read it")
    assert errors[4] == "upward report: 4 files refused; no report made"
    assert "Traceback" not in result.stderr and SECRET not in result.stderr


def _play_available() -> bool:
    """`upward play` is registered and importable (the scorer and engine have landed)."""
    try:
        from simulator.cli.main import COMMANDS
    except ImportError:
        return False
    return any(module.__name__.endswith(".cmd_play") for module in COMMANDS)


@pytest.mark.skipif(not _play_available(), reason="`upward play` is not registered yet")
def test_a_killed_play_loses_no_answered_turn(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    library = FIXTURES / "engine" / "library"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--library", str(library), "play",
         "fixture-dashboard", "--plain", "--seed", "0", "--db", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env=env,
    )
    try:
        assert process.stdin is not None
        # Adequate, then a loop back to the same beat: the run is still going after both.
        process.stdin.write("/3\nI think it matters.\n")
        process.stdin.flush()  # stdin stays open: end of input would end the run cleanly
        deadline = time.monotonic() + 60
        while turns_saved(db) < 2:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the two turns were never saved"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    result = run_upward("history", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    [attempt] = json.loads(result.stdout)
    assert (attempt["scenario"], attempt["ending"]) == ("fixture-dashboard", None)
    assert [t["response"] for t in attempt["turns"]] == [
        "For example, the dashboard.", "I think it matters."]
    assert attempt["turns"][0]["band"] == "adequate"


@pytest.mark.skipif(not _play_available(), reason="`upward play` is not registered yet")
def test_a_played_run_is_saved_whole_and_no_save_keeps_nothing(tmp_path: Path) -> None:
    library = str(FIXTURES / "engine" / "library")
    db = tmp_path / "h.db"
    replies = "/2\nFor example, I think the legend is missing.\n"
    played = run_upward("--library", library, "play", "fixture-dashboard", "--plain", "--seed", "0",
                        "--seed", "1", "--db", str(db), input=replies)
    assert played.returncode == 0, played.stderr
    [attempt] = json.loads(run_upward("history", "--json", "--db", str(db)).stdout)
    assert (attempt["ending"], attempt["outcome"], attempt["seed"]) == ("redesign", "success", 1)
    assert [t["beat"] for t in attempt["turns"]] == ["opening", "curious"]
    assert attempt["turns"][1]["response"] == "For example, I think the legend is missing."
    assert attempt["turns"][0]["prompt"]  # the counterpart's line the reply answered
    scenario_file = FIXTURES / "engine/library/scenarios/junior/fixture-dashboard.yaml"
    assert attempt["scenario_hash"] == hashlib.sha256(scenario_file.read_bytes()).hexdigest()

    unsaved = tmp_path / "unsaved.db"
    played = run_upward("--library", library, "play", "fixture-dashboard", "--plain", "--seed", "0",
                        "--no-save", "--db", str(unsaved), input=replies)
    assert played.returncode == 0, played.stderr
    assert not unsaved.exists()
