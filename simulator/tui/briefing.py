"""The briefing: the situation, who the counterpart is, the goal, and a few reminders."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from simulator.model import Rubric, Scenario
from simulator.tui.keys import OwnKeysFirst
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


def who_text(scenario: Scenario) -> Text:
    person = scenario.counterpart
    role = "junior mentor" if scenario.track.value == "junior" else "senior mentee"
    text = Text.assemble(
        (scenario.title, "bold"), "\n",
        "You are the ", (role, "bold"), ", talking with ", (person.name, "bold"),
        f", {person.role}. Difficulty {difficulty_dots(scenario.difficulty)}",
    )
    if person.style:
        text.append(f"\n{person.name} is {person.style}.", style="dim")
    return text


def goal_text(scenario: Scenario, rubric: Rubric | None) -> Text:
    text = Text()
    if scenario.goal:
        text.append_text(Text.assemble(("Your goal:", "bold"), f" {scenario.goal}"))
    if scenario.max_turns:
        text.append(f"\nYou have {scenario.max_turns} replies.", style="dim")
    if rubric is not None:
        text.append("\n\nRemember", style="bold")
        for line in reminders(rubric):
            text.append(f"\n  • {line}")
    return text


def briefing_renderable(scenario: Scenario, rubric: Rubric | None) -> Group:
    """Who, the situation, the goal and reminders as one renderable.

    One widget rather than several: this is the first screen of `upward play ID`, and each
    widget (with its styles and layout pass) costs time before the first frame.
    """
    return Group(
        who_text(scenario), Text(""), RichMarkdown(scenario.briefing), Text(""),
        goal_text(scenario, rubric),
    )


class BriefingScreen(OwnKeysFirst):
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
        # Rich's Markdown rather than Textual's (a widget per block), and no Start button: the
        # footer shows Enter and Esc, and every widget here delays the first frame.
        with VerticalScroll(id="briefing"):
            yield Static(briefing_renderable(self.scenario, self.rubric), id="briefing-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def action_start(self) -> None:
        self.post_message(StartRun(self.scenario.id))
