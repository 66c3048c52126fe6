"""The conversation follows the learner: digits type, nothing shows before it is saved, the
debrief explains the ending, a reply can be taken back, an unfinished attempt resumes."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from textual.widgets import Static

from simulator.history import NullStore, SqliteStore
from simulator.scoring import ScoreResult
from simulator.tui.attempt_screen import AttemptScreen
from simulator.tui.confirm import Confirm
from simulator.tui.conversation import ConversationScreen
from simulator.tui.debrief import DebriefScreen
from simulator.tui.history_screen import HistoryScreen
from simulator.tui.reply_input import ReplyInput
from tests.tui_snapshot_app import SIZE, make_app, reply, settle, text_of


async def test_a_reply_that_starts_with_a_digit_is_typed_not_sent() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        typed = "3 weeks ago..."
        await pilot.press(*["space" if c == " " else c for c in typed])
        box = app.screen.query_one(ReplyInput)
        assert box.text == typed
        assert not app.screen.query("#feedback-1")  # nothing was sent
        assert app.screen.session.turns == []


class BlockingStore(NullStore):
    """A store whose save waits until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def record_turn(self, attempt_id: int, turn: int, beat: str, result: ScoreResult,
                    prompt: str | None = None, *, retry: bool = False) -> None:
        self.entered.set()
        assert self.release.wait(30), "the test never released the save"


async def test_nothing_of_a_turn_is_shown_before_it_is_saved() -> None:
    app = make_app("fixture-dashboard")
    store = BlockingStore()
    app._store = store
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        transcript = screen.query_one("#transcript")
        before = [str(w.render()) for w in transcript.query(Static)]
        screen.query_one(ReplyInput).insert("For example, the dashboard.")
        await pilot.press("enter")
        for _ in range(50):  # the worker is now inside the save
            if store.entered.is_set():
                break
            await asyncio.sleep(0.02)
        assert store.entered.is_set()
        for _ in range(5):
            await pilot.pause()
        assert [str(w.render()) for w in transcript.query(Static)] == before
        assert not screen.query("#feedback-1")
        store.release.set()
        await settle(pilot)
        assert "Adequate · 60" in text_of(app, "#feedback-1")
        assert "Go on." in text_of(app, "CounterpartLine:last-of-type")


async def test_the_debrief_names_what_decided_the_ending() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+o", "1")  # the apology: brushed off at once
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        outcome = text_of(app, "#outcome")
        assert "What decided it: reply 1 was weak (0) and met none of the other branches" in \
            outcome
        assert "To reach a better ending:" in outcome


async def test_a_taken_back_reply_is_replaced_and_kept_in_the_history(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    app = make_app("fixture-dashboard", db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await reply(pilot, "For example, the dashboard.")
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        await pilot.press("ctrl+b")
        await pilot.pause()
        box = screen.query_one(ReplyInput)
        assert box.text == "For example, the dashboard."  # the words come back to edit
        assert not screen.query("#feedback-1")
        assert "Reply 1 taken back" in str(screen.query("Notice").last().render())
        box.clear()
        await reply(pilot, "Last week I noticed the red column confused the board. "
                           "What do you think?")
        assert "Strong · 100" in text_of(app, "#feedback-1")
        assert screen.session.beat == "curious"
    with SqliteStore(db) as store:
        [attempt] = store.attempts()
    [turn] = attempt.turns
    assert turn.retry and turn.text.startswith("Last week")
    assert [t.text for t in attempt.taken_back] == ["For example, the dashboard."]


async def test_esc_mid_run_asks_and_staying_keeps_the_draft() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await reply(pilot, "For example, the dashboard.")
        app.screen.query_one(ReplyInput).insert("half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.query_one(ReplyInput).text == "half a thought"


async def test_an_unfinished_attempt_resumes_at_the_beat_where_it_stopped(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    app = make_app(db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "enter")  # junior, the first scenario, start
        await reply(pilot, "You never listen to the board.")  # blame: bristles, trust -1
        assert app.screen.session.beat == "bristles"
        await pilot.press("escape", "y")  # asked, and yes: the attempt stays unfinished
        await pilot.pause()
        await pilot.press("escape", "h")
        assert isinstance(app.screen, HistoryScreen)
        assert "unfinished" in str(app.screen.query_one("#attempts").get_row_at(0)[2])
        await pilot.press("enter")
        assert isinstance(app.screen, AttemptScreen)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        session = screen.session
        assert (session.beat, session.meters) == ("bristles", {"trust": -1})
        assert "I don't appreciate that tone." in text_of(app, "CounterpartLine:last-of-type")
        assert "reply 2 of 4" in str(screen.query_one("#who").render())
        await reply(pilot, "For example, last week the board asked twice. What do you think?")
        assert session.beat == "curious"
    with SqliteStore(db) as store:
        [attempt] = store.attempts()
    assert [t.beat for t in attempt.turns] == ["opening", "bristles"]


async def test_going_home_from_the_palette_lets_go_of_the_session() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await reply(pilot, "For example, the dashboard.")
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        session = screen.session
        assert any(model is session for model in session._machine.models)
        await app.run_action("home")  # what the palette's "Go home" runs
        await pilot.pause()
        assert not any(model is session for model in session._machine.models)


async def test_the_browser_resumes_the_latest_unfinished_attempt(tmp_path: Path) -> None:
    app = make_app(db=tmp_path / "h.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "enter")
        await reply(pilot, "For example, the dashboard.")  # adequate: probing
        await pilot.press("escape", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "BrowserScreen"
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.session.beat == "probing" and len(screen.session.turns) == 1
        assert "Resumed at reply 2." in str(screen.query("Notice").last().render())


async def test_f1_and_the_footer_list_the_apps_keys_before_the_text_boxs_own() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        keys = list(app.screen.active_bindings)
        ours = [keys.index(k) for k in ("enter", "ctrl+o", "escape", "f1")]
        generic = [keys.index(k) for k in ("ctrl+a", "ctrl+w", "ctrl+x")]
        assert max(ours) < min(generic)
