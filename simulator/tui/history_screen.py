"""The learner's history: recent attempts, and per criterion and flag a sparkline across them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from simulator.history import Attempt, Store, TrackProgress, Trend, progress

RECENT = 20
"""Attempts listed; the progress uses them all."""


def trend_line(trend: Trend) -> Content:
    label = trend.label or trend.id
    style = "$text-error" if trend.verb == "raised" else "$text-success"
    return Content.from_markup(
        "  [$style]$spark[/] $label [dim]$words[/dim]",
        style=style, spark=trend.sparkline(), label=label, words=trend.words(),
    )


def progress_content(tracks: dict[object, TrackProgress]) -> Content:
    if not tracks:
        return Content("No answered turns yet: play a scenario and your progress shows here.")
    lines: list[Content] = []
    for item in tracks.values():
        noun = "attempt" if item.attempts == 1 else "attempts"
        lines.append(Content.from_markup(
            "[b]$track track[/b] [dim]· $count $noun, oldest to newest[/dim]",
            track=item.track.value.capitalize(), count=item.attempts, noun=noun,
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
    outcome = attempt.outcome.value if attempt.outcome is not None else "unfinished"
    name = (titles or {}).get(attempt.scenario_id, attempt.scenario_id)
    return (
        Text(name), attempt.started_at[:10], outcome, str(len(attempt.turns)),
        "—" if mean is None else f"{mean:.2f}",
    )


class HistoryScreen(Screen[None]):
    CSS_PATH = "tools.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.back", "Back")]

    def __init__(self, store: Store, titles: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.store = store
        self.titles = titles or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Static(Content.from_markup("[b]Your progress[/b]"), classes="section")
            yield Static(id="progress")
            yield Static(Content.from_markup("[b]Recent attempts[/b]"), classes="section")
            # Read-only: the scroll around it keeps the focus, so the keys read the page.
            yield DataTable(id="attempts", cursor_type="none", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        attempts = self.store.attempts()
        self.query_one("#progress", Static).update(progress_content(dict(progress(attempts))))
        table = self.query_one("#attempts", DataTable)
        table.add_columns("Scenario", "Started", "Outcome", "Replies", "Mean")
        for attempt in attempts[:RECENT]:
            table.add_row(*attempt_row(attempt, self.titles))
        table.can_focus = False
        self.query_one("#history").focus()
