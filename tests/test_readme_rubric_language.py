"""The README's rubric-language section is true: its worked example validates, its examples
pass, and its shared lexicon file loads."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from simulator.scoring.examples import check_examples
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)


def _block(marker: str) -> str:
    [block] = [b for b in BLOCKS if marker in b]
    return block


def test_the_worked_example_and_the_shared_lexicon_load_and_their_examples_pass(
    tmp_path: Path,
) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "rubrics" / "lexicons").mkdir(parents=True)
    (tmp_path / "rubrics" / "worked-openness.yaml").write_text(_block("id: worked-openness"))
    (tmp_path / "rubrics" / "lexicons" / "deferrals.yaml").write_text(
        _block("lexicon.schema.json")
    )
    library = load_library(tmp_path)
    assert [str(p) for p in library.problems] == []
    compiled = CompiledRubric.compile(library.rubrics["worked-openness"].model)
    checks = check_examples(compiled)
    assert len(checks) == 6
    assert [c.message() for c in checks if not c.passed] == []
    assert "later" in library.rubrics["worked-openness"].model.lexicons


def test_the_worked_example_scores_as_the_readme_says(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "worked-openness.yaml").write_text(_block("id: worked-openness"))
    compiled = CompiledRubric.compile(load_library(tmp_path).rubrics["worked-openness"].model)
    both = compiled.score("I hadn't realised that. What did the night shift say?")
    assert both.score == 1.0
    assert [both.text[a:b] for a, b in both.criteria[0].evidence] == ["I hadn't realised"]
