"""The README's examples are real: its minimal rubric and scenario validate cleanly."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.loading import load_library
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)


def _block(marker: str) -> str:
    [block] = [b for b in BLOCKS if marker in b]
    return block


def test_readme_minimal_rubric_and_scenario_validate(tmp_path: Path) -> None:
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "scenarios/junior").mkdir(parents=True)
    (tmp_path / "rubrics/quick-challenge.yaml").write_text(_block("id: quick-challenge"))
    (tmp_path / "scenarios/junior/quick-dashboard.yaml").write_text(_block("id: quick-dashboard"))
    library = load_library(tmp_path)
    assert [str(p) for p in library.problems] == []
    assert set(library.scenarios) == {"quick-dashboard"}


def test_readme_quick_start_is_exactly_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", quick, flags=re.MULTILINE)
    assert commands == ["make run", "make test"]
