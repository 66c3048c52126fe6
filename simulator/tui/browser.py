"""The scenario browser: filter by track, tag and difficulty, type to search, Enter to open."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from simulator.history import BestResult
from simulator.model import Scenario
from simulator.tui.messages import OpenScenario

ANY = "any"


def difficulty_dots(level: int) -> str:
    return "●" * level + "○" * (3 - level)


def best_text(best: BestResult | None) -> str:
    """`success 0.82 (3×)`: the best finished result, or how many unfinished tries."""
    if best is None:
        return "—"
    if best.outcome is None:
        return f"unfinished ({best.attempts}×)"
    mean = f" {best.mean_score:.2f}" if best.mean_score is not None else ""
    return f"{best.outcome.value}{mean} ({best.attempts}×)"


def matches(scenario: Scenario, track: str, tag: str, level: str, words: str) -> bool:
    if track != ANY and scenario.track.value != track:
        return False
    if tag != ANY and tag not in scenario.tags:
        return False
    if level != ANY and str(scenario.difficulty) != level:
        return False
    haystack = " ".join([scenario.id, scenario.title, scenario.summary, *scenario.tags]).lower()
    return all(word in haystack for word in words.lower().split())


def _options(values: Iterable[str], every: str) -> list[tuple[str, str]]:
    return [(every, ANY), *((value, value) for value in values)]


class BrowserScreen(Screen[None]):
    CSS_PATH = "browser.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, scenarios: Iterable[Scenario],
                 best_results: Callable[[], Mapping[str, BestResult]],
                 track: str | None = None) -> None:
        super().__init__()
        self.scenarios = sorted(scenarios, key=lambda s: (s.track.value, s.difficulty, s.title))
        self.best_results = best_results
        self.best: Mapping[str, BestResult] = {}
        self.track = track or ANY

    def compose(self) -> ComposeResult:
        tags = sorted({tag for s in self.scenarios for tag in s.tags})
        yield Static("Choose a scenario", id="title")
        with Horizontal(id="filters"):
            yield Select(_options(["junior", "senior"], "any track"), value=self.track,
                         allow_blank=False, id="track")
            yield Select(_options(tags, "any tag"), value=ANY, allow_blank=False, id="tag")
            yield Select(_options(["1", "2", "3"], "any difficulty"), value=ANY,
                         allow_blank=False, id="level")
        yield Input(placeholder="Type to search titles, summaries and tags", id="search")
        yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
        yield Static(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Scenario", "Level", "Tags", "Your best")
        self.query_one(Input).focus()

    def on_screen_resume(self) -> None:
        # Read again each time: the learner comes back here from a debrief with a new result.
        self.best = self.best_results()
        self.refill()

    @on(Select.Changed)
    @on(Input.Changed, "#search")
    def refill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        track, tag, level = (str(self.query_one(f"#{name}", Select).value)
                             for name in ("track", "tag", "level"))
        words = self.query_one("#search", Input).value
        shown = [s for s in self.scenarios if matches(s, track, tag, level, words)]
        for s in shown:
            # Text, not str: a DataTable reads a str cell as markup, and titles are not markup.
            table.add_row(Text(s.title), difficulty_dots(s.difficulty), Text(", ".join(s.tags)),
                          best_text(self.best.get(s.id)), key=s.id)
        summary = self.query_one("#summary", Static)
        if not self.scenarios:
            summary.update("This library has no scenarios yet. A trainer can add some.")
        elif not shown:
            summary.update("No scenario matches; clear the search or a filter.")
        else:
            chosen = shown[min(table.cursor_row, len(shown) - 1)]
            summary.update(Content(chosen.summary))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        found = next((s for s in self.scenarios if s.id == event.row_key.value), None)
        if found is not None:
            self.query_one("#summary", Static).update(Content(found.summary))

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(OpenScenario(event.row_key.value))

    @on(Input.Submitted, "#search")
    def _open_highlighted(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
            if key is not None:
                self.post_message(OpenScenario(key))
