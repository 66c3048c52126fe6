"""The conversation: the transcript as a chat, the reply box, suggested replies, feedback.

Scoring and saving run in a thread worker, so the interface never waits on them; the reply box
is locked until the turn comes back. Each turn is saved before the counterpart's next line is
mounted, which is what DESIGN.md promises about history.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static

from simulator.engine import ChoiceError, Session, TurnResult
from simulator.history import HistoryError, Recorder
from simulator.model import Rubric
from simulator.scoring import ReplyError
from simulator.tui.chat import CounterpartLine, LearnerLine, Notice
from simulator.tui.coach import CoachPanel
from simulator.tui.feedback import FeedbackPanel
from simulator.tui.highlight import highlighted
from simulator.tui.messages import RunEnded
from simulator.tui.reply_input import ReplyInput
from simulator.tui.status import status_line


def digits(count: int) -> str:
    return "1" if count == 1 else f"1-{count}"


class ConversationScreen(Screen[None]):
    CSS_PATH = "conversation.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "app.toggle_coach", "Coach"),
        Binding("escape", "leave", "Leave"),
    ]

    class ReplySent(Message):
        def __init__(self, reply: str | int) -> None:
            super().__init__()
            self.reply = reply

    class TurnScored(Message):
        def __init__(self, turn: TurnResult, saved: str | None) -> None:
            super().__init__()
            self.turn = turn
            self.save_problem = saved

    class ReplyRefused(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, session: Session, recorder: Recorder, rubric: Rubric, *,
                 blink: bool = True) -> None:
        super().__init__()
        self.session = session
        self.recorder = recorder
        self.rubric = rubric
        self.blink = blink

    def compose(self) -> ComposeResult:
        yield Static(id="who")
        with Horizontal(id="body"):
            yield VerticalScroll(id="transcript", can_focus=False)
            yield CoachPanel(id="coach")
        yield OptionList(id="choices")
        yield ReplyInput(id="reply", blink=self.blink)
        yield Button("See the debrief", id="to-debrief", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        opening = self.session.start()
        scenario = self.session.scenario
        self.query_one("#transcript").mount(
            CounterpartLine(scenario.counterpart.name, scenario.counterpart.role, opening.say)
        )
        self._show_state(opening.choices, opening.meters)
        self.query_one("#to-debrief").display = False
        self.query_one(ReplyInput).focus()

    def on_screen_resume(self) -> None:
        self.query_one(CoachPanel).display = self.app.coach  # type: ignore[attr-defined]

    def _show_state(self, choices: tuple[str, ...], meters: dict[str, int]) -> None:
        self.query_one("#who", Static).update(status_line(self.session, meters))
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        options.add_options([f"{n}  {text}" for n, text in enumerate(choices, start=1)])
        options.display = bool(choices)
        box = self.query_one(ReplyInput)
        box.choices = len(choices)
        box.placeholder = (
            f"Type your reply, or press {digits(len(choices))} for a suggestion. Enter sends."
            if choices else "Type your reply. Enter sends, Ctrl+J starts a new line."
        )
        focus = self.session.scenario.beats.get(self.session.beat)
        self.query_one(CoachPanel).show_for(self.rubric, focus.focus if focus else ())

    # -- sending ------------------------------------------------------------------------------

    @on(ReplyInput.Submitted)
    def _typed(self, event: ReplyInput.Submitted) -> None:
        self.send(event.text)

    @on(ReplyInput.ChoicePicked)
    def _digit(self, event: ReplyInput.ChoicePicked) -> None:
        self.send(event.index)

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.send(event.option_index)

    def send(self, reply: str | int) -> None:
        """Lock the reply box and score `reply` (text or a 0-based choice) off the UI thread."""
        box = self.query_one(ReplyInput)
        if box.read_only or self.session.ended:
            return
        box.read_only = True
        box.add_class("busy")
        self.post_message(self.ReplySent(reply))
        self._score(reply)

    @work(thread=True, exclusive=True, group="reply")
    def _score(self, reply: str | int) -> None:
        try:
            turn = self.session.respond(reply)
        except (ReplyError, ChoiceError) as exc:
            self.post_message(self.ReplyRefused(str(exc)))
            return
        problem = None
        try:
            self.recorder.turn_completed(self.session, turn)
        except HistoryError as exc:
            problem = str(exc)
        self.post_message(self.TurnScored(turn, problem))

    # -- showing the turn ---------------------------------------------------------------------

    @on(ReplyRefused)
    def _refused(self, event: ReplyRefused) -> None:
        self._unlock()
        self.notify(event.reason, title="Not sent", severity="warning")

    @on(TurnScored)
    def _scored(self, event: TurnScored) -> None:
        turn = event.turn
        if event.save_problem:
            self.notify(event.save_problem, title="This turn was not saved", severity="error")
        scenario = self.session.scenario
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.mount_all([
            LearnerLine(highlighted(turn.result), number=turn.number),
            FeedbackPanel(turn.result, number=turn.number),
            CounterpartLine(scenario.counterpart.name, scenario.counterpart.role, turn.say,
                            ending=turn.ended),
        ])
        self._show_state(turn.choices, turn.meters)
        box = self.query_one(ReplyInput)
        box.clear()
        if turn.ended:
            self._ended(turn)
        else:
            self._unlock()
        transcript.scroll_end(animate=False)

    def _unlock(self) -> None:
        box = self.query_one(ReplyInput)
        box.read_only = False
        box.remove_class("busy")
        box.focus()

    def _ended(self, turn: TurnResult) -> None:
        outcome = turn.outcome.value if turn.outcome else "ended"
        why = " (out of turns)" if turn.ran_out else ""
        self.query_one("#transcript").mount(Notice(f"The conversation is over: {outcome}{why}."))
        self.query_one(ReplyInput).display = False
        button = self.query_one("#to-debrief", Button)
        button.display = True
        button.focus()

    @on(Button.Pressed, "#to-debrief")
    def _to_debrief(self) -> None:
        self.post_message(RunEnded(self.session.scenario.id, self.session.debrief()))

    async def action_leave(self) -> None:
        if self.session.ended:
            self._to_debrief()
            return
        self.recorder.run_left(self.session)
        self.session.close()
        if self.session.turns:
            self.notify("Your answered turns are in your history, marked unfinished.",
                        title="Left the conversation")
        await self.app.run_action("back")
