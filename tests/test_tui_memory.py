"""A finished conversation is let go of: nothing of Textual's keeps its widgets alive.

Textual keeps `watch(app, ...)` callbacks of removed widgets (every TextArea watches the theme)
and an `lru_cache` keyed on widgets' render caches; before `tui.watchers`, each conversation
stayed in memory with everything it had drawn, and each full collection took longer.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

from simulator.tui.conversation import COLLECT_AFTER, ConversationScreen
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


async def test_no_collection_runs_between_enter_and_the_feedback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the command line's memory policy the collector is off from Enter until the
    feedback is drawn, then a full collection turns it back on; a refused reply turns it
    back on at once. (The collector's functions are stubbed: the test process's own
    collector is left as it is.)"""
    calls: list[str] = []
    enabled = [True]

    def disable() -> None:
        calls.append("disable")
        enabled[0] = False

    def enable() -> None:
        calls.append("enable")
        enabled[0] = True

    monkeypatch.setattr(gc, "disable", disable)
    monkeypatch.setattr(gc, "enable", enable)
    monkeypatch.setattr(gc, "collect", lambda *_: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(gc, "set_threshold", lambda *_: None)
    app = make_app("fixture-dashboard", save=False)
    app._manage_gc = True
    seen: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        original = screen._mount_turn

        def mount_turn(*args: Any) -> Any:
            seen.append(enabled[0])  # as the turn's widgets are mounted
            return original(*args)

        monkeypatch.setattr(screen, "_mount_turn", mount_turn)
        calls.clear()
        await reply(pilot, "I noticed three directors asked about the red column.")
        assert seen == [False]
        await pilot.pause(COLLECT_AFTER + 0.1)
        assert calls == ["disable", "collect", "enable"] and enabled[0]
        calls.clear()
        await reply(pilot, "   ")  # refused: nothing to score
        assert calls == ["disable", "collect", "enable"] and enabled[0]
