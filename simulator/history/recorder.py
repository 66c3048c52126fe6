"""The seam between a play loop (plain text or the app) and the store.

`Recorder` is the engine `Run`'s `Saver` (see `simulator.engine.run`):

    run = Run(session, Recorder(store, scenario_hash=file_sha256(loaded.path)))
    step = run.reply(text)   # saved (committed) before `step` comes back to be shown

Nothing is written until the first answered turn, so opening a scenario and leaving at once
leaves no empty attempt. The turn that reaches an ending also finishes the attempt; one left
with /quit, at the end of input or by a crash stays in the history as unfinished.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.history.store import Store

if TYPE_CHECKING:
    from simulator.engine import Session, TurnResult


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file's bytes: which version of a scenario an attempt played."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Recorder:
    """Saves one session's turns as they are answered. One recorder per session."""

    def __init__(self, store: Store, scenario_hash: str, attempt_id: int | None = None) -> None:
        """`attempt_id`: go on saving into this (unfinished) attempt, for a resumed run."""
        self.store = store
        self.scenario_hash = scenario_hash
        self.attempt_id: int | None = attempt_id
        """The attempt's id, once its first turn is saved."""

    def turn_completed(self, session: Session, turn: TurnResult) -> None:
        """Save the answered turn, and the ending if it reached one, before returning."""
        if self.attempt_id is None:
            scenario = session.scenario
            self.attempt_id = self.store.start_attempt(
                scenario.id, self.scenario_hash, scenario.track, session.seed,
                rubric=getattr(scenario, "rubric", None),
            )
        self.store.record_turn(
            self.attempt_id, turn.number, turn.replied_to, turn.result, prompt=turn.prompt,
            retry=turn.retry,
        )
        if turn.ending is not None and turn.outcome is not None:
            self.store.finish_attempt(self.attempt_id, turn.ending, turn.outcome)

    def turn_taken_back(self, session: Session, turn: TurnResult) -> None:
        """The reply moves to the attempt's taken-back replies; the retry will replace it."""
        if self.attempt_id is not None:
            self.store.take_back(self.attempt_id, turn.number)

    def run_left(self, session: Session) -> None:
        """The attempt stays unfinished; a joined programme hears that it was left."""
        if self.attempt_id is not None:
            self.store.leave_attempt(self.attempt_id)
