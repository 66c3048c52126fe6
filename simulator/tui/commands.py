"""The command palette's own commands: open any scenario, toggle the coach, switch theme, go
to a screen. Ctrl+P opens it from anywhere."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from simulator.tui.app import UpwardApp

Command = tuple[str, Callable[[], object], str]


class UpwardCommands(Provider):
    def commands(self) -> list[Command]:
        app = cast("UpwardApp", self.app)
        found: list[Command] = [
            ("Toggle coach", app.action_toggle_coach,
             "Show or hide the rubric's criteria beside the conversation"),
            ("Switch theme (light/dark)", app.action_toggle_dark, "Light or dark colours"),
            ("Go home", app.action_home, "Back to choosing a role"),
            ("Show history", app.action_history, "Your attempts and progress per criterion"),
            ("Trainer view", app.action_trainer, "Library problems, graphs and example runs"),
        ]
        scenarios = sorted(app.library.scenarios.values(), key=lambda loaded: loaded.model.title)
        for loaded in scenarios:
            scenario = loaded.model
            found.append((
                f"Open scenario: {scenario.title}",
                partial(app.open_scenario, scenario.id),
                f"{scenario.track.value} · {scenario.summary}",
            ))
        return found

    async def discover(self) -> Hits:
        for name, run, help_text in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
