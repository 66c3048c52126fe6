"""The conversation: the transcript as a chat, the reply box, suggested replies, feedback.

The engine's `Run` does the turn (score, branch, save); this screen only shows what it returns.
The reply runs in a thread worker, so the interface never waits on it; the reply box is locked
until the turn comes back, and nothing of a turn is shown before the run has saved it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static

from simulator.engine import (
    CannotTakeBack,
    ChoiceError,
    Feedback,
    Run,
    Scene,
    SessionOver,
    Step,
    TurnResult,
    feedback_of,
)
from simulator.model import Rubric
from simulator.scoring import ReplyError
from simulator.tui.chat import CounterpartLine, LearnerLine, Notice
from simulator.tui.coach import CoachPanel
from simulator.tui.confirm import Confirm
from simulator.tui.feedback import FeedbackPanel
from simulator.tui.footer import Footer
from simulator.tui.frames import after_frame
from simulator.tui.highlight import highlighted
from simulator.tui.keys import OwnKeysFirst
from simulator.tui.messages import RunEnded
from simulator.tui.reply_input import ReplyInput
from simulator.tui.status import status_line
from simulator.tui.suggestions import SuggestionList
from simulator.tui.watchers import let_go

COLLECT_AFTER = 0.2
"""Seconds after a reply's feedback is shown: its frames are drawn by then, and nobody answers
a line in less time than it takes to read it."""


class ConversationScreen(OwnKeysFirst):
    CSS_PATH = "conversation.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Digits are text in the reply box (a reply may start "3 weeks ago"): a suggestion is
        # picked from the list, which Ctrl+O (or Tab) moves to.
        Binding("ctrl+o", "suggestions", "Suggestions"),
        # Ctrl+Z is the reply box's own undo; Ctrl+B takes back a whole reply.
        Binding("ctrl+b", "take_back", "Take back"),
        Binding("f2", "app.toggle_coach", "Coach"),
        # One key, two meanings: `check_action` keeps the footer true once the run has ended.
        Binding("escape", "leave", "Leave"),
        Binding("escape", "debrief", "Debrief"),
        # Priority: the reply box keeps the focus, and its own PageUp/PageDown only move
        # the cursor in a two-line box. These read back through the transcript instead.
        Binding("pageup", "scroll_transcript(-1)", "Earlier", key_display="PgUp",
                priority=True, show=False),
        Binding("pagedown", "scroll_transcript(1)", "Later", show=False, priority=True),
        Binding("f3", "app.toggle_dark", "Light/dark", show=False),
    ]
    HELP = """\
