"""Snapshots at 80x24 of home, a conversation with feedback, and a debrief.

Deterministic: seed 0, the fixture library, no cursor blink, nothing from the clock or a
temporary path on screen. Update with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tests.tui_snapshot_app import SIZE, make_app, reply, settle

Compare = Callable[..., bool]


def test_home(snap_compare: Compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_conversation_with_feedback(snap_compare: Compare) -> None:
    async def play(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        await reply(pilot, "Sorry to bother you, but last week you never looked at the column.")

    assert snap_compare(make_app("fixture-dashboard"), terminal_size=SIZE, run_before=play)


def test_debrief(snap_compare: Compare) -> None:
    async def play(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "ctrl+o", "3")
        await settle(pilot)
        await reply(pilot, "I think it matters.")
        await reply(pilot, "Hmm, okay.")
        await reply(pilot, "Maybe.")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app("fixture-dashboard"), terminal_size=SIZE, run_before=play)
