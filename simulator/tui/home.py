"""Home: who the learner is today. Each role says in one line what it trains."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst

ROLES = (
    ("junior", "I'm the junior mentor",
     "Raise a hard truth with a senior: specific, owned, respectful."),
    ("senior", "I'm the senior mentee",
     "Hear a challenge openly: acknowledge, ask, own it; never pull rank."),
    ("trainer", "I'm a trainer",
     "Check the library: problems, scenario graphs, example replays."),
)


def role_prompt(number: int, title: str, line: str) -> Content:
    return Content.from_markup(
        "[b]$number  $title[/b]\n   [dim]$line[/dim]", number=number, title=title, line=line
    )


class HomeScreen(OwnKeysFirst):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "app.browse('junior')", "Junior", show=False),
        Binding("2", "app.browse('senior')", "Senior", show=False),
        Binding("3", "app.trainer", "Trainer", show=False),
        Binding("h", "app.history", "History"),
        Binding("q", "app.quit", "Quit"),
    ]
    HELP = """\
**Upward.** Choose who you are today: **1** the junior mentor, **2** the senior
mentee, **3** a trainer (or the arrows and **Enter**). **h** shows your history,
**Ctrl+P** the commands (open any scenario, coach, theme), **F3** light or dark.
"""

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup(
            "[b]Upward[/b] · rehearse reverse-mentoring conversations, privately"
        ), id="title")
        yield Static("Who are you in this conversation?", id="question")
        options: list[Option | None] = []
        for number, (role, title, line) in enumerate(ROLES, start=1):
            options += [None] if options else []  # a rule between roles reads as three cards
            options.append(Option(role_prompt(number, title, line), id=role))
        yield OptionList(*options, id="roles")
        yield Static(Content.from_markup(
            "[dim]Enter or 1-3 to choose · h your history · F1 keys · Ctrl+P commands[/dim]"
        ), id="hint")
        yield Footer()

    @on(OptionList.OptionSelected, "#roles")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        role = event.option.id
        await self.run_action("app.trainer" if role == "trainer" else f"app.browse({role!r})")
