"""The learner's history: recent attempts, and per criterion and flag a sparkline across them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from simulator.engine import points
from simulator.history import Attempt, Store, TrackProgress, Trend, progress
from simulator.history.transcript import local_time
from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst
from simulator.tui.messages import ResumeAttempt

RECENT = 20
"""Attempts listed; the progress uses them all."""


def trend_line(trend: Trend) -> Content:
    label = trend.label or trend.id
    style = "$text-error" if trend.verb == "raised" else "$text-success"
    return Content.from_markup(
        "  [$style]$spark[/] $label [dim]$words[/dim]",
        style=style, spark=trend.sparkline(), label=label, words=trend.words(),
    )


def progress_content(tracks: dict[object, TrackProgress], unfinished: bool = False) -> Content:
    if not tracks:
        return Content("No finished attempts yet: finish a scenario and your progress shows "
                       "here (u counts unfinished ones too).")
    lines: list[Content] = []
    for item in tracks.values():
        noun = "attempt" if item.attempts == 1 else "attempts"
        lines.append(Content.from_markup(
            "[b]$track track[/b] [dim]· $count $noun$which, oldest to newest[/dim]",
            track=item.track.value.capitalize(), count=item.attempts, noun=noun,
            which=" (unfinished included)" if unfinished else " (finished)",
        ))
        lines += [trend_line(trend) for trend in item.criteria]
        if item.flags:
            lines.append(Content.styled("  Flags", "bold"))
            lines += [trend_line(trend) for trend in item.flags]
    return Content("\n").join(lines)


def attempt_row(attempt: Attempt, titles: Mapping[str, str] | None = None
                ) -> tuple[Text | str, ...]:
    """One attempt; the scenario's title when the library still has it, else its id."""
    mean = attempt.mean_score
    outcome = attempt.outcome.value if attempt.outcome is not None else "… unfinished"
    name = (titles or {}).get(attempt.scenario_id, attempt.scenario_id)
    return (
        Text(name), local_time(attempt.started_at), outcome, str(len(attempt.turns)),
        "—" if mean is None else str(points(mean)),
    )


class HistoryScreen(OwnKeysFirst):
    CSS_PATH = "tools.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("r", "resume", "Resume"),
        Binding("u", "toggle_unfinished", "Unfinished in progress"),
        Binding("escape", "app.back", "Back"),
    ]
    HELP = """\
**History.** **Up**/**Down** pick an attempt; **Enter** shows its transcript and
debrief; **r** resumes an unfinished one where it stopped. Progress counts finished
attempts; **u** counts unfinished ones too. **Esc** goes back.
"""

    def __init__(self, store: Store, titles: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.store = store
        self.titles = titles or {}
        self.unfinished = False
        self.attempts: list[Attempt] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Static(Content.from_markup("[b]Your progress[/b]"), classes="section")
            yield Static(id="progress")
            yield Static(Content.from_markup("[b]Recent attempts[/b]"), classes="section")
            yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#attempts", DataTable)
        table.add_columns("Scenario", "Started", "Outcome", "Replies", "Mean")
        table.focus()

    def on_screen_resume(self) -> None:
        # Read again each time: a resumed attempt may have finished since.
        self.attempts = self.store.attempts()
        self._show_progress()
        table = self.query_one("#attempts", DataTable)
        row = table.cursor_row
        table.clear()
        for attempt in self.attempts[:RECENT]:
            table.add_row(*attempt_row(attempt, self.titles), key=str(attempt.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _show_progress(self) -> None:
        tracks = dict(progress(self.attempts, unfinished=self.unfinished))
        self.query_one("#progress", Static).update(progress_content(tracks, self.unfinished))

    def action_toggle_unfinished(self) -> None:
        self.unfinished = not self.unfinished
        self._show_progress()

    def chosen(self) -> Attempt | None:
        table = self.query_one("#attempts", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((a for a in self.attempts if str(a.id) == key), None)

    def action_open(self) -> None:
        attempt = self.chosen()
        if attempt is not None:
            from simulator.tui.attempt_screen import AttemptScreen

            self.app.push_screen(AttemptScreen(attempt, self.titles.get(attempt.scenario_id)))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_resume(self) -> None:
        attempt = self.chosen()
        if attempt is None or attempt.finished:
            self.notify("Only an unfinished attempt can be resumed.", severity="warning")
            return
        self.post_message(ResumeAttempt(attempt.id))
