"""Each benchmark script still runs end to end (with tiny sizes) and prints its ratio.

The timings themselves are never checked: `make bench` runs the real sizes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO


def bench(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args], cwd=REPO, capture_output=True,
        text=True, timeout=120, check=False, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_calibration_blind_prints_counts_and_never_a_reply(tmp_path: Path) -> None:
    rows = [
        {"track": "senior", "context": "The rota hurts nights.", "open": 2, "band": "weak",
         "flags": ["pulls_rank"], "text": "I've run this ward for twenty years; it stays."},
        {"track": "senior", "context": "The rota hurts nights.", "open": 6, "band": "strong",
         "flags": [], "text": "Thank you. What would a fairer rota look like to you?"},
        {"track": "senior", "context": "The rota hurts nights.", "open": 4, "band": "adequate",
         "flags": [], "text": "Fair point, thanks for raising it."},
        {"track": "junior", "context": "Go on.", "band": "adequate", "flags": ["hedging"],
         "text": "I might be wrong, but maybe the handovers are a bit rushed?"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = bench("calibration.py", "--blind", str(batch))
    assert "batch.jsonl senior: 3 replies, band accuracy" in out
    assert "batch.jsonl junior: 1 replies" in out
    assert "pulls_rank " in out and "spearman(score, open)" in out
    assert not any(word in out for word in ("twenty", "rota", "handovers", "Thank"))


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
