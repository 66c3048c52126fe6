"""The suggested replies. Picking one is a gesture that cannot collide with typing: move to the
list (Ctrl+O or Tab), then press its number or Enter. In the reply box every key is text.

(Alt+digit cannot serve: Textual turns Option/Alt+digit into the macOS characters ¡ ™ £ …,
and a learner in the UK types "£" for real.)"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList


class SuggestionList(OptionList):
    """Numbered suggestions; 1-9 or Enter picks, Esc goes back to the reply box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(0)", "Pick", key_display="1-9"),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(2, 10)),
        Binding("escape", "back", "Back to typing"),
    ]

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            """0-based, in the order shown."""

    class Done(Message):
        """The learner went back to typing."""

    def action_pick(self, index: int) -> None:
        if index < self.option_count:
            self.post_message(self.Picked(index))

    def action_back(self) -> None:
        self.post_message(self.Done())
