"""Numbers and nesting from files, JSON lines and options are bounded, with a message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.safety.bounds import LimitError, json_depth, loads
from tests.helpers import FIXTURES, run_upward

LIBRARY = FIXTURES / "engine" / "library"


def test_depth_is_measured_without_recursion_and_strings_do_not_count() -> None:
    assert json_depth('{"a": [1, {"b": "[[[[{{{{"}]}') == 3
    assert json_depth("[" * 100_000 + "]" * 100_000) == 100_000
    with pytest.raises(LimitError, match="nested too deeply"):
        loads("[" * 2_000 + "]" * 2_000)
    with pytest.raises(LimitError, match="a number of 5,000 digits"):
        loads('{"n": ' + "7" * 5_000 + "}")
    assert loads('{"n": -12, "x": [1.5]}') == {"n": -12, "x": [1.5]}


def test_a_huge_integer_in_one_library_file_is_a_problem_there_not_a_crash(tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    other = library / "scenarios" / "senior" / "fixture-feedback.yaml"
    lines = other.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("difficulty:"))
    lines[number] = "difficulty: " + "9" * 5_000
    other.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_upward("--library", str(library), "validate")
    assert result.returncode == 1
    assert f"{other}:{number + 1}:13: a number of 5,000 digits" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    # Playing another scenario of the same library is not affected.
    play = run_upward("--library", str(library), "play", "fixture-dashboard", "--plain",
                      "--no-save", input="/quit\n")
    assert play.returncode == 0, play.stderr
    for command in (["test"], ["lint"], ["graph", "fixture-dashboard"],
                    ["score", "--rubric", "test-challenge", "I noticed it last week"]):
        other_run = run_upward("--library", str(library), *command)
        assert "Traceback" not in other_run.stderr, command


def test_a_deeply_nested_jsonl_line_is_answered_and_the_run_goes_on() -> None:
    lines = "[" * 2_000 + "]" * 2_000 + "\n" + '{"text": ' + "1" * 5_000 + "}\n" + \
        json.dumps({"text": "I noticed the column last week."}) + "\n"
    result = run_upward("--library", str(LIBRARY), "score", "--rubric", "test-challenge",
                        "--jsonl", input=lines)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert out[0] == {"error": "line 1: nested too deeply (2,000 levels; at most 64 are allowed)"}
    assert out[1]["error"].startswith("line 2: a number of 5,000 digits")
    assert "band" in out[2]


@pytest.mark.parametrize("argv", [
    ["play", "fixture-dashboard", "--plain", "--seed", "99999999999999999999999999"],
    ["export", "9" * 5_000],
    ["history", "--limit", "99999999999999999999999999"],
])
def test_a_huge_number_option_is_a_usage_error(argv: list[str]) -> None:
    result = run_upward("--library", str(LIBRARY), *argv, input="")
    assert result.returncode == 2
    assert "is out of range: give a number from" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_largest_seed_plays_and_saves_its_first_turn(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    result = run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                        "--seed", str(2**63 - 1), "--db", str(db), input="/3\n")
    assert result.returncode == 0, result.stderr
    history = json.loads(run_upward("history", "--json", "--db", str(db)).stdout)
    assert len(history[0]["turns"]) == 1
