"""The screens around the conversation: errors, browser, palette, trainer, history, themes."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Select

from simulator.tui.briefing import BriefingScreen
from simulator.tui.browser import BrowserScreen
from simulator.tui.error_screen import LibraryErrorScreen
from simulator.tui.home import HomeScreen
from simulator.tui.trainer import TrainerScreen
from tests.tui_snapshot_app import LIBRARY, SIZE, make_app, settle, text_of

BROKEN = """\
id: broken
title: Broken
track: junior
rubric: test-challenge
difficulty: 1
summary: A bare No.
briefing: x
counterpart: {name: A, role: B}
start: opening
beats:
  opening:
    say: No
    next: [{to: done}]
endings:
  done: {say: "ok", outcome: success, debrief: ok}
"""


def broken_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(LIBRARY, root)
    (root / "scenarios" / "junior" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return root


async def test_a_broken_library_shows_the_problems_not_a_traceback(tmp_path: Path) -> None:
    app = make_app(library=broken_library(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LibraryErrorScreen)
        assert "The scenario library has 1 problem" in text_of(app, "#error-title")
        problem = text_of(app, ".problem")
        assert problem.startswith("scenarios/junior/broken.yaml:12:10: ")
        assert 'put it in quotes: "No"' in problem
        await pilot.press("c")  # the two good scenarios can still be played
        assert isinstance(app.screen, HomeScreen)


async def test_a_folder_that_is_no_library_offers_only_quit(tmp_path: Path) -> None:
    app = make_app(library=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "not a library" in text_of(app, ".problem")
        assert not app.screen.query("#carry-on")
        await pilot.press("q")
    assert app.return_code == 0


async def test_browser_filters_and_search() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 1  # the senior track only
        screen.query_one("#track", Select).value = "any"
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press(*"dashb")
        await pilot.pause()
        assert [str(table.get_row_at(0)[0])] == ["The dashboard nobody reads"]
        assert table.row_count == 1
        screen.query_one(Input).value = "nothing like this"
        await pilot.pause()
        assert "No scenario matches" in text_of(app, "#summary")


async def test_browser_shows_the_best_previous_result() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[2]) == "—"
        await pilot.press("enter", "enter", "ctrl+o", "1")
        await settle(pilot)
        await pilot.press("enter", "b")  # the debrief, then back to the browser
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[2]) == "success 100 (1×)"


async def test_palette_opens_a_scenario_and_toggles_the_coach() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"all-hands")  # matches "Open scenario: Feedback on the all-hands"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.facts.scenario_id == "fixture-feedback"
        await pilot.press("enter", "f2")
        assert app.coach
        assert app.screen.query_one("#coach").display
        assert "Acknowledges the point" in text_of(app, "#coach-text")


async def test_trainer_shows_problems_graphs_and_examples() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, TrainerScreen)
        await settle(pilot)
        assert "No problems: 2 scenario(s), 2 rubric(s)." in text_of(app, "#problems")
        examples = text_of(app, "#examples")
        assert examples.startswith("6 examples, 6 passed, 0 failed")
        assert "✓ fixture-dashboard: blames, then recovers" in examples
        graph = text_of(app, "#graph")
        assert "opening  (start)\n  ├ flags: blame (trust -1) → bristles" in graph
        assert "flowchart TD" in graph


async def test_history_screen_shows_attempts_and_sparklines() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "enter", "ctrl+o", "1")  # apologises: brushed off at once
        await settle(pilot)
        await pilot.press("enter", "r", "ctrl+o", "2")  # the debrief, Retry, then a strong choice
        await settle(pilot)
        await pilot.press("escape", "y", "escape", "h")  # leave (asked: yes), home, history
        assert "Junior track · 1 attempt (finished)" in text_of(app, "#progress")
        await pilot.press("u")  # the unfinished attempt counts only when asked for
        progress = text_of(app, "#progress")
        assert "Junior track · 2 attempts (unfinished included)" in progress
        assert "▁█ Names a specific moment met in 0 of 1 turn → 1 of 1 (more often)" in progress
        assert "█▁ Over-apologising raised in 1 of 1 turn → 0 of 1 (less often)" in progress
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2


async def test_help_panel_and_light_theme() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert app.screen.query("HelpPanel")
        await pilot.press("f1", "f3")
        assert not app.screen.query("HelpPanel")
        assert app.theme == "textual-light"
