"""`upward play ID` paints from the scenario and its rubric; the rest of the library follows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.loading import load_for_scenario
from simulator.tui.app import UpwardApp
from simulator.tui.briefing import BriefingScreen
from tests.tui_snapshot_app import LIBRARY


def test_only_the_scenario_and_its_rubric_are_loaded() -> None:
    part = load_for_scenario(LIBRARY, "fixture-feedback")
    assert part is not None
    assert list(part.scenarios) == ["fixture-feedback"]
    assert list(part.rubrics) == ["test-openness"]


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (None, "an id with no file"),
        ("rubric: test-openness", "rubric: no-such-rubric"),  # the rubric file is missing
        ("rubric: test-openness", "rubric:\n  - test-openness"),  # not a plain line
        ("track: senior", "track: sideways"),  # the file has an error: the full load says so
    ],
)
def test_anything_unusual_falls_back_to_the_whole_library(
    tmp_path: Path, edit: str | None, why: str
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    path = root / "scenarios/senior/fixture-feedback.yaml"
    if edit is None:
        assert load_for_scenario(root, "fixture-nothing") is None
        return
    path.write_text(path.read_text().replace(edit, why, 1))
    assert load_for_scenario(root, "fixture-feedback") is None


def test_play_starts_with_the_part_and_names_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    apps: list[UpwardApp] = []
    monkeypatch.setattr(UpwardApp, "run", lambda self, **_: apps.append(self))
    assert main(["--library", str(LIBRARY), "play", "fixture-dashboard", "--no-save"]) == 0
    [app] = apps
    assert list(app._library.scenarios) == ["fixture-dashboard"]
    assert app._rest_of == LIBRARY
    # Anything that needs the whole library gets it, loaded on the spot if need be.
    assert sorted(app.library.scenarios) == ["fixture-dashboard", "fixture-feedback"]


async def test_the_rest_loads_behind_the_briefing() -> None:
    part = load_for_scenario(LIBRARY, "fixture-dashboard")
    app = UpwardApp(part, scenario="fixture-dashboard", save=False, blink=False, rest_of=LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        await pilot.pause()  # the load starts after the first refresh
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app._rest_of is None
        assert sorted(app._library.scenarios) == ["fixture-dashboard", "fixture-feedback"]
