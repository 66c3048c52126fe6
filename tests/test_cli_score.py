"""`upward score` through the real entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.feedback import EVIDENCE_CHARS, shorten
from tests.helpers import FIXTURES, REPO, run_upward

LIBRARY = FIXTURES / "scoring" / "library"
STRONG = "I noticed 40% of people left last week. What do you think is going on?"
MIXED = "Sorry, maybe it is just late. I noticed it."


def score(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = run_upward("--library", str(LIBRARY), "score", *args, input=input)
    return result.returncode, result.stdout, result.stderr


def test_a_reply_as_an_argument_prints_band_score_criteria_and_flags() -> None:
    code, out, err = score("--rubric", "test-challenge", MIXED)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "adequate 45 (rubric test-challenge)",
        '  met     Names a specific observation: "I noticed"',
        '  met     Owns the view: "I noticed"',
        "  missed  Invites their view: End with an open question.",
        '  flag    Over-apologising (-20): "Sorry"',
        "          Tip: Drop the apology; it tells them your point is small.",
        '  flag    Hedging (-10): "maybe", "just"',
        "          Tip: Say it once, plainly.",
    ]


def test_without_text_the_whole_of_stdin_is_one_reply() -> None:
    code, out, err = score("--rubric", "test-challenge", input="I noticed it.\nWhy did it slip?\n")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "strong 100 (rubric test-challenge)",
        '  met     Names a specific observation: "I noticed"',
        '  met     Owns the view: "I noticed"',
        '  met     Invites their view: "Why did it slip?"',
    ]


def test_context_is_accepted_and_long_evidence_is_shortened(
    capsys: pytest.CaptureFixture[str],
) -> None:
    question = "What " + "really " * 20 + "happened?"
    code = main([
        "--library", str(LIBRARY), "score", "--rubric", "test-challenge", "--context",
        "You wanted to talk?", question,
    ])
    out = capsys.readouterr().out
    assert code == 0
    # Quotes are clipped as in every other feedback renderer, ending in an ellipsis.
    [line] = [x for x in out.splitlines() if x.startswith("  met     Invites their view")]
    assert line == f'  met     Invites their view: "{shorten(question, EVIDENCE_CHARS)}"'
    assert line.endswith('..."') and len(shorten(question, EVIDENCE_CHARS)) == EVIDENCE_CHARS


def test_an_unknown_rubric_is_a_usage_error_listing_the_known_ones() -> None:
    code, out, err = score("--rubric", "nope", "Hello")
    assert code == 2
    assert out == ""
    assert err == "upward score: no rubric with id 'nope' (known: test-challenge)\n"


def test_a_broken_rubric_file_shows_its_problems(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    shutil.copytree(LIBRARY, library)
    (library / "rubrics" / "broken.yaml").write_text(
        "id: broken\ntitle: Broken\ntrack: junior\nbands: {strong: 0.7, adequate: 0.4}\n"
        "criteria: []\n", encoding="utf-8",
    )
    result = run_upward("--library", str(library), "score", "--rubric", "broken", "Hi")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{library / 'rubrics' / 'broken.yaml'}:5:")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rubric", "test-challenge", "--jsonl", "text"], "give TEXT or --jsonl, not both"),
        (["--rubric", "test-challenge", "--jsonl", "--context", "x"],
         'with --jsonl, give "context" on each line instead of --context'),
    ],
)
def test_conflicting_options_are_usage_errors(args: list[str], message: str) -> None:
    code, out, err = score(*args, input="")
    assert (code, out) == (2, "")
    assert err == f"upward score: {message}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Your reply is empty; say something to them first."),
        ("x" * 5_001, "Your reply is 5,001 characters; keep it under 5,000."),
    ],
)
def test_a_reply_that_cannot_be_scored_exits_1(text: str, message: str) -> None:
    code, out, err = score("--rubric", "test-challenge", input=text)
    assert (code, out) == (1, "")
    assert err == f"upward score: {message}\n"


def test_jsonl_writes_one_result_line_per_input_line() -> None:
    lines = [json.dumps({"text": STRONG, "context": "So?"}), json.dumps({"text": MIXED})]
    code, out, err = score("--rubric", "test-challenge", "--jsonl", input="\n".join(lines))
    assert (code, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [
        {"score": 1.0, "band": "strong", "met": ["specific", "owns_view", "invites"],
         "missed": [], "flags": [],
         "evidence": {"specific": [[0, 9], [10, 13], [29, 38]], "owns_view": [[0, 9]],
                      "invites": [[40, 70]]}},
        {"score": 0.45, "band": "adequate", "met": ["specific", "owns_view"],
         "missed": ["invites"], "flags": ["over_apology", "hedging"],
         "evidence": {"specific": [[30, 39]], "owns_view": [[30, 39]],
                      "over_apology": [[0, 5]], "hedging": [[7, 12], [19, 23]]}},
    ]


def test_jsonl_with_2000_lines_and_bad_ones_goes_on_and_exits_1() -> None:
    good = [json.dumps({"text": f"I noticed {n} people left. Why?"}) for n in range(2_000)]
    bad = {
        7: "not json",
        99: json.dumps({"context": "no text"}),
        500: json.dumps({"text": ""}),
        777: json.dumps({"text": "x" * 6_000}),
        1_000: json.dumps(["a", "list"]),
        1_500: json.dumps({"text": 42}),
        1_999: "",
    }
    lines = [bad.get(number, line) for number, line in enumerate(good, start=1)]
    code, out, err = score("--rubric", "test-challenge", "--jsonl", input="\n".join(lines) + "\n")
    assert code == 1
    assert err == ""
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2_000
    errors = {n: row["error"] for n, row in enumerate(rows, start=1) if "error" in row}
    assert errors == {
        7: "line 7: not valid JSON (Expecting value at column 1)",
        99: 'line 99: missing "text"',
        500: "line 500: Your reply is empty; say something to them first.",
        777: "line 777: Your reply is 6,000 characters; keep it under 5,000.",
        1_000: 'line 1000: expected a JSON object such as {"text": "..."}',
        1_500: 'line 1500: "text" must be a string',
        1_999: 'line 1999: blank line; expected {"text": ...}',
    }
    scored = [row for row in rows if "error" not in row]
    assert len(scored) == 1_993
    assert all(row["band"] == "strong" and row["score"] == 1.0 for row in scored)


def test_jsonl_reports_undecodable_bytes_by_line() -> None:
    data = b'{"text": "I noticed it."}\n{"text": "\xff"}\n{"text": "Why?"}\n'
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "--library", str(LIBRARY), "score", "--rubric",
         "test-challenge", "--jsonl"],
        input=data, capture_output=True, timeout=60, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [row.get("band", row.get("error")) for row in rows] == [
        "strong", "line 2: not UTF-8 text", "weak",
    ]
