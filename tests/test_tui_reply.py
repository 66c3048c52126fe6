"""The reply box: Enter sends, Ctrl+J breaks the line, digits pick only when the box is empty."""

from __future__ import annotations

from simulator.history import open_store
from simulator.tui.conversation import ConversationScreen
from simulator.tui.reply_input import ReplyInput
from tests.tui_snapshot_app import SIZE, make_app, settle, text_of


async def test_typing_keys_with_a_newline_then_enter_sends() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *"3 things", "ctrl+j", *"tell me more")
        box = app.screen.query_one(ReplyInput)
        assert box.text == "3 things\ntell me more"  # a digit after text is typed, not picked
        await pilot.press("enter")
        await settle(pilot)
        assert "✓ Asks to hear more \"tell me more\"" in text_of(app, "#feedback-1")


async def test_an_empty_reply_is_refused_and_uses_no_turn() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "space", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert not screen.session.turns
        assert not screen.query_one(ReplyInput).read_only
        assert any("empty" in n.message for n in app._notifications)


async def test_leaving_keeps_answered_turns_as_unfinished() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+o", "3")
        await settle(pilot)
        await pilot.press("escape")
        assert not isinstance(app.screen, ConversationScreen)
    with open_store() as store:
        [attempt] = store.attempts()
    assert not attempt.finished
    assert len(attempt.turns) == 1


async def test_no_save_keeps_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "never.db"
    app = make_app("fixture-feedback", db=db, save=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+o", "1")
        await settle(pilot)
    assert not db.exists()
