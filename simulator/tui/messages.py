"""Messages that cross screens; each screen's own messages live in its module.

Screens post these and the app answers them, so no screen needs to know which screen comes next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from simulator.engine import Debrief


class OpenScenario(Message):
    """Show a scenario's briefing (from the browser, the palette or `upward play ID`)."""

    def __init__(self, scenario_id: str) -> None:
        super().__init__()
        self.scenario_id = scenario_id


class StartRun(Message):
    """Start a fresh conversation in a scenario (from the briefing, or Retry on a debrief)."""

    def __init__(self, scenario_id: str) -> None:
        super().__init__()
        self.scenario_id = scenario_id


class ResumeAttempt(Message):
    """Go on with an unfinished attempt (from the browser or the history)."""

    def __init__(self, attempt_id: int) -> None:
        super().__init__()
        self.attempt_id = attempt_id


class RunEnded(Message):
    """A conversation reached an ending; its turns are already saved."""

    def __init__(self, scenario_id: str, debrief: Debrief) -> None:
        super().__init__()
        self.scenario_id = scenario_id
        self.debrief = debrief
