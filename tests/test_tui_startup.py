"""`upward play ID` paints its briefing from the two files' plain YAML, before the models, the
validator or the engine are imported; the scenario is validated behind that first frame, and a
scenario that then fails ends the app with the message it always had."""

from __future__ import annotations

import asyncio
import gc
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.app import App

from simulator.cli.cmd_play import opening
from simulator.cli.main import COMMAND_NAMES, main
from simulator.loading import load_for_scenario
from simulator.tui.app import Opening, UpwardApp
from simulator.tui.briefing import Briefing, BriefingScreen
from simulator.tui.conversation import ConversationScreen
from tests.helpers import REPO
from tests.tui_snapshot_app import LIBRARY, SIZE, text_of


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
        assert opening(root, "fixture-nothing") is None
        return
    path.write_text(path.read_text().replace(edit, why, 1))
    assert load_for_scenario(root, "fixture-feedback") is None
    assert opening(root, "fixture-feedback") is None


def test_the_briefing_from_plain_yaml_is_the_briefing_from_the_models() -> None:
    for scenario_id in ("fixture-dashboard", "fixture-feedback"):
        first = opening(LIBRARY, scenario_id)
        part = load_for_scenario(LIBRARY, scenario_id)
        assert first is not None and part is not None
        loaded = part.scenarios[scenario_id].model
        assert first.briefing == Briefing.of(loaded, part.rubrics[loaded.rubric].model)


def test_the_shipped_briefings_paint_from_plain_yaml() -> None:
    """Every shipped scenario takes the fast way, and shows what its models would show."""
    from simulator.loading import load_library

    library = load_library(REPO)
    assert library.scenarios
    for scenario_id, loaded in library.scenarios.items():
        first = opening(REPO, scenario_id)
        assert first is not None, scenario_id
        rubric = library.rubrics[loaded.model.rubric].model
        assert first.briefing == Briefing.of(loaded.model, rubric), scenario_id


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        ("title: Feedback on the all-hands", "title: No"),  # YAML 1.1 reads it as false
        ("difficulty: 2", "difficulty: 7"),
        ("  role: Graduate engineer", "  role: [Graduate engineer]"),
        ("id: fixture-feedback", "id: fixture-other"),
    ],
)
def test_a_briefing_the_models_would_refuse_is_not_painted(
    tmp_path: Path, edit: str, why: str
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    path = root / "scenarios/senior/fixture-feedback.yaml"
    path.write_text(path.read_text().replace(edit, why, 1))
    assert opening(root, "fixture-feedback") is None


def test_play_paints_from_plain_data_and_names_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    apps: list[UpwardApp] = []
    monkeypatch.setattr(UpwardApp, "run", lambda self, **_: apps.append(self))
    assert main(["--library", str(LIBRARY), "play", "fixture-dashboard", "--no-save"]) == 0
    [app] = apps
    assert app._opening is not None
    assert app._opening.briefing.title == "The dashboard nobody reads"
    assert app._rest_of == LIBRARY
    assert not app._first_ready.is_set()  # nothing is validated before the first frame
    # Behind it: the scenario and its rubric first, then the rest of the library.
    part = app._opening.load()
    assert (list(part.scenarios), list(part.rubrics)) == (["fixture-dashboard"],
                                                          ["test-challenge"])


FIRST_FRAME = """
import gc, json, sys
from simulator.tui.app import UpwardApp
seen = {}

def run(self, **_):  # the app object is built, as before its first frame
    seen.update(modules=sorted(sys.modules), collecting=gc.isenabled())

UpwardApp.run = run
from simulator.cli.main import main
assert main(["--library", sys.argv[1], "play", "fixture-dashboard", "--no-save"]) == 0
print(json.dumps({**seen, "collecting_after": gc.isenabled()}))
"""

BEHIND_THE_FIRST_FRAME = (
    "pydantic", "transitions", "re2", "sqlite3", "secrets", "hashlib",
    "simulator.model", "simulator.engine", "simulator.scoring", "simulator.history",
    "simulator.programme", "simulator.xapi", "simulator.report", "simulator.calibration",
    "simulator.loading.library", "simulator.loading.validation", "simulator.loading.crossref",
    "simulator.tui.home", "simulator.tui.browser", "simulator.tui.conversation",
    "simulator.tui.debrief", "simulator.tui.error_screen", "simulator.tui.trainer",
    "simulator.tui.history_screen", "simulator.cli.play_plain",
    *(f"simulator.cli.cmd_{name}" for name in COMMAND_NAMES if name != "play"),
)
"""What `upward play ID` imports only behind its first frame (or never): the models, the
validator, the engine, the history, the other screens and the other commands."""


def test_nothing_the_briefing_does_not_need_is_imported_before_it() -> None:
    found = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(LIBRARY)], capture_output=True, text=True,
        check=True, cwd=REPO, timeout=60,
    )
    seen = json.loads(found.stdout)
    modules = set(seen["modules"])
    early = sorted(heavy for heavy in BEHIND_THE_FIRST_FRAME if heavy in modules)
    assert not early, f"imported before the first frame: {early}"
    assert "simulator.loading.yaml_source" in modules  # the files are still read safely
    # No collection before the first frame (the app turns the collector back on after it),
    # and the command line leaves it as it found it.
    assert seen["collecting"] is False
    assert seen["collecting_after"] is True


