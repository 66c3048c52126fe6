"""The conversation at 80x24: the newest turn in view, reading back with the keyboard, the
coach, and a footer that tells the truth about Esc."""

from __future__ import annotations

from textual.containers import VerticalScroll

from simulator.tui.conversation import ConversationScreen
from simulator.tui.reply_input import ReplyInput
from tests.tui_snapshot_app import SIZE, make_app, reply, settle, text_of

LONG = "For example, last week I noticed the column confused three directors. " * 8


def transcript(app: object) -> VerticalScroll:
    return app.screen.query_one("#transcript", VerticalScroll)  # type: ignore[attr-defined]


def at_bottom(scroll: VerticalScroll) -> bool:
    return scroll.max_scroll_y > 0 and scroll.scroll_y == scroll.max_scroll_y


async def test_the_newest_turn_stays_in_view_and_pgup_reads_back() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await reply(pilot, f"{LONG}\nWhat do you think?")
        await pilot.pause()
        scroll = transcript(app)
        assert at_bottom(scroll)  # the counterpart's answer, not the top of the feedback

        await pilot.press("f2")  # the coach narrows the transcript: it must stay anchored
        await pilot.pause()
        assert at_bottom(scroll)

        await pilot.press("pageup")  # from the reply box, which keeps the focus
        await pilot.pause()
        assert scroll.scroll_y < scroll.max_scroll_y
        assert isinstance(app.screen.focused, ReplyInput)
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert at_bottom(scroll)


async def test_a_new_turn_brings_the_transcript_back_to_the_end() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await reply(pilot, LONG)
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        await reply(pilot, "I think the legend is missing, which means people guess.")
        await pilot.pause()
        assert at_bottom(transcript(app))


async def test_the_coach_scrolls_and_hiding_it_gives_the_focus_back() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f2")
        coach = app.screen.query_one("#coach")
        assert coach.display and coach.can_focus
        coach.focus()
        await pilot.press("f2")
        assert not coach.display
        assert isinstance(app.screen.focused, ReplyInput)


async def test_esc_in_the_footer_says_leave_then_debrief() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        bindings = app.screen.active_bindings
        assert bindings["escape"].binding.description == "Leave"
        assert bindings["pageup"].binding.description == "Earlier"
        await pilot.press("ctrl+o", "1")
        await settle(pilot)
        assert app.screen.session.ended  # type: ignore[attr-defined]
        assert app.screen.active_bindings["escape"].binding.description == "Debrief"
        await pilot.press("escape")
        assert not isinstance(app.screen, ConversationScreen)
        assert "Outcome: success" in text_of(app, "#outcome")


async def test_a_missed_focus_criterion_without_advice_has_no_dangling_dash() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await reply(pilot, "Last week I noticed something. What do you think?")
        lines = text_of(app, "#feedback-1").splitlines()
        assert "✗ Stays on the dashboard" in lines


async def test_the_reply_box_grows_with_a_long_reply() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        box = app.screen.query_one(ReplyInput)
        empty = box.outer_size.height
        box.insert("\n".join(["a line"] * 20))
        await pilot.pause()
        assert empty < box.outer_size.height <= SIZE[1] * 0.3 + 1
        assert at_bottom(transcript(app)) or transcript(app).max_scroll_y == 0


async def test_f1_explains_the_screen_it_is_on() -> None:
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f1")
        await pilot.pause()
        help_text = app.screen.query_one("HelpPanel #widget-help").source  # type: ignore[attr-defined]
        assert "PgUp" in help_text and "Ctrl+J" in help_text
