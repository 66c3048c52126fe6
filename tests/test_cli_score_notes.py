"""`upward score` shows a whole-reply criterion's note in words, not an empty highlight."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_upward

RUBRIC = """\
id: notes
title: Notes
track: senior
bands: {strong: 0.7, adequate: 0.4}
criteria:
  - id: brief
    label: Leaves room for them
    detect: {words: {max: 40}}
    note: Short enough to leave them room
  - id: asks
    label: Asks
    detect: {question: any}
"""


def test_the_note_stands_in_for_evidence(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "notes.yaml").write_text(RUBRIC)
    result = run_upward(
        "--library", str(tmp_path), "score", "--rubric", "notes", "What happened next, then?"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  met     Leaves room for them (Short enough to leave them room)" in lines
    assert '  met     Asks: "What happened next, then?"' in lines