**Conversation.** Type your reply; **Enter** sends, **Ctrl+J** starts a new line.
Every key types, digits too. **Ctrl+O** (or **Tab**) moves to the suggestions:
**1-9** or **Enter** sends one, **Esc** goes back to typing. **Ctrl+B** takes back
your last reply once, to answer that line again.
**PgUp**/**PgDn** read back through the transcript; **F2** shows the coach;
**Esc** asks before leaving (answered turns stay in your history, unfinished,
and you can resume from the browser or the history).
"""

    class ReplySent(Message):
        def __init__(self, reply: str | int) -> None:
            super().__init__()
            self.reply = reply

    class TurnScored(Message):
        def __init__(self, step: Step) -> None:
            super().__init__()
            self.step = step

    class ReplyRefused(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, run: Run, rubric: Rubric, *, blink: bool = True) -> None:
        super().__init__()
        self.playing = run
        self.session = run.session
        self.rubric = rubric
        self.blink = blink
        self._last: Feedback | None = None
        self._labels: list[str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="who")
        with Horizontal(id="body"):
            yield VerticalScroll(id="transcript")
            yield CoachPanel(id="coach")
        yield SuggestionList(id="choices")
        yield ReplyInput(id="reply", blink=self.blink)
        yield Button("See the debrief", id="to-debrief", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        opening = self.session.start()
        scenario = self.session.scenario
        transcript.mount(
            CounterpartLine(scenario.counterpart.name, scenario.counterpart.role, opening.say)
        )
        # A resumed attempt shows the replies it replayed, then goes on where it stopped.
        for turn in self.session.turns:
            self._mount_turn(turn, feedback_of(turn.result))
        if self.session.turns:
            self._last = feedback_of(self.session.turns[-1].result)
            transcript.mount(Notice(f"Resumed at reply {len(self.session.turns) + 1}."))
        self._show_state(self.playing.scene())
        self.query_one("#to-debrief").display = False
        # Anchored: the newest turn stays in view as turns arrive and whenever the layout
        # changes, until the learner scrolls back; scrolling to the bottom re-anchors it.
        transcript.anchor()
        # The app tells each conversation when the coach is toggled (`show_coach`): a watch on
        # the app would keep every finished conversation alive until the next toggle.
        self.show_coach(getattr(self.app, "coach", False))
        self.query_one(ReplyInput).focus()

    def on_unmount(self) -> None:
        # Every way out (Esc, the palette's "Go home", quitting) lets go of the session.
        self.playing.leave()
        # Its widgets are closed by now; without this Textual's caches would keep them alive.
        self.app.call_later(let_go, self.app)

    def show_coach(self, coach: bool) -> None:
        panel = self.query_one(CoachPanel)
        panel.reveal(coach)
        if not coach and panel.has_focus_within:
            self._focus_reply()

    def _show_state(self, scene: Scene) -> None:
        self.query_one("#who", Static).update(status_line(scene, self._last))
        options = self.query_one("#choices", SuggestionList)
        labels = [f"{n}  {text}" for n, text in enumerate(scene.choices, start=1)]
        if labels != self._labels:
            self._labels = labels
            options.clear_options()
            options.add_options(labels)
        options.display = bool(scene.choices)
        box = self.query_one(ReplyInput)
        box.placeholder = (
            "Type your reply (Enter sends), or press Ctrl+O to pick a suggestion."
            if scene.choices else "Type your reply. Enter sends, Ctrl+J starts a new line."
        )
        focus = self.session.scenario.beats.get(self.session.beat)
        self.query_one(CoachPanel).show_for(self.rubric, focus.focus if focus else ())
        self.refresh_bindings()

    # -- sending ------------------------------------------------------------------------------

    @on(ReplyInput.Submitted)
    def _typed(self, event: ReplyInput.Submitted) -> None:
        self.send(event.text)

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.send(event.option_index)

    @on(SuggestionList.Picked)
    def _numbered(self, event: SuggestionList.Picked) -> None:
        self.send(event.index)

    @on(SuggestionList.Done)
    def _back_to_typing(self) -> None:
        self._focus_reply()

    def action_suggestions(self) -> None:
        options = self.query_one("#choices", SuggestionList)
        if options.option_count:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def send(self, reply: str | int) -> None:
        """Lock the reply box and play `reply` (text or a 0-based choice) off the UI thread."""
        box = self.query_one(ReplyInput)
        if box.read_only or self.session.ended:
            return
        # Until the feedback is drawn (see `UpwardApp.hold_collections`).
        hold = getattr(self.app, "hold_collections", None)
        if hold is not None:
            hold()
        box.hold(True)
        self.post_message(self.ReplySent(reply))
        self._reply(reply)

    @work(thread=True, exclusive=True, group="reply")
    def _reply(self, reply: str | int) -> None:
        try:
            step = self.playing.reply(reply)  # scored and saved before it returns
        except (ReplyError, ChoiceError, SessionOver) as exc:
            self.post_message(self.ReplyRefused(str(exc)))
            return
        self.post_message(self.TurnScored(step))

    # -- showing the turn ---------------------------------------------------------------------

    @on(ReplyRefused)
    def _refused(self, event: ReplyRefused) -> None:
        collect = getattr(self.app, "collect_now", None)
        if collect is not None:
            collect()  # nothing more is coming for this reply
        self._unlock()
        self.notify(event.reason, title="Not sent", severity="warning")

    def _mount_turn(self, turn: TurnResult, feedback: Feedback) -> list[Widget]:
        scenario = self.session.scenario
        widgets: list[Widget] = [
            LearnerLine(highlighted(turn.result), number=turn.number),
            FeedbackPanel(feedback, turn.result, number=turn.number),
            CounterpartLine(scenario.counterpart.name, scenario.counterpart.role, turn.say,
                            ending=turn.ended),
        ]
        for widget in widgets:
            # Not yet mounted: no restyle now (mounting styles it once, with the class).
            widget.add_class(f"turn-{turn.number}", update=False)
        self.query_one("#transcript").mount_all(widgets)
        return widgets

    @on(TurnScored)
    def _scored(self, event: TurnScored) -> None:
        step = event.step
        if step.save_problem:
            self.notify(step.save_problem, title="This turn was not saved", severity="error")
        self._last = step.feedback
        self._mount_turn(step.turn, step.feedback)
        self._show_state(step.scene)
        self.query_one(ReplyInput).clear()
        if step.turn.ended:
            self._ended(step.turn)
        else:
            self._unlock()
        self.query_one("#transcript", VerticalScroll).anchor()
        # Once the feedback is drawn, while the learner reads it (see `UpwardApp._settle`).
        collect = getattr(self.app, "collect_now", None)
        if collect is not None:
            self.set_timer(COLLECT_AFTER, collect)

    def _unlock(self) -> None:
        box = self.query_one(ReplyInput)
        box.hold(False)
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
        notice = Notice(f"The conversation is over: {outcome}{why}.")
        notice.add_class(f"turn-{turn.number}", update=False)
        self.query_one("#transcript").mount(notice)
        self.query_one(ReplyInput).display = False
        button = self.query_one("#to-debrief", Button)
        button.display = True
        # Once the frame under way is drawn: moving the focus restyles the reply box and the
        # button (a few milliseconds), and that frame brings the last reply's feedback.
        after_frame(button, button.focus)
        self.refresh_bindings()  # Esc now opens the debrief

    # -- taking back --------------------------------------------------------------------------

    def action_take_back(self) -> None:
        box = self.query_one(ReplyInput)
        if box.read_only:
            return
        try:
            turn = self.playing.take_back()
        except CannotTakeBack as exc:
            self.notify(str(exc).capitalize() + ".", title="Nothing taken back",
                        severity="warning")
            return
        self.query(f".turn-{turn.number}").remove()
        self.query_one("#transcript").mount(
            Notice(f"Reply {turn.number} taken back: answer again (your words are in the box).")
        )
        earlier = self.session.turns
        self._last = feedback_of(earlier[-1].result) if earlier else None
        self._show_state(self.playing.scene())
        box.display = True
        self.query_one("#to-debrief").display = False
        box.load_text(turn.response)
        box.move_cursor(box.document.end)
        self._unlock()

    # -- leaving ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return not self.session.ended
        if action == "debrief":
            return self.session.ended
        if action == "take_back":
            # Shown from the start, dimmed until there is a reply to take back: the footer's
            # keys stay where they are (and are not rebuilt) when the first reply comes in.
            return True if self.session.can_take_back() else None
        if action == "suggestions":
            return not self.session.ended and bool(self.session.choices)
        return True

    def action_scroll_transcript(self, pages: int) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        if pages < 0:
            transcript.scroll_page_up()
        else:
            transcript.scroll_page_down()

    @on(Button.Pressed, "#to-debrief")
    def action_debrief(self) -> None:
        self.post_message(RunEnded(self.session.scenario.id, self.playing.debrief()))

    def action_leave(self) -> None:
        if self.session.ended:
            self.action_debrief()
            return
        draft = self.query_one(ReplyInput).text.strip()
        if not draft and not self.session.turns:
            self.run_worker(self._leave(), exclusive=True, group="leave")
            return
        what = "your draft will be lost" if draft else "you can resume it later"
        question = (f"Leave this conversation? Your answered turns stay in your history, "
                    f"unfinished; {what}.")

        def answered(leave: bool | None) -> None:
            if leave:
                self.run_worker(self._leave(), exclusive=True, group="leave")
            else:
                self._focus_reply()

        self.app.push_screen(Confirm(question), answered)

    async def _leave(self) -> None:
        self.playing.leave()
        if self.session.turns:
            self.notify("Your answered turns are in your history, marked unfinished.",
                        title="Left the conversation")
        await self.app.run_action("back")
