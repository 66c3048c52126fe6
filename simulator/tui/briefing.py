"""The briefing: the situation, who the counterpart is, the goal, and a few reminders."""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Markdown as RichMarkdown
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from simulator.model import Rubric, Scenario
from simulator.tui.messages import StartRun

REMINDERS = 3


def difficulty_dots(level: int) -> str:
    return "●" * level + "○" * (3 - level)


def reminders(rubric: Rubric, count: int = REMINDERS) -> list[str]:
    """The rubric's heaviest criteria, in file order among equals, as reminders.

    A reminder is the criterion's label with its "missed" advice, which says how to meet it.
    """
    ranked = sorted(rubric.criteria, key=lambda c: -c.weight)[:count]
    return [
        f"{c.label}: {c.feedback.missed}" if c.feedback is not None else c.label
        for c in ranked
    ]


def who_content(scenario: Scenario) -> Content:
    person = scenario.counterpart
    role = "junior mentor" if scenario.track.value == "junior" else "senior mentee"
    lines = [
        Content.from_markup("[b]$title[/b]", title=scenario.title),
        Content.from_markup(
            "You are the [b]$role[/b], talking with [b]$name[/b], $job. Difficulty $dots",
            role=role, name=person.name, job=person.role, dots=difficulty_dots(scenario.difficulty),
        ),
    ]
    if person.style:
        lines.append(Content.from_markup("[dim]$name is $style.[/dim]",
                                         name=person.name, style=person.style))
    return Content("\n").join(lines)


def goal_content(scenario: Scenario, rubric: Rubric | None) -> Content:
    lines = []
    if scenario.goal:
        lines.append(Content.from_markup("[b]Your goal:[/b] $goal", goal=scenario.goal))
    if scenario.max_turns:
        lines.append(Content.styled(f"You have {scenario.max_turns} replies.", "dim"))
    if rubric is not None:
        lines += [Content(""), Content.styled("Remember", "bold $text-accent")]
        lines += [Content(f"  • {line}") for line in reminders(rubric)]
    return Content("\n").join(lines)


class BriefingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("escape", "app.back", "Back"),
    ]
    HELP = """\
**Briefing.** Read the situation (arrows and **PgDn** scroll), then **Enter** starts
the conversation. **Esc** goes back.
"""

    def __init__(self, scenario: Scenario, rubric: Rubric | None) -> None:
        super().__init__()
        self.scenario = scenario
        self.rubric = rubric

    def compose(self) -> ComposeResult:
        # Few widgets, and Rich's Markdown rather than Textual's (a widget per block): this is
        # the first screen of `upward play ID`, and every widget costs time to the first frame.
        with VerticalScroll(id="briefing"):
            yield Static(who_content(self.scenario), id="who")
            yield Static(RichMarkdown(self.scenario.briefing), id="situation")
            yield Static(goal_content(self.scenario, self.rubric), id="goal")
        # A bar rather than Buttons: Button's stylesheet alone costs more to parse than this
        # whole screen takes to compose, and Enter/Esc are the way in and out anyway.
        yield Static("▶ Start: press Enter   ·   Esc: back", id="start-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "start-hint":
            self.action_start()

    def action_start(self) -> None:
        self.post_message(StartRun(self.scenario.id))
