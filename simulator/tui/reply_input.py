"""The reply box: Enter sends, Ctrl+J (or Shift+Enter where the terminal reports it) breaks
the line. Every printable key is text, digits included: suggestions have their own keys."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from simulator.safety.text import clean_reply

NEWLINE_KEYS = frozenset({"ctrl+j", "shift+enter", "alt+enter"})
"""Most terminals send the same byte for Enter and Shift+Enter; Ctrl+J always differs."""


class ReplyInput(TextArea):
    """A multi-line reply; posts `Submitted` on Enter."""

    # Shown in the footer only: `_on_key` acts on these keys before any binding could.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Send"),
        # Named in the box's placeholder and in F1; the footer's room goes to the run's keys.
        Binding("ctrl+j", "newline", "New line", show=False),
    ]

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, blink: bool = True, id: str | None = None) -> None:
        super().__init__(
            id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
            placeholder="Type your reply; Enter sends, Ctrl+J starts a new line",
        )
        self.cursor_blink = blink

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only:
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        # Text copied from a terminal may carry escape codes, which the box would draw raw.
        # Textual calls TextArea's own paste handler after this one, with the cleaned text.
        event.text = clean_reply(event.text)

    def hold(self, held: bool) -> None:
        """Refuse (or accept again) every edit while a reply is being scored: `read_only`, set
        without its watcher. The watcher's class and theme change would restyle the box twice
        a reply, and refresh the footer's keys, for a lock that lasts about a frame."""
        self.set_reactive(ReplyInput.read_only, held)

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self.text))

    def action_newline(self) -> None:
        self.insert("\n")
