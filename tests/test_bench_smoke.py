"""Each benchmark script still runs end to end (with tiny sizes) and prints its ratio.

The timings themselves are never checked: `make bench` runs the real sizes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import REPO


def bench(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args], cwd=REPO, capture_output=True,
        text=True, timeout=120, check=False, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_load_bench_times_validate_against_the_c_loader() -> None:
    out = bench("load.py", "--sizes", "3", "--runs", "1", "--replies", "20")
    assert "Session.respond over 20 replies" in out
    rows = [line.split() for line in out.splitlines() if line.split()[:1] == ["3"]]
    assert rows and rows[0][4].endswith("x")  # 3 scenarios: sizes, times, the ratio, memory


def test_scoring_bench_times_score_jsonl_against_one_re2_pass() -> None:
    out = bench("scoring.py", "--replies", "200", "--runs", "1", "--rubric", "junior-challenge")
    assert "junior-challenge: scoring ratio" in out
    assert "one RE2 alternation of" in out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pty")
def test_startup_bench_paints_both_apps_in_a_terminal() -> None:
    out = bench("startup.py", "--runs", "1")
    assert "startup ratio:" in out


def test_turn_bench_times_enter_to_the_feedback_frame() -> None:
    out = bench("turn.py", "--turns", "5")
    assert "wall: turn ratio p50" in out and "CPU: turn ratio p50" in out
