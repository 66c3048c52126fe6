"""The transcript's lines: the counterpart's and the learner's, told apart by side and colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class CounterpartLine(Static):
    """What the counterpart says, under their name and role."""

    def __init__(self, name: str, role: str, say: str, *, ending: bool = False) -> None:
        # Styled pieces rather than markup, which costs far more to parse on every turn.
        heading = Content.assemble((name, "b"), " ", (f"· {role}", "dim"))
        super().__init__(Content("\n").join([heading, Content(say)]), classes="chat counterpart")
        self.say = say
        if ending:
            self.add_class("ending", update=False)  # styled once, when mounted


class LearnerLine(Static):
    """The learner's reply; once scored, the words that counted are highlighted."""

    def __init__(self, text: Content | str, *, number: int) -> None:
        heading = Content.assemble(("You", "b"), " ", (f"· reply {number}", "dim"))
        body = text if isinstance(text, Content) else Content(text)
        super().__init__(Content("\n").join([heading, body]), classes="chat learner")


class Notice(Static):
    """A line from the app itself, such as how the conversation ended."""

    def __init__(self, text: str) -> None:
        super().__init__(Content(text), classes="notice")
