"""Playing a scenario with made-up replies, for the trainer: every reply strong with every
criterion met and no flag, or every reply weak with nothing met. A scenario that does not
reward the first with a success and the second with a setback misleads its learners."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from simulator.engine.runtime import Prepared, prepare
from simulator.engine.session import Session
from simulator.model import Band, Outcome, Scenario
from simulator.scoring import CompiledRubric, ScoreResult
from simulator.scoring.result import CriterionResult

MAX_REPLIES = 60
"""A scenario without `max_turns` that is still going after this many replies never ends."""


@dataclass(frozen=True, slots=True)
class Playthrough:
    strong: bool
    path: tuple[str, ...]
    ending: str | None
    """None when the conversation never ended."""
    outcome: Outcome | None


class _Fixed:
    """Stands in for `Prepared`: the scenario's machine, with every reply scored alike."""

    def __init__(self, prepared: Prepared, rubric: CompiledRubric, strong: bool) -> None:
        self.machine = prepared.machine
        self.focus = prepared.focus
        self.conditions = prepared.conditions
        self._rubric = rubric.rubric
        self._strong = strong
        self._scenario = prepared.scenario

    def score(self, rubric: Any, beat_id: str, text: str, context: str | None) -> ScoreResult:
        criteria = [*self._rubric.criteria, *self._scenario.beats[beat_id].focus]
        return ScoreResult(
            text=text,
            score=1.0 if self._strong else 0.0,
            band=Band.strong if self._strong else Band.weak,
            criteria=tuple(
                CriterionResult(c.id, c.label, c.weight, self._strong, focus=c in
                                self._scenario.beats[beat_id].focus)
                for c in criteria
            ),
        )


def play_through(scenario: Scenario, rubric: CompiledRubric, *, strong: bool) -> Playthrough:
    """Where the scenario ends when every reply is all-strong (or all-weak), no flag raised."""
    fixed = _Fixed(prepare(scenario), rubric, strong)
    with Session(scenario, rubric, prepared=cast(Prepared, fixed)) as session:
        limit = scenario.max_turns or MAX_REPLIES
        while not session.ended and len(session.turns) < limit:
            session.respond("strong reply" if strong else "weak reply")
        last = session.turns[-1] if session.turns else None
        return Playthrough(
            strong=strong, path=tuple(session.path),
            ending=last.ending if last is not None else None,
            outcome=last.outcome if last is not None else None,
        )
