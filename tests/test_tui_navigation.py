"""Where Back and Esc lead, and the browser, history and error screens at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Select

from simulator.tui.briefing import BriefingScreen
from simulator.tui.browser import BrowserScreen, shortened
from simulator.tui.debrief import DebriefScreen
from simulator.tui.error_screen import LibraryErrorScreen
from simulator.tui.history_screen import HistoryScreen
from simulator.tui.home import HomeScreen
from tests.test_tui_screens import broken_library
from tests.tui_snapshot_app import SIZE, make_app, settle


async def test_back_from_the_debrief_of_upward_play_goes_to_the_track_browser() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+o", "1")
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("b")
        assert isinstance(app.screen, BrowserScreen)
        assert app.screen.query_one("#track", Select).value == "senior"
        assert app.screen.highlighted() == "fixture-feedback"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("escape")  # home is where going back ends
        assert isinstance(app.screen, HomeScreen)


async def test_back_from_a_debrief_reached_from_the_browser_keeps_the_place() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = app.screen
        screen.query_one("#track", Select).value = "any"
        await pilot.pause()
        await pilot.press("down")
        assert screen.highlighted() == "fixture-feedback"
        await pilot.press("enter", "enter", "ctrl+o", "1")
        await settle(pilot)
        await pilot.press("enter", "escape")  # the debrief; Esc is Back there
        assert app.screen is screen
        assert screen.highlighted() == "fixture-feedback"
        table = screen.query_one(DataTable)
        assert str(table.get_row_at(table.cursor_row)[2]) == "success 100 (1×)"


async def test_esc_from_upward_play_before_starting_goes_home() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_enter_on_a_filter_picks_a_value_and_opens_nothing() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "shift+tab", "shift+tab", "shift+tab")  # the track filter
        assert isinstance(app.screen.focused, Select)
        await pilot.press("enter", "down", "enter")
        assert isinstance(app.screen, BrowserScreen)
        assert app.screen.query_one("#track", Select).value == "senior"
        assert app.screen.active_bindings["enter"].binding.description != "Open"


def test_long_tags_are_shortened_so_the_best_result_stays_on_screen() -> None:
    assert shortened("technical, cloud", 20) == "technical, cloud"
    assert shortened("technical, cloud, plain-language", 20) == "technical, cloud, p…"
    assert shortened("technical, cloud, plain-language", 18) == "technical, cloud…"


async def test_history_names_scenarios_and_reads_from_the_top() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "enter", "ctrl+o", "1")
        await settle(pilot)
        await pilot.press("escape", "escape", "escape", "h")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#attempts", DataTable)
        assert str(table.get_row_at(0)[0]) == "The dashboard nobody reads"
        assert app.screen.focused is table  # Enter opens the attempt under the cursor
        assert app.screen.query_one("#history").scroll_y == 0


async def test_esc_on_the_error_screen_carries_on(tmp_path: Path) -> None:
    app = make_app(library=broken_library(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LibraryErrorScreen)
        assert app.screen.active_bindings["c"].binding.description == "Continue"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_error_screen_offers_no_continue_when_nothing_loaded(tmp_path: Path) -> None:
    app = make_app(library=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LibraryErrorScreen)
        assert "c" not in app.screen.active_bindings or not app.screen.active_bindings[
            "c"].enabled
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryErrorScreen)


async def test_the_debrief_table_fits_a_narrow_screen() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=(44, 30)) as pilot:
        await pilot.press("enter", "ctrl+o", "3")
        await settle(pilot)
        for text in ("I think it matters.", "Hmm, okay.", "Maybe."):
            app.screen.query_one("#reply").insert(text)  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#criteria", DataTable)
        assert len(table.columns) == 2 + 4
        assert table.virtual_size.width <= table.size.width
        labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any(label.endswith("…") for label in labels)


async def test_the_browser_can_open_on_a_given_scenario() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.action_browse(None, "fixture-feedback")  # the second row of all tracks
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        assert screen.query_one(DataTable).cursor_row == 1
        assert screen.highlighted() == "fixture-feedback"
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.facts.scenario_id == "fixture-feedback"
