"""The store interface the play loop, the app and the commands use, and its `--no-save` twin."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol, Self

from simulator.engine.run import SaveFailed
from simulator.history.models import Attempt, BestResult
from simulator.history.outbox import OutboxCounts
from simulator.model import Outcome, Track
from simulator.scoring.result import ScoreResult


class HistoryError(SaveFailed):
    """The history database cannot be used; the message names the file and says why."""


def now() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(Protocol):
    """What `SqliteStore` and `NullStore` both offer."""

    def start_attempt(
        self, scenario_id: str, scenario_hash: str, track: Track, seed: int | None,
        rubric: str | None = None,
    ) -> int:
        """A new, unfinished attempt; returns its id."""
        ...

    def record_turn(
        self, attempt_id: int, turn: int, beat: str, result: ScoreResult,
        prompt: str | None = None, *, retry: bool = False,
    ) -> None:
        """Save one scored reply (`result.text`); committed before this returns. `retry`: it
        replaces a reply the learner took back."""
        ...

    def take_back(self, attempt_id: int, turn: int) -> None:
        """Move a saved reply to the taken-back replies (kept); an ending it reached is undone."""
        ...

    def finish_attempt(self, attempt_id: int, ending: str, outcome: Outcome) -> None:
        """Mark the attempt finished with its ending and outcome."""
        ...

    def leave_attempt(self, attempt_id: int) -> None:
        """The learner left the attempt part way; it stays unfinished."""
        ...

    def outbox_counts(self, programme: str | None = None) -> OutboxCounts:
        """Programme statements sent and still waiting."""
        ...

    def attempts(self, limit: int | None = None) -> list[Attempt]:
        """Attempts newest first, finished or not, each with its turns."""
        ...

    def attempt(self, attempt_id: int) -> Attempt | None: ...

    def best_by_scenario(self) -> dict[str, BestResult]:
        """Each played scenario's record, for the scenario browser."""
        ...

    def pseudonym(self) -> str:
        """The random name anonymous exports carry, the same for every export of this store."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


class NullStore:
    """`--no-save`: the same interface, and nothing is kept anywhere."""

    def __init__(self) -> None:
        self._next = 0

    def start_attempt(
        self, scenario_id: str, scenario_hash: str, track: Track, seed: int | None,
        rubric: str | None = None,
    ) -> int:
        self._next += 1
        return self._next

    def record_turn(
        self, attempt_id: int, turn: int, beat: str, result: ScoreResult,
        prompt: str | None = None, *, retry: bool = False,
    ) -> None:
        return None

    def take_back(self, attempt_id: int, turn: int) -> None:
        return None

    def finish_attempt(self, attempt_id: int, ending: str, outcome: Outcome) -> None:
        return None

    def leave_attempt(self, attempt_id: int) -> None:
        return None

    def outbox_counts(self, programme: str | None = None) -> OutboxCounts:
        return OutboxCounts()

    def attempts(self, limit: int | None = None) -> list[Attempt]:
        return []

    def attempt(self, attempt_id: int) -> Attempt | None:
        return None

    def best_by_scenario(self) -> dict[str, BestResult]:
        return {}

    def pseudonym(self) -> str:
        return "learner-unsaved"

    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None
