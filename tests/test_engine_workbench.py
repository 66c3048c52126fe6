"""One pass over a library: each scenario prepared once, each distinct reply scored once, and
the same answers as scoring every reply afresh."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from simulator.engine import RubricBook
from simulator.engine.checks import validation_problems
from simulator.engine.lint import lint_library
from simulator.engine.memo import ScoreMemo
from simulator.engine.replay import replay_scenario
from simulator.engine.workbench import Workbench
from simulator.loading import load_library
from simulator.scoring import CompiledRubric, ReplyError, compile_criteria
from tests.helpers import REPO, run_upward


def copies(root: Path, count: int, *, break_first_example: bool = False) -> Path:
    """`count` copies of one shipped scenario, each with its own id, beside the rubrics."""
    shutil.copytree(REPO / "rubrics", root / "rubrics")
    original = REPO / "scenarios" / "junior" / "board-dashboard.yaml"
    text = original.read_text(encoding="utf-8")
    if break_first_example:
        text = text.replace("path: [opening, defends-design, polite-nod]",
                            "path: [opening, polite-nod]")
    folder = root / "scenarios" / "junior"
    folder.mkdir(parents=True)
    for index in range(count):
        new_id = f"board-dashboard-{index}"
        (folder / f"{new_id}.yaml").write_text(
            re.sub(r"^id: *\S+", f"id: {new_id}", text, count=1, flags=re.M), encoding="utf-8"
        )
    return root


def test_the_memo_scores_a_distinct_reply_once_and_remembers_refusals() -> None:
    library = load_library(REPO)
    rubric = CompiledRubric.compile(library.rubrics["junior-challenge"].model)
    focus = compile_criteria([])
    memo = ScoreMemo()
    first = memo.score(rubric, focus, "I noticed the figures were late.", None)
    assert memo.score(rubric, focus, "I noticed the figures were late.", None) is first
    assert memo.hits == 1
    assert first == rubric.score("I noticed the figures were late.", focus=focus)
    other = memo.score(rubric, focus, "I noticed the figures were late.", "Go on.")
    assert len(memo) == 2 and other == first  # the context is part of the key
    for _ in range(2):
        with pytest.raises(ReplyError, match="empty"):
            memo.score(rubric, focus, "   ", None)


def test_the_memo_keeps_to_its_limit() -> None:
    library = load_library(REPO)
    rubric = CompiledRubric.compile(library.rubrics["senior-openness"].model)
    memo = ScoreMemo(limit=3)
    for number in range(10):
        memo.score(rubric, compile_criteria([]), f"Tell me more about point {number}.", None)
    assert len(memo) == 3


def test_beats_with_the_same_focus_share_one_compiled_focus() -> None:
    library = load_library(REPO)
    bench = Workbench(library)
    scenario = library.scenarios["board-dashboard"].model
    first, second = bench.prepare(scenario), bench.prepare(scenario)
    assert first.machine is not second.machine  # a pass prepares each scenario once itself
    for beat_id in scenario.beats:
        assert first.focus[beat_id] is second.focus[beat_id]


def test_a_pass_gives_the_answers_of_scoring_each_reply_afresh() -> None:
    library = load_library(REPO)
    rubrics = RubricBook.of(library)
    bench = Workbench(library)
    for loaded, _, prepared in bench.each():
        shared = list(replay_scenario(loaded, bench.rubrics, prepared))
        fresh = list(replay_scenario(loaded, rubrics))
        assert [run.turns for run in shared] == [run.turns for run in fresh]
    assert bench.memo.hits > 0


def test_every_copy_reports_its_own_failure_at_its_own_line(tmp_path: Path) -> None:
    root = copies(tmp_path, 5, break_first_example=True)
    problems = validation_problems(load_library(root))
    failing = [p for p in problems if "example" in p.message]
    assert sorted(p.path.name for p in failing) == [f"board-dashboard-{n}.yaml" for n in range(5)]
    assert len({(p.line, p.column, p.message) for p in failing}) == 1


def test_copies_validate_test_and_lint_like_the_original(tmp_path: Path) -> None:
    root = copies(tmp_path, 4)
    assert validation_problems(load_library(root)) == []
    assert lint_library(load_library(root)) == []
    result = run_upward("--library", str(root), "test")
    single = run_upward("--library", str(REPO), "test", "scenarios/junior/board-dashboard.yaml",
                        cwd=REPO)
    per_copy = int(single.stdout.split()[0])
    # The copies' library also holds the rubrics, whose own examples are checked once, after.
    summary, _, rubric_part = result.stdout.strip().partition("; ")
    assert summary == f"{4 * per_copy} examples, {4 * per_copy} passed, 0 failed"
    assert rubric_part.endswith(" passed, 0 failed") and "rubric example" in rubric_part
