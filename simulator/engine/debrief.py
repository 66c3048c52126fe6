"""The debrief: what a run added up to, built from its turns alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.model import Outcome, Scenario
from simulator.scoring.result import ScoreResult

if TYPE_CHECKING:
    from simulator.engine.session import TurnResult


@dataclass(frozen=True, slots=True)
class CriterionSummary:
    """How often a criterion was met over the turns that scored it."""

    id: str
    label: str
    focus: bool
    """A beat's focus criterion, scored only at that beat."""
    met: int
    turns: int
    """Turns that scored this criterion (every turn for a rubric criterion)."""
    per_turn: tuple[bool | None, ...]
    """Met or missed for each turn of the run; None where the criterion was not scored."""
    feedback: str
    """The last missed feedback when it was ever missed, else the met feedback."""


@dataclass(frozen=True, slots=True)
class FlagSummary:
    """A flag raised during the run, how often, on which turns, and the tip."""

    id: str
    label: str
    count: int
    turns: tuple[int, ...]
    tip: str


@dataclass(frozen=True, slots=True)
class Alternative:
    """A suggested choice that would have scored higher than what the learner said."""

    turn: int
    beat: str
    choice: int
    """0-based index into the beat's choices."""
    text: str
    result: ScoreResult
    yours: ScoreResult


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario: str
    title: str
    path: tuple[str, ...]
    turns: int
    finished: bool
    ending: str | None
    outcome: Outcome | None
    text: str | None
    """The ending's debrief (Markdown), or None while the run is unfinished."""
    ran_out: bool
    """The ending was reached because `max_turns` was used up."""
    meters: dict[str, int]
    mean_score: float | None
    criteria: tuple[CriterionSummary, ...]
    flags: tuple[FlagSummary, ...]
    alternatives: tuple[Alternative, ...]


def _criteria(turns: Sequence[TurnResult]) -> tuple[CriterionSummary, ...]:
    order: dict[str, tuple[str, bool]] = {}
    for turn in turns:
        for item in turn.result.criteria:
            order.setdefault(item.id, (item.label, item.focus))
    summaries = []
    for cid, (label, focus) in order.items():
        per_turn: list[bool | None] = []
        feedback_met = feedback_missed = ""
        for turn in turns:
            found = next((c for c in turn.result.criteria if c.id == cid), None)
            per_turn.append(None if found is None else found.met)
            if found is not None and found.feedback:
                if found.met:
                    feedback_met = found.feedback
                else:
                    feedback_missed = found.feedback
        scored = [m for m in per_turn if m is not None]
        summaries.append(CriterionSummary(
            id=cid, label=label, focus=focus, met=sum(scored), turns=len(scored),
            per_turn=tuple(per_turn), feedback=feedback_missed or feedback_met,
        ))
    return tuple(summaries)


def _flags(turns: Sequence[TurnResult]) -> tuple[FlagSummary, ...]:
    seen: dict[str, tuple[str, str, list[int]]] = {}
    for turn in turns:
        for flag in turn.result.flags:
            numbers = seen.setdefault(flag.id, (flag.label, flag.tip, []))[2]
            if turn.number not in numbers:
                numbers.append(turn.number)
    return tuple(
        FlagSummary(id=fid, label=label, count=len(numbers), turns=tuple(numbers), tip=tip)
        for fid, (label, tip, numbers) in seen.items()
    )


def _alternatives(
    scenario: Scenario,
    turns: Sequence[TurnResult],
    score_choices: Callable[[TurnResult], list[ScoreResult]],
) -> tuple[Alternative, ...]:
    found = []
    for turn in turns:
        scored = score_choices(turn)
        if not scored:
            continue
        # max() keeps the first of equal scores: the trainer's order breaks ties.
        best = max(range(len(scored)), key=lambda i: scored[i].score)
        if scored[best].score > turn.result.score:
            found.append(Alternative(
                turn=turn.number, beat=turn.replied_to, choice=best,
                text=scenario.beats[turn.replied_to].choices[best],
                result=scored[best], yours=turn.result,
            ))
    return tuple(found)


def build_debrief(
    scenario: Scenario,
    turns: Sequence[TurnResult],
    score_choices: Callable[[TurnResult], list[ScoreResult]],
) -> Debrief:
    last = turns[-1] if turns else None
    ending_id = last.ending if last is not None else None
    ending = scenario.endings[ending_id] if ending_id is not None else None
    return Debrief(
        scenario=scenario.id,
        title=scenario.title,
        path=(scenario.start, *(turn.beat for turn in turns)),
        turns=len(turns),
        finished=ending is not None,
        ending=ending_id,
        outcome=ending.outcome if ending is not None else None,
        text=ending.debrief if ending is not None else None,
        ran_out=bool(last and last.ran_out),
        meters=dict(last.meters) if last is not None else dict(scenario.meters),
        mean_score=sum(t.result.score for t in turns) / len(turns) if turns else None,
        criteria=_criteria(turns),
        flags=_flags(turns),
        alternatives=_alternatives(scenario, turns, score_choices),
    )
