"""Playing through the app with the keyboard alone: one junior and one senior scenario."""

from __future__ import annotations

from textual.widgets import DataTable

from simulator.history import open_store
from simulator.tui.browser import BrowserScreen
from simulator.tui.conversation import ConversationScreen
from simulator.tui.debrief import DebriefScreen
from simulator.tui.feedback import FeedbackPanel
from tests.tui_snapshot_app import SIZE, make_app, reply, settle, text_of


async def test_junior_from_home_with_a_choice_then_typed_reply() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        assert isinstance(app.screen, BrowserScreen)
        await pilot.press("enter")  # the search box opens the highlighted scenario
        assert "The dashboard nobody reads" in text_of(app, "#briefing-text")
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)

        # Ctrl+O moves to the suggestions; there the digit picks (in the box it is text).
        await pilot.press("ctrl+o", "2")
        await settle(pilot)
        feedback = text_of(app, "#feedback-1")
        assert "Strong · 100" in feedback
        assert '✓ Names a specific moment "Last week"' in feedback
        assert '✓ Invites their view "What do you think"' in feedback
        assert "Walk me through it." in text_of(app, "CounterpartLine:last-of-type")

        await reply(pilot, "For example, I think the legend is missing.")
        feedback = text_of(app, "#feedback-2")
        assert "Strong · 75" in feedback
        assert '✗ Invites their view — Ask "what do you think?"' in feedback
        assert "Let's fix it together." in text_of(app, "CounterpartLine:last-of-type")

        await pilot.press("enter")  # "See the debrief" has the focus
        assert isinstance(app.screen, DebriefScreen)
        outcome = text_of(app, "#outcome")
        assert "Outcome: success · ending redesign" in outcome
        assert "Path: opening → curious → redesign" in outcome
        table = app.screen.query_one("#criteria", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["Invites their view", "1/2", "✓", "✗"] in rows
        assert "none" in text_of(app, "#flags")
        assert "You were specific and asked for her view." in str(
            app.screen.query_one("#story").source  # type: ignore[attr-defined]
        )


async def test_senior_typed_reply_that_pulls_rank() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        assert "Priya Shah, Graduate engineer" in text_of(app, "#briefing-text")
        await pilot.press("enter")
        await reply(pilot, "I'm the director, I know how it went.")
        panel = app.screen.query_one(FeedbackPanel)
        assert panel.result.flag_ids == ["pulls_rank"]
        feedback = text_of(app, "#feedback-1")
        assert "Weak · 0" in feedback
        assert "⚑ Pulls rank \"I'm the director\" — Your title is not an argument." in feedback
        assert "✗ Acknowledges the point — Start by acknowledging the point." in feedback

        await pilot.press("enter")
        assert "Outcome: setback · ending shuts-down" in text_of(app, "#outcome")
        assert "⚑ Pulls rank (reply 1) — Your title is not an argument." in text_of(app, "#flags")
        alternatives = text_of(app, "#alternatives")
        assert "suggestion 1 scores 100" in alternatives
        assert "Fair point, tell me more." in alternatives


async def test_senior_choice_and_retry_starts_again() -> None:
    app = make_app("fixture-feedback")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+o", "1")
        await settle(pilot)
        assert "Thanks for hearing me out." in text_of(app, "CounterpartLine:last-of-type")
        await pilot.press("enter")
        assert "Outcome: success" in text_of(app, "#outcome")
        assert not app.screen.query("#alternatives")
        await pilot.press("r")
        assert isinstance(app.screen, ConversationScreen)
        assert not app.screen.session.turns


async def test_each_turn_is_in_the_history_when_it_is_shown() -> None:
    seen: list[str] = []
    app = make_app("fixture-dashboard")
    async with app.run_test(size=SIZE, message_hook=lambda m: seen.append(type(m).__name__)) \
            as pilot:
        await pilot.press("enter")
        await reply(pilot, "Last week I noticed the column confused people. What do you think?")
        order = [n for n in seen if n in ("ReplySent", "TurnScored")]
        assert list(dict.fromkeys(order)) == ["ReplySent", "TurnScored"]
        with open_store() as store:
            [attempt] = store.attempts()
        assert attempt.scenario_id == "fixture-dashboard"
        assert not attempt.finished
        assert [t.text for t in attempt.turns] == [
            "Last week I noticed the column confused people. What do you think?"
        ]
        assert attempt.turns[0].prompt == "So, you wanted to talk about the dashboard?"
