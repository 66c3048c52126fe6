"""The footer keeps its keys through a reply: Take back is there from the start, dimmed until
there is a reply to take back, and the first reply enables it without rebuilding the footer
(Textual's own footer remounts every key on each change of bindings)."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from simulator.tui.conversation import ConversationScreen
from tests.tui_snapshot_app import SIZE, make_app, reply, settle


def keys(app: object) -> dict[str, FooterKey]:
    screen = app.screen  # type: ignore[attr-defined]
    return {key.action: key for key in screen.query(FooterKey)}


async def test_the_first_reply_enables_take_back_in_place() -> None:
    app = make_app("fixture-dashboard", save=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConversationScreen)
        before = keys(app)
        assert before["take_back"].has_class("-disabled")
        await reply(pilot, "I noticed three directors asked what the red column meant.")
        await settle(pilot)
        after = keys(app)
        assert not after["take_back"].has_class("-disabled")
        assert all(after[action] is key for action, key in before.items())  # not rebuilt
        await pilot.press("ctrl+b")  # it works, and is dimmed again once used
        await settle(pilot)
        assert keys(app)["take_back"].has_class("-disabled")
