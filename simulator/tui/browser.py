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
from textual.widgets import DataTable, Input, Select, Static
from textual.widgets._select import SelectOverlay

from simulator.engine import points
from simulator.history import BestResult
from simulator.model import Scenario
from simulator.tui.briefing import difficulty_dots
from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst
from simulator.tui.messages import OpenScenario, ResumeAttempt

ANY = "any"


def best_text(best: BestResult | None) -> str:
    """`success 0.82 (3×)`: the best finished result, or how many unfinished tries."""
    if best is None:
        return "—"
    if best.outcome is None:
        return f"unfinished ({best.attempts}×)"
    mean = f" {points(best.mean_score)}" if best.mean_score is not None else ""
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


def tags_room(width: int, shown: list[Scenario], bests: list[str]) -> int:
    """Characters left for the tags once title, level and best result have their width."""
    title = max((len(s.title) for s in shown), default=0)
    best = max(len(b) for b in [*bests, "Your best"])
    cells = 4 * 2 + 2  # each cell's padding, and the table's scrollbar
    return max(12, width - title - len("Level") - best - cells)


def shortened(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1].rstrip(" ,") + "…"


def _options(values: Iterable[str], every: str) -> list[tuple[str, str]]:
    return [(every, ANY), *((value, value) for value in values)]


class BrowserScreen(OwnKeysFirst):
    CSS_PATH = "browser.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so that it shows in the footer and acts the same from the search box,
        # the table and the filters (a filter that is open keeps Enter for itself).
        Binding("enter", "open", "Open", priority=True),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("escape", "app.back", "Back"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]
    HELP = """\
**Choose a scenario.** Type to search; **Up**/**Down** move through the list and
**Enter** opens the briefing; **Ctrl+R** resumes your latest unfinished attempt at
it. **Tab** reaches the filters (track, tag, difficulty):
**Enter** opens one, the arrows pick. **Esc** goes back.
"""

    def __init__(self, scenarios: Iterable[Scenario],
                 best_results: Callable[[], Mapping[str, BestResult]],
                 track: str | None = None, highlight: str | None = None) -> None:
        super().__init__()
        self.first_highlight = highlight
        """The scenario under the cursor when the list is first shown."""
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
        # Tags last: they are the column that gets shortened when the screen is narrow.
        table.add_columns("Scenario", "Level", "Your best", "Tags")
        self.query_one(Input).focus()

    def on_screen_resume(self) -> None:
        # Read again each time: the learner comes back here from a debrief with a new result.
        self.best = self.best_results()
        self.refill()

    def on_resize(self) -> None:
        self.refill()

    @on(Select.Changed)
    @on(Input.Changed, "#search")
    def refill(self) -> None:
        table = self.query_one(DataTable)
        was = self.highlighted() or self.first_highlight
        self.first_highlight = None
        table.clear()
        track, tag, level = (str(self.query_one(f"#{name}", Select).value)
                             for name in ("track", "tag", "level"))
        words = self.query_one("#search", Input).value
        shown = [s for s in self.scenarios if matches(s, track, tag, level, words)]
        bests = [best_text(self.best.get(s.id)) for s in shown]
        room = tags_room(self.size.width or self.app.size.width, shown, bests)
        for s, best in zip(shown, bests, strict=True):
            # Text, not str: a DataTable reads a str cell as markup, and titles are not markup.
            table.add_row(Text(s.title), difficulty_dots(s.difficulty), best,
                          Text(shortened(", ".join(s.tags), room)), key=s.id)
        ids = [s.id for s in shown]
        if was in ids:  # back from a run, or the filter still shows it: keep the place
            table.move_cursor(row=ids.index(was), animate=False)
        summary = self.query_one("#summary", Static)
        if not self.scenarios:
            summary.update("This library has no scenarios yet. A trainer can add some.")
        elif not shown:
            summary.update("No scenario matches; clear the search or a filter.")
        else:
            chosen = shown[min(table.cursor_row, len(shown) - 1)]
            summary.update(Content(chosen.summary))

    def highlighted(self) -> str | None:
        """The id of the scenario under the cursor, if any."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":  # on a filter, Enter opens and closes its list
            return not isinstance(self.focused, (Select, SelectOverlay))
        return True

    def action_open(self) -> None:
        key = self.highlighted()
        if key is not None:
            self.post_message(OpenScenario(key))

    def action_resume(self) -> None:
        key = self.highlighted()
        found = getattr(self.app, "latest_unfinished", lambda _k: None)(key) if key else None
        if found is None:
            self.notify("No unfinished attempt at this scenario.", severity="warning")
            return
        self.post_message(ResumeAttempt(found))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        found = next((s for s in self.scenarios if s.id == event.row_key.value), None)
        if found is not None:
            self.query_one("#summary", Static).update(Content(found.summary))

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:  # a click on a row
        if event.row_key.value is not None:
            self.post_message(OpenScenario(event.row_key.value))
