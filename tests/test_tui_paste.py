"""A paste into the reply box loses its escape codes before the box draws it."""

from __future__ import annotations

from textual import events

from simulator.tui.reply_input import ReplyInput
from tests.tui_snapshot_app import SIZE, make_app, settle


async def test_a_pasted_escape_code_never_reaches_the_box() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        box = app.screen.query_one(ReplyInput)
        app.post_message(events.Paste(  # as the driver does: the app forwards it to the box
            "tell me \x1b]0;pwned\x07\x1b[41mmore\x1b[0m"))
        await settle(pilot)
        assert box.text == "tell me more"
