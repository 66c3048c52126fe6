"""Golden bad-input tests: each broken file sits next to the exact messages it must produce."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.loading import load_files, load_library
from tests.helpers import FIXTURES

HERE = FIXTURES / "foundation"
BAD = sorted(p.relative_to(HERE) for p in (HERE / "bad").rglob("*.yaml"))


@pytest.fixture(scope="module")
def rubrics() -> dict:
    return load_library(HERE / "library").rubrics


def test_the_fixture_library_itself_is_clean() -> None:
    library = load_library(HERE / "library")
    assert [str(p) for p in library.problems] == []
    assert set(library.scenarios) == {"mini-dashboard"}
    assert set(library.rubrics) == {"mini-challenge"}


@pytest.mark.parametrize("relative", BAD, ids=[p.stem for p in BAD])
def test_bad_file_gives_exact_messages(
    relative: Path, rubrics: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(HERE)
    others = {rid: loaded for rid, loaded in rubrics.items() if rid != relative.stem}
    library = load_files([relative], extra_rubrics=others)
    expected = relative.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in library.problems] == expected
    assert all(p.is_error for p in library.problems)
    assert relative.stem not in library.scenarios
