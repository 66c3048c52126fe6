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
        # One key, two meanings: `check_action` keeps the footer true once the run has ended.
        Binding("escape", "leave", "Leave"),
        Binding("escape", "debrief", "Debrief"),
        # Priority: the reply box keeps the focus, and its own PageUp/PageDown only move
        # the cursor in a two-line box. These read back through the transcript instead.
        Binding("pageup", "scroll_transcript(-1)", "Earlier", key_display="PgUp",
                priority=True),
        Binding("pagedown", "scroll_transcript(1)", "Later", show=False, priority=True),
        # F3 still switches light/dark (and the palette offers it); its footer slot goes to
        # PgUp, so that every key shown fits at 80 columns.
        Binding("f3", "app.toggle_dark", "Light/dark", show=False),
    ]
    HELP = """\
**Conversation.** Type your reply; **Enter** sends it, **Ctrl+J** starts a new line.
With the box empty, **1-9** sends a suggested reply. **PgUp**/**PgDn** read back
through the transcript and its feedback; **Tab** reaches the suggestions, the
transcript and the coach. **F2** shows the coach; **Esc** leaves (answered turns stay
in your history, marked unfinished).
"""

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
            yield VerticalScroll(id="transcript")
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
        # Anchored: the newest turn stays in view as turns arrive and whenever the layout
        # changes (the coach opening, the suggestions changing height, a resize), until the
        # learner scrolls back; scrolling to the bottom again re-anchors it.
        self.query_one("#transcript").anchor()
        self.watch(self.app, "coach", self._show_coach)
        self.query_one(ReplyInput).focus()

    def _show_coach(self, coach: bool) -> None:
        panel = self.query_one(CoachPanel)
        panel.display = coach
        if not coach and panel.has_focus_within:
            self._focus_reply()

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
        transcript.anchor()  # back to the newest turn even if the learner had scrolled up

    def _unlock(self) -> None:
        box = self.query_one(ReplyInput)
        box.read_only = False
        box.remove_class("busy")
        box.focus()

    def _focus_reply(self) -> None:
        """The reply box while the run goes on, else the way to the debrief."""
        if self.session.ended:
            self.query_one("#to-debrief").focus()
        else:
            self.query_one(ReplyInput).focus()

    def _ended(self, turn: TurnResult) -> None:
        outcome = turn.outcome.value if turn.outcome else "ended"
        why = " (out of turns)" if turn.ran_out else ""
        self.query_one("#transcript").mount(Notice(f"The conversation is over: {outcome}{why}."))
        self.query_one(ReplyInput).display = False
        button = self.query_one("#to-debrief", Button)
        button.display = True
        button.focus()
        self.refresh_bindings()  # Esc now opens the debrief

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return not self.session.ended
        if action == "debrief":
            return self.session.ended
        return True

    def action_scroll_transcript(self, pages: int) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        if pages < 0:
            transcript.scroll_page_up()
        else:
            transcript.scroll_page_down()

    @on(Button.Pressed, "#to-debrief")
    def action_debrief(self) -> None:
        self.post_message(RunEnded(self.session.scenario.id, self.session.debrief()))

    async def action_leave(self) -> None:
        if self.session.ended:
            self.action_debrief()
            return
        self.recorder.run_left(self.session)
        self.session.close()
        if self.session.turns:
            self.notify("Your answered turns are in your history, marked unfinished.",
                        title="Left the conversation")
        await self.app.run_action("back")
