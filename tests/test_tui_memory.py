"""A finished conversation is let go of: nothing of Textual's keeps its widgets alive.

Textual keeps `watch(app, ...)` callbacks of removed widgets (every TextArea watches the theme)
and an `lru_cache` keyed on widgets' render caches; before `tui.watchers`, each conversation
stayed in memory with everything it had drawn, and each full collection took longer.
"""

from __future__ import annotations

import gc
import weakref

from simulator.tui.conversation import ConversationScreen
from simulator.tui.reply_input import ReplyInput
from tests.tui_snapshot_app import SIZE, make_app, reply, settle


async def test_finished_conversations_are_collected() -> None:
    app = make_app("fixture-dashboard", save=False)
    gone: list[weakref.ref[object]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for _ in range(5):
            screen = app.screen
            assert isinstance(screen, ConversationScreen)
            gone.append(weakref.ref(screen.query_one(ReplyInput)))
            gone.append(weakref.ref(screen))
            await reply(pilot, "I noticed three directors asked about the red column.")
            await settle(pilot)
            app.start_run("fixture-dashboard")  # a new conversation in place of this one
            await settle(pilot)
        await pilot.pause()
        gc.collect()
        # A conversation may linger as the sender of the last event an idle message loop
        # handled (one event a loop, so never more than a couple); before the fix every
        # reply box stayed, and with it all five conversations.
        alive = [box() is not None or screen() is not None
                 for box, screen in zip(gone[0::2], gone[1::2], strict=True)]
        assert sum(alive) <= 2, alive
