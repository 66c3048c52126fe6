"""The app the TUI tests and snapshots drive: the fixture library, seed 0, no blinking."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from simulator.tui.app import UpwardApp
from simulator.tui.reply_input import ReplyInput
from tests.helpers import FIXTURES

LIBRARY = FIXTURES / "engine" / "library"
SIZE = (80, 24)


def make_app(
    scenario: str | None = None, *, library: Path = LIBRARY, db: Path | None = None,
    save: bool = True,
) -> UpwardApp:
    """The app on the fixture library: seed 0, no cursor blink, history in $UPWARD_DB."""
    return UpwardApp(library, scenario=scenario, db=db, save=save, seed=0, blink=False)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for scoring workers and the messages they post."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def reply(pilot: Pilot[None], text: str) -> None:
    """Put `text` in the reply box as a paste would, and send it with Enter.

    Pressing each key costs a frame per character; `test_typing_keys` types key by key.
    """
    pilot.app.screen.query_one(ReplyInput).insert(text)
    await pilot.press("enter")
    await settle(pilot)


def text_of(app: UpwardApp, selector: str) -> str:
    """The plain text a Static shows."""
    widget = app.screen.query_one(selector, Static)
    shown = widget.content
    if not hasattr(shown, "__rich_console__"):
        return str(widget.render())
    # A Rich renderable (the briefing): render it as a terminal would, then read the text.
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(shown)
    return console.export_text()