async def test_the_collector_runs_again_once_the_first_frame_is_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app starts with the collector off, as the command line leaves it, and turns it back
    on only once its first frame is out. (The collector's functions are stubbed: the test
    process's own is left as it is.)"""
    enabled = [False]
    turned_on: list[bool] = []  # for each time: was the first frame out?
    app: UpwardApp | None = None

    def enable() -> None:
        turned_on.append(app is not None and app._dom_ready)
        enabled[0] = True

    monkeypatch.setattr(gc, "enable", enable)
    monkeypatch.setattr(gc, "disable", lambda: enabled.__setitem__(0, False))
    monkeypatch.setattr(gc, "isenabled", lambda: enabled[0])
    monkeypatch.setattr(gc, "collect", lambda *_: 0)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(gc, "set_threshold", lambda *_: None)
    first = opening(LIBRARY, "fixture-dashboard")
    assert first is not None
    app = UpwardApp(opening=first, scenario="fixture-dashboard", save=False, blink=False,
                    rest_of=LIBRARY, manage_gc=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert turned_on and all(turned_on), turned_on
        assert enabled[0]


async def test_the_scenario_loads_behind_the_briefing_then_the_rest() -> None:
    first = opening(LIBRARY, "fixture-dashboard")
    assert first is not None
    app = UpwardApp(opening=first, scenario="fixture-dashboard", save=False, blink=False,
                    rest_of=LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        assert "The dashboard nobody reads" in text_of(app, "#briefing-text")
        await pilot.pause()  # the load starts after the first refresh
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app._rest_of is None
        assert sorted(app.library.scenarios) == ["fixture-dashboard", "fixture-feedback"]
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)


async def test_enter_before_the_load_has_finished_waits_for_it() -> None:
    first = opening(LIBRARY, "fixture-feedback")
    assert first is not None
    release = threading.Event()

    def slow_load() -> object:
        release.wait(10)
        return first.load()

    app = UpwardApp(opening=Opening(first.briefing, slow_load), scenario="fixture-feedback",
                    save=False, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app._first_ready.is_set()
        threading.Timer(0.2, release.set).start()
        await pilot.press("enter")  # waits for the load, then starts the conversation
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.failure is None


def broken_copy(tmp_path: Path) -> Path:
    """The fixture library with a scenario whose briefing is fine but whose branches are not."""
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    path = root / "scenarios/senior/fixture-feedback.yaml"
    path.write_text(path.read_text().replace("- to: shuts-down", "- to: nowhere", 1))
    return root


def run_headless(monkeypatch: pytest.MonkeyPatch) -> list[UpwardApp]:
    """Let `upward play` run its app for real, headless, and keep it."""
    apps: list[UpwardApp] = []

    def run(self: UpwardApp, **_: object) -> None:
        apps.append(self)

        async def go() -> None:
            async with self.run_test(size=SIZE) as pilot:
                for _ in range(200):  # the load behind the briefing ends the app
                    await pilot.pause(0.05)
                    if self._exit:
                        break

        asyncio.run(go())

    monkeypatch.setattr(UpwardApp, "run", run)
    return apps


def test_a_scenario_that_fails_after_its_briefing_gives_the_same_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The briefing has painted; validation behind it fails: the app ends, and the terminal
    shows exactly what `--plain` (which validates first) says, with the same exit status."""
    root = broken_copy(tmp_path)
    assert opening(root, "fixture-feedback") is not None  # the briefing does paint
    assert main(["--library", str(root), "play", "fixture-feedback", "--plain"]) == 2
    plain = capsys.readouterr().err
    assert "scenario 'fixture-feedback' has" in plain and "nowhere" in plain

    apps = run_headless(monkeypatch)
    assert main(["--library", str(root), "play", "fixture-feedback", "--no-save"]) == 2
    [app] = apps
    assert app._exit and app.return_code == 2
    assert capsys.readouterr().err == plain


def test_a_scenario_whose_briefing_is_wrong_fails_before_any_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    path = root / "scenarios/senior/fixture-feedback.yaml"
    path.write_text(path.read_text().replace("track: senior", "track: sideways", 1))
    apps: list[App[None]] = []
    monkeypatch.setattr(UpwardApp, "run", lambda self, **_: apps.append(self))
    assert main(["--library", str(root), "play", "fixture-feedback"]) == 2
    assert not apps
    assert "scenario 'fixture-feedback' has" in capsys.readouterr().err
