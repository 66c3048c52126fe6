"""One attempt from the history: its transcript with the feedback, and its debrief."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from simulator.engine.transcript import debrief_lines
from simulator.history import Attempt
from simulator.history.transcript import to_markdown
from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst
from simulator.tui.messages import ResumeAttempt


class AttemptScreen(OwnKeysFirst):
    CSS_PATH = "tools.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", "Resume"),
        Binding("escape,b", "app.back", "Back"),
    ]
    HELP = """\
**An attempt.** The arrows and **PgDn** read on: each turn with its feedback, then
the debrief. **r** resumes an unfinished attempt; **Esc** goes back.
"""

    def __init__(self, attempt: Attempt, title: str | None = None) -> None:
        super().__init__()
        self.attempt = attempt
        self.title_text = title or attempt.scenario_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="attempt"):
            yield Static(Content.from_markup("[b]$title[/b]", title=self.title_text))
            yield Markdown(to_markdown(self.attempt), id="transcript-md")
            yield Static(id="attempt-debrief")
        yield Footer()

    def on_mount(self) -> None:
        debrief = getattr(self.app, "debrief_of", lambda _a: None)(self.attempt)
        shown = self.query_one("#attempt-debrief", Static)
        if debrief is None:
            shown.update(Content("The debrief needs the scenario as it was played; it is not "
                                 "in this library any more (or has changed)."))
        else:
            shown.update(Content("\n".join(debrief_lines(debrief))))
        self.query_one("#attempt").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return not self.attempt.finished
        return True

    def action_resume(self) -> None:
        self.post_message(ResumeAttempt(self.attempt.id))
