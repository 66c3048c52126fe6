"""Library resolution: --library, then $UPWARD_LIBRARY, then the current folder, then shipped."""

from __future__ import annotations

from pathlib import Path

from simulator.loading import is_library, load_library, resolve_library, shipped_library
from tests.helpers import FIXTURES

LIBRARY = FIXTURES / "foundation/library"


def test_explicit_beats_everything(tmp_path: Path) -> None:
    env = {"UPWARD_LIBRARY": str(tmp_path)}
    assert resolve_library(Path("x"), env=env, cwd=LIBRARY) == Path("x")


def test_environment_beats_current_folder(tmp_path: Path) -> None:
    assert resolve_library(None, env={"UPWARD_LIBRARY": str(tmp_path)}, cwd=LIBRARY) == tmp_path


def test_current_folder_when_it_is_a_library() -> None:
    assert resolve_library(None, env={}, cwd=LIBRARY) == LIBRARY


def test_shipped_library_otherwise(tmp_path: Path) -> None:
    assert resolve_library(None, env={}, cwd=tmp_path) == shipped_library()
    assert is_library(shipped_library())


def test_a_folder_that_is_not_a_library_is_one_clear_problem(tmp_path: Path) -> None:
    library = load_library(tmp_path)
    [problem] = library.problems
    assert "needs a `scenarios/` and a `rubrics/` folder" in problem.message


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "lib")
    twin = tmp_path / "lib/scenarios/senior/mini-dashboard.yaml"
    twin.parent.mkdir(exist_ok=True)
    text = (LIBRARY / "scenarios/junior/mini-dashboard.yaml").read_text()
    twin.write_text(text.replace("track: junior", "track: senior"))
    problems = [str(p).replace(str(tmp_path), "") for p in load_library(tmp_path / "lib").problems]
    assert "/lib/scenarios/senior/mini-dashboard.yaml:5:9: rubric 'mini-challenge' is for the " \
        "junior track but this scenario is senior" in problems
    assert any("id 'mini-dashboard' is already used by" in p for p in problems)


def test_a_rubric_that_does_not_load_is_named_not_called_missing(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "lib")
    rubric = tmp_path / "lib/rubrics/mini-challenge.yaml"
    rubric.write_text(rubric.read_text().replace("weight: 2", "weight: -2", 1))
    problems = [str(p).replace(str(tmp_path), "") for p in load_library(tmp_path / "lib").problems]
    assert any(p.startswith("/lib/rubrics/mini-challenge.yaml:") and "greater than 0" in p
               for p in problems)
    assert "/lib/scenarios/junior/mini-dashboard.yaml:5:9: rubric 'mini-challenge' did not load: " \
        "fix the problems reported for mini-challenge.yaml first; this scenario is checked " \
        "against it once it loads" in problems
    assert not any("no rubric with id" in p for p in problems)
