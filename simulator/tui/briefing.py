"""The briefing: the situation, who the counterpart is, the goal, and a few reminders.

It paints from `Briefing`, plain facts taken from the validated models or, for the first frame
of `upward play ID`, straight from the two files' safely loaded YAML (the models, the validator
and the engine are imported behind that frame).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst
from simulator.tui.messages import StartRun

if TYPE_CHECKING:
    from simulator.model import Rubric, Scenario

REMINDERS = 3
TRACKS = ("junior", "senior")


def difficulty_dots(level: int) -> str:
    return "●" * level + "○" * (3 - level)


@dataclass(frozen=True, slots=True)
class Reminder:
    """What the briefing needs of one criterion."""

    label: str
    weight: float
    missed: str | None

    @property
    def line(self) -> str:
        """The label with the criterion's "missed" advice, which says how to meet it."""
        return f"{self.label}: {self.missed}" if self.missed is not None else self.label


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything the briefing shows, as plain values."""

    scenario_id: str
    title: str
    track: str
    name: str
    role: str
    style: str | None
    difficulty: int
    briefing: str
    goal: str | None
    max_turns: int | None
    criteria: tuple[Reminder, ...] | None
    """The rubric's criteria in file order; None when the rubric is missing."""

    @classmethod
    def of(cls, scenario: Scenario, rubric: Rubric | None) -> Briefing:
        person = scenario.counterpart
        criteria = None if rubric is None else tuple(
            Reminder(c.label, c.weight, c.feedback.missed if c.feedback is not None else None)
            for c in rubric.criteria
        )
        return cls(
            scenario.id, scenario.title, scenario.track.value, person.name, person.role,
            person.style, scenario.difficulty, scenario.briefing, scenario.goal,
            scenario.max_turns, criteria,
        )

    @classmethod
    def from_data(cls, scenario: Any, rubric: Any) -> Briefing | None:
        """The facts from the two files' plain data, checked as far as the briefing uses them;
        None when anything it shows is not what the models would accept, so that the full
        load (and its message) comes first. Validation of the whole still follows."""
        try:
            person = scenario["counterpart"]
            criteria = tuple(_reminder(c) for c in rubric["criteria"])
            found = cls(
                _text(scenario["id"]), _text(scenario["title"]), _track(scenario["track"]),
                _text(person["name"]), _text(person["role"]), _text_or_none(person, "style"),
                _int(scenario["difficulty"], 1, 3), _text(scenario["briefing"]),
                _text_or_none(scenario, "goal"), _int_or_none(scenario, "max_turns", 1, 100),
                criteria,
            )
        except (KeyError, TypeError, ValueError):
            return None
        if not criteria or rubric.get("id") != scenario.get("rubric"):
            return None
        return found

    def reminders(self, count: int = REMINDERS) -> list[str]:
        """The heaviest criteria, in file order among equals."""
        if self.criteria is None:
            return []
        return [c.line for c in sorted(self.criteria, key=lambda c: -c.weight)[:count]]


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(value)
    return value


def _text_or_none(data: Mapping[str, object], key: str) -> str | None:
    value = data.get(key)
    return None if value is None else _text(value)


def _int(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(value)
    return value


def _int_or_none(data: Mapping[str, object], key: str, low: int, high: int) -> int | None:
    value = data.get(key)
    return None if value is None else _int(value, low, high)


def _track(value: object) -> str:
    if value not in TRACKS:
        raise ValueError(value)
    return str(value)


def _reminder(data: Any) -> Reminder:
    weight = data.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 100:
        raise ValueError(weight)
    feedback = data.get("feedback")
    return Reminder(_text(data["label"]), float(weight),
                    None if feedback is None else _text(feedback["missed"]))


def who_text(facts: Briefing) -> Text:
    role = "junior mentor" if facts.track == "junior" else "senior mentee"
    text = Text.assemble(
        (facts.title, "bold"), "\n",
        "You are the ", (role, "bold"), ", talking with ", (facts.name, "bold"),
        f", {facts.role}. Difficulty {difficulty_dots(facts.difficulty)}",
    )
    if facts.style:
        text.append(f"\n{facts.name} is {facts.style}.", style="dim")
    return text


def goal_text(facts: Briefing) -> Text:
    text = Text()
    if facts.goal:
        text.append_text(Text.assemble(("Your goal:", "bold"), f" {facts.goal}"))
    if facts.max_turns:
        text.append(f"\nYou have {facts.max_turns} replies.", style="dim")
    if facts.criteria is not None:
        text.append("\n\nRemember", style="bold")
        for line in facts.reminders():
            text.append(f"\n  • {line}")
    return text


def briefing_renderable(facts: Briefing) -> Group:
    """Who, the situation, the goal and reminders as one renderable.

    One widget rather than several: this is the first screen of `upward play ID`, and each
    widget (with its styles and layout pass) costs time before the first frame.
    """
    return Group(
        who_text(facts), Text(""), RichMarkdown(facts.briefing), Text(""), goal_text(facts),
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

    def __init__(self, facts: Briefing) -> None:
        super().__init__()
        self.facts = facts

    def compose(self) -> ComposeResult:
        # Rich's Markdown rather than Textual's (a widget per block), and no Start button: the
        # footer shows Enter and Esc, and every widget here delays the first frame.
        with VerticalScroll(id="briefing"):
            yield Static(briefing_renderable(self.facts), id="briefing-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def action_start(self) -> None:
        self.post_message(StartRun(self.facts.scenario_id))
