"""A friendly screen for a library with problems: what is wrong, where, and what to do next.

Never a traceback: each problem is shown as `file:line:column: message`, relative to the
library folder so the lines stay short.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from simulator.loading import Problem
from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst


def problem_line(problem: Problem, root: Path | None) -> str:
    path = problem.path
    if root is not None and path.is_relative_to(root):
        path = path.relative_to(root)
    return f"{path}:{problem.line}:{problem.column}: {problem.message}"


class LibraryErrorScreen(OwnKeysFirst):
    CSS_PATH = "tools.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c,escape", "carry_on", "Continue"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, problems: list[Problem], root: Path | None, playable: int) -> None:
        super().__init__()
        self.problems = problems
        self.root = root
        self.playable = playable

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        where = f" in {self.root}" if self.root is not None else ""
        yield Static(Content.from_markup(
            "[b $text-error]The scenario library has $count $noun[/]\n"
            "Nothing is broken on your machine: a trainer's file needs a fix$where.",
            count=count, noun=noun, where=where,
        ), id="error-title")
        with VerticalScroll(id="problems"):
            for problem in self.problems:
                yield Static(Content(problem_line(problem, self.root)), classes="problem")
        hint = (
            f"{self.playable} scenario(s) loaded fine: you can continue with those."
            if self.playable else "No scenario could be loaded. Run `upward validate` for details."
        )
        yield Static(Content(hint), id="error-hint")
        with Horizontal(id="error-buttons", classes="buttons"):
            if self.playable:
                yield Button("Continue", id="carry-on", variant="primary", compact=True)
            yield Button("Quit", id="quit", variant="error", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With nothing playable, Continue leads nowhere: keep it out of the footer.
        return self.playable > 0 if action == "carry_on" else True

    @on(Button.Pressed, "#carry-on")
    def action_carry_on(self) -> None:
        if self.playable:
            self.dismiss()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.app.exit()
